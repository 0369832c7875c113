package schema

import (
	"reflect"
	"strings"
)

// Definition is one of the $defs of an embedded schema as compiled: what a
// program that reads the schema's shape needs (the linter's tables of which
// element holds which), without parsing its JSON text at run time.
type Definition struct {
	Pointer string // e.g. /$defs/Target
	// Properties are the properties it declares.
	Properties []Property
	// Plain is true when the definition asks nothing of a value but its
	// type, its required and declared properties (properties and
	// patternProperties), and additional ones.
	Plain bool
}

// Property is a property a Definition declares.
type Property struct {
	Name string
	// Items is the pointer of the definition the items of an array
	// property refer to ("" when they refer to none).
	Items string
	// String is what the property asks of a string when that is all it
	// asks, itself or through one $ref to a definition; OtherRule when a
	// patternProperties entry of the definition applies to it too.
	String StringRule
}

// StringRule is what a schema asks of a string value.
type StringRule uint8

// String rules; OtherRule (zero) is anything else (not a string, or more
// than StringRule can say).
const (
	OtherRule    StringRule = iota
	AnyString               // {"type": "string"}
	NonBlankText            // {"type": "string", "pattern": "\\S"}
)

// Definitions returns the pointer the root of schema name refers to ("" when
// it refers to none) and its $defs, sorted by pointer.
func Definitions(name string) (root string, defs []Definition, err error) {
	top, err := findPart(name, "")
	if err != nil {
		return "", nil, err
	}
	pointer := func(ref int32) string {
		for _, p := range parts {
			if p.schema == name && p.node == ref-1 {
				return p.pointer
			}
		}
		return ""
	}
	if ref := nodes[top].ref; ref != 0 {
		root = pointer(ref)
	}
	for _, p := range parts {
		if p.schema != name || !strings.HasPrefix(p.pointer, "/$defs/") {
			continue
		}
		n := &nodes[p.node]
		d := Definition{Pointer: p.pointer, Plain: plainObject(n)}
		for _, prop := range n.properties {
			pn := &nodes[prop.node-1]
			out := Property{Name: prop.name, String: stringRule(pn)}
			if pn.items != 0 && nodes[pn.items-1].ref != 0 {
				out.Items = pointer(nodes[pn.items-1].ref)
			}
			if pn.ref != 0 && onlyRef(pn) {
				out.String = stringRule(&nodes[pn.ref-1])
			}
			for _, pp := range n.patternProperties {
				if patterns[pp.pattern].Get().MatchString(prop.name) {
					out.String = OtherRule // its value is judged by that entry too
				}
			}
			d.Properties = append(d.Properties, out)
		}
		defs = append(defs, d)
	}
	return root, defs, nil
}

// plainObject reports whether n holds no keyword but type, required,
// properties, patternProperties and additionalProperties.
func plainObject(n *node) bool {
	m := *n
	m.types, m.required, m.properties, m.patternProperties, m.noAdditional, m.additional = nil, nil, nil, nil, false, 0
	return reflect.ValueOf(m).IsZero()
}

// onlyRef reports whether n is a $ref and nothing else.
func onlyRef(n *node) bool {
	m := *n
	m.ref = 0
	return reflect.ValueOf(m).IsZero()
}

// stringRule says what n asks of a string value.
func stringRule(n *node) StringRule {
	m := *n
	if len(m.types) != 1 || m.types[0] != "string" {
		return OtherRule
	}
	rule := AnyString
	if m.pattern != 0 && patterns[m.pattern].Expr == `\S` {
		rule, m.pattern = NonBlankText, 0
	}
	m.types = nil
	if !reflect.ValueOf(m).IsZero() {
		return OtherRule
	}
	return rule
}
