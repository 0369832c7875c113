package answerfile

import (
	"strings"

	"github.com/beevik/etree"
)

// formatByCopy is Format as it was first written: copy the tree, re-indent
// the copy with etree and let etree write it. Format writes the layout
// straight from the tree; checkRoundTrip wants both to give the same bytes.
func formatByCopy(d *Document) []byte {
	t := d.Tree.Copy()
	for _, tok := range t.Child {
		if pi, ok := tok.(*etree.ProcInst); ok {
			pi.Inst = strings.Join(strings.Fields(pi.Inst), " ")
		}
	}
	indentByCopy(&t.Element, -1)
	writeSettings(t)
	b, err := t.WriteToBytes()
	if err != nil {
		panic(err)
	}
	return encode(b, d.Encoding)
}

func indentByCopy(e *etree.Element, depth int) {
	var kids []etree.Token
	for _, tok := range e.Child {
		if c, ok := tok.(*etree.CharData); ok {
			if c.IsCData() || strings.TrimSpace(c.Data) != "" {
				return
			}
			continue
		}
		kids = append(kids, tok)
	}
	for len(e.Child) > 0 {
		e.RemoveChildAt(len(e.Child) - 1)
	}
	pad := func(d int) string { return "\n" + strings.Repeat(" ", max(d, 0)*IndentWidth) }
	for i, k := range kids {
		if depth >= 0 || i > 0 {
			e.CreateText(pad(depth + 1))
		}
		e.AddChild(k)
		if c, ok := k.(*etree.Element); ok {
			indentByCopy(c, depth+1)
		}
	}
	if len(kids) > 0 {
		if depth >= 0 {
			e.CreateText(pad(depth))
		} else {
			e.CreateText("\n")
		}
	}
}
