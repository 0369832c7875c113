package lint

import (
	"fmt"
	"strings"

	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/schema"
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

// tiedOverlap reports whether some TargetState of a and some of b can match
// one SIM and have equal priority.
func tiedOverlap(a, b *answerfile.Target) bool {
	for _, sa := range a.States {
		for _, sb := range b.States {
			if priorityOf(sa) == priorityOf(sb) && variant.CanOverlap(pairs(sa), pairs(sb)) {
				return true
			}
		}
	}
	return false
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
	na, errA := schema.ParseDWORD(a)
	nb, errB := schema.ParseDWORD(b)
	if errA == nil && errB == nil {
		return na == nb
	}
	return a == b
}

func (c *checker) checkOverlaps() {
	vs := c.doc.Root.Variants
	for j := 1; j < len(vs); j++ {
		tj := c.refTarget(vs[j])
		if tj == nil {
			continue
		}
		later, order := variantSettings(vs[j])
		for i := 0; i < j; i++ {
			ti := c.refTarget(vs[i])
			if ti == nil || !tiedOverlap(ti, tj) {
				continue
			}
			earlier, _ := variantSettings(vs[i])
			for _, k := range order {
				sj := later[k]
				si, ok := earlier[k]
				if !ok || sameValue(si.Value.Value, sj.Value.Value) {
					continue
				}
				d := c.doc.AttrDiag(sj.Elem, "Value", RuleOverlappingVariants, answerfile.Warning,
					"%s and %s can both match one SIM at equal priority and set %s to %q and %q: the later one wins only by file order",
					variantLabel(vs[j], j), variantLabel(vs[i], i), sj.Name.Value, sj.Value.Value, si.Value.Value)
				d.Related = []answerfile.Related{c.related(si.Node, fmt.Sprintf("%s sets %q here", variantLabel(vs[i], i), si.Value.Value))}
				d.Fix = "make the targets exclusive, or add a condition to the target that should win"
				c.add(d)
			}
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
