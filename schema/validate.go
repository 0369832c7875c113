package schema

import (
	"encoding/json"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

//go:generate go run ./internal/compile

// node is one subschema of an embedded schema, compiled ahead of time by
// schema/internal/compile into the table nodes (compiled.go). Fields that
// name another node hold its index + 1 (0: absent); counts hold the
// keyword's value + 1 (0: absent). Only the keywords the embedded schemas
// use exist; the generator rejects any other.
type node struct {
	always            int8 // a boolean schema: alwaysTrue or alwaysFalse
	types             []string
	constant          []any // 0 or 1 value
	constMessage      string
	enum              []any
	enumMessage       string
	minProperties     int
	minItems          int
	maxItems          int
	minLength         int
	minimum           string // a JSON number; "" if absent
	exclusiveMinimum  string
	maximum           string
	required          []string
	uniqueItems       bool
	pattern           int32 // patterns index; 0 if absent
	properties        []property
	patternProperties []property
	noAdditional      bool  // additionalProperties: false
	additional        int32 // additionalProperties as a schema
	items             int32
	propertyNames     int32
	ref               int32
	not               int32
	allOf             []int32
	anyOf             []int32
	oneOf             []int32
	ifNode            int32
	thenNode          int32
	elseNode          int32
}

const (
	alwaysTrue int8 = iota + 1
	alwaysFalse
)

// property is a "properties" entry (name) or a "patternProperties" entry
// (pattern); escaped is the name or pattern as it appears in a keyword
// location.
type property struct {
	name    string
	pattern int32
	escaped string
	node    int32
}

// part names the node of a schema or of one of its $defs.
type part struct {
	schema, pointer string
	node            int32
}

func findPart(name, fragment string) (int32, error) {
	i := sort.Search(len(parts), func(i int) bool {
		p := parts[i]
		return p.schema > name || p.schema == name && p.pointer >= fragment
	})
	if i < len(parts) && parts[i].schema == name && parts[i].pointer == fragment {
		return parts[i].node, nil
	}
	if _, err := Bytes(name); err != nil {
		return 0, err
	}
	return 0, fmt.Errorf("schema %s has no part #%s", name, fragment)
}

// validator applies compiled nodes to a value as jsonschema/v5 (draft
// 2020-12, formats asserted) does, keeping only the leaves of its error
// tree: the same instance location, keyword location and message.
type validator struct{}

// validate checks v (at instance location iloc) against node n (reached
// by keyword location kloc) and returns the leaves of the failure.
func (x validator) validate(n *node, v any, iloc, kloc string) ([]Error, error) {
	fail := func(keyword, format string, a ...any) Error {
		loc := kloc
		if keyword != "" {
			loc += "/" + keyword
		}
		return Error{InstanceLocation: iloc, KeywordLocation: loc, Message: fmt.Sprintf(format, a...)}
	}
	switch n.always {
	case alwaysFalse:
		return []Error{fail("", "not allowed")}, nil
	case alwaysTrue:
		return nil, nil
	}
	vType, err := jsonType(v)
	if err != nil {
		return nil, err
	}
	if len(n.types) > 0 {
		matched := false
		for _, t := range n.types {
			if vType == t || t == "integer" && vType == "number" && decimalOf(v).isInt() {
				matched = true
				break
			}
		}
		if !matched {
			return []Error{fail("type", "expected %s, but got %s", strings.Join(n.types, " or "), vType)}, nil
		}
	}
	var errs []Error
	sub := func(i int32, v any, ipath, kpath string) error {
		loc := iloc
		if ipath != "" {
			loc += "/" + ipath
		}
		e, err := x.validate(&nodes[i-1], v, loc, kloc+"/"+kpath)
		errs = append(errs, e...)
		return err
	}
	// inplace validates v against node i and returns its leaves without
	// keeping them.
	inplace := func(i int32, kpath string) ([]Error, error) {
		return x.validate(&nodes[i-1], v, iloc, kloc+"/"+kpath)
	}
	if len(n.constant) > 0 && !equals(v, n.constant[0]) {
		errs = append(errs, Error{iloc, kloc + "/const", n.constMessage})
	}
	if len(n.enum) > 0 && !containsValue(n.enum, v) {
		errs = append(errs, Error{iloc, kloc + "/enum", n.enumMessage})
	}
	switch v := v.(type) {
	case map[string]any:
		if n.minProperties > 0 && len(v) < n.minProperties-1 {
			errs = append(errs, fail("minProperties", "minimum %d properties allowed, but found %d properties", n.minProperties-1, len(v)))
		}
		var missing []string
		for _, name := range n.required {
			if _, ok := v[name]; !ok {
				missing = append(missing, quote(name))
			}
		}
		if len(missing) > 0 {
			errs = append(errs, fail("required", "missing properties: %s", strings.Join(missing, ", ")))
		}
		names := sortedNames(v)
		for _, p := range n.properties {
			if pv, ok := v[p.name]; ok {
				if err := sub(p.node, pv, p.escaped, "properties/"+p.escaped); err != nil {
					return nil, err
				}
			}
		}
		if n.propertyNames != 0 {
			for _, name := range names {
				if err := sub(n.propertyNames, name, escape(name), "propertyNames"); err != nil {
					return nil, err
				}
			}
		}
		matched := map[string]bool{}
		for _, p := range n.patternProperties {
			re := patterns[p.pattern].Get()
			for _, name := range names {
				if re.MatchString(name) {
					matched[name] = true
					if err := sub(p.node, v[name], escape(name), "patternProperties/"+p.escaped); err != nil {
						return nil, err
					}
				}
			}
		}
		if n.noAdditional || n.additional != 0 {
			var extra []string
			for _, name := range names {
				if matched[name] || n.declares(name) {
					continue
				}
				if n.noAdditional {
					extra = append(extra, quote(name))
				} else if err := sub(n.additional, v[name], escape(name), "additionalProperties"); err != nil {
					return nil, err
				}
			}
			if len(extra) > 0 {
				// jsonschema/v5 lists the names in map order; sorted here.
				errs = append(errs, fail("additionalProperties", "additionalProperties %s not allowed", strings.Join(extra, ", ")))
			}
		}
	case []any:
		if n.minItems > 0 && len(v) < n.minItems-1 {
			errs = append(errs, fail("minItems", "minimum %d items required, but found %d items", n.minItems-1, len(v)))
		}
		if n.maxItems > 0 && len(v) > n.maxItems-1 {
			errs = append(errs, fail("maxItems", "maximum %d items required, but found %d items", n.maxItems-1, len(v)))
		}
		if n.uniqueItems {
		outer:
			for i := 1; i < len(v); i++ {
				for j := 0; j < i; j++ {
					if equals(v[i], v[j]) {
						errs = append(errs, fail("uniqueItems", "items at index %d and %d are equal", j, i))
						break outer
					}
				}
			}
		}
		if n.items != 0 {
			for i, item := range v {
				if err := sub(n.items, item, strconv.Itoa(i), "items"); err != nil {
					return nil, err
				}
			}
		}
	case string:
		if n.minLength > 0 {
			if length := utf8.RuneCountInString(v); length < n.minLength-1 {
				errs = append(errs, fail("minLength", "length must be >= %d, but got %d", n.minLength-1, length))
			}
		}
		if n.pattern != 0 && !patterns[n.pattern].Get().MatchString(v) {
			errs = append(errs, fail("pattern", "does not match pattern %s", quote(patterns[n.pattern].Expr)))
		}
	default:
		if vType != "number" {
			break
		}
		limit := func(keyword, bound string, bad func(c int) bool, format string) {
			if bound == "" {
				return
			}
			b, _ := parseDecimal(bound)
			if bad(decimalOf(v).cmp(b)) {
				f, _ := strconv.ParseFloat(bound, 64)
				if f == 0 {
					f = 0 // as big.Rat gave it: zero has no sign
				}
				errs = append(errs, fail(keyword, format, f, v))
			}
		}
		limit("minimum", n.minimum, func(c int) bool { return c < 0 }, "must be >= %v but found %v")
		limit("exclusiveMinimum", n.exclusiveMinimum, func(c int) bool { return c <= 0 }, "must be > %v but found %v")
		limit("maximum", n.maximum, func(c int) bool { return c > 0 }, "must be <= %v but found %v")
	}
	if n.ref != 0 {
		e, err := inplace(n.ref, "$ref")
		if err != nil {
			return nil, err
		}
		errs = append(errs, e...)
	}
	if n.not != 0 {
		e, err := inplace(n.not, "not")
		if err != nil {
			return nil, err
		}
		if len(e) == 0 {
			errs = append(errs, fail("not", "not failed"))
		}
	}
	for i, s := range n.allOf {
		e, err := inplace(s, "allOf/"+strconv.Itoa(i))
		if err != nil {
			return nil, err
		}
		errs = append(errs, e...)
	}
	if len(n.anyOf) > 0 {
		var causes []Error
		matched := false
		for i, s := range n.anyOf {
			e, err := inplace(s, "anyOf/"+strconv.Itoa(i))
			if err != nil {
				return nil, err
			}
			if len(e) == 0 {
				matched = true
				break
			}
			causes = append(causes, e...)
		}
		if !matched {
			errs = append(errs, causes...)
		}
	}
	if len(n.oneOf) > 0 {
		var causes []Error
		first := -1
		for i, s := range n.oneOf {
			e, err := inplace(s, "oneOf/"+strconv.Itoa(i))
			if err != nil {
				return nil, err
			}
			if len(e) > 0 {
				causes = append(causes, e...)
				continue
			}
			if first >= 0 {
				errs = append(errs, fail("oneOf", "valid against schemas at indexes %d and %d", first, i))
				break
			}
			first = i
		}
		if first < 0 {
			errs = append(errs, causes...)
		}
	}
	if n.ifNode != 0 {
		e, err := inplace(n.ifNode, "if")
		if err != nil {
			return nil, err
		}
		branch, kpath := n.thenNode, "then"
		if len(e) > 0 {
			branch, kpath = n.elseNode, "else"
		}
		if branch != 0 {
			e, err := inplace(branch, kpath)
			if err != nil {
				return nil, err
			}
			errs = append(errs, e...)
		}
	}
	return errs, nil
}

// declares reports whether name is one of n's "properties".
func (n *node) declares(name string) bool {
	for _, p := range n.properties {
		if p.name == name {
			return true
		}
	}
	return false
}

func sortedNames(m map[string]any) []string {
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// jsonType is the JSON type of a decoded value, with the Go types
// jsonschema/v5 accepts for each.
func jsonType(v any) (string, error) {
	switch v.(type) {
	case nil:
		return "null", nil
	case bool:
		return "boolean", nil
	case json.Number, float32, float64, int, int8, int32, int64, uint, uint8, uint32, uint64:
		return "number", nil
	case string:
		return "string", nil
	case []any:
		return "array", nil
	case map[string]any:
		return "object", nil
	}
	return "", fmt.Errorf("jsonschema: invalid jsonType: %T", v)
}

func containsValue(list []any, v any) bool {
	for _, x := range list {
		if equals(v, x) {
			return true
		}
	}
	return false
}

// equals is JSON equality: numbers by value, objects by members.
func equals(a, b any) bool {
	ta, err1 := jsonType(a)
	tb, err2 := jsonType(b)
	if err1 != nil || err2 != nil || ta != tb {
		return false
	}
	switch ta {
	case "array":
		x, y := a.([]any), b.([]any)
		if len(x) != len(y) {
			return false
		}
		for i := range x {
			if !equals(x[i], y[i]) {
				return false
			}
		}
		return true
	case "object":
		x, y := a.(map[string]any), b.(map[string]any)
		if len(x) != len(y) {
			return false
		}
		for k, xv := range x {
			yv, ok := y[k]
			if !ok || !equals(xv, yv) {
				return false
			}
		}
		return true
	case "number":
		return decimalOf(a).cmp(decimalOf(b)) == 0
	}
	return a == b
}

// quote single-quotes s as jsonschema/v5 does in its messages.
func quote(s string) string {
	s = strconv.Quote(s)
	s = strings.ReplaceAll(s, `\"`, `"`)
	s = strings.ReplaceAll(s, `'`, `\'`)
	return "'" + s[1:len(s)-1] + "'"
}

func escape(s string) string {
	return url.PathEscape(strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1"))
}
