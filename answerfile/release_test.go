package answerfile

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
// released are exactly what a fresh parse gives, and a released document
// no longer holds its tree.
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
	for round := range 3 {
		for i, data := range datas {
			d, ds, err := Parse("f.xml", data)
			if err != nil || d == nil {
				t.Fatal(ds, err)
			}
			if got := summary(t, d); got != want[i] {
				t.Fatalf("round %d, file %d: the document differs after reuse", round, i)
			}
			d.Release()
			if d.Tree != nil || d.Root != nil || d.Pos(nil) != (Position{}) {
				t.Fatal("a released document still holds its tree")
			}
			d.Release() // twice is harmless
		}
	}
}
