package answerfile

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// refPosition is the plain reading of a position that lineIndex must
// agree with: line ends are LF, CRLF or a lone CR; columns count characters.
func refPosition(src []byte, off int) Position {
	line, start := 1, 0
	for i := 0; i < off; i++ {
		switch src[i] {
		case '\r':
			if i+1 < len(src) && src[i+1] == '\n' {
				if i+1 == off {
					// Between CR and LF: still on the line the CR ends.
					return Position{Line: line, Column: utf8.RuneCount(src[start:off]) + 1}
				}
				i++
			}
			line, start = line+1, i+1
		case '\n':
			line, start = line+1, i+1
		}
	}
	return Position{Line: line, Column: utf8.RuneCount(src[start:off]) + 1}
}

// refOffset is the byte offset of p: column-1 characters after the start
// of its line; -1 when the line is not in the text.
func refOffset(src []byte, p Position) int {
	line, off := 1, 0
	for ; line < p.Line && off < len(src); off++ {
		if src[off] == '\n' || src[off] == '\r' && (off+1 == len(src) || src[off+1] != '\n') {
			line++
		}
	}
	if p.Line < 1 || line < p.Line {
		return -1
	}
	for col := 1; col < p.Column && off < len(src); col++ {
		_, n := utf8.DecodeRune(src[off:])
		off += n
	}
	return off
}

// refLines splits src at LF, CRLF and lone CR.
func refLines(src string) []string {
	return strings.Split(strings.ReplaceAll(strings.ReplaceAll(src, "\r\n", "\n"), "\r", "\n"), "\n")
}

func TestLineIndex(t *testing.T) {
	texts := []string{"", "a", "\n", "\r", "\r\n", "\n\r", "\r\r\n\n", "ab\ncd\r\nef\rgh", "é\nabc\r\n日本\r😀", "abc\r\nxyz\r\n", "a\r\nb\rc"}
	rng := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"a", "b", "<x/>", " ", "\n", "\r", "\r\n", "é", "日", "😀", "\t", "12345678"}
	for n := range 400 {
		var b strings.Builder
		for range rng.IntN(12 * (1 + n%8)) {
			p := pieces[rng.IntN(len(pieces))]
			if n%3 == 0 && (p == "\r" || p == "\n") {
				p = "\r\n" // some texts with CRLF ends only, some without any CR
			}
			if n%3 == 1 && p[0] >= utf8.RuneSelf {
				p = "z" // some ASCII texts
			}
			b.WriteString(p)
		}
		texts = append(texts, b.String())
	}
	for _, text := range texts {
		src := []byte(text)
		x := newLineIndex(src)
		for off := 0; off <= len(src); off++ {
			got, want := x.pos(off), refPosition(src, off)
			if got != want {
				t.Fatalf("pos(%d) in %q: got %v, want %v", off, text, got, want)
			}
		}
		lines := refLines(text)
		for n := 0; n <= len(lines)+1; n++ {
			want := ""
			if n >= 1 && n <= len(lines) {
				want = lines[n-1]
			}
			if got := x.line(n); got != want {
				t.Fatalf("line(%d) of %q: got %q, want %q", n, text, got, want)
			}
			// Columns up to the line end (past it, an ASCII line counts bytes).
			for col := 0; col <= utf8.RuneCountInString(want)+1; col++ {
				p := Position{Line: n, Column: col}
				if got, want := x.offset(p), refOffset(src, p); got != want {
					t.Fatalf("offset(%v) in %q: got %d, want %d", p, text, got, want)
				}
			}
		}
	}
}

func TestIsASCII(t *testing.T) {
	for _, c := range []struct {
		s    string
		want bool
	}{
		{"", true}, {"abc", true}, {"abcdefgh", true}, {"abcdefghijklmnopq\x7f", true},
		{"é", false}, {"abcdefgé", false}, {"abcdefghé", false}, {"\x80abcdefghijk", false}, {"abcdefghijklmno\xff", false},
	} {
		if got := isASCII([]byte(c.s)); got != c.want {
			t.Errorf("isASCII(%q): got %v, want %v", c.s, got, c.want)
		}
	}
}

func TestSourceLazy(t *testing.T) {
	data := []byte("\xef\xbb\xbf<a>\r\n  é\r\n</a>")
	s := NewSource(data)
	for n, want := range []string{"", "<a>", "  é", "</a>", ""} {
		if got := s.Line(n); got != want {
			t.Errorf("Line(%d): got %q, want %q", n, got, want)
		}
	}
	if got := NewSource([]byte("a\x00b")).Line(1); got != "" {
		t.Errorf("Line(1) of UTF-16 without a byte-order mark: got %q, want \"\"", got)
	}
}

func TestSourceExcerpt(t *testing.T) {
	data := []byte("\xef\xbb\xbf<a>\r\n  é\r\n<b/>\n</a>")
	a := NewSource(data).Excerpt([]int{4, 2, 2, 9})
	b := NewSource(data).Excerpt([]int{3, 2})
	whole := NewSource(data)
	for _, c := range []struct {
		name string
		s    *Source
		want []string // lines 0 to 5
	}{
		{"a", a, []string{"", "", "  é", "", "</a>", ""}},
		{"b", b, []string{"", "", "  é", "<b/>", "", ""}},
		{"a+b", a.Join(b), []string{"", "", "  é", "<b/>", "</a>", ""}},
		{"b+a", b.Join(a), []string{"", "", "  é", "<b/>", "</a>", ""}},
		{"a+whole", a.Join(whole), []string{"", "<a>", "  é", "<b/>", "</a>", ""}},
		{"whole+b", whole.Join(b), []string{"", "<a>", "  é", "<b/>", "</a>", ""}},
		{"none", NewSource(data).Excerpt(nil), []string{"", "", "", "", "", ""}},
		{"a of a", a.Excerpt([]int{2, 3}), []string{"", "", "  é", "", "", ""}},
	} {
		for n, want := range c.want {
			if got := c.s.Line(n); got != want {
				t.Errorf("%s: Line(%d): got %q, want %q", c.name, n, got, want)
			}
		}
	}
}

// TestSourceExcerptCopies: the lines of an excerpt are copies, made in
// one allocation: the text may change once it is taken.
func TestSourceExcerptCopies(t *testing.T) {
	data := []byte("<a>\n  <b/>\n\n</a>\n")
	src := NewSource(data)
	src.Line(1) // decoded and indexed
	lines := []int{4, 2, 3, 2}
	if n := testing.AllocsPerRun(10, func() { src.ExcerptOwned(slices.Clone(lines)) }); n > 4 {
		t.Errorf("ExcerptOwned: %v allocations, want 4 (Source, lines, their text, the clone of lines)", n)
	}
	e := src.Excerpt(lines)
	for i := range data {
		data[i] = 'x'
	}
	for n, want := range []string{"", "", "  <b/>", "", "</a>", ""} {
		if got := e.Line(n); got != want {
			t.Errorf("Line(%d) after the text changed: got %q, want %q", n, got, want)
		}
	}
}

// TestPosAfter: a position counted from an earlier one is the one the
// index gives, for every pair of character boundaries of texts with each
// kind of line end and non-ASCII lines.
func TestPosAfter(t *testing.T) {
	for _, text := range []string{
		"<a b=\"1\" c='2'>\n  <d e=\"é\"/>\n</a>\n",
		"<a>\r\n\t<b c=\"x\"/>\r\n</a>",
		"<a>\r<b c=\"𝄞\" d=\"e\"/>\r</a>\r",
		"é<a\nb=\"c\"\n/>",
		"",
	} {
		src := []byte(text)
		x := newLineIndex(src)
		for from := 0; from <= len(src); from++ {
			if from < len(src) && !utf8.RuneStart(src[from]) {
				continue
			}
			p := x.pos(from)
			for off := from; off <= len(src); off++ {
				if off < len(src) && !utf8.RuneStart(src[off]) {
					continue
				}
				if got, want := x.posAfter(p, from, off), x.pos(off); got != want {
					t.Errorf("%q: posAfter(%v, %d, %d) = %v, want %v", text, p, from, off, got, want)
				}
			}
		}
	}
}
