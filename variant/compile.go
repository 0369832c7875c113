package variant

import (
	"fmt"
	"github.com/mcsf-dev/mcsf/internal/english"
	"slices"
	"strings"

	"github.com/mcsf-dev/mcsf/answerfile"
)

// Compiled is an answer file prepared for resolving many profiles: every
// condition parsed once, targets indexed by the MCC and MNC their states
// pin. It is read-only after CompileModel and safe for concurrent use.
type Compiled struct {
	targets  []cTarget
	static   []cSetting
	variants []cVariant
	notes    []string

	patterns    PatternLimits // what compileState compiles
	patternsOff bool          // the file has more patterns than the limit: none is compiled

	// missingFacts: see ReportMissingFacts.
	missingFacts bool
	plan         planOnce // the file's part of the runtime view (runtime.go)
	condBuf      condBuf  // while compiling only

	// slots numbers the condition names (lower case) that conditions use:
	// a profile is turned into a slice of values once per Resolve.
	slots    map[string]int
	slotKeys []string // the names by slot

	// States of referenced targets, indexed by what a state requires: the
	// exact MCC and MNC, the exact MCC, another exact value, or a pattern's
	// literal prefix. Only states with none of these are scanned for every
	// profile.
	byMCCMNC map[[2]string][]stateRef
	byMCC    map[string][]stateRef
	exact    map[string]map[string][]stateRef // condition name → value (lower case for SPN, PNN) → states
	prefix   map[string]*prefixIndex          // condition name → states by a pattern's literal prefix
	scan     []stateRef
}

// prefixIndex files states under the literal prefix that every value their
// pattern matches starts with.
type prefixIndex struct {
	lengths  []int // the distinct prefix lengths, ascending
	byPrefix map[string][]stateRef
}

type stateRef struct{ target, state int }

type cTarget struct {
	id       string
	src      Source
	states   []cState
	variants []int // indices of the variants that apply through this target
}

type cState struct {
	conds  []Condition
	slots  []int // slot of each condition's name
	defs   []ConditionDef
	errs   []string // why conds[i] is undecidable; "" when it is not
	p0, p1 int
	src    Source
}

type cVariant struct {
	name     string
	target   int // index into targets; -1 when the variant never applies
	settings []cSetting
	src      Source
}

type cSetting struct {
	def    *SettingDef // in the Model compiled
	key    string      // settingKey of Path and Name, macros not expanded
	macros bool        // Path or Name holds a macro
}

// Compile prepares one parsed answer file. See CompileModel.
func Compile(doc *answerfile.Document) (*Compiled, error) {
	return CompileLimits(doc, PatternLimits{})
}

// CompileLimits is Compile with patterns compiled within lim (see
// CompileModelLimits).
func CompileLimits(doc *answerfile.Document, lim PatternLimits) (*Compiled, error) {
	if doc == nil || doc.Root == nil {
		return nil, fmt.Errorf("compile: no document")
	}
	if !doc.IsAnswerFile() {
		return nil, fmt.Errorf("%s: the root element is <%s>, not <ImageCustomizations>", doc.Name, doc.Tree.Root().Tag)
	}
	return CompileModelLimits(ModelOf(doc), lim), nil
}

// CompileModel prepares m for Resolve. Problems that keep a Variant from
// ever applying (no TargetRef, an unknown Target) or that resolve settles by
// a choice (several TargetRefs, a Target Id defined twice) become notes in
// every Result.
func CompileModel(m Model) *Compiled { return CompileModelLimits(m, PatternLimits{}) }

// CompileModelLimits is CompileModel with patterns compiled within lim: one
// larger than lim.MaxSize, or every pattern when m has more than
// lim.MaxCount or a total size over lim.MaxTotal (a note says so), cannot be evaluated, and its TargetState is
// undecided.
func CompileModelLimits(m Model, lim PatternLimits) *Compiled {
	// The states of all targets share an array, their conditions three,
	// and settings with the same Path and Name (most of a large file's)
	// their key.
	nStates, nConds := 0, 0
	for _, td := range m.Targets {
		nStates += len(td.States)
		for _, sd := range td.States {
			nConds += len(sd.Conditions)
		}
	}
	count, total := m.Patterns()
	k := newCompiler(lim, count, total, len(m.Targets), nStates, nConds)
	k.addTargets(m.Targets)
	return k.finish(m)
}

// compiler compiles a Model in CompileModelLimits' order: its targets
// (addTargets, at once or in parts, in order), then the rest (finish).
type compiler struct {
	c      *Compiled
	ids    map[string]int // index of each Target Id in c.targets
	states []cState       // the array the targets' states are cut from
	keys   settingKeys
}

// newCompiler starts a Compiled of a file with the given number of
// pattern conditions and their total instructions, with room for nTargets targets, nStates states and
// nConds conditions (more can come).
func newCompiler(lim PatternLimits, patterns, total, nTargets, nStates, nConds int) *compiler {
	c := &Compiled{notes: []string{}, slots: map[string]int{}, byMCCMNC: map[[2]string][]stateRef{}, byMCC: map[string][]stateRef{},
		exact: map[string]map[string][]stateRef{}, prefix: map[string]*prefixIndex{}}
	c.patterns = lim
	if note, over := lim.Over(patterns, total); over {
		c.patternsOff = true
		c.notes = append(c.notes, note)
	}
	c.condBuf = condBuf{conds: make([]Condition, 0, nConds), slots: make([]int, 0, nConds), errs: make([]string, 0, nConds),
		slotOf: map[string]int{}}
	c.targets = make([]cTarget, 0, nTargets)
	return &compiler{c: c, ids: map[string]int{}, states: make([]cState, 0, nStates), keys: settingKeys{}}
}

// addTargets compiles the next targets of the file.
func (k *compiler) addTargets(tds []TargetDef) {
	c := k.c
	for _, td := range tds {
		if first, dup := k.ids[td.ID]; dup {
			c.notes = append(c.notes, fmt.Sprintf("Target %q is defined again at %s: resolve uses the first definition, at %s",
				td.ID, td.Source, c.targets[first].src))
			continue
		}
		k.ids[td.ID] = len(c.targets)
		t := cTarget{id: td.ID, src: td.Source}
		if len(td.States) > 0 {
			at := len(k.states)
			for si, sd := range td.States {
				k.states = append(k.states, c.compileState(td.ID, si+1, sd))
			}
			t.states = k.states[at:len(k.states):len(k.states)]
		}
		c.targets = append(c.targets, t)
	}
}

// finish compiles m's Static settings and Variants, its targets being
// added, and indexes the states.
func (k *compiler) finish(m Model) *Compiled {
	c, keys, ids := k.c, k.keys, k.ids
	c.variants = make([]cVariant, 0, len(m.Variants))
	var simStatic []SettingDef
	for _, d := range m.Static {
		if hasSIMMacro(d.Path) || hasSIMMacro(d.Name) || hasSIMMacro(d.Value) {
			simStatic = append(simStatic, d)
			continue
		}
		c.static = append(c.static, keys.compile([]SettingDef{d})...)
	}
	if len(simStatic) > 0 {
		// $(__IMSI) and $(__ICCID) have a value only in a Variant [doc]; lint
		// reports these settings as errors (scope-mismatch).
		c.notes = append(c.notes, fmt.Sprintf("Static has %s with %s or %s (first at %s): those macros have a value only in a Variant and lint reports them as errors, so resolve does not apply them as this SIM's values",
			english.Count(len(simStatic), "setting"), MacroIMSI, MacroICCID, simStatic[0].Source))
	}
	for _, vd := range m.Variants {
		v := cVariant{name: vd.Name, target: -1, settings: keys.compile(vd.Settings), src: vd.Source}
		switch {
		case len(vd.TargetRefs) == 0:
			c.notes = append(c.notes, fmt.Sprintf("Variant %q (%s) has no TargetRef: it never applies", vd.Name, vd.Source))
		default:
			i, ok := ids[vd.TargetRefs[0]]
			if !ok {
				c.notes = append(c.notes, fmt.Sprintf("Variant %q (%s) refers to Target %q, which is not defined: it never applies",
					vd.Name, vd.Source, vd.TargetRefs[0]))
				break
			}
			v.target = i
			if len(vd.TargetRefs) > 1 {
				c.notes = append(c.notes, fmt.Sprintf("Variant %q (%s) has %d TargetRefs but MCSF supports one: resolve uses the first, %q",
					vd.Name, vd.Source, len(vd.TargetRefs), vd.TargetRefs[0]))
			}
			c.targets[i].variants = append(c.targets[i].variants, len(c.variants))
		}
		c.variants = append(c.variants, v)
	}
	for ti := range c.targets {
		if len(c.targets[ti].variants) == 0 {
			continue // no variant applies through it: nothing to resolve
		}
		for si := range c.targets[ti].states {
			c.index(stateRef{ti, si})
		}
	}
	c.condBuf = condBuf{}
	return c
}

// condBuf holds the arrays the conditions of a Compiled's states are cut
// from while it is compiled.
type condBuf struct {
	conds []Condition
	slots []int
	errs  []string
	// slotOf is the slot of each condition name as written
	slotOf map[string]int
}

// take returns empty slices of the arrays with room for n (in new
// arrays when those are full).
func (b *condBuf) take(n int) ([]Condition, []int, []string) {
	if len(b.conds)+n > cap(b.conds) {
		size := max(n, 1024)
		b.conds, b.slots, b.errs = make([]Condition, 0, size), make([]int, 0, size), make([]string, 0, size)
	}
	at := len(b.conds)
	b.conds, b.slots, b.errs = b.conds[:at+n], b.slots[:at+n], b.errs[:at+n]
	return b.conds[at : at : at+n], b.slots[at : at : at+n], b.errs[at : at : at+n]
}

func (c *Compiled) compileState(id string, n int, sd StateDef) cState {
	s := cState{defs: sd.Conditions, src: sd.Source}
	s.conds, s.slots, s.errs = c.condBuf.take(len(sd.Conditions))
	for i, cd := range sd.Conditions {
		slot, ok := c.condBuf.slotOf[cd.Name]
		if !ok {
			key := strings.ToLower(cd.Name)
			if slot, ok = c.slots[key]; !ok {
				slot = len(c.slots)
				c.slots[key] = slot
				c.slotKeys = append(c.slotKeys, key)
			}
			c.condBuf.slotOf[cd.Name] = slot
		}
		s.slots = append(s.slots, slot)
		var cond Condition
		var err error
		if c.patternsOff && IsPattern(cd.Value) {
			cond, err = c.patterns.uncompiled(cd.Name, cd.Value)
		} else {
			cond, err = ParseConditionLimits(cd.Name, cd.Value, c.patterns)
		}
		msg := ""
		if err != nil {
			msg = err.Error()
		}
		s.conds = append(s.conds, cond)
		s.errs = append(s.errs, msg)
		// ImageApp stores a state's conditions by name and fails the build on
		// a repeated one [tool]: AND both, count the name once.
		if j := slices.IndexFunc(sd.Conditions[:i], func(d ConditionDef) bool { return strings.EqualFold(d.Name, cd.Name) }); j >= 0 {
			c.notes = append(c.notes, fmt.Sprintf("Target %q, TargetState %d repeats condition %s (%s and %s): ImageApp fails the build on it; resolve requires both and counts the name once for priority",
				id, n, cd.Name, sd.Conditions[j].Source, cd.Source))
			continue
		}
		switch cond.Class() {
		case ClassP0:
			s.p0++
		case ClassP1:
			s.p1++
		}
	}
	return s
}

// settingKeys remembers the settingKey of each Path and Name compiled, and
// whether they hold a macro.
type settingKeys map[[2]string]cSetting

func (keys settingKeys) compile(defs []SettingDef) []cSetting {
	out := make([]cSetting, 0, len(defs))
	for i := range defs {
		d := &defs[i]
		k, ok := keys[[2]string{d.Path, d.Name}]
		if !ok {
			k = cSetting{key: settingKey(d.Path, d.Name), macros: hasMacro(d.Path) || hasMacro(d.Name)}
			keys[[2]string{d.Path, d.Name}] = k
		}
		out = append(out, cSetting{def: d, key: k.key, macros: k.macros})
	}
	return out
}

// index files a state under what it requires. Only a plain, non-negated
// condition pins a value (MCC and MNC compare as exact strings); a pattern
// pins the literal prefix of its matches.
func (c *Compiled) index(ref stateRef) {
	st := &c.targets[ref.target].states[ref.state]
	mcc, mnc, other := -1, -1, -1
	var pat *Condition
	for i := range st.conds {
		cond := &st.conds[i]
		if cond.Negate || !cond.Decidable() || contextFact(cond.key) {
			continue // a context fact may be missing from the profile: the state must still be visited
		}
		switch {
		case cond.Kind == Exact && cond.key == "mcc" && mcc < 0:
			mcc = i
		case cond.Kind == Exact && cond.key == "mnc" && mnc < 0:
			mnc = i
		case cond.Kind == Exact && other < 0:
			other = i
		case cond.Kind == Pattern && pat == nil && !foldsCase(cond.key):
			if p, _ := cond.re.LiteralPrefix(); p != "" {
				pat = cond
			}
		}
	}
	switch {
	case mcc >= 0 && mnc >= 0:
		k := [2]string{st.conds[mcc].Text, st.conds[mnc].Text}
		c.byMCCMNC[k] = append(c.byMCCMNC[k], ref)
	case mcc >= 0:
		c.byMCC[st.conds[mcc].Text] = append(c.byMCC[st.conds[mcc].Text], ref)
	case other >= 0 || mnc >= 0:
		i := other
		if i < 0 {
			i = mnc
		}
		cond := &st.conds[i]
		v := cond.Text
		if foldsCase(cond.key) {
			v = strings.ToLower(v)
		}
		if c.exact[cond.key] == nil {
			c.exact[cond.key] = map[string][]stateRef{}
		}
		c.exact[cond.key][v] = append(c.exact[cond.key][v], ref)
	case pat != nil:
		p, _ := pat.re.LiteralPrefix()
		pi := c.prefix[pat.key]
		if pi == nil {
			pi = &prefixIndex{byPrefix: map[string][]stateRef{}}
			c.prefix[pat.key] = pi
		}
		if !slices.Contains(pi.lengths, len(p)) {
			pi.lengths = append(pi.lengths, len(p))
			slices.Sort(pi.lengths)
		}
		pi.byPrefix[p] = append(pi.byPrefix[p], ref)
	default:
		c.scan = append(c.scan, ref)
	}
}

// settingKey is how settings are told apart: path and name compare
// case-insensitively, '\' and '/' are the same separator and a trailing
// separator does not count.
func settingKey(path, name string) string {
	p := strings.Trim(strings.ReplaceAll(strings.ToLower(path), `\`, "/"), "/")
	return p + "\x00" + strings.ToLower(name)
}

// Targets is the number of targets (after dropping duplicate Ids).
func (c *Compiled) Targets() int { return len(c.targets) }

// Notes are the compile-time notes included in every Result.
func (c *Compiled) Notes() []string { return c.notes }
