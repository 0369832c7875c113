package variant

import (
	"encoding/binary"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/mcsf-dev/mcsf/catalog"
)

// runtime.go: the device's view of every setting the file sets for one
// SIM, from the catalog: which scope's value the runtime reads (per-IMSI
// over per-device unless the page says otherwise), the documented default
// where nothing is set, what a customization with runtime semantics does
// with its values, and the values its runtime replaces
// (catalog.RuntimeOf).
//
// Everything that depends only on the file (the catalog entry of each
// setting, the row it fills, the rows of the touched customizations'
// defaults and their order) is worked out once per Compiled (runtimePlan):
// a batch of a million SIMs looks nothing up in the catalog per SIM.

// RuntimeSetting is one setting as the device reads it for this SIM.
type RuntimeSetting struct {
	// Customization is the catalog id; "" when the catalog does not know the setting.
	Customization string `json:"customization"`
	// Path is the settings path of the value read, as documented
	// (CellCore/PerIMSI/$(__IMSI)/SMS), or as written (macros expanded)
	// when the catalog does not know it.
	Path  string `json:"path"`
	Name  string `json:"name"`
	Value string `json:"value"` // "" when unset with no default
	// Scope is where the value comes from: per-imsi, per-sim, per-device,
	// device (a setting not keyed by SIM), default (not set: the documented
	// default), unset (not set, no documented default).
	Scope  string         `json:"scope"`
	Source *SettingSource `json:"source,omitempty"`
	// Shadowed is the other scope's value the runtime does not read.
	Shadowed *ShadowedValue `json:"shadowed,omitempty"`
	// Forced is the value the runtime uses instead of Value, when its
	// semantics override the file (RetryEnabled while
	// AttemptThresholdForIMS is not configured); "" when it does not.
	Forced string `json:"forced,omitempty"`
	// Undocumented is true when Value is not a value the documentation
	// defines for the setting (RetryEnabled=2): unknown, never read as
	// another value. Note says what the documentation allows.
	Undocumented bool   `json:"undocumented,omitempty"`
	Note         string `json:"note,omitempty"` // why Forced or Undocumented; "" otherwise
}

// ShadowedValue is a value set for a setting in the scope that loses.
type ShadowedValue struct {
	Scope  string        `json:"scope"`
	Value  string        `json:"value"`
	Source SettingSource `json:"source"`
}

// RuntimeEffect is what the runtime does with one customization's values.
type RuntimeEffect struct {
	Customization string   `json:"customization"`
	Effects       []string `json:"effects"`
}

// Scopes of a RuntimeSetting beyond the catalog's.
const (
	ScopeDefault = "default" // not set: the documented default applies
	ScopeUnset   = "unset"   // not set, and no documented default
)

// NoteForced is the note of RetryEnabled while the runtime forces it
// (domain.md §4); retry says the same.
const NoteForced = catalog.RetryEnabledForced

// RuntimeValue returns the runtime row of the setting name of the catalog
// customization id (names compare case-insensitively); ok is false when
// this SIM's view has no such row.
func (r *Result) RuntimeValue(id, name string) (RuntimeSetting, bool) {
	for _, s := range r.Runtime {
		if s.Customization == id && strings.EqualFold(s.Name, name) {
			return s, true
		}
	}
	return RuntimeSetting{}, false
}

// runtimePlan is the file's part of the runtime view, worked out once.
type runtimePlan struct {
	cols     []rtColumn
	static   []rtSet   // of each c.static[i]
	variants [][]rtSet // of each c.variants[v].settings[i]
	refs     []rtRef
	sem      []rtSemantics // customizations with runtime semantics, by id
	public   []RuntimeColumn
}

// rtSet is what the plan knows of one setting of the file: its rtRef, and
// whether its value is one the documentation does not define.
type rtSet struct {
	ref   int32
	undoc bool
}

// rtColumn is one row a SIM's view may hold: one setting of one
// customization, whatever scope fills it.
type rtColumn struct {
	cust, name string
	setting    *catalog.Setting // nil when the catalog does not know it
	prec       catalog.Precedence
	// The row when nothing fills it for a SIM: shown (the documented
	// default, or unset where the runtime gives the setting a meaning),
	// with the path and value it has then.
	show      bool
	path, def string
	sortKey   string
}

// rtRef is what one setting of the file fills: its column, the row's path
// and scope, and where the row sorts.
type rtRef struct {
	col         int32
	path, name  string // "" path: the setting's own (expanded) path
	scope       string
	sortKey     string
	patternName bool // the catalog name is a pattern ({GUID}): the row shows the name as written
}

type rtSemantics struct {
	id   string
	rt   catalog.Runtime
	memo *effectMemo
}

// planOnce guards the runtime plan of a Compiled.
type planOnce struct {
	once sync.Once
	plan *runtimePlan
}

func (c *Compiled) runtimePlan() *runtimePlan {
	c.plan.once.Do(func() { c.plan.plan = c.buildPlan() })
	return c.plan.plan
}

func (c *Compiled) buildPlan() *runtimePlan {
	ix := catalog.Load()
	pl := &runtimePlan{}
	colOf := map[string]int32{} // customization, pair key and name → column
	refOf := map[string]int32{} // setting key (macros unexpanded) → ref
	var touched []*catalog.Customization
	seen := map[string]bool{}
	ref := func(s *cSetting) int32 {
		if i, ok := refOf[s.key]; ok {
			return i
		}
		var r rtRef
		var col rtColumn
		var ck string
		if e, ok := ix.Lookup(s.def.Path, s.def.Name); ok {
			if !seen[e.Customization.ID] {
				seen[e.Customization.ID] = true
				touched = append(touched, e.Customization)
			}
			r = rtRef{path: e.Group.Path, name: e.Setting.Name, scope: string(e.Group.Scope)}
			if strings.Contains(e.Setting.Name, "{") {
				r.name, r.patternName = s.def.Name, true
			}
			col = rtColumn{cust: e.Customization.ID, name: r.name, setting: e.Setting, prec: e.Setting.Precedence, path: e.Group.Path}
			ck = e.Customization.ID + "\x00" + pairKey(e.Group.Path) + "\x00" + strings.ToLower(r.name)
			r.sortKey = runtimeSortKey(e.Customization.ID, r.path, r.name)
		} else {
			r = rtRef{name: s.def.Name, scope: string(catalog.Device)}
			if !s.macros {
				r.path = s.def.Path
				r.sortKey = runtimeSortKey("", r.path, r.name)
			}
			col = rtColumn{name: s.def.Name, path: s.def.Path}
			ck = "\x00" + s.key
		}
		ci, ok := colOf[ck]
		if !ok {
			ci = int32(len(pl.cols))
			col.sortKey = r.sortKey
			pl.cols = append(pl.cols, col)
			colOf[ck] = ci
		}
		r.col = ci
		refOf[s.key] = int32(len(pl.refs))
		pl.refs = append(pl.refs, r)
		return int32(len(pl.refs) - 1)
	}
	pl.static = make([]rtSet, len(c.static))
	for i := range c.static {
		pl.static[i].ref = ref(&c.static[i])
	}
	pl.variants = make([][]rtSet, len(c.variants))
	for v := range c.variants {
		pl.variants[v] = make([]rtSet, len(c.variants[v].settings))
		for i := range c.variants[v].settings {
			pl.variants[v][i].ref = ref(&c.variants[v].settings[i])
		}
	}
	// Every documented setting of a touched customization: its default
	// where the file leaves it unset, or unset where the runtime gives the
	// value meaning. The first group of a setting names the row.
	slices.SortFunc(touched, func(a, b *catalog.Customization) int { return strings.Compare(a.ID, b.ID) })
	for _, cu := range touched {
		rt, semantic := catalog.RuntimeOf(cu.ID)
		defaulted := map[int32]bool{}
		for gi := range cu.Groups {
			g := &cu.Groups[gi]
			for si := range g.Settings {
				s := &g.Settings[si]
				if strings.Contains(s.Name, "{") {
					continue
				}
				ck := cu.ID + "\x00" + pairKey(g.Path) + "\x00" + strings.ToLower(s.Name)
				ci, ok := colOf[ck]
				if !ok {
					if s.Default == "" && !semantic {
						continue
					}
					ci = int32(len(pl.cols))
					pl.cols = append(pl.cols, rtColumn{cust: cu.ID, name: s.Name, setting: s, prec: s.Precedence})
					colOf[ck] = ci
				}
				if !defaulted[ci] {
					defaulted[ci] = true
					col := &pl.cols[ci]
					col.show = s.Default != "" || semantic
					col.path, col.def = g.Path, s.Default
					col.sortKey = runtimeSortKey(cu.ID, g.Path, col.name)
				}
			}
		}
		if semantic {
			pl.sem = append(pl.sem, rtSemantics{id: cu.ID, rt: rt, memo: &effectMemo{}})
		}
	}
	pl.sortColumns()
	pl.describeColumns(c)
	return pl
}

// sortColumns puts the columns in the order of a view's rows (by the row
// each shows when nothing sets it) and renumbers the refs.
func (pl *runtimePlan) sortColumns() {
	perm := make([]int32, len(pl.cols))
	for i := range perm {
		perm[i] = int32(i)
	}
	slices.SortStableFunc(perm, func(a, b int32) int { return strings.Compare(pl.cols[a].sortKey, pl.cols[b].sortKey) })
	newIndex := make([]int32, len(perm))
	cols := make([]rtColumn, len(perm))
	for to, from := range perm {
		newIndex[from] = int32(to)
		cols[to] = pl.cols[from]
	}
	pl.cols = cols
	for i := range pl.refs {
		pl.refs[i].col = newIndex[pl.refs[i].col]
	}
}

// describeColumns fills the exported description of every column: the
// values and scopes it can show.
func (pl *runtimePlan) describeColumns(c *Compiled) {
	pl.public = make([]RuntimeColumn, len(pl.cols))
	seen := make([]map[string]bool, len(pl.cols))
	add := func(ci int32, v RuntimeColumnValue) {
		if seen[ci] == nil {
			seen[ci] = map[string]bool{}
		}
		k := v.Value + "\x00" + v.Scope
		if !seen[ci][k] {
			seen[ci][k] = true
			pl.public[ci].Values = append(pl.public[ci].Values, v)
		}
	}
	for ci := range pl.cols {
		col := &pl.cols[ci]
		pl.public[ci] = RuntimeColumn{Customization: col.cust, Path: col.path, Name: col.name}
		if col.show {
			scope := ScopeDefault
			if col.def == "" {
				scope = ScopeUnset
			}
			add(int32(ci), RuntimeColumnValue{Value: col.def, Scope: scope})
		}
	}
	// A large file sets few settings, to few values, many times: each
	// column, scope and value is looked at once.
	type written struct {
		col          int32
		scope, value string
	}
	undoc := map[written]bool{}
	fill := func(sets []rtSet, settings []cSetting) {
		for i := range sets {
			rf := &pl.refs[sets[i].ref]
			w := written{rf.col, rf.scope, settings[i].def.Value}
			if u, ok := undoc[w]; ok {
				sets[i].undoc = u
				continue
			}
			col := &pl.cols[rf.col]
			v := RuntimeColumnValue{Value: longestExpansion(w.value), Scope: rf.scope}
			if col.setting != nil && col.setting.Numeric() {
				v.Undocumented = col.setting.CheckValue(w.value) != ""
				sets[i].undoc = v.Undocumented
			}
			undoc[w] = sets[i].undoc
			add(rf.col, v)
		}
	}
	fill(pl.static, c.static)
	for v := range c.variants {
		fill(pl.variants[v], c.variants[v].settings)
	}
	nothing := func(string) (uint32, bool) { return 0, false }
	for _, sm := range pl.sem {
		if sm.rt.Forced == nil {
			continue
		}
		for _, f := range sm.rt.Forced(nothing) {
			for ci := range pl.public {
				if pl.cols[ci].cust == sm.id && strings.EqualFold(pl.cols[ci].name, f.Setting) {
					pl.public[ci].Forced = append(pl.public[ci].Forced, strconv.FormatUint(uint64(f.Value), 10))
				}
			}
		}
	}
}

// longestExpansion is v with each macro replaced by the longest value it
// can take (15 IMSI digits, 22 ICCID digits), for column widths.
func longestExpansion(v string) string {
	if !hasMacro(v) {
		return v
	}
	return strings.NewReplacer(MacroIMSI, strings.Repeat("9", 15), MacroICCID, strings.Repeat("9", 22)).Replace(v)
}

// RuntimeColumn is one row that the runtime view of a SIM may hold: a
// setting the file sets, or a documented default of a customization it
// touches. Every Result of one Compiled holds a subset of its columns.
type RuntimeColumn struct {
	Customization string // the catalog id; "" when the catalog does not know the setting
	Path, Name    string // as the row shows them when nothing sets the setting (or as first written)
	// Values lists every value and scope the row can show: the values the
	// file sets (a macro counted at its longest expansion) and the
	// default. A value may appear with several scopes.
	Values []RuntimeColumnValue
	// Forced lists values the runtime may use instead (RuntimeSetting.Forced).
	Forced []string
}

// RuntimeColumnValue is one value a RuntimeColumn can show.
type RuntimeColumnValue struct {
	Value, Scope string
	Undocumented bool
}

// RuntimeColumns lists every runtime row a SIM's view can hold, in the
// order views list them when nothing reorders them. The slice is shared:
// do not change it.
func (c *Compiled) RuntimeColumns() []RuntimeColumn { return c.runtimePlan().public }

// RuntimeColumn returns the index in RuntimeColumns of r.Runtime[i]; -1
// when r does not come from Resolve or Explain.
func (r *Result) RuntimeColumn(i int) int {
	if i < 0 || i >= len(r.runtimeCols) {
		return -1
	}
	return int(r.runtimeCols[i])
}

// runtimeSortKey orders the rows of a view: by customization, path and
// name, ignoring case.
func runtimeSortKey(cust, path, name string) string {
	return cust + "\x00" + strings.ToLower(path) + "\x00" + strings.ToLower(name)
}

// runtimeView builds Result.Runtime and Result.Effects from the applied
// settings.
func (c *Compiled) runtimeView(r *Result, entries []applied) {
	pl := c.runtimePlan()
	type cell struct{ win, shadow int32 } // entry index + 1; 0: none
	var cellBuf [32]cell
	cells := cellBuf[:0]
	if len(pl.cols) > len(cellBuf) {
		cells = make([]cell, len(pl.cols))
	}
	cells = cells[:len(pl.cols)]
	n := 0
	for i := range entries {
		rf := &pl.refs[entries[i].ref]
		cl := &cells[rf.col]
		if cl.win == 0 {
			cl.win = int32(i + 1)
			n++
			continue
		}
		old := &pl.refs[entries[cl.win-1].ref]
		if wins(old.scope, rf.scope, pl.cols[rf.col].prec) {
			cl.shadow = int32(i + 1)
		} else {
			cl.shadow, cl.win = cl.win, int32(i+1)
		}
	}
	for ci := range pl.cols {
		if cells[ci].win == 0 && pl.cols[ci].show {
			n++
		}
	}
	r.Runtime = make([]RuntimeSetting, 0, n)
	r.runtimeCols = make([]int32, 0, n)
	var keyBuf [32]string
	keys := keyBuf[:0] // each row's sort key
	if n > len(keyBuf) {
		keys = make([]string, 0, n)
	}
	sources := make([]SettingSource, 0, n) // one allocation for every row's source
	for ci := range pl.cols {
		col := &pl.cols[ci]
		cl := cells[ci]
		if cl.win == 0 {
			if col.show {
				rs := RuntimeSetting{Customization: col.cust, Path: col.path, Name: col.name, Value: col.def, Scope: ScopeDefault}
				if col.def == "" {
					rs.Scope = ScopeUnset
				}
				r.Runtime, r.runtimeCols, keys = append(r.Runtime, rs), append(r.runtimeCols, int32(ci)), append(keys, col.sortKey)
			}
			continue
		}
		e := &entries[cl.win-1]
		rf := &pl.refs[e.ref]
		sources = append(sources, r.source(*e))
		rs := RuntimeSetting{Customization: col.cust, Path: rf.path, Name: rf.name, Value: e.value, Scope: rf.scope, Source: &sources[len(sources)-1]}
		key := rf.sortKey
		if rf.path == "" { // a setting the catalog does not know, under a macro: as expanded
			rs.Path = e.path
			key = runtimeSortKey("", e.path, rf.name)
		}
		if rf.patternName {
			rs.Name = e.name
		}
		if cl.shadow != 0 {
			o := &entries[cl.shadow-1]
			rs.Shadowed = &ShadowedValue{Scope: pl.refs[o.ref].scope, Value: o.value, Source: r.source(*o)}
		}
		if !e.expanded && e.undoc || e.expanded && col.setting != nil && col.setting.Numeric() && col.setting.CheckValue(e.value) != "" {
			rs.Undocumented, rs.Note = true, undocumentedNote(col.setting)
		}
		r.Runtime, r.runtimeCols, keys = append(r.Runtime, rs), append(r.runtimeCols, int32(ci)), append(keys, key)
	}
	// Columns are in the order of their default rows; a row read from
	// another scope's path may sort elsewhere (insertion sort: a few rows).
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0 && keys[j] < keys[j-1]; j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
			r.Runtime[j], r.Runtime[j-1] = r.Runtime[j-1], r.Runtime[j]
			r.runtimeCols[j], r.runtimeCols[j-1] = r.runtimeCols[j-1], r.runtimeCols[j]
		}
	}
	r.Effects = make([]RuntimeEffect, 0, len(pl.sem))
	for i := range pl.sem {
		pl.sem[i].apply(r)
	}
}

// effectMemo remembers what a customization's runtime semantics say for
// one combination of values: a batch meets few combinations, and the
// semantics format text.
type effectMemo struct {
	mu sync.RWMutex
	m  map[string]*effectResult
}

type effectResult struct {
	effects []string
	forced  []catalog.Forced
}

// maxEffectMemo bounds a memo: past it, combinations are worked out each time.
const maxEffectMemo = 4096

// apply adds what the runtime does with the customization's values for
// this SIM, and marks the values it replaces. The effect lines are shared
// between Results: do not change them.
func (sm *rtSemantics) apply(r *Result) {
	var kb [128]byte
	key := kb[:0]
	for i := range r.Runtime {
		s := &r.Runtime[i]
		if s.Customization == sm.id && s.Scope != ScopeUnset && s.Scope != ScopeDefault {
			key = binary.AppendUvarint(key, uint64(r.runtimeCols[i]))
			key = append(append(key, s.Value...), 0)
		}
	}
	sm.memo.mu.RLock()
	res, ok := sm.memo.m[string(key)]
	sm.memo.mu.RUnlock()
	if !ok {
		res = sm.evaluate(r)
		sm.memo.mu.Lock()
		if sm.memo.m == nil {
			sm.memo.m = map[string]*effectResult{}
		}
		if len(sm.memo.m) < maxEffectMemo {
			sm.memo.m[string(key)] = res
		}
		sm.memo.mu.Unlock()
	}
	if res.effects != nil {
		r.Effects = append(r.Effects, RuntimeEffect{Customization: sm.id, Effects: res.effects})
	}
	for _, f := range res.forced {
		for i := range r.Runtime {
			s := &r.Runtime[i]
			if s.Customization != sm.id || s.Scope == ScopeUnset || s.Scope == ScopeDefault || !strings.EqualFold(s.Name, f.Setting) {
				continue
			}
			if n, err := catalog.ParseDWORD(s.Value); err != nil || n != f.Value {
				s.Forced = strconv.FormatUint(uint64(f.Value), 10)
				s.Note = strings.TrimPrefix(s.Note+"; "+f.Why, "; ")
			}
		}
	}
}

// evaluate runs the semantics on the values r's rows set.
func (sm *rtSemantics) evaluate(r *Result) *effectResult {
	values := map[string]uint32{}
	var invalid []string
	for i := range r.Runtime {
		s := &r.Runtime[i]
		if s.Customization != sm.id || s.Scope == ScopeUnset || s.Scope == ScopeDefault {
			continue
		}
		if n, err := catalog.ParseDWORD(s.Value); err == nil {
			values[strings.ToLower(s.Name)] = n
		} else {
			invalid = append(invalid, fmt.Sprintf("%s=%q is not a DWORD (decimal, or hexadecimal with 0x): what the runtime does with it is unknown", s.Name, s.Value))
		}
	}
	if len(invalid) > 0 {
		return &effectResult{effects: invalid}
	}
	get := func(name string) (uint32, bool) {
		n, ok := values[strings.ToLower(name)]
		return n, ok
	}
	res := &effectResult{}
	if sm.rt.Effect != nil {
		res.effects = sm.rt.Effect(get)
	}
	if sm.rt.Forced != nil {
		res.forced = sm.rt.Forced(get)
	}
	return res
}

// undocumentedNote says which values the documentation defines for s.
func undocumentedNote(s *catalog.Setting) string {
	return "unknown to the documentation, which defines " + s.Describe()
}

// pairKey is a group's path without its scope prefix, so that the per-IMSI
// and per-device groups of one setting share it.
func pairKey(path string) string {
	lower := strings.ToLower(path)
	for _, p := range []string{"cellcore/perimsi/$(__imsi)/", "cellcore/perdevice/"} {
		if rest, ok := strings.CutPrefix(lower, p); ok {
			return "cellcore/*/" + rest
		}
	}
	return lower
}

// wins reports whether a value at scope a beats one at scope b.
func wins(a, b string, p catalog.Precedence) bool {
	rank := func(s string) int {
		switch catalog.Scope(s) {
		case catalog.PerIMSI, catalog.PerSIM:
			if p == catalog.DeviceWins {
				return 1
			}
			return 2
		case catalog.PerDevice:
			if p == catalog.DeviceWins {
				return 2
			}
			return 1
		}
		return 0
	}
	return rank(a) >= rank(b)
}
