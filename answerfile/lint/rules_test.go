package lint

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/templates"
)

// TestRuleIDsDefinedOnce reads every Go file of the module: each rule id is
// written as a string once, in a constant named Rule..., and is a rule of
// the linter's table or of the spec reader's (templates.Rules), never both.
func TestRuleIDsDefinedOnce(t *testing.T) {
	tables := map[string]string{}
	for _, r := range Rules {
		tables[r.ID] = "lint.Rules"
	}
	for _, r := range templates.Rules {
		if prev, ok := tables[r.ID]; ok {
			t.Errorf("rule %s is in %s and templates.Rules", r.ID, prev)
		}
		tables[r.ID] = "templates.Rules"
	}
	defined := map[string]string{} // id -> where its literal is
	root := filepath.Join("..", "..")
	err := filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() && (e.Name() == "testdata" || strings.HasPrefix(e.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		if e.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
		if err != nil {
			return err
		}
		for _, decl := range f.Decls {
			g, ok := decl.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, spec := range g.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, name := range vs.Names {
					if !strings.HasPrefix(name.Name, "Rule") || i >= len(vs.Values) {
						continue
					}
					lit, ok := vs.Values[i].(*ast.BasicLit)
					if !ok || lit.Kind != token.STRING {
						continue // an alias of a constant defined elsewhere
					}
					id, _ := strconv.Unquote(lit.Value)
					where := path + ": " + name.Name
					if prev, ok := defined[id]; ok {
						t.Errorf("rule id %q is defined twice: %s and %s", id, prev, where)
					}
					defined[id] = where
					if _, ok := tables[id]; !ok {
						t.Errorf("%s = %q is in no rule table", where, id)
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for id, table := range tables {
		if _, ok := defined[id]; !ok {
			t.Errorf("rule %s of %s has no Rule... constant", id, table)
		}
	}
}

// TestChecksKeepTheirContract lints every rule fixture and, when present,
// the documentation samples: no finding is an internal error (which is what
// a check reporting another check's rule, or an undeclared severity,
// produces), every finding's rule is in the table, and its severity is the
// rule's default or one of its declared Lower ones. The default severity of
// every rule with a check is the one its bad.xml fixture shows, so that
// SARIF's defaultConfiguration (the table's Severity) is the level used.
func TestChecksKeepTheirContract(t *testing.T) {
	var files []string
	fixtures, err := filepath.Glob(filepath.Join("testdata", "rules", "*", "*.xml"))
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, fixtures...)
	if dir := filepath.Join("..", "..", "..", "shared", "corpus", "mcsf"); dirExists(dir) {
		samples, _ := filepath.Glob(filepath.Join(dir, "*.xml"))
		files = append(files, samples...)
	} else {
		t.Logf("corpus not found at %s: checking the rule fixtures only", dir)
	}
	used := map[string][]answerfile.Severity{}
	for _, path := range files {
		for _, d := range lintFile(t, path, fixtureConfig(filepath.Dir(path))) {
			if strings.Contains(d.Message, "internal error") {
				t.Errorf("%s: %s", path, d)
			}
			r, ok := Lookup(d.Rule)
			if !ok {
				t.Errorf("%s: rule %q is not in the table: %s", path, d.Rule, d)
				continue
			}
			if d.Severity != r.Severity && !slices.Contains(r.Lower, d.Severity) {
				t.Errorf("%s: %s at %s, rule declares %s and %v", path, d.Rule, d.Severity, r.Severity, r.Lower)
			}
			if strings.HasSuffix(filepath.Dir(path), d.Rule) && !slices.Contains(used[d.Rule], d.Severity) {
				used[d.Rule] = append(used[d.Rule], d.Severity)
			}
		}
	}
	for _, r := range Rules {
		if r.check == nil {
			continue
		}
		if !slices.Contains(used[r.ID], r.Severity) {
			t.Errorf("rule %s: default %s never reported by testdata/rules/%s/bad.xml (seen %v)", r.ID, r.Severity, r.ID, used[r.ID])
		}
	}
}

func dirExists(dir string) bool {
	st, err := os.Stat(dir)
	return err == nil && st.IsDir()
}

// TestCheckReportsOnlyItsRules: a finding under a rule of another check, or
// at a severity the rule does not declare, becomes an internal error.
func TestCheckReportsOnlyItsRules(t *testing.T) {
	doc, _, err := answerfile.Parse("a.xml", []byte(`<ImageCustomizations xmlns="`+answerfile.Namespace+`" Name="n" Owner="o" OwnerType="OEM"/>`))
	if err != nil || doc == nil {
		t.Fatalf("parse: %v", err)
	}
	for _, tc := range []struct {
		name string
		rep  func(c *checker) answerfile.Diagnostic
		want string
	}{
		{"own rule", func(c *checker) answerfile.Diagnostic { return c.rule(RuleOwnerType).at(doc.Root.Elem, "x") }, "owner-type"},
		{"other check's rule", func(c *checker) answerfile.Diagnostic { return c.rule(RuleEmptyValue).at(doc.Root.Elem, "x") },
			`internal error, please report: check "root" reported rule "empty-value", which is not one of its rules`},
		{"undeclared severity", func(c *checker) answerfile.Diagnostic {
			return c.rule(RuleOwnerType).as(answerfile.Info).at(doc.Root.Elem, "x")
		}, `internal error, please report: rule "owner-type" reported at info, which it does not declare`},
		{"not a rule", func(c *checker) answerfile.Diagnostic { return c.rule("no-such-rule").at(doc.Root.Elem, "x") },
			`internal error, please report: check "root" reported rule "no-such-rule", which is not one of its rules`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := &checker{doc: doc, index: ruleIndex(), running: checkRootAttrs}
			c.add(tc.rep(c))
			if len(c.diags) != 1 {
				t.Fatalf("got %d findings, want 1", len(c.diags))
			}
			got := c.diags[0].Rule
			if strings.HasPrefix(tc.want, "internal") {
				got = c.diags[0].Message
			}
			if got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestDisabledRulesDoNotRun: a check runs only when one of its rules is
// enabled, and a disabled rule's findings are dropped at the source.
// TestEveryCheckHasRules: each check reports some rule, so that with no
// rule disabled every check runs (checker.enabled's shortcut).
func TestEveryCheckHasRules(t *testing.T) {
	for _, ch := range checks {
		if len(checkRules()[ch]) == 0 {
			t.Errorf("check %s has no rule", ch.name)
		}
	}
}

func TestDisabledRulesDoNotRun(t *testing.T) {
	overlapOnly := Config{Disable: []string{RuleOverlappingVariants}}
	c := &checker{cfg: overlapOnly, index: ruleIndex()}
	if c.enabled(checkVariantOverlaps) {
		t.Error("overlaps check enabled with overlapping-variants disabled")
	}
	if !c.enabled(checkSettingGroups) {
		t.Error("settings check disabled with its rules enabled")
	}
	var settings []string
	for _, r := range Rules {
		if r.check == checkSettingGroups {
			settings = append(settings, r.ID)
		}
	}
	c.cfg = Config{Disable: settings}
	if c.enabled(checkSettingGroups) {
		t.Errorf("settings check enabled with all of %v disabled", settings)
	}
}
