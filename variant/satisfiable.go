package variant

import "slices"

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
	lo, hi, ranged := int64(-1<<63), int64(1<<63-1), false
	var holes [][2]int64
	for _, c := range cs {
		if c.Kind != Range {
			continue
		}
		if c.Negate {
			holes = append(holes, [2]int64{c.Min, c.Max})
			continue
		}
		ranged = true
		lo, hi = max(lo, c.Min), min(hi, c.Max)
	}
	if lo > hi {
		return false
	}
	if ranged && coveredBy(lo, hi, holes) {
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
func coveredBy(lo, hi int64, holes [][2]int64) bool {
	slices.SortFunc(holes, func(a, b [2]int64) int {
		switch {
		case a[0] < b[0]:
			return -1
		case a[0] > b[0]:
			return 1
		}
		return 0
	})
	next := lo // the smallest value not yet known to be covered
	for _, h := range holes {
		if h[0] > h[1] || h[1] < next {
			continue
		}
		if h[0] > next {
			return false
		}
		if h[1] >= hi {
			return true
		}
		next = h[1] + 1
	}
	return false
}
