package templates

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/variant"
)

// check runs the semantic checks of a schema-valid spec: what the schema
// cannot say.
func (r *reader) check(s *Spec) {
	if s.Device == nil && len(s.Operators) == 0 {
		r.diag(r.values[""], RuleNoSettings, answerfile.Error,
			"the spec sets nothing: add operators, or device values (device: {imsRetry: {...}})")
	}
	firstName := map[string]int{}
	broken := map[[2]int]bool{} // match entries with an error: left out of the overlap check
	for i := range s.Operators {
		op := &s.Operators[i]
		opPtr := "/operators/" + strconv.Itoa(i)
		key := strings.ToLower(strings.TrimSpace(op.Name))
		if j, dup := firstName[key]; dup {
			d := r.diag(r.values[opPtr+"/name"], RuleDuplicateOperator, answerfile.Error,
				"operator %q is named twice (names compare case-insensitively): merge the two into one operator with several match entries", op.Name)
			r.related(d, r.values["/operators/"+strconv.Itoa(j)+"/name"], "first named here")
		} else {
			firstName[key] = i
		}
		if !op.HasSettings() {
			r.diag(r.values[opPtr+"/name"], RuleNoSettings, answerfile.Error,
				"operator %q sets nothing: add imsRetry or mmsAutoRetry", op.Name)
		}
		for j := range op.Match {
			if !r.checkEntry(&op.Match[j], opPtr+"/match/"+strconv.Itoa(j)) {
				broken[[2]int{i, j}] = true
			}
		}
	}
	r.checkOverlaps(s, broken)
}

// checkEntry checks one match entry at JSON pointer ptr and reports whether
// it is free of errors.
func (r *reader) checkEntry(m *Match, ptr string) bool {
	ok := true
	seen := map[string]Condition{}
	for _, c := range m.List() {
		cptr := ptr + "/" + conditionPointer(c.Key)
		lower := strings.ToLower(c.Name)
		if prev, dup := seen[lower]; dup {
			d := r.diag(r.keys[cptr], RuleDuplicateCondition, answerfile.Error,
				"condition %s is set twice in this match entry (names compare case-insensitively): keep one", c.Name)
			r.related(d, r.keys[ptr+"/"+conditionPointer(prev.Key)], "first set here")
			ok = false
			continue
		}
		seen[lower] = c
		for _, p := range variant.CheckCondition(c.Name, c.Value) {
			switch p.Kind {
			case variant.ProblemUnknownName:
				msg := p.Message
				if c.Key == "imsi" {
					msg = "IMSI is not a documented condition name: ImageApp warns on it and lint reports unknown-condition-name; an IMSI starts with the MCC and MNC, match those (or iccid) instead"
				}
				r.diag(r.keys[cptr], RuleUnknownCondition, answerfile.Warning, "%s", msg)
			case variant.ProblemPatternUnsupported:
				r.diag(r.values[cptr], RulePatternUnsupported, answerfile.Warning, "%s", p.Message)
			case variant.ProblemReservedName, variant.ProblemEmptyName:
				r.diag(r.keys[cptr], RuleInvalidCondition, answerfile.Error, "%s", p.Message)
				ok = false
			case variant.ProblemPrefixCase:
				// normalizePrefixes wrote the prefix in lower case already.
			default:
				rule := RuleInvalidCondition
				if !variant.Satisfiable([]variant.Pair{{Name: c.Name, Value: c.Value}}) {
					rule = RuleUnsatisfiable
				}
				r.diag(r.values[cptr], rule, answerfile.Error, "%s", p.Message)
				ok = false
			}
		}
	}
	if ok && !variant.Satisfiable(m.Pairs()) {
		r.diag(r.values[ptr], RuleUnsatisfiable, answerfile.Error,
			"no SIM can meet all the conditions of %s at once: this match entry never applies", displayPath(ptr))
		ok = false
	}
	return ok
}

// conditionPointer is the JSON pointer suffix of a Condition.Key.
func conditionPointer(key string) string {
	if name, ok := strings.CutPrefix(key, "conditions/"); ok {
		return "conditions/" + escapePointer(name)
	}
	return key
}

// checkOverlaps reports pairs of operators that one SIM can match at equal
// priority, once per pair, at the later operator's entry.
func (r *reader) checkOverlaps(s *Spec, broken map[[2]int]bool) {
	for j := range s.Operators {
		for i := range j {
			a, b := &s.Operators[i], &s.Operators[j]
			ai, bj, found := firstOverlap(a, b, i, j, broken)
			if !found {
				continue
			}
			aPtr := fmt.Sprintf("/operators/%d/match/%d", i, ai)
			bPtr := fmt.Sprintf("/operators/%d/match/%d", j, bj)
			prio := a.Match[ai].priority()
			if diff := conflicts(a, b); len(diff) > 0 {
				d := r.diag(r.values[bPtr], RuleOverlap, answerfile.Error,
					"operators %q and %q can match the same SIM at equal priority (%s) and set %s to different values: the later one in the file would win; make one match more specific or give both the same value",
					a.Name, b.Name, describePriority(prio), strings.Join(diff, " and "))
				r.related(d, r.values[aPtr], fmt.Sprintf("%s of operator %q", displayPath(aPtr), a.Name))
				continue
			}
			d := r.diag(r.values[bPtr], RuleOverlapMerged, answerfile.Warning,
				"operators %q and %q can match the same SIM at equal priority (%s): such a SIM gets the settings of both",
				a.Name, b.Name, describePriority(prio))
			r.related(d, r.values[aPtr], fmt.Sprintf("%s of operator %q", displayPath(aPtr), a.Name))
		}
	}
}

// firstOverlap finds the first pair of entries of a and b that one SIM can
// satisfy at once, at equal priority.
func firstOverlap(a, b *Operator, i, j int, broken map[[2]int]bool) (int, int, bool) {
	for x := range a.Match {
		for y := range b.Match {
			if broken[[2]int{i, x}] || broken[[2]int{j, y}] {
				continue
			}
			if a.Match[x].priority() == b.Match[y].priority() && variant.CanOverlap(a.Match[x].Pairs(), b.Match[y].Pairs()) {
				return x, y, true
			}
		}
	}
	return 0, 0, false
}

func describePriority(p [2]int) string {
	s := fmt.Sprintf("%d SIM condition", p[0])
	if p[0] != 1 {
		s += "s"
	}
	if p[1] > 0 {
		s += fmt.Sprintf(", %d device condition", p[1])
		if p[1] != 1 {
			s += "s"
		}
	}
	return s + " each"
}

// conflicts names the settings a and b both set, to different values.
func conflicts(a, b *Operator) []string {
	var out []string
	ia, ib := a.IMSRetry, b.IMSRetry
	if ia != nil && ib != nil {
		if x, y := ia.AttemptThresholdForIMS, ib.AttemptThresholdForIMS; x != nil && y != nil && *x != *y {
			out = append(out, "imsRetry.attemptThresholdForIMS")
		}
		if x, y := ia.RetryEnabled, ib.RetryEnabled; x != nil && y != nil && *x != *y {
			out = append(out, "imsRetry.retryEnabled")
		}
	}
	if x, y := a.MMSAutoRetry, b.MMSAutoRetry; x != nil && y != nil && *x != *y {
		out = append(out, "mmsAutoRetry")
	}
	return out
}
