package change

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/mcsf-dev/mcsf/variant"
)

// Report is what a change to an answer file does. Its JSON form is the
// schema diff-output (`mcsf schema diff-output`); slices are never nil.
type Report struct {
	Old string `json:"old"` // the name of the old version
	New string `json:"new"`
	// Structure lists the definitions added, removed or changed, matched by
	// identity (Target Id, Variant Name, Settings Path and Setting Name),
	// and the reorders that change which Variant wins a tie.
	Structure []Change `json:"structure"`
	// Classes is the number of classes of SIMs and devices that the
	// conditions of both versions tell apart.
	Classes int `json:"classes"`
	// Effects lists the classes whose outcome changed or cannot be decided,
	// classes that changed alike merged (see Effect.Any).
	Effects []Effect `json:"effects"`
	// Notes say what the comparison could not know.
	Notes []string `json:"notes"`
	// SIMs holds the effect on each SIM given with Options.SIMs.
	SIMs []SIMEffect `json:"sims,omitempty"`
}

// Effect statuses.
const (
	StatusChanged   = "changed"
	StatusUndecided = "undecided"
)

// Effect is one change and the classes of SIMs (or the SIM) it happens to.
type Effect struct {
	Classes []Class `json:"classes"`
	Status  string  `json:"status"` // changed or undecided
	// Settings are the effective settings that change, sorted by path and
	// name; Runtime the values the device reads for IMSRetry and
	// AutoRetryDownloadForMMS that change.
	Settings []SettingChange `json:"settings"`
	Runtime  []RuntimeChange `json:"runtime"`
	// Kept are the runtime values that a changed setting feeds but that do
	// not change (a per-device default under a per-IMSI value).
	Kept []RuntimeValue `json:"kept"`
	// Undecided lists the TargetStates that cannot be evaluated and
	// where they stand on each side.
	Undecided []string `json:"undecided"`
}

// Class is a class of SIMs and devices that both versions treat alike.
type Class struct {
	// Description is the class in words: "MCC 310, MNC 410, any SPN".
	Description string       `json:"description"`
	Conditions  []ClassLimit `json:"conditions"`
	// Any names the conditions that split this class further, each part
	// changing alike.
	Any []string `json:"any"`
	// SIM is one profile of the class; Merged is how many classes of the
	// partition it stands for (1 for a SIM of Options.SIMs).
	SIM    variant.Profile `json:"sim"`
	Merged int             `json:"merged"`
}

// ClassLimit is what a class requires of one condition name.
type ClassLimit struct {
	Name        string `json:"name"`
	Description string `json:"description"`
}

// SettingChange is one effective setting whose value changes; Old or New
// is nil when the setting is not set on that side.
type SettingChange struct {
	Path  string     `json:"path"` // as written, macros unexpanded
	Name  string     `json:"name"`
	Scope string     `json:"scope"` // per-IMSI, per-SIM, per-device, device (Static), device (Variant)
	Old   *SideValue `json:"old"`
	New   *SideValue `json:"new"`
}

// SideValue is a value and where it comes from.
type SideValue struct {
	Value  string                `json:"value"`
	Source variant.SettingSource `json:"source"`
}

// RuntimeChange is a runtime value that changes.
type RuntimeChange struct {
	Name string       `json:"name"`
	Old  RuntimeValue `json:"old"`
	New  RuntimeValue `json:"new"`
}

// RuntimeValue is one runtime value: the DWORD in decimal, a quoted text
// that is no DWORD, or "unset"; the scope it is read from.
type RuntimeValue struct {
	Name   string                 `json:"name"`
	Value  string                 `json:"value"`
	Scope  string                 `json:"scope"`
	Source *variant.SettingSource `json:"source,omitempty"`
}

// SIMEffect is the effect on one SIM of Options.SIMs.
type SIMEffect struct {
	Row    int    `json:"row"` // 1-based
	Effect Effect `json:"effect"`
}

// Changed reports whether the effect on any SIM changed or cannot be
// decided.
func (r *Report) Changed() bool {
	return len(r.Effects) > 0 || slices.ContainsFunc(r.SIMs, func(s SIMEffect) bool { return s.Effect.Status != "" })
}

// Options tune Diff.
type Options struct {
	// SIMs, when set, are resolved one by one instead of the classes.
	SIMs []variant.Profile
}

// Version is one version of an answer file: its name, its Model (as
// variant.ModelOf or variant.ModelOfMerged read it) and, for an import
// graph, its files.
type Version struct {
	Name  string
	Model variant.Model
	Files []File // root first; nil for a file alone
}

// File is one file of an import graph: its path relative to the root
// file's directory, and its rank ("root", a Priority such as "2", or
// "none").
type File struct {
	Path, Rank string
}

// Diff compares two versions of an answer file.
func Diff(oldV, newV Version, o Options) *Report {
	old, new := oldV.Model, newV.Model
	r := &Report{Old: oldV.Name, New: newV.Name, Structure: append(fileChanges(oldV.Files, newV.Files), structure(old, new)...), Effects: []Effect{}, Notes: []string{}}
	changedVariants := map[string]bool{}
	for _, c := range r.Structure {
		if c.Variant != "" {
			changedVariants[strings.ToLower(c.Variant)] = true
		}
	}
	// The two compiled sides and the partition do not depend on each other.
	var os, ns *side
	var wg sync.WaitGroup
	wg.Go(func() { os = newSide(old) })
	wg.Go(func() { ns = newSide(new) })
	p := newPartition(old, new)
	root := p.build()
	wg.Wait()
	leaves := collectLeaves(root, nil)
	r.Classes = len(leaves)
	for ni, why := range p.incomplete {
		r.Notes = append(r.Notes, fmt.Sprintf("the values of %s are split as far as mcsf could (%s): SIMs outside the classes shown may change too", p.display[ni], why))
	}
	slices.Sort(r.Notes)
	for _, n := range ns.compiled.Notes() {
		r.Notes = append(r.Notes, "in "+newV.Name+": "+n)
	}
	if len(o.SIMs) > 0 {
		r.SIMs = p.simEffects(root, o.SIMs, os, ns, changedVariants)
		return r
	}
	p.effects(leaves, os, ns, changedVariants)
	p.collapse(root)
	bySig := map[string]int{}
	p.emit(root, nil, func(sig string, e Effect) {
		if i, ok := bySig[sig]; ok {
			r.Effects[i].Classes = append(r.Effects[i].Classes, e.Classes...)
			return
		}
		bySig[sig] = len(r.Effects)
		r.Effects = append(r.Effects, e)
	})
	return r
}

func collectLeaves(n *node, out []*node) []*node {
	if len(n.branches) == 0 {
		return append(out, n)
	}
	for _, b := range n.branches {
		out = collectLeaves(b.child, out)
	}
	return out
}

// collapse marks the nodes whose leaves all have one effect.
func (p *partition) collapse(n *node) {
	if len(n.branches) == 0 {
		n.uniform, n.leaves = true, 1
		return
	}
	n.uniform = true
	for i, b := range n.branches {
		p.collapse(b.child)
		n.leaves += b.child.leaves
		if !b.child.uniform || b.child.sig != n.branches[0].child.sig {
			n.uniform = false
		}
		if i == 0 {
			n.sig, n.effect, n.profile = b.child.sig, b.child.effect, b.child.profile
		}
	}
}

// emit passes each changed class under n, with its effect and the
// effect's signature, to add; limits are the class limits on the way from
// the root.
func (p *partition) emit(n *node, limits []ClassLimit, add func(sig string, e Effect)) {
	if !n.uniform {
		for _, b := range n.branches {
			p.emit(b.child, append(slices.Clip(limits), ClassLimit{p.display[n.name], p.describe(n, b)}), add)
		}
		return
	}
	if n.sig == "" {
		return
	}
	c := Class{Conditions: append([]ClassLimit{}, limits...), Any: append([]string{}, p.splitNames(n)...), SIM: n.profile, Merged: n.leaves}
	var parts []string
	for _, l := range limits {
		parts = append(parts, l.Description)
	}
	for _, a := range c.Any {
		parts = append(parts, "any "+a)
	}
	c.Description = strings.Join(parts, ", ")
	if c.Description == "" {
		c.Description = "every SIM"
	}
	e := n.effect
	e.Classes = []Class{c}
	e.normalize()
	add(n.sig, e)
}

// normalize makes the slices of e non-nil for JSON.
func (e *Effect) normalize() {
	if e.Settings == nil {
		e.Settings = []SettingChange{}
	}
	if e.Kept == nil {
		e.Kept = []RuntimeValue{}
	}
	if e.Runtime == nil {
		e.Runtime = []RuntimeChange{}
	}
	if e.Undecided == nil {
		e.Undecided = []string{}
	}
}

// splitNames are the names the subtree of n splits on, in display order.
func (p *partition) splitNames(n *node) []string {
	seen := make([]bool, len(p.names))
	var walk func(*node)
	walk = func(n *node) {
		if len(n.branches) == 0 {
			return
		}
		seen[n.name] = true
		for _, b := range n.branches {
			walk(b.child)
		}
	}
	walk(n)
	var out []string
	for i, s := range seen {
		if s {
			out = append(out, p.display[i])
		}
	}
	return out
}
