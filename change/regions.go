package change

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/mcsf-dev/mcsf/variant"
)

// atom is one test on the value of a condition name, without its
// negation: `310` and `!310` on MCC share one atom. Only decidable
// conditions have atoms; the others split nothing (resolve reports them).
type atom struct {
	cond variant.Condition // Negate is false
	id   string
}

// newAtom returns the atom of c and whether c is decidable.
func newAtom(c variant.Condition) (atom, bool) {
	if !c.Decidable() {
		return atom{}, false
	}
	c.Negate = false
	id := c.Kind.String() + "\x00" + c.Text
	switch {
	case c.Kind == variant.Range:
		id = fmt.Sprintf("range\x00%s\x00%s", c.Min, c.Max)
	case c.Kind == variant.Exact && foldsCase(c):
		id = "exact\x00" + strings.ToLower(c.Text)
	}
	return atom{cond: c, id: id}, true
}

// foldsCase asks variant whether plain values of c's name ignore case
// (SPN and PNN, by this project's policy).
func foldsCase(c variant.Condition) bool {
	probe, err := variant.ParseCondition(c.Name, "A")
	return err == nil && probe.Eval("a", true) == variant.Matched
}

// test is the atom's outcome for a set value.
func (a *atom) test(value string) bool { return a.cond.Eval(value, true) == variant.Matched }

// region is a set of values of one name that every atom treats alike:
// either the name is not set, or it is set to a value with the outcomes vec.
// value is one such value.
type region struct {
	set   bool
	value string
	vec   []bool
}

// regionsOf returns every region of the value space of one name that the
// atoms tell apart: not set (except for a device fact, which a device always
// has: Roaming, UICC, UICCSLOT, the P1 names), and each combination of
// outcomes some value has (for Roaming, UICC and UICCSLOT, of their
// documented values only). The list is exact: without patterns it comes from the finitely many
// values and range boundaries the atoms name; with patterns from the
// product automaton of every atom (values and ranges spelled as regular
// expressions). err is errTooManyStates when the automaton grows too big;
// the regions found so far are returned.
func regionsOf(atoms []*atom) ([]region, error) {
	rs, err := valueRegions(atoms)
	if len(atoms) == 0 || !variant.DeviceFact(atoms[0].cond.Name) {
		return rs, err
	}
	// A device always reports its facts: no region where one is not set;
	// one with few values has exactly those.
	if vals := variant.FactValues(atoms[0].cond.Name); vals != nil {
		var out []region
		seen := map[string]bool{}
		for _, v := range vals {
			vec := make([]bool, len(atoms))
			for i, a := range atoms {
				vec[i] = a.test(v)
			}
			if k := fmt.Sprint(vec); !seen[k] {
				seen[k] = true
				out = append(out, region{set: true, value: v, vec: vec})
			}
		}
		return out, nil
	}
	return rs[1:], err
}

// valueRegions is regionsOf for a name a profile may lack: its first region
// is "not set".
func valueRegions(atoms []*atom) ([]region, error) {
	out := []region{{vec: make([]bool, len(atoms))}}
	seen := map[string]bool{}
	add := func(v string) {
		vec := make([]bool, len(atoms))
		var key strings.Builder
		for i, a := range atoms {
			vec[i] = a.test(v)
			key.WriteByte(map[bool]byte{false: '0', true: '1'}[vec[i]])
		}
		if !seen[key.String()] {
			seen[key.String()] = true
			out = append(out, region{set: true, value: v, vec: vec})
		}
	}
	matchesExact := func(v string) bool {
		for _, a := range atoms {
			if a.cond.Kind == variant.Exact && a.test(v) {
				return true
			}
		}
		return false
	}
	patterns := false
	var points []string // decimal integers of any length, as variant compares range bounds
	for _, a := range atoms {
		switch a.cond.Kind {
		case variant.Exact:
			add(a.cond.Text)
		case variant.Pattern:
			patterns = true
		case variant.Range:
			lo, hi := a.cond.Min, a.cond.Max
			if compareInt(lo, hi) > 0 {
				continue
			}
			points = append(points, lo, hi, variant.AddInt(lo, -1), variant.AddInt(hi, 1))
		}
	}
	// Every integer between two boundaries falls like its neighbours.
	slices.SortFunc(points, compareInt)
	points = slices.Compact(points)
	for i, p := range points {
		add(integerSpelling(p, matchesExact))
		if next := variant.AddInt(p, 1); i+1 < len(points) && compareInt(next, points[i+1]) < 0 {
			add(integerSpelling(next, matchesExact))
		}
	}
	// A value that is no integer and no plain value of the atoms.
	for i := 0; ; i++ {
		v := "x" + strconv.Itoa(i)
		if i == 0 {
			v = "x"
		}
		if !matchesExact(v) {
			add(v)
			break
		}
	}
	if !patterns {
		return out, nil
	}
	ms := make([]*nfa, len(atoms))
	for i, a := range atoms {
		m, err := compileNFA(atomRegexp(a))
		if err != nil {
			return out, fmt.Errorf("%s: %w", a.cond, err)
		}
		ms[i] = m
	}
	ws, err := witnesses(ms)
	for _, w := range ws {
		add(w)
	}
	return out, err
}

// integerSpelling writes n so that no plain value of the atoms equals it:
// 5, else +5, 05, +05, 005, ... (variant reads them all as 5).
func integerSpelling(n string, taken func(string) bool) string {
	sign, digits := "", n
	if strings.HasPrefix(n, "-") {
		sign, digits = "-", n[1:]
	}
	for zeros := 0; ; zeros++ {
		for _, s := range []string{sign, "+"} {
			if s == "+" && sign == "-" {
				continue
			}
			v := s + strings.Repeat("0", zeros) + digits
			if !taken(v) {
				return v
			}
		}
	}
}

// atomRegexp spells an atom as the regular expression variant evaluates
// (variant.Condition.Expr); atoms are decidable conditions.
func atomRegexp(a *atom) string {
	expr, _ := a.cond.Expr()
	return expr
}

// compareInt compares two canonical decimal integers (no plus sign, no
// leading zeros, "0" for zero).
func compareInt(a, b string) int {
	na, nb := strings.HasPrefix(a, "-"), strings.HasPrefix(b, "-")
	switch {
	case na && !nb:
		return -1
	case !na && nb:
		return 1
	case na:
		return compareDigits(b[1:], a[1:])
	}
	return compareDigits(a, b)
}

func compareDigits(a, b string) int {
	if len(a) != len(b) {
		return cmp.Compare(len(a), len(b))
	}
	return strings.Compare(a, b)
}
