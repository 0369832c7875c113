package lint

import (
	"fmt"
	"slices"
	"strings"

	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/internal/english"
	"github.com/mcsf-dev/mcsf/variant"
)

// check_conditions.go: one Condition's name and value, through the variant
// package's checks, mapped to lint rules.

// problemRule returns the rule a variant.Problem of kind k is reported
// under, and the attribute it is about.
func problemRule(k variant.ProblemKind) (rule, attr string) {
	switch k {
	case variant.ProblemEmptyName, variant.ProblemReservedName:
		return RuleInvalidConditionName, "Name"
	case variant.ProblemUnknownName:
		return RuleUnknownConditionName, "Name"
	case variant.ProblemPrefixCase:
		return RuleConditionPrefixCase, "Value"
	case variant.ProblemPatternUnsupported, variant.ProblemPatternDiffers:
		return RulePatternUnsupported, "Value"
	}
	return RuleInvalidConditionValue, "Value" // ProblemInvalidValue, and a kind added later
}

// checkStateConditions reports a condition name repeated in one
// TargetState: ImageApp stores them by name and fails the build [tool].
func (c *checker) checkStateConditions(s answerfile.TargetState) {
	for i, cond := range s.Conditions {
		for _, prev := range s.Conditions[:i] {
			if strings.TrimSpace(cond.Name.Value) == "" || !strings.EqualFold(strings.TrimSpace(prev.Name.Value), strings.TrimSpace(cond.Name.Value)) {
				continue
			}
			d := c.rule(RuleDuplicateCondition).attr(cond.Elem, "Name",
				"condition %s is repeated in this TargetState: ImageApp fails the build on a repeated name; keep one, or match several values with pattern: or one TargetState each", cond.Name.Value)
			d.Related = []answerfile.Related{c.related(prev.Node, "first here")}
			c.add(d)
			break
		}
	}
}

// checkCondition reports problems, those variant.CheckConditionLimits
// finds in cond.
func (c *checker) checkCondition(cond answerfile.Condition, problems []variant.Problem) {
	if !cond.Name.Present || !cond.Value.Present {
		return // the schema rule reports the missing attribute
	}
	for _, p := range problems {
		rule, attr := problemRule(p.Kind)
		d := c.rule(rule).attrText(cond.Elem, attr, p.Message)
		if p.Kind == variant.ProblemPrefixCase || p.Kind == variant.ProblemInvalidValue {
			d = withEdits(d, c.lowerPrefix(cond))
		}
		if p.Kind == variant.ProblemUnknownName {
			if s := english.Nearest(cond.Name.Value, conditionNames); s != "" {
				d.Fix = fmt.Sprintf("did you mean %s?", s)
			}
		}
		c.add(d)
	}
	c.checkMNCForm(cond)
}

var conditionNames = []string{"MCC", "MNC", "SPN", "PNN", "GID1", "ICCID", "Roaming", "UICC", "UICCSLOT",
	"ProcessorType", "ProcessorName", "AoAc", "PowerPlatformRole", "Architecture", "Server", "Region", "Lang"}

// checkMNCForm notes a plain MNC that has a second spelling: 26 and 026 are
// different values ([policy], as Android treats them).
func (c *checker) checkMNCForm(cond answerfile.Condition) {
	if !strings.EqualFold(cond.Name.Value, "MNC") {
		return
	}
	v := cond.Value.Value
	neg := strings.HasPrefix(v, "!")
	v = strings.TrimPrefix(v, "!")
	if !allDigits(v) {
		return
	}
	if len(v) != 2 && (len(v) != 3 || v[0] != '0') {
		return
	}
	// Every plain 2-digit MNC gets this note: its texts are made once per
	// run and MNC (they were a fifth of the checks' allocations).
	texts := c.cfg.Cache.mncFormText(v)
	d := c.rule(RuleMNCForm).attrText(cond.Elem, "Value", texts.msg)
	if !neg {
		d.Fix = texts.fix
	}
	c.add(d)
}

// mncFormText is the message and the fix of mnc-form for one MNC.
type mncFormText struct{ msg, fix string }

// newMNCFormText makes the texts of mnc-form for MNC v: 2 digits, or 3
// that start with 0.
func newMNCFormText(v string) *mncFormText {
	short := v[len(v)-2:]
	other := "0" + short
	if len(v) == 3 {
		other = short
	}
	return &mncFormText{
		msg: fmt.Sprintf("MNC %q does not match a SIM that reports %q: they are different values; write the form the operator's SIMs report", v, other),
		// pattern:0?26 matches exactly "26" and "026" (anchored).
		fix: fmt.Sprintf("if both forms occur, add a TargetState with MNC %q, or use pattern:0?%s", other, short),
	}
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// lowerPrefix is the edit that writes a Pattern: or Range: prefix of a
// condition value in lower case, as Microsoft's validator knows it; nil
// when the value has no such prefix in another case.
func (c *checker) lowerPrefix(cond answerfile.Condition) []answerfile.TextEdit {
	v := cond.Value.Value
	i := 0
	if strings.HasPrefix(v, "!") {
		i = 1
	}
	for _, p := range []string{"pattern:", "range:"} {
		if len(v) >= i+len(p) && strings.EqualFold(v[i:i+len(p)], p) && v[i:i+len(p)] != p {
			return c.replaceInAttr(cond.Elem, "Value", i, i+len(p), p)
		}
	}
	return nil
}

// fileConditions is every Condition of a file checked and parsed once
// (variant.CheckParse), for the targets check (their problems) and the
// overlap check (the states it prepares): each did its own parsing, and a
// pattern was compiled twice.
type fileConditions struct {
	// patternMsg and over are tooManyPatterns' answer; when over is set,
	// no condition is parsed (no pattern may be compiled).
	patternMsg string
	over       *answerfile.Condition
	// states holds the conditions of each TargetState of the file, in
	// order; first[i] is the index in it of Target i's first state.
	states [][]variant.Checked
	first  []int
}

// of returns the states of Target i.
func (fc *fileConditions) of(i int) [][]variant.Checked {
	return fc.states[fc.first[i]:fc.first[i+1]]
}

// checkScratch is the memory of a file's conditions table, kept for the
// next file of a run: allocating it anew was 3 % of the CPU of linting
// bench/gen's 10,000 files.
type checkScratch struct {
	conds   fileConditions
	checked []variant.Checked
	states  [][]variant.Checked
	first   []int
}

// conditions returns the file's conditions table, built on first use (for
// a large file, before its checks start: they share it).
func (c *checker) conditions() *fileConditions {
	if c.conds != nil {
		return c.conds
	}
	fc := &c.scratch.conds
	*fc = fileConditions{}
	fc.patternMsg, fc.over = c.tooManyPatterns()
	c.conds = fc
	if fc.over != nil {
		return fc
	}
	targets := c.doc.Root.Targets
	nStates, nConds := 0, 0
	for _, t := range targets {
		nStates += len(t.States)
		for _, st := range t.States {
			nConds += len(st.Conditions)
		}
	}
	sc := &c.scratch
	// Room for every condition up front: the states are slices of all.
	all := slices.Grow(sc.checked[:0], nConds)
	fc.states, fc.first = slices.Grow(sc.states[:0], nStates), slices.Grow(sc.first[:0], len(targets)+1)
	for _, t := range targets {
		fc.first = append(fc.first, len(fc.states))
		for _, st := range t.States {
			start := len(all)
			for _, cond := range st.Conditions {
				all = append(all, variant.CheckParse(cond.Name.Value, cond.Value.Value, c.cfg.Patterns))
			}
			fc.states = append(fc.states, all[start:len(all):len(all)])
		}
	}
	fc.first = append(fc.first, len(fc.states))
	sc.checked, sc.states, sc.first = all, fc.states, fc.first
	return fc
}
