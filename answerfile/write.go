package answerfile

import (
	"strings"

	"github.com/beevik/etree"
)

func writeSettings(t *etree.Document) {
	t.WriteSettings.CanonicalText = true
	t.WriteSettings.CanonicalAttrVal = true
}

// Bytes writes the document as it is, in the encoding, byte-order mark and
// line-end style it was read with. Comments, processing instructions,
// attribute order and unknown elements are kept; white space inside tags
// and the choice between <a></a> and <a/> are not.
func (d *Document) Bytes() ([]byte, error) {
	writeSettings(d.Tree)
	b, err := d.Tree.WriteToBytes()
	if err != nil {
		return nil, err
	}
	return encode(b, d.Encoding), nil
}

// IndentWidth is the number of spaces per level that Format uses.
const IndentWidth = 2

// Format writes the canonical layout: one element per line, IndentWidth
// spaces per level, attributes in their original order, comments where they
// were, empty elements self-closed, a trimmed XML declaration and a final
// newline. Format does not change the Document; it is idempotent.
func (d *Document) Format() ([]byte, error) {
	t := d.Tree.Copy()
	for _, tok := range t.Child {
		if pi, ok := tok.(*etree.ProcInst); ok {
			pi.Inst = strings.Join(strings.Fields(pi.Inst), " ")
		}
	}
	s := etree.NewIndentSettings()
	s.Spaces = IndentWidth
	s.PreserveLeafWhitespace = true
	t.IndentWithSettings(s)
	writeSettings(t)
	b, err := t.WriteToBytes()
	if err != nil {
		return nil, err
	}
	return encode(b, d.Encoding), nil
}
