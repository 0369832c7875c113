package answerfile

import (
	"strconv"
	"strings"

	"github.com/beevik/etree"
)

// Node is one element of the typed view: the etree element, and the
// document that knows where it stands.
type Node struct {
	Elem *etree.Element
	doc  *Document
}

// Pos is where the element starts (its '<').
func (n Node) Pos() Position { return n.doc.Pos(n.Elem) }

// Path is the element path, e.g. /ImageCustomizations/Variant[2]/Settings[1].
func (n Node) Path() string { return n.doc.Path(n.Elem) }

// Attr is one attribute of the typed view. Present is false when the
// attribute is missing (Value is then ""). Document.AttrPos tells where it
// stands.
type Attr struct {
	Value   string
	Present bool
}

// Customizations is the root <ImageCustomizations>. The slices hold every
// occurrence in document order, also where only one is allowed (Statics),
// so that a linter can report the extras.
type Customizations struct {
	Node
	Name, Description, Owner, OwnerType, Priority Attr

	Imports  []Import
	Targets  []Target
	Statics  []Static
	Variants []Variant
}

// Import is <Imports><Import Source=".."/></Imports>.
type Import struct {
	Node
	Source Attr
}

// Target is <Targets><Target Id=".."> with its TargetStates.
type Target struct {
	Node
	ID     Attr
	States []TargetState
}

// TargetState is an AND of Conditions.
type TargetState struct {
	Node
	Conditions []Condition
}

// Condition is <Condition Name=".." Value=".."/>.
type Condition struct {
	Node
	Name, Value Attr
}

// Static holds the settings applied on every device.
type Static struct {
	Node
	Groups []SettingsGroup
}

// Variant holds settings applied when its target matches.
type Variant struct {
	Node
	Name       Attr
	TargetRefs []TargetRef
	Groups     []SettingsGroup
}

// TargetRef is <TargetRefs><TargetRef Id=".."/></TargetRefs>.
type TargetRef struct {
	Node
	ID Attr
}

// SettingsGroup is <Settings Path="..">.
type SettingsGroup struct {
	Node
	Path     Attr
	Settings []Setting
	Assets   []Asset
}

// Setting is <Setting Name=".." Value=".."/>.
type Setting struct {
	Node
	Name, Value Attr
}

// Asset is <Asset Name=".." Source=".."/>.
type Asset struct {
	Node
	Name, Source Attr
}

func (d *Document) node(e *etree.Element) Node { return Node{Elem: e, doc: d} }

func (d *Document) attr(e *etree.Element, key string) Attr { return attrOf(e.Attr, key) }

// attrOf is attribute key among attrs as the typed view reads it: without
// a prefix.
func attrOf(attrs []etree.Attr, key string) Attr {
	for _, a := range attrs {
		if a.Space == "" && a.Key == key {
			return Attr{Value: a.Value, Present: true}
		}
	}
	return Attr{}
}

// child returns tok if it is an element of the document's namespace with
// the given local name, else nil. (Plain loops over Child with child build
// the view without allocating iterators.)
func (d *Document) child(tok etree.Token, tag string) *etree.Element {
	if c, ok := tok.(*etree.Element); ok && c.Tag == tag {
		if _, foreign := d.foreign[c]; d.foreign == nil || !foreign {
			return c
		}
	}
	return nil
}

// sized returns an empty slice from c with room for the children of e
// named tag (nil when there are none), so that the view is built without
// regrowing, and in the document's arena, without an allocation of its own.
func sized[T any](d *Document, c *chunk[T], e *etree.Element, tag string) []T {
	n := 0
	for _, tok := range e.Child {
		if d.child(tok, tag) != nil {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	return c.window(n)
}

// model is where the typed view's slices come from: chunks of the arena
// (see sized).
type model struct {
	built    bool // a view was built since the last reset
	root     Customizations
	imports  chunk[Import]
	targets  chunk[Target]
	states   chunk[TargetState]
	conds    chunk[Condition]
	statics  chunk[Static]
	variants chunk[Variant]
	refs     chunk[TargetRef]
	groups   chunk[SettingsGroup]
	settings chunk[Setting]
	assets   chunk[Asset]
}

// size sets the size of new chunks for a file of about n elements.
func (m *model) size(n int) {
	n = max(n/4, 16)
	m.targets.n, m.states.n, m.conds.n, m.variants.n, m.groups.n, m.settings.n = n, n, n, n, n, n
	m.imports.n, m.statics.n, m.refs.n, m.assets.n = 4, 4, n, 4
}

func (m *model) reset(keepAll bool) {
	if !m.built {
		return // nothing to clear: a parse's arena comes reset
	}
	m.built = false
	m.root = Customizations{}
	m.imports.reset(keepAll)
	m.targets.reset(keepAll)
	m.states.reset(keepAll)
	m.conds.reset(keepAll)
	m.statics.reset(keepAll)
	m.variants.reset(keepAll)
	m.refs.reset(keepAll)
	m.groups.reset(keepAll)
	m.settings.reset(keepAll)
	m.assets.reset(keepAll)
}

// newCustomizations builds the typed view of d, whose slices come from
// d's arena; it replaces any view built before (Update builds it again),
// whose memory it reuses.
func newCustomizations(d *Document, root *etree.Element) *Customizations {
	d.arena.model.reset(true)
	d.arena.model.built = true
	c := &d.arena.root
	*c = Customizations{Node: d.node(root),
		Name: d.attr(root, "Name"), Description: d.attr(root, "Description"), Owner: d.attr(root, "Owner"),
		OwnerType: d.attr(root, "OwnerType"), Priority: d.attr(root, "Priority")}
	for _, tok := range root.Child {
		ch, ok := tok.(*etree.Element)
		if _, foreign := d.foreign[ch]; !ok || foreign {
			continue
		}
		switch ch.Tag {
		case "Imports":
			if c.Imports == nil {
				c.Imports = sized(d, &d.arena.imports, ch, "Import")
			}
			for _, tok := range ch.Child {
				if im := d.child(tok, "Import"); im != nil {
					c.Imports = append(c.Imports, Import{Node: d.node(im), Source: d.attr(im, "Source")})
				}
			}
		case "Targets":
			if c.Targets == nil {
				c.Targets = sized(d, &d.arena.targets, ch, "Target")
			}
			for _, tok := range ch.Child {
				if t := d.child(tok, "Target"); t != nil {
					c.Targets = append(c.Targets, d.target(t))
				}
			}
		case "Static":
			if c.Statics == nil {
				c.Statics = sized(d, &d.arena.statics, root, "Static")
			}
			c.Statics = append(c.Statics, Static{Node: d.node(ch), Groups: d.groups(ch)})
		case "Variant":
			if c.Variants == nil {
				c.Variants = sized(d, &d.arena.variants, root, "Variant")
			}
			v := Variant{Node: d.node(ch), Name: d.attr(ch, "Name"), Groups: d.groups(ch)}
			for _, tok := range ch.Child {
				if refs := d.child(tok, "TargetRefs"); refs != nil {
					if v.TargetRefs == nil {
						v.TargetRefs = sized(d, &d.arena.refs, refs, "TargetRef")
					}
					for _, tok := range refs.Child {
						if r := d.child(tok, "TargetRef"); r != nil {
							v.TargetRefs = append(v.TargetRefs, TargetRef{Node: d.node(r), ID: d.attr(r, "Id")})
						}
					}
				}
			}
			c.Variants = append(c.Variants, v)
		}
	}
	return c
}

func (d *Document) target(t *etree.Element) Target {
	target := Target{Node: d.node(t), ID: d.attr(t, "Id"), States: sized(d, &d.arena.states, t, "TargetState")}
	for _, tok := range t.Child {
		ts := d.child(tok, "TargetState")
		if ts == nil {
			continue
		}
		state := TargetState{Node: d.node(ts), Conditions: sized(d, &d.arena.conds, ts, "Condition")}
		for _, tok := range ts.Child {
			if cond := d.child(tok, "Condition"); cond != nil {
				state.Conditions = append(state.Conditions, Condition{Node: d.node(cond),
					Name: d.attr(cond, "Name"), Value: d.attr(cond, "Value")})
			}
		}
		target.States = append(target.States, state)
	}
	return target
}

func (d *Document) groups(parent *etree.Element) []SettingsGroup {
	out := sized(d, &d.arena.groups, parent, "Settings")
	for _, tok := range parent.Child {
		g := d.child(tok, "Settings")
		if g == nil {
			continue
		}
		// Its settings and assets counted in one pass, as sized counts.
		settings, assets := 0, 0
		for _, tok := range g.Child {
			if c, ok := tok.(*etree.Element); ok && (c.Tag == "Setting" || c.Tag == "Asset") {
				if _, foreign := d.foreign[c]; d.foreign == nil || !foreign {
					if c.Tag == "Setting" {
						settings++
					} else {
						assets++
					}
				}
			}
		}
		group := SettingsGroup{Node: d.node(g), Path: d.attr(g, "Path")}
		if settings > 0 {
			group.Settings = d.arena.settings.window(settings)
		}
		if assets > 0 {
			group.Assets = d.arena.assets.window(assets)
		}
		for _, tok := range g.Child {
			if s := d.child(tok, "Setting"); s != nil {
				group.Settings = append(group.Settings, Setting{Node: d.node(s), Name: d.attr(s, "Name"), Value: d.attr(s, "Value")})
			} else if a := d.child(tok, "Asset"); a != nil {
				group.Assets = append(group.Assets, Asset{Node: d.node(a), Name: d.attr(a, "Name"), Source: d.attr(a, "Source")})
			}
		}
		out = append(out, group)
	}
	return out
}

// IsAnswerFile reports whether the root is <ImageCustomizations> (any namespace).
func (d *Document) IsAnswerFile() bool {
	d.live()
	r := d.Tree.Root()
	return r != nil && r.Tag == "ImageCustomizations"
}

// RootNamespace is the default namespace declared on the root element.
func (d *Document) RootNamespace() string {
	d.live()
	if r := d.Tree.Root(); r != nil {
		return strings.TrimSpace(r.SelectAttrValue("xmlns", ""))
	}
	return ""
}

// PriorityValue is the root's Priority attribute as an integer; ok is false when
// absent or not an integer.
func (c *Customizations) PriorityValue() (n int, ok bool) {
	if !c.Priority.Present {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimSpace(c.Priority.Value))
	return n, err == nil
}
