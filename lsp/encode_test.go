package lsp

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/mcsf-dev/mcsf/answerfile/lint"
)

// TestAppendPublication: the hand-written JSON of a publication decodes to
// what encoding/json's encoding of it decodes to, both as the protocol's
// types and as plain JSON values (which would show a misspelt or missing
// field): for strings with every ASCII control, quotes, backslashes, HTML
// characters, invalid UTF-8, U+2028 and U+2029 and other non-ASCII text, for
// the optional fields present and absent, and for the diagnostics of every
// documentation sample.
func TestAppendPublication(t *testing.T) {
	var ascii strings.Builder
	for c := range 0x80 {
		ascii.WriteByte(byte(c))
	}
	odd := []string{"", ascii.String(), `quote " and backslash \ `, "<a href=\"x\">&amp;</a>", "bad \xff\xfe utf-8 \xe2\x82",
		"line\u2028paragraph\u2029end", "für Ü 😀 ❄", "tab\tnew\nline\r\n"}
	version := 7
	ps := []publishDiagnosticsParams{
		{URI: "file:///a.xml", Diagnostics: []Diagnostic{}},
	}
	for _, s := range odd {
		d := Diagnostic{Range: Range{Start: Position{1, 2}, End: Position{3, 40}}, Severity: 2, Code: s, Source: "mcsf", Message: s}
		withAll := d
		withAll.CodeDescription = &codeDescription{Href: "https://example.com/" + s}
		withAll.RelatedInformation = []diagnosticRelatedInformation{
			{Location: Location{URI: "file:///" + s, Range: Range{End: Position{0, 1}}}, Message: s},
			{Location: Location{URI: "file:///b.xml"}, Message: "second"},
		}
		ps = append(ps, publishDiagnosticsParams{URI: "file:///" + s, Version: &version, Diagnostics: []Diagnostic{d, withAll}})
	}
	dir := filepath.Join("..", "..", "shared", "corpus", "mcsf")
	files, _ := filepath.Glob(filepath.Join(dir, "*.xml"))
	if len(files) == 0 {
		t.Logf("the documentation samples are not at %s: the made-up publications only", dir)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		ds, err := lint.File(f, data, lint.Config{})
		if err != nil {
			t.Fatal(err)
		}
		sn := &snapshot{uri: pathToURI(f), name: f, text: newText(string(data))}
		ft := fileTexts{texts: map[string]*text{f: sn.text}}
		p := publishDiagnosticsParams{URI: sn.uri, Version: &version, Diagnostics: []Diagnostic{}}
		for _, d := range ds {
			p.Diagnostics = append(p.Diagnostics, ft.convert(d, sn, encodingUTF16))
		}
		ps = append(ps, p)
	}
	// No diagnostics are an empty array, never null (which the protocol does not allow).
	if got, want := string(appendPublication(nil, publishDiagnosticsParams{URI: "u", Version: &version})),
		`{"uri":"u","version":7,"diagnostics":[]}`; got != want {
		t.Errorf("nil diagnostics: %s, want %s", got, want)
	}
	for _, p := range ps {
		got := appendPublication(nil, p)
		want, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		if !json.Valid(got) {
			t.Errorf("%s: not valid JSON:\n%s", p.URI, got)
			continue
		}
		var gotP, wantP publishDiagnosticsParams
		var gotV, wantV any
		for _, u := range []struct {
			data []byte
			v    any
		}{{got, &gotP}, {want, &wantP}, {got, &gotV}, {want, &wantV}} {
			if err := json.Unmarshal(u.data, u.v); err != nil {
				t.Fatal(err)
			}
		}
		if diff := cmp.Diff(wantP, gotP); diff != "" {
			t.Errorf("%s: as the protocol's types (-encoding/json +appendPublication):\n%s", p.URI, diff)
		}
		if diff := cmp.Diff(wantV, gotV); diff != "" {
			t.Errorf("%s: as JSON values (-encoding/json +appendPublication):\n%s", p.URI, diff)
		}
	}
}
