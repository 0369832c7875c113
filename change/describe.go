package change

import (
	"fmt"
	"strings"

	"github.com/mcsf-dev/mcsf/variant"
)

// maxListed bounds the values a description lists before "and N more".
const maxListed = 4

// describe says in words which values of its name branch b of n holds:
// "MCC 310", "MCC matching 31[0-9], other than 310", "no SPN".
func (p *partition) describe(n *node, b *branch) string {
	name := p.display[n.name]
	var parts []string
	unset := false
	for _, r := range b.regions {
		if !r.set {
			unset = true
			continue
		}
		parts = append(parts, p.describeRegion(n, r))
	}
	if len(parts) > maxListed {
		parts = append(parts[:maxListed-1], fmt.Sprintf("%d more kinds of %s", len(parts)-maxListed+1, name))
	}
	switch {
	case unset && len(parts) == 0:
		return "no " + name
	case unset:
		return strings.Join(parts, " or ") + " (or no " + name + ")"
	}
	return strings.Join(parts, " or ")
}

// describeRegion says which set values region r holds: the atoms that hold,
// then the plain values the region leaves out.
func (p *partition) describeRegion(n *node, r region) string {
	name := p.display[n.name]
	atoms := p.atoms[n.name]
	var held []*atom
	for _, a := range n.used {
		if r.vec[a] {
			held = append(held, atoms[a])
		}
	}
	for _, a := range held {
		if a.cond.Kind == variant.Exact {
			return name + " " + a.cond.Text
		}
	}
	var tests []string
	for _, a := range held {
		tests = append(tests, atomWords(a))
	}
	// The plain values and ranges that do not hold but would pass every test that does.
	var others, outside []string
	for _, ai := range n.used {
		a := atoms[ai]
		if r.vec[ai] {
			continue
		}
		switch a.cond.Kind {
		case variant.Exact:
			// Listed when it passes every test that holds and no "not ..." already excludes it.
			listed := true
			for _, bi := range n.used {
				b := atoms[bi]
				if b.cond.Kind != variant.Exact && b.test(a.cond.Text) != r.vec[bi] {
					listed = false
				}
			}
			if listed {
				others = append(others, a.cond.Text)
			}
		default:
			outside = append(outside, "not "+atomWords(a))
		}
	}
	if len(others) > 0 {
		if len(others) > maxListed {
			others = append(others[:maxListed], fmt.Sprintf("%d more", len(others)-maxListed))
		}
		tests = append(tests, "other than "+strings.Join(others, ", "))
	}
	if len(held) == 0 && len(others) == 0 && len(outside) == 0 {
		tests = append(tests, "any value")
	}
	tests = append(tests, outside...)
	return name + " " + strings.Join(tests, ", ")
}

// atomWords is an atom's test in words.
func atomWords(a *atom) string {
	switch a.cond.Kind {
	case variant.Pattern:
		return "matching " + a.cond.Text
	case variant.Range:
		return fmt.Sprintf("in %s..%s", a.cond.Min, a.cond.Max)
	}
	return a.cond.Text
}
