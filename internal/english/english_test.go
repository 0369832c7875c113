package english

import "testing"

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
	long := "31234567890123456789012345678901234567890123"
	for _, tc := range []struct{ in, want string }{
		{"310", `"310"`},
		{"a\x1b[31mb\r", `"a\x1b[31mb\r"`},
		{"\xff", `"\xff"`},
		{long[:MaxQuoted], `"3123456789012345678901234567890123456789"`},
		{long, `"3123456789012345678901234567890123456789"… (44 bytes)`},
		{"é" + long, `"é312345678901234567890123456789012345678"… (46 bytes)`},
	} {
		if got := Quote(tc.in); got != tc.want {
			t.Errorf("Quote(%q): got %s, want %s", tc.in, got, tc.want)
		}
	}
}
