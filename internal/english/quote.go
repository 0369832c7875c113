package english

import (
	"strconv"
	"unicode/utf8"
)

// MaxQuoted is how many characters of a value Quote shows: enough for any
// real name, number or identifier, little enough that a value of megabytes
// cannot flood a message.
const MaxQuoted = 40

// Quote is s as a Go string literal (control characters and invalid UTF-8
// escaped, so nothing reaches a terminal raw). When s has more than
// MaxQuoted characters, only the first MaxQuoted are quoted, followed by an
// ellipsis and the length in bytes: "4444…"… (3000000 bytes).
func Quote(s string) string {
	if utf8.RuneCountInString(s) <= MaxQuoted {
		return strconv.Quote(s)
	}
	cut, n := 0, 0
	for cut < len(s) && n < MaxQuoted {
		_, size := utf8.DecodeRuneInString(s[cut:])
		cut += size
		n++
	}
	return strconv.Quote(s[:cut]) + "… (" + strconv.Itoa(len(s)) + " bytes)"
}
