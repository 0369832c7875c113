package variant

import (
	"cmp"
	"fmt"
	"github.com/mcsf-dev/mcsf/internal/english"
	"slices"
	"strings"
)

// Result is what a device with one profile gets from an answer file. Its
// JSON form is the schema resolve-output (`mcsf schema resolve-output`);
// slices are never nil, so they encode as [].
type Result struct {
	SIM Profile `json:"sim"`
	// Matched lists the applied Variants in application order: lowest
	// priority first; at equal priority, definition order. Later wins.
	Matched  []Match            `json:"matched"`
	Settings []EffectiveSetting `json:"settings"` // sorted by path, then name (case-insensitively)
	// Runtime is every setting of the file as the device reads it, per
	// scope, with the documented defaults of the customizations it touches.
	Runtime []RuntimeSetting `json:"runtime"`
	// Effects says what the runtime does with the values of each touched
	// customization that has runtime semantics (catalog.RuntimeOf).
	Effects   []RuntimeEffect  `json:"effects"`
	Conflicts []Conflict       `json:"conflicts"`
	Undecided []UndecidedState `json:"undecided"`
	Notes     []string         `json:"notes"`
	// Cases says how the answer depends on facts the profile does not give
	// (Roaming, UICC, UICCSLOT), one entry per combination of their values;
	// empty unless ReportMissingFacts is on and such a fact decides a
	// TargetState (see Compiled.Cases).
	Cases []Case `json:"cases,omitempty"`
	// Targets and Variants are filled by Explain only.
	Targets  []TargetReport  `json:"targets,omitempty"`
	Variants []VariantReport `json:"variants,omitempty"`

	runtimeCols []int32 // the RuntimeColumns index of each Runtime row
}

// Match is one applied Variant and the TargetState it matched through.
type Match struct {
	Variant     string `json:"variant"`
	Target      string `json:"target"`
	TargetState int    `json:"targetState"` // 1-based
	Priority    [2]int `json:"priority"`    // number of P0 and P1 conditions of that TargetState
	Source      Source `json:"source"`      // where the Variant is defined

	order int // the Variant's index in definition order
}

// EffectiveSetting is a setting the device ends up with, macros expanded.
type EffectiveSetting struct {
	Path   string        `json:"path"`
	Name   string        `json:"name"`
	Value  string        `json:"value"`
	Source SettingSource `json:"source"`
}

// SettingSource says where a setting comes from.
type SettingSource struct {
	Kind        string `json:"kind"` // "static" or "variant"
	Variant     string `json:"variant,omitempty"`
	Target      string `json:"target,omitempty"`
	TargetState int    `json:"targetState,omitempty"` // 1-based; 0 for static
	File        string `json:"file"`
	Line        int    `json:"line"`
}

// Source kinds.
const (
	KindStatic  = "static"
	KindVariant = "variant"
)

func (s SettingSource) String() string {
	loc := Source{s.File, s.Line}.String()
	if s.Kind == KindStatic {
		return "Static, " + loc
	}
	return fmt.Sprintf("Variant %s via Target %s, TargetState %d, %s", s.Variant, s.Target, s.TargetState, loc)
}

// Conflict is a setting that two matched Variants of equal priority set to
// different values: which one wins depends only on their order in the file.
type Conflict struct {
	Path     string       `json:"path"`
	Name     string       `json:"name"`
	Priority [2]int       `json:"priority"`
	Winner   ConflictSide `json:"winner"`
	Other    ConflictSide `json:"other"`
}

// ConflictSide is one of the two values of a Conflict.
type ConflictSide struct {
	Value  string        `json:"value"`
	Source SettingSource `json:"source"`
}

// UndecidedState is a TargetState that cannot be evaluated for this profile: no
// condition of it fails, and one cannot be evaluated. Its Variants are not
// applied through it (never guessed).
type UndecidedState struct {
	Target        string   `json:"target"`
	TargetState   int      `json:"targetState"` // 1-based
	Variants      []string `json:"variants"`
	Condition     string   `json:"condition"` // the first condition that cannot be evaluated: its name
	Value         string   `json:"value"`     // and value, as written
	Reason        string   `json:"reason"`
	File          string   `json:"file"`
	Line          int      `json:"line"`          // of the condition
	TargetMatched bool     `json:"targetMatched"` // the Target matched anyway, through another TargetState
}

// Resolve computes the effective settings for profile p: Static first,
// then the matched Variants from lowest to highest priority.
func (c *Compiled) Resolve(p Profile) Result {
	r := c.resolve(p, false)
	r.Cases = c.Cases(p, &r)
	return r
}

// Explain is Resolve plus a report on every Target and Variant, matched or
// not, with the condition that decided each TargetState.
func (c *Compiled) Explain(p Profile) Result {
	r := c.resolve(p, true)
	r.Cases = c.Cases(p, &r)
	return r
}

// ReportMissingFacts makes c leave a TargetState undecided ("depends on
// Roaming") when it tests a device fact the profile does not give, instead of
// reading the condition as not matched. mcsf resolve turns it on; callers
// that enumerate SIM classes themselves (change) leave it off. Call it
// before the first Resolve.
func (c *Compiled) ReportMissingFacts() { c.missingFacts = true }

// contextFact reports whether a condition name is a fact of the device or
// its state rather than of the SIM's identity: Roaming, UICC, UICCSLOT and
// the P1 device names. A profile that does not give one leaves the
// TargetStates that test it undecided ("depends on Roaming"), where a SIM
// identity name it does not give (SPN, GID1, ...) simply is not on the SIM
// and does not match [policy].
func contextFact(key string) bool {
	if key == "roaming" || key == "uicc" || key == "uiccslot" {
		return true
	}
	k, _ := known(key)
	return k.class == ClassP1
}

// NoteNoSIM is the note of a Result for an empty profile.
const NoteNoSIM = "no SIM given: only Static and TargetStates without conditions apply; give the SIM (MCC, MNC, IMSI, ICCID, ...) to resolve it"

type hit struct{ target, state, p0, p1 int }

func (c *Compiled) resolve(p Profile, explain bool) Result {
	r := Result{SIM: p, Matched: []Match{}, Conflicts: []Conflict{}, Undecided: []UndecidedState{}, Notes: c.notes}
	if p.Len() == 0 {
		r.Notes = append(slices.Clip(r.Notes), NoteNoSIM)
	}

	var valBuf [16]slotValue // the condition names a file uses are few
	vals := c.values(p, valBuf[:])
	var hits []hit
	var undecided []stateRef
	visit := func(refs []stateRef) {
		for _, ref := range refs {
			st := &c.targets[ref.target].states[ref.state]
			switch out, _ := st.eval(vals, c.missingFacts); out {
			case Matched:
				hits = addHit(hits, hit{ref.target, ref.state, st.p0, st.p1})
			case Undecided:
				undecided = append(undecided, ref)
			}
		}
	}
	if mcc, ok := p.get("mcc"); ok {
		if mnc, ok := p.get("mnc"); ok {
			visit(c.byMCCMNC[[2]string{mcc, mnc}])
		}
		visit(c.byMCC[mcc])
	}
	for key, byValue := range c.exact {
		if v, ok := p.get(key); ok {
			if foldsCase(key) {
				v = strings.ToLower(v)
			}
			visit(byValue[v])
		}
	}
	for key, pi := range c.prefix {
		if v, ok := p.get(key); ok {
			for _, n := range pi.lengths {
				if n > len(v) {
					break
				}
				visit(pi.byPrefix[v[:n]])
			}
		}
	}
	visit(c.scan)
	for _, h := range hits {
		t := &c.targets[h.target]
		for _, vi := range t.variants {
			r.Matched = append(r.Matched, Match{Variant: c.variants[vi].name, Target: t.id, TargetState: h.state + 1,
				Priority: [2]int{h.p0, h.p1}, Source: c.variants[vi].src, order: vi})
		}
	}
	slices.SortFunc(r.Matched, func(a, b Match) int {
		return cmp.Or(cmp.Compare(a.Priority[0], b.Priority[0]), cmp.Compare(a.Priority[1], b.Priority[1]), cmp.Compare(a.order, b.order))
	})

	// The lists are visited in no particular order: report in definition order.
	slices.SortFunc(undecided, func(a, b stateRef) int { return cmp.Or(cmp.Compare(a.target, b.target), cmp.Compare(a.state, b.state)) })
	for _, ref := range undecided {
		r.Undecided = append(r.Undecided, c.undecided(p, ref, hits))
	}

	c.apply(&r, p)
	if explain {
		c.explain(&r, p)
	}
	return r
}

// slotValue is a profile's value for one condition name.
type slotValue struct {
	value string
	set   bool
}

// values looks the profile up once for every condition name in use, from
// whichever of the two is shorter.
func (c *Compiled) values(p Profile, buf []slotValue) []slotValue {
	vals := buf[:0]
	if len(c.slotKeys) > cap(buf) {
		vals = make([]slotValue, 0, len(c.slotKeys))
	}
	vals = vals[:len(c.slotKeys)]
	clear(vals)
	if len(p.m) < len(c.slotKeys) {
		for key, e := range p.m {
			if i, ok := c.slots[key]; ok {
				vals[i] = slotValue{e.value, true}
			}
		}
		return vals
	}
	for i, key := range c.slotKeys {
		if e, ok := p.m[key]; ok {
			vals[i] = slotValue{e.value, true}
		}
	}
	return vals
}

// addHit records that a target matched through a state, keeping per target
// the state with the highest priority (the first such state on a tie).
func addHit(hits []hit, h hit) []hit {
	for i := range hits {
		if hits[i].target != h.target {
			continue
		}
		old := hits[i]
		if h.p0 > old.p0 || h.p0 == old.p0 && (h.p1 > old.p1 || h.p1 == old.p1 && h.state < old.state) {
			hits[i] = h
		}
		return hits
	}
	return append(hits, h)
}

// eval evaluates the AND of a state's conditions: NotMatched as soon as a
// decidable condition fails (the index of the first one), else Undecided
// when one cannot be evaluated (the first such), else Matched.
func (s *cState) eval(vals []slotValue, facts bool) (Outcome, int) {
	und := -1
	for i := range s.conds {
		v := vals[s.slots[i]]
		if facts && !v.set && s.conds[i].Decidable() && contextFact(s.conds[i].key) {
			// A device fact the profile does not give: the answer depends on it.
			if und < 0 {
				und = i
			}
			continue
		}
		switch s.conds[i].Eval(v.value, v.set) {
		case NotMatched:
			return NotMatched, i
		case Undecided:
			if und < 0 {
				und = i
			}
		}
	}
	if und >= 0 {
		return Undecided, und
	}
	return Matched, -1
}

func (c *Compiled) undecided(p Profile, ref stateRef, hits []hit) UndecidedState {
	t := &c.targets[ref.target]
	st := &t.states[ref.state]
	_, i := st.eval(c.values(p, nil), c.missingFacts)
	u := UndecidedState{Target: t.id, TargetState: ref.state + 1, Variants: []string{},
		Condition: st.defs[i].Name, Value: st.defs[i].Value, Reason: st.undecidedReason(i, p),
		File: st.defs[i].Source.File, Line: st.defs[i].Source.Line}
	for _, vi := range t.variants {
		u.Variants = append(u.Variants, c.variants[vi].name)
	}
	u.TargetMatched = slices.ContainsFunc(hits, func(h hit) bool { return h.target == ref.target })
	return u
}

// undecidedReason says why condition i of the state cannot be evaluated for p.
func (s *cState) undecidedReason(i int, p Profile) string {
	if s.errs[i] != "" {
		return s.errs[i]
	}
	v, ok := p.get(s.conds[i].key)
	if !ok {
		return fmt.Sprintf("depends on %s, which the SIM and device profile does not give: give it (--%s, or --condition %s=VALUE) to decide",
			CanonicalName(s.conds[i].Name), strings.ToLower(CanonicalName(s.conds[i].Name)), CanonicalName(s.conds[i].Name))
	}
	if isASCII(v) {
		return fmt.Sprintf("the value %q holds a vertical tab, which .NET's \\s matches and Go's RE2's does not", v)
	}
	return fmt.Sprintf("the value %q is not ASCII, and the pattern uses \\d, \\w, \\s, \\b, '.', a negated class or a non-ASCII letter, which .NET on the device reads by UTF-16 code unit and Unicode category, Go's RE2 by code point and ASCII class", v)
}

// applied is one setting while the settings are being applied.
type applied struct {
	s                 *cSetting
	match             int   // index into Result.Matched; -1 for Static
	ref               int32 // its rtRef in the runtime plan
	undoc             bool  // its value is one the documentation does not define
	expanded          bool  // its value held a macro (undoc does not tell then)
	path, name, value string
	key               string
}

// pending is a conflict found while applying; it is dropped when a higher
// priority overrides the setting afterwards.
type pending struct {
	Conflict
	key string
}

// apply computes r.Settings, r.Conflicts and the runtime view.
func (c *Compiled) apply(r *Result, p Profile) {
	pl := c.runtimePlan()
	ex := newExpander(p)
	n := len(c.static)
	for _, m := range r.Matched {
		n += len(c.variants[m.order].settings)
	}
	entries := make([]applied, 0, n)
	var idx map[string]int // built only for many settings; a short list is searched
	find := func(key string) (int, bool) {
		if idx != nil {
			i, ok := idx[key]
			return i, ok
		}
		for i := range entries {
			if entries[i].key == key {
				return i, true
			}
		}
		return 0, false
	}
	var conflicts []pending
	noIMSI, noICCID := 0, 0 // settings that keep a macro the profile cannot fill

	set := func(s *cSetting, match int, rs rtSet) {
		e := applied{s: s, match: match, ref: rs.ref, undoc: rs.undoc, path: s.def.Path, name: s.def.Name, value: s.def.Value, key: s.key}
		if s.macros || hasMacro(s.def.Value) {
			e.expanded = hasMacro(s.def.Value)
			mi, mc := ex.missIMSI, ex.missICCID
			e.path, e.name, e.value = ex.expand(s.def.Path), ex.expand(s.def.Name), ex.expand(s.def.Value)
			if ex.missIMSI > mi {
				noIMSI++
			}
			if ex.missICCID > mc {
				noICCID++
			}
			if s.macros {
				e.key = ex.expandKey(s.key)
			}
		}
		i, ok := find(e.key)
		if !ok {
			entries = append(entries, e)
			if idx == nil && len(entries) > 16 {
				idx = make(map[string]int, n)
				for j := range entries {
					idx[entries[j].key] = j
				}
			} else if idx != nil {
				idx[e.key] = len(entries) - 1
			}
			return
		}
		old := &entries[i]
		if match >= 0 && old.match >= 0 && r.Matched[old.match].order != r.Matched[match].order &&
			r.Matched[old.match].Priority == r.Matched[match].Priority && !sameValue(old.value, e.value) {
			conflicts = append(conflicts, pending{Conflict{Path: e.path, Name: e.name, Priority: r.Matched[match].Priority,
				Winner: ConflictSide{e.value, r.source(e)}, Other: ConflictSide{old.value, r.source(*old)}}, e.key})
		}
		*old = e
	}
	for i := range c.static {
		set(&c.static[i], -1, pl.static[i])
	}
	for mi, m := range r.Matched {
		v := &c.variants[m.order]
		for i := range v.settings {
			set(&v.settings[i], mi, pl.variants[m.order][i])
		}
	}

	for _, cf := range conflicts {
		// A higher priority applied later overrides the setting: the tie no longer decides anything.
		if i, ok := find(cf.key); ok && entries[i].match >= 0 && r.Matched[entries[i].match].Priority == cf.Priority {
			r.Conflicts = append(r.Conflicts, cf.Conflict)
		}
	}

	slices.SortFunc(entries, func(a, b applied) int { return strings.Compare(a.key, b.key) })
	r.Settings = make([]EffectiveSetting, len(entries))
	for i, e := range entries {
		r.Settings[i] = EffectiveSetting{Path: e.path, Name: e.name, Value: e.value, Source: r.source(e)}
	}
	lookup := func(key string) (EffectiveSetting, bool) {
		i, ok := slices.BinarySearchFunc(entries, key, func(e applied, k string) int { return strings.Compare(e.key, k) })
		if !ok {
			return EffectiveSetting{}, false
		}
		return r.Settings[i], true
	}
	slices.SortStableFunc(r.Conflicts, func(a, b Conflict) int {
		return strings.Compare(settingKey(a.Path, a.Name), settingKey(b.Path, b.Name))
	})
	c.runtimeView(r, entries)
	if len(r.Matched) > 0 {
		if s, ok := lookup(keyMultivariant); ok {
			if n, ok := ParseDWORD(s.Value); ok && n == 0 {
				r.Notes = append(slices.Clip(r.Notes), fmt.Sprintf("Multivariant/Enable is 0 (%s): with runtime configuration off, the device does not pick variants by SIM; the settings above are what the file would give with it on", s.Source))
			}
		}
	}

	if noIMSI > 0 {
		r.Notes = append(slices.Clip(r.Notes), fmt.Sprintf("the profile has no IMSI: %s is left as written in %s; set IMSI to see this SIM's per-IMSI paths", MacroIMSI, english.Count(noIMSI, "setting")))
	}
	if noICCID > 0 {
		r.Notes = append(slices.Clip(r.Notes), fmt.Sprintf("the profile has no ICCID: %s is left as written in %s; set ICCID to see this SIM's per-SIM paths", MacroICCID, english.Count(noICCID, "setting")))
	}
}

// source is where an applied setting comes from.
func (r *Result) source(e applied) SettingSource {
	if e.match < 0 {
		return SettingSource{Kind: KindStatic, File: e.s.def.Source.File, Line: e.s.def.Source.Line}
	}
	m := &r.Matched[e.match]
	return SettingSource{Kind: KindVariant, Variant: m.Variant, Target: m.Target, TargetState: m.TargetState,
		File: e.s.def.Source.File, Line: e.s.def.Source.Line}
}

// sameValue reports whether two setting values are the same: equal text, or
// the same DWORD written differently (1 and 0x1).
func sameValue(a, b string) bool {
	if a == b {
		return true
	}
	x, ok1 := ParseDWORD(a)
	y, ok2 := ParseDWORD(b)
	return ok1 && ok2 && x == y
}
