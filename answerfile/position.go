package answerfile

import (
	"sort"
	"unicode/utf8"
)

// lineIndex maps byte offsets of a UTF-8 text to line and character column.
// A line ends at LF, CRLF or a lone CR, as XML normalises line ends.
type lineIndex struct {
	src    []byte
	starts []int  // byte offset of each line's first byte
	ascii  []bool // whether each line is plain ASCII (columns are then byte counts)
}

func newLineIndex(src []byte) lineIndex {
	starts, ascii := make([]int, 1, 64), make([]bool, 1, 64)
	ascii[0] = true
	for i := 0; i < len(src); i++ {
		switch c := src[i]; {
		case c == '\n':
			starts, ascii = append(starts, i+1), append(ascii, true)
		case c == '\r':
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
			starts, ascii = append(starts, i+1), append(ascii, true)
		case c >= utf8.RuneSelf:
			ascii[len(ascii)-1] = false
		}
	}
	return lineIndex{src: src, starts: starts, ascii: ascii}
}

// pos converts a byte offset to a 1-based line and character column.
func (x lineIndex) pos(off int) Position {
	off = min(max(off, 0), len(x.src))
	line := sort.Search(len(x.starts), func(i int) bool { return x.starts[i] > off }) - 1
	if x.ascii[line] {
		return Position{Line: line + 1, Column: off - x.starts[line] + 1}
	}
	return Position{Line: line + 1, Column: utf8.RuneCount(x.src[x.starts[line]:off]) + 1}
}

// offset is the byte offset of p; -1 if p is not in the text.
func (x lineIndex) offset(p Position) int {
	if p.Line < 1 || p.Line > len(x.starts) {
		return -1
	}
	off := x.starts[p.Line-1]
	if x.ascii[p.Line-1] {
		return min(off+max(p.Column-1, 0), len(x.src))
	}
	for col := 1; col < p.Column && off < len(x.src); col++ {
		_, n := utf8.DecodeRune(x.src[off:])
		off += n
	}
	return off
}

// line returns the text of 1-based line n without its line end.
func (x lineIndex) line(n int) string {
	if n < 1 || n > len(x.starts) {
		return ""
	}
	start, end := x.starts[n-1], len(x.src)
	if n < len(x.starts) {
		end = x.starts[n]
	}
	for end > start && (x.src[end-1] == '\n' || x.src[end-1] == '\r') {
		end--
	}
	return string(x.src[start:end])
}

// Source gives the lines of a file for source excerpts, whatever its
// encoding, also when it is not well-formed XML.
type Source struct{ lines lineIndex }

// NewSource decodes data as Parse would.
func NewSource(data []byte) *Source {
	text, _, msg, _ := decode(data)
	if msg != "" {
		text = nil
	}
	return &Source{newLineIndex(text)}
}

// Line returns 1-based line n without its line end; "" past the end.
func (s *Source) Line(n int) string { return s.lines.line(n) }
