package lint

import (
	"fmt"
	"github.com/mcsf-dev/mcsf/internal/english"
	"strings"

	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/variant"
)

// check_targets.go: Targets, their TargetStates, and the TargetRefs of the
// Variants that use them.

func (c *checker) checkTargets() {
	fc := c.conditions()
	msg, over := fc.patternMsg, fc.over
	if over != nil {
		c.add(c.rule(RulePatternLimit).attrText(over.Elem, "Value", msg))
	}
	first := map[string]*answerfile.Target{}
	for i := range c.doc.Root.Targets {
		t := &c.doc.Root.Targets[i]
		if t.ID.Present && strings.TrimSpace(t.ID.Value) != "" {
			if prev, dup := first[t.ID.Value]; dup {
				d := c.rule(RuleDuplicateTargetID).attr(t.Elem, "Id",
					"Target Id %q is declared twice: TargetRefs to it are ambiguous", t.ID.Value)
				d.Related = []answerfile.Related{c.related(prev.Node, "first declared here")}
				c.add(d)
			} else {
				first[t.ID.Value] = t
			}
		}
		if len(t.States) == 0 {
			c.add(c.rule(RuleEmptyTarget).at(t.Elem,
				"<Target%s> has no <TargetState>: it never matches, so the Variants that reference it never apply", idSuffix(t.ID)))
		}
		for k, s := range t.States {
			if len(s.Conditions) == 0 {
				c.add(c.rule(RuleEmptyTarget).as(answerfile.Warning).at(s.Elem,
					"<TargetState> has no <Condition>: add the SIM or device conditions it stands for"))
			}
			for ci, cond := range s.Conditions {
				switch {
				case over == nil:
					c.checkCondition(cond, fc.of(i)[k][ci].Problems)
				case !variant.IsPattern(cond.Value.Value):
					c.checkCondition(cond, variant.CheckConditionLimits(cond.Name.Value, cond.Value.Value, c.cfg.Patterns))
				}
			}
			c.checkStateConditions(s)
		}
	}
}

func idSuffix(id answerfile.Attr) string {
	if !id.Present {
		return ""
	}
	return fmt.Sprintf(" Id=%q", id.Value)
}

func (c *checker) checkVariants() {
	ids := make([]string, 0, len(c.doc.Root.Targets))
	declared := map[string]bool{}
	for _, t := range c.doc.Root.Targets {
		if t.ID.Present && !declared[t.ID.Value] {
			declared[t.ID.Value] = true
			ids = append(ids, t.ID.Value)
		}
	}
	used := map[string]bool{}
	for _, v := range c.doc.Root.Variants {
		if len(v.TargetRefs) == 0 {
			d := c.rule(RuleMissingTargetRef).at(v.Elem,
				"<Variant%s> has no <TargetRef>: it never applies", nameSuffix(v.Name))
			d.Fix = "add <TargetRefs><TargetRef Id=\"...\"/></TargetRefs> naming one of the Targets"
			c.add(d)
		}
		for i, r := range v.TargetRefs {
			if i > 0 {
				d := c.rule(RuleMultipleTargetRefs).at(r.Elem,
					"a second <TargetRef> in one Variant: MCSF supports exactly one TargetRef per Variant")
				d.Related = []answerfile.Related{c.related(v.TargetRefs[0].Node, "the first TargetRef")}
				d.Fix = "give one Target several TargetStates (they are ORed), or write one Variant per Target"
				c.add(d)
			}
			if !r.ID.Present {
				continue // the schema rule reports the missing Id
			}
			used[r.ID.Value] = true
			if declared[r.ID.Value] || strings.TrimSpace(r.ID.Value) == "" {
				continue // the schema rule reports an empty Id
			}
			d := c.rule(RuleUnknownTargetRef).attr(r.Elem, "Id",
				"TargetRef Id %q names no declared Target", r.ID.Value)
			if s := english.Nearest(r.ID.Value, ids); s != "" {
				t := c.target(s)
				if s != r.ID.Value && strings.EqualFold(s, r.ID.Value) {
					d.Message += fmt.Sprintf(" (Target Ids are case-sensitive: did you mean %q?)", s)
				} else {
					d.Message += fmt.Sprintf(" (did you mean %q?)", s)
				}
				d.Related = []answerfile.Related{c.related(t.Node, fmt.Sprintf("Target %q is declared here", s))}
			} else if len(ids) == 0 {
				d.Message += ": the file declares no Targets"
			} else {
				d.Message += "; declared: " + quoteList(ids)
			}
			c.add(d)
		}
	}
	for _, t := range c.doc.Root.Targets {
		if t.ID.Present && strings.TrimSpace(t.ID.Value) != "" && !used[t.ID.Value] {
			c.add(c.rule(RuleUnusedTarget).attr(t.Elem, "Id",
				"Target %q is referenced by no Variant", t.ID.Value))
		}
	}
}

func (c *checker) target(id string) *answerfile.Target {
	if i := c.targetIndex(id); i >= 0 {
		return &c.doc.Root.Targets[i]
	}
	return nil
}

// smallTargetCount is the number of Targets up to which targetIndex
// searches them in order instead of building a map.
const smallTargetCount = 8

// targetIndex returns the index of the first Target with Id id, -1 if none.
func (c *checker) targetIndex(id string) int {
	ts := c.doc.Root.Targets
	if len(ts) <= smallTargetCount {
		for i := range ts {
			if ts[i].ID.Present && ts[i].ID.Value == id {
				return i
			}
		}
		return -1
	}
	if c.targets == nil {
		c.targets = make(map[string]int, len(ts))
		for i := range ts {
			if _, dup := c.targets[ts[i].ID.Value]; ts[i].ID.Present && !dup {
				c.targets[ts[i].ID.Value] = i
			}
		}
	}
	if i, ok := c.targets[id]; ok {
		return i
	}
	return -1
}

func nameSuffix(name answerfile.Attr) string {
	if !name.Present || name.Value == "" {
		return ""
	}
	return fmt.Sprintf(" Name=%q", name.Value)
}
