package lint

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/catalog"
	"github.com/mcsf-dev/mcsf/variant"
)

// check_overlap.go: pairs of Variants whose targets can match one SIM at
// the same priority and that set one setting to different values, so that
// the result depends on the order of the file.

// statePriority is a TargetState's priority: its number of SIM (P0) and of
// device (P1) conditions.
type statePriority struct{ p0, p1 int }

func priorityOf(s answerfile.TargetState) statePriority {
	var p statePriority
	for _, c := range s.Conditions {
		switch variant.ClassOf(c.Name.Value) {
		case variant.ClassP0:
			p.p0++
		case variant.ClassP1:
			p.p1++
		}
	}
	return p
}

func pairs(s answerfile.TargetState) []variant.Pair {
	out := make([]variant.Pair, len(s.Conditions))
	for i, c := range s.Conditions {
		out[i] = variant.Pair{Name: c.Name.Value, Value: c.Value.Value}
	}
	return out
}

// stateInfo is a TargetState prepared for the overlap check.
type stateInfo struct {
	prio     statePriority
	pairs    []variant.Pair
	mcc, mnc string // exact, non-negated values the state pins; "" if not pinned
}

func newStateInfo(s answerfile.TargetState) stateInfo {
	si := stateInfo{prio: priorityOf(s), pairs: pairs(s)}
	for _, c := range s.Conditions {
		v := strings.TrimSpace(c.Value.Value)
		if v == "" || strings.HasPrefix(v, "!") || strings.Contains(v, ":") {
			continue
		}
		switch {
		case strings.EqualFold(c.Name.Value, "MCC"):
			si.mcc = v
		case strings.EqualFold(c.Name.Value, "MNC"):
			si.mnc = v
		}
	}
	return si
}

// tiedOverlap reports whether some TargetState of a and some of b can match
// one SIM and have equal priority.
func tiedOverlap(a, b []stateInfo) bool {
	for _, sa := range a {
		for _, sb := range b {
			if sa.prio == sb.prio && variant.CanOverlap(sa.pairs, sb.pairs) {
				return true
			}
		}
	}
	return false
}

// smallVariantCount is the number of variants up to which overlapCandidates
// pairs every two.
const smallVariantCount = 8

// overlapCandidates returns the pairs (i < j) of variants whose targets have
// states with no conflicting MCC/MNC pins; only those can overlap. Indexing
// states by their pins avoids comparing every pair of variants in a file
// where each operator pins its own MCC and MNC.
func overlapCandidates(states [][]stateInfo) [][2]int {
	if len(states) <= smallVariantCount {
		// Few variants: every pair, in the same order, costs less than an index.
		var out [][2]int
		for j := range states {
			for i := range j {
				if len(states[i]) > 0 && len(states[j]) > 0 {
					out = append(out, [2]int{i, j})
				}
			}
		}
		return out
	}
	var all, noMCC []int
	byMCC, mccOnly, byMCCMNC := map[string][]int{}, map[string][]int{}, map[string][]int{}
	add := func(m map[string][]int, k string, v int) {
		if b := m[k]; len(b) == 0 || b[len(b)-1] != v {
			m[k] = append(b, v)
		}
	}
	for v, sts := range states {
		if len(sts) > 0 {
			all = append(all, v)
		}
		for _, st := range sts {
			switch {
			case st.mcc == "":
				if len(noMCC) == 0 || noMCC[len(noMCC)-1] != v {
					noMCC = append(noMCC, v)
				}
			case st.mnc == "":
				add(byMCC, st.mcc, v)
				add(mccOnly, st.mcc, v)
			default:
				add(byMCC, st.mcc, v)
				add(byMCCMNC, st.mcc+"/"+st.mnc, v)
			}
		}
	}
	seen := map[[2]int]bool{}
	var out [][2]int
	pairWith := func(v int, ws []int) {
		for _, w := range ws {
			pair := [2]int{min(v, w), max(v, w)}
			if v != w && !seen[pair] {
				seen[pair] = true
				out = append(out, pair)
			}
		}
	}
	for v, sts := range states {
		for _, st := range sts {
			switch {
			case st.mcc == "":
				pairWith(v, all)
			case st.mnc == "":
				pairWith(v, byMCC[st.mcc])
				pairWith(v, noMCC)
			default:
				pairWith(v, byMCCMNC[st.mcc+"/"+st.mnc])
				pairWith(v, mccOnly[st.mcc])
				pairWith(v, noMCC)
			}
		}
	}
	slices.SortFunc(out, func(a, b [2]int) int { return cmp.Or(cmp.Compare(a[1], b[1]), cmp.Compare(a[0], b[0])) })
	return out
}

type settingKey struct{ path, name string }

func variantSettings(v answerfile.Variant) (map[settingKey]answerfile.Setting, []settingKey) {
	m := map[settingKey]answerfile.Setting{}
	var order []settingKey
	for _, g := range v.Groups {
		for _, s := range g.Settings {
			if !s.Value.Present || strings.TrimSpace(s.Value.Value) == "" {
				continue
			}
			k := settingKey{strings.ToLower(g.Path.Value), strings.ToLower(s.Name.Value)}
			if _, ok := m[k]; !ok {
				order = append(order, k)
			}
			m[k] = s
		}
	}
	return m, order
}

// sameValue compares two setting values as the device would: numerically
// when both are DWORDs (1 and 0x1 are equal), else as strings.
func sameValue(a, b string) bool {
	na, errA := catalog.ParseDWORD(a)
	nb, errB := catalog.ParseDWORD(b)
	if errA == nil && errB == nil {
		return na == nb
	}
	return a == b
}

func (c *checker) checkOverlaps() {
	vs := c.doc.Root.Variants
	states := make([][]stateInfo, len(vs))
	for i, v := range vs {
		if t := c.refTarget(v); t != nil {
			for _, st := range t.States {
				states[i] = append(states[i], newStateInfo(st))
			}
		}
	}
	for _, pair := range overlapCandidates(states) {
		i, j := pair[0], pair[1]
		if !tiedOverlap(states[i], states[j]) {
			continue
		}
		earlier, _ := variantSettings(vs[i])
		later, order := variantSettings(vs[j])
		for _, k := range order {
			sj := later[k]
			si, ok := earlier[k]
			if !ok || sameValue(si.Value.Value, sj.Value.Value) {
				continue
			}
			d := c.rule(RuleOverlappingVariants).attr(sj.Elem, "Value",
				"%s and %s can both match one SIM at equal priority and set %s to %q and %q: the later one wins only by file order",
				variantLabel(vs[j], j), variantLabel(vs[i], i), sj.Name.Value, sj.Value.Value, si.Value.Value)
			d.Related = []answerfile.Related{c.related(si.Node, fmt.Sprintf("%s sets %q here", variantLabel(vs[i], i), si.Value.Value))}
			d.Fix = "make the targets exclusive, or add a condition to the target that should win"
			c.add(d)
		}
	}
}

func (c *checker) refTarget(v answerfile.Variant) *answerfile.Target {
	if len(v.TargetRefs) == 0 || !v.TargetRefs[0].ID.Present {
		return nil
	}
	return c.target(v.TargetRefs[0].ID.Value)
}

func variantLabel(v answerfile.Variant, i int) string {
	if v.Name.Present && v.Name.Value != "" {
		return fmt.Sprintf("Variant %q", v.Name.Value)
	}
	return fmt.Sprintf("Variant #%d", i+1)
}
