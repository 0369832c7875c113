package lsp

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// posOf is the UTF-16 position of the n-th (0-based) occurrence of needle
// in text, plus delta bytes.
func posOf(t *testing.T, text, needle string, n, delta int) Position {
	t.Helper()
	off := 0
	for i := 0; ; i++ {
		j := strings.Index(text[off:], needle)
		if j < 0 {
			t.Fatalf("no occurrence %d of %q", n, needle)
		}
		if i == n {
			return newText(text).position(off+j+delta, encodingUTF16)
		}
		off += j + len(needle)
	}
}

func at(uri string, p Position) positionParams {
	return positionParams{TextDocument: textDocumentIdentifier{URI: uri}, Position: p}
}

func rg(l1, c1, l2, c2 int) Range { return Range{Start: Position{l1, c1}, End: Position{l2, c2}} }

func TestDefinitionReferencesRename(t *testing.T) {
	c := startServer(t, Options{})
	c.initialize()
	_, uri, text := testFile(t, "contoso.xml")
	text = strings.Replace(text, "  </Variant>", "  </Variant>\n  <Variant Name=\"Zwei\">\n    <TargetRefs>\n      <TargetRef Id='Contoso'/>\n    </TargetRefs>\n  </Variant>", 1)
	c.open(uri, text)
	targetID := rg(3, 16, 3, 23)
	refs := []Location{{URI: uri, Range: rg(20, 21, 20, 28)}, {URI: uri, Range: rg(31, 21, 31, 28)}}

	var defs []Location
	c.mustCall("textDocument/definition", at(uri, posOf(t, text, `<TargetRef Id="Contoso"`, 0, 18)), &defs)
	if diff := cmp.Diff([]Location{{URI: uri, Range: targetID}}, defs); diff != "" {
		t.Errorf("definition (-want +got):\n%s", diff)
	}
	var got []Location
	p := referenceParams{positionParams: at(uri, posOf(t, text, `<Target Id="Contoso"`, 0, 13))}
	c.mustCall("textDocument/references", p, &got)
	if diff := cmp.Diff(refs, got); diff != "" {
		t.Errorf("references (-want +got):\n%s", diff)
	}
	p.Context.IncludeDeclaration = true
	c.mustCall("textDocument/references", p, &got)
	if diff := cmp.Diff(append([]Location{{URI: uri, Range: targetID}}, refs...), got); diff != "" {
		t.Errorf("references with the declaration (-want +got):\n%s", diff)
	}
	// From a TargetRef too.
	p.positionParams = at(uri, posOf(t, text, `'Contoso'`, 0, 3))
	p.Context.IncludeDeclaration = false
	c.mustCall("textDocument/references", p, &got)
	if diff := cmp.Diff(refs, got); diff != "" {
		t.Errorf("references from a TargetRef (-want +got):\n%s", diff)
	}

	var prep prepareRenameResult
	c.mustCall("textDocument/prepareRename", at(uri, posOf(t, text, `<Target Id="Contoso"`, 0, 13)), &prep)
	if diff := cmp.Diff(prepareRenameResult{Range: targetID, Placeholder: "Contoso"}, prep); diff != "" {
		t.Errorf("prepareRename (-want +got):\n%s", diff)
	}
	var edit workspaceEdit
	c.mustCall("textDocument/rename", renameParams{positionParams: at(uri, posOf(t, text, `<TargetRef Id="Contoso"`, 0, 16)), NewName: "Fabrikam"}, &edit)
	want := workspaceEdit{Changes: map[string][]textEdit{uri: {
		{Range: targetID, NewText: "Fabrikam"}, {Range: refs[0].Range, NewText: "Fabrikam"}, {Range: refs[1].Range, NewText: "Fabrikam"},
	}}}
	if diff := cmp.Diff(want, edit); diff != "" {
		t.Errorf("rename (-want +got):\n%s", diff)
	}
	err := c.call("textDocument/rename", renameParams{positionParams: at(uri, posOf(t, text, `<Target Id="Contoso"`, 0, 13)), NewName: `a"b`}, &edit)
	if rpcCode(err) != codeRequestFailed || !strings.Contains(err.Error(), "not a usable Target Id") {
		t.Errorf("rename to a\"b: %v", err)
	}
	err = c.call("textDocument/prepareRename", at(uri, posOf(t, text, `Name="MCC"`, 0, 7)), &prep)
	if rpcCode(err) != codeRequestFailed {
		t.Errorf("prepareRename on a Condition Name: %v, want an error", err)
	}
}

func TestDefinitionOfImport(t *testing.T) {
	dir := t.TempDir()
	_, _, text := testFile(t, "contoso.xml")
	if err := os.WriteFile(filepath.Join(dir, "targets.xml"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	root := importingRoot("targets.xml", true)
	uri := pathToURI(filepath.Join(dir, "root.xml"))
	c := startServer(t, Options{})
	c.initialize()
	c.open(uri, root)
	impURI := pathToURI(filepath.Join(dir, "targets.xml"))
	var got []Location
	c.mustCall("textDocument/definition", at(uri, posOf(t, root, `targets.xml`, 0, 0)), &got)
	if diff := cmp.Diff([]Location{{URI: impURI}}, got); diff != "" {
		t.Errorf("definition of Import Source (-want +got):\n%s", diff)
	}
	c.mustCall("textDocument/definition", at(uri, posOf(t, root, `Id="Contoso"`, 0, 5)), &got)
	if diff := cmp.Diff([]Location{{URI: impURI, Range: rg(3, 16, 3, 23)}}, got); diff != "" {
		t.Errorf("definition of a Target in an imported file (-want +got):\n%s", diff)
	}

	// References and rename cover the import graph: Target Ids are global to it.
	idRange := func(text string, n int) Range {
		off := indexN(text, `Id="Contoso"`, n) + len(`Id="`)
		return newText(text).rangeOf(off, off+len("Contoso"), encodingUTF16)
	}
	rootRef, impTarget, impRef := idRange(root, 0), idRange(text, 0), idRange(text, 1)
	var p referenceParams
	p.positionParams = at(uri, posOf(t, root, `Id="Contoso"`, 0, 5))
	p.Context.IncludeDeclaration = true
	c.mustCall("textDocument/references", p, &got)
	want := []Location{{URI: uri, Range: rootRef}, {URI: impURI, Range: impTarget}, {URI: impURI, Range: impRef}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("references across the import graph (-want +got):\n%s", diff)
	}
	var edit workspaceEdit
	c.mustCall("textDocument/rename", renameParams{positionParams: at(uri, posOf(t, root, `Id="Contoso"`, 0, 5)), NewName: "Fabrikam"}, &edit)
	wantEdit := map[string][]textEdit{
		uri:    {{Range: rootRef, NewText: "Fabrikam"}},
		impURI: {{Range: impTarget, NewText: "Fabrikam"}, {Range: impRef, NewText: "Fabrikam"}},
	}
	if diff := cmp.Diff(wantEdit, edit.Changes); diff != "" {
		t.Errorf("rename from the importing file (-want +got):\n%s", diff)
	}
	// From the imported file, open too: the open file that imports it is renamed as well.
	c.open(impURI, text)
	c.mustCall("textDocument/rename", renameParams{positionParams: at(impURI, posOf(t, text, `Id="Contoso"`, 0, 5)), NewName: "Fabrikam"}, &edit)
	if diff := cmp.Diff(wantEdit, edit.Changes); diff != "" {
		t.Errorf("rename from the imported file (-want +got):\n%s", diff)
	}
}

// indexN is the offset of the n-th (0-based) occurrence of sub in s.
func indexN(s, sub string, n int) int {
	off := 0
	for ; n > 0; n-- {
		off += strings.Index(s[off:], sub) + len(sub)
	}
	return off + strings.Index(s[off:], sub)
}

func TestDocumentSymbols(t *testing.T) {
	c := startServer(t, Options{})
	c.initialize()
	_, uri, text := testFile(t, "contoso.xml")
	c.open(uri, text)
	var got []documentSymbol
	c.mustCall("textDocument/documentSymbol", documentParams{TextDocument: textDocumentIdentifier{URI: uri}}, &got)
	type sym struct {
		Name, Detail string
		Kind         int
		Line         int
		Children     []sym
	}
	var flat func([]documentSymbol) []sym
	flat = func(ds []documentSymbol) []sym {
		var out []sym
		for _, d := range ds {
			out = append(out, sym{d.Name, d.Detail, d.Kind, d.SelectionRange.Start.Line, flat(d.Children)})
		}
		return out
	}
	want := []sym{
		{"Contoso", "Target MCC=310 and MNC=410", symbolClass, 3, nil},
		{"Static", "", symbolNamespace, 10, []sym{
			{"Multivariant", "Settings", symbolObject, 11, []sym{{"Enable", "1", symbolField, 12, nil}}},
			{"AutoDataConfig", "Settings", symbolObject, 14, []sym{{"Enable", "0", symbolField, 15, nil}}},
		}},
		{"Contoso", "Variant for Contoso", symbolNamespace, 18, []sym{
			{"CellCore/PerIMSI/$(__IMSI)/SMS", "Settings", symbolObject, 22, []sym{{"3GPP/IMS/AttemptThresholdForIMS", "2", symbolField, 23, nil}}},
			{"Messaging/PerSimSettings/$(__ICCID)", "Settings", symbolObject, 25, []sym{{"AutoRetryDownload", "", symbolField, 26, nil}}},
		}},
	}
	if diff := cmp.Diff(want, flat(got)); diff != "" {
		t.Errorf("symbols (-want +got):\n%s", diff)
	}
	if got[0].Range != rg(3, 4, 8, 13) {
		t.Errorf("Target range %v, want 3:4-8:13", got[0].Range)
	}
}
