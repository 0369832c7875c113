package answerfile

import (
	"testing"
	"unicode/utf8"
)

// TestASCIIName checks the written-out table against the functions it
// stands for.
func TestASCIIName(t *testing.T) {
	for c := range rune(utf8.RuneSelf) {
		var want byte
		switch {
		case isNameStart(c):
			want = 1
		case isNameChar(c):
			want = 2
		}
		if got := asciiName[c]; got != want {
			t.Errorf("asciiName[%q] = %d, want %d", c, got, want)
		}
	}
}
