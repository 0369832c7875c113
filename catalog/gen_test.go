package catalog_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/mcsf-dev/mcsf/catalog/internal/gen"
)

// TestGenerated regenerates the table from the pages, the overrides and the
// descriptions and fails when the committed catalog_gen.go differs.
func TestGenerated(t *testing.T) {
	corpus := filepath.Join("..", "..", "shared", "corpus")
	if _, err := os.Stat(filepath.Join(corpus, "pages")); err != nil {
		t.Skipf("no corpus at %s (the pages the catalog is generated from): drift not checked", corpus)
	}
	ov, err := os.ReadFile("overrides.yaml")
	if err != nil {
		t.Fatal(err)
	}
	ds, err := os.ReadFile("descriptions.yaml")
	if err != nil {
		t.Fatal(err)
	}
	got, counts, err := gen.Generate(corpus, ov, ds)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("catalog_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("catalog_gen.go is not what its sources give (%s): run go generate ./catalog", counts)
	}
}
