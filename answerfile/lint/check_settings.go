package lint

import (
	"encoding/binary"
	"fmt"
	"slices"
	"strings"

	"github.com/beevik/etree"

	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/catalog"
	"github.com/mcsf-dev/mcsf/internal/english"
	"github.com/mcsf-dev/mcsf/internal/lazy"
)

// check_settings.go: settings groups and settings, against the catalog and
// the rules on where each kind of path belongs.

// container is a Static or a Variant: the settings groups of one part of the file.
type container struct {
	node    answerfile.Node
	variant bool
	groups  []answerfile.SettingsGroup
}

func (c *checker) containers() []container {
	out := make([]container, 0, len(c.doc.Root.Statics)+len(c.doc.Root.Variants))
	for _, s := range c.doc.Root.Statics {
		out = append(out, container{node: s.Node, groups: s.Groups})
	}
	for _, v := range c.doc.Root.Variants {
		out = append(out, container{node: v.Node, variant: true, groups: v.Groups})
	}
	return out
}

func (c *checker) checkSettings() {
	key := make([]byte, 0, 256) // a group's key in the run's cache, reused: room for most
	for _, ct := range c.containers() {
		var firstPath firstFold
		for i, g := range ct.groups {
			if prev, dup := firstPath.get(g.Path.Value); dup && !placeholder(g.Path.Value) {
				d := c.rule(RuleDuplicateSetting).attr(g.Elem, "Path",
					"settings path %q appears twice in this %s: merge the two groups", g.Path.Value, ct.kind())
				d.Related = []answerfile.Related{c.related(ct.groups[prev].Node, "the first group with this path")}
				c.add(d)
			} else if g.Path.Present && !dup {
				firstPath.add(g.Path.Value, i)
			}
			key = c.checkGroupOnce(ct, g, key)
		}
	}
	c.checkMisplacedSettings()
}

// checkGroupOnce runs checkGroup unless the run's cache knows a group of
// the same content in which it found nothing (with the embedded catalog,
// its findings depend on nothing else): bench/gen's 10,000 files repeat a
// few groups, and checking one again was a fifth of the checks' CPU. key
// is space for the group's key, returned for reuse.
func (c *checker) checkGroupOnce(ct container, g answerfile.SettingsGroup, key []byte) []byte {
	if c.cfg.Cache == nil || c.cfg.Catalog != nil {
		c.checkGroup(ct, g)
		return key
	}
	key = groupKey(key[:0], ct.variant, g)
	if c.cfg.Cache.groupClean(key) {
		return key
	}
	before := c.attempts
	c.checkGroup(ct, g)
	if c.attempts == before {
		c.cfg.Cache.markGroupClean(key)
	}
	return key
}

// groupKey appends to key all that checkGroup reads of a group besides the
// catalog: whether it is in a Variant, its Path, and the Name and Value
// of each setting, each as whether it is present and its length-prefixed
// text, so that different groups have different keys.
func groupKey(key []byte, variant bool, g answerfile.SettingsGroup) []byte {
	attr := func(key []byte, a answerfile.Attr) []byte {
		if !a.Present {
			return append(key, 0)
		}
		return append(binary.AppendUvarint(append(key, 1), uint64(len(a.Value))), a.Value...)
	}
	if variant {
		key = append(key, 1)
	} else {
		key = append(key, 0)
	}
	key = attr(key, g.Path)
	for _, s := range g.Settings {
		key = attr(attr(key, s.Name), s.Value)
	}
	return key
}

// checkMisplacedSettings checks the values of settings in groups outside
// Static and Variant (the schema rule reports the group itself): an empty
// value is worth saying there too.
func (c *checker) checkMisplacedSettings() {
	// A walk of the tree, in document order, without the list of its
	// elements (Document.Elements) that each file allocated for it.
	c.misplacedSettings(c.doc.Tree.Root())
}

func (c *checker) misplacedSettings(e *etree.Element) {
	c.misplacedSetting(e)
	for _, tok := range e.Child {
		if kid, ok := tok.(*etree.Element); ok {
			c.misplacedSettings(kid)
		}
	}
}

func (c *checker) misplacedSetting(e *etree.Element) {
	p := e.Parent()
	if e.Tag != "Setting" || p == nil || p.Tag != "Settings" {
		return
	}
	if gp := p.Parent(); gp != nil && (gp.Tag == "Static" || gp.Tag == "Variant") && gp.Parent() == c.doc.Root.Elem {
		return
	}
	if v := e.SelectAttr("Value"); v == nil || strings.TrimSpace(v.Value) == "" {
		c.add(c.rule(RuleEmptyValue).attr(e, "Value",
			"setting %q has an empty Value, as the documentation samples ship it: fill it in", e.SelectAttrValue("Name", "")))
	}
}

func (ct container) kind() string {
	if ct.variant {
		return "<Variant>"
	}
	return "<Static>"
}

// pathScope says where a settings path belongs: from the catalog when it
// knows the path, else from the path's shape ("" when nothing is known).
// imageTime is true when every customization documenting the path is
// ImageTimeOnly.
func (c *checker) pathScope(path string, groups []catalog.Entry) (scope catalog.Scope, imageTime bool) {
	if len(groups) > 0 {
		imageTime = true
		for _, g := range groups {
			imageTime = imageTime && g.Customization.Constraints&catalog.ImageTimeOnly != 0
		}
		return groups[0].Group.Scope, imageTime
	}
	lower := strings.ToLower(path)
	switch {
	case strings.Contains(lower, "$(__imsi)") || strings.HasPrefix(lower, "cellcore/perimsi/"):
		return catalog.PerIMSI, false
	case strings.Contains(lower, "$(__iccid)"):
		return catalog.PerSIM, false
	case strings.HasPrefix(lower, "cellcore/perdevice/") || lower == "cellcore/perdevice":
		return catalog.PerDevice, false
	}
	return "", false
}

func (c *checker) checkGroup(ct container, g answerfile.SettingsGroup) {
	path := g.Path.Value
	var groups []catalog.Entry
	if c.cat != nil && g.Path.Present {
		groups = c.catalogGroups(path)
	}
	scope, imageTime := c.pathScope(path, groups)
	switch {
	case ct.variant && imageTime:
		d := c.rule(RuleImageTimeOnlyInVariant).attr(g.Elem, "Path", "%s settings are image-time only (%s): they are read when the image is built and cannot vary by SIM", path, groups[0].Customization.ID)
		d.Fix = "move this group into <Static>"
		c.add(d)
	case ct.variant && scope == catalog.PerDevice:
		d := c.rule(RuleScopeMismatch).attr(g.Elem, "Path", "per-device path %q is in a <Variant>: per-device settings are the device-wide fallback and belong in <Static>", path)
		if alt := c.perIMSIPath(path); alt != "" {
			d.Fix = fmt.Sprintf("move it into <Static>, or use the per-IMSI path %q in the Variant", alt)
		} else {
			d.Fix = "move this group into <Static>"
		}
		c.add(d)
	case !ct.variant && (scope == catalog.PerIMSI || scope == catalog.PerSIM):
		d := c.rule(RuleScopeMismatch).attr(g.Elem, "Path", "%s path %q is in <Static>: $(__IMSI) and $(__ICCID) have a value only in a <Variant>, where a SIM is matched", scope.Label(), path)
		if alt := c.perDevicePath(path); alt != "" {
			d.Fix = fmt.Sprintf("move it into a <Variant>, or use the per-device path %q in Static", alt)
		} else {
			d.Fix = "move this group into a <Variant> with a TargetRef"
		}
		c.add(d)
	}
	known := len(groups) > 0
	if c.cat != nil && g.Path.Present {
		c.checkPathKnown(g, groups)
	}
	var firstName firstFold
	firstVariation := ""
	for i, s := range g.Settings {
		if !s.Name.Present {
			continue // the schema rule reports it
		}
		if prev, dup := firstName.get(s.Name.Value); dup && !placeholder(s.Name.Value) {
			d := c.rule(RuleDuplicateSetting).attr(s.Elem, "Name",
				"setting %q appears twice in this group (names compare case-insensitively)", s.Name.Value)
			d.Related = []answerfile.Related{c.related(g.Settings[prev].Node, "first set here")}
			if first := g.Settings[prev]; first.Name.Value == s.Name.Value && first.Value == s.Value {
				// An exact repetition: deleting it changes nothing.
				d.Fix = "delete this <Setting>: it repeats the first exactly"
				d = withEdits(d, c.deleteLines(s.Elem))
			}
			c.add(d)
		} else if !dup {
			firstName.add(s.Name.Value, i)
		}
		var entry catalog.Entry
		if known {
			entry = c.checkNameKnown(g, s, groups)
		}
		if entry.Setting != nil && ct.variant {
			switch cons := entry.Constraints(); {
			case cons&catalog.ImageTimeOnly != 0 && !imageTime:
				d := c.rule(RuleImageTimeOnlyInVariant).attr(s.Elem, "Name", "%s is image-time only (%s): it is read when the image is built and cannot vary by SIM", entry.Setting.Name, entry.Customization.ID)
				d.Fix = "move this setting into <Static>"
				c.add(d)
			case cons&catalog.FirstVariationOnly != 0 && firstVariation == "":
				firstVariation = entry.Customization.ID
				c.add(c.rule(RuleFirstVariationOnly).attr(g.Elem, "Path", "%s is FirstVariationOnly: its settings are applied for the first SIM configuration only and never change for a later SIM", entry.Customization.ID))
			}
		}
		c.checkValue(ct, s, entry)
	}
	if known {
		c.checkAtomic(g, groups)
	}
}

// checkAtomic reports a group of an Atomic customization that does not set
// every setting of the group (settings whose names the OEM chooses aside).
func (c *checker) checkAtomic(g answerfile.SettingsGroup, groups []catalog.Entry) {
	for _, e := range groups {
		if e.Customization.Constraints&catalog.Atomic == 0 {
			continue
		}
		var missing []string
		for _, want := range e.Group.Settings {
			if strings.Contains(want.Name, "{") {
				continue
			}
			if !slices.ContainsFunc(g.Settings, func(s answerfile.Setting) bool { return strings.EqualFold(s.Name.Value, want.Name) }) {
				missing = append(missing, want.Name)
			}
		}
		if len(missing) > 0 {
			d := c.rule(RuleAtomicIncomplete).attr(g.Elem, "Path", "settings group %s is atomic (%s): set every one of its settings; missing %s", g.Path.Value, e.Customization.ID, quoteList(missing))
			d.Fix = "add the missing settings to this group"
			c.add(d)
		}
		return
	}
}

// perIMSIPath and perDevicePath give the catalog's counterpart of a path in
// the other scope, e.g. CellCore/PerDevice/SMS <-> CellCore/PerIMSI/$(__IMSI)/SMS.
func (c *checker) perIMSIPath(path string) string {
	rest, ok := cutPrefixFold(path, "CellCore/PerDevice/")
	if !ok {
		return ""
	}
	return c.catalogPath("CellCore/PerIMSI/$(__IMSI)/" + rest)
}

func (c *checker) perDevicePath(path string) string {
	rest, ok := cutPrefixFold(path, "CellCore/PerIMSI/$(__IMSI)/")
	if !ok {
		return ""
	}
	return c.catalogPath("CellCore/PerDevice/" + rest)
}

func (c *checker) catalogPath(path string) string {
	if c.cat == nil {
		return ""
	}
	if gs := c.catalogGroups(path); len(gs) > 0 {
		return gs[0].Group.Path
	}
	return ""
}

// catalogMemo remembers the catalog's answers for one lint: a file
// repeats a few paths and names many times (the 5,000-target file asks
// 15,000 times for the groups of 5 paths and 25,000 times for 7 settings;
// a small file's Variants set the same settings), and finding an answer
// again costs far less than the catalog's search.
type catalogMemo struct {
	groups  memo[string, []catalog.Entry] // shared: callers only read them
	entries memo[settingKey, catalogEntry]
}

type catalogEntry struct {
	catalog.Entry
	ok bool
}

// memo holds the first answers in an array, searched in order, and, for a
// large file, every later one in a map: a small file asks too few times to
// pay for a map (one lookup of a setting searches up to 28 groups of a
// path: 2 % of the CPU of linting bench/gen's small files before this memo).
type memo[K comparable, V any] struct {
	keys [16]K
	vals [16]V
	n    int
	more map[K]V
}

func (m *memo[K, V]) get(k K) (V, bool) {
	for i := range m.n {
		if m.keys[i] == k {
			return m.vals[i], true
		}
	}
	v, ok := m.more[k]
	return v, ok
}

func (m *memo[K, V]) put(k K, v V, large bool) {
	switch {
	case m.n < len(m.keys):
		m.keys[m.n], m.vals[m.n] = k, v
		m.n++
	case large:
		if m.more == nil {
			m.more = map[K]V{}
		}
		m.more[k] = v
	}
}

// catalogGroups is c.cat.Groups(path), remembered.
func (c *checker) catalogGroups(path string) []catalog.Entry {
	if gs, ok := c.memo.groups.get(path); ok {
		return gs
	}
	gs := c.cat.Groups(path)
	c.memo.groups.put(path, gs, c.large)
	return gs
}

// catalogLookup is c.cat.Lookup(path, name), remembered; groups are
// c.catalogGroups(path), which Lookup would search again.
func (c *checker) catalogLookup(path, name string, groups []catalog.Entry) (catalog.Entry, bool) {
	k := settingKey{path, name}
	if e, ok := c.memo.entries.get(k); ok {
		return e.Entry, e.ok
	}
	e, ok := catalog.LookupIn(groups, name)
	c.memo.entries.put(k, catalogEntry{e, ok}, c.large)
	return e, ok
}

func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}

// checkPathKnown reports a path the catalog does not know, and a known path
// (or a known prefix of it) spelled in another case.
func (c *checker) checkPathKnown(g answerfile.SettingsGroup, groups []catalog.Entry) {
	path := g.Path.Value
	if len(groups) == 0 {
		if strings.TrimSpace(path) == "" {
			return // the schema rule reports an empty path
		}
		d := c.rule(RuleUnknownSettingsPath).attr(g.Elem, "Path",
			"settings path %q is not in mcsf's settings catalog", path)
		if s := english.Nearest(path, c.cat.Paths()); s != "" && !strings.EqualFold(s, path) {
			d.Message += fmt.Sprintf(" (did you mean %q?)", s)
		}
		c.add(d)
	}
	if have, want := c.canonicalPrefix(path, groups); want != "" {
		d := c.rule(RulePathCase).attr(g.Elem, "Path",
			"settings path %q is spelled %q in Microsoft's documentation", path, want+path[len(have):])
		d.Fix = fmt.Sprintf("write Path=%q", want+path[len(have):])
		c.add(withEdits(d, c.setAttr(g.Elem, "Path", want+path[len(have):])))
	}
}

// canonicalPrefix finds the longest prefix of path (whole segments) that
// the catalog spells in another case: have is it as written, want as the
// catalog spells it; both "" when path's spelling agrees with the catalog.
func (c *checker) canonicalPrefix(path string, groups []catalog.Entry) (have, want string) {
	// A path spelled as the catalog spells it is one of its groups'
	// Path: comparing with them spares a binary search of all paths.
	for _, e := range groups {
		if e.Group.Path == path {
			return "", ""
		}
	}
	if c.cat.Canonical(path) {
		return "", ""
	}
	segs := strings.Split(path, "/")
	if c.pathSegs == nil {
		for _, p := range c.cat.Paths() {
			c.pathSegs = append(c.pathSegs, strings.Split(p, "/"))
		}
	}
	for _, csegs := range c.pathSegs {
		n := 0
		for n < len(segs) && n < len(csegs) && strings.EqualFold(segs[n], csegs[n]) && !strings.HasPrefix(csegs[n], "{") {
			n++
		}
		if n == 0 {
			continue
		}
		h, w := strings.Join(segs[:n], "/"), strings.Join(csegs[:n], "/")
		if h != w && len(w) > len(want) {
			have, want = h, w
		}
	}
	return have, want
}

// checkNameKnown reports a setting the catalog does not know under a known
// path, and one spelled in another case; it returns the catalog entry
// (Setting nil when unknown).
func (c *checker) checkNameKnown(g answerfile.SettingsGroup, s answerfile.Setting, groups []catalog.Entry) catalog.Entry {
	entry, ok := c.catalogLookup(g.Path.Value, s.Name.Value, groups)
	if !ok {
		var names []string
		for _, e := range groups {
			for _, cs := range e.Group.Settings {
				names = append(names, cs.Name)
			}
		}
		d := c.rule(RuleUnknownSetting).attr(s.Elem, "Name", "setting %q is not in mcsf's settings catalog for path %s", s.Name.Value, groups[0].Group.Path)
		switch elsewhere := c.cat.ByName(s.Name.Value); {
		case english.Nearest(s.Name.Value, names) != "":
			d.Message += fmt.Sprintf(" (did you mean %q?)", english.Nearest(s.Name.Value, names))
		case len(elsewhere) > 0:
			d.Message += fmt.Sprintf(" (it is a setting of %s, %s)", elsewhere[0].Group.Path, elsewhere[0].Customization.ID)
		case len(names) <= 8:
			d.Message += "; known: " + quoteList(names)
		default:
			d.Message += fmt.Sprintf("; mcsf settings %q lists its %d settings", groups[0].Group.Path, len(names))
		}
		c.add(d)
		return catalog.Entry{}
	}
	if s.Name.Value != entry.Setting.Name && !strings.Contains(entry.Setting.Name, "{") {
		d := c.rule(RulePathCase).attr(s.Elem, "Name", "setting %q is spelled %q in Microsoft's documentation", s.Name.Value, entry.Setting.Name)
		d.Fix = fmt.Sprintf("write Name=%q", entry.Setting.Name)
		c.add(withEdits(d, c.setAttr(s.Elem, "Name", entry.Setting.Name)))
	}
	return entry
}

var percentVar = lazy.Regexp{Expr: `%[A-Za-z_][A-Za-z0-9_]*%`}

// placeholder reports whether s is empty or holds a $(NAME) placeholder the
// author is meant to replace (documentation samples repeat a group or
// setting per placeholder); two such are not duplicates yet.
func placeholder(s string) bool {
	if strings.TrimSpace(s) == "" {
		return true
	}
	for _, m := range answerfile.Macro().FindAllStringSubmatch(s, -1) {
		if !simMacro(m[1]) {
			return true
		}
	}
	return false
}

// simMacro reports whether a $(...) macro is one MCSF replaces with the current SIM's identity.
func simMacro(name string) bool {
	return strings.EqualFold(name, "__IMSI") || strings.EqualFold(name, "__ICCID")
}

func (c *checker) checkValue(ct container, s answerfile.Setting, entry catalog.Entry) {
	v := s.Value.Value
	if !s.Value.Present || strings.TrimSpace(v) == "" {
		what := "an empty Value, as the documentation samples ship it"
		if !s.Value.Present {
			what = "no Value attribute"
		}
		d := c.rule(RuleEmptyValue).attr(s.Elem, "Value", "setting %q has %s: fill it in", s.Name.Value, what)
		if entry.Setting != nil {
			d.Message += " with " + entry.Setting.Describe()
		}
		c.add(d)
		return
	}
	templated := false
	// The expressions run only on a value that can hold a match: most
	// values are numbers, and running them on every value was 2 % of
	// the checks' CPU on a small file.
	var vars []string
	if strings.IndexByte(v, '%') >= 0 {
		vars = percentVar.Get().FindAllString(v, -1)
	}
	for _, m := range vars {
		templated = true
		c.add(c.rule(RuleEnvVarInValue).attr(s.Elem, "Value",
			"%s in a Setting value is an error: environment variables work only in file source paths", m))
	}
	var macros [][]string
	if strings.Contains(v, "$(") {
		macros = answerfile.Macro().FindAllStringSubmatch(v, -1)
	}
	for _, m := range macros {
		templated = true
		if simMacro(m[1]) {
			if !ct.variant {
				c.add(c.rule(RuleScopeMismatch).attr(s.Elem, "Value",
					"%s in <Static> has no value: it is replaced by the current SIM's identity, only in a <Variant>", m[0]))
			}
			continue
		}
		c.add(c.rule(RuleEnvVarInValue).attr(s.Elem, "Value",
			"%s in a Setting value is not expanded: macros work only in file source paths; replace the placeholder with the value", m[0]))
	}
	if entry.Setting == nil || templated {
		return
	}
	if msg := entry.Setting.CheckValue(v); msg != "" {
		c.add(c.rule(RuleInvalidSettingValue).attrText(s.Elem, "Value", msg))
		return
	}
	rt, ok := catalog.RuntimeOf(entry.Customization.ID)
	if !ok || !entry.Setting.Numeric() {
		return
	}
	n, err := entry.Setting.Number(v)
	if err != nil {
		return
	}
	for _, w := range rt.Warnings {
		if !strings.EqualFold(w.Setting, entry.Setting.Name) {
			continue
		}
		if msg := w.Check(n); msg != "" {
			c.add(c.rule(w.Rule).attrText(s.Elem, "Value", msg))
		}
	}
}
