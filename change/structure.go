package change

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/mcsf-dev/mcsf/variant"
)

// Change is one structural change, matched by identity: a Target by its Id
// (case-sensitive), a Variant by its Name, a setting by its Settings Path
// and Setting Name (both ignoring case), a TargetState by its set of
// conditions (their order inside it means nothing).
type Change struct {
	Kind    string `json:"kind"`    // added, removed, changed or reordered
	Element string `json:"element"` // File, Target, TargetState, Condition, Variant, TargetRef, Setting
	Target  string `json:"target,omitempty"`
	// TargetState is 1-based, in the new version (old for a removal).
	TargetState int             `json:"targetState,omitempty"`
	Variant     string          `json:"variant,omitempty"` // for settings: "" in Static
	Path        string          `json:"path,omitempty"`
	Name        string          `json:"name,omitempty"` // setting or condition name
	Old         string          `json:"old,omitempty"`
	New         string          `json:"new,omitempty"`
	OldSource   *variant.Source `json:"oldSource,omitempty"`
	NewSource   *variant.Source `json:"newSource,omitempty"`
	Message     string          `json:"message"`
}

// Change kinds.
const (
	Added     = "added"
	Removed   = "removed"
	Changed   = "changed"
	Reordered = "reordered"
)

func src(s variant.Source) *variant.Source { return &s }

// structure lists the structural changes from old to new.
func structure(old, new variant.Model) []Change {
	out := []Change{}
	out = append(out, targetChanges(old, new)...)
	out = append(out, settingChanges("", old.Static, new.Static)...)
	out = append(out, variantChanges(old, new)...)
	return out
}

func firstTargets(m variant.Model) (map[string]variant.TargetDef, []string) {
	byID := map[string]variant.TargetDef{}
	var ids []string
	for _, t := range m.Targets {
		if _, ok := byID[t.ID]; !ok {
			byID[t.ID] = t
			ids = append(ids, t.ID)
		}
	}
	return byID, ids
}

func targetChanges(old, new variant.Model) []Change {
	var out []Change
	ob, oids := firstTargets(old)
	nb, nids := firstTargets(new)
	for _, id := range oids {
		if _, ok := nb[id]; !ok {
			out = append(out, Change{Kind: Removed, Element: "Target", Target: id, OldSource: src(ob[id].Source),
				Message: fmt.Sprintf("Target %s removed", id)})
		}
	}
	for _, id := range nids {
		t := nb[id]
		o, ok := ob[id]
		if !ok {
			out = append(out, Change{Kind: Added, Element: "Target", Target: id, NewSource: src(t.Source),
				Message: fmt.Sprintf("Target %s added (%s)", id, describeStates(t.States))})
			continue
		}
		out = append(out, stateChanges(id, o.States, t.States)...)
	}
	return out
}

func describeStates(states []variant.StateDef) string {
	var parts []string
	for _, s := range states {
		parts = append(parts, describeConds(s.Conditions))
	}
	return strings.Join(parts, " or ")
}

func describeConds(cs []variant.ConditionDef) string {
	var parts []string
	for _, c := range cs {
		parts = append(parts, variant.CanonicalName(c.Name)+"="+c.Value)
	}
	if len(parts) == 0 {
		return "no conditions"
	}
	return strings.Join(parts, " ")
}

// stateKey identifies a TargetState by its conditions, in any order.
func stateKey(s variant.StateDef) string {
	var parts []string
	for _, c := range s.Conditions {
		parts = append(parts, strings.ToLower(c.Name)+"\x00"+c.Value)
	}
	slices.Sort(parts)
	return strings.Join(parts, "\x01")
}

func stateChanges(id string, old, new []variant.StateDef) []Change {
	var out []Change
	used := make([]bool, len(old))
	var freeNew []int
	for ni, ns := range new {
		k := stateKey(ns)
		found := false
		for oi, os := range old {
			if !used[oi] && stateKey(os) == k {
				used[oi], found = true, true
				break
			}
		}
		if !found {
			freeNew = append(freeNew, ni)
		}
	}
	var freeOld []int
	for oi := range old {
		if !used[oi] {
			freeOld = append(freeOld, oi)
		}
	}
	// Unmatched states are paired in order: a state whose conditions were
	// edited is reported condition by condition.
	for i := 0; i < max(len(freeOld), len(freeNew)); i++ {
		switch {
		case i >= len(freeOld):
			s := new[freeNew[i]]
			out = append(out, Change{Kind: Added, Element: "TargetState", Target: id, TargetState: freeNew[i] + 1, NewSource: src(s.Source),
				Message: fmt.Sprintf("Target %s: TargetState %d added (%s)", id, freeNew[i]+1, describeConds(s.Conditions))})
		case i >= len(freeNew):
			s := old[freeOld[i]]
			out = append(out, Change{Kind: Removed, Element: "TargetState", Target: id, TargetState: freeOld[i] + 1, OldSource: src(s.Source),
				Message: fmt.Sprintf("Target %s: TargetState %d removed (%s)", id, freeOld[i]+1, describeConds(s.Conditions))})
		default:
			out = append(out, conditionChanges(id, freeNew[i]+1, old[freeOld[i]], new[freeNew[i]])...)
		}
	}
	return out
}

func conditionChanges(id string, state int, old, new variant.StateDef) []Change {
	var out []Change
	find := func(cs []variant.ConditionDef, name string) (variant.ConditionDef, bool) {
		for _, c := range cs {
			if strings.EqualFold(c.Name, name) {
				return c, true
			}
		}
		return variant.ConditionDef{}, false
	}
	where := fmt.Sprintf("Target %s, TargetState %d", id, state)
	for _, o := range old.Conditions {
		n, ok := find(new.Conditions, o.Name)
		name := variant.CanonicalName(o.Name)
		switch {
		case !ok:
			out = append(out, Change{Kind: Removed, Element: "Condition", Target: id, TargetState: state, Name: name, Old: o.Value,
				OldSource: src(o.Source), Message: fmt.Sprintf("%s: Condition %s=%s removed", where, name, o.Value)})
		case n.Value != o.Value:
			out = append(out, Change{Kind: Changed, Element: "Condition", Target: id, TargetState: state, Name: name, Old: o.Value, New: n.Value,
				OldSource: src(o.Source), NewSource: src(n.Source), Message: fmt.Sprintf("%s: Condition %s %q → %q", where, name, o.Value, n.Value)})
		}
	}
	for _, n := range new.Conditions {
		if _, ok := find(old.Conditions, n.Name); !ok {
			name := variant.CanonicalName(n.Name)
			out = append(out, Change{Kind: Added, Element: "Condition", Target: id, TargetState: state, Name: name, New: n.Value,
				NewSource: src(n.Source), Message: fmt.Sprintf("%s: Condition %s=%s added", where, name, n.Value)})
		}
	}
	return out
}

// lastByKey keeps the last definition of each setting (the one that applies).
func lastByKey(defs []variant.SettingDef) (map[string]variant.SettingDef, []string) {
	m := map[string]variant.SettingDef{}
	var keys []string
	for _, d := range defs {
		k := settingKey(d.Path, d.Name)
		if _, ok := m[k]; !ok {
			keys = append(keys, k)
		}
		m[k] = d
	}
	return m, keys
}

func settingChanges(variantName string, old, new []variant.SettingDef) []Change {
	var out []Change
	where := "Static"
	if variantName != "" {
		where = "Variant " + variantName
	}
	om, okeys := lastByKey(old)
	nm, nkeys := lastByKey(new)
	for _, k := range okeys {
		if _, ok := nm[k]; !ok {
			d := om[k]
			out = append(out, Change{Kind: Removed, Element: "Setting", Variant: variantName, Path: d.Path, Name: d.Name, Old: d.Value,
				OldSource: src(d.Source), Message: fmt.Sprintf("%s: %s %s removed (was %q)", where, d.Path, d.Name, d.Value)})
		}
	}
	for _, k := range nkeys {
		d := nm[k]
		o, ok := om[k]
		switch {
		case !ok:
			out = append(out, Change{Kind: Added, Element: "Setting", Variant: variantName, Path: d.Path, Name: d.Name, New: d.Value,
				NewSource: src(d.Source), Message: fmt.Sprintf("%s: %s %s added = %q", where, d.Path, d.Name, d.Value)})
		case !sameValue(o.Value, d.Value): // 1 written 0x1 is not a change
			msg := fmt.Sprintf("%s: %s %s %q → %q", where, d.Path, d.Name, o.Value, d.Value)
			out = append(out, Change{Kind: Changed, Element: "Setting", Variant: variantName, Path: d.Path, Name: d.Name, Old: o.Value, New: d.Value,
				OldSource: src(o.Source), NewSource: src(d.Source), Message: msg})
		}
	}
	return out
}

// pairVariants matches Variants by Name ignoring case; a name defined
// several times pairs its occurrences in order. It returns, for each new
// Variant, the index of its old one or -1.
func pairVariants(old, new []variant.VariantDef) []int {
	byName := map[string][]int{}
	for i, v := range old {
		k := strings.ToLower(v.Name)
		byName[k] = append(byName[k], i)
	}
	pair := make([]int, len(new))
	for i, v := range new {
		k := strings.ToLower(v.Name)
		if q := byName[k]; len(q) > 0 {
			pair[i], byName[k] = q[0], q[1:]
		} else {
			pair[i] = -1
		}
	}
	return pair
}

func firstRef(v variant.VariantDef) string {
	if len(v.TargetRefs) == 0 {
		return ""
	}
	return v.TargetRefs[0]
}

func variantChanges(old, new variant.Model) []Change {
	var out []Change
	pair := pairVariants(old.Variants, new.Variants)
	paired := make([]bool, len(old.Variants))
	for _, oi := range pair {
		if oi >= 0 {
			paired[oi] = true
		}
	}
	for oi, v := range old.Variants {
		if !paired[oi] {
			out = append(out, Change{Kind: Removed, Element: "Variant", Variant: v.Name, OldSource: src(v.Source),
				Message: fmt.Sprintf("Variant %s removed (Target %s, %s)", v.Name, orNone(firstRef(v)), plural(len(v.Settings), "setting"))})
		}
	}
	for ni, v := range new.Variants {
		oi := pair[ni]
		if oi < 0 {
			out = append(out, Change{Kind: Added, Element: "Variant", Variant: v.Name, NewSource: src(v.Source),
				Message: fmt.Sprintf("Variant %s added (Target %s, %s)", v.Name, orNone(firstRef(v)), plural(len(v.Settings), "setting"))})
			continue
		}
		o := old.Variants[oi]
		if firstRef(o) != firstRef(v) {
			out = append(out, Change{Kind: Changed, Element: "TargetRef", Variant: v.Name, Target: firstRef(v), Old: firstRef(o), New: firstRef(v),
				OldSource: src(o.Source), NewSource: src(v.Source),
				Message: fmt.Sprintf("Variant %s: TargetRef %s → %s", v.Name, orNone(firstRef(o)), orNone(firstRef(v)))})
		}
		out = append(out, settingChanges(v.Name, o.Settings, v.Settings)...)
	}
	return append(out, reorders(old, new, pair)...)
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// reorders reports pairs of Variants whose order of definition flipped
// where the order decides something: a TargetState of each can match one
// SIM at equal priority, and they set a setting to different values.
func reorders(old, new variant.Model, pair []int) []Change {
	// The Variants that moved: those off a longest run kept in order.
	var seq, at []int
	for ni, oi := range pair {
		if oi >= 0 {
			seq = append(seq, oi)
			at = append(at, ni)
		}
	}
	kept := longestIncreasing(seq)
	targets, _ := firstTargets(new)
	var out []Change
	for i := range seq {
		if kept[i] {
			continue
		}
		for j := range seq {
			if j == i || !kept[j] && j < i {
				continue // a pair of two moved Variants is checked once
			}
			x, y := min(i, j), max(i, j)
			if seq[x] < seq[y] {
				continue // same relative order
			}
			a, b := new.Variants[at[x]], new.Variants[at[y]] // b now comes after a
			key, ok := tie(a, b, targets)
			if !ok {
				continue
			}
			out = append(out, Change{Kind: Reordered, Element: "Variant", Variant: b.Name, OldSource: src(old.Variants[seq[y]].Source), NewSource: src(b.Source),
				Message: fmt.Sprintf("Variant %s now comes after Variant %s: where both match at equal priority, %s wins %s (definition order decides the tie)", b.Name, a.Name, b.Name, key)})
		}
	}
	return out
}

// tie reports whether Variants a and b can both match one SIM at equal
// priority and set one setting differently; key names that setting.
func tie(a, b variant.VariantDef, targets map[string]variant.TargetDef) (string, bool) {
	ta, oka := targets[firstRef(a)]
	tb, okb := targets[firstRef(b)]
	if !oka || !okb {
		return "", false
	}
	overlap := false
	for _, sa := range ta.States {
		for _, sb := range tb.States {
			if priority(sa) == priority(sb) && variant.CanOverlap(pairs(sa), pairs(sb)) {
				overlap = true
			}
		}
	}
	if !overlap {
		return "", false
	}
	am, _ := lastByKey(a.Settings)
	bm, bkeys := lastByKey(b.Settings)
	for _, k := range bkeys {
		if d, ok := am[k]; ok && !sameValue(d.Value, bm[k].Value) {
			return fmt.Sprintf("%s %s (%q over %q)", bm[k].Path, bm[k].Name, bm[k].Value, d.Value), true
		}
	}
	return "", false
}

func priority(s variant.StateDef) [2]int {
	var p [2]int
	for _, c := range s.Conditions {
		switch variant.ClassOf(c.Name) {
		case variant.ClassP0:
			p[0]++
		case variant.ClassP1:
			p[1]++
		}
	}
	return p
}

func pairs(s variant.StateDef) []variant.Pair {
	out := make([]variant.Pair, len(s.Conditions))
	for i, c := range s.Conditions {
		out[i] = variant.Pair{Name: c.Name, Value: c.Value}
	}
	return out
}

// longestIncreasing marks the elements of one longest strictly increasing
// subsequence of xs.
func longestIncreasing(xs []int) []bool {
	var tails []int // index into xs of the last element of the best run of each length
	prev := make([]int, len(xs))
	for i, x := range xs {
		k := sort.Search(len(tails), func(k int) bool { return xs[tails[k]] >= x })
		if k > 0 {
			prev[i] = tails[k-1]
		} else {
			prev[i] = -1
		}
		if k == len(tails) {
			tails = append(tails, i)
		} else {
			tails[k] = i
		}
	}
	kept := make([]bool, len(xs))
	if len(tails) > 0 {
		for i := tails[len(tails)-1]; i >= 0; i = prev[i] {
			kept[i] = true
		}
	}
	return kept
}

// fileChanges lists the files of the import graphs added, removed or
// given another Priority, matched by their path relative to the root.
func fileChanges(old, new []File) []Change {
	var out []Change
	rank := map[string]string{}
	for _, f := range old[min(1, len(old)):] {
		rank[f.Path] = f.Rank
	}
	seen := map[string]bool{}
	for _, f := range new[min(1, len(new)):] {
		seen[f.Path] = true
		o, ok := rank[f.Path]
		switch {
		case !ok:
			out = append(out, Change{Kind: Added, Element: "File", Path: f.Path, New: f.Rank, Message: fmt.Sprintf("imported file %s added (Priority %s)", f.Path, f.Rank)})
		case o != f.Rank:
			out = append(out, Change{Kind: Changed, Element: "File", Path: f.Path, Old: o, New: f.Rank, Message: fmt.Sprintf("imported file %s: Priority %s → %s", f.Path, o, f.Rank)})
		}
	}
	for _, f := range old[min(1, len(old)):] {
		if !seen[f.Path] {
			out = append(out, Change{Kind: Removed, Element: "File", Path: f.Path, Old: f.Rank, Message: fmt.Sprintf("imported file %s removed (Priority %s)", f.Path, f.Rank)})
		}
	}
	return out
}
