// Package schema holds the project's embedded JSON Schemas (answer-file
// structure, generate spec, lint/resolve/retry output, .mcsf.yaml) and
// applies them with santhosh-tekuri/jsonschema/v5. The customization catalog
// is the catalog package.
//
// A schema is named by its file name without ".schema.json" ("answerfile",
// "spec", "lint-output", ...). Compiled schemas are cached and safe for
// concurrent use. Validation errors come back as a sorted list of leaves, so
// output does not depend on the library's map order.
package schema

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"
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

// compiler holds every embedded schema as a resource, so that $ref between
// them resolves; one compiler checks each schema against its meta-schema
// once, however many parts of it are compiled. It is not safe for
// concurrent use: compileMu guards it.
var (
	compiler = sync.OnceValues(func() (*jsonschema.Compiler, error) {
		c := jsonschema.NewCompiler()
		c.Draft = jsonschema.Draft2020
		c.AssertFormat = true
		entries, _ := fs.Glob(files, "*"+suffix)
		for _, e := range entries {
			b, _ := files.ReadFile(e)
			if err := c.AddResource(baseURL+e, bytes.NewReader(b)); err != nil {
				return nil, fmt.Errorf("schema %s: %w", e, err)
			}
		}
		return c, nil
	})
	compileMu sync.Mutex
	compiled  sync.Map // name + "#" + fragment -> compileResult
)

type compileResult struct {
	s   *jsonschema.Schema
	err error
}

// compile compiles the schema called name, or the part of it at fragment
// (a JSON pointer such as "/$defs/Target"), once.
func compile(name, fragment string) (*jsonschema.Schema, error) {
	key := name + "#" + fragment
	if r, ok := compiled.Load(key); ok {
		return r.(compileResult).s, r.(compileResult).err
	}
	compileMu.Lock()
	defer compileMu.Unlock()
	if r, ok := compiled.Load(key); ok {
		return r.(compileResult).s, r.(compileResult).err
	}
	c, err := compiler()
	var s *jsonschema.Schema
	if err == nil {
		url := baseURL + name + suffix
		if fragment != "" {
			url += "#" + fragment
		}
		s, err = c.Compile(url)
	}
	compiled.Store(key, compileResult{s, err})
	return s, err
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
	s, err := compile(name, fragment)
	if err != nil {
		return nil, err
	}
	verr := s.Validate(v)
	if verr == nil {
		return nil, nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(verr, &ve) {
		return nil, verr
	}
	var out []Error
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			out = append(out, Error{InstanceLocation: e.InstanceLocation, KeywordLocation: e.KeywordLocation, Message: e.Message})
			return
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(ve)
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
