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
	writeDiagnostics(w, ds, src, color, DefaultExcerptWidth)
}

// writeDiagnostics is WriteDiagnostics with excerpts of at most width
// characters. Each diagnostic is built in one buffer and written at once:
// with fmt.Fprintf per line the text report cost a third more CPU than
// the JSON one on the 10,000 small files.
func writeDiagnostics(w io.Writer, ds []answerfile.Diagnostic, src Sources, color bool, width int) {
	var b []byte
	paint := func(code, s string) {
		if color {
			b = append(b, code...)
		}
		b = append(b, s...)
		if color {
			b = append(b, ansiReset...)
		}
	}
	for _, d := range ds {
		b = b[:0]
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
		paint(sevColor, d.Severity.String())
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
		if s := src[d.File]; s != nil && d.Line > 0 {
			raw, col := window(s.Line(d.Line), d.Column, width)
			if d.Column > 0 {
				if d.EndLine == d.Line && d.EndColumn > d.Column {
					d.EndColumn = min(d.EndColumn-d.Column+col, utf8.RuneCountInString(raw)+1)
				}
				d.Column = col
			}
			if line := cleanText(raw); line != "" || d.Column > 0 {
				b = append(append(append(b, "  "...), expandTabs(line)...), '\n')
				if d.Column > 0 {
					c := caret(line, d)
					i := strings.IndexByte(c, '^')
					b = append(append(b, "  "...), c[:i]...)
					paint(sevColor, c[i:])
					b = append(b, '\n')
				}
			}
		}
		if d.Fix != "" {
			b = append(b, "  "...)
			paint(ansiGreen, "fix:")
			b = append(AppendInline(append(b, ' '), d.Fix), '\n')
		}
		for _, r := range d.Related {
			b = appendLocation(append(b, "  "...), r.File, r.Line, r.Column)
			b = append(AppendInline(append(b, ": "...), r.Message), '\n')
		}
		if _, err := w.Write(b); err != nil {
			return // the caller's bufio.Writer keeps the error
		}
	}
}

// caret draws ^~~~ under the diagnostic's span on its first line.
func caret(line string, d answerfile.Diagnostic) string {
	col := max(d.Column, 1)
	n := utf8.RuneCountInString(line)
	width := 1
	if d.EndLine == d.Line && d.EndColumn > col {
		width = d.EndColumn - col
	} else if d.EndLine > d.Line {
		width = max(n-col+1, 1)
	}
	if plainASCII(line) {
		// The common line: no tab, one byte a column (the general pad
		// below made three copies of the line per finding).
		return strings.Repeat(" ", col-1) + "^" + strings.Repeat("~", max(width-1, 0))
	}
	return caretPad(line, col) + "^" + strings.Repeat("~", max(width-1, 0))
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
	writeDiagnostics(w, r.Diagnostics, r.Sources, r.Color, r.excerptWidth())
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
