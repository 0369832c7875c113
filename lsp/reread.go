package lsp

import "strings"

// reread.go: the tolerant reading of a text after a keystroke, derived
// from the reading before it instead of read again. Most keystrokes type
// inside an attribute value or between tags; such an edit changes no
// element, only where the ones after it stand. The derived tree is the one
// readTree would give (a property the tests check on random edits),
// without scanning the text: on the 5,000-target file 62 ms instead of 91
// and 20 MB instead of 25 (BenchmarkReread, shared machine at load 14;
// copying the nodes is most of what is left).

// byteEdit is one change of a text: the bytes [from, to) replaced by n
// bytes. kind says where it may stand without changing the markup.
type byteEdit struct {
	from, to, n int
	kind        editKind
}

type editKind uint8

const (
	// editMarkup may change the markup: the text is read again.
	editMarkup editKind = iota
	// editValue changes no markup if it stays inside one quoted attribute value.
	editValue
	// editCharData changes no markup: it is between tags (or inside a
	// comment, CDATA section or processing instruction, which the reader
	// skips); it may still be inside a start tag where a '>' stands in a
	// value, which the tree tells.
	editCharData
)

// markupBytes are the bytes an edit must neither remove nor add to leave
// the markup alone: those that start, end or quote markup, and those that
// end a comment, CDATA section or processing instruction.
const markupBytes = "<>&\"'-]?"

// classify says where the edit of old's bytes [from, to) by ins may stand.
func classify(old string, from, to int, ins string) editKind {
	if strings.ContainsAny(old[from:to], markupBytes) || strings.ContainsAny(ins, markupBytes) ||
		to-from > 4096 || len(ins) > 4096 {
		return editMarkup
	}
	// Bytes that could join a terminator ("-->", "]]>", "?>") across the edit.
	if (from > 0 && strings.IndexByte("-]?", old[from-1]) >= 0) || (to < len(old) && strings.IndexByte("-]>", old[to]) >= 0) {
		return editMarkup
	}
	lt, gt := strings.LastIndexByte(old[:from], '<'), strings.LastIndexByte(old[:from], '>')
	if gt > lt || lt < 0 {
		return editCharData
	}
	return editValue
}

// maxPendingEdits bounds the edits a snapshot keeps to derive its tree from
// an older one; past it, reading again is as cheap and holds less.
const maxPendingEdits = 64

// edited returns the tree of src, the text that edits made of t's text, or
// false when an edit may change the markup.
//
// An offset moves by an edit's length change when it is after the edit.
// One at the edit's start moves when it marks the start of something the
// inserted bytes come before (a '<', an attribute name, a value's closing
// quote) and stays when it marks the end of something they come after (a
// '>', an end tag) or the start of the value they are typed in.
func (t *tree) edited(src string, edits []byteEdit) (*tree, bool) {
	move := func(o int, edits []byteEdit, start bool) int {
		for _, e := range edits {
			if o >= 0 && (o > e.from || (start && o == e.from)) {
				o += e.n - (e.to - e.from)
			}
		}
		return o
	}
	for k, e := range edits {
		if e.kind == editMarkup {
			return nil, false
		}
		// The tree's offsets as they are when edit k applies.
		at := func(o int, start bool) int { return move(o, edits[:k], start) }
		i := t.tagIndexAt(e.from, at)
		if i < 0 {
			if e.kind != editCharData {
				return nil, false // between tags, but not in character data: an end tag's name
			}
			continue
		}
		inValue := false
		for _, a := range t.all[i].attrs {
			if a.valOff >= 0 && !a.open && at(a.valOff, false) <= e.from && e.to <= at(a.valEnd, true) {
				inValue = true
				break
			}
		}
		if !inValue {
			return nil, false // in a start tag, outside its values
		}
	}
	out := &tree{src: src, root: &node{end: -1, nchild: t.root.nchild}}
	out.slab = make([]node, len(t.all))
	out.attrSlab = make([]attr, 0, len(t.attrSlab))
	out.all = make([]*node, len(t.all))
	for i, old := range t.all {
		n := &out.slab[i]
		*n = *old
		out.all[i] = n
		n.off = move(old.off, edits, true)
		n.nameEnd = move(old.nameEnd, edits, false)
		n.tagEnd = move(old.tagEnd, edits, false)
		n.end = move(old.end, edits, false)
		n.name = src[n.off+1 : n.nameEnd] // from src: the tree holds no older text
		n.parent = out.root
		if old.parent != t.root {
			n.parent = &out.slab[old.parent.idx]
		}
		n.children = nil
		first := len(out.attrSlab)
		for _, a := range old.attrs {
			a.nameOff = move(a.nameOff, edits, true)
			a.name = src[a.nameOff : a.nameOff+len(a.name)]
			if a.valOff >= 0 {
				a.valOff = move(a.valOff, edits, false)
				a.valEnd = move(a.valEnd, edits, true)
				a.value = attrValue(src, a.valOff, a.valEnd)
			}
			out.attrSlab = append(out.attrSlab, a)
		}
		n.attrs = out.attrSlab[first:len(out.attrSlab):len(out.attrSlab)]
	}
	out.linkChildren()
	return out, true
}

// tagIndexAt is tagAt on the offsets as at maps them: the index in t.all
// of the node whose start tag holds off, or -1.
func (t *tree) tagIndexAt(off int, at func(o int, start bool) int) int {
	lo, hi := 0, len(t.all)
	for lo < hi { // the first node starting at or after off
		m := (lo + hi) / 2
		if at(t.all[m].off, true) >= off {
			hi = m
		} else {
			lo = m + 1
		}
	}
	i := lo - 1
	if i < 0 {
		return -1
	}
	n := t.all[i]
	if end := at(n.tagEnd, false); off < end || (off == end && !n.closed) {
		return i
	}
	return -1
}
