package linediff

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// numbered is the lines first..last, each its number and '\n'.
func numbered(first, last int) string {
	var b strings.Builder
	for i := first; i <= last; i++ {
		b.WriteString(strconv.Itoa(i) + "\n")
	}
	return b.String()
}

func TestUnified(t *testing.T) {
	for _, tc := range []struct {
		name, a, b, want string
	}{
		{"equal", "1\n2\n", "1\n2\n", ""},
		{"both empty", "", "", ""},
		{"insert", numbered(1, 8), numbered(1, 4) + "x\n" + numbered(5, 8), `@@ -2,6 +2,7 @@
 2
 3
 4
+x
 5
 6
 7
`},
		{"delete first", numbered(1, 5), numbered(2, 5), `@@ -1,4 +1,3 @@
-1
 2
 3
 4
`},
		{"change last", "1\n2\n3\n", "1\n2\nX\n", `@@ -1,3 +1,3 @@
 1
 2
-3
+X
`},
		{"append", "1\n2\n3\n", "1\n2\n3\n4\n", `@@ -1,3 +1,4 @@
 1
 2
 3
+4
`},
		{"no final newline in a", "1\n2", "1\n2\n", `@@ -1,2 +1,2 @@
 1
-2
\ No newline at end of file
+2
`},
		{"no final newline in b", "1\n2\n", "1\n2", `@@ -1,2 +1,2 @@
 1
-2
+2
\ No newline at end of file
`},
		{"no final newline in either", "1\n2\n3", "X\n2\n3", `@@ -1,3 +1,3 @@
-1
+X
 2
 3
\ No newline at end of file
`},
		{"crlf", "1\r\n2\r\n", "1\r\nX\r\n", "@@ -1,2 +1,2 @@\n 1\r\n-2\r\n+X\r\n"},
		{"crlf to lf", "1\r\n", "1\n", "@@ -1 +1 @@\n-1\r\n+1\n"},
		{"empty a", "", "1\n2\n", "@@ -0,0 +1,2 @@\n+1\n+2\n"},
		{"empty b", "1\n", "", "@@ -1 +0,0 @@\n-1\n"},
		{"empty a, b without newline", "", "1", "@@ -0,0 +1 @@\n+1\n\\ No newline at end of file\n"},
		// Changes at lines 5 and 12 have 6 equal lines between them: their
		// contexts meet, one hunk.
		{"merged at 6 apart", numbered(1, 20), numbered(1, 4) + "x\n" + numbered(6, 11) + "y\n" + numbered(13, 20), `@@ -2,14 +2,14 @@
 2
 3
 4
-5
+x
 6
 7
 8
 9
 10
 11
-12
+y
 13
 14
 15
`},
		// At lines 5 and 13, 7 equal lines apart: two hunks.
		{"apart at 7", numbered(1, 20), numbered(1, 4) + "x\n" + numbered(6, 12) + "y\n" + numbered(14, 20), `@@ -2,7 +2,7 @@
 2
 3
 4
-5
+x
 6
 7
 8
@@ -10,7 +10,7 @@
 10
 11
 12
-13
+y
 14
 15
 16
`},
		// The second hunk starts two lines later in b than in a: the hunk
		// before it inserts two lines more than it deletes, in two changes.
		{"line numbers after merged changes", numbered(1, 30), numbered(1, 2) + "x\n" + numbered(3, 5) + "y\nz\n" + numbered(7, 19) + "w\n" + numbered(21, 30), `@@ -1,9 +1,11 @@
 1
 2
+x
 3
 4
 5
-6
+y
+z
 7
 8
 9
@@ -17,7 +19,7 @@
 17
 18
 19
-20
+w
 21
 22
 23
`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Unified("a/f", "b/f", []byte(tc.a), []byte(tc.b))
			want := tc.want
			if want != "" {
				want = "--- a/f\n+++ b/f\n" + want
			}
			if got != want {
				t.Errorf("Unified(%q, %q):\ngot\n%s\nwant\n%s", tc.a, tc.b, got, want)
			}
		})
	}
}

// TestUnifiedApplies diffs random texts of few distinct lines (so that
// many alignments are possible) and checks that the diff turns a into b,
// that its hunk headers are right, and that the diff is minimal, with the
// search bound and without (then only correct).
func TestUnifiedApplies(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 15))
	text := func() string {
		var b strings.Builder
		for range r.IntN(25) {
			b.WriteString([]string{"a\n", "b\n", "c\n", "a\r\n", "d\n"}[r.IntN(5)])
		}
		s := b.String()
		if s != "" && r.IntN(4) == 0 {
			s = s[:len(s)-1] // no final newline
		}
		return s
	}
	for i := range 2000 {
		a, b := text(), text()
		if i%3 == 0 { // b a few edits away from a
			b = mutate(r, a)
		}
		for _, budget := range []int{maxCost, 1, 2, 5} {
			d := unified("a", "b", []byte(a), []byte(b), budget)
			got, err := applyUnified(a, d)
			if err != nil || got != b {
				t.Fatalf("budget %d: a %q, b %q: diff\n%s\napplied: %q, %v", budget, a, b, d, got, err)
			}
			if u := unified("a", "b", []byte(a), []byte(a), budget); u != "" {
				t.Fatalf("diff of %q with itself: %q", a, u)
			}
		}
		la, lb := splitLines(a), splitLines(b)
		if got, want := cost(diff(la, lb, maxCost)), len(la)+len(lb)-2*lcsLen(la, lb); got != want {
			t.Fatalf("a %q, b %q: %d lines deleted or inserted, want %d", a, b, got, want)
		}
	}
}

// mutate returns s with a few lines inserted, deleted or changed.
func mutate(r *rand.Rand, s string) string {
	ls := splitLines(s)
	for range r.IntN(4) + 1 {
		i := r.IntN(len(ls) + 1)
		switch {
		case r.IntN(2) == 0:
			ls = append(ls[:i], append([]string{"e\n"}, ls[i:]...)...)
		case i < len(ls):
			ls = append(ls[:i], ls[i+1:]...)
		}
	}
	return strings.Join(ls, "")
}

func cost(es []edit) int {
	n := 0
	for _, e := range es {
		n += e.a1 - e.a0 + e.b1 - e.b0
	}
	return n
}

// lcsLen is the length of a longest common subsequence of a and b, by
// dynamic programming.
func lcsLen(a, b []string) int {
	prev, cur := make([]int, len(b)+1), make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(prev[j+1], cur[j])
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// applyUnified applies the unified diff d to a, checking every context
// and deleted line and every hunk header.
func applyUnified(a, d string) (string, error) {
	if d == "" {
		return a, nil
	}
	type line struct {
		op   byte
		text string
	}
	var ls []line
	for _, l := range splitLines(d)[2:] {
		switch {
		case strings.HasPrefix(l, `\ No newline at end of file`):
			ls[len(ls)-1].text = strings.TrimSuffix(ls[len(ls)-1].text, "\n")
		case l[0] == '@':
			ls = append(ls, line{'@', l})
		default:
			ls = append(ls, line{l[0], l[1:]})
		}
	}
	src := splitLines(a)
	var out []string
	at := 0 // next line of src
	for i := 0; i < len(ls); {
		var a0, an, b0, bn int
		if _, err := fmt.Sscanf(strings.NewReplacer(",", " ", "@@ -", "", " +", " ", " @@\n", "").Replace(expand(ls[i].text)), "%d %d %d %d", &a0, &an, &b0, &bn); err != nil {
			return "", fmt.Errorf("hunk header %q: %v", ls[i].text, err)
		}
		if an > 0 {
			a0--
		}
		if bn > 0 {
			b0--
		}
		if a0 < at || a0 > len(src) {
			return "", fmt.Errorf("hunk %q starts at line %d of a, after %d", ls[i].text, a0+1, at)
		}
		out = append(out, src[at:a0]...)
		at = a0
		if b0 != len(out) {
			return "", fmt.Errorf("hunk %q: b starts at line %d, want %d", ls[i].text, b0+1, len(out)+1)
		}
		for i++; i < len(ls) && ls[i].op != '@'; i++ {
			l := ls[i]
			if l.op != '+' {
				if at >= len(src) || src[at] != l.text {
					return "", fmt.Errorf("line %d of a is not %q", at+1, l.text)
				}
				at++
			}
			if l.op != '-' {
				out = append(out, l.text)
			}
		}
		if at-a0 != an || len(out)-b0 != bn {
			return "", fmt.Errorf("hunk at line %d: %d lines of a and %d of b, header says %d and %d", a0+1, at-a0, len(out)-b0, an, bn)
		}
	}
	return strings.Join(append(out, src[at:]...), ""), nil
}

// expand writes the length 1, left out of "-l" or "+l", in full.
func expand(header string) string {
	f := strings.Fields(header)
	for i, s := range f[1:3] {
		if !strings.Contains(s, ",") {
			f[i+1] = s + ",1"
		}
	}
	return strings.Join(f, " ") + "\n"
}

// FuzzUnified: whatever the texts, the diff turns a into b.
func FuzzUnified(f *testing.F) {
	f.Add("1\n2\n3", "1\nx\n3\n")
	f.Add("a\r\nb\n", "b\na\r\n")
	f.Add("", "x")
	f.Fuzz(func(t *testing.T, a, b string) {
		for _, budget := range []int{maxCost, 1} {
			d := unified("a", "b", []byte(a), []byte(b), budget)
			if got, err := applyUnified(a, d); err != nil || got != b {
				t.Fatalf("budget %d: a %q, b %q: diff\n%s\napplied: %q, %v", budget, a, b, d, got, err)
			}
		}
	})
}
