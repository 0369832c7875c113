package lsp

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mcsf-dev/mcsf/answerfile"
)

// scan.go: a tolerant reading of XML for a text that is being typed. The
// strict reader (package answerfile) refuses a file at its first error, and
// a file being edited is rarely well-formed; the editor features still need
// to know which elements and attributes stand where. This reader never
// fails: an unterminated tag ends where the next '<' starts, an end tag
// closes the nearest open element of its name, comments, processing
// instructions, CDATA and DOCTYPE are skipped.

// node is an element as the tolerant reader sees it. Offsets are bytes in
// the text.
type node struct {
	name     string // as written, with its prefix
	off      int    // the '<'
	nameEnd  int
	tagEnd   int  // just past the '>' of the start tag; where the next tag starts if unterminated
	closed   bool // the start tag ends in '>' (or '/>')
	empty    bool // <x/>
	end      int  // just past the end tag; -1 when the element is never closed
	attrs    []attr
	parent   *node
	children []*node
	nchild   int // while reading: how many children it has
	idx      int // its index in tree.all (and tree.slab)
}

// attr is an attribute of a node.
type attr struct {
	name           string
	nameOff        int
	valOff, valEnd int    // the value between the quotes; valOff is -1 when there is no value yet
	value          string // with character references decoded
	open           bool   // the value has no closing quote
}

// local is the element's name without its prefix.
func (n *node) local() string {
	if i := strings.IndexByte(n.name, ':'); i >= 0 {
		return n.name[i+1:]
	}
	return n.name
}

// attr returns the attribute key of n, or nil.
func (n *node) attr(key string) *attr {
	for i := range n.attrs {
		if n.attrs[i].name == key {
			return &n.attrs[i]
		}
	}
	return nil
}

// value returns the value of attribute key of n, "" when absent.
func (t *tree) value(n *node, key string) string {
	if a := n.attr(key); a != nil {
		return t.val(a)
	}
	return ""
}

// contentEnd is where the element's content ends: at its end tag, or at
// the end of the text when it is never closed.
func (t *tree) contentEnd(n *node) int {
	if n.empty {
		return t.tagEnd(n)
	}
	if n.end < 0 {
		return len(t.src)
	}
	return t.end(n)
}

// within reports whether n is inside an element named name (its parent, or further up).
func (n *node) within(name string) bool {
	for p := n.parent; p != nil; p = p.parent {
		if p.local() == name {
			return true
		}
	}
	return false
}

// tree is the tolerant reading of one text. Its nodes may be those of the
// reading of an older version (reread.go): their offsets are then that
// text's, and the tree's accessors (off, tagEnd, valOff, val, ...) give
// them for this one. Code outside scan.go and reread.go reads offsets and
// values through those only.
type tree struct {
	src  string
	root *node // a synthetic node holding the top-level elements
	all  []*node

	slab     []node // where the nodes live
	attrSlab []attr // where the attributes live

	// moved are the edits from the text the nodes were read from to src,
	// in order; none for a tree read from src.
	moved []byteEdit
	// values are the values of the attributes those edits changed.
	values map[*attr]string
}

// isNameByte reports whether c may be a byte of an XML name (any byte of a
// multi-byte character counts).
func isNameByte(c byte) bool {
	return c >= 0x80 || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9') ||
		c == '_' || c == ':' || c == '-' || c == '.'
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// skipTo returns the offset just past the first sep at or after i, or len(src).
func skipTo(src string, i int, sep string) int {
	if j := strings.Index(src[i:], sep); j >= 0 {
		return i + j + len(sep)
	}
	return len(src)
}

// readTree reads src tolerantly.
//
// It runs on every change of a document a request then reads, so it
// allocates little: nodes live in one slice (each starts at a '<', which
// bounds their number), attributes in another, and the children lists are
// cut from one slice once the reading is done (a 4.5 MB file of 85,000
// elements: 25 ms instead of 60).
func readTree(src string) *tree {
	t := &tree{src: src, root: &node{end: -1}}
	lt := strings.Count(src, "<")
	t.slab = make([]node, 0, lt)
	t.attrSlab = make([]attr, 0, strings.Count(src, "="))
	t.all = make([]*node, 0, lt)
	open := t.root
	for i := 0; i < len(src); {
		j := strings.IndexByte(src[i:], '<')
		if j < 0 {
			break
		}
		i += j
		rest := src[i:]
		switch {
		case strings.HasPrefix(rest, "<!--"):
			i = skipTo(src, i+4, "-->")
		case strings.HasPrefix(rest, "<![CDATA["):
			i = skipTo(src, i+9, "]]>")
		case strings.HasPrefix(rest, "<?"):
			i = skipTo(src, i+2, "?>")
		case strings.HasPrefix(rest, "<!"):
			i = skipTo(src, i+2, ">")
		case strings.HasPrefix(rest, "</"):
			k := i + 2
			for k < len(src) && isNameByte(src[k]) {
				k++
			}
			name := src[i+2 : k]
			end := k
			if gt := strings.IndexAny(src[k:], "<>"); gt >= 0 && src[k+gt] == '>' {
				end = k + gt + 1
			}
			// Close the nearest open element of that name, and what it holds.
			for n := open; n != t.root; n = n.parent {
				if n.name == name {
					for m := open; m != n; m = m.parent {
						m.end = -1
					}
					n.end = end
					open = n.parent
					break
				}
			}
			i = end
		default:
			n := t.startTag(i)
			n.parent = open
			open.nchild++
			t.all = append(t.all, n)
			if n.closed && !n.empty && n.name != "" {
				open = n
			}
			i = max(n.tagEnd, i+1)
		}
	}
	t.linkChildren()
	return t
}

// linkChildren fills the children lists, cut from one slice.
func (t *tree) linkChildren() {
	kids := make([]*node, len(t.all))
	next := 0
	take := func(n *node) {
		n.children = kids[next : next : next+n.nchild]
		next += n.nchild
	}
	take(t.root)
	for _, n := range t.all {
		take(n)
	}
	for _, n := range t.all {
		n.parent.children = append(n.parent.children, n)
	}
}

// startTag reads the start tag at src[off] == '<'.
func (t *tree) startTag(off int) *node {
	src := t.src
	t.slab = append(t.slab, node{off: off, end: -1, idx: len(t.slab)})
	n := &t.slab[len(t.slab)-1]
	first := len(t.attrSlab)
	defer func() { n.attrs = t.attrSlab[first:len(t.attrSlab):len(t.attrSlab)] }()
	i := off + 1
	for i < len(src) && isNameByte(src[i]) {
		i++
	}
	n.name, n.nameEnd = src[off+1:i], i
	for i < len(src) {
		c := src[i]
		switch {
		case isSpace(c):
			i++
		case c == '>':
			n.tagEnd, n.closed = i+1, true
			return n
		case c == '/' && i+1 < len(src) && src[i+1] == '>':
			n.tagEnd, n.closed, n.empty = i+2, true, true
			return n
		case c == '<':
			n.tagEnd = i
			return n
		case isNameByte(c):
			a := attr{nameOff: i, valOff: -1, valEnd: -1}
			for i < len(src) && isNameByte(src[i]) {
				i++
			}
			a.name = src[a.nameOff:i]
			k := i
			for k < len(src) && isSpace(src[k]) {
				k++
			}
			if k < len(src) && src[k] == '=' {
				k++
				for k < len(src) && isSpace(src[k]) {
					k++
				}
				i = k
				if k < len(src) && (src[k] == '"' || src[k] == '\'') {
					q := src[k]
					a.valOff = k + 1
					end := strings.IndexByte(src[a.valOff:], q)
					if end < 0 {
						end = len(src) - a.valOff
					}
					if lt := strings.IndexByte(src[a.valOff:a.valOff+end], '<'); lt >= 0 {
						a.valEnd, i, a.open = a.valOff+lt, a.valOff+lt, true // unterminated: the next tag starts
					} else if a.valOff+end == len(src) {
						a.valEnd, i, a.open = len(src), len(src), true
					} else {
						a.valEnd, i = a.valOff+end, a.valOff+end+1
					}
					a.value = attrValue(src, a.valOff, a.valEnd)
				}
			}
			t.attrSlab = append(t.attrSlab, a)
		default:
			i++ // a stray character: skipped
		}
	}
	n.tagEnd = len(src)
	return n
}

// attrValue is the value between the quotes at src[from:to], with its
// references decoded: the five entities XML predefines and character
// references. A reference that is malformed or names another entity is kept
// as written (the parser's diagnostics report it).
func attrValue(src string, from, to int) string {
	v := src[from:to]
	if strings.IndexByte(v, '&') < 0 {
		return v
	}
	var b strings.Builder
	for {
		amp := strings.IndexByte(v, '&')
		if amp < 0 {
			b.WriteString(v)
			return b.String()
		}
		b.WriteString(v[:amp])
		v = v[amp:]
		n := 1
		if semi := strings.IndexByte(v, ';'); semi > 0 {
			if r, ok := xmlReference(v[1:semi]); ok {
				b.WriteString(r)
				n = semi + 1
			}
		}
		if n == 1 {
			b.WriteByte('&')
		}
		v = v[n:]
	}
}

// xmlReference is what the reference &ref; stands for in XML.
func xmlReference(ref string) (string, bool) {
	if v, ok := answerfile.PredefinedEntity(ref); ok {
		return v, true
	}
	num, ok := strings.CutPrefix(ref, "#")
	if !ok || num == "" {
		return "", false
	}
	base := 10
	if hex, ok := strings.CutPrefix(num, "x"); ok {
		num, base = hex, 16
	}
	if num == "" || num[0] == '+' || num[0] == '-' {
		return "", false
	}
	r, err := strconv.ParseUint(num, base, 32)
	if err != nil || r == 0 || !utf8.ValidRune(rune(r)) {
		return "", false
	}
	return string(rune(r)), true
}

// tagAt returns the node whose start tag holds off, or nil. A start tag
// holds no other, so it can only be the last one starting before off.
func (t *tree) tagAt(off int) *node {
	if i := t.tagIndexAt(off); i >= 0 {
		return t.all[i]
	}
	return nil
}

// attrAt returns the attribute of n whose name or value holds off, or nil.
func (t *tree) attrAt(n *node, off int) *attr {
	for i := range n.attrs {
		a := &n.attrs[i]
		if off >= t.nameOff(a) && off <= t.nameOff(a)+len(a.name) {
			return a
		}
		if a.valOff >= 0 && off >= t.valOff(a) && off <= t.valEnd(a) {
			return a
		}
	}
	return nil
}

// at is the offset in src of offset o of the text the nodes were read
// from. An offset at an edit's start moves when it marks the start of
// something the inserted bytes come before (a '<', an attribute name, a
// value's closing quote) and stays when it marks the end of something
// they come after (a '>', an end tag) or the start of the value they are
// typed in. A negative offset (none) stays.
func (t *tree) at(o int, start bool) int {
	return moveOffset(o, t.moved, start)
}

func moveOffset(o int, edits []byteEdit, start bool) int {
	for _, e := range edits {
		if o >= 0 && (o > e.from || (start && o == e.from)) {
			o += e.n - (e.to - e.from)
		}
	}
	return o
}

// The offsets of n and a in src.
func (t *tree) off(n *node) int     { return t.at(n.off, true) }
func (t *tree) nameEnd(n *node) int { return t.at(n.nameEnd, false) }
func (t *tree) tagEnd(n *node) int  { return t.at(n.tagEnd, false) }
func (t *tree) end(n *node) int     { return t.at(n.end, false) } // -1: never closed
func (t *tree) nameOff(a *attr) int { return t.at(a.nameOff, true) }
func (t *tree) valOff(a *attr) int  { return t.at(a.valOff, false) } // -1: no value
func (t *tree) valEnd(a *attr) int  { return t.at(a.valEnd, true) }

// val is the value of a in src.
func (t *tree) val(a *attr) string {
	if v, ok := t.values[a]; ok {
		return v
	}
	return a.value
}

// elementAt returns the innermost element whose content holds off (the
// synthetic root when none does).
func (t *tree) elementAt(off int) *node {
	n := t.root
	for {
		var next *node
		for _, c := range n.children {
			if t.off(c) >= off {
				break
			}
			if c.closed && !c.empty && t.tagEnd(c) <= off && off < t.contentEnd(c)+boolInt(c.end < 0) {
				next = c
			}
		}
		if next == nil {
			return n
		}
		n = next
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// named lists the nodes with local name name, in document order.
func (t *tree) named(name string) []*node {
	var out []*node
	for _, n := range t.all {
		if n.local() == name {
			out = append(out, n)
		}
	}
	return out
}
