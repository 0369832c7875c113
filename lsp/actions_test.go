package lsp

import (
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/mcsf-dev/mcsf/answerfile"
)

// applyEdits applies LSP edits to text, as a client does.
func applyEdits(t *testing.T, src string, edits []textEdit, enc string) string {
	t.Helper()
	tx := newText(src)
	type span struct {
		from, to int
		s        string
	}
	var spans []span
	for _, e := range edits {
		spans = append(spans, span{tx.offset(e.Range.Start, enc), tx.offset(e.Range.End, enc), e.NewText})
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].from > spans[j].from })
	for _, sp := range spans {
		src = src[:sp.from] + sp.s + src[sp.to:]
	}
	return src
}

func TestFormatting(t *testing.T) {
	c := startServer(t, Options{})
	c.initialize(encodingUTF8)
	_, uri, text := testFile(t, "contoso.xml")
	messy := strings.ReplaceAll(strings.ReplaceAll(text, "\n      <Setting", "<Setting"), `<Variant Name="Contoso">`, `<Variant   Name="Contoso" >`)
	c.open(uri, messy)
	var edits []textEdit
	c.mustCall("textDocument/formatting", documentParams{TextDocument: textDocumentIdentifier{URI: uri}}, &edits)
	doc, _, _ := answerfile.Parse("x.xml", []byte(messy))
	want, err := doc.Format()
	if err != nil {
		t.Fatal(err)
	}
	if got := applyEdits(t, messy, edits, encodingUTF8); got != string(want) {
		t.Errorf("formatted:\n%s\nwant (mcsf fmt):\n%s", got, want)
	}
	if len(edits) != 1 || edits[0].Range.Start.Line != 11 {
		t.Errorf("edits %v, want one starting on line 11 (the first change)", edits)
	}
	c.change(uri, 2, nil, string(want))
	c.mustCall("textDocument/formatting", documentParams{TextDocument: textDocumentIdentifier{URI: uri}}, &edits)
	if len(edits) != 0 {
		t.Errorf("formatting a formatted file: %v, want no edit", edits)
	}
	c.change(uri, 3, nil, text[:200])
	err = c.call("textDocument/formatting", documentParams{TextDocument: textDocumentIdentifier{URI: uri}}, &edits)
	if err == nil || !strings.Contains(err.Error(), "not well-formed XML (line 2:") {
		t.Errorf("formatting half a file: %v, want an error naming the line", err)
	}
}

// Quick fixes come from the findings' edits, converted to the negotiated
// encoding (here after non-ASCII text on the same line).
func TestCodeActionsFromEdits(t *testing.T) {
	c := startServer(t, Options{Debounce: time.Hour})
	c.initialize()
	_, uri, text := testFile(t, "contoso.xml")
	c.open(uri, text)
	c.waitDiags(uri, 1)
	c.change(uri, 2, nil, text) // a new snapshot, not linted before the hour is out
	d, _ := c.server(uri)
	sn := d.snapshot()
	for deadline := time.Now().Add(10 * time.Second); sn.version != 2 && time.Now().Before(deadline); sn = d.snapshot() {
		time.Sleep(time.Millisecond) // the change is applied by the server's read loop
	}
	valueOff := strings.Index(text, `Value=""`) + len(`Value="`)
	line := strings.Count(text[:valueOff], "\n") + 1
	col := len([]rune(text[strings.LastIndex(text[:valueOff], "\n")+1:valueOff])) + 1
	sn.lintMu.Lock()
	sn.linted = true
	sn.findings = []answerfile.Diagnostic{{File: sn.name, Line: line, Column: col - 7, EndLine: line, EndColumn: col + 1,
		Rule: "empty-value", Severity: answerfile.Error, Message: "empty", Fix: "write the default, 0",
		Edits: []answerfile.TextEdit{{Start: valueOff, End: valueOff, NewText: "0"}}}}
	sn.lintMu.Unlock()
	var p codeActionParams
	p.TextDocument.URI = uri
	p.Range = rg(26, 60, 26, 60)
	var got []codeAction
	c.mustCall("textDocument/codeAction", p, &got)
	if len(got) != 1 {
		t.Fatalf("actions %v, want one", got)
	}
	if got[0].Title != "Write the default, 0" || got[0].Kind != "quickfix" || got[0].Diagnostics[0].Code != "empty-value" {
		t.Errorf("action %+v", got[0])
	}
	want := map[string][]textEdit{uri: {{Range: rg(26, 64, 26, 64), NewText: "0"}}}
	if diff := cmp.Diff(want, got[0].Edit.Changes); diff != "" {
		t.Errorf("edit (-want +got):\n%s", diff)
	}
	p.Range = rg(3, 0, 3, 5)
	c.mustCall("textDocument/codeAction", p, &got)
	if len(got) != 0 {
		t.Errorf("actions away from the finding: %v, want none", got)
	}
}
