package answerfile

import (
	"fmt"
	"regexp"
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
	d.live()
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
// newline. An element that holds text (mixed content) is kept exactly as it
// is inside. Format does not change the Document; it is idempotent.
func (d *Document) Format() ([]byte, error) {
	d.live()
	t := d.Tree.Copy()
	for _, tok := range t.Child {
		if pi, ok := tok.(*etree.ProcInst); ok {
			pi.Inst = strings.Join(strings.Fields(pi.Inst), " ")
		}
	}
	indent(&t.Element, -1)
	writeSettings(t)
	b, err := t.WriteToBytes()
	if err != nil {
		return nil, err
	}
	return encode(b, d.Encoding), nil
}

// indent lays out the children of e one per line at depth+1. The document
// itself is depth -1: its children start at column 1 and it ends with a newline.
func indent(e *etree.Element, depth int) {
	var kids []etree.Token
	for _, tok := range e.Child {
		if c, ok := tok.(*etree.CharData); ok {
			if c.IsCData() || strings.TrimSpace(c.Data) != "" {
				return // mixed content: keep it exactly
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
			indent(c, depth+1)
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

// SetEncoding makes the document write itself in enc from now on, and
// rewrites the encoding named in its XML declaration to match.
func (d *Document) SetEncoding(enc Encoding) {
	d.live()
	d.Encoding = enc
	name := "utf-8"
	if enc.Charset != UTF8 {
		name = "utf-16"
	}
	for _, tok := range d.Tree.Child {
		if pi, ok := tok.(*etree.ProcInst); ok && pi.Target == "xml" {
			pi.Inst = encodingAttr.ReplaceAllString(pi.Inst, `encoding="`+name+`"`)
		}
	}
}

var encodingAttr = regexp.MustCompile(`encoding\s*=\s*("[^"]*"|'[^']*')`)

// ParseEncoding reads the name of an output encoding: utf-8, utf-8-bom,
// utf-16le or utf-16be (UTF-16 is always written with a byte-order mark).
func ParseEncoding(name string) (Charset, bool, error) {
	switch strings.ToLower(name) {
	case "utf-8", "utf8":
		return UTF8, false, nil
	case "utf-8-bom", "utf8-bom":
		return UTF8, true, nil
	case "utf-16le", "utf-16", "unicode":
		return UTF16LE, true, nil
	case "utf-16be":
		return UTF16BE, true, nil
	}
	return "", false, fmt.Errorf("unknown encoding %q (want utf-8, utf-8-bom, utf-16le or utf-16be)", name)
}
