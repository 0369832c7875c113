package answerfile

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/bits"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/beevik/etree"
)

// scan.go holds the reader: a strict XML 1.0 well-formedness checker that
// builds the etree tree as it goes. encoding/xml (and so etree's own reader)
// lets through what the XML spec forbids (several roots, "--" in comments,
// undeclared prefixes, duplicate attributes) and knows no positions; this
// scanner refuses the former and records where every element and attribute
// starts, in one pass. It never recurses, so nesting depth costs heap, not
// stack.

// Limits bound what the reader accepts. Zero means no limit.
type Limits struct {
	MaxBytes      int // file size in bytes
	MaxDepth      int // element nesting
	MaxAttributes int // attributes on one element
	MaxElements   int // elements in the file
}

// DefaultLimits are generous for answer files and small enough to stop
// hostile input before it exhausts memory.
var DefaultLimits = Limits{
	MaxBytes:      64 << 20,
	MaxDepth:      256,
	MaxAttributes: 256,
	MaxElements:   1_000_000,
}

type attrInfo struct {
	name     string
	off      int // offset of the attribute name
	valueOff int // offset of the first character of the value (after the quote)
}

type elemInfo struct {
	name   string // as written, with its prefix
	off    int    // offset of '<'
	endOff int    // offset just past the closing '>' of the end tag (or of "/>")
	attrs  []attrInfo
	// parent and index (1-based among the parent's children with the same
	// local name) make the element path when a diagnostic asks for it.
	parent *elemInfo
	index  int
}

// path is the element path, e.g. /ImageCustomizations/Variant[2]/Settings[1],
// followed by /@attr when attr is not "".
func (e *elemInfo) path(attr string) string {
	var up [16]*elemInfo
	chain := up[:0]
	for a := e; a != nil; a = a.parent {
		chain = append(chain, a)
	}
	var buf [256]byte // built on the stack: one allocation, the string's
	b := buf[:0]
	for i := len(chain) - 1; i >= 0; i-- {
		b = append(append(b, '/'), localName(chain[i].name)...)
		if chain[i].parent != nil {
			b = append(strconv.AppendInt(append(b, '['), int64(chain[i].index), 10), ']')
		}
	}
	if attr != "" {
		b = append(append(b, "/@"...), attr...)
	}
	return string(b)
}

func localName(name string) string {
	if i := strings.IndexByte(name, ':'); i >= 0 {
		return name[i+1:]
	}
	return name
}

// chunk hands out records from slices of size n, so that the many small
// records of a file cost a few allocations instead of one each. Its slices
// are kept, so that reset can hand them out again for the next file.
type chunk[T any] struct {
	buf   []T   // the slice being filled
	n     int   // the size of a new slice
	full  [][]T // slices filled before buf
	spare [][]T // cleared slices to fill next
}

// next returns a zeroed record.
func (c *chunk[T]) next() *T {
	if len(c.buf) == cap(c.buf) {
		c.grow(1)
	}
	c.buf = c.buf[:len(c.buf)+1]
	return &c.buf[len(c.buf)-1]
}

// window returns an empty slice with room for n records (appending more
// than n moves it out of the chunk, as append does).
func (c *chunk[T]) window(n int) []T {
	if cap(c.buf)-len(c.buf) < n {
		c.grow(n)
	}
	start := len(c.buf)
	c.buf = c.buf[:start+n]
	return c.buf[start : start : start+n]
}

// grow starts a slice with room for at least need records: a spare one if
// there is one, else a new one.
func (c *chunk[T]) grow(need int) {
	if c.buf != nil {
		c.full = append(c.full, c.buf)
	}
	for len(c.spare) > 0 {
		b := c.spare[len(c.spare)-1]
		c.spare = c.spare[:len(c.spare)-1]
		if cap(b) >= need {
			c.buf = b
			return
		}
	}
	c.buf = make([]T, 0, max(c.n, need))
}

// reset clears the slices handed out and keeps them as spares: all of
// them when keepAll is set, else a few, enough for a small file, so that a
// pooled arena does not hold on to the memory of a large one.
func (c *chunk[T]) reset(keepAll bool) {
	if c.buf != nil {
		c.full = append(c.full, c.buf)
	}
	for _, b := range c.full {
		if keepAll || len(c.spare) < maxSpares {
			clear(b)
			c.spare = append(c.spare, b[:0])
		}
	}
	c.buf, c.full = nil, c.full[:0]
}

const maxSpares = 4

// capacity is how many records c holds, handed out or spare.
func (c *chunk[T]) capacity() int {
	n := cap(c.buf)
	for _, b := range c.full {
		n += cap(b)
	}
	for _, b := range c.spare {
		n += cap(b)
	}
	return n
}

// arena is where one document's tree records come from. Document.Release
// hands it back, cleared, for the next Parse: linting many files then
// reuses the same memory, warm in the cache, instead of making garbage.
type arena struct {
	// nodes are the elements, each with its position record, in document
	// order; one slice per document, sized by an upper bound of the number
	// of elements (see build), so that an element's record is found from
	// its address (Document.infoOf) instead of a map.
	nodes     []node
	tree      etree.Document // the Document's Tree
	attrInfos chunk[attrInfo]
	etreeAttr chunk[etree.Attr]
	texts     chunk[etree.CharData]
	comments  chunk[etree.Comment]
	procInsts chunk[etree.ProcInst]
	tokens    chunk[etree.Token]
	model     // the typed view's slices
	scratch   scratch
	// owner is the Parser the arena goes back to; nil: the pool.
	owner *Parser
}

// scratch is the scanner's working memory, kept by the arena for the next
// document (see scanner for what each holds).
type scratch struct {
	stack    []openElem
	attrs    []attrInfo
	values   []string
	counts   []tagCount
	nsScopes [][]string
	xml      []string // the prefixes declared in every document
}

// keepScratch hands the scanner's working memory to its arena, cleared.
func (s *scanner) keepScratch() {
	clear(s.attrs[:cap(s.attrs)])
	clear(s.values[:cap(s.values)])
	clear(s.counts[:cap(s.counts)])
	clear(s.nsScopes[:cap(s.nsScopes)])
	clear(s.stack[:cap(s.stack)])
	s.arena.scratch.stack = s.stack[:0]
	s.arena.scratch.attrs, s.arena.scratch.values = s.attrs[:0], s.values[:0]
	s.arena.scratch.counts, s.arena.scratch.nsScopes = s.counts[:0], s.nsScopes[:0]
}

// node is an element of the tree and where it stands in the text.
type node struct {
	el   etree.Element
	info elemInfo
}

// maxPooledNodes is the most nodes a pooled arena keeps for the next
// document: a pooled arena does not hold on to the memory of a large file.
const maxPooledNodes = 4096

var arenas = sync.Pool{New: newArena}

func newArena() any { return &arena{} }

// release clears the arena and hands it back: to the Parser that owns it,
// which keeps all of its memory, or else to the pool, which keeps what a
// small file needs.
func (a *arena) release() {
	keepAll := a.owner != nil
	a.attrInfos.reset(keepAll)
	a.etreeAttr.reset(keepAll)
	a.texts.reset(keepAll)
	a.comments.reset(keepAll)
	a.procInsts.reset(keepAll)
	a.tokens.reset(keepAll)
	a.model.reset(keepAll)
	a.tree = etree.Document{}
	if !keepAll && cap(a.nodes) > maxPooledNodes {
		a.nodes = nil
	} else {
		clear(a.nodes)
		a.nodes = a.nodes[:0]
	}
	if a.owner != nil {
		a.owner.put(a)
		return
	}
	arenas.Put(a)
}

// reserve makes room for n nodes: the arena's slice when it is large
// enough, else a new one.
func (a *arena) reserve(n int) {
	if cap(a.nodes) < n {
		a.nodes = make([]node, 0, n)
	}
}

// infoOf is the record of e when e is an element of the arena, else nil.
// The tree's elements are in the one slice a.nodes, so e's place there
// follows from its address (the collector does not move heap objects).
func (a *arena) infoOf(e *etree.Element) *elemInfo {
	if len(a.nodes) == 0 || e == nil {
		return nil
	}
	const size = unsafe.Sizeof(node{})
	off := uintptr(unsafe.Pointer(e)) - uintptr(unsafe.Pointer(&a.nodes[0])) // wraps around below the slice
	if i := off / size; off%size == 0 && i < uintptr(len(a.nodes)) {
		return &a.nodes[i].info
	}
	return nil
}

// syntaxError is the first well-formedness error found; scanning stops there
// as a conforming XML processor must.
type syntaxError struct {
	off     int
	msg     string
	fix     string
	related []relatedOff
	edits   []TextEdit // make fix mechanical; positions are filled in by ParseLimits
}

type relatedOff struct {
	off int
	msg string
}

type scanner struct {
	src    []byte
	p      int
	limits Limits
	err    *syntaxError
	// the tree being built: cur is the parent of what is read next
	doc   *etree.Document
	cur   *etree.Element
	root  *elemInfo
	count int // elements read
	// declared namespace prefixes, innermost scope last
	nsScopes [][]string
	// decl is the encoding named in the XML declaration ("" when absent).
	decl  string
	lines lineIndex
	// walk, when set, is told of each element instead of a tree being
	// built (see Walk).
	walk *walker
	// scratch: the attributes of the start tag being read, and the
	// children counts of the open elements, innermost last
	attrs  []attrInfo
	values []string
	counts []tagCount
	stack  []openElem // the open elements, innermost last (see element)
	// where the tree's records come from: parser's arena when it is set,
	// else the pool's
	*arena
	parser *Parser
	// str is src as one string, without a copy: names, values and text are
	// substrings of it.
	str string
	// cr is whether src holds a CR, which slice must normalize.
	cr bool
	// nsDecls counts the namespace declarations (xmlns and xmlns:p
	// attributes), prefixed whether an element name has a prefix: what
	// plainNamespaces tells from them.
	nsDecls  int
	prefixed bool
}

func (s *scanner) fail(off int, fix, format string, args ...any) {
	if s.err == nil {
		s.err = &syntaxError{off: off, msg: fmt.Sprintf(format, args...), fix: fix}
	}
}

func (s *scanner) failRelated(off int, rel relatedOff, fix, format string, args ...any) {
	if s.err == nil {
		s.fail(off, fix, format, args...)
		s.err.related = []relatedOff{rel}
	}
}

func (s *scanner) ok() bool { return s.err == nil }

func (s *scanner) hasPrefix(p string) bool {
	return bytes.HasPrefix(s.src[s.p:], []byte(p))
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func (s *scanner) skipSpace() bool {
	// The hot loops of the scanner count in a local variable, not in s.p,
	// which the compiler would store at every byte.
	src, p := s.src, s.p
	for p < len(src) && isSpace(src[p]) {
		p++
	}
	moved := p > s.p
	s.p = p
	return moved
}

// keepSpace reads white space between markup and adds it to the tree.
func (s *scanner) keepSpace() {
	start := s.p
	if s.skipSpace() && s.walk == nil {
		s.addText(s.slice(start, s.p))
	}
}

// addText adds character data to the current element, as CreateText would.
func (s *scanner) addText(text string) {
	if s.walk != nil {
		return // no tree
	}
	t := s.texts.next()
	t.Data = text
	s.addChild(t)
}

// addChild adds tok to the current element, as AddChild does, growing the
// element's children from the arena rather than the heap.
func (s *scanner) addChild(tok etree.Token) {
	if c := s.cur.Child; len(c) == cap(c) && len(c) > 0 {
		s.cur.Child = append(s.tokens.window(2*len(c)), c...)
	}
	s.cur.AddChild(tok)
}

// childWindow is the room a new element's children start with: most
// elements of an answer file have fewer tokens (white space included).
const childWindow = 8

// slice is the text from start to end with line ends normalized: a
// substring of the one string of the whole text (no copy) unless it holds a
// CR.
func (s *scanner) slice(start, end int) string {
	if !s.cr || bytes.IndexByte(s.src[start:end], '\r') < 0 {
		return s.str[start:end]
	}
	return normalizeNewlines(s.src[start:end])
}

// normalizeNewlines turns CR LF and lone CR into LF, as XML parsers must.
func normalizeNewlines(b []byte) string {
	if bytes.IndexByte(b, '\r') < 0 {
		return string(b)
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] == '\r' {
			out = append(out, '\n')
			if i+1 < len(b) && b[i+1] == '\n' {
				i++
			}
			continue
		}
		out = append(out, b[i])
	}
	return string(out)
}

func isNameStart(r rune) bool {
	return r == ':' || r == '_' || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') ||
		(r >= 0xC0 && r != 0xD7 && r != 0xF7 && r <= 0x2FF) || (r >= 0x370 && r <= 0x1FFF && r != 0x37E) ||
		r == 0x200C || r == 0x200D || (r >= 0x2070 && r <= 0x218F) || (r >= 0x2C00 && r <= 0x2FEF) ||
		(r >= 0x3001 && r <= 0xD7FF) || (r >= 0xF900 && r <= 0xFDCF) || (r >= 0xFDF0 && r <= 0xFFFD) ||
		(r >= 0x10000 && r <= 0xEFFFF)
}

func isNameChar(r rune) bool {
	return isNameStart(r) || r == '-' || r == '.' || ('0' <= r && r <= '9') || r == 0xB7 ||
		(r >= 0x300 && r <= 0x36F) || r == 0x203F || r == 0x2040
}

// isXMLChar reports whether r may appear in an XML 1.0 document.
func isXMLChar(r rune) bool {
	return r == 0x9 || r == 0xA || r == 0xD || (r >= 0x20 && r <= 0xD7FF) ||
		(r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF)
}

// asciiName tells, for each ASCII byte, whether it may start a name (1) or
// continue one (1 or 2).
// It is isNameStart and isNameChar written out (TestASCIIName checks it),
// so that it is data, not code run when the program starts.
var asciiName = [utf8.RuneSelf]byte{
	'-': 2, '.': 2,
	'0': 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	':': 1,
	'A': 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	'_': 1,
	'a': 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
}

// name reads an XML Name at s.p; "" if there is none. The first character
// is tested alone, so that the loop over the others (ASCII, mostly) tests
// one table entry a byte.
func (s *scanner) name() string {
	src, start := s.src, s.p
	p := start
	if p >= len(src) {
		return ""
	}
	if c := src[p]; c < utf8.RuneSelf {
		if asciiName[c] != 1 {
			return ""
		}
		p++
	} else {
		r, n := utf8.DecodeRune(src[p:])
		if !isNameStart(r) {
			return ""
		}
		p += n
	}
	for p < len(src) {
		c := src[p]
		if c < utf8.RuneSelf {
			if asciiName[c] == 0 {
				break
			}
			p++
			continue
		}
		r, n := utf8.DecodeRune(src[p:])
		if !isNameChar(r) {
			break
		}
		p += n
	}
	s.p = p
	return s.str[start:p]
}

func describe(b []byte) string {
	if len(b) == 0 {
		return "end of file"
	}
	r, _ := utf8.DecodeRune(b)
	switch {
	case r == utf8.RuneError:
		return fmt.Sprintf("byte 0x%02X", b[0])
	case r == 0xA0:
		return "a non-breaking space (U+00A0)"
	case r == '\n' || r == '\r':
		return "end of line"
	case unicode.IsPrint(r):
		return fmt.Sprintf("%q", r)
	}
	return fmt.Sprintf("character U+%04X", r)
}

// looksBinary reports whether data does not start like XML and its first
// 512 bytes are mostly not text.
func looksBinary(data []byte) bool {
	head := data[:min(len(data), 512)]
	if t := bytes.TrimLeft(head, " \t\r\n"); len(t) == 0 || t[0] == '<' {
		return false
	}
	bad := 0
	for i := 0; i < len(head); {
		r, n := utf8.DecodeRune(head[i:])
		if (r == utf8.RuneError && n == 1) || (r < 0x20 && r != '\t' && r != '\n' && r != '\r') {
			bad++
		}
		i += n
	}
	return bad*10 > len(head)
}

// checkChars validates the whole text once: UTF-8 and the XML character range.
func (s *scanner) checkChars() {
	src := s.src
	for i := 0; i < len(src); {
		// Eight bytes at a time while they are all printable ASCII
		// (0x20-0x7F): no byte below 0x20 and none from 0x80. Where one is
		// not, the lowest flagged byte is the first such byte (a borrow
		// only carries upwards): a tab or line end is stepped over and the
		// loop goes on from the next byte.
		for i+8 <= len(src) {
			w := binary.LittleEndian.Uint64(src[i:])
			m := (w - 0x2020202020202020 | w) & 0x8080808080808080
			if m == 0 {
				i += 8
				continue
			}
			i += bits.TrailingZeros64(m) / 8
			if c := src[i]; c != '\t' && c != '\n' && c != '\r' {
				break
			}
			i++
		}
		if i >= len(src) {
			return
		}
		c := src[i]
		if c >= 0x20 && c < utf8.RuneSelf || c == '\t' || c == '\n' || c == '\r' {
			i++
			continue
		}
		if c == 0 {
			s.fail(i, "the file is probably binary, or UTF-16 without a byte-order mark; save it as UTF-8",
				"NUL byte in the file: this is not an XML text file")
			return
		}
		if c < utf8.RuneSelf {
			s.fail(i, "remove the control character", "control character U+%04X is not allowed in XML", c)
			return
		}
		r, n := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && n == 1 {
			s.fail(i, "save the file as UTF-8 (or UTF-16 with a byte-order mark)",
				"invalid UTF-8 byte 0x%02X: the file is not UTF-8 text", c)
			return
		}
		if !isXMLChar(r) {
			s.fail(i, "remove the character", "character U+%04X is not allowed in XML", r)
			return
		}
		i += n
	}
}

// build makes the scanner build the tree: the document, and the arena its
// records come from.
func (s *scanner) build() {
	if s.parser != nil {
		s.arena = s.parser.get()
	} else {
		s.arena = arenas.Get().(*arena)
	}
	// The document, as etree.NewDocument makes it, in the arena.
	s.doc = &s.arena.tree
	s.cur = &s.doc.Element
	// Every element starts with a '<', so the count of '<' bounds the
	// number of elements: their one slice of nodes never grows (elements
	// point into it). The nodes of a small file's arena are reused for the
	// next file (see maxPooledNodes), so the end tags in its bound cost
	// nothing after the first file; a large file's are counted out (the
	// count of "</", a search per end tag, took 1 % of the CPU of a lint of
	// bench/gen's 10,000 small files). Other records come in chunks sized
	// by estimates: attributes (each has a '='); text, mostly white space,
	// about twice per element.
	elems := bytes.Count(s.src, []byte("<"))
	if elems > maxPooledNodes {
		elems -= bytes.Count(s.src, []byte("</"))
	}
	s.reserve(elems)
	n, attrs := min(max(elems, 16), 1024), min(max(bytes.Count(s.src, []byte("=")), 16), 2048)
	s.texts.n, s.tokens.n, s.comments.n, s.procInsts.n = 2*n, childWindow*n/2, max(n/8, 4), 2
	s.attrInfos.n, s.etreeAttr.n = attrs, attrs
	s.model.size(n)
	s.doc.Child = s.tokens.window(childWindow)
	s.attrs, s.values, s.counts, s.nsScopes = s.scratch.attrs, s.scratch.values, s.scratch.counts, s.scratch.nsScopes
	s.stack = s.scratch.stack
}

// scan checks the whole document. On return s.err holds the first error, if any.
func (s *scanner) scan() {
	// The text is read in place, not copied: ParseLimits and Walk keep
	// data (their callers must not change it), and a copy was the largest
	// allocation of a parse (3.9 of 22.5 KB per file of a lint of bench/gen's
	// small files).
	s.str = unsafe.String(unsafe.SliceData(s.src), len(s.src))
	s.cr = bytes.IndexByte(s.src, '\r') >= 0
	if s.walk == nil {
		s.build()
	}
	if looksBinary(s.src) {
		s.fail(0, "mcsf reads XML answer files; check that this is the file you meant", "the file is not XML text: it looks like binary data")
		return
	}
	s.checkChars()
	if bad := s.err; bad != nil {
		// Report the character error unless a structural error comes
		// before it: scan a copy where the bad character is harmless.
		s.err = nil
		s.index() // of the text as read, not of the copy
		orig := s.src
		_, n := utf8.DecodeRune(orig[bad.off:])
		s.src = bytes.Clone(orig)
		for i := range n {
			s.src[bad.off+i] = 'x'
		}
		s.document()
		s.src = orig
		s.doc = nil
		if s.err == nil || s.err.off >= bad.off {
			s.err = bad
		}
		return
	}
	s.document()
}

func (s *scanner) document() {
	if s.arena != nil {
		if s.arena.scratch.xml == nil {
			s.arena.scratch.xml = []string{"xml", "xmlns"}
		}
		s.nsScopes = append(s.nsScopes[:0], s.arena.scratch.xml)
	} else {
		s.nsScopes = [][]string{{"xml", "xmlns"}}
	}
	if s.hasPrefix("<?xml") && s.p+5 < len(s.src) && isSpace(s.src[s.p+5]) {
		s.xmlDecl()
	}
	sawRoot := false
	for s.ok() {
		s.keepSpace()
		if s.p >= len(s.src) {
			if !sawRoot {
				if len(bytes.TrimSpace(s.src)) == 0 {
					s.fail(s.p, "an answer file needs an <ImageCustomizations> root element", "the file is empty: no root element")
				} else {
					s.fail(s.p, "an answer file needs an <ImageCustomizations> root element", "no root element")
				}
			}
			return
		}
		switch {
		case s.hasPrefix("<!--"):
			s.comment()
		case s.hasPrefix("<?"):
			s.pi()
		case s.hasPrefix("<!DOCTYPE"):
			if sawRoot {
				s.fail(s.p, "remove it", "DOCTYPE after the root element")
				return
			}
			s.doctype()
		case s.hasPrefix("<--"):
			s.fail(s.p, "write <!-- to open a comment", "\"<--\" is not a comment: a comment opens with \"<!--\"")
		case s.hasPrefix("</"):
			s.fail(s.p, "remove it", "end tag with no matching start tag")
		case s.hasPrefix("<!"):
			s.fail(s.p, "move it inside the root element, or remove it",
				"%q is not allowed outside the root element: only comments, processing instructions and a DOCTYPE may stand there", string(s.src[s.p:min(s.p+9, len(s.src))]))
		case s.hasPrefix("<"):
			if sawRoot {
				s.failRelated(s.p, relatedOff{s.root.off, "the root element"},
					"wrap everything in the one <ImageCustomizations> element",
					"a second root element: an XML document has exactly one root element")
				return
			}
			sawRoot = true
			s.element()
		default:
			where := "before"
			if sawRoot {
				where = "after"
			}
			fix := "remove it"
			if r, _ := utf8.DecodeRune(s.src[s.p:]); r == 0xA0 {
				fix = "replace the non-breaking space with a plain space or remove it"
			} else if where == "after" && bytes.HasPrefix(s.src[s.p:], []byte("-->")) {
				fix = "this \"-->\" belongs to a comment that an earlier \"-->\" already closed; comments cannot nest"
			}
			s.fail(s.p, fix, "%s %s the root element: only comments, processing instructions and white space may stand outside it",
				describeText(s.src[s.p:]), where)
		}
	}
}

func describeText(b []byte) string {
	if r, _ := utf8.DecodeRune(b); r == 0xA0 {
		return "a non-breaking space (U+00A0)"
	}
	end := bytes.IndexAny(b, "<\r\n")
	if end < 0 || end > 20 {
		end = min(len(b), 20)
	}
	return fmt.Sprintf("text %q", strings.TrimSpace(string(b[:end])))
}

func (s *scanner) xmlDecl() {
	start := s.p
	end := bytes.Index(s.src[s.p:], []byte("?>"))
	if end < 0 {
		s.fail(start, "close it with ?>", "XML declaration is never closed")
		return
	}
	body := s.src[s.p+5 : s.p+end]
	if s.walk == nil {
		s.addProcInst("xml", strings.TrimLeft(s.slice(s.p+5, s.p+end), " \t\n"))
	}
	s.p += end + 2
	version, encoding, ok := pseudoAttrs(body)
	if !ok {
		s.fail(start, `write it as <?xml version="1.0" encoding="utf-8"?>`, "malformed XML declaration")
		return
	}
	if string(version) != "1.0" {
		s.fail(start, `write it as <?xml version="1.0" encoding="utf-8"?>`, "XML declaration without version=\"1.0\"")
		return
	}
	// encoding is a slice of the text, which is not changed (see scan):
	// its string needs no copy.
	s.decl = strings.ToLower(unsafe.String(unsafe.SliceData(encoding), len(encoding)))
}

// addProcInst adds a processing instruction to the current element, as
// CreateProcInst does, but from the arena.
func (s *scanner) addProcInst(target, inst string) {
	p := s.procInsts.next()
	p.Target, p.Inst = target, inst
	s.addChild(p)
}

// pseudoAttrs reads the name="value" pairs of an XML declaration and
// returns the values of version and encoding (the last of each; nil when
// absent); ok is false if the declaration is malformed.
func pseudoAttrs(body []byte) (version, encoding []byte, ok bool) {
	for {
		body = bytes.TrimLeft(body, " \t\r\n")
		if len(body) == 0 {
			return version, encoding, true
		}
		eq := bytes.IndexByte(body, '=')
		if eq <= 0 {
			return nil, nil, false
		}
		name := bytes.TrimSpace(body[:eq])
		rest := bytes.TrimLeft(body[eq+1:], " \t\r\n")
		if len(rest) == 0 || (rest[0] != '"' && rest[0] != '\'') {
			return nil, nil, false
		}
		q := rest[0]
		close := bytes.IndexByte(rest[1:], q)
		if close < 0 {
			return nil, nil, false
		}
		switch value := rest[1 : 1+close : 1+close]; string(name) {
		case "version":
			version = value
		case "encoding":
			encoding = value
		}
		body = rest[2+close:]
	}
}

// comment reads <!-- ... --> at s.p.
func (s *scanner) comment() {
	start := s.p
	s.p += 4
	if i := bytes.Index(s.src[s.p:], []byte("--")); i >= 0 {
		at := s.p + i
		if at+2 < len(s.src) && s.src[at+2] == '>' {
			if s.walk == nil {
				c := s.comments.next() // as CreateComment makes it, from the arena
				c.Data = s.slice(start+4, at)
				s.addChild(c)
			}
			s.p = at + 3
			return
		}
		if at >= 2 && at-2 >= start+4 && s.src[at-2] == '<' && s.src[at-1] == '!' {
			s.failRelated(at-2, relatedOff{start, "the outer comment starts here"},
				"XML comments cannot nest: remove the outer \"<!--\" and its \"-->\" (or the inner comment); "+
					"for a documentation sample, keep the one case you need and delete the other",
				"comment inside a comment: \"<!--\" opens a comment inside the comment that starts at line %d", s.index().pos(start).Line)
			if s.err.edits = uncommentOuter(s.src, start, at-2); s.err.edits != nil {
				s.err.fix = "XML comments cannot nest: remove the outer \"<!--\" line and its \"-->\" line to keep the one case you need " +
					"(mcsf lint --fix keeps this first one and deletes the other cases the sample comments out with nested comments)"
			}
			return
		}
		s.failRelated(at, relatedOff{start, "the comment starts here"},
			"replace \"--\" inside the comment text, e.g. with \"- -\"",
			"\"--\" is not allowed inside a comment")
		return
	}
	s.fail(start, "close the comment with \"-->\"", "comment is never closed: no \"-->\" follows it up to the end of the file")
}

func (s *scanner) pi() {
	start := s.p
	s.p += 2
	target := s.name()
	if target == "" {
		s.fail(start, "remove it", "processing instruction without a target")
		return
	}
	if strings.EqualFold(target, "xml") {
		fix := "remove everything before <?xml ...?>; it must be the very first thing in the file"
		if start > 0 {
			fix = fmt.Sprintf("remove the %d character(s) before <?xml ...?>; it must be the very first thing in the file", utf8.RuneCount(s.src[:start]))
		}
		s.fail(start, fix, "XML declaration not at the start of the file")
		return
	}
	end := bytes.Index(s.src[s.p:], []byte("?>"))
	if end < 0 {
		s.fail(start, "close it with ?>", "processing instruction is never closed")
		return
	}
	inst := s.src[s.p : s.p+end]
	if len(inst) > 0 && !isSpace(inst[0]) {
		s.fail(s.p, "put a space after the target", "processing instruction target %s must be followed by white space", target)
		return
	}
	if s.walk == nil {
		s.addProcInst(target, strings.TrimLeft(normalizeNewlines(inst), " \t\n"))
	}
	s.p += end + 2
}

func (s *scanner) doctype() {
	start := s.p
	// Find the end of the DOCTYPE, honouring an internal subset in brackets and quoted strings.
	depth := 0
	var quote byte
	for i := s.p + 9; i < len(s.src); i++ {
		c := s.src[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '[':
			depth++
		case c == ']':
			depth--
		case c == '>' && depth <= 0:
			body := s.src[start:i]
			if bytes.Contains(body, []byte("<!ENTITY")) {
				s.fail(start, "remove the DOCTYPE; answer files need none",
					"DOCTYPE with entity declarations is refused: entities can expand without bound or read other files")
				return
			}
			if bytes.Contains(body, []byte("<!ATTLIST")) {
				s.fail(start, "remove the DOCTYPE and write the attributes out; answer files need no DTD",
					"DOCTYPE with attribute-list declarations is refused: a DTD-aware reader gives attributes their defaults (a Value mcsf would not see)")
				return
			}
			if s.walk == nil {
				s.cur.CreateDirective(s.slice(start+2, i))
			}
			s.p = i + 1
			return
		}
	}
	s.fail(start, "close it with >", "DOCTYPE is never closed")
}

// openElem is an element whose end tag is still to come.
type openElem struct {
	info   *elemInfo
	counts int // where its children's counts start in scanner.counts
}

// tagCount counts the children of an open element with one local name, for
// element paths (Setting[3]).
type tagCount struct {
	tag string
	n   int
}

// element reads the root element and everything inside it, iteratively.
func (s *scanner) element() {
	stack := s.stack[:0]
	defer func() { s.stack = stack }() // kept for the next document (keepScratch)
	for s.ok() {
		if s.p >= len(s.src) {
			if len(stack) > 0 {
				top := stack[len(stack)-1].info
				s.failRelated(s.p, relatedOff{top.off, "<" + top.name + "> starts here"},
					"add </"+top.name+">", "missing end tag </%s>: the file ends inside <%s>", top.name, top.name)
			}
			return
		}
		if len(stack) > 0 && s.src[s.p] != '<' {
			if text, ok := s.text(); ok {
				s.addText(text)
			}
			continue
		}
		// The byte after '<' tells markup from a start tag (the most
		// frequent) without comparing prefixes.
		var next byte
		if s.p+1 < len(s.src) {
			next = s.src[s.p+1]
		}
		switch {
		case next == '!' && s.hasPrefix("<!--"):
			s.comment()
		case next == '!' && s.hasPrefix("<![CDATA["):
			end := bytes.Index(s.src[s.p:], []byte("]]>"))
			if end < 0 {
				s.fail(s.p, "close it with ]]>", "CDATA section is never closed")
				return
			}
			if s.walk == nil {
				s.cur.CreateCData(s.slice(s.p+9, s.p+end))
			}
			s.p += end + 3
		case next == '?':
			s.pi()
		case next == '!':
			s.fail(s.p, "write <!-- to open a comment", "markup declaration \"<!\" is not allowed inside an element")
		case next == '/':
			start := s.p
			s.p += 2
			name := s.name()
			s.skipSpace()
			if s.p >= len(s.src) || s.src[s.p] != '>' {
				s.fail(s.p, "close the end tag with >", "expected \">\" to close </%s>, found %s", name, describe(s.src[s.p:]))
				return
			}
			s.p++
			top := stack[len(stack)-1].info
			if name != top.name {
				s.failRelated(start, relatedOff{top.off, "<" + top.name + "> starts here"},
					"write </"+top.name+"> here, or add the missing <"+name+">",
					"end tag </%s> does not match the open element <%s>", name, top.name)
				return
			}
			top.endOff = s.p
			s.counts = s.counts[:stack[len(stack)-1].counts]
			stack = stack[:len(stack)-1]
			s.nsScopes = s.nsScopes[:len(s.nsScopes)-1]
			s.up()
			if len(stack) == 0 {
				return
			}
		case next == '-' && s.hasPrefix("<--"):
			s.fail(s.p, "write <!-- to open a comment", "\"<--\" is not a comment: a comment opens with \"<!--\"")
		default:
			var parent *elemInfo
			counts := -1
			if len(stack) > 0 {
				top := stack[len(stack)-1]
				parent, counts = top.info, top.counts
			}
			info, empty := s.startTag(len(stack)+1, parent, counts)
			if !s.ok() {
				return
			}
			if s.root == nil {
				s.root = info
			}
			if empty {
				info.endOff = s.p
				s.nsScopes = s.nsScopes[:len(s.nsScopes)-1]
				s.up()
				if len(stack) == 0 {
					return
				}
			} else {
				stack = append(stack, openElem{info: info, counts: len(s.counts)})
			}
		}
	}
}

// startTag reads <name attr="v" ...> or .../>, adds the element to the tree
// and makes it the current parent; it pushes a namespace scope.
func (s *scanner) startTag(depth int, parent *elemInfo, siblings int) (info *elemInfo, empty bool) {
	start := s.p
	s.p++
	name := s.name()
	if name == "" {
		s.fail(s.p, "escape a literal < as &lt;", "expected an element name after \"<\", found %s", describe(s.src[s.p:]))
		return
	}
	if s.limits.MaxDepth > 0 && depth > s.limits.MaxDepth {
		s.fail(start, "flatten the document", "elements nested deeper than %d levels", s.limits.MaxDepth)
		return
	}
	if s.limits.MaxElements > 0 && s.count >= s.limits.MaxElements {
		s.fail(start, "split the file", "more than %d elements", s.limits.MaxElements)
		return
	}
	s.attrs, s.values = s.attrs[:0], s.values[:0]
	var prefixes []string
	prefixedAttr := false // an attribute name has a prefix
	for {
		sp := s.skipSpace()
		if s.p >= len(s.src) {
			s.fail(start, "close the start tag with >", "start tag <%s> is never closed", name)
			return
		}
		c := s.src[s.p]
		if c == '>' {
			s.p++
			break
		}
		if c == '/' {
			if s.p+1 < len(s.src) && s.src[s.p+1] == '>' {
				s.p += 2
				empty = true
				break
			}
			s.fail(s.p, "write /> to close an empty element", "expected \"/>\" in <%s>", name)
			return
		}
		aoff := s.p
		aname := s.name()
		if aname == "" {
			fix := "attributes are written name=\"value\""
			if c == '"' || c == '\'' {
				fix = "an attribute value needs a name and \"=\" before it; check the quotes of the previous attribute"
			}
			s.fail(s.p, fix, "expected an attribute name or \">\" in <%s>, found %s", name, describe(s.src[s.p:]))
			return
		}
		if !sp {
			s.fail(aoff, "put a space between attributes", "attribute %s must be separated from what precedes it by white space", aname)
			return
		}
		s.skipSpace()
		if s.p >= len(s.src) || s.src[s.p] != '=' {
			s.fail(s.p, "write "+aname+"=\"value\"", "attribute %s has no value: expected \"=\", found %s", aname, describe(s.src[s.p:]))
			return
		}
		s.p++
		s.skipSpace()
		if s.p >= len(s.src) || (s.src[s.p] != '"' && s.src[s.p] != '\'') {
			fix := "put the value in straight double quotes: " + aname + "=\"value\""
			if r, _ := utf8.DecodeRune(s.src[s.p:]); r == '\u201C' || r == '\u201D' {
				fix = "replace the typographic quotes with straight quotes (\")"
			}
			s.fail(s.p, fix, "value of attribute %s must be in quotes, found %s", aname, describe(s.src[s.p:]))
			return
		}
		q := s.src[s.p]
		s.p++
		voff := s.p
		value, ok := s.attrValue(q, aname)
		if !ok {
			return
		}
		if s.p >= len(s.src) {
			s.fail(voff-1, "close the value with "+string(q), "value of attribute %s is never closed", aname)
			return
		}
		s.p++
		for _, a := range s.attrs {
			if a.name == aname {
				s.failRelated(aoff, relatedOff{a.off, "first " + aname + " here"}, "remove one of them",
					"duplicate attribute %s on <%s>", aname, name)
				return
			}
		}
		if s.limits.MaxAttributes > 0 && len(s.attrs) >= s.limits.MaxAttributes {
			s.fail(aoff, "remove attributes", "more than %d attributes on <%s>", s.limits.MaxAttributes, name)
			return
		}
		s.attrs = append(s.attrs, attrInfo{name: aname, off: aoff, valueOff: voff})
		s.values = append(s.values, value)
		if strings.IndexByte(aname, ':') < 0 {
			if aname == "xmlns" {
				s.nsDecls++
			}
			continue
		}
		prefixedAttr = true
		if p, ok := strings.CutPrefix(aname, "xmlns:"); ok {
			s.nsDecls++
			if value == "" {
				s.fail(aoff, "give the prefix a namespace URI", "namespace prefix %s is declared with an empty URI", p)
				return
			}
			prefixes = append(prefixes, p)
		}
	}
	s.nsScopes = append(s.nsScopes, prefixes)
	colon := strings.IndexByte(name, ':')
	s.prefixed = s.prefixed || colon >= 0
	if i := colon; i >= 0 && !s.declared(name[:i]) {
		p := name[:i]
		s.fail(start+1, "declare it with xmlns:"+p+"=\"...\" or remove the prefix", "namespace prefix %s of <%s> is not declared", p, name)
		return
	}
	for _, a := range s.attrs {
		if !prefixedAttr {
			break
		}
		if i := strings.IndexByte(a.name, ':'); i >= 0 && a.name[:i] != "xmlns" && !s.declared(a.name[:i]) {
			p := a.name[:i]
			s.fail(a.off, "declare it with xmlns:"+p+"=\"...\" or remove the prefix", "namespace prefix %s of attribute %s is not declared", p, a.name)
			return
		}
	}
	if s.walk != nil {
		return s.walk.element(s, depth, start, name, parent, siblings), empty
	}
	// The element and its attributes, as CreateElement and CreateAttr make
	// them, but from the chunks.
	if len(s.nodes) == cap(s.nodes) { // cannot be: build counted the elements
		s.fail(start, "report this as a bug of mcsf", "internal: more elements than the file has '<'")
		return
	}
	s.nodes = s.nodes[:len(s.nodes)+1]
	nd := &s.nodes[len(s.nodes)-1]
	el := &nd.el
	el.Space, el.Tag = "", name
	if i := colon; i >= 0 {
		el.Space, el.Tag = name[:i], name[i+1:]
	}
	if len(s.attrs) > 0 {
		el.Attr = s.etreeAttr.window(len(s.attrs))
		for i, a := range s.attrs {
			el.CreateAttr(a.name, s.values[i])
		}
	}
	if !empty {
		el.Child = s.tokens.window(childWindow)
	}
	s.addChild(el)

	e := &nd.info
	e.name, e.off, e.parent, e.index = name, start, parent, 1
	if len(s.attrs) > 0 {
		e.attrs = append(s.attrInfos.window(len(s.attrs)), s.attrs...)
	}
	if siblings >= 0 {
		e.index = s.countChild(siblings, el.Tag)
	}
	s.count++
	s.cur = el
	return e, empty
}

// index is the line index of the text; Walk makes it on first use.
func (s *scanner) index() lineIndex {
	if s.lines.starts == nil {
		s.lines = newLineIndex(s.src)
	}
	return s.lines
}

// up makes the parent of the element just closed the current one.
func (s *scanner) up() {
	if s.walk == nil {
		s.cur = s.cur.Parent()
	}
}

// countChild counts a child with local name tag of the open element whose
// counts start at from, and returns its 1-based index among those.
func (s *scanner) countChild(from int, tag string) int {
	for i := from; i < len(s.counts); i++ {
		if s.counts[i].tag == tag {
			s.counts[i].n++
			return s.counts[i].n
		}
	}
	s.counts = append(s.counts, tagCount{tag, 1})
	return 1
}

// attrValue reads an attribute value up to the closing quote q and decodes
// its references and line ends.
func (s *scanner) attrValue(q byte, aname string) (string, bool) {
	var out []byte
	start := s.p
	for s.p < len(s.src) {
		src, p := s.src, s.p
		for p < len(src) && !valueStop[src[p]] {
			p++
		}
		s.p = p
		if s.p == len(s.src) || s.src[s.p] == q {
			break
		}
		switch c := s.src[s.p]; c {
		case '<':
			s.fail(s.p, "write < inside a value as &lt;", "\"<\" is not allowed in the value of attribute %s", aname)
			return "", false
		case '&':
			// A reference stands for its character as it is: &#10; is a
			// line feed, &#13; a carriage return (XML 1.0 §3.3.3).
			out = append(out, s.src[start:s.p]...)
			r, ok := s.reference()
			if !ok {
				return "", false
			}
			out = append(out, r...)
			start = s.p
			continue
		case '\t', '\n', '\r':
			// A literal tab, line feed, carriage return or CR LF pair reads
			// as one space, as in every conforming reader (ImageApp's too).
			out = append(out, s.src[start:s.p]...)
			out = append(out, ' ')
			if s.p++; c == '\r' && s.p < len(s.src) && s.src[s.p] == '\n' {
				s.p++
			}
			start = s.p
			continue
		}
		s.p++
	}
	if out == nil {
		return s.slice(start, s.p), true
	}
	out = append(out, s.src[start:s.p]...)
	return string(out), true
}

func (s *scanner) declared(prefix string) bool {
	for i := len(s.nsScopes) - 1; i >= 0; i-- {
		for _, p := range s.nsScopes[i] {
			if p == prefix {
				return true
			}
		}
	}
	return false
}

// PredefinedEntity returns the text of one of the five entities XML
// predefines (amp, lt, gt, quot, apos); false for another name.
func PredefinedEntity(name string) (string, bool) {
	switch name {
	case "amp":
		return "&", true
	case "lt":
		return "<", true
	case "gt":
		return ">", true
	case "quot":
		return `"`, true
	case "apos":
		return "'", true
	}
	return "", false
}

// reference reads &name; or &#N; or &#xN; at s.p and returns what it stands
// for; false (with an error) if malformed.
func (s *scanner) reference() (string, bool) {
	start := s.p
	end := bytes.IndexByte(s.src[s.p:min(len(s.src), s.p+40)], ';')
	if end < 0 {
		s.fail(start, "write a literal & as &amp;", "\"&\" must start an entity or character reference (write & as &amp;)")
		return "", false
	}
	ref := string(s.src[s.p+1 : s.p+end])
	if v, ok := PredefinedEntity(ref); ok {
		s.p += end + 1
		return v, true
	}
	if num, ok := strings.CutPrefix(ref, "#"); ok {
		var r rune
		var err error
		if hex, ok := strings.CutPrefix(num, "x"); ok {
			_, err = fmt.Sscanf(hex, "%x", &r)
			if len(hex) == 0 || strings.Trim(strings.ToLower(hex), "0123456789abcdef") != "" {
				err = fmt.Errorf("bad")
			}
		} else {
			_, err = fmt.Sscanf(num, "%d", &r)
			if len(num) == 0 || strings.Trim(num, "0123456789") != "" {
				err = fmt.Errorf("bad")
			}
		}
		if err != nil || !isXMLChar(r) {
			s.fail(start, "use a valid character reference", "character reference &%s; is not a valid XML character", ref)
			return "", false
		}
		s.p += end + 1
		return string(r), true
	}
	s.fail(start, "write a literal & as &amp;", "unknown entity &%s; (only &amp; &lt; &gt; &quot; &apos; are defined)", ref)
	return "", false
}

// textStop and valueStop are the bytes that text and attrValue look at;
// they skip every other byte.
var (
	textStop  = [256]bool{'<': true, '&': true, ']': true}
	valueStop = [256]bool{'<': true, '&': true, '\t': true, '\n': true, '\r': true, '"': true, '\'': true}
)

// text reads character data up to the next '<' and decodes it.
func (s *scanner) text() (string, bool) {
	var out []byte
	start := s.p
	for s.p < len(s.src) {
		src, p := s.src, s.p
		for p < len(src) && !textStop[src[p]] {
			p++
		}
		s.p = p
		if s.p == len(s.src) || s.src[s.p] == '<' {
			break
		}
		switch s.src[s.p] {
		case '&':
			out = append(out, s.src[start:s.p]...)
			r, ok := s.reference()
			if !ok {
				return "", false
			}
			out = append(out, r...)
			start = s.p
			continue
		case ']':
			if s.hasPrefix("]]>") {
				s.fail(s.p, "write it as ]]&gt;", "\"]]>\" is not allowed in text")
				return "", false
			}
		}
		s.p++
	}
	if out == nil {
		if s.walk != nil {
			return "", true // checked; Walk keeps no text
		}
		return s.slice(start, s.p), true
	}
	out = append(out, s.src[start:s.p]...)
	return normalizeNewlines(out), true
}

// uncommentOuter is the fix of a documentation sample whose commented-out
// case holds comments of its own (<!-- Use for the per-IMSI case ...
// <!-- Define the Targets --> ... -->): it deletes the outer comment's
// opening line and its closing "-->" line, so that the case it held is
// kept, uncommented; the cases after it that nest comments too are
// deleted, the other comments kept. outer and inner are
// the offsets of the two "<!--". nil when the outer comment has no closing
// "-->" of its own, or the opening or closing shares a line with markup.
func uncommentOuter(src []byte, outer, inner int) []TextEdit {
	lineEnd := func(off int) int { // just past the line end at or after off
		if i := bytes.IndexByte(src[off:], '\n'); i >= 0 {
			return off + i + 1
		}
		return len(src)
	}
	lineStart := func(off int) int { return bytes.LastIndexByte(src[:off], '\n') + 1 }
	blank := func(b []byte) bool { return len(bytes.TrimSpace(b)) == 0 }
	// The opening line: blank before "<!--", prose after it, the inner comment on a later line.
	open, openEnd := lineStart(outer), lineEnd(outer)
	if !blank(src[open:outer]) || openEnd > inner || bytes.ContainsAny(src[outer+4:openEnd], "<>") {
		return nil
	}
	p, _ := closeOf(src, outer)
	if p < 0 {
		return nil
	}
	closeAt := p - 3
	closeStart, closeEnd := lineStart(closeAt), lineEnd(closeAt)
	if !blank(src[closeStart:closeAt]) || !blank(src[p:closeEnd]) {
		return nil
	}
	edits := []TextEdit{{Start: open, End: openEnd}, {Start: closeStart, End: closeEnd}}
	// The other cases the sample comments out the same way follow: they
	// nest comments too, and are deleted, so that one case is kept.
	for at := closeEnd; ; {
		next := at + len(src[at:]) - len(bytes.TrimLeft(src[at:], " \t\r\n"))
		if !bytes.HasPrefix(src[next:], []byte("<!--")) {
			break
		}
		end, nested := closeOf(src, next)
		if end < 0 || !blank(src[lineStart(next):next]) || !blank(src[end:lineEnd(end-1)]) {
			break
		}
		if nested {
			edits = append(edits, TextEdit{Start: lineStart(next), End: lineEnd(end - 1)})
		}
		at = lineEnd(end - 1)
	}
	return edits
}

// closeOf finds the end of the comment that opens at src[open:] when
// comments nest: just past the "-->" that brings the depth back to 0, or -1
// when there is none. nested reports whether a comment opened inside.
func closeOf(src []byte, open int) (end int, nested bool) {
	depth, p := 1, open+4
	for depth > 0 {
		o, c := bytes.Index(src[p:], []byte("<!--")), bytes.Index(src[p:], []byte("-->"))
		switch {
		case c < 0:
			return -1, nested
		case o >= 0 && o < c:
			depth, p, nested = depth+1, p+o+4, true
		default:
			depth, p = depth-1, p+c+3
		}
	}
	return p, nested
}
