package answerfile

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSortDiagnostics holds SortDiagnostics to its definition: a stable
// sort by file, line, column, rule and message (every field compared, as
// cmp.Or does), then, of each run of neighbours equal in those and in the
// path, the first. The lists are random, with many ties in each field and
// duplicates, sorted and not.
func TestSortDiagnostics(t *testing.T) {
	byDefinition := func(a, b Diagnostic) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column),
			cmp.Compare(a.Rule, b.Rule), cmp.Compare(a.Message, b.Message))
	}
	identical := func(a, b Diagnostic) bool { return a.String() == b.String() && a.Path == b.Path && a.Fix == b.Fix }
	rng := rand.New(rand.NewPCG(1, 2))
	pick := func(values ...string) string { return values[rng.IntN(len(values))] }
	for n := range 200 {
		ds := make([]Diagnostic, n%40)
		for i := range ds {
			ds[i] = Diagnostic{File: pick("a.xml", "b.xml", "a.xml2", ""), Line: rng.IntN(3), Column: rng.IntN(3),
				Rule: pick("r", "s", "r2"), Message: pick("m", "n", "m "), Path: pick("/A", "/B"), Fix: fmt.Sprint(i)}
		}
		if n%3 == 0 {
			slices.SortStableFunc(ds, byDefinition) // already in order
		}
		want := slices.Clone(ds)
		slices.SortStableFunc(want, byDefinition)
		want = slices.CompactFunc(want, func(a, b Diagnostic) bool { return byDefinition(a, b) == 0 && a.Path == b.Path })
		if got, want := DiagnosticsSorted(ds), slices.EqualFunc(ds, want, identical); got != want {
			t.Fatalf("DiagnosticsSorted(%v) = %v, want %v", ds, got, want)
		}
		got := SortDiagnostics(slices.Clone(ds))
		if !slices.EqualFunc(got, want, identical) {
			t.Fatalf("SortDiagnostics(%v)\ngot  %v\nwant %v", ds, got, want)
		}
		for i := 1; i < len(ds); i++ {
			if got, want := CompareDiagnostics(ds[i-1], ds[i]), byDefinition(ds[i-1], ds[i]); got != want {
				t.Fatalf("CompareDiagnostics(%v, %v) = %d, want %d", ds[i-1], ds[i], got, want)
			}
		}
	}
}
