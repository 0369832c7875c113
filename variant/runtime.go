package variant

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/mcsf-dev/mcsf/catalog"
)

// runtime.go: the device's view of every setting the file sets for one
// SIM, from the catalog: which scope's value the runtime reads (per-IMSI
// over per-device unless the page says otherwise), the documented default
// where nothing is set, and what a customization with runtime semantics
// does with its values (catalog.RuntimeOf).

// RuntimeSetting is one setting as the device reads it for this SIM.
type RuntimeSetting struct {
	// Customization is the catalog id; "" when the catalog does not know the setting.
	Customization string `json:"customization"`
	// Path is the settings path of the value read, as documented
	// (CellCore/PerIMSI/$(__IMSI)/SMS), or as written when unknown.
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
	runtimeDefault = "default"
	runtimeUnset   = "unset"
)

// touched lists, once per Compiled, the catalog customizations the file
// sets anywhere: a SIM gets their documented defaults even where no setting
// of them applies to it.
type touched struct {
	once sync.Once
	ids  []*catalog.Customization
}

func (c *Compiled) touchedCustomizations() []*catalog.Customization {
	c.touched.once.Do(func() {
		ix := catalog.Load()
		seen := map[string]bool{}
		add := func(ss []cSetting) {
			for i := range ss {
				if e, ok := ix.Lookup(ss[i].def.Path, ss[i].def.Name); ok && !seen[e.Customization.ID] {
					seen[e.Customization.ID] = true
					c.touched.ids = append(c.touched.ids, e.Customization)
				}
			}
		}
		add(c.static)
		for _, v := range c.variants {
			add(v.settings)
		}
	})
	return c.touched.ids
}

// runtimeView builds Result.Runtime and Result.Effects from the applied settings.
func (c *Compiled) runtimeView(r *Result, entries []applied) {
	ix := catalog.Load()
	type key struct{ cust, group, name string } // group: the path with its scope prefix cut
	rows := map[key]*RuntimeSetting{}
	var order []key
	touched := map[string]*catalog.Customization{}
	for _, cu := range c.touchedCustomizations() {
		touched[cu.ID] = cu
	}
	for i, e := range entries {
		src := r.Settings[i].Source
		path := e.s.def.Path
		ent, ok := ix.Lookup(path, e.s.def.Name)
		if !ok {
			k := key{"", strings.ToLower(r.Settings[i].Path), strings.ToLower(r.Settings[i].Name)}
			rows[k] = &RuntimeSetting{Path: r.Settings[i].Path, Name: r.Settings[i].Name, Value: e.value, Scope: string(catalog.Device), Source: &src}
			order = append(order, k)
			continue
		}
		touched[ent.Customization.ID] = ent.Customization
		k := key{ent.Customization.ID, pairKey(ent.Group.Path), strings.ToLower(ent.Setting.Name)}
		row := &RuntimeSetting{Customization: ent.Customization.ID, Path: ent.Group.Path, Name: ent.Setting.Name,
			Value: e.value, Scope: string(ent.Group.Scope), Source: &src}
		if strings.Contains(ent.Setting.Name, "{") {
			row.Name = r.Settings[i].Name
			k.name = strings.ToLower(row.Name)
		}
		old, seen := rows[k]
		if !seen {
			rows[k] = row
			order = append(order, k)
			continue
		}
		winner, loser := row, old
		if wins(old.Scope, row.Scope, ent.Setting.Precedence) {
			winner, loser = old, row
		}
		winner.Shadowed = &ShadowedValue{Scope: loser.Scope, Value: loser.Value, Source: *loser.Source}
		rows[k] = winner
	}
	// settings of a touched customization that the file leaves unset: the
	// documented default, or unset where the runtime gives the value meaning
	for _, cu := range touched {
		_, semantic := catalog.RuntimeOf(cu.ID)
		for _, g := range cu.Groups {
			for _, s := range g.Settings {
				k := key{cu.ID, pairKey(g.Path), strings.ToLower(s.Name)}
				if _, set := rows[k]; set || strings.Contains(s.Name, "{") || s.Default == "" && !semantic {
					continue
				}
				row := &RuntimeSetting{Customization: cu.ID, Path: g.Path, Name: s.Name, Value: s.Default, Scope: runtimeDefault}
				if s.Default == "" {
					row.Scope = runtimeUnset
				}
				rows[k] = row
				order = append(order, k)
			}
		}
	}
	r.Runtime = make([]RuntimeSetting, 0, len(order))
	for _, k := range order {
		r.Runtime = append(r.Runtime, *rows[k])
	}
	slices.SortStableFunc(r.Runtime, func(a, b RuntimeSetting) int {
		return cmp.Or(strings.Compare(a.Customization, b.Customization), strings.Compare(strings.ToLower(a.Path), strings.ToLower(b.Path)),
			strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)))
	})
	r.Effects = []RuntimeEffect{}
	ids := make([]string, 0, len(touched))
	for id := range touched {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		rt, ok := catalog.RuntimeOf(id)
		if !ok || rt.Effect == nil {
			continue
		}
		values := map[string]uint32{}
		var invalid []string
		for _, s := range r.Runtime {
			if s.Customization != id || s.Scope == runtimeUnset || s.Scope == runtimeDefault {
				continue
			}
			if n, err := catalog.ParseDWORD(s.Value); err == nil {
				values[strings.ToLower(s.Name)] = n
			} else {
				invalid = append(invalid, fmt.Sprintf("%s=%q is not a DWORD (decimal, or hexadecimal with 0x): what the runtime does with it is unknown", s.Name, s.Value))
			}
		}
		if len(invalid) > 0 {
			r.Effects = append(r.Effects, RuntimeEffect{Customization: id, Effects: invalid})
			continue
		}
		get := func(name string) (uint32, bool) {
			n, ok := values[strings.ToLower(name)]
			return n, ok
		}
		r.Effects = append(r.Effects, RuntimeEffect{Customization: id, Effects: rt.Effect(get)})
	}
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
