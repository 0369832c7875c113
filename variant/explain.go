package variant

import (
	"fmt"
	"strconv"
)

// MarshalText writes an Outcome for JSON: matched, not-matched or undecided.
func (o Outcome) MarshalText() ([]byte, error) {
	switch o {
	case Matched:
		return []byte("matched"), nil
	case NotMatched:
		return []byte("not-matched"), nil
	}
	return []byte("undecided"), nil
}

// TargetReport explains one Target for a profile.
type TargetReport struct {
	Target      string        `json:"target"`
	Variants    []string      `json:"variants"` // the Variants that apply through it
	Outcome     Outcome       `json:"outcome"`
	TargetState int           `json:"targetState,omitempty"` // the best matching TargetState (1-based), when matched
	Priority    [2]int        `json:"priority"`              // of that TargetState; [0, 0] when not matched
	States      []StateReport `json:"states"`
	Source      Source        `json:"source"`
}

// StateReport explains one TargetState.
type StateReport struct {
	TargetState int               `json:"targetState"` // 1-based
	Outcome     Outcome           `json:"outcome"`
	Priority    [2]int            `json:"priority"`
	Reason      string            `json:"reason"` // the deciding condition's reason; "every condition holds" when matched
	Conditions  []ConditionReport `json:"conditions"`
	Source      Source            `json:"source"`
}

// ConditionReport explains one condition.
type ConditionReport struct {
	Name    string  `json:"name"`
	Value   string  `json:"value"`
	Class   string  `json:"class"` // P0, P1 or other
	Outcome Outcome `json:"outcome"`
	Reason  string  `json:"reason"`
	Source  Source  `json:"source"`
}

// VariantReport says whether one Variant applies and why.
type VariantReport struct {
	Variant string `json:"variant"`
	Target  string `json:"target"`  // its (first) TargetRef; "" when it has none
	Outcome string `json:"outcome"` // applied, not-applied, undecided or never
	Reason  string `json:"reason"`
	Source  Source `json:"source"`
}

// Variant outcomes in a VariantReport.
const (
	VariantApplied    = "applied"
	VariantNotApplied = "not-applied"
	VariantUndecided  = "undecided"
	VariantNever      = "never" // no TargetRef, or an unknown Target
)

func (c *Compiled) explain(r *Result, p Profile) {
	vals := c.values(p, nil)
	r.Targets = make([]TargetReport, 0, len(c.targets))
	for ti := range c.targets {
		t := &c.targets[ti]
		tr := TargetReport{Target: t.id, Variants: []string{}, Outcome: NotMatched, States: []StateReport{}, Source: t.src}
		for _, vi := range t.variants {
			tr.Variants = append(tr.Variants, c.variants[vi].name)
		}
		for si := range t.states {
			st := &t.states[si]
			out, decider := st.eval(vals, c.missingFacts)
			sr := StateReport{TargetState: si + 1, Outcome: out, Priority: [2]int{st.p0, st.p1}, Source: st.src, Conditions: []ConditionReport{}}
			for i := range st.conds {
				cond := &st.conds[i]
				v, ok := p.get(cond.key)
				sr.Conditions = append(sr.Conditions, ConditionReport{Name: st.defs[i].Name, Value: st.defs[i].Value,
					Class: cond.Class().String(), Outcome: cond.Eval(v, ok), Reason: st.reason(i, p, c.missingFacts), Source: st.defs[i].Source})
			}
			switch {
			case out == Matched && len(st.conds) == 0:
				sr.Reason = "the TargetState has no conditions, so it holds for every profile"
			case out == Matched:
				sr.Reason = "every condition holds"
			default:
				sr.Reason = sr.Conditions[decider].Reason
			}
			switch {
			case out == Matched && (tr.Outcome != Matched || st.p0 > tr.Priority[0] || st.p0 == tr.Priority[0] && st.p1 > tr.Priority[1]):
				tr.Outcome, tr.TargetState, tr.Priority = Matched, si+1, sr.Priority
			case out == Undecided && tr.Outcome == NotMatched:
				tr.Outcome = Undecided
			}
			tr.States = append(tr.States, sr)
		}
		r.Targets = append(r.Targets, tr)
	}

	applied := map[int]bool{}
	for _, m := range r.Matched {
		applied[m.order] = true
	}
	r.Variants = make([]VariantReport, 0, len(c.variants))
	for vi := range c.variants {
		v := &c.variants[vi]
		vr := VariantReport{Variant: v.name, Source: v.src}
		switch {
		case v.target < 0:
			vr.Outcome, vr.Reason = VariantNever, "it has no TargetRef to a defined Target"
		case applied[vi]:
			tr := r.Targets[v.target]
			vr.Target, vr.Outcome = tr.Target, VariantApplied
			vr.Reason = fmt.Sprintf("Target %s matched through TargetState %d, priority P0=%d P1=%d", tr.Target, tr.TargetState, tr.Priority[0], tr.Priority[1])
		case r.Targets[v.target].Outcome == Undecided:
			vr.Target, vr.Outcome = r.Targets[v.target].Target, VariantUndecided
			vr.Reason = fmt.Sprintf("Target %s cannot be evaluated: it is not applied", r.Targets[v.target].Target)
		default:
			vr.Target, vr.Outcome = r.Targets[v.target].Target, VariantNotApplied
			vr.Reason = fmt.Sprintf("Target %s did not match", r.Targets[v.target].Target)
		}
		r.Variants = append(r.Variants, vr)
	}
}

// reason says why condition i of the state holds or not for p.
func (s *cState) reason(i int, p Profile, facts bool) string {
	c := &s.conds[i]
	name := s.defs[i].Name
	v, ok := p.get(c.key)
	if !c.Decidable() || ok && c.Eval(v, ok) == Undecided || !ok && facts && contextFact(c.key) {
		return "cannot be evaluated: " + s.undecidedReason(i, p)
	}
	if !ok {
		return name + " is not set in the profile"
	}
	verb := "fails"
	if c.Eval(v, ok) == Matched {
		verb = "satisfies"
	}
	return fmt.Sprintf("%s is %s, which %s %s", name, strconv.Quote(v), verb, s.defs[i].Value)
}
