package lint

import (
	"bytes"
	"fmt"
	"github.com/mcsf-dev/mcsf/internal/english"
	"strings"

	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/catalog"
)

// check_multivariant.go: whether the file's Variants can apply at all
// (runtime configuration on, AutoDataConfig off), and whether SMS over IMS is
// on where an IMS retry threshold is set.

// staticSetting finds the first setting name under path in the Statics.
func (c *checker) staticSetting(path, name string) (answerfile.Setting, bool) {
	for _, st := range c.doc.Root.Statics {
		if s, ok := findSetting(st.Groups, path, name); ok {
			return s, true
		}
	}
	return answerfile.Setting{}, false
}

func findSetting(groups []answerfile.SettingsGroup, path, name string) (answerfile.Setting, bool) {
	for _, g := range groups {
		if !strings.EqualFold(g.Path.Value, path) {
			continue
		}
		for _, s := range g.Settings {
			if strings.EqualFold(s.Name.Value, name) {
				return s, true
			}
		}
	}
	return answerfile.Setting{}, false
}

// dword reads a setting's value; ok is false when it is absent or not a DWORD
// (other rules report that).
func dword(s answerfile.Setting) (uint32, bool) {
	if !s.Value.Present {
		return 0, false
	}
	n, err := catalog.ParseDWORD(s.Value.Value)
	return n, err == nil
}

func (c *checker) checkMultivariant() {
	mv, mvSet := c.staticSetting("Multivariant", "Enable")
	adc, adcSet := c.staticSetting("AutoDataConfig", "Enable")
	mvOn, mvKnown := dword(mv)
	adcOn, adcKnown := dword(adc)
	if mvKnown && adcKnown && mvOn == 1 && adcOn == 1 {
		d := c.rule(RuleMultivariantDisabled).attr(adc.Elem, "Value",
			"AutoDataConfig/Enable and Multivariant/Enable are both 1: exactly one of them may be on")
		d.Related = []answerfile.Related{c.related(mv.Node, "Multivariant/Enable=1 here")}
		d.Fix = "set AutoDataConfig/Enable to 0 for runtime configuration"
		c.add(d)
	}
	vs := c.doc.Root.Variants
	if len(vs) == 0 {
		return
	}
	if mvKnown && mvOn == 0 {
		d := c.rule(RuleMultivariantDisabled).attr(mv.Elem, "Value",
			"Multivariant/Enable=0 turns runtime configuration off: the %s of this file never apply", english.Count(len(vs), "Variant"))
		d.Fix = "set Multivariant/Enable to 1"
		c.add(d)
		return
	}
	var missing, groups []string
	if !mvSet {
		missing = append(missing, "Multivariant/Enable=1")
		groups = append(groups, "Multivariant\x001")
	}
	if !adcSet {
		missing = append(missing, "AutoDataConfig/Enable=0")
		groups = append(groups, "AutoDataConfig\x000")
	}
	if len(missing) == 0 {
		return
	}
	d := c.rule(RuleMultivariantDisabled).as(answerfile.Warning).at(vs[0].Elem,
		"the file has Variants but its <Static> does not set %s: every per-IMSI and per-SIM sample sets both, so that runtime configuration applies the Variants",
		strings.Join(missing, " and "))
	if len(c.doc.Root.Statics) > 0 {
		d.Related = []answerfile.Related{c.related(c.doc.Root.Statics[0].Node, "the <Static>")}
	}
	d.Fix = "add <Settings Path=\"Multivariant\"><Setting Name=\"Enable\" Value=\"1\"/></Settings> and " +
		"<Settings Path=\"AutoDataConfig\"><Setting Name=\"Enable\" Value=\"0\"/></Settings> to <Static>"
	c.add(withEdits(d, c.addEnableGroups(groups)))
}

// smsOverIMS is the SMS over IMS flag of IMSServices.
const smsOverIMS = 0x2

// checkIMS warns where an IMS retry threshold is set for a target whose
// IMSServices (in any Variant for the same target) leaves SMS over IMS off.
func (c *checker) checkIMS() {
	type services struct {
		s     answerfile.Setting
		value uint32
	}
	off := map[string]services{} // target Id -> an IMSServices without the SMS flag
	for _, v := range c.doc.Root.Variants {
		if len(v.TargetRefs) == 0 {
			continue
		}
		if s, ok := findSetting(v.Groups, "CellCore/PerIMSI/$(__IMSI)/VoLTE", "IMSServices"); ok {
			if n, ok := dword(s); ok && n&smsOverIMS == 0 {
				if _, seen := off[v.TargetRefs[0].ID.Value]; !seen {
					off[v.TargetRefs[0].ID.Value] = services{s, n}
				}
			}
		}
	}
	for _, v := range c.doc.Root.Variants {
		if len(v.TargetRefs) == 0 {
			continue
		}
		svc, ok := off[v.TargetRefs[0].ID.Value]
		if !ok {
			continue
		}
		s, ok := findSetting(v.Groups, "CellCore/PerIMSI/$(__IMSI)/SMS", "3GPP/IMS/AttemptThresholdForIMS")
		if n, known := dword(s); !ok || !known || n == 0 {
			continue
		}
		d := c.rule(RuleIMSSMSOff).attr(s.Elem, "Value",
			"AttemptThresholdForIMS has no effect for target %q: its IMSServices=%s leaves SMS over IMS (flag 2) off",
			v.TargetRefs[0].ID.Value, svc.s.Value.Value)
		d.Related = []answerfile.Related{c.related(svc.s.Node, "IMSServices set here")}
		d.Fix = fmt.Sprintf("add flag 2 to IMSServices (%d), or drop the threshold", svc.value|smsOverIMS)
		c.add(d)
	}
}

// addEnableGroups is the edit that adds, for each of groups ("PATH\x00VALUE"),
// <Settings Path="PATH"><Setting Name="Enable" Value="VALUE"/></Settings>
// at the end of the first Static, or in a new Static before the first
// Variant. nil when Static has a group of one of those paths already (the
// setting goes into it, which is for the author to do) or the insertion
// point shares a line with other text.
func (c *checker) addEnableGroups(groups []string) []answerfile.TextEdit {
	var xml []string
	for _, g := range groups {
		path, value, _ := strings.Cut(g, "\x00")
		xml = append(xml, fmt.Sprintf("<Settings Path=%q>\n  <Setting Name=\"Enable\" Value=%q/>\n</Settings>", path, value))
		for _, st := range c.doc.Root.Statics[:min(1, len(c.doc.Root.Statics))] {
			for _, sg := range st.Groups {
				if strings.EqualFold(sg.Path.Value, path) {
					return nil
				}
			}
		}
	}
	body := strings.Join(xml, "\n")
	text := c.doc.Text()
	if len(c.doc.Root.Statics) == 0 {
		at, _, indent, ok := c.lines(c.doc.Root.Variants[0].Elem)
		if !ok {
			return nil
		}
		return []answerfile.TextEdit{c.doc.Edit(at, at, c.block("<Static>\n"+indentLines(body)+"\n</Static>", indent))}
	}
	st := c.doc.Root.Statics[0].Elem
	from, to, indent, ok := c.lines(st)
	if !ok {
		return nil
	}
	s, t, _ := c.doc.ElementSpan(st)
	if bytes.HasSuffix(text[s:t], []byte("/>")) { // <Static/>: write it out
		return []answerfile.TextEdit{c.doc.Edit(from, to, c.block("<Static>\n"+indentLines(body)+"\n</Static>", indent))}
	}
	close := s + bytes.LastIndex(text[s:t], []byte("</"))
	at := bytes.LastIndexByte(text[:close], '\n') + 1
	if at <= s || strings.TrimLeft(string(text[at:close]), " \t") != "" {
		return nil
	}
	return []answerfile.TextEdit{c.doc.Edit(at, at, c.block(indentLines(body), indent))}
}

// indentLines indents every line of s by two spaces (one step of block).
func indentLines(s string) string { return "  " + strings.ReplaceAll(s, "\n", "\n  ") }
