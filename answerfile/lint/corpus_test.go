package lint

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/mcsf-dev/mcsf/answerfile"
)

// corpusDir is the shared corpus of Microsoft's documentation samples, next
// to the repository (../shared/corpus from its root).
func corpusDir(t testing.TB, sub string) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "corpus", sub)
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("corpus not found at %s (it lives next to the repository): %v", dir, err)
	}
	return dir
}

// TestCorpus lints every documentation sample: no crash, no internal error,
// every finding located, and empty-value / owner-missing wherever a sample
// leaves a Value or the Owner empty.
func TestCorpus(t *testing.T) {
	dir := corpusDir(t, "mcsf")
	files, err := filepath.Glob(filepath.Join(dir, "*.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 200 {
		t.Fatalf("found %d corpus files, want the 216 samples", len(files))
	}
	wellFormed := 0
	for _, path := range files {
		name := filepath.Base(path)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		ds, err := File(name, data, Config{})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		for _, d := range ds {
			if strings.Contains(d.Message, "internal error") {
				t.Errorf("%s: %s", name, d)
			}
			if d.Line <= 0 || d.Column <= 0 {
				t.Errorf("%s: finding without a position: %s", name, d)
			}
		}
		doc, syntax, err := answerfile.Parse(name, data)
		if err != nil {
			t.Fatal(err)
		}
		if doc == nil {
			if len(ds) != 1 || ds[0].Rule != RuleXMLSyntax {
				t.Errorf("%s: not well-formed, got %d findings, want its one xml-syntax finding", name, len(ds))
			}
			if len(syntax) != 1 {
				t.Errorf("%s: %d syntax diagnostics", name, len(syntax))
			}
			continue
		}
		wellFormed++
		var wantEmpty []string
		for _, e := range doc.Elements() {
			if e.Tag != "Setting" || e.Parent() == nil || e.Parent().Tag != "Settings" {
				continue
			}
			if a := e.SelectAttr("Value"); a == nil || strings.TrimSpace(a.Value) == "" {
				wantEmpty = append(wantEmpty, doc.Path(e)+"/@Value")
			}
		}
		var gotEmpty []string
		ownerFlagged := false
		for _, d := range ds {
			switch d.Rule {
			case RuleEmptyValue:
				gotEmpty = append(gotEmpty, d.Path)
			case RuleOwnerMissing:
				ownerFlagged = ownerFlagged || d.Path == "/ImageCustomizations/@Owner"
			}
		}
		if diff := cmp.Diff(wantEmpty, gotEmpty); diff != "" {
			t.Errorf("%s: empty-value findings (-want +got):\n%s", name, diff)
		}
		if doc.Root.Owner.Present && strings.TrimSpace(doc.Root.Owner.Value) == "" && !ownerFlagged {
			t.Errorf("%s: Owner=\"\" not flagged", name)
		}
	}
	if wellFormed < 170 {
		t.Errorf("only %d well-formed samples, want the 176 the corpus notes count", wellFormed)
	}
}

// TestCorpusKeySamples pins the findings of the two samples this project
// centres on.
func TestCorpusKeySamples(t *testing.T) {
	dir := corpusDir(t, "mcsf")
	for _, tc := range []struct {
		file string
		want []string
	}{
		// The IMSRetry sample nests comments: it is not XML, and says so.
		{"ims-retry.xml", []string{"10:3 xml-syntax error"}},
		{"automatically-retry-downloading-mms-messages.xml", []string{
			"5:22 owner-missing error",
			"10:14 schema error",
			"12:23 invalid-condition-name error",
			"12:31 invalid-condition-value error",
			"13:23 invalid-condition-name error",
			"13:31 invalid-condition-value error",
			"30:18 schema error",
			"35:41 empty-value error",
		}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, tc.file))
			if err != nil {
				t.Fatal(err)
			}
			ds, err := File(tc.file, data, Config{})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, d := range ds {
				got = append(got, fmt.Sprintf("%d:%d %s %s", d.Line, d.Column, d.Rule, d.Severity))
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("-want +got:\n%s", diff)
			}
		})
	}
}

// BenchmarkLint lints one realistic file: the multi-target sample of the
// customization answer file page.
func BenchmarkLint(b *testing.B) {
	data, err := os.ReadFile(filepath.Join(corpusDir(b, "mcsf"), "customization-answer-file.xml"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := File("customization-answer-file.xml", data, Config{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLintSmall lints one file of the bench/ corpus of small files
// (bench/gen small, file 0), with a schema cache shared by the iterations
// as the CLI shares it between files.
func BenchmarkLintSmall(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("testdata", "bench-small.xml"))
	if err != nil {
		b.Fatal(err)
	}
	cfg := Config{Cache: NewSchemaCache()}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := File("bench-small.xml", data, cfg); err != nil {
			b.Fatal(err)
		}
	}
}
