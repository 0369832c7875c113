package variant

import (
	"math/big"
	"slices"
)

// Pair is a condition as written: its Name and Value attributes.
type Pair struct{ Name, Value string }

// Satisfiable reports whether one SIM (one profile) can satisfy every
// condition of state at once, the AND of a TargetState. It is conservative:
// it returns false only when the conditions provably exclude each other
// (MCC=310 with MCC=311, range:5, 1, 310 with !310, a value outside a
// range, ...). Undecidable conditions and combinations it cannot reason
// about (two patterns) count as satisfiable. An empty state is satisfiable.
func Satisfiable(state []Pair) bool {
	// States are short: group the conditions by name in place, without a map.
	var buf, group [8]Condition
	conds := buf[:0]
	for _, p := range state {
		c, err := ParseCondition(p.Name, p.Value)
		if err != nil {
			continue // cannot be evaluated: assume it can hold
		}
		conds = append(conds, c)
	}
	for i := range conds {
		if conds[i].key == "" {
			continue // already checked with an earlier condition of its name
		}
		g := append(group[:0], conds[i])
		for j := i + 1; j < len(conds); j++ {
			if conds[j].key == conds[i].key {
				g = append(g, conds[j])
				conds[j].key = ""
			}
		}
		if !satisfiableOne(g) {
			return false
		}
	}
	return true
}

// CanOverlap reports whether one SIM can satisfy both states, i.e. whether
// their conditions together are Satisfiable. Conservative: true unless the
// states are provably disjoint.
func CanOverlap(a, b []Pair) bool {
	return Satisfiable(append(slices.Clip(a), b...))
}

// satisfiableOne decides whether one value can satisfy every condition in cs,
// all on the same name.
func satisfiableOne(cs []Condition) bool {
	// A plain, non-negated value fixes the value: test it against the rest.
	for i := range cs {
		if cs[i].Kind == Exact && !cs[i].Negate {
			v := cs[i].Text
			for j := range cs {
				if cs[j].Eval(v, true) != Matched {
					return false
				}
			}
			return true
		}
	}
	// Ranges: the value is an integer in the intersection of the positive
	// ranges and outside every negated one. Negated plain values cannot
	// empty it (an integer has many spellings: 5, 05, +5).
	var lo, hi *big.Int // nil: unbounded
	var holes [][2]*big.Int
	for _, c := range cs {
		if c.Kind != Range {
			continue
		}
		cmin, cmax := bigInt(c.Min), bigInt(c.Max)
		if c.Negate {
			holes = append(holes, [2]*big.Int{cmin, cmax})
			continue
		}
		if lo == nil || cmin.Cmp(lo) > 0 {
			lo = cmin
		}
		if hi == nil || cmax.Cmp(hi) < 0 {
			hi = cmax
		}
	}
	if lo != nil && (lo.Cmp(hi) > 0 || coveredBy(lo, hi, holes)) {
		return false
	}
	// A pattern and its own negation exclude each other.
	for _, a := range cs {
		if a.Kind != Pattern || a.Negate {
			continue
		}
		for _, b := range cs {
			if b.Kind == Pattern && b.Negate && b.Text == a.Text {
				return false
			}
		}
	}
	return true
}

// coveredBy reports whether [lo, hi] lies entirely inside the union of holes.
func coveredBy(lo, hi *big.Int, holes [][2]*big.Int) bool {
	slices.SortFunc(holes, func(a, b [2]*big.Int) int { return a[0].Cmp(b[0]) })
	next := new(big.Int).Set(lo) // the smallest value not yet known to be covered
	for _, h := range holes {
		if h[0].Cmp(h[1]) > 0 || h[1].Cmp(next) < 0 {
			continue
		}
		if h[0].Cmp(next) > 0 {
			return false
		}
		if h[1].Cmp(hi) >= 0 {
			return true
		}
		next.Add(h[1], big.NewInt(1))
	}
	return false
}

// bigInt converts a canonical decimal integer (a range bound).
func bigInt(s string) *big.Int {
	n, _ := new(big.Int).SetString(s, 10)
	return n
}
