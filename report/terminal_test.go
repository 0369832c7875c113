package report

import (
	"bytes"
	"testing"
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
