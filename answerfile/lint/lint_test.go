package lint

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/variant"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// render writes diagnostics one per line, without the file name, with
// related locations and fixes indented below: the golden file format.
func render(ds []answerfile.Diagnostic) string {
	var sb strings.Builder
	for _, d := range ds {
		fmt.Fprintf(&sb, "%d:%d-%d:%d: %s: %s [%s] %s\n", d.Line, d.Column, d.EndLine, d.EndColumn, d.Severity, d.Message, d.Rule, d.Path)
		for _, r := range d.Related {
			fmt.Fprintf(&sb, "\trelated %d:%d %s: %s\n", r.Line, r.Column, r.Path, r.Message)
		}
		if d.Fix != "" {
			fmt.Fprintf(&sb, "\tfix: %s\n", d.Fix)
		}
		for _, e := range d.Edits {
			fmt.Fprintf(&sb, "\tedit %d:%d-%d:%d %q\n", e.From.Line, e.From.Column, e.To.Line, e.To.Column, e.NewText)
		}
	}
	return sb.String()
}

func lintFile(t *testing.T, path string, cfg Config) []answerfile.Diagnostic {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ds, err := File(filepath.Base(path), data, cfg)
	if err != nil {
		t.Fatalf("File(%s): %v", path, err)
	}
	return ds
}

func checkGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("diagnostics differ from %s (-want +got):\n%s", path, diff)
	}
}

// TestRules runs every rule's fixtures: testdata/rules/RULE/bad.xml must
// report RULE, with exactly the diagnostics of bad.golden, and good.xml must
// report nothing at all.
func TestRules(t *testing.T) {
	for _, r := range Rules {
		if strings.HasPrefix(r.ID, "import-") {
			continue // rules of import graphs: see TestGraph and answerfile's TestImportsAndMerge
		}
		t.Run(r.ID, func(t *testing.T) {
			dir := filepath.Join("testdata", "rules", r.ID)
			bad := lintFile(t, filepath.Join(dir, "bad.xml"), fixtureConfig(dir))
			if !slices.ContainsFunc(bad, func(d answerfile.Diagnostic) bool { return d.Rule == r.ID }) {
				t.Errorf("bad.xml: no %s diagnostic; got:\n%s", r.ID, render(bad))
			}
			checkGolden(t, filepath.Join(dir, "bad.golden"), render(bad))
			if good := lintFile(t, filepath.Join(dir, "good.xml"), fixtureConfig(dir)); len(good) > 0 {
				t.Errorf("good.xml: got diagnostics, want none:\n%s", render(good))
			}
		})
	}
}

// fixtureConfig is the configuration a rule's fixtures in dir are linted
// with: the defaults, except a limit the fixture would need thousands of
// lines to pass (pattern-limit: 3 patterns over a limit of 2).
func fixtureConfig(dir string) Config {
	if filepath.Base(dir) == RulePatternLimit {
		return Config{Patterns: variant.PatternLimits{MaxCount: 2}}
	}
	return Config{}
}

// TestRuleTable checks the table that rules, explain and SARIF print.
func TestRuleTable(t *testing.T) {
	if !slices.IsSortedFunc(Rules, func(a, b Rule) int { return strings.Compare(a.ID, b.ID) }) {
		t.Error("Rules is not sorted by ID")
	}
	seen := map[string]bool{}
	for _, r := range Rules {
		if seen[r.ID] {
			t.Errorf("rule %s listed twice", r.ID)
		}
		seen[r.ID] = true
		if r.Summary == "" || r.Rationale == "" || r.Bad == "" || r.Good == "" {
			t.Errorf("rule %s: summary, rationale, bad and good are all required", r.ID)
		}
		if r.Severity < answerfile.Info || r.Severity > answerfile.Error {
			t.Errorf("rule %s: severity %v", r.ID, r.Severity)
		}
		switch r.Basis {
		case "doc", "tool":
		case "policy":
			if r.Policy == "" {
				t.Errorf("rule %s: basis policy without a Policy text", r.ID)
			}
		default:
			t.Errorf("rule %s: basis %q, want doc, tool or policy", r.ID, r.Basis)
		}
		if strings.HasSuffix(r.Summary, ".") {
			t.Errorf("rule %s: summary ends with a period", r.ID)
		}
	}
	entries, err := os.ReadDir(filepath.Join("testdata", "rules"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !seen[e.Name()] {
			t.Errorf("testdata/rules/%s is not a rule", e.Name())
		}
	}
}

func TestSuggest(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"empty-values", "empty-value"},
		{"emtpy-value", "empty-value"},
		{"Owner-Missing", "owner-missing"},
		{"schemaa", "schema"},
		{"completely-different-thing", ""},
	} {
		if got := Suggest(tc.in); got != tc.want {
			t.Errorf("Suggest(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestConfigValidate(t *testing.T) {
	for _, tc := range []struct {
		name string
		cfg  Config
		want string
	}{
		{"empty", Config{}, ""},
		{"known", Config{Disable: []string{"path-case"}, Severity: map[string]answerfile.Severity{"mnc-form": answerfile.Error}}, ""},
		{"typo", Config{Disable: []string{"path-cas"}}, `unknown rule "path-cas" (did you mean "path-case"?)`},
		{"unknown", Config{Severity: map[string]answerfile.Severity{"nothing-like-it-at-all": answerfile.Error}}, `unknown rule "nothing-like-it-at-all" (mcsf rules lists them)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.cfg.Validate()
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tc.want {
				t.Errorf("Validate() = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestConfig pins how Strict, Disable and Severity change the findings of one file.
func TestConfig(t *testing.T) {
	path := filepath.Join("testdata", "rules", "unknown-settings-path", "bad.xml")
	for _, tc := range []struct {
		name string
		cfg  Config
		want []string // rule:severity
	}{
		{"default", Config{}, []string{"unknown-settings-path:warning"}},
		{"strict", Config{Strict: true}, []string{"unknown-settings-path:error"}},
		{"strict then override", Config{Strict: true, Severity: map[string]answerfile.Severity{"unknown-settings-path": answerfile.Info}},
			[]string{"unknown-settings-path:info"}},
		{"disabled", Config{Disable: []string{"unknown-settings-path"}}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, d := range lintFile(t, path, tc.cfg) {
				got = append(got, d.Rule+":"+d.Severity.String())
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("-want +got:\n%s", diff)
			}
		})
	}
}
