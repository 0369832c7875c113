package lsp

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// describeTree prints everything the features read of a tree, through its
// accessors, one node a line, so that two trees compare as text.
func describeTree(t *tree) string {
	var b strings.Builder
	idx := func(n *node) int {
		if n == t.root {
			return -1
		}
		return n.idx
	}
	fmt.Fprintf(&b, "root children %d\n", len(t.root.children))
	for i, n := range t.all {
		fmt.Fprintf(&b, "%d %q off=%d nameEnd=%d tagEnd=%d end=%d closed=%v empty=%v parent=%d kids=[",
			i, n.name, t.off(n), t.nameEnd(n), t.tagEnd(n), t.end(n), n.closed, n.empty, idx(n.parent))
		for _, c := range n.children {
			fmt.Fprintf(&b, "%d ", idx(c))
		}
		b.WriteString("]")
		for j := range n.attrs {
			a := &n.attrs[j]
			fmt.Fprintf(&b, " %q@%d=[%d,%d)%q open=%v", a.name, t.nameOff(a), t.valOff(a), t.valEnd(a), t.val(a), a.open)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// randomEdit is a keystroke-like edit of src: a few bytes removed, a few
// typed, markup among them now and then.
func randomEdit(r *rand.Rand, src string) (from, to int, ins string) {
	from = r.IntN(len(src) + 1)
	for from < len(src) && !utf8.RuneStart(src[from]) {
		from++
	}
	to = from
	for k := r.IntN(4); k > 0 && to < len(src); k-- {
		_, size := utf8.DecodeRuneInString(src[to:])
		to += size
	}
	if r.IntN(2) == 0 {
		to = from // most keystrokes insert
	}
	typed := []string{"a", "Z", "1", " ", "é", "😀", ".", "\n", "<", ">", "\"", "'", "&", "-", "/", "=", "]", "?", "ab", "x y"}
	for k := r.IntN(3); k > 0; k-- {
		ins += typed[r.IntN(len(typed))]
	}
	return from, to, ins
}

// TestRereadIsReading checks the property the derived reading rests on:
// after any run of edits, the tree derived from an older one is the tree
// read from the text, and most keystrokes are derived.
func TestRereadIsReading(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "contoso.xml"))
	if err != nil {
		t.Fatal(err)
	}
	srcs := map[string]string{
		"contoso.xml":  string(data),
		"half-typed":   `<a x="1" y='2'><b z="3"/><!-- c -> --><c d="<e f="g">text ]] ? <![CDATA[ x ]> ]]><?p ?></c></a`,
		"unterminated": `<a x="1`,
	}
	for name, src := range srcs {
		t.Run(name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(1, uint64(len(src))))
			derived := 0
			for round := 0; round < 1000; round++ {
				base := readTree(src)
				var edits []byteEdit
				tx := newText(src)
				for k := 1 + r.IntN(3); k > 0; k-- {
					from, to, ins := randomEdit(r, tx.src)
					edits = append(edits, byteEdit{from: from, to: to, n: len(ins), kind: classify(tx.src, from, to, ins)})
					tx = tx.edited(from, to, ins)
				}
				if want := newText(tx.src); fmt.Sprint(want.starts) != fmt.Sprint(tx.starts) {
					t.Fatalf("line starts after %+v: got %v, want %v", edits, tx.starts, want.starts)
				}
				got, ok := base.edited(tx.src, edits)
				if ok {
					derived++
					if g, w := describeTree(got), describeTree(readTree(tx.src)); g != w {
						t.Fatalf("edits %+v of\n%s\ngive\n%s\nderived tree:\n%s\nread tree:\n%s", edits, src, tx.src, g, w)
					}
				}
				if round%10 == 0 {
					src = tx.src // wander away from the sample now and then
				}
			}
			t.Logf("%d of 1000 runs of edits derived", derived)
			if name == "contoso.xml" && derived < 50 {
				t.Errorf("%d of 1000 runs of edits derived: the derivation is hardly used", derived)
			}
		})
	}
}

// TestRereadChain types into a sample keystroke by keystroke, each tree
// derived from the one before when it can be (so from trees that are
// derived themselves, their edits and changed values carried along), and
// checks every one against the reading of its text.
func TestRereadChain(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "contoso.xml"))
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(7, 7))
	tx := newText(string(data))
	cur := readTree(tx.src)
	chained := 0
	for step := 0; step < 2000; step++ {
		from := r.IntN(len(tx.src) + 1)
		for from < len(tx.src) && !utf8.RuneStart(tx.src[from]) {
			from++
		}
		to, ins := from, string(rune('a'+r.IntN(26)))
		switch r.IntN(10) {
		case 0: // a backspace
			if from > 0 {
				from--
				for from > 0 && !utf8.RuneStart(tx.src[from]) {
					from--
				}
			}
			ins = ""
		case 1: // markup now and then
			ins = []string{"<", ">", "\"", " x=\"1\"", "</a>"}[r.IntN(5)]
		}
		e := byteEdit{from: from, to: to, n: len(ins), kind: classify(tx.src, from, to, ins)}
		tx = tx.edited(from, to, ins)
		got, ok := cur.edited(tx.src, []byteEdit{e})
		if !ok {
			cur = readTree(tx.src)
			continue
		}
		if len(got.moved) > 1 {
			chained++
		}
		if g, w := describeTree(got), describeTree(readTree(tx.src)); g != w {
			t.Fatalf("step %d, edit %+v: derived tree:\n%s\nread tree:\n%s", step, e, g, w)
		}
		cur = got
	}
	if chained < 200 {
		t.Errorf("%d of 2000 keystrokes derived from a derived tree: the chain is hardly used", chained)
	}
	t.Logf("%d of 2000 keystrokes derived from a derived tree", chained)
}
