package lint

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/mcsf-dev/mcsf/answerfile"
)

// TestLargeFileChecksSame lints every rule's examples, the small bench
// file and the documentation samples as large files (the checks at once,
// the catalog's answers remembered) and as small ones, under the default
// configuration and under one that disables some rules and makes others
// strict: the findings are the same, in the same order. Run with -race, it
// also shows that the checks share nothing they write.
func TestLargeFileChecksSame(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "rules", "*", "*.xml"))
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, filepath.Join("testdata", "bench-small.xml"))
	if dir := filepath.Join("..", "..", "..", "shared", "corpus", "mcsf"); dirExists(dir) {
		samples, err := filepath.Glob(filepath.Join(dir, "*.xml"))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, samples...)
	} else {
		t.Logf("corpus not found at %s: the rule examples only", dir)
	}
	configs := map[string]Config{
		"default": {},
		"some off": {Strict: true, Disable: []string{RuleMNCForm, RuleSchema, RuleUnusedTarget},
			Severity: map[string]answerfile.Severity{RuleOverlappingVariants: answerfile.Error}},
	}
	checked := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, _, err := answerfile.Parse(f, data)
		if err != nil {
			t.Fatal(err)
		}
		if doc == nil {
			continue // not well-formed: no checks run
		}
		for name, cfg := range configs {
			small, large := lintChecks(doc, cfg, false), lintChecks(doc, cfg, true)
			if diff := cmp.Diff(small, large); diff != "" {
				t.Errorf("%s, %s: as a small file (-) and as a large one (+) differ:\n%s", f, name, diff)
			}
			if len(small) > 0 {
				checked++
			}
		}
	}
	if checked < 50 {
		t.Errorf("only %d lints had findings to compare", checked)
	}
}
