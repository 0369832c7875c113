package linediff

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDiff(t *testing.T) {
	lines := func(s string) []string { return splitLines(strings.ReplaceAll(s, " ", "\n") + "\n") }
	for _, tc := range []struct {
		name   string
		a, b   string
		budget int
		want   []edit
	}{
		{"minimal", "c a", "a a a c a b", maxCost, []edit{{0, 0, 0, 3}, {2, 2, 5, 6}}},
		// Two edits do not reach the end: the search keeps the path to
		// the furthest point inside the graph, after matching a[1] with
		// b[0] (2,2), and starts again from there, where a is used up.
		// Correct, two lines longer than the minimal diff.
		{"over budget", "c a", "a a a c a b", 2, []edit{{0, 1, 0, 0}, {2, 2, 1, 6}}},
		// Lines only one side has are set aside before the search: none
		// here, so no search at all, whatever the budget.
		{"every line changes", "a b c d e f", "A B C D E F", 1, []edit{{0, 6, 0, 6}}},
		{"common prefix and suffix", "p q x s", "p q y z s", 1, []edit{{2, 3, 2, 4}}},
		{"unique lines between matches", "a u b v c", "a b w c", maxCost, []edit{{1, 2, 1, 1}, {3, 4, 2, 3}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := diff(lines(tc.a), lines(tc.b), tc.budget)
			if d := cmp.Diff(tc.want, got, cmp.AllowUnexported(edit{})); d != "" {
				t.Errorf("diff(%q, %q, %d) (-want +got):\n%s", tc.a, tc.b, tc.budget, d)
			}
		})
	}
}

// TestDiffLargeOverBudget diffs 20,000 lines of a few distinct lines
// against a shuffle of them: far more edits than one search may explore,
// so the diff is pieced together from many searches; it must still turn
// a into b.
func TestDiffLargeOverBudget(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 4))
	a := make([]string, 20000)
	for i := range a {
		a[i] = []string{"<Setting/>\n", "</Settings>\n", "<Settings>\n", "  \n"}[r.IntN(4)]
	}
	b := append([]string(nil), a...)
	r.Shuffle(len(b), func(i, j int) { b[i], b[j] = b[j], b[i] })
	A, B := strings.Join(a, ""), strings.Join(b, "")
	got, err := applyUnified(A, Unified("a", "b", []byte(A), []byte(B)))
	if err != nil || got != B {
		t.Fatalf("the diff does not turn a into b: %v", err)
	}
}

// BenchmarkUnified: fmt -d of a re-indented file (every line changes, as in
// bench/run) and of a shuffled one (every search runs out of budget).
func BenchmarkUnified(b *testing.B) {
	r := rand.New(rand.NewPCG(15, 5))
	var base strings.Builder
	for i := range 25000 {
		base.WriteString(strings.Repeat("  ", i%6) + []string{"<Setting Name=\"A\" Value=\"1\"/>\n", "</Settings>\n", "<Settings Path=\"X\">\n"}[r.IntN(3)])
	}
	lines := splitLines(base.String())
	shuffled := append([]string(nil), lines...)
	r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	for _, bc := range []struct{ name, a, b string }{
		{"reindented", strings.ReplaceAll(base.String(), "\n", "\n   "), base.String()},
		{"shuffled", base.String(), strings.Join(shuffled, "")},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Unified("a", "b", []byte(bc.a), []byte(bc.b))
			}
		})
	}
}
