package report

import (
	"fmt"
	"github.com/mcsf-dev/mcsf/internal/english"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/mcsf-dev/mcsf/answerfile"
)

// Sources maps a file name (as in Diagnostic.File) to its text, for excerpts.
type Sources map[string]*answerfile.Source

const (
	ansiReset = "\x1b[0m"
	ansiBold  = "\x1b[1m"
	ansiRed   = "\x1b[31m"
	ansiYel   = "\x1b[33m"
	ansiCyan  = "\x1b[36m"
	ansiGreen = "\x1b[32m"
)

// WriteDiagnostics prints each diagnostic as
//
//	file:line:col: severity: message [rule]
//
// followed by the source line and a caret under the span, and related
// locations indented below.
func WriteDiagnostics(w io.Writer, ds []answerfile.Diagnostic, src Sources, color bool) {
	_ = writeDiagnostics(w, ds, src, color, DefaultExcerptWidth, reportWorkers())
}

// writeDiagnostics is WriteDiagnostics with excerpts of at most width
// characters, formatted by up to workers goroutines (writeParts); it
// returns the first write error.
func writeDiagnostics(w io.Writer, ds []answerfile.Diagnostic, src Sources, color bool, width, workers int) error {
	parts := cutParts(len(ds))
	if workers > 1 && len(parts) > 1 {
		// Each Source indexes its text now, not at its first line, so
		// that goroutines may read one at once: the findings of a file
		// with many are formatted, and held, a part at a time (whole, the
		// text of bench/gen's 5,000 targets was 16 MB more peak memory).
		for _, s := range src {
			s.Index()
		}
	}
	return writeParts(w, parts, workers, func(b []byte, p span) []byte {
		t := textWriter{src: src, color: color, width: width}
		for i := p.lo; i < p.hi; i++ {
			b = t.appendDiagnostic(b, &ds[i])
		}
		return b
	})
}

// textWriter formats diagnostics in the text form. It remembers the Source
// of the last file (the findings of a file come together).
type textWriter struct {
	src   Sources
	color bool
	width int
	file  string
	s     *answerfile.Source
}

// source returns the Source of file, or nil.
func (t *textWriter) source(file string) *answerfile.Source {
	if t.s == nil || file != t.file {
		t.file, t.s = file, t.src[file]
	}
	return t.s
}

// appendDiagnostic appends the text of d: its line, the source line with a
// caret under the span, the fix and the related locations. Each diagnostic
// used to be built with fmt.Fprintf per line, which cost a third more CPU
// than the JSON report; then its caret line was built as strings.
func (t *textWriter) appendDiagnostic(b []byte, d *answerfile.Diagnostic) []byte {
	color := t.color
	sevColor := ansiCyan
	switch d.Severity {
	case answerfile.Error:
		sevColor = ansiRed
	case answerfile.Warning:
		sevColor = ansiYel
	}
	if color {
		b = append(b, ansiBold...)
	}
	b = appendLocation(b, d.File, d.Line, d.Column)
	if color {
		b = append(b, ansiReset...)
	}
	b = append(b, ": "...)
	b = appendPainted(b, color, sevColor, d.Severity.String())
	b = append(b, ": "...)
	b = AppendInline(b, d.Message) // one line: a LF from a value quoted raw must not forge a finding
	b = append(b, ' ')
	if color {
		b = append(b, ansiBold...)
	}
	b = append(append(append(b, '['), d.Rule...), ']')
	if color {
		b = append(b, ansiReset...)
	}
	b = append(b, '\n')
	if d.Line > 0 {
		if s := t.source(d.File); s != nil {
			b = t.appendExcerpt(b, s.Line(d.Line), d, sevColor)
		}
	}
	if d.Fix != "" {
		b = append(b, "  "...)
		b = appendPainted(b, color, ansiGreen, "fix:")
		b = append(AppendInline(append(b, ' '), d.Fix), '\n')
	}
	for _, r := range d.Related {
		b = appendLocation(append(b, "  "...), r.File, r.Line, r.Column)
		b = append(AppendInline(append(b, ": "...), r.Message), '\n')
	}
	return b
}

// appendExcerpt appends the source line raw of d (cut to the width) and,
// when d has a column, a line with a caret under its span.
func (t *textWriter) appendExcerpt(b []byte, raw string, d *answerfile.Diagnostic, sevColor string) []byte {
	raw, col := window(raw, d.Column, t.width)
	line := raw
	ascii := plainASCII(raw) // one byte a column, nothing to clean or expand
	if !ascii {
		line = cleanText(raw)
	}
	if line == "" && d.Column <= 0 {
		return b
	}
	if ascii {
		b = append(append(append(b, "  "...), line...), '\n')
	} else {
		b = append(append(append(b, "  "...), expandTabs(line)...), '\n')
	}
	if d.Column <= 0 {
		return b
	}
	// The span in the cut line: its end moves with its start, and stops
	// one past the line's end.
	end := d.EndColumn
	if d.EndLine == d.Line && d.EndColumn > d.Column {
		n := len(raw)
		if !ascii {
			n = utf8.RuneCountInString(raw)
		}
		end = min(d.EndColumn-d.Column+col, n+1)
	}
	b = append(b, "  "...)
	if ascii {
		b = appendRepeat(b, ' ', max(col, 1)-1)
	} else {
		b = append(b, caretPad(line, max(col, 1))...)
	}
	if t.color {
		b = append(b, sevColor...)
	}
	b = appendRepeat(append(b, '^'), '~', caretWidth(line, col, d.Line, end, d.EndLine)-1)
	if t.color {
		b = append(b, ansiReset...)
	}
	return append(b, '\n')
}

// appendPainted appends s, in the ANSI colour code when color is set.
func appendPainted(b []byte, color bool, code, s string) []byte {
	if !color {
		return append(b, s...)
	}
	return append(append(append(b, code...), s...), ansiReset...)
}

// appendRepeat appends n copies of c (none when n <= 0).
func appendRepeat(b []byte, c byte, n int) []byte {
	for ; n > 0; n-- {
		b = append(b, c)
	}
	return b
}

// caretWidth is how many characters ^~~~ covers under the span from
// column col of line (1-based) to endCol of endLine, the span's first
// line being line: at least one, to the end of the line when the span
// goes on past it.
func caretWidth(line string, col, lineNo, endCol, endLine int) int {
	col = max(col, 1)
	switch {
	case endLine == lineNo && endCol > col:
		return endCol - col
	case endLine > lineNo:
		return max(utf8.RuneCountInString(line)-col+1, 1)
	}
	return 1
}

// caretPad is what goes before the caret under column col of line: a tab
// for each tab before it, a space for each other character.
func caretPad(line string, col int) string {
	prefix := []rune(line)
	if col-1 < len(prefix) {
		prefix = prefix[:col-1]
	}
	pad := strings.Map(func(r rune) rune {
		if r == '\t' {
			return r
		}
		return ' '
	}, string(prefix))
	pad = expandTabs(pad)
	for utf8.RuneCountInString(pad) < col-1 {
		pad += " "
	}
	return pad
}

// plainASCII reports whether s is printable ASCII: one byte a column, no tab.
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func expandTabs(s string) string {
	if strings.IndexByte(s, '\t') < 0 {
		return s
	}
	return strings.ReplaceAll(s, "\t", "    ")
}

// summaryLine is the closing line of a text report.
func summaryLine(files, errors, warnings, infos int) string {
	if errors+warnings+infos == 0 {
		return fmt.Sprintf("%s checked, no findings", english.Count(files, "file"))
	}
	return fmt.Sprintf("%s checked: %s, %s, %s", english.Count(files, "file"), english.Count(errors, "error"), english.Count(warnings, "warning"), english.Count(infos, "info"))
}

// writeTextReport prints the diagnostics, then the summary line; files that
// were skipped (XML that is not an answer file) are counted in it.
func writeTextReport(w io.Writer, r *Report) {
	if writeDiagnostics(w, r.Diagnostics, r.Sources, r.Color, r.excerptWidth(), reportWorkers()) != nil {
		return // the caller's bufio.Writer keeps the error
	}
	t := Count(r.Diagnostics)
	line := summaryLine(len(r.FileNames), t.Errors, t.Warnings, t.Infos)
	switch r.Skipped {
	case 0:
	case 1:
		line += " (1 other XML file skipped: its root is not ImageCustomizations)"
	default:
		line += fmt.Sprintf(" (%d other XML files skipped: their root is not ImageCustomizations)", r.Skipped)
	}
	fmt.Fprintln(w, line)
}
