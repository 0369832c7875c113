package lint

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/beevik/etree"

	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/internal/english"
	"github.com/mcsf-dev/mcsf/internal/lazy"
	"github.com/mcsf-dev/mcsf/schema"
)

// structure.go checks the structure of a document with the embedded JSON
// Schema "answerfile". Each element is projected to a JSON object (its
// attributes are "@Name" strings, its non-blank text "#text", and each tag
// of its child elements a key) and validated against its definition
// $defs/<tag>; the children are then checked in turn against the
// definitions their parent's schema names for them. Element by element, a
// file of any size is checked with little memory, and each error is already
// at its element.

func qualified(space, local string) string {
	if space != "" {
		return space + ":" + local
	}
	return local
}

// elemKey is the name of element e in a projection: its local name when it
// is in the document's namespace, whatever its prefix (<x:Static> with x
// bound to it is Static), else "{namespace}" and its name as written, which
// no definition declares (<Static xmlns="urn:other"> is not Static).
func elemKey(doc *answerfile.Document, e *etree.Element) string {
	if ns, foreign := doc.Foreign(e); foreign {
		return "{" + ns + "}" + qualified(e.Space, e.Tag)
	}
	return e.Tag
}

// member is one property of an element's projection: an attribute
// ("@Name" and its value), the element's text ("#text"), or a child tag
// (child set, its value an empty array).
type member struct {
	key, value string
	child      bool
}

// members lists the projection of e alone, sorted by key: its children
// appear as keys holding empty arrays, so the schema sees which child tags e
// has; each child is validated against its own definition.
func members(doc *answerfile.Document, e *etree.Element) []member {
	var out []member
	for _, a := range e.Attr {
		if a.Space == "xmlns" || (a.Space == "" && a.Key == "xmlns") {
			continue // namespace declarations are not attributes of the model
		}
		out = append(out, member{key: "@" + qualified(a.Space, a.Key), value: a.Value})
	}
	var text strings.Builder
	for _, tok := range e.Child {
		switch t := tok.(type) {
		case *etree.Element:
			key := elemKey(doc, t)
			if !slices.ContainsFunc(out, func(m member) bool { return m.child && m.key == key }) {
				out = append(out, member{key: key, child: true})
			}
		case *etree.CharData:
			text.WriteString(t.Data)
		}
	}
	if s := strings.TrimSpace(text.String()); s != "" {
		out = append(out, member{key: "#text", value: s})
	}
	slices.SortFunc(out, func(a, b member) int { return strings.Compare(a.key, b.key) })
	return out
}

// project is the JSON form of e alone (see members).
func project(doc *answerfile.Document, e *etree.Element) map[string]any {
	obj := map[string]any{}
	for _, m := range members(doc, e) {
		if m.child {
			obj[m.key] = []any{}
		} else {
			obj[m.key] = m.value
		}
	}
	return obj
}

func unescapePointer(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~1", "/"), "~0", "~")
}

// answerSchema is what the checks need of the answerfile schema: which
// attributes and children each element allows, and where each element may
// stand (from the compiled schema: schema.Definitions), and its parsed
// text for turning validation errors into messages (root, read on the
// first error).
type answerSchema struct {
	ref     string              // the definition of the root element, e.g. /$defs/ImageCustomizations
	parents map[string][]string // element tag -> tags of the elements that may hold it
	// childDefs maps a definition's pointer (/$defs/Target) to the
	// definitions of the child elements it declares (TargetState ->
	// /$defs/TargetState).
	childDefs map[string]map[string]string
	// valueKinds maps a definition's pointer to the attributes (unprefixed
	// names) whose verdict depends on less than their whole value: the
	// schema cache key holds only that much of it (see valueKind).
	valueKinds map[string]map[string]valueKind
	root       func() (map[string]any, error)
	// top is the root element's definition, linked to its children's:
	// the check follows pointers instead of looking each element's
	// definition up by name.
	top *definition
}

// definition is one definition of the schema, as checkStructure walks it.
type definition struct {
	pointer  string     // e.g. /$defs/Target
	children []childDef // childDefs[pointer], linked
	kinds    attrKinds  // valueKinds[pointer]
}

// childDef is a child element a definition declares, and its definition.
type childDef struct {
	tag string
	def *definition
}

// child returns the definition of the child element tag. A definition
// declares a few children, and comparing their tags costs less than the
// map lookup that was a fifth of checkStructure's time.
func (d *definition) child(tag string) (*definition, bool) {
	for i := range d.children {
		if d.children[i].tag == tag {
			return d.children[i].def, true
		}
	}
	return nil, false
}

// attrKinds is a definition's valueKinds as a list: an element has a few
// attributes, and comparing their names costs less than hashing them (the
// map lookup was a tenth of projectionKey's time).
type attrKinds []attrKind

type attrKind struct {
	name string
	kind valueKind
}

// of returns the kind of the attribute name, 0 when the definition looks at
// its whole value.
func (ks attrKinds) of(name string) valueKind {
	for _, k := range ks {
		if k.name == name {
			return k.kind
		}
	}
	return 0
}

// valueKind says how much of an attribute value a definition looks at.
type valueKind byte

const (
	anyString valueKind = iota + 1 // {"type": "string"}: nothing
	nonBlank                       // {"type": "string", "pattern": "\\S"}: whether it has a non-space
)

// loadAnswerSchema builds the tables from the compiled schema: JSON-parsing
// the schema's text for them was 5 % of the CPU of linting one small file.
func loadAnswerSchema() (*answerSchema, error) { return answerSchemaR.Get(buildAnswerSchema) }

var answerSchemaR lazy.Result[*answerSchema]

func buildAnswerSchema() (*answerSchema, error) {
	ref, defs, err := schema.Definitions("answerfile")
	if err != nil {
		return nil, err
	}
	s := &answerSchema{ref: ref, parents: map[string][]string{}, childDefs: map[string]map[string]string{},
		valueKinds: map[string]map[string]valueKind{}, root: sync.OnceValues(parseAnswerSchema)}
	for _, def := range defs {
		parent := strings.TrimPrefix(def.Pointer, "/$defs/")
		kids, kinds := map[string]string{}, map[string]valueKind{}
		for _, p := range def.Properties {
			if !strings.HasPrefix(p.Name, "@") && !strings.HasPrefix(p.Name, "#") {
				s.parents[p.Name] = append(s.parents[p.Name], parent)
			}
			if p.Items != "" {
				kids[p.Name] = p.Items
			}
			// Only a definition that looks at nothing else may leave
			// values out of the key.
			if name, ok := strings.CutPrefix(p.Name, "@"); ok && !strings.Contains(name, ":") && def.Plain {
				switch p.String {
				case schema.AnyString:
					kinds[name] = anyString
				case schema.NonBlankText:
					kinds[name] = nonBlank
				}
			}
		}
		if !def.Plain {
			kinds = nil
		}
		s.childDefs[def.Pointer], s.valueKinds[def.Pointer] = kids, kinds
	}
	s.top = s.link(s.ref, map[string]*definition{})
	return s, nil
}

// link returns the definition at pointer, with its children's linked;
// made holds those made so far.
func (s *answerSchema) link(pointer string, made map[string]*definition) *definition {
	if d, ok := made[pointer]; ok {
		return d
	}
	d := &definition{pointer: pointer}
	for name, kind := range s.valueKinds[pointer] {
		d.kinds = append(d.kinds, attrKind{name, kind})
	}
	made[pointer] = d
	for tag, child := range s.childDefs[pointer] {
		d.children = append(d.children, childDef{tag, s.link(child, made)})
	}
	return d
}

// parseAnswerSchema parses the text of the answerfile schema.
func parseAnswerSchema() (map[string]any, error) {
	b, err := schema.Bytes("answerfile")
	if err != nil {
		return nil, err
	}
	var root map[string]any
	if err := json.Unmarshal(b, &root); err != nil {
		return nil, fmt.Errorf("answerfile schema: %w", err)
	}
	return root, nil
}

// hasNonSpace reports whether v matches the pattern \S: RE2's \s is
// [\t\n\f\r ], so any other byte (a UTF-8 byte of a non-ASCII character
// included) is a match.
func hasNonSpace(v string) bool {
	for i := 0; i < len(v); i++ {
		switch v[i] {
		case '\t', '\n', '\f', '\r', ' ':
		default:
			return true
		}
	}
	return false
}

// blank reports whether strings.TrimSpace(s) is empty, without the call
// for the white space between elements (ASCII): TrimSpace was a fifth of
// projectionKey's time.
func blank(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\v' || c == '\f':
		case c < utf8.RuneSelf:
			return false
		default:
			return strings.TrimSpace(s[i:]) == "" // Unicode white space
		}
	}
	return true
}

// resolve follows a keyword location (a JSON pointer through the schema that
// may pass through "$ref") and returns the schema object holding the failing
// keyword, and the keyword.
func (s *answerSchema) resolve(loc string) (map[string]any, string) {
	toks := strings.Split(strings.TrimPrefix(loc, "/"), "/")
	root, _ := s.root() // nil when it does not parse: no message details
	var cur any = root
	for _, tok := range toks[:len(toks)-1] {
		tok = unescapePointer(tok)
		m, ok := cur.(map[string]any)
		if !ok {
			if arr, ok := cur.([]any); ok {
				if i, err := strconv.Atoi(tok); err == nil && i < len(arr) {
					cur = arr[i]
					continue
				}
			}
			return nil, ""
		}
		if tok == "$ref" {
			ref, _ := m["$ref"].(string)
			cur = pointer(root, strings.TrimPrefix(ref, "#"))
			continue
		}
		cur = m[tok]
	}
	m, _ := cur.(map[string]any)
	return m, unescapePointer(toks[len(toks)-1])
}

func pointer(root map[string]any, ptr string) any {
	var cur any = root
	for _, tok := range strings.Split(strings.TrimPrefix(ptr, "/"), "/") {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = m[unescapePointer(tok)]
	}
	return cur
}

// allowed lists the attribute names (without "@") and child tags a schema
// object declares, each sorted.
func allowed(def map[string]any) (attrs, children []string) {
	props, _ := def["properties"].(map[string]any)
	for key := range props {
		switch {
		case strings.HasPrefix(key, "@"):
			attrs = append(attrs, key[1:])
		case !strings.HasPrefix(key, "#"):
			children = append(children, key)
		}
	}
	slices.Sort(attrs)
	slices.Sort(children)
	return attrs, children
}

func declares(def map[string]any, key string) bool {
	props, _ := def["properties"].(map[string]any)
	if _, ok := props[key]; ok {
		return true
	}
	pats, _ := def["patternProperties"].(map[string]any)
	for p := range pats {
		if re, err := regexp.Compile(p); err == nil && re.MatchString(key) {
			return true
		}
	}
	return false
}

// checkStructure validates doc against the answerfile schema.
func (c *checker) checkStructure() {
	as, err := loadAnswerSchema()
	if err != nil {
		c.internal(err)
		return
	}
	type item struct {
		e   *etree.Element
		def *definition
	}
	stack := make([]item, 1, 32)
	stack[0] = item{c.doc.Tree.Root(), as.top}
	// The key and the child tags of each element, reused: room for most.
	key, tags := make([]byte, 0, 256), make([]*etree.Element, 0, 8)
	for len(stack) > 0 {
		top := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		key, tags = projectionKey(key[:0], tags[:0], c.doc, top.def.pointer, top.def.kinds, top.e)
		if !c.cfg.Cache.accepted(key) {
			obj := project(c.doc, top.e)
			errs, err := schema.ValidateAt("answerfile", top.def.pointer, obj)
			if err != nil {
				c.internal(err)
				return
			}
			for _, e := range errs {
				c.structureError(as, top.e, obj, top.def.pointer, e)
			}
			if len(errs) == 0 {
				c.cfg.Cache.accept(key)
			}
		}
		// Children the definition declares are checked against theirs;
		// others were reported above as not allowed here.
		for i := len(top.e.Child) - 1; i >= 0; i-- {
			if kid, ok := top.e.Child[i].(*etree.Element); ok {
				if child, ok := top.def.child(elemKey(c.doc, kid)); ok {
					stack = append(stack, item{kid, child})
				}
			}
		}
	}
}

// projectionKey appends to key the definition and what e's projection
// holds, for the schema cache: the attributes in document order with their
// values, or only as much of a value as its kind says, each child tag
// once, and the text when it is not blank. Equal keys mean projections the
// definition judges alike, so an accepted key stands for an accepted
// element. tags is scratch space for the first child of each tag; both are
// returned for reuse.
func projectionKey(key []byte, tags []*etree.Element, doc *answerfile.Document, def string, kinds attrKinds, e *etree.Element) ([]byte, []*etree.Element) {
	key = append(key, def...)
	for _, a := range e.Attr {
		if a.Space == "xmlns" || (a.Space == "" && a.Key == "xmlns") {
			continue
		}
		key = append(key, 0, '@')
		if a.Space != "" {
			key = append(append(key, a.Space...), ':')
		}
		key = append(append(key, a.Key...), 1)
		switch k := kinds.of(a.Key); {
		case a.Space != "" || k == 0:
			key = append(key, a.Value...)
		case k == nonBlank && hasNonSpace(a.Value):
			key = append(key, 2)
		}
	}
	text := false
	for _, tok := range e.Child {
		switch t := tok.(type) {
		case *etree.Element:
			if !slices.ContainsFunc(tags, func(f *etree.Element) bool { return f.Tag == t.Tag && elemKey(doc, f) == elemKey(doc, t) }) {
				tags = append(tags, t)
				key = append(append(append(key, 0), elemKey(doc, t)...), 1, 2)
			}
		case *etree.CharData:
			text = text || !blank(t.Data)
		}
	}
	if text {
		// Rare: the projection's #text, made as members makes it.
		for _, m := range members(doc, e) {
			if m.key == "#text" {
				key = append(append(append(key, 0, '#', 1), m.value...), 0)
			}
		}
	}
	return key, tags
}

// structureError turns one validation error of elem (whose projection is
// obj, validated against the definition at def) into a finding.
func (c *checker) structureError(as *answerSchema, elem *etree.Element, obj map[string]any, def string, e schema.Error) {
	attr := ""
	if a, ok := strings.CutPrefix(e.InstanceLocation, "/@"); ok {
		attr = unescapePointer(a)
	}
	tag := "<" + qualified(elem.Space, elem.Tag) + ">"
	defObj, keyword := as.resolve(def + e.KeywordLocation)
	switch {
	case keyword == "additionalProperties" && attr == "":
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			if !declares(defObj, k) {
				c.unknownMember(as, defObj, elem, tag, k)
			}
		}
	case keyword == "required" && attr == "":
		req, _ := defObj["required"].([]any)
		for _, r := range req {
			name, _ := r.(string)
			if _, ok := obj[name]; ok {
				continue
			}
			if a, ok := strings.CutPrefix(name, "@"); ok {
				d := c.rule(RuleSchema).at(elem, "%s has no %s attribute, which it needs", tag, a)
				d.Fix = fmt.Sprintf("add %s=\"...\"", a)
				c.add(d)
			} else {
				c.add(c.rule(RuleSchema).at(elem, "%s needs a <%s> child", tag, name))
			}
		}
	default:
		msg := e.Message
		if m, ok := defObj["errorMessage"].(string); ok {
			msg = m
		}
		if attr != "" {
			c.add(c.rule(RuleSchema).attr(elem, attr, "attribute %s of %s %s", attr, tag, msg))
		} else {
			c.add(c.rule(RuleSchema).at(elem, "%s: %s", tag, msg))
		}
	}
}

// unknownMember reports one property of an element's projection that its
// schema does not declare: an attribute, a child element or text.
func (c *checker) unknownMember(as *answerSchema, def map[string]any, elem *etree.Element, tag, key string) {
	attrs, children := allowed(def)
	switch {
	case key == "#text":
		c.add(c.rule(RuleSchema).at(elem,
			"text is not allowed inside %s: answer files keep values in attributes", tag))
	case strings.HasPrefix(key, "@"):
		name := key[1:]
		msg := fmt.Sprintf("unknown attribute %s on %s", name, tag)
		if s := english.Nearest(name, attrs); s != "" {
			msg += fmt.Sprintf(" (did you mean %s?)", s)
		}
		if len(attrs) == 0 {
			msg += "; it takes no attributes"
		} else {
			msg += "; allowed: " + strings.Join(attrs, ", ")
		}
		space, local, _ := strings.Cut(name, ":")
		if local == "" {
			space, local = "", name
		}
		c.add(c.rule(RuleSchema).attrText(elem, qualified(space, local), msg))
	case strings.HasPrefix(key, "{"):
		for _, ch := range elem.ChildElements() {
			if elemKey(c.doc, ch) == key {
				ns, _ := c.doc.Foreign(ch)
				d := c.rule(RuleSchema).at(ch, "<%s> is in %s, not in the namespace of <%s>: MCSF does not read it",
					qualified(ch.Space, ch.Tag), namespaceName(ns), qualified(c.doc.Tree.Root().Space, c.doc.Tree.Root().Tag))
				d.Fix = "write it in the answer-file namespace " + answerfile.Namespace + " (no xmlns of its own, or a prefix bound to it), or remove it"
				c.add(d)
			}
		}
	default:
		// each child named as written: <x:Bogus> is key Bogus
		msg := func(name string) string {
			if ps := as.parents[key]; len(ps) > 0 {
				return fmt.Sprintf("<%s> is not allowed in %s: it belongs in %s", name, tag, orTags(ps))
			}
			msg := fmt.Sprintf("unknown element <%s> in %s", name, tag)
			if s := english.Nearest(key, children); s != "" {
				msg += fmt.Sprintf(" (did you mean <%s>?)", s)
			}
			if len(children) == 0 {
				return msg + fmt.Sprintf("; %s has no child elements", tag)
			}
			return msg + "; allowed here: " + orTags(children)
		}
		for _, ch := range elem.ChildElements() {
			if elemKey(c.doc, ch) == key {
				c.add(c.rule(RuleSchema).at(ch, "%s", msg(qualified(ch.Space, ch.Tag))))
			}
		}
	}
}

// namespaceName names a namespace in a message.
func namespaceName(ns string) string {
	if ns == "" {
		return "no namespace"
	}
	return "namespace " + english.Quote(ns)
}

func orTags(tags []string) string {
	out := make([]string, len(tags))
	for i, t := range tags {
		out[i] = "<" + t + ">"
	}
	switch len(out) {
	case 1:
		return out[0]
	case 2:
		return out[0] + " or " + out[1]
	}
	return strings.Join(out[:len(out)-1], ", ") + " or " + out[len(out)-1]
}
