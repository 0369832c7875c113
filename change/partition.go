package change

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/mcsf-dev/mcsf/variant"
)

// partition splits the SIM and device space by every decidable condition
// of both files. It is a decision tree over the condition names in display
// order (MCC, MNC, SPN, ..., device names, others): at each node the values
// of one name are split into regions (regionsOf), and regions after which
// the same TargetStates can still match are one branch. Two profiles that
// reach the same leaf satisfy the same TargetStates of both files, so both
// files treat them alike.
type partition struct {
	names   []string // lower case, display order
	display []string // documented spelling
	atoms   [][]*atom
	states  []pstate
	regions map[string][]region // by name and atom set
	// incomplete names the condition names whose regions could not be
	// listed exactly, with why.
	incomplete map[int]string
}

// pstate is one TargetState of a referenced Target of either file: its
// decidable conditions grouped by name index.
type pstate struct {
	conds [][]cnd
	// Where the state stands, for the fingerprint of a leaf: the version
	// (0 old, 1 new), the Target (index into referencedTargets), the
	// state's index in it, its priority, and whether a condition of it
	// cannot be evaluated.
	side, target, index int
	priority            [2]int
	undecidable         bool
}

type cnd struct {
	atom   int
	negate bool
}

// node is one split of the tree; a node without branches is a leaf.
type node struct {
	name     int
	used     []int // the atoms of the name that the split tests
	branches []*branch
	profile  variant.Profile // a profile that reaches this node (leaves)
	matched  []int           // leaves: the states whose decidable conditions all hold

	// Filled by effects (leaves) and collapse (every node).
	effect  Effect
	sig     string // Effect.signature; "" when nothing changed
	uniform bool   // every leaf below has the same sig
	leaves  int
}

type branch struct {
	regions   []region
	survivors []int
	child     *node
}

// newPartition builds the tree for the TargetStates of both models.
func newPartition(models ...variant.Model) *partition {
	p := &partition{regions: map[string][]region{}, incomplete: map[int]string{}}
	nameIndex := map[string]int{}
	atomIndex := []map[string]int{}
	type rawCond struct {
		name string
		c    variant.Condition
	}
	var raw [][]rawCond
	for side, m := range models {
		for ti, t := range referencedTargets(m) {
			for si, sd := range t.States {
				var st []rawCond
				ps := pstate{side: side, target: ti, index: si, priority: priority(sd)}
				for _, cd := range sd.Conditions {
					c, _ := variant.ParseCondition(cd.Name, cd.Value)
					if !c.Decidable() {
						ps.undecidable = true
						continue
					}
					st = append(st, rawCond{strings.ToLower(cd.Name), c})
					if _, ok := nameIndex[strings.ToLower(cd.Name)]; !ok {
						nameIndex[strings.ToLower(cd.Name)] = -1
					}
				}
				raw = append(raw, st)
				p.states = append(p.states, ps)
			}
		}
	}
	// Display order: the order variant.Profile lists names in.
	var all variant.Profile
	for n := range nameIndex {
		all.Set(n, "")
	}
	for _, pr := range all.Pairs() {
		nameIndex[strings.ToLower(pr.Name)] = len(p.names)
		p.names = append(p.names, strings.ToLower(pr.Name))
		p.display = append(p.display, pr.Name)
		p.atoms = append(p.atoms, nil)
		atomIndex = append(atomIndex, map[string]int{})
	}
	for i, st := range raw {
		ps := &p.states[i]
		ps.conds = make([][]cnd, len(p.names))
		for _, rc := range st {
			ni := nameIndex[rc.name]
			a, _ := newAtom(rc.c)
			ai, ok := atomIndex[ni][a.id]
			if !ok {
				ai = len(p.atoms[ni])
				atomIndex[ni][a.id] = ai
				p.atoms[ni] = append(p.atoms[ni], &a)
			}
			ps.conds[ni] = append(ps.conds[ni], cnd{ai, rc.c.Negate})
		}
	}
	return p
}

// referencedTargets are the Targets (first definition of each Id) that a
// Variant refers to through its first TargetRef, as resolve reads them.
func referencedTargets(m variant.Model) []variant.TargetDef {
	used := map[string]bool{}
	for _, v := range m.Variants {
		if len(v.TargetRefs) > 0 {
			used[v.TargetRefs[0]] = true
		}
	}
	seen := map[string]bool{}
	var out []variant.TargetDef
	for _, t := range m.Targets {
		if seen[t.ID] || !used[t.ID] {
			continue
		}
		seen[t.ID] = true
		out = append(out, t)
	}
	return out
}

// build splits the whole space and returns the root.
func (p *partition) build() *node {
	alive := make([]int, len(p.states))
	for i := range alive {
		alive[i] = i
	}
	return p.split(0, alive, variant.Profile{})
}

func (p *partition) split(ni int, alive []int, prof variant.Profile) *node {
	for ; ni < len(p.names); ni++ {
		used := map[int]bool{}
		for _, s := range alive {
			for _, c := range p.states[s].conds[ni] {
				used[c.atom] = true
			}
		}
		if len(used) == 0 {
			continue
		}
		ids := make([]int, 0, len(used))
		for a := range used {
			ids = append(ids, a)
		}
		slices.Sort(ids)
		regions := p.regionsFor(ni, ids)
		var branches []*branch
		byKey := map[string]*branch{}
		for _, r := range regions {
			surv := p.survivors(ni, alive, r)
			k := intsKey(surv)
			b, ok := byKey[k]
			if !ok {
				b = &branch{survivors: surv}
				byKey[k] = b
				branches = append(branches, b)
			}
			b.regions = append(b.regions, r)
		}
		if len(branches) == 1 {
			// No split; a device fact still has a value on every device,
			// and any of its regions stands for all of them.
			if r := branches[0].witness(); r.set && variant.DeviceFact(p.names[ni]) {
				prof = prof.Clone()
				prof.Set(p.display[ni], r.value)
			}
			continue
		}
		n := &node{name: ni, used: ids, branches: branches}
		for _, b := range branches {
			child := prof
			if r := b.witness(); r.set {
				child = prof.Clone()
				child.Set(p.display[ni], r.value)
			}
			b.child = p.split(ni+1, b.survivors, child)
		}
		return n
	}
	return &node{name: -1, profile: prof, matched: alive}
}

// witness is the region whose value stands for the branch: the first set
// one, so that a class is shown with a value where it has one.
func (b *branch) witness() region {
	for _, r := range b.regions {
		if r.set {
			return r
		}
	}
	return b.regions[0]
}

// regionsFor lists the regions of name ni under the atoms ids (cached:
// sibling nodes often test the same atoms).
func (p *partition) regionsFor(ni int, ids []int) []region {
	key := strconv.Itoa(ni) + ":" + intsKey(ids)
	if rs, ok := p.regions[key]; ok {
		return rs
	}
	atoms := make([]*atom, len(ids))
	for i, a := range ids {
		atoms[i] = p.atoms[ni][a]
	}
	rs, err := regionsOf(atoms)
	if err != nil {
		p.incomplete[ni] = err.Error()
	}
	// Spread each region's outcomes to the name's full atom list.
	full := make([]region, len(rs))
	for i, r := range rs {
		vec := make([]bool, len(p.atoms[ni]))
		for j, a := range ids {
			vec[a] = r.vec[j]
		}
		full[i] = region{set: r.set, value: r.value, vec: vec}
	}
	// Set values first, "not set" (if the name can be unset) last.
	if len(full) > 0 && !full[0].set {
		full = append(full[1:], full[0])
	}
	p.regions[key] = full
	return full
}

// survivors are the states of alive whose conditions on name ni all hold
// in region r. A condition on a name that is not set never holds.
func (p *partition) survivors(ni int, alive []int, r region) []int {
	var out []int
next:
	for _, s := range alive {
		for _, c := range p.states[s].conds[ni] {
			if !r.set || r.vec[c.atom] == c.negate {
				continue next
			}
		}
		out = append(out, s)
	}
	return out
}

func intsKey(xs []int) string {
	var b strings.Builder
	for _, x := range xs {
		b.WriteString(strconv.Itoa(x))
		b.WriteByte(',')
	}
	return b.String()
}

// leafOf walks the tree with a profile and returns the leaf it reaches:
// the class of that SIM. It returns an error when the profile falls in a
// region the tree does not list, which would make the partition inexact.
func (p *partition) leafOf(n *node, prof variant.Profile) (*node, error) {
	for len(n.branches) > 0 {
		b := p.branchOf(n, prof)
		if b == nil {
			return nil, fmt.Errorf("profile %s falls in no listed region of %s", prof, p.display[n.name])
		}
		n = b.child
	}
	return n, nil
}

// branchOf is the branch of n that prof's value of n's name falls in; nil
// if none (which would be a bug: the regions cover every value).
func (p *partition) branchOf(n *node, prof variant.Profile) *branch {
	ni := n.name
	v, set := prof.Get(p.names[ni])
	for _, b := range n.branches {
		for _, br := range b.regions {
			if br.set != set {
				continue
			}
			same := true
			for _, a := range n.used {
				if set && br.vec[a] != p.atoms[ni][a].test(v) {
					same = false
					break
				}
			}
			if same {
				return b
			}
		}
	}
	return nil
}
