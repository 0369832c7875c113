package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/answerfile/lint"
	"github.com/mcsf-dev/mcsf/internal/testtool"
	"github.com/mcsf-dev/mcsf/schema"
	"github.com/santhosh-tekuri/jsonschema/v5"

	// The official schema is read from this module's source (see officialSARIFSchema);
	// importing it keeps the module in go.mod for the test.
	_ "github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
)

// testRoot stands for the working directory of a lint run in CI. It is not
// a directory of any machine: the formats only compute paths from it.
const testRoot = "/home/ci/work"

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

const baseXML = `<?xml version="1.0" encoding="utf-8"?>
<ImageCustomizations xmlns="http://schemas.microsoft.com/embedded/2004/10/ImageUpdate" Name="Démo" Owner="" OwnerType="OEM">
  <Targets>
    <Target Id="Contoso">
      <TargetState>
        <Condition Name="SPN" Value="Télécom 日本"/>
      </TargetState>
    </Target>
  </Targets>
  <Variant Name="V1">
    <TargetRefs>
      <TargetRef Id="Cntoso"/>
    </TargetRefs>
    <Settings Path="CellCore/PerIMSI/$(__IMSI)/SMS">
	<Setting Name="3GPP/IMS/RetryEnabled" Value="100%; [a](1), b:c"/>
    </Settings>
  </Variant>
</ImageCustomizations>
`

const cXML = `<?xml version="1.0" encoding="utf-8"?>
<ImageCustomizations xmlns="http://schemas.microsoft.com/embedded/2004/10/ImageUpdate" Name="C" Owner="Contoso" OwnerType="OEM">
  <Static><Settings Path="Cellcore/PerDevice/SMS"/></Static>
</ImageCustomizations>
`

// fixtureSpan locates the first occurrence of sub on 1-based line n of src and
// returns its start and end columns (characters, end exclusive).
func fixtureSpan(t *testing.T, src string, n int, sub string) (int, int) {
	t.Helper()
	line := strings.Split(src, "\n")[n-1]
	i := strings.Index(line, sub)
	if i < 0 {
		t.Fatalf("line %d of the fixture has no %q", n, sub)
	}
	col := utf8.RuneCountInString(line[:i]) + 1
	return col, col + utf8.RuneCountInString(sub)
}

// fixtureReport is a fixed lint run that exercises every part of every
// format: related locations, a fix, non-ASCII text, characters each format
// must escape, a multi-line span, a finding without a position, absolute
// paths inside and outside the working directory, a rule missing from the
// rule table, and characters XML cannot carry.
func fixtureReport(t *testing.T) *Report {
	t.Helper()
	const base, other, c, outside = "answers/base.xml", "answers/other dir/b.xml", testRoot + "/answers/c.xml", "/tmp/elsewhere/d.xml"
	at := func(src string, line int, sub string) (int, int, int, int) {
		c, e := fixtureSpan(t, src, line, sub)
		return line, c, line, e
	}
	var ds []answerfile.Diagnostic
	add := func(file string, l, c, el, ec int, path, rule string, sev answerfile.Severity, msg string) *answerfile.Diagnostic {
		ds = append(ds, answerfile.Diagnostic{File: file, Line: l, Column: c, EndLine: el, EndColumn: ec, Path: path, Rule: rule, Severity: sev, Message: msg})
		return &ds[len(ds)-1]
	}
	l, col, el, ec := at(baseXML, 2, `Owner=""`)
	add(base, l, col, el, ec, "/ImageCustomizations", "owner-missing", answerfile.Error,
		`Owner is empty: every doc sample ships Owner="", fill it in`).Fix = `set Owner to your company name, e.g. Owner="Contoso"`
	l, col, el, ec = at(baseXML, 6, `Value="Télécom 日本"`)
	add(base, l, col, el, ec, "/ImageCustomizations/Targets[1]/Target[1]/TargetState[1]/Condition[1]", "spn-case", answerfile.Info,
		`SPN "Télécom 日本" is compared case-insensitively`)
	add(base, 10, 3, 17, 13, "/ImageCustomizations/Variant[1]", "element-order", answerfile.Warning,
		"Variant comes before Static: expected Imports, Targets, Static, Variant")
	l, col, el, ec = at(baseXML, 12, `Id="Cntoso"`)
	d := add(base, l, col, el, ec, "/ImageCustomizations/Variant[1]/TargetRefs[1]/TargetRef[1]", "unknown-target-ref", answerfile.Error,
		`TargetRef "Cntoso" names no declared Target`)
	rc, _ := fixtureSpan(t, baseXML, 4, `Id="Contoso"`)
	d.Related = []answerfile.Related{{File: base, Line: 4, Column: rc, Path: "/ImageCustomizations/Targets[1]/Target[1]", Message: `did you mean "Contoso"? [declared here]`}}
	l, col, el, ec = at(baseXML, 15, `Value="100%; [a](1), b:c"`)
	add(base, l, col, el, ec, "/ImageCustomizations/Variant[1]/Settings[1]/Setting[1]", "invalid-setting-value", answerfile.Error,
		`RetryEnabled is a DWORD 0 or 1, not "100%; [a](1), b:c"`).Fix = `write Value="1" to retry, Value="0" not to`
	add("answers/other dir/b.xml", 0, 0, 0, 0, "", answerfile.RuleXMLSyntax, answerfile.Error, "the file is empty")
	l, col, el, ec = at(cXML, 3, `Path="Cellcore/PerDevice/SMS"`)
	pc := add(c, l, col, el, ec, "/ImageCustomizations/Static[1]/Settings[1]", "path-case", answerfile.Info,
		"settings path \"Cellcore/PerDevice/SMS\" is spelled \"CellCore/PerDevice/SMS\" in the catalog\r\nsecond line: 50% of files; a]]>b\x01")
	pc.Fix = `write Path="CellCore/PerDevice/SMS"`
	pc.Edits = []answerfile.TextEdit{{Start: 100, End: 104, NewText: "Cell\"Core", From: answerfile.Position{Line: 3, Column: 19},
		To: answerfile.Position{Line: 3, Column: 23}}, {Start: 110, End: 110, NewText: "", From: answerfile.Position{Line: 3, Column: 29},
		To: answerfile.Position{Line: 3, Column: 29}}}
	add(outside, 1, 1, 1, 6, "", "element-order", answerfile.Warning, "a finding outside the working directory")
	ds = answerfile.SortDiagnostics(ds)

	return &Report{
		FileNames:   []string{outside, c, base, "answers/clean.xml", other},
		Skipped:     2,
		Diagnostics: ds,
		Rules:       fixtureRules(),
		ToolVersion: "0.0.0-devel",
		Sources: Sources{
			base: answerfile.NewSource([]byte(baseXML)),
			c:    answerfile.NewSource([]byte(cXML)),
		},
	}
}

// fixtureRules is a fixed rule table, independent of the real one, which
// grows as rules are added.
func fixtureRules() []lint.Rule {
	return []lint.Rule{
		{ID: "element-order", Severity: answerfile.Warning, Summary: "children not in Imports, Targets, Static, Variant order",
			Rationale: "Every sample orders the children of <ImageCustomizations> this way; `<Static>` after a Variant reads as if it applied last.",
			Bad:       "<Variant Name=\"V\"/>\n<Static/>", Good: "<Static/>\n<Variant Name=\"V\"/>"},
		{ID: "invalid-setting-value", Severity: answerfile.Error, Summary: "value outside the catalog's type or range",
			Rationale: "ImageApp writes the value as given; the device ignores a DWORD it cannot read.",
			Bad:       `<Setting Name="3GPP/IMS/RetryEnabled" Value="2"/>`, Good: `<Setting Name="3GPP/IMS/RetryEnabled" Value="1"/>`},
		{ID: "owner-missing", Severity: answerfile.Error, Summary: "empty or missing Owner or Name",
			Rationale: "The package is named <Owner>.<DeviceName>.Customizations; an empty Owner fails the build.",
			Bad:       `<ImageCustomizations Owner="">`, Good: `<ImageCustomizations Owner="Contoso">`},
		{ID: "path-case", Severity: answerfile.Info, Summary: "settings path spelled in another case than the catalog's",
			Rationale: "Paths compare case-insensitively, so this works, but ```-fenced``` searches for the path miss it.",
			Bad:       "<Settings Path=\"Cellcore/PerDevice/SMS\">\n```", Good: `<Settings Path="CellCore/PerDevice/SMS">`},
		{ID: "unknown-target-ref", Severity: answerfile.Error, Summary: "TargetRef to an undeclared Target",
			Rationale: "ImageApp rejects the file (UnknownTarget).",
			Bad:       `<TargetRef Id="Cntoso"/>`, Good: `<TargetRef Id="Contoso"/>`},
		{ID: answerfile.RuleXMLSyntax, Severity: answerfile.Error, Summary: "the file is not well-formed XML",
			Rationale: "ImageApp refuses a file that is not well-formed XML; nothing else in it can be checked.",
			Bad:       "<!-- outer <!-- inner --> -->", Good: "<!-- inner -->"},
	}
}

func renderReport(t *testing.T, format string, r *Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	r.Root = testRoot
	if err := Write(&buf, format, r); err != nil {
		t.Fatalf("writeReport(%s): %v", format, err)
	}
	return buf.Bytes()
}

// TestReportGolden pins the exact output of every format on the fixture.
// Run with -update to rewrite testdata/*.golden.
func TestReportGolden(t *testing.T) {
	colored := fixtureReport(t)
	colored.Color = true
	cases := []struct {
		name, format string
		r            *Report
	}{
		{"text-color", "text", colored},
		{"empty-text", "text", &Report{FileNames: []string{"a.xml"}}},
	}
	for _, f := range Names() {
		cases = append(cases, struct {
			name, format string
			r            *Report
		}{f, f, fixtureReport(t)})
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := renderReport(t, tc.format, tc.r)
			golden := filepath.Join("testdata", tc.name+".golden")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -run TestReportGolden -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("--format %s: got\n%s\nwant\n%s", tc.format, got, want)
			}
		})
	}
}

func TestReportDeterministic(t *testing.T) {
	for _, f := range Names() {
		a, b := renderReport(t, f, fixtureReport(t)), renderReport(t, f, fixtureReport(t))
		if !bytes.Equal(a, b) {
			t.Errorf("--format %s: two runs differ:\n%s\n---\n%s", f, a, b)
		}
	}
}

func TestReportUnknownFormat(t *testing.T) {
	var buf bytes.Buffer
	err := Write(&buf, "xml", &Report{})
	if !errors.Is(err, ErrUnknownFormat) {
		t.Fatalf("got %v, want ErrUnknownFormat", err)
	}
	want := `unknown report format "xml"`
	if err.Error() != want {
		t.Errorf("got %q, want %q", err.Error(), want)
	}
	if buf.Len() != 0 {
		t.Errorf("got output %q, want none", buf.String())
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestReportWriteError(t *testing.T) {
	for _, f := range Names() {
		r := fixtureReport(t)
		r.Root = testRoot
		err := Write(failingWriter{}, f, r)
		if err == nil || err.Error() != "write report: disk full" {
			t.Errorf("--format %s: got %v, want %q", f, err, "write report: disk full")
		}
	}
}

func TestReportJSONSchema(t *testing.T) {
	for name, r := range map[string]*Report{"fixture": fixtureReport(t), "empty": {}} {
		t.Run(name, func(t *testing.T) {
			out := renderReport(t, "json", r)
			var v any
			if err := json.Unmarshal(out, &v); err != nil {
				t.Fatalf("output is not JSON: %v\n%s", err, out)
			}
			errs, err := schema.Validate("lint-output", v)
			if err != nil {
				t.Fatal(err)
			}
			if len(errs) > 0 {
				t.Errorf("got schema errors %v, want none, for\n%s", errs, out)
			}
			if name == "empty" && !bytes.Contains(out, []byte(`"diagnostics": []`)) {
				t.Errorf("got %s, want \"diagnostics\": []", out)
			}
		})
	}
	// The schema is strict: it catches a wrong severity and a null list.
	for _, bad := range []string{
		`{"files":1,"skipped":0,"diagnostics":[{"file":"a.xml","line":1,"column":1,"endLine":1,"endColumn":2,"path":"","rule":"x","severity":"fatal","message":"m","related":[]}],"summary":{"errors":0,"warnings":0,"infos":0}}`,
		`{"files":1,"skipped":0,"diagnostics":null,"summary":{"errors":0,"warnings":0,"infos":0}}`,
	} {
		var v any
		if err := json.Unmarshal([]byte(bad), &v); err != nil {
			t.Fatal(err)
		}
		if errs, err := schema.Validate("lint-output", v); err != nil || len(errs) == 0 {
			t.Errorf("got %v, %v for %s, want schema errors", errs, err, bad)
		}
	}
}

// officialSARIFSchema compiles the OASIS SARIF 2.1.0 JSON Schema (draft-04)
// from the copy that ships in github.com/owenrumney/go-sarif/v3 (pinned in
// go.mod). The module keeps it in an unexported Go constant, so the test
// reads it from the module's source directory.
func officialSARIFSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	const module = "github.com/owenrumney/go-sarif/v3"
	out, err := exec.Command("go", "list", "-m", "-json", module).Output()
	if err != nil {
		t.Fatalf("go list -m %s: %v", module, err)
	}
	var m struct{ Dir string }
	if err := json.Unmarshal(out, &m); err != nil || m.Dir == "" {
		t.Fatalf("module %s is not downloaded (run: go mod download %s): %s", module, module, out)
	}
	src, err := os.ReadFile(filepath.Join(m.Dir, "pkg", "report", "v210", "sarif", "schema.go"))
	if err != nil {
		t.Fatal(err)
	}
	_, text, ok := strings.Cut(string(src), "const schema = `")
	text, _, ok2 := strings.Cut(text, "`")
	if !ok || !ok2 || !strings.Contains(text, "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema") {
		t.Fatalf("no SARIF 2.1.0 schema constant in %s", m.Dir)
	}
	const id = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	c := jsonschema.NewCompiler()
	if err := c.AddResource(id, strings.NewReader(text)); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(id)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestReportCorpusValid lints every documentation sample of the corpus
// and checks the JSON and SARIF reports against their schemas: real
// diagnostics, not only the fixture, must fit.
func TestReportCorpusValid(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "corpus", "mcsf")
	files, _ := filepath.Glob(filepath.Join(dir, "*.xml"))
	if len(files) == 0 {
		t.Skipf("corpus not found at %s", dir)
	}
	r := &Report{FileNames: files, Rules: lint.Rules, Sources: Sources{}, Root: "/src"}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		ds, err := lint.File(f, data, lint.Config{})
		if err != nil {
			t.Fatal(err)
		}
		r.Diagnostics = append(r.Diagnostics, ds...)
		r.Sources[f] = answerfile.NewSource(data)
	}
	r.Diagnostics = answerfile.SortDiagnostics(r.Diagnostics)
	sarif := officialSARIFSchema(t)
	for _, format := range []string{"json", "sarif"} {
		var out bytes.Buffer
		if err := Write(&out, format, r); err != nil {
			t.Fatal(err)
		}
		var v any
		if err := json.Unmarshal(out.Bytes(), &v); err != nil {
			t.Fatalf("lint --format %s: output is not JSON: %v", format, err)
		}
		if format == "json" {
			errs, err := schema.Validate("lint-output", v)
			if err != nil || len(errs) > 0 {
				t.Errorf("lint --format json of the corpus: got schema errors %v, %v, want none", errs, err)
			}
			if n := v.(map[string]any)["files"].(float64); n == 0 {
				t.Errorf("got %v files checked, want the whole corpus", n)
			}
			continue
		}
		if err := sarif.Validate(v); err != nil {
			t.Errorf("lint --format sarif of the corpus is not valid SARIF 2.1.0: %#v", err)
		}
	}
}

func TestReportSARIFSchema(t *testing.T) {
	s := officialSARIFSchema(t)
	decode := func(b []byte) any {
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			t.Fatalf("output is not JSON: %v\n%s", err, b)
		}
		return v
	}
	for name, r := range map[string]*Report{"fixture": fixtureReport(t), "empty": {}} {
		if err := s.Validate(decode(renderReport(t, "sarif", r))); err != nil {
			t.Errorf("%s: SARIF output is not valid SARIF 2.1.0: %#v", name, err)
		}
	}
	// The check has teeth: broken output fails it.
	for name, breakIt := range map[string]func(run map[string]any){
		"level":      func(run map[string]any) { firstResult(run)["level"] = "fatal" },
		"startLine":  func(run map[string]any) { firstRegion(run)["startLine"] = 0.0 },
		"unknown":    func(run map[string]any) { firstResult(run)["severity"] = "error" },
		"columnKind": func(run map[string]any) { run["columnKind"] = "bytes" },
	} {
		v := decode(renderReport(t, "sarif", fixtureReport(t)))
		breakIt(v.(map[string]any)["runs"].([]any)[0].(map[string]any))
		if err := s.Validate(v); err == nil {
			t.Errorf("broken %s: got valid, want a schema error", name)
		}
	}
}

func firstResult(run map[string]any) map[string]any {
	return run["results"].([]any)[0].(map[string]any)
}

func firstRegion(run map[string]any) map[string]any {
	loc := firstResult(run)["locations"].([]any)[0].(map[string]any)
	return loc["physicalLocation"].(map[string]any)["region"].(map[string]any)
}

func sarifFingerprints(t *testing.T, r *Report) []string {
	t.Helper()
	var log sarifLog
	if err := json.Unmarshal(renderReport(t, "sarif", r), &log); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, res := range log.Runs[0].Results {
		out = append(out, res.PartialFingerprints[sarifFingerprintKey])
	}
	return out
}

// TestSARIFFingerprintsStable: moving every finding down N lines (lines
// added above them) keeps each fingerprint; changing what a finding says
// changes it.
func TestSARIFFingerprintsStable(t *testing.T) {
	before := sarifFingerprints(t, fixtureReport(t))
	for _, n := range []int{1, 7, 1000} {
		shifted := fixtureReport(t)
		for i := range shifted.Diagnostics {
			d := &shifted.Diagnostics[i]
			if d.Line > 0 {
				d.Line += n
				d.EndLine += n
			}
			for j := range d.Related {
				d.Related[j].Line += n
			}
		}
		after := sarifFingerprints(t, shifted)
		if strings.Join(after, " ") != strings.Join(before, " ") {
			t.Errorf("shifted by %d lines: got fingerprints %v, want %v", n, after, before)
		}
	}

	changed := fixtureReport(t)
	changed.Diagnostics[0].Message += "!"
	if got := sarifFingerprints(t, changed); got[0] == before[0] {
		t.Errorf("changed message: got the same fingerprint %s, want a new one", got[0])
	}

	// Two equal findings in one place are told apart by occurrence.
	d := answerfile.Diagnostic{File: "a.xml", Line: 3, Column: 1, Rule: "empty-value", Severity: answerfile.Error, Message: "m"}
	e := d
	e.Line = 9
	got := sarifFingerprints(t, &Report{Diagnostics: []answerfile.Diagnostic{d, e}})
	h := fingerprint("empty-value", "a.xml", "", "m")
	if want := []string{h + ":1", h + ":2"}; strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestSARIFRuleIndex(t *testing.T) {
	var log sarifLog
	if err := json.Unmarshal(renderReport(t, "sarif", fixtureReport(t)), &log); err != nil {
		t.Fatal(err)
	}
	rules := log.Runs[0].Tool.Driver.Rules
	for _, res := range log.Runs[0].Results {
		if res.RuleIndex < 0 || res.RuleIndex >= len(rules) || rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %s: ruleIndex %d does not point at its rule", res.RuleID, res.RuleIndex)
		}
	}
	// The rule the table lacks is described last, with a placeholder summary.
	if last := rules[len(rules)-1]; last.ID != "spn-case" || last.ShortDescription.Text != "rule spn-case" {
		t.Errorf("got last rule %+v, want spn-case", last)
	}
}

func TestJUnitParses(t *testing.T) {
	var doc junitSuites
	if err := xml.Unmarshal(renderReport(t, "junit", fixtureReport(t)), &doc); err != nil {
		t.Fatalf("JUnit output is not well-formed XML: %v", err)
	}
	s := doc.Suites[0]
	type caseSummary struct {
		name, failure string
	}
	var got []caseSummary
	for _, c := range s.Cases {
		cs := caseSummary{name: c.Name}
		if c.Failure != nil {
			cs.failure = c.Failure.Message
		}
		got = append(got, cs)
	}
	want := []caseSummary{
		{name: "/home/ci/work/answers/c.xml"},
		{name: "/tmp/elsewhere/d.xml"},
		{name: "answers/base.xml", failure: "3 errors"},
		{name: "answers/clean.xml"},
		{name: "answers/other dir/b.xml", failure: "1 error"},
	}
	if fmt.Sprintf("%q", got) != fmt.Sprintf("%q", want) {
		t.Errorf("got testcases\n%q\nwant\n%q", got, want)
	}
	// Warnings and infos of every file, in file order, in the suite's system-out.
	wantOut := "/home/ci/work/answers/c.xml:3:21: info: settings path \"Cellcore/PerDevice/SMS\" is spelled \"CellCore/PerDevice/SMS\" in the catalog\n" +
		"second line: 50% of files; a]]>b\uFFFD [path-case]\n  fix: write Path=\"CellCore/PerDevice/SMS\"\n" +
		"/tmp/elsewhere/d.xml:1:1: warning: a finding outside the working directory [element-order]\n" +
		"answers/base.xml:6:31: info: SPN \"Télécom 日本\" is compared case-insensitively [spn-case]\n" +
		"answers/base.xml:10:3: warning: Variant comes before Static: expected Imports, Targets, Static, Variant [element-order]"
	if s.SystemOut.Text != wantOut {
		t.Errorf("got system-out\n%q\nwant\n%q", s.SystemOut.Text, wantOut)
	}
	if s.Tests != 5 || s.Failures != 2 {
		t.Errorf("got tests=%d failures=%d, want 5 and 2", s.Tests, s.Failures)
	}
}

// TestJUnitSchemas validates the JUnit output with xmllint against Apache
// Ant's JUnit.xsd and the JUnit XSD of Jenkins' xUnit plugin (testdata/xsd,
// written from their documented structure), for a report with findings and
// an empty one.
func TestJUnitSchemas(t *testing.T) {
	xmllint := testtool.Require(t, "xmllint")
	dir := t.TempDir()
	full := fixtureReport(t)
	full.Hostname, full.Started, full.Elapsed = "ci-runner-7", time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC), 1234*time.Millisecond
	for name, r := range map[string]*Report{"full": full, "empty": {}} {
		out := filepath.Join(dir, name+".xml")
		if err := os.WriteFile(out, renderReport(t, "junit", r), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, xsd := range []string{"ant-junit.xsd", "jenkins-xunit-junit.xsd"} {
			cmd := exec.Command(xmllint, "--noout", "--schema", filepath.Join("testdata", "xsd", xsd), out)
			if b, err := cmd.CombinedOutput(); err != nil {
				t.Errorf("%s report against %s: %v\n%s", name, xsd, err, b)
			}
		}
	}
}

func TestGitHubEscape(t *testing.T) {
	for _, tc := range []struct{ in, data, prop string }{
		{"plain", "plain", "plain"},
		{"100%", "100%25", "100%25"},
		{"a\r\nb", "a%0D%0Ab", "a%0D%0Ab"},
		{"a:b,c", "a:b,c", "a%3Ab%2Cc"},
		{"%0A", "%250A", "%250A"},
		{"Télécom ]; 日本", "Télécom ]; 日本", "Télécom ]; 日本"},
	} {
		if got := githubData(tc.in); got != tc.data {
			t.Errorf("githubData(%q): got %q, want %q", tc.in, got, tc.data)
		}
		if got := githubProperty(tc.in); got != tc.prop {
			t.Errorf("githubProperty(%q): got %q, want %q", tc.in, got, tc.prop)
		}
	}
}

func TestAzureEscape(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain", "plain"},
		{"100%", "100%AZP25"},
		{"a;b", "a%3Bb"},
		{"a\r\nb", "a%0D%0Ab"},
		{"[x]", "[x%5D"},
		{"%3B", "%AZP253B"},
		{"a:b,c Télécom", "a:b,c Télécom"},
	} {
		if got := azureEscape(tc.in); got != tc.want {
			t.Errorf("azureEscape(%q): got %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestReportPath(t *testing.T) {
	for _, tc := range []struct{ file, root, rel, abs string }{
		{"a.xml", testRoot, "a.xml", ""},
		{"./answers/../a.xml", testRoot, "a.xml", ""},
		{testRoot + "/answers/a.xml", testRoot, "answers/a.xml", ""},
		{"/tmp/a.xml", testRoot, "/tmp/a.xml", "/tmp/a.xml"},
		{testRoot + "x/a.xml", testRoot, testRoot + "x/a.xml", testRoot + "x/a.xml"},
		{"../up/a.xml", testRoot, "../up/a.xml", "/home/ci/up/a.xml"},
		{"../up/a.xml", "", "../up/a.xml", ""},
		{"/tmp/a.xml", "", "/tmp/a.xml", "/tmp/a.xml"},
		{"<stdin>", testRoot, "<stdin>", ""},
	} {
		rel, abs := reportPath(tc.file, tc.root)
		if rel != tc.rel || abs != tc.abs {
			t.Errorf("reportPath(%q, %q): got %q, %q, want %q, %q", tc.file, tc.root, rel, abs, tc.rel, tc.abs)
		}
	}
}

func TestSARIFArtifact(t *testing.T) {
	for _, tc := range []struct{ file, uri, base string }{
		{"answers/other dir/b.xml", "answers/other%20dir/b.xml", sarifSrcRoot},
		{"a:b.xml", "./a:b.xml", sarifSrcRoot},
		{"Télécom.xml", "T%C3%A9l%C3%A9com.xml", sarifSrcRoot},
		{"/tmp/elsewhere/d.xml", "file:///tmp/elsewhere/d.xml", ""},
		{"<stdin>", "%3Cstdin%3E", sarifSrcRoot},
	} {
		got := sarifArtifact(tc.file, testRoot)
		if got.URI != tc.uri || got.URIBaseID != tc.base {
			t.Errorf("sarifArtifact(%q): got %+v, want uri %q base %q", tc.file, got, tc.uri, tc.base)
		}
	}
}

// Example_githubFormat shows the GitHub Actions workflow commands that
// `mcsf lint --format github` prints.
func Example_githubFormat() {
	r := &Report{
		FileNames: []string{"answers/a.xml"},
		Diagnostics: []answerfile.Diagnostic{{
			File: "answers/a.xml", Line: 2, Column: 86, EndLine: 2, EndColumn: 94, Path: "/ImageCustomizations",
			Rule: "owner-missing", Severity: answerfile.Error, Message: `Owner is empty: fill it in, e.g. Owner="Contoso"`,
		}},
	}
	_ = Write(os.Stdout, "github", r)
	// Output:
	// ::error file=answers/a.xml,line=2,col=86,endLine=2,endColumn=94,title=owner-missing::Owner is empty: fill it in, e.g. Owner="Contoso"
}

func TestSARIFLogicalKind(t *testing.T) {
	for path, want := range map[string]string{
		"/ImageCustomizations/Variant[1]":               "element",
		"/ImageCustomizations/Variant[1]/@Name":         "attribute",
		"/ImageCustomizations/Targets[1]/Target[1]/@Id": "attribute",
	} {
		if got := sarifLogical(path); len(got) != 1 || got[0].Kind != want || got[0].FullyQualifiedName != path {
			t.Errorf("sarifLogical(%q): got %+v, want kind %q", path, got, want)
		}
	}
	if got := sarifLogical(""); got != nil {
		t.Errorf("sarifLogical(\"\"): got %+v, want nil", got)
	}
}

// TestSARIFMatchesWholeEncoding: the SARIF log written result by result is
// the bytes of encoding the whole log at once.
func TestSARIFMatchesWholeEncoding(t *testing.T) {
	var awkward []answerfile.Diagnostic
	for i, s := range awkwardStrings {
		d := answerfile.Diagnostic{File: "a.xml", Line: i + 1, Column: 1, Path: s, Rule: "schema", Severity: answerfile.Error, Message: s + " results: []", Fix: s}
		if i%2 == 1 {
			d.Related = []answerfile.Related{{File: "b.xml", Line: 1, Column: 2, Message: `"results": []`}}
		}
		awkward = append(awkward, d)
	}
	for name, r := range map[string]*Report{
		"fixture":         fixtureReport(t),
		"no findings":     {FileNames: []string{"a.xml"}},
		"awkward strings": {FileNames: []string{"a.xml", "b.xml"}, Diagnostics: awkward},
	} {
		r.Rules = lint.Rules
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(buildSARIF(r, "/src")); err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		r.Root = "/src"
		writeSARIFReport(&got, r)
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("%s:\ngot  %q\nwant %q", name, got.Bytes(), want.Bytes())
		}
	}
}

// TestSARIFDefaultLevels: the SARIF defaultConfiguration of every rule is
// the level of the rule's table severity, the one its findings are
// reported at (answerfile/lint's TestChecksKeepTheirContract holds the
// findings to it).
func TestSARIFDefaultLevels(t *testing.T) {
	for _, r := range lint.Rules {
		if got, want := sarifRuleFor(r).DefaultConfiguration.Level, sarifLevel(r.Severity); got != want {
			t.Errorf("rule %s: defaultConfiguration level %q, want %q (severity %s)", r.ID, got, want, r.Severity)
		}
	}
}

// TestCodeClimateFields validates --format codeclimate against the fields
// GitLab's Code Quality documents (testdata/gitlab-codequality.schema.json)
// and checks that fingerprints are unique, as GitLab shows one issue per
// fingerprint.
func TestCodeClimateFields(t *testing.T) {
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	s, err := c.Compile(filepath.Join("testdata", "gitlab-codequality.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	out := renderReport(t, "codeclimate", fixtureReport(t))
	var v any
	if err := json.Unmarshal(out, &v); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if err := s.Validate(v); err != nil {
		t.Errorf("codeclimate report: %v", err)
	}
	var issues []codeClimateIssue
	_ = json.Unmarshal(out, &issues)
	seen := map[string]bool{}
	for _, is := range issues {
		if seen[is.Fingerprint] {
			t.Errorf("fingerprint %s is not unique", is.Fingerprint)
		}
		seen[is.Fingerprint] = true
	}
	if len(issues) != len(fixtureReport(t).Diagnostics) {
		t.Errorf("got %d issues, want one per finding (%d)", len(issues), len(fixtureReport(t).Diagnostics))
	}
}

// TestCheckstyleSchema validates --format checkstyle with xmllint against
// testdata/xsd/checkstyle.xsd.
func TestCheckstyleSchema(t *testing.T) {
	xmllint := testtool.Require(t, "xmllint")
	out := filepath.Join(t.TempDir(), "checkstyle.xml")
	if err := os.WriteFile(out, renderReport(t, "checkstyle", fixtureReport(t)), 0o644); err != nil {
		t.Fatal(err)
	}
	if b, err := exec.Command(xmllint, "--noout", "--schema", filepath.Join("testdata", "xsd", "checkstyle.xsd"), out).CombinedOutput(); err != nil {
		t.Errorf("checkstyle report: %v\n%s", err, b)
	}
}

// TestSARIFSplit: more results than GitHub takes in one run are split over
// runs of at most 25,000; past 20 runs the least severe are dropped, and the
// last run says how many.
func TestSARIFSplit(t *testing.T) {
	mk := func(errors, warnings, notes int) sarifRun {
		var rs []sarifResult
		for i := 0; i < errors+warnings+notes; i++ {
			level := "error"
			if i >= errors {
				level = "warning"
			}
			if i >= errors+warnings {
				level = "note"
			}
			rs = append(rs, sarifResult{RuleID: fmt.Sprint(i), Level: level})
		}
		// Interleave: notes first in the input, to show order is kept.
		slices.Reverse(rs)
		return sarifRun{Results: rs}
	}
	if runs := splitSARIFRun(mk(0, 0, sarifMaxResults)); len(runs) != 1 || runs[0].Properties.Parts != 0 {
		t.Errorf("25,000 results: got %d runs (parts %d), want 1 unsplit", len(runs), runs[0].Properties.Parts)
	}
	runs := splitSARIFRun(mk(1, 0, sarifMaxResults))
	if len(runs) != 2 || len(runs[0].Results) != sarifMaxResults || len(runs[1].Results) != 1 ||
		runs[1].Properties.Part != 2 || runs[1].Properties.Parts != 2 || runs[1].Properties.Dropped != nil {
		t.Errorf("25,001 results: got %d runs, want 25,000 + 1 in parts 1 and 2 of 2, nothing dropped", len(runs))
	}
	max := sarifMaxResults * sarifMaxRuns
	runs = splitSARIFRun(mk(10, max-5, 7))
	if len(runs) != sarifMaxRuns {
		t.Fatalf("got %d runs, want %d", len(runs), sarifMaxRuns)
	}
	last := runs[len(runs)-1]
	if want := map[string]int{"note": 7, "warning": 5}; fmt.Sprint(last.Properties.Dropped) != fmt.Sprint(want) {
		t.Errorf("got dropped %v, want %v", last.Properties.Dropped, want)
	}
	if len(last.Invocations) != 1 || !strings.HasPrefix(last.Invocations[0].ToolExecutionNotifications[0].Message.Text, "12 results were left out (errors 0, warnings 5, notes 7): ") {
		t.Errorf("got invocations %+v, want one notification of the 12 dropped", last.Invocations)
	}
	kept := 0
	for _, r := range runs {
		kept += len(r.Results)
		for _, res := range r.Results {
			if res.Level == "note" {
				t.Fatalf("a note was kept while warnings were dropped")
			}
		}
	}
	if kept != max {
		t.Errorf("kept %d results, want %d", kept, max)
	}
	// The first kept result is the first warning of the input: order is kept.
	if got := runs[0].Results[0].RuleID; got != fmt.Sprint(max+4) {
		t.Errorf("first kept result %s, want %d (input order)", got, max+4)
	}
}

// TestSARIFSplitWritten writes 25,001 findings: two runs in one valid log.
func TestSARIFSplitWritten(t *testing.T) {
	r := &Report{FileNames: []string{"a.xml"}, ToolVersion: "1.0.0"}
	for i := range sarifMaxResults + 1 {
		r.Diagnostics = append(r.Diagnostics, answerfile.Diagnostic{File: "a.xml", Line: i + 1, Column: 1, Rule: "schema", Severity: answerfile.Error, Message: "m"})
	}
	var log sarifLog
	if err := json.Unmarshal(renderReport(t, "sarif", r), &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 2 || len(log.Runs[0].Results) != sarifMaxResults || len(log.Runs[1].Results) != 1 ||
		log.Runs[1].Results[0].Locations[0].PhysicalLocation.Region.StartLine != sarifMaxResults+1 {
		t.Errorf("got %d runs, want 25,000 results then 1 (line 25,001)", len(log.Runs))
	}
}

func TestSARIFRuleName(t *testing.T) {
	for id, want := range map[string]string{"owner-missing": "OwnerMissing", "schema": "", "xml/syntax": "XmlSyntax"} {
		if got := pascalCase(id); got != want {
			t.Errorf("pascalCase(%q) = %q, want %q", id, got, want)
		}
	}
}

// TestCleanTextFastPath checks that the shortcut for clean text agrees
// with the character-by-character cleaning on every kind of character.
func TestCleanTextFastPath(t *testing.T) {
	cases := []string{"", "plain text", "tab\there", "two\nlines", "crlf\r\nend", "bell\a", "del\x7f",
		"c1 \u0085 next line", "nbsp\u00a0é€😀", "bad \xff byte", "cut \xc2", "\xc2\x9f", "ok\u00c2"}
	// Each kind of character at every place of a text longer than the
	// eight-byte steps of hasControl, before, across and after them.
	const plain = "0123456789abcdefghijklmnopqrstuv"
	for _, c := range []string{"\t", "\n", "\r", "\x00", "\x1f", "\x7f", "\u0085", "\u00a0", "é", "\xff", "\xc2"} {
		for i := 0; i <= len(plain); i++ {
			cases = append(cases, plain[:i]+c+plain[i:])
		}
	}
	for _, s := range cases {
		if got, want := cleanText(s), replaceControls(s); got != want {
			t.Errorf("cleanText(%q) = %q, want %q", s, got, want)
		}
		if got, want := Inline(s), escapeControls(s); got != want {
			t.Errorf("Inline(%q) = %q, want %q", s, got, want)
		}
		if got, want := string(AppendInline([]byte("x"), s)), "x"+escapeControls(s); got != want {
			t.Errorf("AppendInline(x, %q) = %q, want %q", s, got, want)
		}
	}
}

// TestCaretPlainASCII: the caret of a plain ASCII line is placed as the
// general pad (caretPad) places it.
func TestCaretPlainASCII(t *testing.T) {
	for _, line := range []string{"", "x", `    <Setting Name="A" Value="1"/>`, "a~b^c"} {
		for col := 1; col <= len(line)+3; col++ {
			if got, want := string(appendRepeat(nil, ' ', col-1)), caretPad(line, col); got != want {
				t.Errorf("pad of %q at column %d = %q, want %q", line, col, got, want)
			}
		}
	}
}
