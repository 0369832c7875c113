// Package compiler writes the Go form of the embedded JSON Schemas that
// package schema validates with (see schema/internal/compile).
package compiler

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/format"
	"io/fs"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

const suffix = ".schema.json"

// Generate reads every *.schema.json in fsys and returns the source of
// compiled.go.
func Generate(fsys fs.FS) ([]byte, error) {
	names, err := fs.Glob(fsys, "*"+suffix)
	if err != nil {
		return nil, err
	}
	slices.Sort(names)
	g := &gen{index: map[string]int{}}
	docs := map[string]any{}
	for _, file := range names {
		b, err := fs.ReadFile(fsys, file)
		if err != nil {
			return nil, err
		}
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.UseNumber()
		var doc any
		if err := dec.Decode(&doc); err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		docs[file] = doc
		g.number(file, "", doc)
	}
	for i := range g.nodes {
		if err := g.fill(i, docs); err != nil {
			return nil, err
		}
	}
	return g.source()
}

type node struct {
	file, ptr string
	v         any
	fields    []string // Go struct fields of the node literal
}

type gen struct {
	nodes    []*node
	index    map[string]int // file#ptr -> node
	patterns []string
	numbers  bool // a const or enum holds a json.Number
}

// subschemaKeys are the keywords whose value is a schema, a list of
// schemas or a map of schemas.
var (
	schemaKey = map[string]bool{"items": true, "additionalProperties": true, "propertyNames": true,
		"not": true, "if": true, "then": true, "else": true}
	listKey = map[string]bool{"allOf": true, "anyOf": true, "oneOf": true}
	mapKey  = map[string]bool{"properties": true, "patternProperties": true, "$defs": true}
)

// number gives every subschema of v (at file#ptr) a node, parents first.
func (g *gen) number(file, ptr string, v any) {
	g.index[file+"#"+ptr] = len(g.nodes)
	g.nodes = append(g.nodes, &node{file: file, ptr: ptr, v: v})
	m, ok := v.(map[string]any)
	if !ok {
		return
	}
	for _, k := range sortedKeys(m) {
		switch {
		case schemaKey[k]:
			if _, isBool := m[k].(bool); k == "additionalProperties" && isBool {
				continue
			}
			g.number(file, ptr+"/"+k, m[k])
		case listKey[k]:
			list, _ := m[k].([]any)
			for i, s := range list {
				g.number(file, ptr+"/"+k+"/"+strconv.Itoa(i), s)
			}
		case mapKey[k]:
			sub, _ := m[k].(map[string]any)
			for _, name := range sortedKeys(sub) {
				g.number(file, ptr+"/"+k+"/"+escapePointer(name), sub[name])
			}
		}
	}
}

func (g *gen) ref(file, ptr, key string) string {
	return strconv.Itoa(g.index[file+"#"+ptr+"/"+key] + 1)
}

// fill works out the Go fields of node i.
func (g *gen) fill(i int, docs map[string]any) error {
	n := g.nodes[i]
	where := n.file + "#" + n.ptr
	add := func(format string, a ...any) { n.fields = append(n.fields, fmt.Sprintf(format, a...)) }
	switch v := n.v.(type) {
	case bool:
		if v {
			add("always: alwaysTrue")
		} else {
			add("always: alwaysFalse")
		}
		return nil
	case map[string]any:
	default:
		return fmt.Errorf("%s: a schema must be an object or a boolean", where)
	}
	m := n.v.(map[string]any)
	for _, k := range sortedKeys(m) {
		v := m[k]
		switch k {
		case "$schema", "$id", "title", "description", "default", "errorMessage", "$defs":
		case "type":
			var types []string
			switch t := v.(type) {
			case string:
				types = []string{t}
			case []any:
				for _, x := range t {
					s, _ := x.(string)
					types = append(types, s)
				}
			}
			add("types: %#v", types)
		case "const":
			add("constant: []any{%s}", g.goValue(v))
			add("constMessage: %q", constMessage(v))
		case "enum":
			list, _ := v.([]any)
			var vals []string
			for _, x := range list {
				vals = append(vals, g.goValue(x))
			}
			add("enum: []any{%s}", strings.Join(vals, ", "))
			add("enumMessage: %q", enumMessage(list))
		case "minProperties", "minItems", "maxItems", "minLength":
			num, ok := v.(json.Number)
			x, err := num.Int64()
			if !ok || err != nil || x < 0 {
				return fmt.Errorf("%s: %s must be a non-negative integer", where, k)
			}
			add("%s: %d", k, x+1)
		case "minimum", "exclusiveMinimum", "maximum":
			num, ok := v.(json.Number)
			if !ok {
				return fmt.Errorf("%s: %s must be a number", where, k)
			}
			add("%s: %q", k, num.String())
		case "required":
			list, _ := v.([]any)
			var names []string
			for _, x := range list {
				s, _ := x.(string)
				names = append(names, s)
			}
			add("required: %#v", names)
		case "uniqueItems":
			if b, _ := v.(bool); b {
				add("uniqueItems: true")
			}
		case "pattern":
			s, _ := v.(string)
			add("pattern: %d", g.pattern(s))
		case "properties", "patternProperties":
			sub, _ := v.(map[string]any)
			var props []string
			for _, name := range sortedKeys(sub) {
				target := g.ref(n.file, n.ptr+"/"+k, escapePointer(name))
				if k == "properties" {
					props = append(props, fmt.Sprintf("{name: %q, escaped: %q, node: %s}", name, escape(name), target))
				} else {
					props = append(props, fmt.Sprintf("{pattern: %d, escaped: %q, node: %s}", g.pattern(name), escape(name), target))
				}
			}
			field := map[string]string{"properties": "properties", "patternProperties": "patternProperties"}[k]
			add("%s: []property{%s}", field, strings.Join(props, ", "))
		case "additionalProperties":
			if b, ok := v.(bool); ok {
				if !b {
					add("noAdditional: true")
				}
				continue
			}
			add("additional: %s", g.ref(n.file, n.ptr, k))
		case "items", "propertyNames", "not", "if", "then", "else":
			field := map[string]string{"items": "items", "propertyNames": "propertyNames", "not": "not",
				"if": "ifNode", "then": "thenNode", "else": "elseNode"}[k]
			add("%s: %s", field, g.ref(n.file, n.ptr, k))
		case "allOf", "anyOf", "oneOf":
			list, _ := v.([]any)
			var refs []string
			for j := range list {
				refs = append(refs, g.ref(n.file, n.ptr+"/"+k, strconv.Itoa(j)))
			}
			add("%s: []int32{%s}", k, strings.Join(refs, ", "))
		case "$ref":
			s, _ := v.(string)
			file, frag, _ := strings.Cut(s, "#")
			if file == "" {
				file = n.file
			}
			frag, err := url.PathUnescape(frag)
			if err != nil {
				return fmt.Errorf("%s: $ref %q: %w", where, s, err)
			}
			target, ok := g.index[file+"#"+frag]
			if !ok {
				return fmt.Errorf("%s: $ref %q names no subschema", where, s)
			}
			add("ref: %d", target+1)
		default:
			return fmt.Errorf("%s: keyword %q is not supported by schema/internal/compile", where, k)
		}
	}
	return nil
}

func (g *gen) pattern(s string) int {
	if i := slices.Index(g.patterns, s); i >= 0 {
		return i + 1
	}
	g.patterns = append(g.patterns, s)
	return len(g.patterns)
}

func (g *gen) source() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("// Code generated by schema/internal/compile from the *.schema.json files; DO NOT EDIT.\n\n")
	b.WriteString("package schema\n\nimport (\n")
	if g.numbers {
		b.WriteString("\t\"encoding/json\"\n")
	}
	b.WriteString("\n\t\"github.com/mcsf-dev/mcsf/internal/lazy\"\n)\n\n")
	b.WriteString("// nodes holds every subschema; a node refers to another by index + 1.\n")
	b.WriteString("var nodes = [...]node{\n")
	for _, n := range g.nodes {
		fmt.Fprintf(&b, "\t{ // %s#%s\n", n.file, n.ptr)
		for _, f := range n.fields {
			fmt.Fprintf(&b, "\t\t%s,\n", f)
		}
		b.WriteString("\t},\n")
	}
	b.WriteString("}\n\n")
	b.WriteString("// parts maps a schema name and a JSON pointer (the whole schema or one of\n// its $defs) to its node, sorted by name then pointer.\n")
	b.WriteString("var parts = [...]part{\n")
	for i, n := range g.nodes {
		if n.ptr != "" && !(strings.HasPrefix(n.ptr, "/$defs/") && strings.Count(n.ptr, "/") == 2) {
			continue
		}
		fmt.Fprintf(&b, "\t{%q, %q, %d},\n", strings.TrimSuffix(n.file, suffix), n.ptr, i)
	}
	b.WriteString("}\n\n")
	b.WriteString("// patterns holds the regular expressions numbered 1 and up (0 is none),\n// each compiled on first use.\nvar patterns = [...]lazy.Regexp{{},\n")
	for _, p := range g.patterns {
		fmt.Fprintf(&b, "\t{Expr: %q},\n", p)
	}
	b.WriteString("}\n")
	return format.Source(b.Bytes())
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func escapePointer(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// escape is a property name as jsonschema/v5 writes it into locations.
func escape(s string) string { return url.PathEscape(escapePointer(s)) }

// goValue is the Go literal of a JSON value decoded with UseNumber.
func (g *gen) goValue(v any) string {
	switch x := v.(type) {
	case nil:
		return "nil"
	case bool, string:
		return fmt.Sprintf("%#v", x)
	case json.Number:
		g.numbers = true
		return fmt.Sprintf("json.Number(%q)", x.String())
	}
	panic(fmt.Sprintf("compile: const and enum values must be scalars, got %T", v))
}

// constMessage and enumMessage are jsonschema/v5's messages, fixed at
// generation time.
func constMessage(v any) string { return fmt.Sprintf("value must be %#v", v) }

func enumMessage(list []any) string {
	if len(list) == 1 {
		return fmt.Sprintf("value must be %#v", list[0])
	}
	s := make([]string, len(list))
	for i, x := range list {
		s[i] = fmt.Sprintf("%#v", x)
	}
	return "value must be one of " + strings.Join(s, ", ")
}
