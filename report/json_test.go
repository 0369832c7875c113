package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/mcsf-dev/mcsf/answerfile"
)

// encodeJSONReport is the reference for writeJSONReport: the jsonReport of
// r, written by encoding/json.
func encodeJSONReport(t *testing.T, r *Report) []byte {
	t.Helper()
	tl := Count(r.Diagnostics)
	out := jsonReport{
		Files:       len(r.FileNames),
		Skipped:     r.Skipped,
		Diagnostics: make([]jsonDiagnostic, 0, len(r.Diagnostics)),
		Summary:     jsonSummary(tl),
	}
	for _, d := range r.Diagnostics {
		jd := jsonDiagnostic{
			File: d.File, Line: d.Line, Column: d.Column, EndLine: d.EndLine, EndColumn: d.EndColumn,
			Path: d.Path, Rule: d.Rule, Severity: d.Severity, Message: d.Message, Fix: d.Fix,
			Related: make([]jsonRelated, 0, len(d.Related)),
		}
		for _, rel := range d.Related {
			jd.Related = append(jd.Related, jsonRelated(rel))
		}
		for _, e := range d.Edits {
			jd.Edits = append(jd.Edits, jsonEdit{Start: e.Start, End: e.End, NewText: e.NewText,
				FromLine: e.From.Line, FromColumn: e.From.Column, ToLine: e.To.Line, ToColumn: e.To.Column})
		}
		out.Diagnostics = append(out.Diagnostics, jd)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// awkwardStrings are strings that JSON must escape, or that encoding/json
// escapes although it need not.
var awkwardStrings = []string{
	"",
	`say "hi"`,
	`C:\Windows\System32`,
	"tab\there, line\nend, return\rend, crlf\r\n",
	"\x00\x01\x07\b\f\v\x1b\x1f\x7f",
	"<Setting Name=\"a&b\"/> ]]> &amp;",
	"Télécom 日本 😀",
	"line\u2028separator\u2029paragraph",
	"bad \xff byte, cut \xe6\x97 rune, overlong \xc0\xaf, surrogate \xed\xa0\x80",
	"\xe2\x80\xa8\xe2\x80\xa9\xe2\x80",
	"ends in a backslash \\",
}

func TestJSONReportMatchesEncodingJSON(t *testing.T) {
	var awkward []answerfile.Diagnostic
	for i, s := range awkwardStrings {
		d := answerfile.Diagnostic{File: s, Line: i, Column: i * 7, EndLine: i + 1, EndColumn: -1, Path: s, Rule: s,
			Severity: answerfile.Severity(i % 4), Message: s, Fix: s}
		if i%2 == 1 {
			d.Related = []answerfile.Related{{File: s, Line: 1, Column: 2, Message: s}, {Path: s, Message: "second"}}
		}
		awkward = append(awkward, d)
	}
	many := &Report{FileNames: []string{"a.xml"}}
	for i := range 3000 {
		// More than partSize findings, so that the report is written in parts.
		many.Diagnostics = append(many.Diagnostics, answerfile.Diagnostic{File: "a.xml", Line: i, Rule: "r", Severity: answerfile.Warning,
			Message: strings.Repeat("x", i%50)})
	}
	cases := []struct {
		name string
		r    *Report
	}{
		{"fixture", fixtureReport(t)},
		{"empty", &Report{}},
		{"no diagnostics", &Report{FileNames: []string{"a.xml", "b.xml"}, Skipped: 3}},
		{"awkward strings", &Report{FileNames: awkwardStrings, Skipped: 1, Diagnostics: awkward}},
		{"more than a part", many},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got bytes.Buffer
			writeJSONReport(&got, c.r)
			want := encodeJSONReport(t, c.r)
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("writeJSONReport:\ngot  %q\nwant %q", got.Bytes(), want)
			}
		})
	}
}
