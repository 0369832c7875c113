package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/mcsf-dev/mcsf/answerfile/lint"
	"github.com/mcsf-dev/mcsf/catalog"
	"github.com/mcsf-dev/mcsf/internal/english"
	"github.com/mcsf-dev/mcsf/report"
	"github.com/mcsf-dev/mcsf/variant"
)

// hover.go: what the editor shows over a name: a setting's catalog facts
// and page, a Settings Path's customization, a condition's meaning and
// value syntax, a TargetRef's Target, a rule id's explanation (in a
// suppression comment).

func (s *server) hover(ctx context.Context, params *json.RawMessage) (any, error) {
	sn, off, err := s.cursor(params)
	if err != nil {
		return nil, err
	}
	enc := s.encoding()
	t := sn.tree()
	if md, from, to, ok := ruleHover(sn.text.src, off); ok {
		r := sn.text.rangeOf(from, to, enc)
		return hover{Contents: markupContent{Kind: "markdown", Value: md}, Range: &r}, nil
	}
	n := t.tagAt(off)
	if n == nil {
		return nil, nil
	}
	a := t.attrAt(n, off)
	var md string
	switch n.local() {
	case "Setting", "Asset":
		md = settingHover(t, n)
	case "Settings":
		md = pathHover(t.value(n, "Path"), inVariant(n))
	case "Condition":
		md = conditionHover(t.value(n, "Name"), t.value(n, "Value"), a != nil && a.name == "Value")
	case "TargetRef":
		md = s.targetRefHover(sn, t.value(n, "Id"))
	case "Target":
		md = fmt.Sprintf("**Target %s**\n\n%s", report.MarkdownText(t.value(n, "Id")), statesMarkdown(t, n))
	}
	if md == "" {
		return nil, nil
	}
	r := sn.text.rangeOf(t.off(n)+1, t.nameEnd(n), enc)
	if a != nil {
		r = sn.text.rangeOf(t.nameOff(a), max(t.valEnd(a), t.nameOff(a)+len(a.name)), enc)
	}
	return hover{Contents: markupContent{Kind: "markdown", Value: md}, Range: &r}, nil
}

// inVariant reports whether n stands in a Variant (else in Static, or nowhere yet).
func inVariant(n *node) bool { return n.local() == "Variant" || n.within("Variant") }

// settingHover describes the setting of a Setting element from the catalog.
func settingHover(t *tree, n *node) string {
	group := n.parent
	if group == nil || group.local() != "Settings" {
		return ""
	}
	path, name := t.value(group, "Path"), t.value(n, "Name")
	e, ok := catalog.Load().Lookup(path, name)
	if !ok {
		if gs := catalog.Load().Groups(path); len(gs) > 0 {
			return fmt.Sprintf("**%s** is not a setting of %s in mcsf's catalog (customization [%s](%s)); it knows %s",
				report.MarkdownText(name), report.MarkdownCode(path), gs[0].Customization.Title, gs[0].Customization.URL(), settingNames(gs[0].Group))
		}
		return fmt.Sprintf("**%s**: mcsf's catalog does not know the path %s", report.MarkdownText(name), report.MarkdownCode(path))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "**%s** — [%s](%s)\n\n", e.Setting.Name, e.Customization.Title, e.Customization.URL())
	if e.Setting.Doc != "" {
		fmt.Fprintf(&b, "%s\n\n", e.Setting.Doc)
	}
	fmt.Fprintf(&b, "- path: `%s` (%s)\n", e.Group.Path, scopeText(e.Group.Scope))
	fmt.Fprintf(&b, "- value: %s\n", describeSetting(e.Setting))
	if e.Setting.Default != "" {
		fmt.Fprintf(&b, "- default: %s\n", e.Setting.Default)
	}
	if c := e.Constraints(); c != 0 {
		fmt.Fprintf(&b, "- constraints: %s\n", c)
	}
	if e.Setting.Precedence == catalog.DeviceWins {
		b.WriteString("- the per-device value wins over a per-IMSI one\n")
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func settingNames(g *catalog.Group) string {
	var names []string
	for _, s := range g.Settings {
		names = append(names, "`"+s.Name+"`")
	}
	if len(names) == 0 {
		return "no settings"
	}
	return strings.Join(names, ", ")
}

func scopeText(s catalog.Scope) string {
	switch s {
	case catalog.PerIMSI:
		return "per IMSI: in a Variant"
	case catalog.PerSIM:
		return "per SIM (ICCID): in a Variant"
	case catalog.PerDevice:
		return "per device: in Static, the fallback of the per-IMSI value"
	}
	return "device-wide: in Static, or in a Variant unless image-time only"
}

// describeSetting says which values s takes.
func describeSetting(s *catalog.Setting) string {
	var out string
	switch s.Type {
	case catalog.Enum:
		var vs []string
		for _, v := range s.Values {
			x := fmt.Sprint(v.Value)
			if v.Name != "" {
				x += " (" + v.Name + ")"
			}
			if v.Doc != "" {
				x += ": " + v.Doc
			}
			vs = append(vs, x)
		}
		out = "one of " + strings.Join(vs, "; ")
	case catalog.Bitmask:
		var vs []string
		for _, v := range s.Values {
			vs = append(vs, fmt.Sprintf("%d %s", v.Value, v.Name))
		}
		out = "a sum of " + strings.Join(vs, ", ")
	case catalog.DWORD:
		switch {
		case s.HasMin && s.HasMax:
			out = fmt.Sprintf("an integer from %d to %d", s.Min, s.Max)
		case s.HasMin:
			out = fmt.Sprintf("an integer of %d or more", s.Min)
		default:
			out = "an integer (DWORD)"
		}
	case catalog.Unknown:
		out = "of a type the documentation does not state"
	default:
		out = string(s.Type)
	}
	if s.Unit != "" {
		out += " (" + s.Unit + ")"
	}
	return out
}

// pathHover describes a Settings Path from the catalog.
func pathHover(path string, variant bool) string {
	gs := catalog.Load().Groups(path)
	if len(gs) == 0 {
		return fmt.Sprintf("mcsf's catalog does not know the path %s", report.MarkdownCode(path))
	}
	var b strings.Builder
	for i, e := range gs {
		if i > 0 {
			b.WriteString("\n\n---\n\n")
		}
		fmt.Fprintf(&b, "**`%s`** — [%s](%s)\n\n%s; settings: %s", e.Group.Path, e.Customization.Title, e.Customization.URL(),
			scopeText(e.Group.Scope), settingNames(e.Group))
		if c := e.Customization.Constraints; c != 0 {
			fmt.Fprintf(&b, "\n\nconstraints: %s", c)
		}
	}
	where := "Static"
	if variant {
		where = "a Variant"
	}
	fmt.Fprintf(&b, "\n\n(here in %s)", where)
	return b.String()
}

// conditionHover describes a condition name and, on the value, how the value reads.
func conditionHover(name, value string, onValue bool) string {
	var b strings.Builder
	if c, ok := conditionDocOf(name); ok {
		class := "device condition (P1)"
		if c.SIM {
			class = "SIM condition (P0)"
		}
		fmt.Fprintf(&b, "**%s** — %s, %s\n\nplain value: %s", c.Name, c.Meaning, class, c.Value)
		if c.Example != "" {
			fmt.Fprintf(&b, ", e.g. `%s`", c.Example)
		}
	} else {
		fmt.Fprintf(&b, "**%s** is not a documented condition name; the documented ones are %s", report.MarkdownText(name), conditionNames())
	}
	b.WriteString("\n\n" + valueSyntax)
	if onValue {
		if c, err := variant.ParseCondition(name, value); err == nil {
			fmt.Fprintf(&b, "\n\nThis value: %s", readCondition(c))
		}
		for _, pr := range variant.CheckCondition(name, value) {
			fmt.Fprintf(&b, "\n\n⚠ %s", pr.Message)
		}
	}
	return b.String()
}

// readCondition says in words what a parsed condition tests.
func readCondition(c variant.Condition) string {
	var what string
	switch c.Kind {
	case variant.Pattern:
		what = fmt.Sprintf("the regular expression %s matches the whole value", report.MarkdownCode(c.Text))
	case variant.Range:
		what = fmt.Sprintf("the value is an integer from %s to %s", report.MarkdownText(english.Clip(c.Min)), report.MarkdownText(english.Clip(c.Max)))
	default:
		what = fmt.Sprintf("the value is %s", report.MarkdownCode(c.Text))
	}
	if c.Negate {
		return "matches unless " + what
	}
	return "matches when " + what
}

func conditionNames() string {
	var names []string
	for _, c := range conditionDocs {
		names = append(names, c.Name)
	}
	return strings.Join(names, ", ")
}

// statesMarkdown lists a Target's TargetStates and their conditions.
func statesMarkdown(t *tree, tg *node) string {
	var b strings.Builder
	n := 0
	for _, st := range tg.children {
		if st.local() != "TargetState" {
			continue
		}
		n++
		var conds []string
		for _, c := range st.children {
			if c.local() == "Condition" {
				conds = append(conds, report.MarkdownCode(t.value(c, "Name")+" = "+t.value(c, "Value")))
			}
		}
		if len(conds) == 0 {
			conds = []string{"no condition"}
		}
		fmt.Fprintf(&b, "- TargetState %d: %s\n", n, strings.Join(conds, " and "))
	}
	if n == 0 {
		return "no TargetState: it never matches"
	}
	return "matches when any TargetState matches (its conditions all hold):\n\n" + strings.TrimSuffix(b.String(), "\n")
}

// targetRefHover shows the Target a TargetRef names: from the document,
// else from the files it imports.
func (s *server) targetRefHover(sn *snapshot, id string) string {
	t := sn.tree()
	targets, _ := targetsWithID(t, id)
	if len(targets) > 0 {
		return fmt.Sprintf("**Target %s**\n\n%s", report.MarkdownText(id), statesMarkdown(t, targets[0]))
	}
	for _, f := range s.graph(sn).Files[1:] {
		if f.Doc == nil {
			continue
		}
		for _, n := range readTree(string(f.Doc.Text())).named("Target") {
			if t.value(n, "Id") == id {
				return fmt.Sprintf("**Target %s** (in %s)\n\n%s", report.MarkdownText(id), report.MarkdownText(f.Path), statesMarkdown(t, n))
			}
		}
	}
	return fmt.Sprintf("no Target has the Id %s", report.MarkdownText(english.Quote(id)))
}

// ruleHover explains the rule id under off in an mcsf:ignore comment.
func ruleHover(src string, off int) (md string, from, to int, ok bool) {
	start := strings.LastIndex(src[:min(off+4, len(src))], "<!--")
	if start < 0 {
		return "", 0, 0, false
	}
	end := strings.Index(src[start:], "-->")
	if end < 0 || start+end < off {
		return "", 0, 0, false
	}
	comment := src[start : start+end]
	if !strings.Contains(comment, "mcsf:ignore") {
		return "", 0, 0, false
	}
	// The word under the cursor: rule ids are lower case with dashes.
	from, to = off, off
	isID := func(c byte) bool { return c == '-' || ('a' <= c && c <= 'z') || ('0' <= c && c <= '9') }
	for from > start && isID(src[from-1]) {
		from--
	}
	for to < start+end && isID(src[to]) {
		to++
	}
	r, found := lint.Lookup(src[from:to])
	if !found {
		return "", 0, 0, false
	}
	return explainMarkdown(r), from, to, true
}

// explainMarkdown is `mcsf explain` of a rule, as Markdown.
func explainMarkdown(r lint.Rule) string {
	var b strings.Builder
	fmt.Fprintf(&b, "**%s** (%s by default)\n\n%s.\n\n**Why:** %s", r.ID, r.Severity, capitalize(r.Summary), r.Rationale)
	if r.Policy != "" {
		fmt.Fprintf(&b, "\n\n**Policy:** %s", r.Policy)
	}
	if r.Bad != "" {
		fmt.Fprintf(&b, "\n\nBad:\n```xml\n%s\n```\nGood:\n```xml\n%s\n```", r.Bad, r.Good)
	}
	return b.String()
}
