package english

import (
	"strconv"
	"unicode/utf8"
)

// MaxQuoted is how many characters of a value Quote shows: enough for any
// real name, number or identifier, little enough that a value of megabytes
// cannot flood a message.
const MaxQuoted = 64

// Quote is s as a Go string literal (control characters and invalid UTF-8
// escaped, so nothing reaches a terminal raw). When s has more than
// MaxQuoted characters, only the first MaxQuoted are quoted, followed by an
// ellipsis and the length in bytes: "4444…"… (3000000 bytes).
func Quote(s string) string {
	if utf8.RuneCountInString(s) <= MaxQuoted {
		return strconv.Quote(s)
	}
	return strconv.Quote(s[:cutAt(s)]) + "… (" + strconv.Itoa(len(s)) + " bytes)"
}

// cutAt is the byte offset just past the first MaxQuoted characters of s.
func cutAt(s string) int {
	cut, n := 0, 0
	for cut < len(s) && n < MaxQuoted {
		_, size := utf8.DecodeRuneInString(s[cut:])
		cut += size
		n++
	}
	return cut
}

// Clip is s for a message without quotes (a number, a name), cut like Quote
// when it has more than MaxQuoted characters: 1234…(300 bytes). A value
// with a control character is quoted (Quote) instead, so that nothing
// reaches a terminal raw.
func Clip(s string) string {
	for _, r := range s {
		if r < ' ' || r == 0x7f || r == utf8.RuneError || 0x80 <= r && r < 0xa0 {
			return Quote(s)
		}
	}
	if utf8.RuneCountInString(s) <= MaxQuoted {
		return s
	}
	return s[:cutAt(s)] + "… (" + strconv.Itoa(len(s)) + " bytes)"
}
