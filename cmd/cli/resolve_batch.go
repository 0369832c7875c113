package cli

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"github.com/mcsf-dev/mcsf/fileio"
	"github.com/mcsf-dev/mcsf/internal/english"
	"github.com/mcsf-dev/mcsf/report"
	"github.com/mcsf-dev/mcsf/variant"
)

// resolve_batch.go: resolve --sims streams. The SIMs are read one row at a
// time, resolved on every core by variant.ResolveStream and written in
// input order as they come; the text matrix has its column widths from the
// answer file and the documented sizes of SIM fields, so nothing is held
// back to align it. Memory does not grow with the number of SIMs.

// maxBatchWarnings is how many per-row warnings a batch prints before it
// only counts them [policy]: a file of a million mistyped ICCIDs should not
// bury the answer.
const maxBatchWarnings = 20

// progressThreshold is the number of SIMs from which a terminal gets a
// progress line.
const progressThreshold = 5000

// simSource reads --sims: each row validated, merged over the SIM flags.
type simSource struct {
	name   string
	pr     *variant.ProfileReader
	base   variant.Profile
	closer io.Closer
	size   int64          // bytes of the file; 0 when unknown (standard input)
	read   *countedReader // bytes read so far, for the progress line
	peeked *peekedRow     // the first row, read early for the column names of JSON input
	rows   int
}

type peekedRow struct {
	p        variant.Profile
	warnings []string
	err      error
}

// openSims opens --sims and reads its header; a bad header is a usage error.
func (o *resolveOptions) openSims(base variant.Profile, stdin io.Reader, errOut io.Writer) (*simSource, error) {
	ws, err := variant.ValidateProfile("SIM flags", base)
	if err != nil {
		return nil, usageError("%v", err)
	}
	warn(errOut, ws)
	src := &simSource{name: o.simsFile, base: base}
	r := fileio.LimitReader(stdin, "standard input", o.maxFileSize)
	if o.simsFile != "-" {
		f, err := fileio.Open(o.simsFile, o.maxFileSize)
		if err != nil {
			return nil, usageError("--sims: %v", readError(input{path: o.simsFile, display: o.simsFile}, err))
		}
		src.closer = f
		if st, err := os.Stat(o.simsFile); err == nil && st.Mode().IsRegular() {
			src.size = st.Size()
		}
		r = f
	}
	src.read = &countedReader{r: r}
	if src.pr, err = variant.NewProfileReaderLimits(o.simsFile, src.read, o.simLimits); err != nil {
		src.close()
		return nil, usageError("--sims %v", err)
	}
	return src, nil
}

func (s *simSource) close() {
	if s.closer != nil {
		s.closer.Close()
	}
}

// Next returns the next row over the SIM flags; a bad row is a usage error.
func (s *simSource) Next() (variant.Profile, []string, error) {
	var p variant.Profile
	var ws []string
	var err error
	if s.peeked != nil {
		p, ws, err = s.peeked.p, s.peeked.warnings, s.peeked.err
		s.peeked = nil
	} else {
		p, ws, err = s.pr.Next()
	}
	if err == io.EOF {
		if s.rows == 0 {
			return p, nil, usageError("--sims %s: no SIMs in the file", s.name)
		}
		return p, nil, io.EOF
	}
	if err != nil {
		return p, nil, usageError("--sims %v", err)
	}
	s.rows++
	if s.base.Len() > 0 {
		p = s.base.Merge(p)
		if msg := variant.CheckProfile(p); msg != "" {
			return p, nil, usageError("--sims %s: row %d with the flags: %s", s.name, s.rows, msg)
		}
	}
	return p, ws, nil
}

// names are the SIM fields the matrix shows as columns: the CSV header, or
// the names of the first JSON object, then the SIM flags'.
func (s *simSource) names() []string {
	names := s.pr.Names()
	if names == nil {
		p, ws, err := s.pr.Next()
		s.peeked = &peekedRow{p, ws, err}
		if err == nil {
			for _, pr := range p.Pairs() {
				names = append(names, pr.Name)
			}
		}
	}
	for _, pr := range s.base.Pairs() {
		if !containsFold(names, pr.Name) {
			names = append(names, pr.Name)
		}
	}
	return names
}

func containsFold(names []string, name string) bool {
	for _, n := range names {
		if strings.EqualFold(n, name) {
			return true
		}
	}
	return false
}

// countedReader counts the bytes read, for the progress line (read on
// another goroutine).
type countedReader struct {
	r io.Reader
	n atomic.Int64
}

func (c *countedReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// writeBatch resolves every SIM of src and writes each result as it comes:
// a JSON array, or the text matrix.
func (o *resolveOptions) writeBatch(w io.Writer, c *variant.Compiled, src *simSource, errOut io.Writer) error {
	progress := &progress{w: errOut, on: isTerminal(errOut), size: src.size, read: &src.read.n}
	defer progress.done()
	warnings := 0
	warnAll := func(it *variant.BatchItem) {
		for _, m := range it.Warnings {
			if warnings++; warnings <= maxBatchWarnings {
				fmt.Fprintf(errOut, "mcsf: warning: %s\n", m)
			}
		}
	}
	defer func() {
		if n := warnings - maxBatchWarnings; n > 0 {
			fmt.Fprintf(errOut, "mcsf: warning: %s not shown (%s)\n", english.Count(n, "more warning"), src.name)
		}
	}()
	opt := variant.BatchOptions{Explain: o.explain}
	if o.format == "json" {
		opt.Render = func(b []byte, it *variant.BatchItem) ([]byte, error) {
			return it.Result.AppendJSON(append(b, "  "...)), nil
		}
		if _, err := io.WriteString(w, "["); err != nil {
			return err
		}
		sep := "\n"
		err := c.ResolveStream(src, opt, func(it *variant.BatchItem, out []byte) error {
			warnAll(it)
			progress.add(it.Row)
			if _, err := io.WriteString(w, sep); err != nil {
				return err
			}
			sep = ",\n"
			_, err := w.Write(out)
			return err
		})
		if err != nil {
			return err
		}
		_, err = io.WriteString(w, "\n]\n")
		return err
	}
	m := newMatrix(c, src.names())
	if err := m.writeHeader(w); err != nil {
		return err
	}
	opt.Render = m.appendRow
	return c.ResolveStream(src, opt, func(it *variant.BatchItem, out []byte) error {
		warnAll(it)
		progress.add(it.Row)
		_, err := w.Write(out)
		return err
	})
}

// matrix is the text form of a batch: one row per SIM, a column per SIM
// field and per runtime setting, every width known before the first row.
type matrix struct {
	sims    []string // SIM field names
	simKeys []string // in lower case
	simW    []int
	cols    []variant.RuntimeColumn
	labels  []string
	colW    []int
	issuesW int
}

// fieldWidth is the widest value a SIM field can have, from what the SIM
// holds (validated by variant.CheckProfileValue); fields without a
// documented size get 16, and a longer value pushes the rest of its row
// to the right.
func fieldWidth(name string) int {
	switch strings.ToLower(name) {
	case "mcc":
		return 3
	case "mnc":
		return 3
	case "imsi":
		return 15
	case "iccid":
		return 22
	case "roaming", "uicc", "uiccslot":
		return 1
	}
	return variant.MaxSPNLength // SPN, GID1 (16 hex digits) and the rest
}

// rowWidth is the width of the row number column: up to 99,999,999 SIMs
// line up.
const rowWidth = 8

func newMatrix(c *variant.Compiled, sims []string) *matrix {
	m := &matrix{sims: slices.Clone(sims), cols: c.RuntimeColumns()}
	for i, n := range sims {
		m.simKeys = append(m.simKeys, strings.ToLower(n))
		m.sims[i] = variant.CanonicalName(n)
		if strings.EqualFold(n, "imsi") {
			m.sims[i] = "IMSI"
		}
		m.sims[i] = report.Inline(m.sims[i]) // a header name with ESC or LF: escaped, and its width that of the escaped text
		m.simW = append(m.simW, max(utf8.RuneCountInString(m.sims[i]), fieldWidth(n)))
	}
	m.labels = columnLabels(m.cols)
	for i, l := range m.labels {
		m.labels[i] = report.Inline(l) // setting names with LF or tab stay in their column
	}
	for i, col := range m.cols {
		w := max(utf8.RuneCountInString(m.labels[i]), 1)
		for _, v := range col.Values {
			for _, f := range append([]string{""}, col.Forced...) {
				w = max(w, utf8.RuneCountInString(cellText(v.Value, v.Scope, v.Undocumented, f)))
			}
		}
		m.colW = append(m.colW, w)
	}
	m.issuesW = len("Issues")
	for _, s := range []string{"99 conflicts, 99 undecided"} {
		m.issuesW = max(m.issuesW, len(s))
	}
	return m
}

// columnLabels names each runtime column by the last segment of its
// setting name, with more of its path where two would read alike.
func columnLabels(cols []variant.RuntimeColumn) []string {
	labels := make([]string, len(cols))
	count := map[string]int{}
	last := func(s string) string { return s[strings.LastIndexAny(s, `/\`)+1:] }
	for i, c := range cols {
		labels[i] = last(c.Name)
		count[strings.ToLower(labels[i])]++
	}
	for i, c := range cols {
		if count[strings.ToLower(labels[i])] > 1 {
			labels[i] = last(strings.TrimRight(c.Path, `/\`)) + "/" + labels[i]
		}
	}
	again := map[string]int{}
	for _, l := range labels {
		again[strings.ToLower(l)]++
	}
	for i, c := range cols {
		if again[strings.ToLower(labels[i])] > 1 {
			labels[i] = c.Path + " " + c.Name
		}
	}
	return labels
}

// cellText is one runtime value in the matrix: "2 (per-imsi)", "1
// (default)", "unset", "2? (per-imsi)" for a value the documentation does
// not define, "0 forced 1 (per-device)" when the runtime uses 1 instead.
func cellText(value, scope string, undocumented bool, forced string) string {
	return string(appendCell(nil, value, scope, undocumented, forced))
}

func appendCell(b []byte, value, scope string, undocumented bool, forced string) []byte {
	if scope == variant.ScopeUnset {
		return append(b, "unset"...)
	}
	b = report.AppendInline(b, value) // a value with LF or tab (&#10;) stays in its cell
	if undocumented {
		b = append(b, '?')
	}
	if forced != "" {
		b = report.AppendInline(append(b, " forced "...), forced)
	}
	return append(append(append(b, " ("...), scope...), ')')
}

// padCell appends a cell (appendCell) padded as pad does.
func padCell(b []byte, value, scope string, undocumented bool, forced string, width int) []byte {
	start := len(b)
	b = appendCell(b, value, scope, undocumented, forced)
	return padTo(b, b[start:], width)
}

func (m *matrix) writeHeader(w io.Writer) error {
	var b []byte
	if len(m.cols) > 0 {
		b = append(b, "Columns: the value each setting has for the SIM (the scope it is read from); ? a value the documentation does not define; forced N: the runtime uses N instead; - not set\n"...)
		b = append(b, "Variants: those applied, in order; FACT=VALUE: variants for each value of a fact the SIM does not give (Roaming, UICC, UICCSLOT)\n"...)
		custW := 0
		for _, c := range m.cols {
			custW = max(custW, len(orDash(c.Customization)))
		}
		for i, c := range m.cols {
			b = fmt.Appendf(b, "  %-*s  %-*s  %s %s\n", maxLabel(m.labels), m.labels[i], custW, orDash(c.Customization), report.Inline(c.Path), report.Inline(c.Name))
		}
		b = append(b, '\n')
	}
	b = pad(b, "#", rowWidth)
	for i, n := range m.sims {
		b = pad(b, n, m.simW[i])
	}
	for i := range m.cols {
		b = pad(b, m.labels[i], m.colW[i])
	}
	b = pad(b, "Issues", m.issuesW)
	b = append(b, "Variants\n"...)
	_, err := w.Write(b)
	return err
}

func maxLabel(labels []string) int {
	n := 0
	for _, l := range labels {
		n = max(n, utf8.RuneCountInString(l))
	}
	return n
}

// pad appends s (its control characters escaped: report.Inline) and spaces
// up to width, and two spaces between columns.
func pad(b []byte, s string, width int) []byte {
	start := len(b)
	b = report.AppendInline(b, s)
	return padTo(b, b[start:], width)
}

// padTo appends the spaces that take cell, just appended to b, to width
// and two more.
func padTo(b, cell []byte, width int) []byte {
	n := len(cell)
	for _, c := range cell {
		if c >= utf8.RuneSelf {
			n = utf8.RuneCount(cell)
			break
		}
	}
	if n < width+2 {
		b = append(b, spaces[:min(width+2-n, len(spaces))]...)
	}
	return b
}

const spaces = "                                                                                                    "

// appendRow renders one SIM's row; it runs on the resolving goroutines.
func (m *matrix) appendRow(b []byte, it *variant.BatchItem) ([]byte, error) {
	r := &it.Result
	start := len(b)
	b = strconv.AppendInt(b, int64(it.Row), 10)
	b = padTo(b, b[start:], rowWidth)
	shown := 0
	for i, n := range m.simKeys {
		v, ok := r.SIM.Get(n) // n is lower case: Get need not convert it
		if ok {
			shown++
		} else {
			v = "-"
		}
		b = pad(b, v, m.simW[i])
	}
	var other []string // names of a JSON row that the first row did not have
	if shown < r.SIM.Len() {
		for _, pr := range r.SIM.Pairs() {
			if !containsFold(m.sims, pr.Name) {
				other = append(other, pr.Name+"="+pr.Value)
			}
		}
	}
	var atBuf [32]int32
	at := atBuf[:0]
	if len(m.cols) > len(atBuf) {
		at = make([]int32, len(m.cols))
	}
	at = at[:len(m.cols)] // the Runtime row of each column, + 1
	for j := range r.Runtime {
		if ci := r.RuntimeColumn(j); ci >= 0 && ci < len(at) {
			at[ci] = int32(j + 1)
		}
	}
	for ci := range m.cols {
		if j := at[ci]; j > 0 {
			s := &r.Runtime[j-1]
			b = padCell(b, s.Value, s.Scope, s.Undocumented, s.Forced, m.colW[ci])
		} else {
			b = pad(b, "-", m.colW[ci])
		}
	}
	iss := issues(r)
	if len(other) > 0 {
		iss = strings.TrimPrefix(iss+", also "+strings.Join(other, " "), ", ")
	}
	b = pad(b, orDash(iss), m.issuesW)
	if len(r.Cases) > 0 {
		return append(appendCases(b, r.Cases), '\n'), nil
	}
	for i, mt := range r.Matched {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = report.AppendInline(b, mt.Variant)
	}
	if len(r.Matched) == 0 {
		b = append(b, '-')
	}
	return append(b, '\n'), nil
}

// appendCases writes the variants of each case of an answer that depends
// on facts the SIM does not give: "Roaming=0: Home; Roaming=1: -".
func appendCases(b []byte, cases []variant.Case) []byte {
	for i, c := range cases {
		if i > 0 {
			b = append(b, "; "...)
		}
		for j, f := range c.Facts {
			if j > 0 {
				b = append(b, ' ')
			}
			b = append(append(append(b, f.Name...), '='), f.Value...)
		}
		b = append(b, ": "...)
		if len(c.Variants) == 0 {
			b = append(b, '-')
		}
		for j, v := range c.Variants {
			if j > 0 {
				b = append(b, ", "...)
			}
			b = report.AppendInline(b, v)
		}
		if c.Undecided > 0 {
			b = fmt.Appendf(b, " (%d still undecided)", c.Undecided)
		}
	}
	return b
}

// progress draws a progress line on a terminal while a batch runs: the
// share of the file read, or the number of SIMs from standard input.
type progress struct {
	w       io.Writer
	on      bool
	size    int64         // bytes of the input; 0 when unknown
	read    *atomic.Int64 // bytes read so far
	shown   bool
	last    int64
	lastRow int
}

func (p *progress) add(row int) {
	if !p.on || row < progressThreshold || row-p.lastRow < 1000 {
		return
	}
	p.lastRow = row
	if p.size > 0 {
		pct := min(p.read.Load()*100/p.size, 100)
		if pct == p.last && p.shown {
			return
		}
		p.last = pct
		const width = 30
		filled := int(pct) * width / 100
		fmt.Fprintf(p.w, "\rresolving [%s%s] %3d%% %d SIMs", strings.Repeat("=", filled), strings.Repeat(" ", width-filled), pct, row)
	} else {
		fmt.Fprintf(p.w, "\rresolving: %d SIMs", row)
	}
	p.shown = true
}

func (p *progress) done() {
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}
