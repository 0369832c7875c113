// Package english writes the small pieces of English that messages of
// every package share: a counted noun ("1 file", "3 files"), a list
// ("a, b or c"), a did-you-mean, and a value quoted so that it can neither
// flood a message nor reach a terminal raw (Quote). It knows regular
// plurals only; callers pick words that take an s.
package english

import (
	"strconv"
	"strings"
	"unicode/utf8"
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

// Nearest returns the candidate a typo of s most likely meant: the closest
// by edit distance (Levenshtein, in characters, ignoring case), or "" when
// none is close enough to be a typo (at most a third of the longer word
// wrong, and at least one edit allowed). Ties go to the earlier candidate.
func Nearest(s string, candidates []string) string {
	best, bestD := "", -1
	ls := strings.ToLower(s)
	n := utf8.RuneCountInString(s)
	for _, c := range candidates {
		m := utf8.RuneCountInString(c)
		limit := max(n, m)/3 + 1
		if abs(n-m) > limit {
			continue // the distance is at least the difference of the lengths: a megabyte-long name costs nothing
		}
		d := distance(ls, strings.ToLower(c))
		if d <= limit && (bestD < 0 || d < bestD) {
			best, bestD = c, d
		}
	}
	return best
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// distance is the Levenshtein distance between a and b, in runes.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
