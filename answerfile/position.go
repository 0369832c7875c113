package answerfile

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"slices"
	"sort"
	"unicode/utf8"
	"unsafe"
)

// lineIndex maps byte offsets of a UTF-8 text to line and character column.
// A line ends at LF, CRLF or a lone CR, as XML normalises line ends.
type lineIndex struct {
	src    []byte
	starts []int  // byte offset of each line's first byte
	ascii  []bool // whether each line is plain ASCII (columns are then byte counts); nil when all of src is
}

// newLineIndex indexes src. It runs for every file read, so it leans on
// the vectorised bytes functions: line starts come from bytes.IndexByte
// when no line ends in a lone CR (LF and CRLF files, the usual ones), and
// the per-line ASCII flags are only made for a text that is not ASCII.
func newLineIndex(src []byte) lineIndex {
	var starts []int
	if cr := bytes.Count(src, []byte{'\r'}); cr == 0 || cr == bytes.Count(src, []byte("\r\n")) {
		// Every line ends in LF (or CRLF): a line starts after each LF.
		starts = make([]int, 1, bytes.Count(src, []byte{'\n'})+1)
		for i := 0; ; {
			j := bytes.IndexByte(src[i:], '\n')
			if j < 0 {
				break
			}
			i += j + 1
			starts = append(starts, i)
		}
	} else {
		starts = make([]int, 1, 64)
		for i := 0; i < len(src); i++ {
			switch src[i] {
			case '\n':
				starts = append(starts, i+1)
			case '\r':
				if i+1 < len(src) && src[i+1] == '\n' {
					i++
				}
				starts = append(starts, i+1)
			}
		}
	}
	x := lineIndex{src: src, starts: starts}
	if !isASCII(src) {
		x.ascii = make([]bool, len(starts))
		for n, start := range starts {
			end := len(src)
			if n+1 < len(starts) {
				end = starts[n+1]
			}
			x.ascii[n] = isASCII(src[start:end])
		}
	}
	return x
}

// isASCII reports whether b holds only ASCII bytes, eight bytes at a time.
func isASCII(b []byte) bool {
	const high = 0x8080808080808080
	var acc uint64
	for len(b) >= 8 {
		acc |= binary.LittleEndian.Uint64(b)
		b = b[8:]
	}
	for _, c := range b {
		acc |= uint64(c)
	}
	return acc&high == 0
}

// asciiLine reports whether 0-based line n is plain ASCII.
func (x lineIndex) asciiLine(n int) bool { return x.ascii == nil || x.ascii[n] }

// pos converts a byte offset to a 1-based line and character column.
func (x lineIndex) pos(off int) Position {
	off = min(max(off, 0), len(x.src))
	line := sort.Search(len(x.starts), func(i int) bool { return x.starts[i] > off }) - 1
	if x.asciiLine(line) {
		return Position{Line: line + 1, Column: off - x.starts[line] + 1}
	}
	return Position{Line: line + 1, Column: utf8.RuneCount(x.src[x.starts[line]:off]) + 1}
}

// posAfter is pos(off) for an offset at or after from, whose position is
// p: counted from p, without a search, when no line ends between them.
// from and off are on character boundaries.
func (x lineIndex) posAfter(p Position, from, off int) Position {
	off = min(max(off, 0), len(x.src))
	if off < from || from < 0 || p.Line < 1 || hasLineEnd(x.src[from:off]) {
		return x.pos(off)
	}
	if x.asciiLine(p.Line - 1) {
		return Position{Line: p.Line, Column: p.Column + off - from}
	}
	return Position{Line: p.Line, Column: p.Column + utf8.RuneCount(x.src[from:off])}
}

// hasLineEnd reports whether b, a short span of a line, holds a CR or LF
// (a loop: bytes.ContainsAny builds a set first).
func hasLineEnd(b []byte) bool {
	for _, c := range b {
		if c == '\n' || c == '\r' {
			return true
		}
	}
	return false
}

// offset is the byte offset of p; -1 if p is not in the text.
func (x lineIndex) offset(p Position) int {
	if p.Line < 1 || p.Line > len(x.starts) {
		return -1
	}
	off := x.starts[p.Line-1]
	if x.asciiLine(p.Line - 1) {
		return min(off+max(p.Column-1, 0), len(x.src))
	}
	for col := 1; col < p.Column && off < len(x.src); col++ {
		_, n := utf8.DecodeRune(x.src[off:])
		off += n
	}
	return off
}

// line returns the text of 1-based line n without its line end.
func (x lineIndex) line(n int) string { return string(x.span(n)) }

// span is 1-based line n without its line end, in the text itself; nil
// past the end.
func (x lineIndex) span(n int) []byte {
	if n < 1 || n > len(x.starts) {
		return nil
	}
	start, end := x.starts[n-1], len(x.src)
	if n < len(x.starts) {
		end = x.starts[n]
	}
	for end > start && (x.src[end-1] == '\n' || x.src[end-1] == '\r') {
		end--
	}
	return x.src[start:end]
}

// Source gives the lines of a file for source excerpts, whatever its
// encoding, also when it is not well-formed XML.
//
// It is lazy: NewSource only keeps the data, and the first call of Line
// decodes it and indexes its lines, as most output formats never read a
// line. So a Source is not safe for concurrent use until Index is called.
type Source struct {
	data    []byte
	lines   lineIndex
	indexed bool
	// kept, when set, are the only lines s has, sorted by number (see Excerpt).
	kept []keptLine
}

// keptLine is a line of an excerpt Source.
type keptLine struct {
	n    int
	text string
}

// NewSource returns the Source of data, which it keeps (the caller must
// not change it). Lines are decoded as Parse would.
func NewSource(data []byte) *Source { return &Source{data: data} }

// Source returns the Source of d's text, which shares d's line index: no
// second decoding and indexing of the text. It stays valid after Release.
func (d *Document) Source() *Source { return &Source{lines: d.lines, indexed: true} }

// Line returns 1-based line n without its line end; "" past the end.
func (s *Source) Line(n int) string {
	if s.kept != nil {
		if i, ok := slices.BinarySearchFunc(s.kept, n, func(k keptLine, n int) int { return cmp.Compare(k.n, n) }); ok {
			return s.kept[i].text
		}
		return ""
	}
	s.index()
	return s.lines.line(n)
}

// Index decodes and indexes the text of s now, not at the first Line:
// after it s is only read, and several goroutines may read it at once.
func (s *Source) Index() {
	if s.kept == nil {
		s.index()
	}
}

// index decodes and indexes the text of s, once.
func (s *Source) index() {
	if !s.indexed {
		text, _, msg, _ := decode(s.data)
		if msg != "" {
			text = nil
		}
		s.lines, s.indexed, s.data = newLineIndex(text), true, nil
	}
}

// Excerpt returns a Source holding only the given lines of s (1-based, in
// any order), so that a report that quotes those lines need not keep the
// whole text of every file until it is written. Its Line returns "" for
// any other line.
func (s *Source) Excerpt(lines []int) *Source { return s.ExcerptOwned(slices.Clone(lines)) }

// ExcerptOwned is Excerpt for a caller that gives lines up: they are
// sorted in place. The lines kept are copies that share one allocation.
func (s *Source) ExcerptOwned(lines []int) *Source {
	slices.Sort(lines)
	lines = slices.Compact(lines)
	e := &Source{indexed: true, kept: make([]keptLine, len(lines))}
	if s.kept != nil {
		for i, n := range lines {
			e.kept[i] = keptLine{n, s.Line(n)}
		}
		return e
	}
	s.index()
	size := 0
	for _, n := range lines {
		size += len(s.lines.span(n))
	}
	text := make([]byte, 0, size)
	for i, n := range lines {
		line := s.lines.span(n)
		if len(line) > 0 {
			text = append(text, line...)
			e.kept[i] = keptLine{n, unsafe.String(&text[len(text)-len(line)], len(line))}
		} else {
			e.kept[i] = keptLine{n: n}
		}
	}
	return e
}

// Join returns a Source with the lines of s and o, two Sources of the same
// file: s or o when either holds the whole text, else an excerpt of the
// lines of both.
func (s *Source) Join(o *Source) *Source {
	switch {
	case s.kept == nil:
		return s
	case o.kept == nil:
		return o
	}
	e := &Source{indexed: true, kept: slices.Concat(s.kept, o.kept)}
	slices.SortStableFunc(e.kept, func(a, b keptLine) int { return cmp.Compare(a.n, b.n) })
	e.kept = slices.CompactFunc(e.kept, func(a, b keptLine) bool { return a.n == b.n })
	return e
}
