package lsp

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/answerfile/lint"
	"github.com/mcsf-dev/mcsf/catalog"
)

// TestCorpus runs the features on every documentation sample
// (../shared/corpus/mcsf): the diagnostics are lint's, symbols list the
// Targets, hover on a Setting gives its catalog page, completion of a
// Settings Path offers the path written there when the catalog puts it in
// that scope, formatting gives `mcsf fmt`'s text.
func TestCorpus(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "corpus", "mcsf")
	files, _ := filepath.Glob(filepath.Join(dir, "*.xml"))
	if len(files) == 0 {
		t.Skipf("the documentation samples are not at %s (they live next to the repository): skipped", dir)
	}
	c := startServer(t, Options{})
	c.initialize()
	hovers, completions := 0, 0
	for _, path := range files {
		name := filepath.Base(path)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		doc, _, err := answerfile.Parse(name, data)
		if err != nil {
			t.Fatal(err)
		}
		text := string(data)
		if doc != nil {
			text = string(doc.Text()) // what an editor shows of a UTF-16 file
		}
		uri := "file:///corpus/" + name
		c.open(uri, text)
		got := c.waitDiags(uri, 1)
		// What `mcsf lint` gives: the file with what it imports.
		g, err := answerfile.LoadGraph("/corpus/"+name, []byte(text), answerfile.ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		var ds []answerfile.Diagnostic
		if g.Root().Doc == nil {
			ds = lint.Config{}.Finish(g.Diagnostics)
		} else {
			ds = lint.Graph(g, answerfile.Merge(g), lint.Config{})
		}
		var want, have []string
		for _, d := range ds {
			want = append(want, fmt.Sprintf("%d %s", d.Line-1, d.Rule))
		}
		for _, d := range got {
			have = append(have, fmt.Sprintf("%d %s", d.Range.Start.Line, d.Code))
		}
		if diff := cmp.Diff(want, have); diff != "" {
			t.Errorf("%s: diagnostics (-lint +lsp):\n%s", name, diff)
		}
		if doc == nil || !doc.IsAnswerFile() {
			continue
		}
		var syms []documentSymbol
		c.mustCall("textDocument/documentSymbol", documentParams{TextDocument: textDocumentIdentifier{URI: uri}}, &syms)
		targets := 0
		for _, s := range syms {
			if s.Kind == symbolClass {
				targets++
			}
		}
		if targets != len(doc.Root.Targets) {
			t.Errorf("%s: %d Target symbols, want %d", name, targets, len(doc.Root.Targets))
		}
		tree := readTree(text)
		for _, g := range tree.named("Settings") {
			path := g.attr("Path")
			if path == nil || path.valOff < 0 {
				continue
			}
			for _, st := range g.children {
				a := st.attr("Name")
				if st.local() != "Setting" || a == nil || a.valOff < 0 {
					continue
				}
				h := hoverAt(t, c, uri, newText(text).position(a.valOff, encodingUTF16))
				if e, ok := catalog.Load().Lookup(path.value, a.value); ok {
					hovers++
					if h == nil || !strings.Contains(h.Contents.Value, e.Customization.URL()) {
						t.Errorf("%s: hover on %s/%s: %v, want its page %s", name, path.value, a.value, h, e.Customization.URL())
					}
					// Every setting of the catalog has a description (catalog/descriptions.yaml).
					if h != nil && (e.Setting.Doc == "" || !strings.Contains(h.Contents.Value, e.Setting.Doc)) {
						t.Errorf("%s: hover on %s/%s lacks the catalog's description %q:\n%s", name, path.value, a.value, e.Setting.Doc, h.Contents.Value)
					}
				}
			}
			es := catalog.Load().Groups(path.value)
			if len(es) == 0 || !pathFits(es[0].Customization, es[0].Group.Scope, inVariant(g)) {
				continue
			}
			completions++
			items := completeAt(t, c, uri, newText(text).position(path.valOff, encodingUTF16))
			if !slices.Contains(labels(items), es[0].Group.Path) {
				t.Errorf("%s: completion of Path %q does not offer %q", name, path.value, es[0].Group.Path)
			}
		}
		var edits []textEdit
		c.mustCall("textDocument/formatting", documentParams{TextDocument: textDocumentIdentifier{URI: uri}}, &edits)
		own, _, _ := answerfile.Parse(name, []byte(text))
		formatted, err := own.Format()
		if err != nil {
			t.Fatal(err)
		}
		if got := applyEdits(t, text, edits, encodingUTF16); got != string(formatted) {
			t.Errorf("%s: formatting differs from mcsf fmt", name)
		}
		c.notify("textDocument/didClose", didCloseParams{TextDocument: textDocumentIdentifier{URI: uri}})
	}
	if hovers < 100 || completions < 100 {
		t.Errorf("only %d hovers and %d completions checked: the catalog or the samples changed", hovers, completions)
	}
	t.Logf("%d samples, %d setting hovers, %d path completions", len(files), hovers, completions)
}
