// Command compile turns the embedded JSON Schemas (schema/*.schema.json)
// into Go data, schema/compiled.go, so that mcsf validates with them
// without compiling a schema (or linking a JSON Schema library, whose
// package initialisation compiles five meta-schemas) in every process.
//
//	go run ./internal/compile          (from schema/, via go generate)
//
// It knows the keywords the schemas use and fails on any other, so a new
// keyword cannot be silently ignored. schema's tests check that the
// output is up to date and that it validates as santhosh-tekuri/jsonschema/v5
// does.
package main

import (
	"fmt"
	"os"

	"github.com/mcsf-dev/mcsf/schema/internal/compile/compiler"
)

func main() {
	out, err := compiler.Generate(os.DirFS("."))
	if err != nil {
		fmt.Fprintln(os.Stderr, "compile:", err)
		os.Exit(1)
	}
	if err := os.WriteFile("compiled.go", out, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "compile:", err)
		os.Exit(1)
	}
}
