package report

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestTerminalSafe: control characters a terminal acts on are escaped, text
// passes unchanged, and a C1 control split across writes is still caught.
func TestTerminalSafe(t *testing.T) {
	for _, tc := range []struct {
		writes []string
		want   string
	}{
		{[]string{"plain text, tabs\tand\nnewlines é ©\n"}, "plain text, tabs\tand\nnewlines é ©\n"},
		{[]string{"a\x1b[31mred\x1b[0m\r\x07\x08\x7f\x00\n"}, `a\x1b[31mred\x1b[0m\x0d\x07\x08\x7f\x00` + "\n"},
		{[]string{"csi \u009b2J nel \u0085\n"}, `csi \x9b2J nel \x85` + "\n"},
		{[]string{"split \xc2", "\x9b2J\n"}, `split \x9b2J` + "\n"},
		{[]string{"split \xc2", "\xa9 copyright\n"}, "split \u00a9 copyright\n"},
		{[]string{"\xc2", "\xc2", "\x85\n"}, "\xc2\\x85\n"},
	} {
		var out bytes.Buffer
		w := TerminalSafe(&out)
		for _, s := range tc.writes {
			if n, err := w.Write([]byte(s)); n != len(s) || err != nil {
				t.Fatalf("Write(%q) = %d, %v", s, n, err)
			}
		}
		if got := out.String(); got != tc.want {
			t.Errorf("writes %q: got %q, want %q", tc.writes, got, tc.want)
		}
	}
}

// FuzzTerminalSafe: whatever is written, in two writes split anywhere, no
// control character but newline and tab comes out, and text without control
// characters comes out unchanged.
func FuzzTerminalSafe(f *testing.F) {
	for _, s := range []string{"plain é\n", "\x1b[2J\r", "\u009b31m", "a\xc2", "\xc2\xc2\x85", "\t\x7f\x00"} {
		f.Add(s, 1)
	}
	f.Fuzz(func(t *testing.T, in string, cut int) {
		cut = int(uint(cut) % uint(len(in)+1))
		var out bytes.Buffer
		w := TerminalSafe(&out)
		w.Write([]byte(in[:cut]))
		w.Write([]byte(in[cut:]))
		got := out.Bytes()
		for i, c := range got {
			if c < 0x20 && c != '\n' && c != '\t' || c == 0x7f || c == 0xc2 && i+1 < len(got) && got[i+1] >= 0x80 && got[i+1] < 0xa0 {
				t.Fatalf("%q (cut at %d): control character at %d of %q", in, cut, i, got)
			}
		}
		clean := !bytes.ContainsFunc([]byte(in), func(r rune) bool { return r < 0x20 && r != '\n' && r != '\t' || r >= 0x7f && r < 0xa0 })
		if clean && !strings.HasSuffix(in, "\xc2") && string(got) != in { // a 0xC2 at the very end is held
			t.Fatalf("%q: changed to %q", in, got)
		}
	})
}

// FuzzInline: whatever a value holds, Inline's result has no control
// character (line ends and tabs included), text without one is returned as
// is, AppendInline appends the same, and MarkdownCode is one code span.
func FuzzInline(f *testing.F) {
	for _, s := range []string{"plain é", "a\nb\tc\r", "\x1b[2J", "\u009b31m", "bad \xff", "`x``", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Inline(s)
		for i := 0; i < len(got); i++ {
			if c := got[i]; c < 0x20 || c == 0x7f || c == 0xc2 && i+1 < len(got) && got[i+1] >= 0x80 && got[i+1] < 0xa0 {
				t.Fatalf("Inline(%q) = %q: control character at %d", s, got, i)
			}
		}
		if !strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r >= 0x7f && r < 0xa0 || r == utf8.RuneError }) && got != s {
			t.Fatalf("Inline(%q) = %q, want it unchanged", s, got)
		}
		if a := string(AppendInline([]byte("p"), s)); a != "p"+got {
			t.Fatalf("AppendInline(p, %q) = %q, want %q", s, a, "p"+got)
		}
		code := MarkdownCode(s)
		n := len(code) - len(strings.TrimLeft(code, "`")) // the opening fence
		if s != "" && (n == 0 || 2*n > len(code) || !strings.HasSuffix(code, code[:n]) || strings.Contains(code[n:len(code)-n], code[:n]) || strings.ContainsAny(code, "\r\n")) {
			t.Fatalf("MarkdownCode(%q) = %q: not one code span on one line", s, code)
		}
	})
}

// TestHasControlWords: the eight-bytes-at-a-time path of hasControl finds
// each kind of byte at each place of a long string, as the byte loop does.
func TestHasControlWords(t *testing.T) {
	for _, bad := range []string{"\x00", "\x1f", "\t", "\n", "\x7f", "\u0085", "\xff", "é", "€"} {
		for at := range 20 {
			s := strings.Repeat("a", at) + bad + strings.Repeat("z", 19-at)
			for _, keep := range []bool{false, true} {
				want := false
				switch bad {
				case "\x00", "\x1f", "\x7f", "\u0085", "\xff":
					want = true
				case "\t", "\n":
					want = !keep
				}
				if got := hasControl(s, keep); got != want {
					t.Errorf("hasControl(%q, %v) = %v, want %v", s, keep, got, want)
				}
			}
		}
	}
}
