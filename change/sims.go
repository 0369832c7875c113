package change

import (
	"fmt"
	"slices"
	"strings"

	"github.com/mcsf-dev/mcsf/variant"
)

// simEffects is the effect on each SIM of a list. A SIM file describes
// SIMs, not devices: a device condition (P1: Lang, Region, ...) that a row
// does not set is unknown, not absent. When the effect depends on such a
// condition (the classes the SIM can fall in change differently), the SIM
// is undecided and the report names the condition; otherwise both
// versions are resolved for the SIM as given.
func (p *partition) simEffects(root *node, sims []variant.Profile, old, new *side, changedVariants map[string]bool) []SIMEffect {
	reach := make([][]*node, len(sims))
	var unknown [][]string
	seen := map[*node]bool{}
	var leaves []*node
	for i, sim := range sims {
		var names []string
		reach[i] = p.reachable(root, sim, &names)
		unknown = append(unknown, names)
		for _, l := range reach[i] {
			if !seen[l] {
				seen[l] = true
				leaves = append(leaves, l)
			}
		}
	}
	p.effects(leaves, old, new, changedVariants)
	out := make([]SIMEffect, len(sims))
	for i, sim := range sims {
		var e Effect
		if differ(reach[i]) {
			e = Effect{Status: StatusUndecided, Undecided: []string{fmt.Sprintf(
				"the effect depends on %s, a device condition the SIM file does not give: add a column for it", strings.Join(unknown[i], " and "))}}
		} else {
			e = compare(old.resolve(sim), new.resolve(sim), changedVariants)
		}
		e.Classes = []Class{{Description: sim.String(), Conditions: []ClassLimit{}, Any: []string{}, SIM: sim, Merged: 1}}
		e.normalize()
		out[i] = SIMEffect{Row: i + 1, Effect: e}
	}
	return out
}

// differ reports whether the leaves change differently.
func differ(leaves []*node) bool {
	for _, l := range leaves[min(1, len(leaves)):] {
		if l.sig != leaves[0].sig {
			return true
		}
	}
	return false
}

// reachable returns the leaves a SIM can fall in: one, unless it leaves a
// device condition the tree splits on unset; those names are added to
// unknown.
func (p *partition) reachable(n *node, sim variant.Profile, unknown *[]string) []*node {
	if len(n.branches) == 0 {
		return []*node{n}
	}
	name := p.names[n.name]
	if _, set := sim.Get(name); !set && variant.ClassOf(name) == variant.ClassP1 {
		if !slices.Contains(*unknown, p.display[n.name]) {
			*unknown = append(*unknown, p.display[n.name])
		}
		var out []*node
		for _, b := range n.branches {
			out = append(out, p.reachable(b.child, sim, unknown)...)
		}
		return out
	}
	b := p.branchOf(n, sim)
	if b == nil {
		return nil
	}
	return p.reachable(b.child, sim, unknown)
}
