package templates

import (
	"fmt"
	"slices"
	"strings"

	"github.com/beevik/etree"

	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/catalog"
	"github.com/mcsf-dev/mcsf/internal/lazy"
)

// new_catalog.go: the skeleton of any customization of the catalog, built
// from its entry (the two retry customizations keep their hand-written
// skeletons in skeleton/).

// catalogScopes lists the scopes c's groups use, the page's first stated
// scope first; device (not keyed by SIM) when no group is.
func catalogScopes(c *catalog.Customization) []string {
	var have []string
	for _, g := range c.Groups {
		if g.Scope != catalog.Device && !slices.Contains(have, string(g.Scope)) {
			have = append(have, string(g.Scope))
		}
	}
	if len(have) == 0 {
		return []string{string(catalog.Device)}
	}
	for i := len(c.Scopes) - 1; i >= 0; i-- {
		if j := slices.Index(have, string(c.Scopes[i])); j > 0 {
			first := have[j]
			rest := slices.Delete(slices.Clone(have), j, j+1)
			have = append([]string{first}, rest...)
		}
	}
	return have
}

var rePattern = lazy.Regexp{Expr: `\{([A-Z0-9_]+)\}`}

// newFromCatalog writes the skeleton of c for scope ("" = its default).
func newFromCatalog(c *catalog.Customization, scope, owner string) ([]byte, error) {
	scopes := catalogScopes(c)
	if scope == "" {
		scope = scopes[0]
	}
	if !slices.Contains(scopes, scope) {
		return nil, &UsageError{fmt.Sprintf("%s has no %s scope: choose %s", c.ID, scope, strings.Join(scopes, " or "))}
	}
	inVariant := scope == string(catalog.PerIMSI) || scope == string(catalog.PerSIM)
	doc := etree.NewDocument()
	doc.CreateProcInst("xml", `version="1.0" encoding="utf-8"`)
	root := doc.CreateElement("ImageCustomizations")
	root.CreateAttr("xmlns", answerfile.Namespace)
	root.CreateAttr("Name", c.ID)
	root.CreateAttr("Description", c.Title)
	root.CreateAttr("Owner", owner)
	root.CreateAttr("OwnerType", DefaultOwnerType)
	root.CreateComment(commentText(fmt.Sprintf("%s (%s), %s case; constraints: %s. Page: %s. Fill in every TODO; mcsf lint reports each empty value until it is set.",
		c.ID, c.Title, scope, constraintsOf(c), c.URL())))
	if owner == "" {
		root.CreateComment(commentText("TODO: set Owner above (it names the package: Owner.DeviceName.Customizations.Partition.spkg)."))
	}
	if inVariant {
		root.CreateComment(commentText("Define the Targets"))
		targets := root.CreateElement("Targets")
		targets.CreateComment(commentText("TODO: name the Target after the operator, and use the same Id in the Variant's TargetRef."))
		ts := targets.CreateElement("Target")
		ts.CreateAttr("Id", "Operator1")
		st := ts.CreateElement("TargetState")
		st.CreateComment(commentText("TODO: the operator's mobile country code, 3 digits, e.g. 310."))
		cond := st.CreateElement("Condition")
		cond.CreateAttr("Name", "MCC")
		cond.CreateAttr("Value", "")
		st.CreateComment(commentText("TODO: the operator's mobile network code, 2 or 3 digits as the SIM reports it, e.g. 410."))
		cond = st.CreateElement("Condition")
		cond.CreateAttr("Name", "MNC")
		cond.CreateAttr("Value", "")
	}
	static := root.CreateElement("Static")
	if inVariant {
		for _, p := range []struct{ path, value string }{{"Multivariant", "1"}, {"AutoDataConfig", "0"}} {
			g := static.CreateElement("Settings")
			g.CreateAttr("Path", p.path)
			s := g.CreateElement("Setting")
			s.CreateAttr("Name", "Enable")
			s.CreateAttr("Value", p.value)
		}
	}
	var variant *etree.Element
	for _, g := range c.Groups {
		parent := static
		switch {
		case string(g.Scope) == scope && inVariant:
			if variant == nil {
				root.CreateComment(commentText("Specify the Variant"))
				variant = root.CreateElement("Variant")
				variant.CreateAttr("Name", "Operator1")
				variant.CreateElement("TargetRefs").CreateElement("TargetRef").CreateAttr("Id", "Operator1")
			}
			parent = variant
		case string(g.Scope) == scope, g.Scope == catalog.Device:
		default:
			continue
		}
		writeGroup(parent, g, c)
	}
	if len(static.ChildElements()) == 0 {
		root.RemoveChild(static)
	}
	return canonical(doc, c.ID+".xml")
}

func constraintsOf(c *catalog.Customization) string {
	if !c.Stated {
		return "not stated on the page"
	}
	return c.Constraints.String()
}

// writeGroup writes one settings group, a TODO comment before each setting.
func writeGroup(parent *etree.Element, g catalog.Group, c *catalog.Customization) {
	path, pathVars := placeholders(g.Path)
	if pathVars != "" {
		parent.CreateComment(commentText("TODO: replace " + pathVars + " in the path."))
	}
	ge := parent.CreateElement("Settings")
	ge.CreateAttr("Path", path)
	if c.Constraints&catalog.Atomic != 0 {
		ge.CreateComment(commentText("Atomic: set every setting of this group."))
	}
	for _, s := range g.Settings {
		name, nameVars := placeholders(s.Name)
		todo := "TODO: " + s.Describe() + "."
		if s.Doc != "" {
			todo = "TODO: " + s.Doc + ": " + s.Describe() + "."
		}
		if nameVars != "" {
			todo += " Replace " + nameVars + " in the name; repeat the line for each one."
		}
		ge.CreateComment(commentText(todo))
		if s.Type == catalog.AssetFile {
			a := ge.CreateElement("Asset")
			a.CreateAttr("Name", name)
			a.CreateAttr("Source", "")
			continue
		}
		e := ge.CreateElement("Setting")
		e.CreateAttr("Name", name)
		e.CreateAttr("Value", "")
	}
}

// placeholders writes the catalog's {NAME} segments as the $(NAME)
// placeholders of Microsoft's samples and lists them.
func placeholders(s string) (string, string) {
	var names []string
	out := rePattern.Get().ReplaceAllStringFunc(s, func(m string) string {
		p := "$(" + m[1:len(m)-1] + ")"
		names = append(names, p)
		return p
	})
	return out, strings.Join(names, ", ")
}
