package templates

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/internal/english"
	"github.com/mcsf-dev/mcsf/internal/lazy"
	"github.com/mcsf-dev/mcsf/internal/yaml"
	"github.com/mcsf-dev/mcsf/schema"
)

// specSchema is the spec schema as plain JSON, to find the keys a mapping
// allows (for "did you mean") while explaining a validation error.
func specSchema() map[string]any { return specSchemaV.Get(readSpecSchema) }

var specSchemaV lazy.Value[map[string]any]

func readSpecSchema() map[string]any {
	b, err := schema.Bytes(SchemaName)
	if err != nil {
		return nil
	}
	var m map[string]any
	if json.Unmarshal(b, &m) != nil {
		return nil
	}
	return m
}

// schemaAt follows a keyword location (/properties/operators/items/$ref/...)
// through the spec schema and returns the schema object holding its last
// keyword, and the $defs name last entered ("" at the top).
func schemaAt(keywordLocation string) (obj map[string]any, def string) {
	root := specSchema()
	cur := root
	parts := schema.SplitPointer(keywordLocation)
	for _, p := range parts[:max(len(parts)-1, 0)] {
		if p == "$ref" {
			ref, _ := cur["$ref"].(string)
			def = strings.TrimPrefix(ref, "#/$defs/")
			defs, _ := root["$defs"].(map[string]any)
			cur, _ = defs[def].(map[string]any)
			continue
		}
		next, _ := cur[p].(map[string]any)
		if next == nil {
			return nil, def
		}
		cur = next
	}
	return cur, def
}

// allowedKeys lists the properties of a schema object in a stable order.
func allowedKeys(obj map[string]any) []string {
	props, _ := obj["properties"].(map[string]any)
	keys := make([]string, 0, len(props))
	for k := range props {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int { return keyOrder(a) - keyOrder(b) })
	return keys
}

// keyOrder orders keys as the spec format documents them.
func keyOrder(k string) int {
	order := []string{"name", "description", "owner", "ownerType", "device", "operators", "match",
		"imsRetry", "mmsAutoRetry", "attemptThresholdForIMS", "retryEnabled",
		"mcc", "mnc", "spn", "pnn", "gid1", "iccid", "imsi", "uiccslot", "uicc", "roaming", "conditions"}
	if i := slices.Index(order, k); i >= 0 {
		return i
	}
	return len(order)
}

var quotedNames = lazy.Regexp{Expr: `'([^']*)'`}

// schemaDiags explains one schema validation error at the node it is about
// (one diagnostic per unknown key).
func (r *reader) schemaDiags(e schema.Error) []answerfile.Diagnostic {
	parts := schema.SplitPointer(e.KeywordLocation)
	keyword := ""
	if len(parts) > 0 {
		keyword = parts[len(parts)-1]
	}
	if slices.Contains(parts, "propertyNames") {
		keyword = "propertyNames"
	}
	where := displayPath(e.InstanceLocation)
	node := r.y.Node(e.InstanceLocation)
	obj, def := schemaAt(e.KeywordLocation)
	report := func(n *yaml.Node, format string, args ...any) []answerfile.Diagnostic {
		return []answerfile.Diagnostic{r.at(n, RuleSchema, answerfile.Error, format, args...)}
	}
	switch keyword {
	case "type":
		return report(node, "%s", typeMessage(where, e.Message, node, lastToken(e.InstanceLocation)))
	case "required":
		var missing []string
		for _, m := range quotedNames.Get().FindAllStringSubmatch(e.Message, -1) {
			missing = append(missing, fmt.Sprintf("%q", m[1]))
		}
		return report(node, "%s is missing %s", where, strings.Join(missing, " and "))
	case "additionalProperties":
		// The library's message quotes the names; list them from the node
		// instead, in file order, one diagnostic each.
		allowed := allowedKeys(obj)
		var out []answerfile.Diagnostic
		if node != nil && node.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(node.Content); i += 2 {
				if k := node.Content[i]; !slices.Contains(allowed, k.Value) {
					out = append(out, report(k, "%s", unknownKeyMessage(k.Value, where, def, allowed))...)
				}
			}
		}
		if len(out) > 0 {
			return out
		}
	case "enum":
		allowed := enumValues(obj)
		msg := fmt.Sprintf("%s must be one of %s, not %s", where, strings.Join(allowed, ", "), scalarText(node))
		if s := english.Nearest(nodeValue(node), allowed); s != "" {
			msg += fmt.Sprintf(": did you mean %s?", s)
		}
		return report(node, "%s", msg)
	case "minimum":
		if lastToken(e.InstanceLocation) == "attemptThresholdForIMS" {
			return report(node, "%s must be at least 1, not %s: with 0 SMS over IMS is never attempted", where, scalarText(node))
		}
		return report(node, "%s must be at least %v, not %s", where, obj["minimum"], scalarText(node))
	case "maximum":
		return report(node, "%s must be at most %v (a DWORD), not %s", where, jsonNumber(obj["maximum"]), scalarText(node))
	case "minLength":
		if slices.Contains(parts, "propertyNames") {
			return report(r.y.Key(e.InstanceLocation), "a condition name must not be empty")
		}
		return report(node, "%s must not be empty", where)
	case "minItems":
		return report(node, "%s must have at least one entry: each entry is one TargetState, its keys the conditions a SIM must meet", where)
	case "minProperties":
		if def == "match" && lastToken(e.InstanceLocation) != "conditions" {
			return report(node, "%s has no condition: set at least one of mcc, mnc, spn, pnn, gid1, iccid, imsi, uiccslot, uicc, roaming or conditions", where)
		}
		if keys := allowedKeys(obj); len(keys) > 0 {
			return report(node, "%s is empty: set %s", where, orList(keys))
		}
		return report(node, "%s is empty: set at least one key or leave it out", where)
	case "pattern":
		n := node
		what := where
		if slices.Contains(parts, "propertyNames") {
			n, what = r.y.Key(e.InstanceLocation), "the condition name "+where
		}
		return report(n, "%s contains a control character (tab, line break, ...): write it on one line with printable characters", what)
	}
	return report(node, "%s: %s", where, e.Message)
}

var expectedType = lazy.Regexp{Expr: `^expected (.*), but got`}

// typeMessage explains a value of the wrong type, saying how to write it.
func typeMessage(where, libMsg string, n *yaml.Node, key string) string {
	want := libMsg
	if m := expectedType.Get().FindStringSubmatch(libMsg); m != nil {
		want = m[1]
	}
	if n == nil {
		return fmt.Sprintf("%s must be %s", where, article(want))
	}
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" {
		return fmt.Sprintf("%s has no value: it must be %s", where, article(want))
	}
	got := describe(n)
	switch want {
	case "string":
		if n.Kind == yaml.ScalarNode {
			if len(n.Value) > english.MaxQuoted {
				return fmt.Sprintf("%s must be a string, not %s: values are strings, quote it", where, got)
			}
			return fmt.Sprintf("%s must be a string, not %s: values are strings, quote it (%s: %q)", where, got, key, n.Value)
		}
	case "integer":
		if longNumber(n) {
			return fmt.Sprintf("%s must be a whole number, not %s, which is too long for YAML to read as one", where, got)
		}
		if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!str" {
			return fmt.Sprintf("%s must be a whole number, not %s: write it without quotes", where, got)
		}
		return fmt.Sprintf("%s must be a whole number, not %s", where, got)
	case "boolean":
		return fmt.Sprintf("%s must be true or false, not %s", where, got)
	case "object":
		return fmt.Sprintf("%s must be a mapping of keys to values, not %s", where, got)
	case "array":
		return fmt.Sprintf("%s must be a list (one \"- \" line per entry), not %s", where, got)
	}
	return fmt.Sprintf("%s must be %s, not %s", where, article(want), got)
}

func article(typ string) string {
	switch typ {
	case "object":
		return "a mapping"
	case "array":
		return "a list"
	case "integer":
		return "a whole number"
	case "boolean":
		return "true or false"
	}
	return "a " + typ
}

// describe names a node's type and value for a message: the number 310.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	switch n.ShortTag() {
	case "!!int", "!!float":
		return "the number " + english.Clip(n.Value)
	case "!!str":
		if longNumber(n) {
			return "the number " + english.Clip(n.Value)
		}
	case "!!bool":
		return "the boolean " + english.Clip(n.Value)
	}
	return "the string " + scalarText(n)
}

// longNumber reports whether n is an unquoted number that YAML resolved as
// a string: over 309 digits, too long for a float (see longNumbers).
func longNumber(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!str" && n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) == 0 && looksNumeric(n.Value)
}

// scalarText quotes a scalar's value for a message.
func scalarText(n *yaml.Node) string {
	if n == nil {
		return "nothing"
	}
	if n.Kind != yaml.ScalarNode {
		return describe(n)
	}
	if n.ShortTag() == "!!str" {
		return english.Quote(n.Value)
	}
	return english.Clip(n.Value)
}

// nodeValue is a scalar's value, "" for anything else.
func nodeValue(n *yaml.Node) string {
	if n == nil || n.Kind != yaml.ScalarNode {
		return ""
	}
	return n.Value
}

func lastToken(ptr string) string {
	parts := schema.SplitPointer(ptr)
	if len(parts) == 0 {
		return ""
	}
	return parts[len(parts)-1]
}

func enumValues(obj map[string]any) []string {
	vals, _ := obj["enum"].([]any)
	out := make([]string, 0, len(vals))
	for _, v := range vals {
		out = append(out, fmt.Sprint(v))
	}
	return out
}

func jsonNumber(v any) string {
	if f, ok := v.(float64); ok {
		return fmt.Sprintf("%.0f", f)
	}
	return fmt.Sprint(v)
}

func orList(keys []string) string {
	if len(keys) == 1 {
		return keys[0]
	}
	return strings.Join(keys[:len(keys)-1], ", ") + " or " + keys[len(keys)-1]
}

// unknownKeyMessage explains a key the schema does not allow where it stands.
func unknownKeyMessage(key, where, def string, allowed []string) string {
	if def == "match" {
		if s := english.Nearest(key, allowed); s != "" && s != "conditions" {
			return fmt.Sprintf("unknown match key %q: did you mean %s?", key, s)
		}
		return fmt.Sprintf("unknown match key %q: put other conditions under conditions (conditions: {%s: \"...\"})", key, key)
	}
	msg := fmt.Sprintf("unknown key %q in %s", key, where)
	if s := english.Nearest(key, allowed); s != "" {
		return msg + fmt.Sprintf(": did you mean %s?", s)
	}
	if len(allowed) > 0 {
		msg += fmt.Sprintf(" (allowed: %s)", strings.Join(allowed, ", "))
	}
	return msg
}
