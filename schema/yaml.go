package schema

import (
	"encoding/json"
	"net/url"
	"strconv"
	"strings"

	"github.com/mcsf-dev/mcsf/internal/yaml"
)

// yaml.go: YAML documents (the generate spec, .mcsf.yaml) checked with
// Validate, every Error at the line and column of what it is about.

// YAML is a YAML document read for Validate: its plain value, and the node
// of every value and mapping key by JSON pointer, escaped as Validate writes
// an Error's InstanceLocation.
type YAML struct {
	Value  any
	values map[string]*yaml.Node
	keys   map[string]*yaml.Node
}

// Node is the node of the value at JSON pointer ptr ("" for the root); nil
// when there is none.
func (y *YAML) Node(ptr string) *yaml.Node { return y.values[ptr] }

// Key is the node of the mapping key naming the value at ptr; nil for the
// root and for the items of a list.
func (y *YAML) Key(ptr string) *yaml.Node { return y.keys[ptr] }

// YAMLProblem is a part of a YAML document that FromYAML does not convert
// (the value holds nil in its place): an alias, a key given twice in one
// mapping, a key that is not a scalar, values nested deeper than the
// limit. The caller words the message.
type YAMLProblem struct {
	Kind  YAMLProblemKind
	Node  *yaml.Node // the alias, the key, or the value too deep
	First *yaml.Node // DuplicateKey: the first key of that name
}

// YAMLProblemKind says what a YAMLProblem is.
type YAMLProblemKind int

const (
	// Alias: aliases are refused, not followed: a few hundred bytes of
	// nested aliases expand to billions of values.
	Alias YAMLProblemKind = iota + 1
	DuplicateKey
	KeyNotScalar
	TooDeep
)

// FromYAML converts n (the content of a YAML document) into the value
// Validate takes. Scalars are converted by their resolved tag: integers
// keep their exact value as a json.Number, floats become float64, unknown
// tags (timestamps, binary) the string written. maxDepth bounds the
// nesting (0: no bound).
func FromYAML(n *yaml.Node, maxDepth int) (*YAML, []YAMLProblem) {
	c := &converter{y: &YAML{values: map[string]*yaml.Node{}, keys: map[string]*yaml.Node{}}, maxDepth: maxDepth}
	c.y.Value = c.convert(n, "", 0)
	return c.y, c.problems
}

type converter struct {
	y        *YAML
	maxDepth int
	problems []YAMLProblem
}

func (c *converter) convert(n *yaml.Node, ptr string, depth int) any {
	if c.maxDepth > 0 && depth > c.maxDepth {
		c.problems = append(c.problems, YAMLProblem{Kind: TooDeep, Node: n})
		return nil
	}
	c.y.values[ptr] = n
	switch n.Kind {
	case yaml.AliasNode:
		c.problems = append(c.problems, YAMLProblem{Kind: Alias, Node: n})
		return nil
	case yaml.MappingNode:
		out := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind != yaml.ScalarNode {
				c.problems = append(c.problems, YAMLProblem{Kind: KeyNotScalar, Node: k})
				continue
			}
			child := ptr + "/" + EscapeToken(k.Value)
			if first, dup := c.y.keys[child]; dup {
				c.problems = append(c.problems, YAMLProblem{Kind: DuplicateKey, Node: k, First: first})
				continue
			}
			c.y.keys[child] = k
			out[k.Value] = c.convert(v, child, depth+1)
		}
		return out
	case yaml.SequenceNode:
		out := make([]any, len(n.Content))
		for i, item := range n.Content {
			out[i] = c.convert(item, ptr+"/"+strconv.Itoa(i), depth+1)
		}
		return out
	case yaml.ScalarNode:
		return scalarValue(n)
	}
	return nil
}

// scalarValue converts a scalar by its resolved YAML tag.
func scalarValue(n *yaml.Node) any {
	switch n.ShortTag() {
	case "!!null":
		return nil
	case "!!bool":
		switch n.Value {
		case "true", "True", "TRUE":
			return true
		case "false", "False", "FALSE":
			return false
		}
	case "!!int":
		if i, ok := intDecimal(strings.TrimPrefix(n.Value, "+")); ok {
			return json.Number(i)
		}
	case "!!float":
		f, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
		if err == nil && f == f && f <= 1e308 && f >= -1e308 {
			return f
		}
	}
	return n.Value
}

// EscapeToken escapes one JSON pointer token as Validate writes instance
// locations (RFC 6901, then URL path escaping).
func EscapeToken(s string) string {
	return url.PathEscape(strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1"))
}

// SplitPointer splits a JSON pointer into its unescaped tokens (nil for the
// root).
func SplitPointer(ptr string) []string {
	if ptr == "" {
		return nil
	}
	parts := strings.Split(strings.TrimPrefix(ptr, "/"), "/")
	for i, p := range parts {
		if u, err := url.PathUnescape(p); err == nil {
			p = u
		}
		parts[i] = strings.ReplaceAll(strings.ReplaceAll(p, "~1", "/"), "~0", "~")
	}
	return parts
}

// YAMLSyntax splits an error of the YAML parser into the line it names (0
// when none) and its message without the "yaml: line N:" prefix.
func YAMLSyntax(err error) (line int, msg string) {
	msg = strings.TrimPrefix(err.Error(), "yaml: ")
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if n, after, ok := strings.Cut(rest, ": "); ok {
			if l, err := strconv.Atoi(n); err == nil {
				return l, after
			}
		}
	}
	return 0, msg
}
