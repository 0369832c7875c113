package english

import (
	"strings"
	"testing"
)

func TestCount(t *testing.T) {
	for _, tc := range []struct {
		n    int
		want string
	}{{0, "0 files"}, {1, "1 file"}, {2, "2 files"}, {-1, "-1 files"}} {
		if got := Count(tc.n, "file"); got != tc.want {
			t.Errorf("Count(%d, file): got %q, want %q", tc.n, got, tc.want)
		}
	}
}

func TestOr(t *testing.T) {
	for _, tc := range []struct {
		in   []string
		want string
	}{{nil, ""}, {[]string{"a"}, "a"}, {[]string{"a", "b"}, "a or b"}, {[]string{"a", "b", "c"}, "a, b or c"}} {
		if got := Or(tc.in); got != tc.want {
			t.Errorf("Or(%q): got %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestQuote(t *testing.T) {
	long := strings.Repeat("0123456789", 7) // 70
	for _, tc := range []struct{ in, want string }{
		{"310", `"310"`},
		{"a\x1b[31mb\r", `"a\x1b[31mb\r"`},
		{"\xff", `"\xff"`},
		{long[:MaxQuoted], `"` + long[:64] + `"`},
		{long, `"` + long[:64] + `"… (70 bytes)`},
		{"é" + long, `"é` + long[:63] + `"… (72 bytes)`},
	} {
		if got := Quote(tc.in); got != tc.want {
			t.Errorf("Quote(%q): got %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestClip(t *testing.T) {
	long := strings.Repeat("9", 300)
	for _, tc := range []struct{ in, want string }{
		{"310", "310"},
		{long, strings.Repeat("9", MaxQuoted) + "… (300 bytes)"},
		{"a\x1b[2Jb", `"a\x1b[2Jb"`},
		{"\u009b31m", `"\u009b31m"`},
	} {
		if got := Clip(tc.in); got != tc.want {
			t.Errorf("Clip(%q): got %s, want %s", tc.in, got, tc.want)
		}
	}
}
