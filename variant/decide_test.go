package variant

import (
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestDecideMerge: deciding prepared states together is deciding one state
// of all their conditions, in order, and a Solver reused for many decisions
// (Decide's scratch space) answers as a new one does. The states are drawn
// from conditions that share names in several spellings, repeat a name in
// one state, and mix plain values, negations, ranges and patterns.
func TestDecideMerge(t *testing.T) {
	pool := []Pair{
		{"MCC", "310"}, {"mcc", "310"}, {"MCC", "311"}, {"MCC", "!310"}, {"MCC", "pattern:31[01]"},
		{"MNC", "26"}, {"MNC", "026"}, {"Mnc", "range:1, 30"}, {"MNC", "!range:20, 29"}, {"MNC", "pattern:0?26"},
		{"SPN", "Contoso"}, {"spn", "CONTOSO"}, {"SPN", "pattern:con.*"}, {"SPN", "!Fabrikam"},
		{"ICCID", "pattern:8901\\d{15}"}, {"GID1", "0a"}, {"Roaming", "1"}, {"Bogus", "x"}, {"", "1"}, {"MNC", "range:1..5"},
	}
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
