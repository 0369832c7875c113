package lint

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/catalog"
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

// corpusUnknown lists the settings of Microsoft's samples that stay unknown
// to the catalog, each with the reason: every other setting a sample names
// is documented on its page and must lint without unknown-settings-path or
// unknown-setting.
var corpusUnknown = map[string]string{
	"customization-answer-file.xml:57 unknown-settings-path":  "TestSettingGroup: the overview page's made-up illustration",
	"customization-answer-file.xml:65 unknown-settings-path":  "TestSettingsGroup2: the overview page's made-up illustration",
	"customization-answer-file.xml:97 unknown-settings-path":  "TestSettingsGroup1: the overview page's made-up illustration",
	"customization-answer-file.xml:114 unknown-settings-path": "TestSettingsGroup1: the overview page's made-up illustration",
	"enable-call-recording-by-default.xml:11 unknown-setting": `" CallRecordingOff" with a leading space: a typo in the sample; the page names CallRecordingOff`,
}

// TestCorpusSettingsKnown lints every sample and checks that the unknown
// path and name findings are exactly those of corpusUnknown.
func TestCorpusSettingsKnown(t *testing.T) {
	dir := corpusDir(t, "mcsf")
	files, err := filepath.Glob(filepath.Join(dir, "*.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 216 {
		t.Fatalf("found %d corpus files, want the 216 samples", len(files))
	}
	got := map[string]string{}
	for _, path := range files {
		name := filepath.Base(path)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		ds, err := File(name, data, Config{})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range ds {
			if d.Rule == RuleUnknownSettingsPath || d.Rule == RuleUnknownSetting {
				got[fmt.Sprintf("%s:%d %s", name, d.Line, d.Rule)] = d.Message
			}
		}
	}
	for k, msg := range got {
		if _, ok := corpusUnknown[k]; !ok {
			t.Errorf("%s: %s (not in corpusUnknown: add the setting to the catalog, or list it with its reason)", k, msg)
		}
	}
	for k, why := range corpusUnknown {
		if _, ok := got[k]; !ok {
			t.Errorf("%s is listed as unknown (%s) but lints without the finding: drop it from corpusUnknown", k, why)
		}
	}
}

// TestCorpusIndexKnown checks every setting that settings-index.tsv lists
// for the samples, the 40 that are not well-formed XML included: each is
// in the catalog unless corpusUnknownIndex says why not.
func TestCorpusIndexKnown(t *testing.T) {
	corpus := corpusDir(t, "")
	b, err := os.ReadFile(filepath.Join(corpus, "settings-index.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	ix := catalog.Load()
	checked := 0
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n")[1:] {
		f := strings.Split(line, "\t")
		file, path, elem, name := f[0], f[1], f[2], f[3]
		if !strings.HasPrefix(file, "mcsf/") || elem != "Setting" || strings.TrimSpace(path) == "" || name == "" ||
			strings.HasPrefix(path, "TestSetting") {
			continue // the overview page's made-up illustration (corpusUnknown)
		}
		checked++
		if _, ok := ix.Lookup(path, strings.TrimSpace(name)); !ok {
			t.Errorf("%s: %s %s is not in the catalog", file, path, name)
		}
	}
	if checked < 700 {
		t.Errorf("checked %d settings, want the samples' several hundred", checked)
	}
}
