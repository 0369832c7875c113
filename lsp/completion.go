package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/mcsf-dev/mcsf/catalog"
)

// completion.go: what may be typed at the cursor, from the grammar (element
// and attribute names), the catalog (Settings Paths, scope-aware, Setting
// Names and enum values), the condition names and value forms, and the
// document's Target Ids. It works on the tolerant reading, so on a file
// being typed.

func (s *server) completion(ctx context.Context, params *json.RawMessage) (any, error) {
	sn, off, err := s.cursor(params)
	if err != nil {
		return nil, err
	}
	c := completer{s: s, sn: sn, t: sn.tree(), off: off, enc: s.encoding()}
	return completionList{Items: c.items()}, nil
}

type completer struct {
	s   *server
	sn  *snapshot
	t   *tree
	off int
	enc string
}

// edit is an item that replaces the bytes [from, to) with text.
func (c *completer) edit(label string, kind int, detail, doc string, from, to int, text string) completionItem {
	it := completionItem{Label: label, Kind: kind, Detail: detail,
		TextEdit: &textEdit{Range: c.sn.text.rangeOf(from, to, c.enc), NewText: text}}
	if doc != "" {
		it.Documentation = &markupContent{Kind: "markdown", Value: doc}
	}
	return it
}

func (c *completer) items() []completionItem {
	out := []completionItem{}
	n := c.t.tagAt(c.off)
	if n == nil {
		return c.elementItems(c.t.elementAt(c.off), c.off, c.off, true)
	}
	t := c.t
	if c.off <= t.nameEnd(n) {
		return c.elementItems(n.parent, t.off(n)+1, t.nameEnd(n), false)
	}
	for i := range n.attrs {
		a := &n.attrs[i]
		if a.valOff >= 0 && c.off >= t.valOff(a) && c.off <= t.valEnd(a) {
			return c.valueItems(n, a)
		}
		if c.off >= t.nameOff(a) && c.off <= t.nameOff(a)+len(a.name) {
			return c.attrItems(n, t.nameOff(a), t.nameOff(a)+len(a.name))
		}
	}
	if c.off > 0 && isSpace(c.sn.text.src[c.off-1]) {
		return c.attrItems(n, c.off, c.off)
	}
	return out
}

// elementItems offers the elements that may stand in parent; withBracket
// when the '<' is still to be typed.
func (c *completer) elementItems(parent *node, from, to int, withBracket bool) []completionItem {
	out := []completionItem{}
	g := loadGrammar()
	name := ""
	if parent != nil && parent != c.t.root {
		name = parent.local()
	}
	rule, ok := g[name]
	if !ok {
		return out
	}
	for _, child := range rule.Children {
		text := child
		if withBracket {
			text = "<" + child
		}
		out = append(out, c.edit(child, kindClass, "element", g[child].Doc, from, to, text))
	}
	return out
}

// attrItems offers the attributes n may still take.
func (c *completer) attrItems(n *node, from, to int) []completionItem {
	out := []completionItem{}
	rule, ok := loadGrammar()[n.local()]
	if !ok {
		return out
	}
	for _, a := range rule.Attrs {
		if have := n.attr(a.Name); have != nil && c.t.nameOff(have) != from {
			continue
		}
		detail := "attribute"
		if a.Required {
			detail = "required attribute"
		}
		out = append(out, c.edit(a.Name, kindProperty, detail, a.Doc, from, to, a.Name+`=""`))
	}
	return out
}

// valueItems offers the values of attribute a of n.
func (c *completer) valueItems(n *node, a *attr) []completionItem {
	out := []completionItem{}
	add := func(label string, kind int, detail, doc string) {
		out = append(out, c.edit(label, kind, detail, doc, c.t.valOff(a), c.t.valEnd(a), label))
	}
	switch n.local() + "@" + a.name {
	case "Settings@Path":
		variant := inVariant(n)
		seen := map[string]bool{}
		for _, cu := range catalog.Customizations() {
			for _, g := range cu.Groups {
				if seen[g.Path] || !pathFits(&cu, g.Scope, variant) {
					continue
				}
				seen[g.Path] = true
				add(g.Path, kindFolder, cu.Title, fmt.Sprintf("[%s](%s): %s", cu.Title, cu.URL(), scopeText(g.Scope)))
			}
		}
	case "Setting@Name", "Asset@Name":
		if n.parent == nil || n.parent.local() != "Settings" {
			return out
		}
		for _, e := range catalog.Load().Groups(c.t.value(n.parent, "Path")) {
			for i := range e.Group.Settings {
				st := &e.Group.Settings[i]
				if (n.local() == "Asset") != (st.Type == catalog.AssetFile) {
					continue
				}
				add(st.Name, kindField, describeSetting(st), st.Doc)
			}
		}
	case "Setting@Value":
		if n.parent == nil || n.parent.local() != "Settings" {
			return out
		}
		if e, ok := catalog.Load().Lookup(c.t.value(n.parent, "Path"), c.t.value(n, "Name")); ok && (e.Setting.Type == catalog.Enum) {
			for _, v := range e.Setting.Values {
				doc := v.Doc
				add(fmt.Sprint(v.Value), kindEnumMem, v.Name, doc)
				if v.Name != "" {
					add(v.Name, kindEnumMem, fmt.Sprint(v.Value), doc)
				}
			}
		}
	case "Condition@Name":
		for _, cd := range conditionDocs {
			class := "device condition (P1)"
			if cd.SIM {
				class = "SIM condition (P0)"
			}
			add(cd.Name, kindKeyword, class, cd.Meaning)
		}
	case "Condition@Value":
		if cd, ok := conditionDocOf(c.t.value(n, "Name")); ok {
			for _, v := range cd.Values {
				add(v, kindValue, cd.Name, cd.Value)
			}
			if cd.Example != "" && !slices.Contains(cd.Values, cd.Example) {
				add(cd.Example, kindValue, "example", cd.Value)
			}
		}
		add("pattern:", kindKeyword, "a regular expression matching the whole value", valueSyntax)
		add("range:", kindKeyword, "range:min, max — an inclusive integer range", valueSyntax)
		add("!", kindKeyword, "negates the test that follows", valueSyntax)
	case "TargetRef@Id":
		seen := map[string]bool{}
		for _, tg := range c.t.named("Target") {
			id := c.t.value(tg, "Id")
			if id == "" || seen[id] {
				continue
			}
			seen[id] = true
			add(id, kindRef, targetSummary(c.t, tg), "")
		}
	case "Import@Source":
		if dir := filepath.Dir(c.sn.name); c.sn.name != c.sn.uri {
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if !e.IsDir() && strings.EqualFold(filepath.Ext(e.Name()), ".xml") && filepath.Join(dir, e.Name()) != c.sn.name {
					add(`$(CurrentFileDir)\`+e.Name(), kindFolder, "a file next to this one", "")
				}
			}
		}
	default:
		if rule, ok := loadGrammar()[n.local()]; ok {
			for _, ar := range rule.Attrs {
				if ar.Name == a.name {
					for _, v := range ar.Enum {
						add(v, kindEnumMem, "", "")
					}
				}
			}
		}
	}
	return out
}

// pathFits reports whether a group of scope sc may stand in a Variant
// (variant) or in Static: per-IMSI and per-SIM groups only in a Variant,
// per-device ones and image-time-only customizations only in Static.
func pathFits(cu *catalog.Customization, sc catalog.Scope, variant bool) bool {
	switch sc {
	case catalog.PerIMSI, catalog.PerSIM:
		return variant
	case catalog.PerDevice:
		return !variant
	}
	return !variant || cu.Constraints&catalog.ImageTimeOnly == 0
}
