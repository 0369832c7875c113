package answerfile

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/beevik/etree"

	"github.com/mcsf-dev/mcsf/internal/lazy"
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
//
// It writes the layout straight from the tree, each token through etree's
// own writer: copying the tree and re-indenting the copy, as it first did,
// was 35 % of mcsf fmt's CPU and most of its garbage (5,000-target file).
func (d *Document) Format() ([]byte, error) {
	d.live()
	s := d.Tree.WriteSettings
	s.CanonicalText, s.CanonicalAttrVal = true, true
	f := formatter{s: &s}
	f.b.Grow(len(d.text) + len(d.text)/4)
	if !f.children(&d.Tree.Element, -1) {
		// Text beside the root: nothing is laid out.
		f.b.Reset()
		for _, tok := range d.Tree.Child {
			f.topLevel(tok)
		}
	}
	return encode(f.b.Bytes(), d.Encoding), nil
}

// formatter writes the canonical layout of a tree.
type formatter struct {
	b bytes.Buffer
	s *etree.WriteSettings
}

// laidOut reports whether e's children are laid out one per line: e holds
// no text but white space (no CDATA either).
func laidOut(e *etree.Element) bool {
	for _, tok := range e.Child {
		if c, ok := tok.(*etree.CharData); ok && (c.IsCData() || strings.TrimSpace(c.Data) != "") {
			return false
		}
	}
	return true
}

// children writes the children of e one per line at depth+1, leaving out
// white-space text; the document itself is depth -1: its children start at
// column 1 and it ends with a newline. It reports false, having written
// nothing, when e holds text.
func (f *formatter) children(e *etree.Element, depth int) bool {
	if !laidOut(e) {
		return false
	}
	first := true
	for _, tok := range e.Child {
		if _, ok := tok.(*etree.CharData); ok {
			continue
		}
		if depth >= 0 || !first {
			f.pad(depth + 1)
		}
		first = false
		switch t := tok.(type) {
		case *etree.Element:
			f.element(t, depth+1)
		default:
			if depth < 0 {
				f.topLevel(tok)
			} else {
				f.token(tok)
			}
		}
	}
	if !first {
		if depth >= 0 {
			f.pad(depth)
		} else {
			f.b.WriteByte('\n')
		}
	}
	return true
}

// element writes e, its children laid out at depth+1 unless it holds text.
func (f *formatter) element(e *etree.Element, depth int) {
	if !laidOut(e) {
		e.WriteTo(&f.b, f.s)
		return
	}
	f.b.WriteByte('<')
	f.fullTag(e)
	for i := range e.Attr {
		f.b.WriteByte(' ')
		e.Attr[i].WriteTo(&f.b, f.s)
	}
	empty := true
	for _, tok := range e.Child {
		if _, ok := tok.(*etree.CharData); !ok {
			empty = false
			break
		}
	}
	if empty {
		f.b.WriteString("/>")
		return
	}
	f.b.WriteByte('>')
	f.children(e, depth)
	f.b.WriteString("</")
	f.fullTag(e)
	f.b.WriteByte('>')
}

// topLevel writes a token of the document itself: a processing
// instruction (the XML declaration) with its white space trimmed.
func (f *formatter) topLevel(tok etree.Token) {
	if pi, ok := tok.(*etree.ProcInst); ok {
		trimmed := *pi
		trimmed.Inst = strings.Join(strings.Fields(pi.Inst), " ")
		trimmed.WriteTo(&f.b, f.s)
		return
	}
	f.token(tok)
}

func (f *formatter) fullTag(e *etree.Element) {
	if e.Space != "" {
		f.b.WriteString(e.Space)
		f.b.WriteByte(':')
	}
	f.b.WriteString(e.Tag)
}

func (f *formatter) token(tok etree.Token) {
	switch t := tok.(type) {
	case *etree.Element:
		t.WriteTo(&f.b, f.s)
	case *etree.CharData:
		t.WriteTo(&f.b, f.s)
	case *etree.Comment:
		t.WriteTo(&f.b, f.s)
	case *etree.Directive:
		t.WriteTo(&f.b, f.s)
	case *etree.ProcInst:
		t.WriteTo(&f.b, f.s)
	}
}

const spaces = "                                                                "

// pad starts a new line indented for depth.
func (f *formatter) pad(depth int) {
	f.b.WriteByte('\n')
	for n := max(depth, 0) * IndentWidth; n > 0; {
		k := min(n, len(spaces))
		f.b.WriteString(spaces[:k])
		n -= k
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
			pi.Inst = encodingAttr.Get().ReplaceAllString(pi.Inst, `encoding="`+name+`"`)
		}
	}
}

var encodingAttr = lazy.Regexp{Expr: `encoding\s*=\s*("[^"]*"|'[^']*')`}

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
