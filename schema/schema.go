// Package schema holds the project's embedded JSON Schemas (answer-file
// structure, generate spec, lint/resolve/retry output, .mcsf.yaml) and
// validates values against them. The customization catalog
// is the catalog package.
//
// A schema is named by its file name without ".schema.json" ("answerfile",
// "spec", "lint-output", ...). The schemas are compiled ahead of time
// (go generate: schema/internal/compile writes compiled.go), so no process
// compiles a schema or links a JSON Schema library: linking
// santhosh-tekuri/jsonschema/v5 alone cost every mcsf command 4–6 ms and
// 1 MB of allocation at start-up (its init compiles five meta-schemas),
// and compiling the answer-file schema parts a further 6 ms per process.
// The tests check that the compiled form is up to date and validates
// exactly as jsonschema/v5 does (draft 2020-12, formats asserted).
// Validation errors come back as a sorted list of leaves, so output does
// not depend on map order.
package schema

import (
	"embed"
	"fmt"
	"io/fs"
	"slices"
	"strings"
)

//go:embed *.json
var files embed.FS

// baseURL makes schema names absolute URIs, as the compiler requires. It is
// where the schemas are served from the repository, so the $id of each
// schema is a URL an editor can fetch.
const baseURL = "https://raw.githubusercontent.com/mcsf-dev/mcsf/main/schema/"

const suffix = ".schema.json"

// Names lists the embedded schemas.
func Names() []string {
	entries, _ := fs.Glob(files, "*"+suffix)
	var out []string
	for _, e := range entries {
		out = append(out, strings.TrimSuffix(e, suffix))
	}
	slices.Sort(out)
	return out
}

// Bytes returns the text of the schema called name.
func Bytes(name string) ([]byte, error) {
	b, err := files.ReadFile(name + suffix)
	if err != nil {
		return nil, fmt.Errorf("no schema %q (have %s)", name, strings.Join(Names(), ", "))
	}
	return b, nil
}

// Error is one leaf of a validation failure.
type Error struct {
	InstanceLocation string // JSON pointer into the validated value, e.g. /variants/0/name
	KeywordLocation  string // where in the schema, e.g. /properties/variants/items/required
	Message          string
}

// Validate checks v (a value decoded from JSON: map[string]any, []any,
// string, float64/json.Number, bool, nil) against the schema called name.
// The errors are the leaves of the failure, sorted by instance location then
// keyword location; err is only for a schema that does not compile.
func Validate(name string, v any) ([]Error, error) { return ValidateAt(name, "", v) }

// ValidateAt is Validate against the part of the schema at fragment, a JSON
// pointer such as "/$defs/Target" ("" for the whole schema). Keyword
// locations in the errors are relative to that part.
func ValidateAt(name, fragment string, v any) ([]Error, error) {
	root, err := findPart(name, fragment)
	if err != nil {
		return nil, err
	}
	out, err := validator{}.validate(&nodes[root], v, "", "")
	if err != nil || len(out) == 0 {
		return nil, err
	}
	slices.SortFunc(out, func(a, b Error) int {
		if c := strings.Compare(a.InstanceLocation, b.InstanceLocation); c != 0 {
			return c
		}
		if c := strings.Compare(a.KeywordLocation, b.KeywordLocation); c != 0 {
			return c
		}
		return strings.Compare(a.Message, b.Message)
	})
	return slices.Compact(out), nil
}
