package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/mcsf-dev/mcsf/schema/internal/compile/compiler"
	"github.com/santhosh-tekuri/jsonschema/v5"
)

// TestCompiledUpToDate fails when a *.schema.json changed without
// `go generate ./schema`.
func TestCompiledUpToDate(t *testing.T) {
	want, err := compiler.Generate(os.DirFS("."))
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("compiled.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("compiled.go is out of date: run go generate ./schema")
	}
}

// reference validates with santhosh-tekuri/jsonschema/v5 as the compiled
// schemas must: draft 2020-12, formats asserted, the leaves sorted.
func reference(t *testing.T, c *jsonschema.Compiler, name, fragment string, v any) []Error {
	t.Helper()
	url := baseURL + name + suffix
	if fragment != "" {
		url += "#" + fragment
	}
	s, err := c.Compile(url)
	if err != nil {
		t.Fatalf("jsonschema/v5 compiles %s: %v", url, err)
	}
	verr := s.Validate(v)
	if verr == nil {
		return nil
	}
	ve, ok := verr.(*jsonschema.ValidationError)
	if !ok {
		t.Fatalf("validate %s: %v", url, verr)
	}
	var out []Error
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			out = append(out, Error{e.InstanceLocation, e.KeywordLocation, sortNames(e.Message)})
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(ve)
	slices.SortFunc(out, func(a, b Error) int {
		return strings.Compare(a.InstanceLocation+"\x00"+a.KeywordLocation+"\x00"+a.Message,
			b.InstanceLocation+"\x00"+b.KeywordLocation+"\x00"+b.Message)
	})
	return slices.Compact(out)
}

var additional = regexp.MustCompile(`^additionalProperties (.*) not allowed$`)

// sortNames puts the names of jsonschema/v5's additionalProperties
// message, which it lists in map order, in the sorted order Validate uses.
func sortNames(msg string) string {
	m := additional.FindStringSubmatch(msg)
	if m == nil {
		return msg
	}
	names := strings.Split(m[1], ", ")
	slices.Sort(names)
	return "additionalProperties " + strings.Join(names, ", ") + " not allowed"
}

func referenceCompiler(t *testing.T) *jsonschema.Compiler {
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.AssertFormat = true
	for _, name := range Names() {
		b, _ := Bytes(name)
		if err := c.AddResource(baseURL+name+suffix, bytes.NewReader(b)); err != nil {
			t.Fatal(err)
		}
	}
	return c
}

// TestConformance validates values made from each schema part (its
// enums, consts, patterns, bounds and properties, then mutated: wrong
// types, unknown and missing members, blank strings, numbers off by one)
// with the compiled schemas and with jsonschema/v5, and wants the same
// leaves: instance location, keyword location and message.
func TestConformance(t *testing.T) {
	c := referenceCompiler(t)
	n := 120
	if testing.Short() {
		n = 30
	}
	for _, p := range parts {
		t.Run(p.schema+"#"+p.pointer, func(t *testing.T) {
			raw := rawSchema(t, p.schema)
			rng := rand.New(rand.NewPCG(uint64(p.node), 15))
			g := &instances{rng: rng, root: raw}
			for i := range n {
				v := g.value(g.at(p.pointer), 0)
				got, err := ValidateAt(p.schema, p.pointer, v)
				if err != nil {
					t.Fatal(err)
				}
				want := reference(t, c, p.schema, p.pointer, v)
				if diff := cmp.Diff(want, got); diff != "" {
					b, _ := json.Marshal(v)
					t.Fatalf("instance %d %s: leaves differ from jsonschema/v5 (-want +got):\n%s", i, b, diff)
				}
			}
		})
	}
}

func rawSchema(t *testing.T, name string) any {
	b, err := Bytes(name)
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// instances makes random values shaped by a schema, about half of them
// valid.
type instances struct {
	rng  *rand.Rand
	root any
}

func (g *instances) at(ptr string) any {
	cur := g.root
	if ptr == "" {
		return cur
	}
	for _, tok := range strings.Split(ptr[1:], "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		m, _ := cur.(map[string]any)
		cur = m[tok]
	}
	return cur
}

func (g *instances) chance(p float64) bool { return g.rng.Float64() < p }

func (g *instances) value(s any, depth int) any {
	m, _ := s.(map[string]any)
	if depth > 8 || m == nil {
		return g.scalar()
	}
	if g.chance(0.04) {
		return g.scalar() // any type at all
	}
	if ref, ok := m["$ref"].(string); ok && g.chance(0.9) {
		file, frag, _ := strings.Cut(ref, "#")
		if file == "" {
			return g.value(g.at(frag), depth+1)
		}
		return g.scalar()
	}
	for _, k := range []string{"anyOf", "oneOf", "allOf"} {
		if list, ok := m[k].([]any); ok && len(list) > 0 && g.chance(0.8) {
			return g.value(list[g.rng.IntN(len(list))], depth+1)
		}
	}
	if c, ok := m["const"]; ok && g.chance(0.8) {
		return c
	}
	if list, ok := m["enum"].([]any); ok && g.chance(0.8) {
		return list[g.rng.IntN(len(list))]
	}
	typ, _ := m["type"].(string)
	if list, ok := m["type"].([]any); ok && len(list) > 0 {
		typ, _ = list[g.rng.IntN(len(list))].(string)
	}
	if typ == "" {
		if _, ok := m["properties"]; ok {
			typ = "object"
		}
	}
	switch typ {
	case "object":
		obj := map[string]any{}
		props, _ := m["properties"].(map[string]any)
		for name, ps := range props {
			if g.chance(0.6) {
				obj[name] = g.value(ps, depth+1)
			}
		}
		if req, ok := m["required"].([]any); ok {
			for _, r := range req {
				name, _ := r.(string)
				if _, ok := obj[name]; !ok && g.chance(0.8) {
					obj[name] = g.value(props[name], depth+1)
				}
			}
		}
		if pats, ok := m["patternProperties"].(map[string]any); ok && g.chance(0.3) {
			for pat, ps := range pats {
				obj[strings.TrimPrefix(pat, "^")+"x"] = g.value(ps, depth+1)
			}
		}
		if g.chance(0.15) {
			obj[g.name()] = g.scalar()
		}
		if g.chance(0.05) {
			obj[g.name()+"/~ é"] = g.scalar()
		}
		if add, ok := m["additionalProperties"].(map[string]any); ok && g.chance(0.5) {
			obj[g.name()] = g.value(add, depth+1)
		}
		return obj
	case "array":
		var arr []any
		for range g.rng.IntN(4) {
			arr = append(arr, g.value(m["items"], depth+1))
		}
		if len(arr) > 0 && g.chance(0.1) {
			arr = append(arr, arr[0])
		}
		if arr == nil {
			arr = []any{}
		}
		return arr
	case "string":
		return g.text(m)
	case "integer", "number":
		for _, k := range []string{"minimum", "exclusiveMinimum", "maximum"} {
			if b, ok := m[k].(json.Number); ok && g.chance(0.5) {
				f, _ := b.Float64()
				return f + float64(g.rng.IntN(3)-1)
			}
		}
		if typ == "number" && g.chance(0.2) {
			return g.rng.Float64() * 10
		}
		return float64(g.rng.IntN(100) - 5)
	case "boolean":
		return g.chance(0.5)
	case "null":
		return nil
	}
	return g.scalar()
}

func (g *instances) text(m map[string]any) string {
	switch g.rng.IntN(7) {
	case 0:
		return ""
	case 1:
		return " \t"
	case 2:
		return "a\x01b"
	case 3:
		return "12:34:56"
	case 4:
		return "rule-id"
	case 5:
		return "/ImageCustomizations/Variant[2]"
	}
	return g.name()
}

func (g *instances) name() string {
	words := []string{"Name", "@Id", "@Name", "value", "x", "fail-on", "1.25", "Target", "0d 00:00:01", "é"}
	return words[g.rng.IntN(len(words))] + strconv.Itoa(g.rng.IntN(3))
}

func (g *instances) scalar() any {
	switch g.rng.IntN(6) {
	case 0:
		return nil
	case 1:
		return true
	case 2:
		return float64(g.rng.IntN(10))
	case 3:
		return json.Number(fmt.Sprint(g.rng.IntN(10)))
	case 4:
		return []any{"a"}
	}
	return g.name()
}
