package templates

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/schema"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name, or rewrites it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", name, diff)
	}
}

func mustRead(t *testing.T, spec string) *Spec {
	t.Helper()
	s, ds, err := ReadSpec("spec.yaml", []byte(spec))
	if err != nil || s == nil {
		t.Fatalf("ReadSpec: %v %v\n%s", diagLines(ds), err, spec)
	}
	return s
}

func mustGenerate(t *testing.T, s *Spec) []byte {
	t.Helper()
	b, err := Generate(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestGenerateGolden(t *testing.T) {
	tests := []struct{ golden, spec string }{
		{"example.xml", string(ExampleSpec())},
		{"device-only.xml", "name: N\nowner: O\ndevice: {imsRetry: {attemptThresholdForIMS: 1}}\n"},
		{"operators-only.xml", "name: N\nowner: O\nownerType: MobileOperator\noperators:\n" +
			"  - {name: \"AT&T <US>\", match: [{mcc: \"310\", mnc: \"410\"}], imsRetry: {retryEnabled: true}}\n" +
			"  - {name: \"AT T\", match: [{mcc: \"310\", mnc: \"150\"}], mmsAutoRetry: false}\n" +
			"  - {name: \"--\", match: [{iccid: \"pattern:8901410.*\", uicc: \"1\", uiccslot: \"0\", roaming: \"!1\", conditions: {lang: \"en-US\", Region: \"US\"}}], mmsAutoRetry: true}\n"},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			golden(t, tt.golden, mustGenerate(t, mustRead(t, tt.spec)))
		})
	}
}

// TestGenerateEscapes checks that names and values with XML's special
// characters come back unchanged from the generated file.
func TestGenerateEscapes(t *testing.T) {
	spn := `A&B <"q"> 'x'`
	s := mustRead(t, "name: \"N & <M>\"\ndescription: \"say \\\"hi\\\" & 'bye'\"\nowner: \"O'Brien & Sons\"\n"+
		"operators:\n  - name: \"R&D\"\n    match: [{mcc: \"310\", spn: \"A&B <\\\"q\\\"> 'x'\"}]\n    mmsAutoRetry: true\n")
	out := mustGenerate(t, s)
	doc, diags, err := answerfile.Parse("out.xml", out)
	if err != nil || len(diags) > 0 {
		t.Fatalf("generated file does not parse: %v %v\n%s", diags, err, out)
	}
	root := doc.Root
	for _, c := range []struct{ got, want string }{
		{root.Name.Value, "N & <M>"},
		{root.Description.Value, `say "hi" & 'bye'`},
		{root.Owner.Value, "O'Brien & Sons"},
		{root.Targets[0].States[0].Conditions[1].Value.Value, spn},
		{root.Targets[0].ID.Value, "R_D"},
		{root.Variants[0].Name.Value, "R_D"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
	if !bytes.Contains(out, []byte(`Value="A&amp;B &lt;&quot;q&quot;> 'x'"`)) {
		t.Errorf("SPN not escaped as expected:\n%s", out)
	}
	if !bytes.Contains(out, []byte("<!-- Operator R&D -->")) {
		t.Errorf("operator comment missing:\n%s", out)
	}
}

func TestCommentText(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Operator A", " Operator A "},
		{"Operator --", " Operator - - "},
		{"Operator ---x", " Operator - - -x "},
		{"Operator -", " Operator - "},
	} {
		if got := commentText(c.in); got != c.want {
			t.Errorf("commentText(%q): got %q, want %q", c.in, got, c.want)
		}
	}
}

func TestSafeIDs(t *testing.T) {
	s := &Spec{}
	for _, n := range []string{"Fabrikam", "fabrikam", "AT&T", "AT T", "AT_T_2", "Télé 2", "  ", "__x__", "a.b-c_d", "--"} {
		s.Operators = append(s.Operators, Operator{Name: n})
	}
	want := []string{"Fabrikam", "fabrikam_2", "AT_T", "AT_T_2", "AT_T_2_2", "T_l_2", "Operator", "x", "a.b-c_d", "Operator_2"}
	if diff := cmp.Diff(want, OperatorIDs(s)); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
}

// TestGenerateFormatted checks that mcsf fmt leaves generated files as they are.
func TestGenerateFormatted(t *testing.T) {
	out := mustGenerate(t, mustRead(t, string(ExampleSpec())))
	doc, _, err := answerfile.Parse("x.xml", out)
	if err != nil {
		t.Fatal(err)
	}
	again, err := doc.Format()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, again) {
		t.Errorf("Format changes the generated file:\n%s", cmp.Diff(string(out), string(again)))
	}
	if strings.Contains(string(out), "\r") || !strings.HasSuffix(string(out), "\n") {
		t.Errorf("want LF line ends and a final newline")
	}
}

func TestGenerateDeterministic(t *testing.T) {
	s := mustRead(t, "name: N\nowner: O\noperators:\n  - name: A\n    match: [{mcc: \"310\", conditions: {Lang: \"en\", AoAc: \"1\", aaa: \"x\", Region: \"US\"}}]\n    mmsAutoRetry: true\n")
	first := mustGenerate(t, s)
	for range 20 {
		if again := mustGenerate(t, s); !bytes.Equal(first, again) {
			t.Fatalf("two runs differ:\n%s", cmp.Diff(string(first), string(again)))
		}
	}
}

// TestRules checks the rule table: sorted, every diagnostic rule of the
// package in it, policies stated, and convertible to the linter's Rule.
func TestRules(t *testing.T) {
	ids := map[string]bool{}
	for i, r := range Rules {
		if i > 0 && Rules[i-1].ID >= r.ID {
			t.Errorf("rules not sorted: %s before %s", Rules[i-1].ID, r.ID)
		}
		if r.Summary == "" || r.Rationale == "" || r.Bad == "" || r.Good == "" {
			t.Errorf("%s: incomplete", r.ID)
		}
		if (r.Basis == "policy") != (r.Policy != "") {
			t.Errorf("%s: basis %q with policy %q", r.ID, r.Basis, r.Policy)
		}
		ids[r.ID] = true
	}
	for _, id := range []string{RuleSyntax, RuleDuplicateKey, RuleSchema, RuleDuplicateOperator, RuleDuplicateCondition,
		RuleNoSettings, RuleInvalidCondition, RuleUnknownCondition, RulePatternUnsupported, RuleUnsatisfiable,
		RuleOverlap, RuleOverlapMerged, RuleImportUnsupported, RuleImportDropped} {
		if !ids[id] {
			t.Errorf("rule %s missing from Rules", id)
		}
	}
}

// TestExampleSpecFixture keeps testdata/example-spec.yaml (the README's
// fixture) identical to the embedded example.
func TestExampleSpecFixture(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "testdata", "example-spec.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, ExampleSpec()) {
		t.Errorf("../testdata/example-spec.yaml differs from example-spec.yaml: copy one over the other")
	}
}

// TestSpecJSONIsASpec checks that the JSON form of a read spec (generate
// --format json) is itself a valid spec that reads back the same.
func TestSpecJSONIsASpec(t *testing.T) {
	s := mustRead(t, string(ExampleSpec()))
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	if errs, err := schema.Validate(SchemaName, v); err != nil || len(errs) > 0 {
		t.Fatalf("schema: %v %v", errs, err)
	}
	back := mustRead(t, string(b))
	if diff := cmp.Diff(s, back); diff != "" {
		t.Errorf("JSON round trip (-before +after):\n%s", diff)
	}
}
