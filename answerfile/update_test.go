package answerfile

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/mcsf-dev/mcsf/internal/testtool"
)

// fullSummary is summary, with what else a reader of the document sees:
// its text, the span of every attribute's diagnostic and value, and the
// typed view.
func fullSummary(t *testing.T, d *Document) string {
	t.Helper()
	var sb strings.Builder
	sb.WriteString(summary(t, d))
	fmt.Fprintf(&sb, "\ntext %q\nencoding %+v", d.Text(), d.Encoding)
	for _, e := range d.Elements() {
		g := d.Diag(e, "r", Error, "m")
		ns, foreign := d.Foreign(e)
		fmt.Fprintf(&sb, "\n%s %d:%d-%d:%d foreign=%q/%v", g.Path, g.Line, g.Column, g.EndLine, g.EndColumn, ns, foreign)
		for _, a := range e.Attr {
			g := d.AttrDiag(e, a.FullKey(), "r", Error, "m")
			from, to, ok := d.AttrValueSpan(e, a.FullKey())
			fmt.Fprintf(&sb, "\n  %s %d:%d-%d:%d %d-%d %v %q", g.Path, g.Line, g.Column, g.EndLine, g.EndColumn, from, to, ok, a.Value)
		}
	}
	sb.WriteString("\n")
	viewSummary(&sb, reflect.ValueOf(d.Root).Elem())
	return sb.String()
}

// viewSummary writes the typed view v: its nodes by path and position, its
// attributes by value.
func viewSummary(sb *strings.Builder, v reflect.Value) {
	switch x := v.Interface().(type) {
	case Node:
		fmt.Fprintf(sb, "<%s %v>", x.Path(), x.Pos())
		return
	case Attr:
		fmt.Fprintf(sb, "%q/%v ", x.Value, x.Present)
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		sb.WriteString("{")
		for i := range v.NumField() {
			viewSummary(sb, v.Field(i))
		}
		sb.WriteString("}")
	case reflect.Slice:
		fmt.Fprintf(sb, "[%d:", v.Len())
		for i := range v.Len() {
			viewSummary(sb, v.Index(i))
		}
		sb.WriteString("]")
	default:
		panic(fmt.Sprintf("viewSummary: %s", v.Type()))
	}
}

const updateBase = `<?xml version="1.0" encoding="utf-8"?>
<ImageCustomizations xmlns="http://schemas.microsoft.com/embedded/2004/10/ImageUpdate" xmlns:x="urn:x" Name="N" Description="dé" Owner="O" OwnerType="OEM">
  <Targets>
    <Target Id='t1'>
      <TargetState><Condition Name="MCC" Value="310"/><Condition Name="MNC" Value="410"/></TargetState>
    </Target>
  </Targets>
  <!-- a comment -->
  <Variant Name="V">
    <TargetRefs><TargetRef Id="t1"/></TargetRefs>
    <Settings Path="Connections/x">text<Setting Name="A" Value="1"/></Settings>
  </Variant>
</ImageCustomizations>
`

// TestUpdate: a change inside one attribute value updates the document to
// what a parse of the new text gives; any other change leaves it alone.
func TestUpdate(t *testing.T) {
	for _, c := range []struct {
		name, old, new string // the first old in updateBase becomes new
		ok             bool
	}{
		{"insert", `Description="dé"`, `Description="dxé"`, true},
		{"append", `Value="310"`, `Value="3100"`, true},
		{"prepend", `Name="N"`, `Name="xN"`, true},
		{"delete all", `Description="dé"`, `Description=""`, true},
		{"fill empty", `Value="1"`, `Value=""`, true},
		{"non-ASCII before later positions", `Name="N"`, `Name="𝄞é"`, true},
		{"references", `Value="1"`, `Value="&lt;&#x41;&amp;"`, true},
		{"the other quote", `Id='t1'`, `Id='t"1'`, true},
		{"line feed reads as a space", `Value="310"`, "Value=\"3\n10\"", true},
		{"tab and CR LF", `Value="410"`, "Value=\"4\t1\r\n0\"", true},
		{"lone <", `Value="1"`, `Value="<1"`, false},
		{"lone &", `Value="1"`, `Value="&1"`, false},
		{"unknown entity", `Value="1"`, `Value="&nbsp;"`, false},
		{"its own quote", `Value="1"`, `Value="1"2"`, false},
		{"control character", `Value="1"`, "Value=\"1\x01\"", false},
		{"markup", `<Setting Name`, `<Settingx Name`, false},
		{"attribute name", `Owner="O"`, `Ownr="O"`, false},
		{"two values", `Name="MCC" Value="310"`, `Name="MC" Value="31"`, false},
		{"text content", `>text<`, `>texts<`, false},
		{"comment", `a comment`, `a commentx`, false},
		{"namespace declaration", `xmlns:x="urn:x"`, `xmlns:x="urn:y"`, false},
		{"same text", `Name="N"`, `Name="N"`, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			if !strings.Contains(updateBase, c.old) {
				t.Fatalf("%q is not in the base text", c.old)
			}
			newText := strings.Replace(updateBase, c.old, c.new, 1)
			d, ds, err := Parse("u.xml", []byte(updateBase))
			if err != nil || d == nil {
				t.Fatal(ds, err)
			}
			before := fullSummary(t, d)
			got := d.Update([]byte(newText), DefaultLimits)
			if got != c.ok {
				t.Fatalf("Update of %q -> %q: got %v, want %v", c.old, c.new, got, c.ok)
			}
			if !got {
				if after := fullSummary(t, d); after != before {
					t.Fatalf("a refused update changed the document:\n%s", firstDiff(before, after))
				}
				return
			}
			fresh, ds, err := Parse("u.xml", []byte(newText))
			if err != nil || fresh == nil {
				t.Fatalf("an update of a text that does not parse: %v %v", ds, err)
			}
			if want, got := fullSummary(t, fresh), fullSummary(t, d); got != want {
				t.Fatalf("updated document differs from a parse:\n%s", firstDiff(want, got))
			}
		})
	}
}

// TestUpdateEveryAttr: a change in each attribute of a file that has every
// element of the typed view (and a foreign and a prefixed attribute) gives
// what a parse of the new text gives: the typed view reads again what it
// read from that attribute, wherever it stands.
func TestUpdateEveryAttr(t *testing.T) {
	const text = `<?xml version="1.0" encoding="utf-8"?>
<ImageCustomizations xmlns="http://schemas.microsoft.com/embedded/2004/10/ImageUpdate" xmlns:x="urn:x" Name="N" Description="D" Owner="O" OwnerType="OEM" Priority="2" x:a="1">
  <Imports><Import Source="a.xml"/></Imports>
  <Targets>
    <Target Id="t1"><TargetState><Condition Name="MCC" Value="310"/></TargetState></Target>
  </Targets>
  <Static>
    <Settings Path="P1"><Setting Name="S1" Value="1"/><Asset Name="A1" Source="s1"/></Settings>
  </Static>
  <Variant Name="V">
    <TargetRefs><TargetRef Id="t1"/></TargetRefs>
    <Settings Path="P2"><Setting Name="S2" Value="2"/><Asset Name="A2" Source="s2" x:b="2"/></Settings>
    <x:Foreign Name="F"/>
  </Variant>
</ImageCustomizations>
`
	d0, ds, err := Parse("e.xml", []byte(text))
	if err != nil || d0 == nil {
		t.Fatal(ds, err)
	}
	n := 0
	for _, e := range d0.Elements() {
		for _, a := range e.Attr {
			if a.Space == "xmlns" || a.Key == "xmlns" {
				continue
			}
			from, _, _ := d0.AttrValueSpan(e, a.FullKey())
			newText := text[:from] + "ü" + text[from:]
			d, _, _ := Parse("e.xml", []byte(text))
			if !d.Update([]byte(newText), DefaultLimits) {
				t.Errorf("%s@%s: not updated", e.Tag, a.FullKey())
				continue
			}
			fresh, _, _ := Parse("e.xml", []byte(newText))
			if want, got := fullSummary(t, fresh), fullSummary(t, d); got != want {
				t.Errorf("%s@%s: updated document differs from a parse:\n%s", e.Tag, a.FullKey(), firstDiff(want, got))
			}
			n++
		}
	}
	if n != 24 {
		t.Errorf("%d attributes changed, want 24", n)
	}
}

// TestUpdateProperty: random changes inside and around the attribute
// values of the doc samples and of a generated file, several in a row on
// one document: whenever Update takes a change, the document equals a
// parse of the new text; whenever it refuses one, it is unchanged; a
// text that does not parse is always refused.
func TestUpdateProperty(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(corpusDir(t), "mcsf", "*.xml"))
	if err != nil {
		t.Fatal(err)
	}
	texts := [][]byte{[]byte(updateBase), benchFile(3)}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, data)
	}
	inserts := []string{"", "a", "é", "𝄞", " ", "\t", "\n", "\r\n", "\r", "&amp;", "&#233;", "&", "<", ">", `"`, "'", "\x01", "\u00a0", "xmlns", "$(__IMSI)", `" x="`}
	rng := rand.New(rand.NewPCG(17, 1))
	taken, refused := 0, 0
	for fi, data := range texts {
		d, _, _ := Parse("p.xml", data)
		if d == nil || d.Encoding.Charset != UTF8 {
			continue
		}
		cur := data
		for range 12 {
			// A value's span, or (one time in five) any span of the text.
			var from, to int
			els := d.Elements()
			e := els[rng.IntN(len(els))]
			if len(e.Attr) > 0 && rng.IntN(5) > 0 {
				a := e.Attr[rng.IntN(len(e.Attr))]
				vs, ve, _ := d.AttrValueSpan(e, a.FullKey())
				from = vs + rng.IntN(ve-vs+1)
				to = from + rng.IntN(ve-from+1)
			} else {
				from = rng.IntN(len(cur) + 1)
				to = min(len(cur), from+rng.IntN(4))
			}
			next := append(append(append([]byte{}, cur[:from]...), inserts[rng.IntN(len(inserts))]...), cur[to:]...)
			before := fullSummary(t, d)
			fresh, _, _ := Parse("p.xml", next)
			if !d.Update(next, DefaultLimits) {
				refused++
				if after := fullSummary(t, d); after != before {
					t.Fatalf("file %d: a refused update changed the document:\n%s", fi, firstDiff(before, after))
				}
				if fresh == nil {
					continue // the document stays that of cur
				}
				d, cur = fresh, next
				continue
			}
			taken++
			if fresh == nil {
				t.Fatalf("file %d: Update took a text that does not parse: %q -> %q", fi, cur[max(0, from-20):min(len(cur), to+20)], next[max(0, from-20):min(len(next), to+20)])
			}
			if want, got := fullSummary(t, fresh), fullSummary(t, d); got != want {
				t.Fatalf("file %d: updated document differs from a parse:\n%s", fi, firstDiff(want, got))
			}
			cur = next
		}
	}
	t.Logf("%d updates taken, %d refused", taken, refused)
	if taken < refused/4 {
		t.Errorf("only %d of %d updates taken: the property is barely exercised", taken, taken+refused)
	}
}

// firstDiff shows the first line where a and b differ.
func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d:\nwant %s\ngot  %s", i+1, al[i], bl[i])
		}
	}
	return fmt.Sprintf("lengths %d and %d", len(al), len(bl))
}

// BenchmarkUpdateLarge is a keystroke in a value of bench/gen's
// 5,000-target file (the lsp diagnostics benchmark's edit, in the root's
// Description), to set against BenchmarkParseGenLarge, which reads the
// whole file again:
//
//	go test ./answerfile -run '^$' -bench 'UpdateLarge|ParseGenLarge' -benchtime 20x
func BenchmarkUpdateLarge(b *testing.B) {
	data, err := testtool.Generate("large", "../bench/gen", "5000")
	if err != nil {
		b.Skip(err)
	}
	d, ds, err := Parse("large.xml", data)
	if err != nil || d == nil {
		b.Fatal(ds, err)
	}
	at := bytes.Index(data, []byte(`Description="`)) + len(`Description="`)
	texts := [2][]byte{}
	for i := range texts {
		texts[i] = append(append(append([]byte{}, data[:at]...), byte('a'+i)), data[at:]...)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	cpu0, _ := testtool.CPUTime()
	i := 0
	for b.Loop() {
		if !d.Update(texts[i%2], DefaultLimits) {
			b.Fatal("not updated")
		}
		i++
	}
	testtool.ReportCPU(b, cpu0)
}
