// Command run writes the catalog table: go generate ./catalog runs it as
//
//	go run ./internal/gen/run -corpus ../../shared/corpus -overrides overrides.yaml -descriptions descriptions.yaml -o catalog_gen.go
//
// and prints the catalog's counts.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/mcsf-dev/mcsf/catalog/internal/gen"
)

func main() {
	corpus := flag.String("corpus", "../../shared/corpus", "the corpus folder: pages/, settings-index.tsv, SOURCES.tsv")
	overrides := flag.String("overrides", "overrides.yaml", "the hand-kept overrides")
	descriptions := flag.String("descriptions", "descriptions.yaml", "the one-line descriptions, in mcsf's words")
	out := flag.String("o", "catalog_gen.go", "the Go file to write")
	flag.Parse()
	if err := run(*corpus, *overrides, *descriptions, *out); err != nil {
		fmt.Fprintln(os.Stderr, "catalog:", err)
		os.Exit(1)
	}
}

func run(corpus, overrides, descriptions, out string) error {
	ov, err := os.ReadFile(overrides)
	if err != nil {
		return err
	}
	ds, err := os.ReadFile(descriptions)
	if err != nil {
		return err
	}
	src, n, err := gen.Generate(corpus, ov, ds)
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, src, 0o644); err != nil {
		return err
	}
	fmt.Println(n)
	return nil
}
