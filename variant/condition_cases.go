package variant

import (
	"slices"
	"strings"
)

// condition_cases.go: an answer that depends on a fact the profile does not
// give is enumerated, value by value, where the fact has few values.

// Case is what a SIM gets for one combination of values of the device and
// state facts its profile does not give and that decide some of its
// TargetStates (Roaming, UICC, UICCSLOT: each has two or three values).
type Case struct {
	Facts    []CaseFact `json:"facts"`    // the values assumed, in the order of caseFacts
	Variants []string   `json:"variants"` // the Variants applied, in application order
	// Settings are the settings whose value is not the same in every case,
	// sorted by path and name.
	Settings []CaseSetting `json:"settings"`
	// Runtime are the runtime values (as the device reads them) that are
	// not the same in every case, in Result.Runtime's order.
	Runtime   []CaseRuntime `json:"runtime"`
	Undecided int           `json:"undecided"` // TargetStates still undecided, for another reason
}

// CaseRuntime is a runtime value in one Case.
type CaseRuntime struct {
	Customization string `json:"customization"`
	Path          string `json:"path"`
	Name          string `json:"name"`
	Value         string `json:"value"` // the value the device uses (Forced when forced); "" when unset with no default
	Scope         string `json:"scope"` // as RuntimeSetting.Scope
	Forced        bool   `json:"forced,omitempty"`
}

// CaseFact is one fact's value assumed by a Case.
type CaseFact struct {
	Name  string `json:"name"` // documented spelling
	Value string `json:"value"`
}

// CaseSetting is a setting's value in one Case.
type CaseSetting struct {
	Path    string `json:"path"`
	Name    string `json:"name"`
	Value   string `json:"value"` // "" when Set is false
	Set     bool   `json:"set"`   // false: no Static setting or applied Variant sets it
	Variant string `json:"variant,omitempty"`
}

// caseFacts are the facts a Case enumerates, with their documented values,
// in output order.
var caseFacts = []struct {
	key    string
	values []string
}{
	{"roaming", []string{"0", "1"}},
	{"uicc", []string{"0", "1", "2"}},
	{"uiccslot", []string{"0", "1"}},
}

// Cases resolves p once for every combination of values of the facts that
// r's undecided TargetStates test and p does not give (Roaming, UICC,
// UICCSLOT), so that an answer that depends on them says how ("depends on
// Roaming: 0 → …, 1 → …"). r is c's Resolve of p. It returns nil when
// ReportMissingFacts is off or no such fact decides a state; facts with
// many values (Region, Lang, ...) stay undecided by name.
func (c *Compiled) Cases(p Profile, r *Result) []Case {
	if !c.missingFacts || len(r.Undecided) == 0 {
		return nil
	}
	var keys []int // indices into caseFacts
	for _, u := range r.Undecided {
		for _, st := range c.statesOf(u) {
			for _, cond := range st.conds {
				for i, f := range caseFacts {
					if _, given := p.get(f.key); cond.key == f.key && !given && !slices.Contains(keys, i) {
						keys = append(keys, i)
					}
				}
			}
		}
	}
	if len(keys) == 0 {
		return nil
	}
	slices.Sort(keys)
	combos := [][]CaseFact{nil}
	for _, k := range keys {
		var next [][]CaseFact
		for _, prefix := range combos {
			for _, v := range caseFacts[k].values {
				next = append(next, append(slices.Clip(prefix), CaseFact{CanonicalName(caseFacts[k].key), v}))
			}
		}
		combos = next
	}
	cases := make([]Case, len(combos))
	results := make([]Result, len(combos))
	for i, facts := range combos {
		q := p.Clone()
		for _, f := range facts {
			q.Set(f.Name, f.Value)
		}
		results[i] = c.resolve(q, false)
		cases[i] = Case{Facts: facts, Variants: []string{}, Settings: []CaseSetting{}, Runtime: []CaseRuntime{}, Undecided: len(results[i].Undecided)}
		for _, m := range results[i].Matched {
			cases[i].Variants = append(cases[i].Variants, m.Variant)
		}
	}
	// The settings that differ: every (path, name) any case sets, kept when
	// some case has another value or leaves it unset.
	type key struct{ path, name string }
	var order []key
	values := map[key][]CaseSetting{}
	for i, res := range results {
		for _, s := range res.Settings {
			k := key{strings.ToLower(s.Path), strings.ToLower(s.Name)}
			if values[k] == nil {
				order = append(order, k)
				values[k] = make([]CaseSetting, len(results))
			}
			values[k][i] = CaseSetting{Path: s.Path, Name: s.Name, Value: s.Value, Set: true, Variant: s.Source.Variant}
		}
	}
	slices.SortFunc(order, func(a, b key) int { return strings.Compare(a.path+"\x00"+a.name, b.path+"\x00"+b.name) })
	for _, k := range order {
		vs := values[k]
		same := true
		for _, v := range vs[1:] {
			same = same && v.Set == vs[0].Set && v.Value == vs[0].Value
		}
		if same {
			continue
		}
		ref := vs[slices.IndexFunc(vs, func(v CaseSetting) bool { return v.Set })]
		for i, v := range vs {
			if !v.Set {
				v = CaseSetting{Path: ref.Path, Name: ref.Name}
			}
			cases[i].Settings = append(cases[i].Settings, v)
		}
	}
	caseRuntime(cases, results)
	return cases
}

// caseRuntime fills each case's Runtime with the runtime rows that differ.
func caseRuntime(cases []Case, results []Result) {
	type key struct{ cust, path, name string }
	var order []key
	rows := map[key][]CaseRuntime{}
	for i, res := range results {
		for _, rs := range res.Runtime {
			if rs.Customization == "" {
				continue // a setting the catalog does not know: in Settings already
			}
			k := key{rs.Customization, strings.ToLower(rs.Path), strings.ToLower(rs.Name)}
			if rows[k] == nil {
				order = append(order, k)
				rows[k] = make([]CaseRuntime, len(results))
			}
			cr := CaseRuntime{Customization: rs.Customization, Path: rs.Path, Name: rs.Name, Value: rs.Value, Scope: rs.Scope}
			if rs.Forced != "" {
				cr.Value, cr.Forced = rs.Forced, true
			}
			rows[k][i] = cr
		}
	}
	for _, k := range order {
		vs := rows[k]
		if !slices.ContainsFunc(vs[1:], func(v CaseRuntime) bool { return v != vs[0] }) {
			continue
		}
		for i, v := range vs {
			if v.Scope == "" { // no row in this case
				v = CaseRuntime{Customization: vs[0].Customization, Path: vs[0].Path, Name: vs[0].Name, Scope: "unset"}
			}
			cases[i].Runtime = append(cases[i].Runtime, v)
		}
	}
}

// statesOf returns the TargetState an UndecidedState names.
func (c *Compiled) statesOf(u UndecidedState) []*cState {
	for ti := range c.targets {
		if t := &c.targets[ti]; t.id == u.Target && u.TargetState >= 1 && u.TargetState <= len(t.states) {
			return []*cState{&t.states[u.TargetState-1]}
		}
	}
	return nil
}

// DeviceFact reports whether a condition name is a fact of the device or
// its state (Roaming, UICC, UICCSLOT, the P1 names) rather than of the SIM's
// identity: a device always has a value for it, where a SIM may lack an SPN.
func DeviceFact(name string) bool { return contextFact(lowerName(name)) }

// FactValues returns the documented values of a fact that has few (Roaming
// and UICCSLOT 0 and 1; UICC 0, 1 and 2), nil for any other name.
func FactValues(name string) []string {
	key := lowerName(name)
	for _, f := range caseFacts {
		if f.key == key {
			return slices.Clone(f.values)
		}
	}
	return nil
}
