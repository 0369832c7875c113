package templates

import (
	"embed"
	"fmt"
	"strings"

	"github.com/beevik/etree"
	"github.com/mcsf-dev/mcsf/answerfile"
)

//go:embed skeleton/*.xml
var skeletons embed.FS

// loadSkeleton reads one embedded skeleton.
func loadSkeleton(name string) (*etree.Document, error) {
	b, err := skeletons.ReadFile("skeleton/" + name)
	if err != nil {
		return nil, fmt.Errorf("skeleton %s: %w", name, err)
	}
	doc := etree.NewDocument()
	if err := doc.ReadFromBytes(b); err != nil {
		return nil, fmt.Errorf("skeleton %s: %w", name, err)
	}
	return doc, nil
}

// part is a prototype element of a skeleton with the comment written just
// before it ("" if none).
type part struct {
	comment string
	elem    *etree.Element
}

// partOf takes e, and the comment before it, as a prototype.
func partOf(e *etree.Element) part {
	if e == nil {
		panic("templates: the skeleton lacks an element the generator needs")
	}
	return part{comment: commentBefore(e), elem: e}
}

// commentBefore returns the text of the comment just before e among its
// siblings (white space between them allowed), or "".
func commentBefore(e *etree.Element) string {
	p := e.Parent()
	if p == nil {
		return ""
	}
	for i := e.Index() - 1; i >= 0; i-- {
		switch t := p.Child[i].(type) {
		case *etree.CharData:
			if strings.TrimSpace(t.Data) == "" {
				continue
			}
		case *etree.Comment:
			return t.Data
		}
		break
	}
	return ""
}

// add appends a copy of the part to parent, its comment first with {name}
// replaced by name, and returns the copy with its children removed when
// empty is true.
func (p part) add(parent *etree.Element, name string, empty bool) *etree.Element {
	if p.comment != "" {
		parent.CreateComment(commentText(strings.ReplaceAll(p.comment, "{name}", name)))
	}
	c := p.elem.Copy()
	if empty {
		for len(c.Child) > 0 {
			c.RemoveChildAt(0)
		}
	}
	parent.AddChild(c)
	return c
}

// childWith returns the first child of e with the given tag whose attribute
// attr is value (any child with that tag when attr is "").
func childWith(e *etree.Element, tag, attr, value string) *etree.Element {
	for _, c := range e.ChildElements() {
		if c.Tag == tag && (attr == "" || c.SelectAttrValue(attr, "") == value) {
			return c
		}
	}
	return nil
}

// commentText makes s safe inside <!-- -->: no "--" and no "-" at the end,
// which XML forbids in a comment, and one space on each side.
func commentText(s string) string {
	s = strings.TrimSpace(s)
	for strings.Contains(s, "--") {
		s = strings.ReplaceAll(s, "--", "- -")
	}
	return " " + s + " "
}

// canonical parses generated XML with the answer-file reader and writes it
// in the canonical layout of answerfile.Document.Format, so that `mcsf fmt`
// leaves the result unchanged.
func canonical(doc *etree.Document, name string) ([]byte, error) {
	// One element per line already: the reader's column count is linear in
	// the length of a line, so a one-line document would cost it n².
	doc.Indent(answerfile.IndentWidth)
	doc.WriteSettings.CanonicalText = true
	doc.WriteSettings.CanonicalAttrVal = true
	raw, err := doc.WriteToBytes()
	if err != nil {
		return nil, err
	}
	parsed, diags, err := answerfile.Parse(name, raw)
	if err != nil {
		return nil, err
	}
	if len(diags) > 0 {
		return nil, fmt.Errorf("internal: %s is not well-formed: %s", name, diags[0])
	}
	return parsed.Format()
}
