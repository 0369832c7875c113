package lint

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/schema"
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
	var out []container
	for _, s := range c.doc.Root.Statics {
		out = append(out, container{node: s.Node, groups: s.Groups})
	}
	for _, v := range c.doc.Root.Variants {
		out = append(out, container{node: v.Node, variant: true, groups: v.Groups})
	}
	return out
}

func (c *checker) checkSettings() {
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
			c.checkGroup(ct, g)
		}
	}
	c.checkMisplacedSettings()
}

// checkMisplacedSettings checks the values of settings in groups outside
// Static and Variant (the schema rule reports the group itself): an empty
// value is worth saying there too.
func (c *checker) checkMisplacedSettings() {
	for _, e := range c.doc.Elements() {
		p := e.Parent()
		if e.Tag != "Setting" || p == nil || p.Tag != "Settings" {
			continue
		}
		if gp := p.Parent(); gp != nil && (gp.Tag == "Static" || gp.Tag == "Variant") && gp.Parent() == c.doc.Root.Elem {
			continue
		}
		if v := e.SelectAttr("Value"); v == nil || strings.TrimSpace(v.Value) == "" {
			c.add(c.rule(RuleEmptyValue).attr(e, "Value",
				"setting %q has an empty Value, as the documentation samples ship it: fill it in", e.SelectAttrValue("Name", "")))
		}
	}
}

func (ct container) kind() string {
	if ct.variant {
		return "<Variant>"
	}
	return "<Static>"
}

// pathScope says where a settings path belongs: from the catalog when it
// knows the path, else from the path's shape. "" when nothing is known.
func (c *checker) pathScope(path string) schema.Scope {
	if c.cat != nil {
		if ss := c.cat.Path(path); len(ss) > 0 {
			return ss[0].Scope
		}
	}
	lower := strings.ToLower(path)
	switch {
	case strings.Contains(lower, "$(__imsi)") || strings.HasPrefix(lower, "cellcore/perimsi/"):
		return schema.ScopePerIMSI
	case strings.Contains(lower, "$(__iccid)"):
		return schema.ScopePerSIM
	case strings.HasPrefix(lower, "cellcore/perdevice/") || lower == "cellcore/perdevice":
		return schema.ScopePerDevice
	case lower == "multivariant" || strings.HasPrefix(lower, "multivariant/") ||
		lower == "autodataconfig" || strings.HasPrefix(lower, "autodataconfig/"):
		return schema.ScopeImageTime
	}
	return ""
}

func (c *checker) checkGroup(ct container, g answerfile.SettingsGroup) {
	path := g.Path.Value
	scope := c.pathScope(path)
	switch {
	case ct.variant && scope == schema.ScopeImageTime:
		d := c.rule(RuleImageTimeOnlyInVariant).attr(g.Elem, "Path",
			"%s settings are image-time only: they are read when the image is built and cannot vary by SIM", path)
		d.Fix = "move this group into <Static>"
		c.add(d)
	case ct.variant && scope == schema.ScopePerDevice:
		d := c.rule(RuleScopeMismatch).attr(g.Elem, "Path",
			"per-device path %q is in a <Variant>: per-device settings are the device-wide fallback and belong in <Static>", path)
		if alt := c.perIMSIPath(path); alt != "" {
			d.Fix = fmt.Sprintf("move it into <Static>, or use the per-IMSI path %q in the Variant", alt)
		} else {
			d.Fix = "move this group into <Static>"
		}
		c.add(d)
	case !ct.variant && (scope == schema.ScopePerIMSI || scope == schema.ScopePerSIM):
		d := c.rule(RuleScopeMismatch).attr(g.Elem, "Path",
			"%s path %q is in <Static>: $(__IMSI) and $(__ICCID) have a value only in a <Variant>, where a SIM is matched", scopeName(scope), path)
		if alt := c.perDevicePath(path); alt != "" {
			d.Fix = fmt.Sprintf("move it into a <Variant>, or use the per-device path %q in Static", alt)
		} else {
			d.Fix = "move this group into a <Variant> with a TargetRef"
		}
		c.add(d)
	}
	known := c.cat != nil && g.Path.Present && len(c.cat.Path(path)) > 0
	if c.cat != nil && g.Path.Present {
		c.checkPathKnown(g, known)
	}
	var firstName firstFold
	for i, s := range g.Settings {
		if !s.Name.Present {
			continue // the schema rule reports it
		}
		if prev, dup := firstName.get(s.Name.Value); dup && !placeholder(s.Name.Value) {
			d := c.rule(RuleDuplicateSetting).attr(s.Elem, "Name",
				"setting %q appears twice in this group (names compare case-insensitively)", s.Name.Value)
			d.Related = []answerfile.Related{c.related(g.Settings[prev].Node, "first set here")}
			c.add(d)
		} else if !dup {
			firstName.add(s.Name.Value, i)
		}
		var entry *schema.Setting
		if known {
			entry = c.checkNameKnown(g, s)
		}
		c.checkValue(ct, s, entry)
	}
}

func scopeName(s schema.Scope) string {
	switch s {
	case schema.ScopePerIMSI:
		return "per-IMSI"
	case schema.ScopePerSIM:
		return "per-SIM"
	}
	return string(s)
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
	if ss := c.cat.Path(path); len(ss) > 0 {
		return ss[0].Path
	}
	return ""
}

func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}

func (c *checker) catalogPaths() []string {
	if c.paths == nil {
		seen := map[string]bool{}
		for _, s := range c.cat.Settings {
			if !seen[s.Path] {
				seen[s.Path] = true
				c.paths = append(c.paths, s.Path)
				c.pathSegs = append(c.pathSegs, strings.Split(s.Path, "/"))
			}
		}
	}
	return c.paths
}

// checkPathKnown reports a path the catalog does not know, and a known path
// (or a known prefix of it) spelled in another case.
func (c *checker) checkPathKnown(g answerfile.SettingsGroup, known bool) {
	path := g.Path.Value
	if !known {
		if strings.TrimSpace(path) == "" {
			return // the schema rule reports an empty path
		}
		d := c.rule(RuleUnknownSettingsPath).attr(g.Elem, "Path",
			"settings path %q is not in mcsf's settings catalog", path)
		if s := nearest(path, c.catalogPaths()); s != "" && !strings.EqualFold(s, path) {
			d.Message += fmt.Sprintf(" (did you mean %q?)", s)
		}
		c.add(d)
	}
	if have, want := c.canonicalPrefix(path); want != "" {
		c.add(c.rule(RulePathCase).attr(g.Elem, "Path",
			"settings path %q is spelled %q in Microsoft's documentation", path, want+path[len(have):]))
	}
}

// canonicalPrefix finds the longest prefix of path (whole segments) that
// the catalog spells in another case: have is it as written, want as the
// catalog spells it; both "" when path's spelling agrees with the catalog.
func (c *checker) canonicalPrefix(path string) (have, want string) {
	if c.cat.Canonical(path) {
		return "", ""
	}
	segs := strings.Split(path, "/")
	c.catalogPaths()
	for _, csegs := range c.pathSegs {
		n := 0
		for n < len(segs) && n < len(csegs) && strings.EqualFold(segs[n], csegs[n]) {
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
// path, and one spelled in another case; it returns the catalog entry.
func (c *checker) checkNameKnown(g answerfile.SettingsGroup, s answerfile.Setting) *schema.Setting {
	entry, ok := c.cat.Lookup(g.Path.Value, s.Name.Value)
	if !ok {
		var names []string
		for _, e := range c.cat.Path(g.Path.Value) {
			names = append(names, e.Name)
		}
		d := c.rule(RuleUnknownSetting).attr(s.Elem, "Name",
			"setting %q is not in mcsf's settings catalog for path %s", s.Name.Value, c.cat.Path(g.Path.Value)[0].Path)
		if n := nearest(s.Name.Value, names); n != "" {
			d.Message += fmt.Sprintf(" (did you mean %q?)", n)
		} else {
			d.Message += "; known: " + quoteList(names)
		}
		c.add(d)
		return nil
	}
	if s.Name.Value != entry.Name {
		c.add(c.rule(RulePathCase).attr(s.Elem, "Name",
			"setting %q is spelled %q in Microsoft's documentation", s.Name.Value, entry.Name))
	}
	return entry
}

var (
	percentVar = regexp.MustCompile(`%[A-Za-z_][A-Za-z0-9_]*%`)
	macro      = regexp.MustCompile(`\$\(([^)]*)\)`)
)

// placeholder reports whether s is empty or holds a $(NAME) placeholder the
// author is meant to replace (documentation samples repeat a group or
// setting per placeholder); two such are not duplicates yet.
func placeholder(s string) bool {
	if strings.TrimSpace(s) == "" {
		return true
	}
	for _, m := range macro.FindAllStringSubmatch(s, -1) {
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

func (c *checker) checkValue(ct container, s answerfile.Setting, entry *schema.Setting) {
	v := s.Value.Value
	if !s.Value.Present || strings.TrimSpace(v) == "" {
		what := "an empty Value, as the documentation samples ship it"
		if !s.Value.Present {
			what = "no Value attribute"
		}
		d := c.rule(RuleEmptyValue).attr(s.Elem, "Value", "setting %q has %s: fill it in", s.Name.Value, what)
		if entry != nil {
			d.Message += " with " + entry.Describe()
		}
		c.add(d)
		return
	}
	templated := false
	for _, m := range percentVar.FindAllString(v, -1) {
		templated = true
		c.add(c.rule(RuleEnvVarInValue).attr(s.Elem, "Value",
			"%s in a Setting value is an error: environment variables work only in file source paths", m))
	}
	for _, m := range macro.FindAllStringSubmatch(v, -1) {
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
	if entry == nil || templated {
		return
	}
	if msg := entry.CheckValue(v); msg != "" {
		c.add(c.rule(RuleInvalidSettingValue).attr(s.Elem, "Value", "%s", msg))
		return
	}
	if strings.EqualFold(entry.Name, "3GPP/IMS/AttemptThresholdForIMS") {
		if n, err := schema.ParseDWORD(v); err == nil && n == 0 {
			d := c.rule(RuleIMSThresholdZero).attr(s.Elem, "Value",
				"AttemptThresholdForIMS is 0: SMS over IMS is never attempted; set 1 or more to send over IMS, or leave the setting out")
			c.add(d)
		}
	}
}
