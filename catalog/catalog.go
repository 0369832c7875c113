package catalog

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/mcsf-dev/mcsf/internal/lazy"
)

// DocBase is where Microsoft publishes the MCSF pages; a customization's URL
// is DocBase followed by its page name.
const DocBase = "https://docs.microsoft.com/en-us/windows-hardware/customize/mobile/mcsf/"

// Constraint is a bit set of the constraints a page states.
type Constraint uint8

// Constraints as the pages name them. None is the zero value.
const (
	ImageTimeOnly      Constraint = 1 << iota // read when the image is built: Static only, never varied by SIM
	FirstVariationOnly                        // applied for the first SIM configuration, never changed again
	Atomic                                    // a group must set every one of its settings at once
)

// String lists the constraints as the pages spell them, "None" when there is none.
func (c Constraint) String() string {
	var out []string
	for _, n := range constraintNames {
		if c&n.c != 0 {
			out = append(out, n.name)
		}
	}
	if len(out) == 0 {
		return "None"
	}
	return strings.Join(out, ", ")
}

var constraintNames = [...]struct {
	c    Constraint
	name string
}{{ImageTimeOnly, "ImageTimeOnly"}, {FirstVariationOnly, "FirstVariationOnly"}, {Atomic, "Atomic"}}

// Scope says whose value a settings group holds and so where it belongs.
type Scope string

// Scopes of a settings group, from the shape of its path.
const (
	PerIMSI   Scope = "per-imsi"   // keyed by $(__IMSI): in a Variant
	PerSIM    Scope = "per-sim"    // keyed by $(__ICCID): in a Variant
	PerDevice Scope = "per-device" // CellCore/PerDevice/...: the device-wide fallback of a per-IMSI value, in Static
	Device    Scope = "device"     // not keyed by SIM: in Static, or in a Variant unless ImageTimeOnly
)

// Label is the scope as the pages write it: per-IMSI, per-SIM, per-device, device.
func (s Scope) Label() string {
	switch s {
	case PerIMSI:
		return "per-IMSI"
	case PerSIM:
		return "per-SIM"
	}
	return string(s)
}

// Type is the kind of value a setting takes.
type Type string

// Value types. Unknown means no page states it and no override gives it.
const (
	Unknown   Type = ""
	DWORD     Type = "dword"    // REG_DWORD: decimal, or hexadecimal with 0x
	Enum      Type = "enum"     // a DWORD from a documented list, or the value's friendly name
	String    Type = "string"   // REG_SZ
	Binary    Type = "binary"   // REG_BINARY: hexadecimal bytes, comma-separated, no 0x
	MultiSZ   Type = "multi-sz" // REG_MULTI_SZ: strings separated by ;
	AssetFile Type = "asset"    // an <Asset Source=".."/>: a file placed in the image
	Bitmask   Type = "bitmask"  // a DWORD that is a sum of documented flags
)

// Precedence says which of a per-IMSI and a per-device value of the same
// setting the runtime uses.
type Precedence uint8

// Precedences. IMSIWins is the zero value: most pages say so.
const (
	IMSIWins   Precedence = iota // the per-IMSI value overrides the per-device one
	DeviceWins                   // the per-device value wins; the per-IMSI one is ignored
)

// Value is one documented value of an enum, or one flag of a bitmask.
type Value struct {
	Value uint32
	Name  string // the friendly name ImageApp also accepts ("Yes"); "" when none
	Doc   string // what the value does, in a few words; "" when the page's table says it
}

// Setting is one setting (or asset) of a settings group.
type Setting struct {
	// Name as the page spells it. A segment in braces ({GUID}, {LANGID})
	// is a name the OEM chooses: it matches any one segment.
	Name   string
	Type   Type
	Values []Value // Enum and Bitmask
	// Min and Max bound a DWORD; HasMin and HasMax say whether they are set.
	Min, Max       uint32
	HasMin, HasMax bool
	Unit           string // of a DWORD, e.g. "seconds"; "" when none
	// Default is the value the runtime uses when the setting is not set,
	// as the page states it; "" when no page states one.
	Default    string
	Precedence Precedence
	// Constraints of this setting beyond its customization's (a page may
	// make one setting ImageTimeOnly).
	Constraints Constraint
	Doc         string // one line, in mcsf's words; "" when none is written yet
	// Override is true when the hand-kept overrides file supplies some of
	// what this entry says (the generator extracts the rest from the page).
	Override bool
}

// Group is a settings group: a Settings Path and the settings under it.
type Group struct {
	// Path as the page spells it, with $(__IMSI) or $(__ICCID) where the
	// runtime puts the SIM's identity, and {NAME} where the OEM chooses a segment.
	Path     string
	Scope    Scope
	Settings []Setting
}

// Customization is one documented customization: one page.
type Customization struct {
	ID          string // e.g. IMSRetry: the sample's Name where no other page uses it
	Page        string // the page's file name without .md, e.g. ims-retry
	Title       string // the page's title
	Constraints Constraint
	// Stated is false when the page does not state its constraints in fixed form.
	Stated bool
	Scopes []Scope // the scopes the page says it supports, in the page's order
	Groups []Group
}

// URL is the customization's documentation page.
func (c *Customization) URL() string {
	if c.Page == "configure-customization-settings" {
		return "https://docs.microsoft.com/en-us/windows-hardware/manufacture/mobile/configure-customization-settings"
	}
	return DocBase + c.Page
}

// Customizations returns the catalog, ordered by page. The slice is the
// embedded table: callers must not change it.
func Customizations() []Customization { return table[:] }

// Entry is a setting with the group and customization it belongs to.
type Entry struct {
	Customization *Customization
	Group         *Group
	Setting       *Setting
}

// Constraints are the entry's constraints: its customization's and its own.
func (e Entry) Constraints() Constraint { return e.Customization.Constraints | e.Setting.Constraints }

// Index finds entries by settings path and setting name, case-insensitively
// as ImageApp compares them. Its tables (pathIndex, patternIndex, nameIndex,
// allPaths, allNames) are generated with the catalog, sorted: looking up is a
// binary search, and nothing is built at start-up (building maps of the 269
// paths and 748 names took ~0.8 ms of a 9 ms lint of a small file).
type Index struct{}

// groupKey is a group of table by its lower-case path.
type groupKey struct {
	key  string
	c, g uint16
}

// patternKey is a group whose path has a {NAME} segment, by its lower-case segments.
type patternKey struct {
	segs []string
	c, g uint16
}

// settingKey is a setting of table by its lower-case name.
type settingKey struct {
	key     string
	c, g, s uint16
}

func (k groupKey) entry() Entry {
	c := &table[k.c]
	return Entry{Customization: c, Group: &c.Groups[k.g]}
}

func (k settingKey) entry() Entry {
	c := &table[k.c]
	g := &c.Groups[k.g]
	return Entry{c, g, &g.Settings[k.s]}
}

// Load returns the index of the embedded catalog.
func Load() *Index { return &index }

var index Index

// Paths lists every settings path of the catalog, sorted.
func (ix *Index) Paths() []string { return allPaths[:] }

// Names lists every setting name of the catalog, sorted.
func (ix *Index) Names() []string { return allNames[:] }

// Canonical reports whether path is a catalog path spelled exactly as the
// catalog (and so Microsoft's documentation) spells it.
func (ix *Index) Canonical(path string) bool {
	_, found := slices.BinarySearch(allPaths[:], path)
	return found
}

// Groups returns the catalog's groups for a settings path as written in a
// file (compared case-insensitively; {NAME} segments of the catalog match
// any segment); nil when the catalog does not know the path. The entries of
// a path without {NAME} segments are shared: callers must not change them.
func (ix *Index) Groups(path string) []Entry {
	// Lint asks for every Settings group of every file: an ASCII path is
	// lowered on the stack and looked up in a map built once (a binary
	// search of pathIndex was 6 % of the checks' CPU on a small file;
	// building the map takes ~50 us), and its entries come from a table
	// built once (2 allocations per call were 14 % of a small file's lint).
	path = foldable(path)
	var buf [128]byte // the lower-case path, on the stack for most paths
	if r, ok := pathRanges()[string(appendLower(buf[:0], path))]; ok {
		return groupEntries()[r[0]:r[1]:r[1]]
	}
	var out []Entry
	for _, p := range patternIndex {
		if matchSegs(p.segs, path) {
			out = append(out, groupKey{c: p.c, g: p.g}.entry())
		}
	}
	return out
}

// pathRanges maps each lower-case path of pathIndex to its run of
// pathIndex (and of groupEntries).
func pathRanges() map[string][2]int { return pathRangesV.Get(buildPathRanges) }

var pathRangesV lazy.Value[map[string][2]int]

func buildPathRanges() map[string][2]int {
	m := make(map[string][2]int, len(pathIndex))
	for i := 0; i < len(pathIndex); {
		j := i + 1
		for j < len(pathIndex) && pathIndex[j].key == pathIndex[i].key {
			j++
		}
		m[pathIndex[i].key] = [2]int{i, j}
		i = j
	}
	return m
}

// groupEntries are the entries of pathIndex, in its order.
func groupEntries() []Entry { return groupEntriesV.Get(buildGroupEntries) }

var groupEntriesV lazy.Value[[]Entry]

func buildGroupEntries() []Entry {
	out := make([]Entry, len(pathIndex))
	for i, k := range pathIndex {
		out[i] = k.entry()
	}
	return out
}

// Lookup finds the setting name under path; ok is false when the catalog
// does not know it there.
func (ix *Index) Lookup(path, name string) (Entry, bool) {
	return LookupIn(ix.Groups(path), name)
}

// LookupIn is Lookup of name among groups, the Groups of its path, for a
// caller that has them already.
func LookupIn(groups []Entry, name string) (Entry, bool) {
	ascii := isASCII(name)
	for _, g := range groups {
		if s := g.Group.setting(name, ascii); s != nil {
			g.Setting = s
			return g, true
		}
	}
	return Entry{}, false
}

// Setting finds name in g, case-insensitively; nil when g has no such setting.
func (g *Group) Setting(name string) *Setting { return g.setting(name, isASCII(name)) }

// setting is Setting; ascii says whether name is ASCII.
func (g *Group) setting(name string, ascii bool) *Setting {
	// Every name of the catalog is ASCII (TestNamesASCII), and an ASCII
	// name equals one in any case only at the same length: lint asks for
	// each setting of each file, through up to 28 groups of a path.
	if ascii {
		for i := range g.Settings {
			if n := g.Settings[i].Name; len(n) == len(name) && equalFold(n, name) {
				return &g.Settings[i]
			}
		}
	} else {
		for i := range g.Settings {
			if strings.EqualFold(g.Settings[i].Name, name) {
				return &g.Settings[i]
			}
		}
	}
	if !strings.Contains(name, "/") && !strings.Contains(name, "{") {
		// fast path: a plain name matches only a plain pattern
		for i := range g.Settings {
			if s := &g.Settings[i]; strings.HasPrefix(s.Name, "{") && !strings.Contains(s.Name, "/") {
				return s
			}
		}
		return nil
	}
	name = foldable(name)
	for i := range g.Settings {
		s := &g.Settings[i]
		if strings.Contains(s.Name, "{") && matchName(s.Name, name) {
			return s
		}
	}
	return nil
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// foldable returns s as the case-insensitive comparisons below can take it:
// s itself when it is ASCII (they lower its letters as they go), else
// strings.ToLower(s), whose letters outside ASCII may lower into it.
func foldable(s string) string {
	if !isASCII(s) {
		return strings.ToLower(s)
	}
	return s
}

// appendLower appends s (foldable) to b with its ASCII letters lowered.
func appendLower(b []byte, s string) []byte {
	for k := 0; k < len(s); k++ {
		b = append(b, lowerASCII(s[k]))
	}
	return b
}

// lowerASCII is c with an ASCII upper-case letter lowered.
func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// equalFold reports whether a and b are the same but for the case of ASCII
// letters; b is foldable.
func equalFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		if a[i] != b[i] && lowerASCII(a[i]) != lowerASCII(b[i]) {
			return false
		}
	}
	return true
}

// matchSegs reports whether path (foldable) matches pattern, given lower-case
// segment by segment (see matchSeg).
func matchSegs(pattern []string, path string) bool {
	for i, p := range pattern {
		seg, rest, more := strings.Cut(path, "/")
		if !matchSeg(p, seg) || more != (i < len(pattern)-1) {
			return false
		}
		path = rest
	}
	return len(pattern) > 0
}

// matchName reports whether name (foldable) matches the setting name
// pattern, segment by segment (see matchSeg).
func matchName(pattern, name string) bool {
	for {
		p, prest, pmore := strings.Cut(pattern, "/")
		seg, rest, more := strings.Cut(name, "/")
		if !matchSeg(p, seg) || pmore != more {
			return false
		}
		if !more {
			return true
		}
		pattern, name = prest, rest
	}
}

// matchSeg reports whether a path segment matches a pattern segment: one in
// braces matches any non-empty segment, any other the same letters in any case.
func matchSeg(p, seg string) bool {
	if len(p) > 1 && p[0] == '{' && p[len(p)-1] == '}' {
		return seg != ""
	}
	return equalFold(p, seg)
}

// ByName returns every entry whose setting is spelled name (case-insensitive).
func (ix *Index) ByName(name string) []Entry {
	var out []Entry
	i, j := equalRange(nameIndex[:], foldable(name), func(k settingKey) string { return k.key })
	for _, k := range nameIndex[i:j] {
		out = append(out, k.entry())
	}
	return out
}

// equalRange returns the run keys[i:j] (sorted by key, lower-case) whose key
// is s (foldable) in any case.
func equalRange[K any](keys []K, s string, key func(K) string) (i, j int) {
	// s is lowered into a buffer on the stack, and the comparisons of
	// string(lower) neither copy nor allocate.
	var buf [128]byte
	lower := appendLower(buf[:0], s)
	i, j = 0, len(keys)
	for i < j {
		if m := int(uint(i+j) >> 1); key(keys[m]) < string(lower) {
			i = m + 1
		} else {
			j = m
		}
	}
	j = i
	for j < len(keys) && key(keys[j]) == string(lower) {
		j++
	}
	return i, j
}

// Find returns the customization whose ID or page is id (case-insensitive).
func Find(id string) (*Customization, bool) {
	cs := Customizations()
	for i := range cs {
		if strings.EqualFold(cs[i].ID, id) || strings.EqualFold(cs[i].Page, id) {
			return &cs[i], true
		}
	}
	return nil, false
}
