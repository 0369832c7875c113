// Package english writes the small pieces of English that messages of
// every package share: a counted noun ("1 file", "3 files") and a list
// ("a, b or c"). It knows regular plurals only; callers pick words that
// take an s.
package english

import (
	"strconv"
	"strings"
)

// Count is n and word, with an s when n is not 1: "1 error", "0 errors".
func Count(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// Or joins words as "a, b or c" ("a" for one, "" for none).
func Or(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}
