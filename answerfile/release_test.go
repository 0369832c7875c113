package answerfile

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unsafe"

	"github.com/beevik/etree"
)

// summary is everything a document tells: its text written back, and the
// path and positions of every element and attribute.
func summary(t *testing.T, d *Document) string {
	t.Helper()
	b, err := d.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	sb.Write(b)
	for _, e := range d.Elements() {
		fmt.Fprintf(&sb, "\n%s %v %v", d.Path(e), d.Pos(e), d.End(e))
		for _, a := range e.Attr {
			n, v := d.AttrPos(e, a.FullKey())
			fmt.Fprintf(&sb, " %s@%v/%v", a.FullKey(), n, v)
		}
	}
	return sb.String()
}

// TestReleaseReuse: documents parsed into memory that earlier documents
// released (the pool's, or a Parser's, which keeps all of it) are exactly
// what a fresh parse gives, and a released document no longer holds its
// tree.
func TestReleaseReuse(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(corpusDir(t), "mcsf", "*.xml"))
	if err != nil {
		t.Fatal(err)
	}
	var datas [][]byte
	var want []string
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if d, _, _ := Parse(f, data); d != nil {
			datas = append(datas, data)
			want = append(want, summary(t, d)) // never released
		}
	}
	// A large file first, so that the smaller ones reuse larger memory.
	datas, want = append([][]byte{benchFile(300)}, datas...), append([]string{""}, want...)
	if d, _, _ := Parse("large.xml", datas[0]); d != nil {
		want[0] = summary(t, d)
	}
	parser := NewParser(DefaultLimits)
	for name, parse := range map[string]func(string, []byte) (*Document, []Diagnostic, error){
		"Parse": Parse, "Parser": parser.Parse} {
		for round := range 3 {
			var held *Document // a document in use while the next one is read
			for i, data := range datas {
				d, ds, err := parse("f.xml", data)
				if err != nil || d == nil {
					t.Fatal(ds, err)
				}
				if got := summary(t, d); got != want[i] {
					t.Fatalf("%s, round %d, file %d: the document differs after reuse", name, round, i)
				}
				if held != nil {
					if got := summary(t, held); got != want[i-1] {
						t.Fatalf("%s, round %d, file %d: the document differs after the next was read", name, round, i-1)
					}
					held.Release()
				}
				if i%2 == 0 {
					held = d
					continue
				}
				held = nil
				d.Release()
				if d.Tree != nil || d.Root != nil {
					t.Fatal("a released document still holds its tree")
				}
				d.Release() // twice is harmless
			}
			if held != nil {
				held.Release()
			}
		}
	}
	if n := len(parser.free); n > maxParserArenas {
		t.Errorf("the parser keeps the memory of %d documents, want at most %d", n, maxParserArenas)
	}
}

// TestOtherDocumentsElement: an element of another document, or one made
// by etree, has no position in a document.
func TestOtherDocumentsElement(t *testing.T) {
	a, _, _ := Parse("a.xml", benchFile(2))
	b, _, _ := Parse("b.xml", benchFile(2))
	if a == nil || b == nil {
		t.Fatal("bench file not read")
	}
	for _, e := range append(b.Elements(), etree.NewElement("Target"), &etree.NewDocument().Element) {
		if p := a.Pos(e); p != (Position{}) {
			t.Errorf("Pos of <%s> of another document: got %v, want the zero Position", e.Tag, p)
		}
		if _, _, ok := a.ElementSpan(e); ok {
			t.Errorf("ElementSpan of <%s> of another document: ok", e.Tag)
		}
		if d := a.Diag(e, "r", Error, "m"); d.Line != 0 || d.Path != "" {
			t.Errorf("Diag of <%s> of another document: got line %d, path %q", e.Tag, d.Line, d.Path)
		}
	}
	// An attribute's address inside a node is not an element of it.
	if in := a.arena.infoOf((*etree.Element)(unsafe.Pointer(&a.arena.nodes[1].info))); in != nil {
		t.Errorf("infoOf the middle of a node: got %+v, want nil", in)
	}
}

// TestUseAfterRelease: every method that reads the tree of a released
// document panics with a message naming the document; the text stays.
func TestUseAfterRelease(t *testing.T) {
	const text = `<?xml version="1.0" encoding="utf-8"?>
<ImageCustomizations xmlns="http://schemas.microsoft.com/embedded/2004/10/ImageUpdate" Name="N" Owner="O" OwnerType="OEM">
  <Static/>
</ImageCustomizations>
`
	d, ds, err := Parse("released.xml", []byte(text))
	if err != nil || d == nil {
		t.Fatal(ds, err)
	}
	root := d.Tree.Root()
	static := d.Root.Statics[0]
	d.Release()
	d.Release() // twice is harmless
	for name, use := range map[string]func(){
		"Pos":           func() { d.Pos(root) },
		"End":           func() { d.End(root) },
		"AttrPos":       func() { d.AttrPos(root, "Name") },
		"Path":          func() { d.Path(root) },
		"Elements":      func() { d.Elements() },
		"Diag":          func() { d.Diag(root, "r", Error, "m") },
		"AttrDiag":      func() { d.AttrDiag(root, "Name", "r", Error, "m") },
		"ElementSpan":   func() { d.ElementSpan(root) },
		"AttrValueSpan": func() { d.AttrValueSpan(root, "Name") },
		"Bytes":         func() { _, _ = d.Bytes() },
		"Format":        func() { _, _ = d.Format() },
		"SetEncoding":   func() { d.SetEncoding(Encoding{}) },
		"IsAnswerFile":  func() { d.IsAnswerFile() },
		"RootNamespace": func() { d.RootNamespace() },
		"Foreign":       func() { d.Foreign(root) },
		"a typed node":  func() { _ = static.Path() },
	} {
		func() {
			defer func() {
				if got, want := fmt.Sprint(recover()), "answerfile: document released.xml used after Release"; got != want {
					t.Errorf("%s after Release: got panic %q, want %q", name, got, want)
				}
			}()
			use()
		}()
	}
	if got := string(d.Text()); got != text || d.Line(3) != "  <Static/>" || d.PosAt(0) != (Position{1, 1}) {
		t.Errorf("the text of a released document: got %q, line 3 %q", got, d.Line(3))
	}
}

// TestUpdateReusesView: the typed view an Update builds again takes the
// memory of the view it replaces, so that a document updated at every
// keystroke of an editor does not grow.
func TestUpdateReusesView(t *testing.T) {
	data := benchFile(50)
	d, ds, err := NewParser(DefaultLimits).Parse("u.xml", data)
	if err != nil || d == nil {
		t.Fatal(ds, err)
	}
	defer d.Release()
	viewMemory := func() int {
		n := 0
		for _, c := range []interface{ capacity() int }{&d.arena.targets, &d.arena.states, &d.arena.conds,
			&d.arena.variants, &d.arena.groups, &d.arena.settings} {
			n += c.capacity()
		}
		return n
	}
	before := viewMemory()
	for i := range 100 {
		edited := bytes.Replace(data, []byte(`Name="Bench`), []byte(fmt.Sprintf(`Name="Bench%d`, i%10)), 1)
		if !d.Update(edited, DefaultLimits) {
			t.Fatal("Update refused a value edit")
		}
		data = edited
	}
	if after := viewMemory(); after != before {
		t.Errorf("the typed view's chunks hold %d records after 100 updates, %d before", after, before)
	}
	if got, want := d.Root.Name.Value, "Bench"+strings.Repeat("9876543210", 10); got != want {
		t.Errorf("Root.Name after the updates: got %q, want %q", got, want)
	}
}
