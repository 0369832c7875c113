package variant

import (
	"math/rand/v2"
	"regexp"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestDecideMerge: deciding prepared states together is deciding one state
// of all their conditions, in order, and a Solver reused for many decisions
// (Decide's scratch space) answers as a new one does. The states are drawn
// from conditions that share names in several spellings, repeat a name in
// one state, and mix plain values, negations, ranges and patterns.
func TestDecideMerge(t *testing.T) {
	pool := decidePool
	rng := rand.New(rand.NewPCG(15, 3))
	draw := func() []Pair {
		st := make([]Pair, rng.IntN(5))
		for i := range st {
			st[i] = pool[rng.IntN(len(pool))]
		}
		return st
	}
	reused := NewSolver()
	for range 3000 {
		states := make([][]Pair, 1+rng.IntN(3))
		var all []Pair
		conjs := make([]*Conj, len(states))
		for i := range states {
			states[i] = draw()
			all = append(all, states[i]...)
			conjs[i] = reused.Prepare(states[i])
		}
		fresh := NewSolver()
		want := fresh.Decide(fresh.Prepare(all))
		if got := reused.Decide(conjs...); !cmp.Equal(got, want) {
			t.Fatalf("Decide of %v: %+v; as one state: %+v", states, got, want)
		}
	}
}

// decidePool holds conditions that share names in several spellings and
// mix plain values, negations, ranges, patterns and invalid ones.
var decidePool = []Pair{
	{"MCC", "310"}, {"mcc", "310"}, {"MCC", "311"}, {"MCC", "!310"}, {"MCC", "pattern:31[01]"},
	{"MNC", "26"}, {"MNC", "026"}, {"Mnc", "range:1, 30"}, {"MNC", "!range:20, 29"}, {"MNC", "pattern:0?26"},
	{"SPN", "Contoso"}, {"spn", "CONTOSO"}, {"SPN", "pattern:con.*"}, {"SPN", "!Fabrikam"},
	{"ICCID", "pattern:8901\\d{15}"}, {"GID1", "0a"}, {"Roaming", "1"}, {"Bogus", "x"}, {"", "1"}, {"MNC", "range:1..5"},
}

// conditionComparer compares prepared conditions and states, a compiled
// pattern by its text (each parse compiles its own).
var conditionComparer = cmp.Options{
	cmp.AllowUnexported(Condition{}, Conj{}, group{}, Checked{}),
	cmp.Comparer(func(a, b *regexp.Regexp) bool {
		return (a == nil) == (b == nil) && (a == nil || a.String() == b.String())
	}),
}

// TestCheckParse: CheckParse gives the condition and the invalid flag
// ParseConditionLimits gives (and Prepare reads), with its problems those
// of CheckConditionLimits, for every name of the pool (documented, other
// spellings, unknown, reserved, empty) with every value (plain, negated,
// empty, capitalised prefixes, ranges and patterns valid and not, a
// pattern over the limits).
func TestCheckParse(t *testing.T) {
	names := []string{"MCC", "mnc", "SPN", " MCC", "GID1", "ICCID", "Roaming", "Bogus", "", "IMSI", "Type", "Server"}
	values := []string{"310", "26", "!026", "", "!", "Contoso", "Pattern:31.", "Range:1, 5", "range:1, 5", "range:5, 1",
		"range:1..5", "pattern:", "pattern:31[01]", "!pattern:0?26", "pattern:(", "pattern:(?<n>a)", "pattern:" + string(make([]byte, 40)),
		"pattern:a{1000}{1000}", "0a", "zz", "8901", "pattern:\\p{L}+"}
	lims := []PatternLimits{{}, {MaxSize: 50}}
	for _, lim := range lims {
		for _, name := range names {
			for _, value := range values {
				got := CheckParse(name, value, lim)
				want, err := ParseConditionLimits(name, value, lim)
				pr, isProblem := err.(Problem)
				wantInvalid := isProblem && invalidKind(pr.Kind)
				if diff := cmp.Diff(want, got.cond, conditionComparer); diff != "" || got.invalid != wantInvalid {
					t.Errorf("CheckParse(%q, %q, %+v): condition differs from ParseConditionLimits (-want +got):\n%s\ninvalid %v, want %v", name, value, lim, diff, got.invalid, wantInvalid)
				}
				if diff := cmp.Diff(CheckConditionLimits(name, value, lim), got.Problems); diff != "" {
					t.Errorf("CheckParse(%q, %q): problems (-want +got):\n%s", name, value, diff)
				}
			}
		}
	}
}

// TestPinnedApart: for random pairs of states, PinnedApart of the states
// CheckParse parsed answers as Decide's own test of the prepared states,
// PrepareChecked prepares what Prepare prepares, and Invalid is the
// prepared state's Invalid. Every answer of PinnedApart is Disjoint for
// Decide; plain values of a few names make both answers common.
func TestPinnedApart(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 4))
	plain := []Pair{{"MCC", "310"}, {"MCC", "311"}, {"mcc", "311"}, {"MNC", "26"}, {"MNC", "27"}, {"SPN", "Contoso"}, {"spn", "contoso"}}
	draw := func() ([]Pair, []Checked) {
		st := make([]Pair, rng.IntN(4))
		checked := make([]Checked, len(st))
		for i := range st {
			st[i] = plain[rng.IntN(len(plain))]
			if rng.IntN(3) == 0 {
				st[i] = decidePool[rng.IntN(len(decidePool))]
			}
			checked[i] = CheckParse(st[i].Name, st[i].Value, PatternLimits{})
		}
		return st, checked
	}
	s := NewSolver()
	apart := 0
	for range 5000 {
		a, ca := draw()
		b, cb := draw()
		pa, pb := s.Prepare(a), s.Prepare(b)
		for _, st := range []struct {
			conj    *Conj
			checked []Checked
		}{{pa, ca}, {pb, cb}} {
			if diff := cmp.Diff(st.conj, s.PrepareChecked(st.checked), conditionComparer); diff != "" {
				t.Fatalf("PrepareChecked differs from Prepare (-want +got):\n%s", diff)
			}
			if Invalid(st.checked) != st.conj.Invalid() {
				t.Fatalf("Invalid(%v) = %v, want %v", st.checked, Invalid(st.checked), st.conj.Invalid())
			}
		}
		got, want := PinnedApart(ca, cb), pinnedApart(pa, pb)
		if got != want {
			t.Fatalf("PinnedApart(%v, %v) = %v, want %v", a, b, got, want)
		}
		if got {
			apart++
			if d := s.Decide(pa, pb); d.Verdict != Disjoint {
				t.Fatalf("PinnedApart(%v, %v), but Decide: %+v", a, b, d)
			}
		}
	}
	if apart < 150 || apart > 4850 {
		t.Errorf("%d of 5000 pairs pinned apart: the pool tests too little of one answer", apart)
	}
}
