package lsp

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/answerfile/lint"
)

// The finding of testdata/contoso.xml is on line 27 (0-based 26), after an
// emoji (two UTF-16 units, four UTF-8 bytes) and ü and Ü (two UTF-8 bytes
// each): `mcsf lint` puts it at column 57, in code points.
func TestDiagnosticsFollowPositionEncoding(t *testing.T) {
	for _, tc := range []struct {
		encodings  []string
		want       string
		start, end int
	}{
		{nil, encodingUTF16, 57, 65},
		{[]string{encodingUTF16}, encodingUTF16, 57, 65},
		{[]string{encodingUTF8, encodingUTF16}, encodingUTF8, 61, 69},
		{[]string{encodingUTF32}, encodingUTF32, 56, 64},
		{[]string{"utf-7", encodingUTF32}, encodingUTF32, 56, 64},
	} {
		t.Run(strings.Join(tc.encodings, ","), func(t *testing.T) {
			c := startServer(t, Options{})
			r := c.initialize(tc.encodings...)
			if r.Capabilities.PositionEncoding != tc.want {
				t.Fatalf("positionEncoding %q, want %q", r.Capabilities.PositionEncoding, tc.want)
			}
			_, uri, text := testFile(t, "contoso.xml")
			c.open(uri, text)
			got := c.waitDiags(uri, 1)
			want := []Diagnostic{{
				Range:    Range{Start: Position{26, tc.start}, End: Position{26, tc.end}},
				Severity: severityError,
				Code:     lint.RuleEmptyValue,
				Source:   "mcsf",
				Message: `setting "AutoRetryDownload" has an empty Value, as the documentation samples ship it: ` +
					`fill it in with 0 or 1 (default 0)`,
			}}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
			// The edit that fills the value in is a range after the same characters.
			from := Position{26, tc.end - 1}
			c.change(uri, 2, &Range{Start: from, End: from}, "1")
			if got := c.waitDiags(uri, 2); len(got) != 0 {
				t.Errorf("after the fix: %v, want none", got)
			}
			c.shutdown()
		})
	}
}

func TestDiagnosticsRelatedAndSyntax(t *testing.T) {
	c := startServer(t, Options{})
	c.initialize()
	_, uri, text := testFile(t, "contoso.xml")
	dup := strings.Replace(text, "  </Targets>", "    <Target Id=\"Contoso\">\n      <TargetState>\n        <Condition Name=\"MCC\" Value=\"311\"/>\n      </TargetState>\n    </Target>\n  </Targets>", 1)
	c.open(uri, dup)
	var found bool
	for _, d := range c.waitDiags(uri, 1) {
		if d.Code != lint.RuleDuplicateTargetID {
			continue
		}
		found = true
		if d.Range.Start != (Position{9, 12}) {
			t.Errorf("duplicate-target-id at %v, want 9:12", d.Range.Start)
		}
		want := []diagnosticRelatedInformation{{Location: Location{URI: uri, Range: Range{Start: Position{3, 4}, End: Position{3, 4}}}, Message: "first declared here"}}
		if diff := cmp.Diff(want, d.RelatedInformation); diff != "" {
			t.Errorf("related (-want +got):\n%s", diff)
		}
	}
	if !found {
		t.Fatalf("no duplicate-target-id in %v", c.waitDiags(uri, 1))
	}
	// Half a file: the reader's finding, at the place where it stops.
	c.change(uri, 2, nil, text[:strings.Index(text, "<Static>")+3])
	got := c.waitDiags(uri, 2)
	if len(got) != 1 || got[0].Code != answerfile.RuleXMLSyntax || got[0].Range.Start.Line != 10 {
		t.Errorf("half a file: %v, want one xml-syntax finding on line 10", got)
	}
}

func TestDiagnosticsConfiguration(t *testing.T) {
	_, uri, text := testFile(t, "contoso.xml")
	var asked []string
	c := startServer(t, Options{Config: func(path string) (lint.Config, error) {
		asked = append(asked, filepath.Base(path))
		if len(asked) == 1 {
			return lint.Config{Severity: map[string]answerfile.Severity{lint.RuleEmptyValue: answerfile.Info}}, nil
		}
		return lint.Config{}, errors.New(`configuration .mcsf.yaml is invalid: .mcsf.yaml:1:1: unknown key "strit"`)
	}})
	c.initialize()
	c.open(uri, text)
	got := c.waitDiags(uri, 1)
	if len(got) != 1 || got[0].Severity != severityInformation {
		t.Fatalf("with empty-value=info: %v, want one information", got)
	}
	c.change(uri, 2, nil, text)
	got = c.waitDiags(uri, 2)
	var codes []string
	for _, d := range got {
		codes = append(codes, d.Code)
	}
	if diff := cmp.Diff([]string{CodeConfig, lint.RuleEmptyValue}, codes); diff != "" {
		t.Errorf("with an invalid configuration (-want +got):\n%s", diff)
	}
	if got[0].Range.Start != (Position{}) || !strings.Contains(got[0].Message, `unknown key "strit"`) {
		t.Errorf("config finding %v", got[0])
	}
	if diff := cmp.Diff([]string{"contoso.xml", "contoso.xml"}, asked); diff != "" {
		t.Errorf("Config asked for (-want +got):\n%s", diff)
	}
}

// An imported file's findings are published under its own URI, and taken
// from the editor when it is open there.
func TestDiagnosticsImports(t *testing.T) {
	dir := t.TempDir()
	_, _, text := testFile(t, "contoso.xml")
	imported := strings.Replace(text, ` Value="410"`, ` Value=""`, 1)
	impPath := filepath.Join(dir, "operator.xml")
	if err := os.WriteFile(impPath, []byte(strings.Replace(imported, `<Variant Name="Contoso">`, `<Variant Name="Other">`, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	root := importingRoot("operator.xml", false)
	rootURI := pathToURI(filepath.Join(dir, "root.xml"))
	c := startServer(t, Options{})
	c.initialize()
	c.open(rootURI, root)
	if got := c.waitDiags(rootURI, 1); len(got) != 0 {
		t.Errorf("root: %v, want none", got)
	}
	impURI := pathToURI(impPath)
	var codes []string
	for _, d := range c.waitDiags(impURI, 0) {
		codes = append(codes, d.Code)
	}
	if !contains(codes, lint.RuleInvalidConditionValue) && !contains(codes, lint.RuleEmptyValue) {
		t.Errorf("imported file: %v, want the empty MNC and empty Value", codes)
	}
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// TestFindingRange: a finding's range, found in one walk of its line, is
// the range of its byte offsets (fileOffset, then position) for every
// line and column, spans that end before they start or run to the line's
// end, in every encoding, on text with a byte-order mark, CR LF, lone CRs,
// empty lines and characters of one to four bytes.
func TestFindingRange(t *testing.T) {
	for _, src := range []string{
		"\uFEFF<a>é\r\n\r\n  <b x=\"𝄞ü\"/>\rz\n\n<c/>",
		"<a>\n\t<b>日本</b>\n</a>",
		"\uFEFF",
		"",
		"x",
	} {
		tx := newText(src)
		ft := fileTexts{texts: map[string]*text{"f": tx}}
		for _, enc := range []string{encodingUTF8, encodingUTF16, encodingUTF32} {
			for line := 0; line <= len(tx.starts)+1; line++ {
				for col := 0; col <= 12; col++ {
					for _, end := range [][2]int{{0, 0}, {line, col + 2}, {line, col - 1}, {line + 1, 1}, {line - 1, 3}} {
						from := tx.fileOffset(line, col)
						to := from
						switch {
						case end[0] > 0:
							to = tx.fileOffset(end[0], end[1])
						case line > 0:
							to = tx.lineEnd(tx.line(from))
						}
						want := tx.rangeOf(from, to, enc)
						if got := ft.rangeOf("f", line, col, end[0], end[1], enc); got != want {
							t.Errorf("%q %s: finding %d:%d-%d:%d: got %v, want %v", src, enc, line, col, end[0], end[1], got, want)
						}
					}
				}
			}
		}
	}
}
