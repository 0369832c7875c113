package answerfile

import (
	"bytes"
	"sort"
	"strings"

	"github.com/beevik/etree"
)

// update.go: a document brought up to date with a new version of its text
// without reading the whole text again, for an editor that changes a value
// and wants the findings of the new text (the language server). A
// keystroke in a value of bench/gen's 5,000-target file (4.5 MB): Update
// 12 CPU-ms and 1 MB, a Parser's Parse 88-104 CPU-ms and 14-16 MB (go test
// ./answerfile -run '^$' -bench 'UpdateLarge|ParseGenLarge' -benchtime
// 20x, load 7.7). Update shifts the positions after the value and reads
// the value into the tree and the typed view.

// Update makes d the document of data, a later version of the text d was
// read from, when the two differ only inside the value of one attribute:
// Tree, Root, Text, every position and path are then what
// ParseLimits(d.Name, data, lim) would give. It returns false and leaves d
// as it was for any other change (markup, text content, a comment, the
// value of a namespace declaration, a change that would not be
// well-formed, another encoding or line-end form, a text over lim.MaxBytes):
// the caller then parses data. d must not be read by another goroutine
// while Update runs; an *etree.Element of d stays the same element.
func (d *Document) Update(data []byte, lim Limits) bool {
	if d.released || d.arena == nil || len(d.arena.nodes) == 0 {
		return false
	}
	if lim.MaxBytes > 0 && len(data) > lim.MaxBytes {
		return false
	}
	text, enc, msg, _ := decode(data)
	if msg != "" || enc != d.Encoding || looksBinary(text) {
		return false
	}
	old := d.text
	// The changed span: old[from:oldEnd] became text[from:newEnd].
	from := commonPrefix(old, text)
	if from == len(old) && from == len(text) {
		d.text, d.lines = text, newLineIndex(text)
		return true
	}
	tail := commonSuffix(old[from:], text[from:])
	oldEnd, newEnd := len(old)-tail, len(text)-tail
	el, in, ai, closeOff := d.valueAround(from, oldEnd)
	if in == nil || ai >= len(el.Attr) || el.Attr[ai].FullKey() != in.attrs[ai].name {
		return false
	}
	a := in.attrs[ai]
	if a.name == "xmlns" || strings.HasPrefix(a.name, "xmlns:") {
		return false // a namespace declaration: the tree's namespaces may change
	}
	delta := newEnd - oldEnd
	value, ok := readValue(text[a.valueOff:closeOff+delta+1], a.name)
	if !ok {
		return false
	}
	// Well-formed: from here on d becomes the document of text.
	el.Attr[ai].Value = value
	d.shift(oldEnd, delta)
	d.text, d.lines = text, newLineIndex(text)
	root := d.Tree.Root()
	d.foreign = foreignElements(plainNamespaces(text, root.Space, root.Attr), root)
	d.refreshView(el)
	return true
}

// refreshView reads the attributes of el into the typed view again, as
// newCustomizations reads them (keep the two in step: TestUpdateEveryAttr
// changes every attribute the view reads). Which elements are in the view
// depends on tags and namespaces only, which an update leaves alone; a walk
// of the view costs no allocation, where building it again took most of an
// update of the 5,000-target file.
func (d *Document) refreshView(el *etree.Element) {
	read := func(n Node, a *Attr, key string) {
		if n.Elem == el {
			*a = d.attr(el, key)
		}
	}
	c := d.Root
	read(c.Node, &c.Name, "Name")
	read(c.Node, &c.Description, "Description")
	read(c.Node, &c.Owner, "Owner")
	read(c.Node, &c.OwnerType, "OwnerType")
	read(c.Node, &c.Priority, "Priority")
	for i := range c.Imports {
		read(c.Imports[i].Node, &c.Imports[i].Source, "Source")
	}
	for i := range c.Targets {
		t := &c.Targets[i]
		read(t.Node, &t.ID, "Id")
		for j := range t.States {
			for k := range t.States[j].Conditions {
				cond := &t.States[j].Conditions[k]
				read(cond.Node, &cond.Name, "Name")
				read(cond.Node, &cond.Value, "Value")
			}
		}
	}
	groups := func(gs []SettingsGroup) {
		for i := range gs {
			g := &gs[i]
			read(g.Node, &g.Path, "Path")
			for j := range g.Settings {
				read(g.Settings[j].Node, &g.Settings[j].Name, "Name")
				read(g.Settings[j].Node, &g.Settings[j].Value, "Value")
			}
			for j := range g.Assets {
				read(g.Assets[j].Node, &g.Assets[j].Name, "Name")
				read(g.Assets[j].Node, &g.Assets[j].Source, "Source")
			}
		}
	}
	for i := range c.Statics {
		groups(c.Statics[i].Groups)
	}
	for i := range c.Variants {
		v := &c.Variants[i]
		read(v.Node, &v.Name, "Name")
		for j := range v.TargetRefs {
			read(v.TargetRefs[j].Node, &v.TargetRefs[j].ID, "Id")
		}
		groups(v.Groups)
	}
}

// shift moves every element and attribute position at or after off by
// delta.
func (d *Document) shift(off, delta int) {
	for i := range d.arena.nodes {
		in := &d.arena.nodes[i].info
		if in.off >= off {
			in.off += delta
		}
		if in.endOff >= off {
			in.endOff += delta
		}
		for j := range in.attrs {
			if a := &in.attrs[j]; a.off >= off {
				a.off += delta
				a.valueOff += delta
			}
		}
	}
}

// valueAround finds the attribute whose value, between its quotes, holds
// old[from:end]: its element, the element's info, the attribute's index
// there, and the offset of its closing quote. nil when there is none. The
// elements are in document order: a start tag that holds from is that of
// the last element starting before it.
func (d *Document) valueAround(from, end int) (el *etree.Element, in *elemInfo, attr, closeOff int) {
	nodes := d.arena.nodes
	i := sort.Search(len(nodes), func(i int) bool { return nodes[i].info.off >= from }) - 1
	if i < 0 {
		return nil, nil, 0, 0
	}
	el, in = &nodes[i].el, &nodes[i].info
	for k, a := range in.attrs {
		if a.valueOff == 0 || a.valueOff > from {
			continue
		}
		q := d.text[a.valueOff-1]
		c := bytes.IndexByte(d.text[a.valueOff:], q)
		if c >= 0 && end <= a.valueOff+c {
			return el, in, k, a.valueOff + c
		}
	}
	return nil, nil, 0, 0
}

// readValue reads an attribute value and its closing quote (the last
// byte of b) as the scanner does, with its character checks: the decoded
// value, false when b is not exactly one well-formed value.
func readValue(b []byte, name string) (string, bool) {
	if len(b) == 0 {
		return "", false
	}
	s := &scanner{src: b, str: string(b)}
	s.checkChars()
	if !s.ok() {
		return "", false
	}
	v, ok := s.attrValue(b[len(b)-1], name)
	return v, ok && s.ok() && s.p == len(b)-1
}

// commonPrefix is the length of the longest common prefix of a and b,
// compared a block at a time (bytes.Equal is vectorised), then a byte at a
// time in the first block that differs.
func commonPrefix(a, b []byte) int {
	const block = 4096
	n := min(len(a), len(b))
	i := 0
	for i+block <= n && bytes.Equal(a[i:i+block], b[i:i+block]) {
		i += block
	}
	for i < n && a[i] == b[i] {
		i++
	}
	return i
}

// commonSuffix is the length of the longest common suffix of a and b.
func commonSuffix(a, b []byte) int {
	const block = 4096
	n := min(len(a), len(b))
	i := 0
	for i+block <= n && bytes.Equal(a[len(a)-i-block:len(a)-i], b[len(b)-i-block:len(b)-i]) {
		i += block
	}
	for i < n && a[len(a)-i-1] == b[len(b)-i-1] {
		i++
	}
	return i
}
