package variant

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Pair is a condition as written: its Name and Value attributes.
type Pair struct{ Name, Value string }

// Verdict is the answer to whether conditions can hold for one SIM.
type Verdict int

// Verdicts. MayOverlap is never a guess presented as an answer: it comes
// with the reason the question could not be settled.
const (
	Disjoint   Verdict = iota // no SIM satisfies every condition
	Overlap                   // the witness satisfies every condition
	MayOverlap                // undecided: see Decision.Why
)

func (v Verdict) String() string {
	switch v {
	case Disjoint:
		return "disjoint"
	case Overlap:
		return "overlap"
	}
	return "may overlap"
}

// Decision is the answer of a Solver.
type Decision struct {
	Verdict Verdict
	// Witness holds, for Overlap, one value per constrained condition name
	// (documented spelling, in name order) that a SIM or device can report
	// and that satisfies every condition; for MayOverlap, the values found
	// for the names that were decided, if any.
	Witness []Pair
	Why     string // MayOverlap: why it is undecided
}

// DefaultBudget bounds the product states one name's search may visit
// before Solver gives up and answers MayOverlap.
const DefaultBudget = 4096

// Solver decides exactly whether TargetStates can match one SIM: it reads
// each condition as a set of values, intersects those of a name with the
// values a SIM or device can report for it (MCC 3 digits, MNC 2 or 3, ICCID
// 18 to 22, GID1 hexadecimal, Roaming 0 or 1, ...), and searches the product
// of their automata for a value. Each pattern is compiled once per Solver,
// however many pairs use it. A Solver is not safe for concurrent use.
//
// Where RE2 and .NET read a pattern alike only on ASCII values without a
// vertical tab ([Condition]), any other value is searched with .NET's Unicode classes and any
// value found there gives MayOverlap; a condition that cannot be evaluated
// and a search over Budget give MayOverlap too.
type Solver struct {
	Budget   int           // product states per name; DefaultBudget when 0
	Patterns PatternLimits // what Prepare compiles
	dfas     map[string]*dfa
	// groups and conds are Decide's scratch space.
	groups []group
	conds  []Condition
}

// NewSolver returns a Solver with the default budget.
func NewSolver() *Solver { return &Solver{dfas: map[string]*dfa{}} }

// Conj is a TargetState prepared for a Solver: its conditions parsed and
// grouped by name.
type Conj struct {
	groups  []group
	invalid bool // a condition has an invalid name or value (Invalid)
}

type group struct {
	key   string
	conds []Condition
}

// Prepare parses the conditions of a TargetState. A condition that cannot
// be evaluated constrains nothing; a decision that needs it is MayOverlap.
func (s *Solver) Prepare(state []Pair) *Conj {
	conds := make([]Condition, len(state))
	c := &Conj{}
	for i, p := range state {
		cond, err := ParseConditionLimits(p.Name, p.Value, s.Patterns)
		// ParseConditionLimits returns its Problem itself, never wrapped:
		// a type assertion, not errors.As (reflection, per condition).
		if pr, ok := err.(Problem); ok && invalidKind(pr.Kind) {
			c.invalid = true
		}
		conds[i] = cond
	}
	c.group(conds)
	return c
}

// PrepareChecked is Prepare of conditions CheckParse parsed with the
// Solver's Patterns as its limits: it parses none of them again.
func (s *Solver) PrepareChecked(state []Checked) *Conj {
	conds := make([]Condition, len(state))
	c := &Conj{}
	for i := range state {
		conds[i] = state[i].cond
		c.invalid = c.invalid || state[i].invalid
	}
	c.group(conds)
	return c
}

// group sorts conds by name (stably: a name's conditions stay in the order
// written) and cuts them into c's groups: one slice for all the
// conditions, where a group each grew its own slice.
func (c *Conj) group(conds []Condition) {
	byKey := func(a, b Condition) int { return strings.Compare(a.key, b.key) }
	if !slices.IsSortedFunc(conds, byKey) {
		slices.SortStableFunc(conds, byKey)
	}
	n := 0
	for i := range conds {
		if i == 0 || conds[i].key != conds[i-1].key {
			n++
		}
	}
	c.groups = make([]group, 0, n)
	for i := 0; i < len(conds); {
		j := i + 1
		for j < len(conds) && conds[j].key == conds[i].key {
			j++
		}
		c.groups = append(c.groups, group{key: conds[i].key, conds: conds[i:j:j]})
		i = j
	}
}

// Invalid reports whether a condition of the state has an empty, reserved
// or invalid name or value: the linter reports it as an error, and no
// decision about the state says more than that finding.
func (c *Conj) Invalid() bool { return c.invalid }

// invalidKind reports whether a problem makes a condition invalid, not
// only undecidable here (an unknown name, a pattern RE2 cannot evaluate).
func invalidKind(k ProblemKind) bool {
	return k == ProblemEmptyName || k == ProblemReservedName || k == ProblemInvalidValue
}

// Decide answers whether one SIM can satisfy every condition of every
// state at once.
func (s *Solver) Decide(states ...*Conj) Decision {
	if len(states) == 2 && pinnedApart(states[0], states[1]) {
		return Decision{Verdict: Disjoint}
	}
	// The groups of the states merged by name, in the Solver's scratch
	// space: a name only one state constrains keeps its slice, the
	// conditions of a name several constrain are copied together.
	all := s.groups[:0]
	conds := s.conds[:0]
	for _, st := range states {
		for _, g := range st.groups {
			i, found := slices.BinarySearchFunc(all, g.key, func(h group, k string) int { return strings.Compare(h.key, k) })
			if !found {
				all = slices.Insert(all, i, g)
				continue
			}
			start := len(conds)
			conds = append(append(conds, all[i].conds...), g.conds...)
			all[i].conds = conds[start:len(conds):len(conds)]
		}
	}
	s.groups, s.conds = all[:0], conds[:0]
	d := Decision{Verdict: Overlap}
	for _, g := range all {
		if g.key == "" {
			continue
		}
		v, value, why := s.decideName(g.key, g.conds)
		switch v {
		case Disjoint:
			return Decision{Verdict: Disjoint}
		case MayOverlap:
			if d.Verdict == Overlap {
				d.Verdict, d.Why = MayOverlap, why
			}
		}
		if value != "" || v == Overlap {
			d.Witness = append(d.Witness, Pair{CanonicalName(g.key), value})
		}
	}
	return d
}

// pinnedApart reports whether a and b each constrain some name with one
// plain value only, and the values differ: decideName answers Disjoint for
// the name (its plain-value test), so Decide does for the states, and it
// need not merge them (most pairs of operators' states differ in MCC).
func pinnedApart(a, b *Conj) bool {
	for i, j := 0, 0; i < len(a.groups) && j < len(b.groups); {
		ga, gb := &a.groups[i], &b.groups[j]
		switch c := strings.Compare(ga.key, gb.key); {
		case c < 0:
			i++
		case c > 0:
			j++
		default:
			if ga.key != "" && len(ga.conds) == 1 && len(gb.conds) == 1 && plainPin(&ga.conds[0]) && plainPin(&gb.conds[0]) &&
				gb.conds[0].Eval(ga.conds[0].Text, true) == NotMatched {
				return true
			}
			i, j = i+1, j+1
		}
	}
	return false
}

// PinnedApart reports, for two states CheckParse parsed, what Decide of
// the two prepared states tests first and answers Disjoint for: a name
// (not empty) that each state constrains once, with a plain value that is
// not negated, to values that differ. It prepares neither state, and is
// meant for small states (it compares every two conditions).
func PinnedApart(a, b []Checked) bool {
	for i := range a {
		ca := &a[i].cond
		if ca.key == "" || !plainPin(ca) {
			continue
		}
		cb, ok := single(b, ca.key)
		if !ok || !plainPin(cb) {
			continue
		}
		if other, _ := single(a, ca.key); other == ca && cb.Eval(ca.Text, true) == NotMatched {
			return true
		}
	}
	return false
}

// single returns the condition of state on the name key when it has one
// only.
func single(state []Checked, key string) (*Condition, bool) {
	var found *Condition
	for i := range state {
		if state[i].cond.key == key {
			if found != nil {
				return nil, false
			}
			found = &state[i].cond
		}
	}
	return found, found != nil
}

// Invalid reports whether a condition of the state has an empty, reserved
// or invalid name or value, as Conj.Invalid of the prepared state does.
func Invalid(state []Checked) bool {
	for i := range state {
		if state[i].invalid {
			return true
		}
	}
	return false
}

// plainPin reports whether c is a plain value that decideName tests the
// other conditions of its name on.
func plainPin(c *Condition) bool { return !c.bad && c.Kind == Exact && !c.Negate }

// Satisfiable reports whether one SIM can satisfy every condition of state
// at once, the AND of a TargetState. It is false only when the conditions
// provably exclude each other; undecided states count as satisfiable. An
// empty state is satisfiable.
func Satisfiable(state []Pair) bool {
	s := NewSolver()
	return s.Decide(s.Prepare(state)).Verdict != Disjoint
}

// CanOverlap reports whether one SIM can satisfy both states: true unless
// they are provably disjoint.
func CanOverlap(a, b []Pair) bool {
	s := NewSolver()
	return s.Decide(s.Prepare(a), s.Prepare(b)).Verdict != Disjoint
}

// Values returns every value of name that a SIM can report and that
// satisfies the state's conditions on it, sorted, when there are at most
// limit; ok is false when the state does not constrain name, a condition on
// it cannot be evaluated, or its values are not few.
func (s *Solver) Values(c *Conj, name string, limit int) (values []string, ok bool) {
	return s.enumerate(c, name, -1, limit)
}

// Prefixes is Values for the first n characters of the values: every
// prefix of n characters a value that satisfies the state can start with,
// and every shorter value, sorted. Two states whose prefixes differ share
// no value. Values and prefixes of a name that folds case (SPN, PNN) are
// listed in one case only: of each case orbit, its smallest rune.
func (s *Solver) Prefixes(c *Conj, name string, n, limit int) (prefixes []string, ok bool) {
	return s.enumerate(c, name, n, limit)
}

// enumerate lists the values of name the state allows, cut after depth
// characters when depth ≥ 0.
func (s *Solver) enumerate(c *Conj, name string, depth, limit int) (values []string, ok bool) {
	key := lowerName(name)
	i, found := slices.BinarySearchFunc(c.groups, key, func(g group, k string) int { return strings.Compare(g.key, k) })
	if !found {
		return nil, false
	}
	if v, ok := pinnedValue(key, c.groups[i].conds); ok {
		if v == nil || depth < 0 || len([]rune(*v)) <= depth {
			return listOf(v), true
		}
		return []string{string([]rune(*v)[:depth])}, true
	}
	tests, ok := s.tests(key, c.groups[i].conds)
	if !ok {
		return nil, false
	}
	// Every rune, not one per interval: the values themselves are listed
	// (the runes of an interval lead to the same states: one is stepped).
	// A wide interval (most of Unicode, for SPN) has none listed: if a
	// value can go on through it, the values are not few.
	type span struct {
		rep   rune
		runes []rune // nil: wide
	}
	var spans []span
	in := map[rune]bool{}
	for _, iv := range intervals(dfasOf(tests), tests[0].d, false) {
		sp := span{rep: iv[0]}
		if iv[1]-iv[0] <= 256 {
			for r := iv[0]; r <= iv[1]; r++ {
				sp.runes = append(sp.runes, r)
				in[r] = true
			}
		}
		spans = append(spans, sp)
	}
	if foldsCase(key) {
		// Every test folds case: a rune and the others of its case
		// orbit lead to the same states, so list the smallest only.
		for i := range spans {
			spans[i].runes = slices.DeleteFunc(spans[i].runes, func(r rune) bool {
				m := slices.Min(foldOrbit(r))
				return m != r && in[m]
			})
		}
	}
	work := 0
	var walk func(st []int32, prefix []rune) bool
	walk = func(st []int32, prefix []rune) bool {
		if work++; work > s.budget() {
			return false
		}
		accept := len(prefix) == depth
		if !accept {
			accept = true
			for j, t := range tests {
				if t.d.states[st[j]].accept == t.negate {
					accept = false
				}
			}
		}
		if accept {
			if values = append(values, string(prefix)); len(values) > limit {
				return false
			}
		}
		if len(prefix) == depth {
			return true
		}
	next:
		for _, sp := range spans {
			nst := make([]int32, len(st))
			for j, t := range tests {
				if nst[j] = t.d.step(st[j], sp.rep); nst[j] == deadState && !t.negate {
					continue next
				}
			}
			if sp.runes == nil {
				return false
			}
			for _, r := range sp.runes {
				if !walk(nst, append(slices.Clip(prefix), r)) {
					return false
				}
			}
		}
		return true
	}
	start := make([]int32, len(tests))
	for j := range start {
		start[j] = startState
	}
	if !walk(start, nil) {
		return nil, false
	}
	slices.Sort(values)
	return values, true
}

// pinnedValue is decideName's reading of a plain value, for enumerate:
// when a condition on a name that does not fold case is a plain value, that
// value (taken as written) is the only one the state allows, nil when
// another condition excludes it. ok is false when no plain value pins the
// name or another condition is undecided on it.
func pinnedValue(key string, conds []Condition) (v *string, ok bool) {
	if foldsCase(key) {
		return nil, false
	}
	for i := range conds {
		c := &conds[i]
		if c.bad || c.Kind != Exact || c.Negate {
			continue
		}
		for j := range conds {
			switch conds[j].Eval(c.Text, true) {
			case NotMatched:
				return nil, true
			case Undecided:
				return nil, false
			}
		}
		return &c.Text, true
	}
	return nil, false
}

// listOf is the values of pinnedValue as a list: none or one.
func listOf(v *string) []string {
	if v == nil {
		return []string{}
	}
	return []string{*v}
}

func (s *Solver) budget() int {
	if s.Budget > 0 {
		return s.Budget
	}
	return DefaultBudget
}

// dfa returns the automaton of expr, compiled on first use.
func (s *Solver) dfa(expr string) *dfa {
	if d, ok := s.dfas[expr]; ok {
		return d
	}
	d, err := newDFA(expr)
	if err != nil {
		d = nil // cannot happen for the expressions built here; the caller treats it as unevaluable
	}
	s.dfas[expr] = d
	return d
}

// domainExpr is the set of values a SIM or device can report for a name
// (variant.CheckProfileValue), as an anchored expression.
func domainExpr(key string) string {
	switch key {
	case "mcc":
		return `^[0-9]{3}$`
	case "mnc":
		return `^[0-9]{2,3}$`
	case "iccid":
		return `^[0-9]{18,22}$`
	case "gid1":
		return `^0*[0-9A-Fa-f]{1,16}$`
	case "roaming", "uiccslot":
		return `^[01]$`
	case "uicc":
		return `^[012]$`
	case "spn":
		return `^[^\x00]{0,16}$`
	}
	return `^[^\x00]*$`
}

// Expr returns the anchored RE2 expression of the condition's test, without
// its negation, as this package evaluates it: a pattern as compiled
// (case-insensitive on SPN and PNN), a plain value quoted, a range spelled
// out over every way of writing its integers (sign, leading zeros). ok is
// false for a condition that cannot be evaluated.
func (c Condition) Expr() (expr string, ok bool) {
	if c.bad {
		return "", false
	}
	return exprOf(&c, false)
}

// exprOf is the anchored expression of a decidable condition's test,
// without its negation; netRead spells \d, \w and \s as .NET reads them.
func exprOf(c *Condition, netRead bool) (string, bool) {
	fold := ""
	if foldsCase(c.key) {
		fold = "(?i)"
	}
	switch c.Kind {
	case Range:
		return rangeExpr(c.Min, c.Max), true
	case Exact:
		return fold + `^(?:` + regexp.QuoteMeta(c.Text) + `)$`, true
	}
	p := c.Text
	if netRead {
		var ok bool
		if p, ok = netReading(p); !ok {
			return "", false
		}
	}
	return fold + `^(?:` + p + `)$`, true
}

// tests returns the domain of key and the automaton of each condition;
// ok is false when a condition cannot be evaluated.
func (s *Solver) tests(key string, conds []Condition) ([]test, bool) {
	ts := []test{{d: s.dfa(domainExpr(key))}}
	for i := range conds {
		c := &conds[i]
		if c.bad {
			return nil, false
		}
		expr, _ := exprOf(c, false)
		d := s.dfa(expr)
		if d == nil {
			return nil, false
		}
		ts = append(ts, test{d, c.Negate})
	}
	return ts, true
}

// decideName decides whether one value of the name key satisfies every
// condition of conds; value is the witness found.
func (s *Solver) decideName(key string, conds []Condition) (v Verdict, value, why string) {
	wide := false
	for i := range conds {
		c := &conds[i]
		if c.bad {
			why = c.Name + ": " + c.why
			continue
		}
		wide = wide || c.wide
	}
	// A plain value pins the value: test the rest on it. It is taken as
	// written even when no SIM reports it (lint's invalid-condition-value
	// says so), so that a typo is reported once, as what it is.
	for i := range conds {
		c := &conds[i]
		if c.bad || c.Kind != Exact || c.Negate {
			continue
		}
		for j := range conds {
			switch conds[j].Eval(c.Text, true) {
			case NotMatched:
				return Disjoint, "", ""
			case Undecided:
				if why == "" {
					why = nonASCIIWhy(c)
				}
			}
		}
		if why != "" {
			return MayOverlap, c.Text, why
		}
		return Overlap, c.Text, ""
	}
	// Only a search needs the automata, the domain's first: a state
	// pinned by plain values (most) is decided without compiling any.
	domain := s.dfa(domainExpr(key))
	ts := []test{{d: domain}}
	for i := range conds {
		if c := &conds[i]; !c.bad {
			expr, _ := exprOf(c, false)
			d := s.dfa(expr)
			if d == nil { // RE2 refuses it (a value that is not UTF-8)
				return MayOverlap, "", c.Name + ": mcsf cannot read this value as text"
			}
			ts = append(ts, test{d, c.Negate})
		}
	}
	w, res := search(ts, alphabet(dfasOf(ts), domain, wide), s.budget(), false)
	switch {
	case res == searchExceeded:
		return MayOverlap, "", budgetWhy(key)
	case res == searchFound && why != "":
		return MayOverlap, w, why
	case res == searchFound:
		return Overlap, w, ""
	case !wide:
		return Disjoint, "", ""
	}
	// Wide patterns read alike only on ASCII: look for a value that is not
	// ASCII, reading them as .NET does (netReading); one that cannot be
	// spelled so constrains nothing, which can only add values.
	ts = ts[:1]
	for i := range conds {
		c := &conds[i]
		if c.bad {
			continue
		}
		if expr, ok := exprOf(c, c.wide); ok {
			if d := s.dfa(expr); d != nil {
				ts = append(ts, test{d, c.Negate})
			}
		}
	}
	w, res = search(ts, alphabet(dfasOf(ts), domain, false), s.budget(), true)
	switch res {
	case searchExceeded:
		return MayOverlap, "", budgetWhy(key)
	case searchFound:
		return MayOverlap, w, differsWhy(key, w)
	}
	return Disjoint, "", ""
}

func dfasOf(ts []test) []*dfa {
	ds := make([]*dfa, len(ts))
	for i, t := range ts {
		ds[i] = t.d
	}
	return ds
}

func budgetWhy(key string) string {
	return "the conditions on " + CanonicalName(key) + " are too complex to decide within the work budget"
}

func nonASCIIWhy(c *Condition) string { return differsWhy(c.key, c.Text) }

func differsWhy(key, value string) string {
	return CanonicalName(key) + " " + strconv.Quote(value) + " holds a character outside ASCII (or a vertical tab), where .NET (on the device) and RE2 (here) read the patterns differently"
}
