package report

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/answerfile/lint"
)

// Report is everything one lint run hands to an output format.
type Report struct {
	FileNames   []string                // every file checked, sorted
	Skipped     int                     // XML files skipped because their root is not ImageCustomizations
	Diagnostics []answerfile.Diagnostic // sorted (answerfile.SortDiagnostics)
	Rules       []lint.Rule             // the rule table, for SARIF metadata
	Sources     Sources                 // file -> text, for excerpts and snippets
	Color       bool                    // ANSI colour in the text format
	// Root is the working directory, absolute, or "" when unknown. The
	// SARIF, GitHub and Azure formats make names under it relative to it,
	// as those services expect paths relative to the checkout.
	Root string
	// ToolVersion is the semantic version of the tool, for SARIF's
	// tool.driver (numeric even for a development build: SARIF2005).
	ToolVersion string
	// Hostname, Started and Elapsed describe the run, for JUnit's testsuite
	// (which requires them); zero values are written as "localhost", the
	// zero time and 0.
	Hostname string
	Started  time.Time
	Elapsed  time.Duration
	// ExcerptWidth is the most characters of a source line the text and
	// SARIF formats quote, cut around the column with "…" (0:
	// DefaultExcerptWidth): a 60 MB one-line file quoted whole made 120 MB
	// of output.
	ExcerptWidth int
}

// DefaultExcerptWidth is the width of an excerpt when Report.ExcerptWidth
// is 0: wider than any line of a hand-written answer file (the longest line
// of the 216 documentation samples has 209 characters), so only a pathological
// line is cut.
const DefaultExcerptWidth = 400

// excerptWidth is r's excerpt width.
func (r *Report) excerptWidth() int {
	if r.ExcerptWidth > 0 {
		return r.ExcerptWidth
	}
	return DefaultExcerptWidth
}

// window cuts line to at most width characters around the 1-based column
// col (the first third of the window before it), marking each cut end with
// "…", and returns the cut line and where col is in it. A line that fits
// is returned as it is.
func window(line string, col, width int) (string, int) {
	if len(line) <= width {
		return line, col
	}
	n := utf8.RuneCountInString(line)
	if n <= width {
		return line, col
	}
	start := max(0, min(max(col, 1)-1-width/3, n-width))
	bs := runeOffset(line, start)
	be := bs + runeOffset(line[bs:], width)
	out, newCol := line[bs:be], col-start
	if start > 0 {
		out, newCol = "…"+out, newCol+1
	}
	if start+width < n {
		out += "…"
	}
	return out, newCol
}

// runeOffset is the byte offset of the n-th character of s (len(s) past its end).
func runeOffset(s string, n int) int {
	for i := range s {
		if n == 0 {
			return i
		}
		n--
	}
	return len(s)
}

// Inline returns s fit to print inside one line of text for a person: its
// control characters escaped as \xNN, line ends and tabs included (an ANSI
// escape sequence in a file name or a value must not reach the terminal,
// and a LF in a value, legal in XML as &#10;, must not forge a line of the
// output), C1 controls as \x80-\x9f, invalid UTF-8 as U+FFFD. Text without
// control characters is returned as is, without a copy.
func Inline(s string) string {
	if !hasControl(s, false) {
		return s
	}
	return escapeControls(s)
}

// AppendInline appends Inline(s) to b.
func AppendInline(b []byte, s string) []byte {
	if !hasControl(s, false) {
		return append(b, s...)
	}
	return append(b, escapeControls(s)...)
}

// escapeControls is Inline's work, character by character.
func escapeControls(s string) string {
	return replaceEach(s, func(r rune) string {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return fmt.Sprintf("\\x%02x", r)
		}
		return ""
	})
}

// A Format is one output format of a lint report.
type Format struct {
	Name  string // the value of --format
	Help  string // what the format is, for the long help (wrapped by the caller's text)
	write func(w io.Writer, r *Report)
}

// Formats lists every format, the default (text) first. A new format is a
// file with its writer and one entry here.
var Formats = []Format{
	{"text", `file:line:col: severity: message [rule], the source line with a
caret under the span, then a summary line; colour only on a
terminal and never with NO_COLOR`, writeTextReport},
	{"json", `one object {files, skipped, diagnostics, summary}; its schema is
printed by 'mcsf schema lint-output'`, writeJSONReport},
	{"sarif", `SARIF 2.1.0 for GitHub code scanning and SARIF viewers: full rule
help, related locations, fingerprints that survive line moves;
paths relative to the working directory, columns in characters;
over 25,000 results, split into runs of 25,000 (GitHub rejects
larger runs), at most 20, dropping the least severe beyond that
and saying so in the last run`, writeSARIFReport},
	{"junit", `JUnit XML (valid for Ant's JUnit.xsd and Jenkins xUnit's), one
testcase per file, failed by its error findings; warnings and
infos go to the suite's system-out`, writeJUnitReport},
	{"github", `GitHub Actions annotations (::error file=..,line=..,col=..::..);
infos become notices; at most 10 of each kind, as GitHub shows
no more per step, the rest as plain log lines; with
GITHUB_STEP_SUMMARY set, a table of every finding goes there`, writeGitHubReport},
	{"azure", `Azure Pipelines issues (##vso[task.logissue type=..]..); Azure
knows only error and warning, so an info is logged as a warning
whose message starts with "info: "`, writeAzureReport},
	{"checkstyle", `Checkstyle XML (Jenkins Warnings, reviewdog, SonarQube): a file
element per file, an error element per finding`, writeCheckstyleReport},
	{"codeclimate", `GitLab Code Quality (artifacts:reports:codequality): a JSON
array of issues with description, check_name, fingerprint,
severity (major, minor, info) and location`, writeCodeClimateReport},
}

// Names lists the names of the formats, the default first.
func Names() []string {
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = f.Name
	}
	return names
}

// Help describes the formats, one paragraph each, for a command's long help.
func Help() string {
	var b strings.Builder
	b.WriteString("Output formats (--format):")
	for _, f := range Formats {
		lines := strings.Split(f.Help, "\n")
		fmt.Fprintf(&b, "\n  %-6s  %s", f.Name, lines[0])
		for _, l := range lines[1:] {
			b.WriteString("\n          " + l)
		}
	}
	return b.String()
}

// ErrUnknownFormat is the error of Write for a format not in Formats.
var ErrUnknownFormat = errors.New("unknown report format")

// Write writes r to w in the named format. File names are reported as the
// caller gave them, except where a format says otherwise. The error is
// ErrUnknownFormat (wrapped) or the first write error.
func Write(w io.Writer, format string, r *Report) error {
	i := slices.IndexFunc(Formats, func(f Format) bool { return f.Name == format })
	if i < 0 {
		return fmt.Errorf("%w %q", ErrUnknownFormat, format)
	}
	// A bufio.Writer keeps the first write error, so the formats write
	// freely and the error is checked once, at Flush.
	bw := bufio.NewWriterSize(w, 64<<10) // 4 KB writes were 3,750 write calls for the small files' text report
	Formats[i].write(bw, r)
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}

// Tally counts diagnostics by severity.
type Tally struct{ Errors, Warnings, Infos int }

// Count counts ds by severity.
func Count(ds []answerfile.Diagnostic) Tally {
	var t Tally
	for _, d := range ds {
		switch d.Severity {
		case answerfile.Error:
			t.Errors++
		case answerfile.Warning:
			t.Warnings++
		default:
			t.Infos++
		}
	}
	return t
}

// reportPath is the name of file as CI services want it: relative to root,
// with forward slashes, when it lies under root; otherwise as given, with
// forward slashes. abs is the absolute name (slash-separated) when file lies
// outside root, "" otherwise.
func reportPath(file, root string) (rel, abs string) {
	if file == "" {
		return "", ""
	}
	clean := filepath.Clean(file)
	switch {
	case filepath.IsAbs(clean):
		if r, ok := underRoot(root, clean); ok {
			return filepath.ToSlash(r), ""
		}
		return filepath.ToSlash(clean), filepath.ToSlash(clean)
	case escapesRoot(clean) && root != "":
		return filepath.ToSlash(clean), filepath.ToSlash(filepath.Join(root, clean))
	}
	return filepath.ToSlash(clean), ""
}

// underRoot returns path relative to root when path lies inside root.
func underRoot(root, path string) (string, bool) {
	if root == "" {
		return "", false
	}
	r, err := filepath.Rel(root, path)
	if err != nil || escapesRoot(r) {
		return "", false
	}
	return r, true
}

// escapesRoot reports whether a clean relative path leaves its base directory.
func escapesRoot(rel string) bool {
	return rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// fileURI turns an absolute slash-separated path into a file: URI.
// Windows names (C:/x) get the extra slash of file:///C:/x.
func fileURI(abs string) string {
	if !strings.HasPrefix(abs, "/") {
		abs = "/" + abs
	}
	return (&url.URL{Scheme: "file", Path: abs}).String()
}

// relativeURI escapes a relative slash-separated path as a URI reference.
func relativeURI(rel string) string {
	return (&url.URL{Path: rel}).String()
}

// extraLines are the lines after a diagnostic's message in the one-line
// formats (GitHub, Azure, JUnit): the suggested fix and related locations.
func extraLines(d answerfile.Diagnostic, name func(string) string) []string {
	var out []string
	if d.Fix != "" {
		out = append(out, "fix: "+cleanText(d.Fix))
	}
	for _, r := range d.Related {
		out = append(out, "related: "+locationString(name(r.File), r.Line, r.Column)+": "+cleanText(r.Message))
	}
	return out
}

// locationString is file:line:col, leaving out what is unknown (0).
func locationString(file string, line, col int) string {
	return string(appendLocation(make([]byte, 0, len(file)+12), file, line, col))
}

// appendLocation appends locationString(file, line, col) to b.
func appendLocation(b []byte, file string, line, col int) []byte {
	b = AppendInline(b, file)
	if line <= 0 {
		return b
	}
	b = strconv.AppendInt(append(b, ':'), int64(line), 10)
	if col > 0 {
		b = strconv.AppendInt(append(b, ':'), int64(col), 10)
	}
	return b
}

// hasControl reports whether s holds a control character (C0, DEL or C1;
// tabs and line feeds count only unless keepLayout) or is not valid UTF-8
// (each bad byte becomes U+FFFD when cleaned).
func hasControl(s string, keepLayout bool) bool {
	high := false
	for i := 0; i < len(s); i++ {
		// Eight bytes at a time while all are printable ASCII (0x20-0x7E):
		// a byte below 0x20 borrows into its top bit, 0x7F carries into
		// it, and one from 0x80 has it set.
		// (The eight bytes are sliced first: the compiler then loads them
		// as one word: hasControl took a third less time on finding texts.)
		for ; i+8 <= len(s); i += 8 {
			t := s[i : i+8]
			w := uint64(t[0]) | uint64(t[1])<<8 | uint64(t[2])<<16 | uint64(t[3])<<24 |
				uint64(t[4])<<32 | uint64(t[5])<<40 | uint64(t[6])<<48 | uint64(t[7])<<56
			const ones = 0x0101010101010101
			if ((w-0x20*ones)|w|(w+ones))&(0x80*ones) != 0 {
				break
			}
		}
		if i >= len(s) {
			break
		}
		switch c := s[i]; {
		case c == '\t' || c == '\n':
			if !keepLayout {
				return true
			}
		case c < 0x20 || c == 0x7f:
			return true
		case c == 0xc2 && i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] < 0xa0: // U+0080–U+009F
			return true
		case c >= 0x80:
			high = true
		}
	}
	return high && !utf8.ValidString(s)
}

// replaceEach escapes s character by character: esc returns the
// replacement of a character, or "" to keep it. (Faster than building a
// strings.Replacer per call, and no package-level replacer is needed.)
func replaceEach(s string, esc func(rune) string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if e := esc(r); e != "" {
			b.WriteString(e)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// cleanText prepares a message for a line-oriented format: line ends become
// "\n", and other control characters (which could drive a terminal or break
// a log parser) become U+FFFD. Tabs stay.
func cleanText(s string) string {
	if !hasControl(s, true) {
		return s // most messages and lines: no copy, no per-rune call
	}
	return replaceControls(s)
}

// replaceControls is cleanText's work, character by character.
func replaceControls(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\r':
			return '\n'
		case r == '\t' || r == '\n':
			return r
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			return '\uFFFD'
		}
		return r
	}, s)
}
