package lint

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/fileio"
)

// answerFile is a small answer file whose one settings group has path as
// its Path (line 4, column 15).
func answerFile(path string) string {
	return fmt.Sprintf(`<?xml version="1.0" encoding="utf-8"?>
<ImageCustomizations xmlns="http://schemas.microsoft.com/embedded/2004/10/ImageUpdate" Name="N" Description="d" Owner="Contoso" OwnerType="OEM">
  <Static>
    <Settings Path="%s">
      <Setting Name="3GPP/IMS/AttemptThresholdForIMS" Value="1"/>
    </Settings>
  </Static>
</ImageCustomizations>
`, path)
}

// rootFile is an answer file that imports base.xml of its folder.
const rootFile = `<?xml version="1.0" encoding="utf-8"?>
<ImageCustomizations xmlns="http://schemas.microsoft.com/embedded/2004/10/ImageUpdate" Name="R" Description="d" Owner="Contoso" OwnerType="OEM">
  <Imports>
    <Import Source="$(CurrentFileDir)\base.xml"/>
  </Imports>
  <Static>
    <Settings Path="CellCore/PerDevice/SMS">
      <Setting Name="3GPP/IMS/RetryEnabled" Value="1"/>
    </Settings>
  </Static>
</ImageCustomizations>
`

// writeTree writes files (path relative to dir -> content) under dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// finding is what the Linter tests pin of a diagnostic.
type finding struct {
	File         string
	Line, Column int
	Severity     answerfile.Severity
	Rule         string
}

func findings(ds []answerfile.Diagnostic) []finding {
	var out []finding
	for _, d := range ds {
		out = append(out, finding{filepath.ToSlash(d.File), d.Line, d.Column, d.Severity, d.Rule})
	}
	return out
}

func TestLinter(t *testing.T) {
	const bad = "Cellcore/PerDevice/SMS" // path-case: info by default, fixable
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"plain/good.xml":     answerFile("CellCore/PerDevice/SMS"),
		"plain/case.xml":     answerFile(bad),
		"plain/other.xml":    "<root/>\n",
		"plain/notes.txt":    "not XML",
		"strict/.mcsf.yaml":  "fail-on: info\nseverity:\n  path-case: warning\n",
		"strict/case.xml":    answerFile(bad),
		"graph/root.xml":     rootFile,
		"graph/base.xml":     answerFile(bad),
		"broken/broken.xml":  answerFile("CellCore/PerDevice/SMS")[:200],
		"explicit/other.xml": "<root/>\n",
	})
	t.Chdir(dir) // the Linter names files as given
	caseFinding := func(file string, sev answerfile.Severity) finding {
		return finding{file, 4, 15, sev, RulePathCase}
	}
	for _, tc := range []struct {
		name     string
		opts     LinterOptions
		args     []string
		files    []string
		skipped  int
		want     []finding
		failed   bool
		nSources int
	}{
		{name: "a directory: XML files whose root is not ImageCustomizations are skipped, other files not read",
			args: []string{"plain"}, files: []string{"plain/case.xml", "plain/good.xml"}, skipped: 1,
			want: []finding{caseFinding("plain/case.xml", answerfile.Info)}},
		{name: "a file named is linted whatever its root",
			args: []string{"explicit/other.xml"}, files: []string{"explicit/other.xml"},
			want: []finding{{"explicit/other.xml", 1, 1, answerfile.Error, RuleRootElement}}, failed: true},
		{name: ".mcsf.yaml of the directory: severity and fail-on",
			args: []string{"strict", "plain/case.xml"}, files: []string{"plain/case.xml", "strict/case.xml"},
			want: []finding{caseFinding("plain/case.xml", answerfile.Info), caseFinding("strict/case.xml", answerfile.Warning)}, failed: true},
		{name: "the command line wins over .mcsf.yaml",
			opts: LinterOptions{Settings: Settings{Severity: map[string]answerfile.Severity{RulePathCase: answerfile.Info}, FailOn: ptr(answerfile.Error)}},
			args: []string{"strict"}, files: []string{"strict/case.xml"},
			want: []finding{caseFinding("strict/case.xml", answerfile.Info)}},
		{name: "--config replaces .mcsf.yaml everywhere",
			opts: LinterOptions{ConfigFile: "strict/.mcsf.yaml"},
			args: []string{"plain/case.xml"}, files: []string{"plain/case.xml"},
			want: []finding{caseFinding("plain/case.xml", answerfile.Warning)}, failed: true},
		{name: "a disabled rule",
			opts: LinterOptions{Settings: Settings{Disable: []string{RulePathCase}}},
			args: []string{"plain"}, files: []string{"plain/case.xml", "plain/good.xml"}, skipped: 1},
		{name: "an imported file given too is linted once, in its root's graph",
			args: []string{"graph"}, files: []string{"graph/base.xml", "graph/root.xml"},
			want: []finding{caseFinding("graph/base.xml", answerfile.Info)}},
		{name: "the same graph from its root alone",
			args: []string{"graph/root.xml"}, files: []string{"graph/base.xml", "graph/root.xml"},
			want: []finding{caseFinding("graph/base.xml", answerfile.Info)}},
		{name: "imports not followed: each file alone",
			opts: LinterOptions{Imports: answerfile.ImportOptions{NoFollow: true}},
			args: []string{"graph"}, files: []string{"graph/base.xml", "graph/root.xml"},
			want: []finding{caseFinding("graph/base.xml", answerfile.Info)}},
		{name: "a glob with **",
			args: []string{"**/case.xml"}, files: []string{"plain/case.xml", "strict/case.xml"},
			want: []finding{caseFinding("plain/case.xml", answerfile.Info), caseFinding("strict/case.xml", answerfile.Warning)}, failed: true},
		{name: "a file cut short: its syntax error",
			args: []string{"broken"}, files: []string{"broken/broken.xml"},
			want: []finding{{"broken/broken.xml", 4, 6, answerfile.Error, RuleXMLSyntax}}, failed: true},
		{name: "sources kept for the files with findings",
			opts: LinterOptions{KeepSources: true},
			args: []string{"plain", "graph"}, files: []string{"graph/base.xml", "graph/root.xml", "plain/case.xml", "plain/good.xml"}, skipped: 1,
			want:     []finding{caseFinding("graph/base.xml", answerfile.Info), caseFinding("plain/case.xml", answerfile.Info)},
			nSources: 3}, // plain/case.xml, and both files of the graph
	} {
		t.Run(tc.name, func(t *testing.T) {
			l, err := NewLinter(tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			res, err := l.LintFiles(tc.args)
			if err != nil {
				t.Fatalf("LintFiles(%q): %v", tc.args, err)
			}
			if diff := cmp.Diff(tc.want, findings(res.Diagnostics)); diff != "" {
				t.Errorf("LintFiles(%q) findings (-want +got):\n%s", tc.args, diff)
			}
			var files []string
			for _, f := range res.Files {
				files = append(files, filepath.ToSlash(f))
			}
			if !cmp.Equal(files, tc.files) || res.Skipped != tc.skipped || res.Failed != tc.failed || len(res.Sources) != tc.nSources {
				t.Errorf("LintFiles(%q): got files %q, %d skipped, failed %v, %d sources; want %q, %d, %v, %d",
					tc.args, files, res.Skipped, res.Failed, len(res.Sources), tc.files, tc.skipped, tc.failed, tc.nSources)
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }

func TestLinterStdin(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{".mcsf.yaml": "severity:\n  path-case: error\n"})
	t.Chdir(dir) // the Linter names files as given
	l, err := NewLinter(LinterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := l.LintStdin(strings.NewReader(answerFile("Cellcore/PerDevice/SMS")), "in.xml")
	if err != nil {
		t.Fatal(err)
	}
	// Standard input takes the working directory's configuration.
	want := []finding{{"in.xml", 4, 15, answerfile.Error, RulePathCase}}
	if diff := cmp.Diff(want, findings(res.Diagnostics)); diff != "" || !res.Failed {
		t.Errorf("LintStdin: failed %v, findings (-want +got):\n%s", res.Failed, diff)
	}
}

func TestLinterFix(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"case.xml": answerFile("Cellcore/PerDevice/SMS"), "good.xml": answerFile("CellCore/PerDevice/SMS")})
	t.Chdir(dir) // the Linter names files as given
	l, err := NewLinter(LinterOptions{Fix: true})
	if err != nil {
		t.Fatal(err)
	}
	res, err := l.LintFiles([]string{"."})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Diagnostics) != 0 {
		t.Errorf("after the fix: %v, want no finding", findings(res.Diagnostics))
	}
	want := []FixedFile{{Path: "case.xml", Name: "case.xml", Original: []byte(answerFile("Cellcore/PerDevice/SMS")),
		Data: []byte(answerFile("CellCore/PerDevice/SMS")), Findings: 1}}
	if diff := cmp.Diff(want, res.Fixed); diff != "" {
		t.Errorf("Fixed (-want +got):\n%s", diff)
	}
	// The Linter writes nothing: the caller does.
	if data, _ := os.ReadFile("case.xml"); string(data) != answerFile("Cellcore/PerDevice/SMS") {
		t.Errorf("case.xml was written")
	}
}

// TestLinterErrors pins the errors a caller turns into a usage error.
func TestLinterErrors(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"bad/.mcsf.yaml":  "disable: [path-cas]\n",
		"bad/a.xml":       answerFile("CellCore/PerDevice/SMS"),
		"two/.mcsf.yaml":  "",
		"two/.mcsf.yml":   "",
		"two/a.xml":       answerFile("CellCore/PerDevice/SMS"),
		"none/other.xml":  "<root/>\n",
		"none/notes.txt":  "",
		"empty/README.md": "",
	})
	t.Chdir(dir) // the Linter names files as given
	var ce *ConfigError
	var ie *InputError
	var ae *fileio.ArgError
	for _, tc := range []struct {
		args   []string
		target any
		want   string
	}{
		{[]string{"bad"}, &ce, "configuration bad/.mcsf.yaml is invalid:\n  bad/.mcsf.yaml:1:11: unknown rule \"path-cas\" (did you mean \"path-case\"?)"},
		{[]string{"two"}, &ce, ".mcsf.yaml and .mcsf.yml are both in two: keep one of them"},
		{[]string{"none"}, &ie, "no answer file found in none (1 XML file skipped: root is not ImageCustomizations)"},
		{[]string{"empty"}, &ie, "no answer file found in empty"},
		{[]string{"missing.xml"}, &ae, "missing.xml: no such file or directory"},
		{[]string{"*.nothing"}, &ae, "*.nothing: no file matches"},
		{nil, &ie, "no input: name files or directories, or - for standard input"},
	} {
		l, err := NewLinter(LinterOptions{})
		if err != nil {
			t.Fatal(err)
		}
		_, err = l.LintFiles(tc.args)
		if err == nil || err.Error() != tc.want || !errors.As(err, tc.target) {
			t.Errorf("LintFiles(%q): got error %v (%T), want %q (%T)", tc.args, err, err, tc.want, tc.target)
		}
	}
	if _, err := NewLinter(LinterOptions{ConfigFile: "nowhere.yaml"}); err == nil || err.Error() != "nowhere.yaml: no such file or directory" || !errors.As(err, &ce) {
		t.Errorf("NewLinter with a missing ConfigFile: got %v, want a *ConfigError", err)
	}
	if _, err := NewLinter(LinterOptions{Settings: Settings{Disable: []string{"nope"}}}); err == nil || !strings.Contains(err.Error(), `unknown rule "nope"`) {
		t.Errorf("NewLinter with an unknown rule: got %v", err)
	}
}

// TestLinterFixGraph: the files of an import graph are fixed with the
// graph's findings (a Multivariant group that an imported file sets is not
// added to the root, as fixing the root alone would), inputs only: a file
// reached only through an Import keeps its fixable finding and is named in
// NotFixed.
func TestLinterFixGraph(t *testing.T) {
	const head = `<?xml version="1.0" encoding="utf-8"?>
<ImageCustomizations xmlns="http://schemas.microsoft.com/embedded/2004/10/ImageUpdate" Name="N" Description="d" Owner="Contoso" OwnerType="OEM">
`
	const imports = `  <Imports>
    <Import Source="$(CurrentFileDir)\base.xml"/>
    <Import Source="$(CurrentFileDir)\lib\lib.xml"/>
  </Imports>
`
	root := head + imports + fixTargets + strings.Replace(fixVariant, "CellCore", "Cellcore", 1) + "</ImageCustomizations>\n"
	base := head + strings.Replace(fixStatic, "  </Static>", `    <Settings Path="Cellcore/PerDevice/SMS">
      <Setting Name="3GPP/IMS/AttemptThresholdForIMS" Value="1"/>
    </Settings>
  </Static>`, 1) + "</ImageCustomizations>\n"
	lib := strings.Replace(answerFile("CellCore/PerDevice/SMS"), `3GPP/IMS/AttemptThresholdForIMS`, `3gpp/ims/retryenabled`, 1)
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"g/root.xml": root, "g/base.xml": base, "g/lib/lib.xml": lib})
	t.Chdir(dir)
	before, err := NewLinter(LinterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := before.LintFiles([]string{"g/root.xml"})
	if err != nil {
		t.Fatal(err)
	}
	want := []finding{{"g/base.xml", 10, 15, answerfile.Info, RulePathCase}, {"g/lib/lib.xml", 5, 16, answerfile.Info, RulePathCase},
		{"g/root.xml", 19, 15, answerfile.Info, RulePathCase}}
	if diff := cmp.Diff(want, findings(res.Diagnostics)); diff != "" {
		t.Fatalf("before the fix (-want +got):\n%s", diff)
	}
	l, err := NewLinter(LinterOptions{Fix: true})
	if err != nil {
		t.Fatal(err)
	}
	res, err = l.LintFiles([]string{"g/root.xml", "g/base.xml"})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want[1:2], findings(res.Diagnostics)); diff != "" {
		t.Errorf("after the fix (-want +got):\n%s", diff)
	}
	wantFixed := []FixedFile{
		{Path: "g/base.xml", Name: "g/base.xml", Original: []byte(base), Data: []byte(strings.Replace(base, "Cellcore", "CellCore", 1)), Findings: 1},
		{Path: "g/root.xml", Name: "g/root.xml", Original: []byte(root), Data: []byte(strings.Replace(root, "Cellcore", "CellCore", 1)), Findings: 1},
	}
	if diff := cmp.Diff(wantFixed, res.Fixed); diff != "" {
		t.Errorf("Fixed (-want +got):\n%s", diff)
	}
	if want := []string{"g/lib/lib.xml"}; !cmp.Equal(res.NotFixed, want) {
		t.Errorf("NotFixed = %q, want %q", res.NotFixed, want)
	}
}

// TestLinterExcerpts checks that Result.Sources keeps the lines the findings
// quote, also of a file two import graphs share, each with findings of its
// own in it.
func TestLinterExcerpts(t *testing.T) {
	dir := t.TempDir()
	base := `<?xml version="1.0" encoding="utf-8"?>
<ImageCustomizations xmlns="http://schemas.microsoft.com/embedded/2004/10/ImageUpdate" Name="B" Description="d" Owner="Contoso" OwnerType="OEM">
  <Static>
    <Settings Path="Multivariant">
      <Setting Name="Enable" Value="0"/>
    </Settings>
    <Settings Path="AutoDataConfig">
      <Setting Name="Enable" Value="0"/>
    </Settings>
  </Static>
</ImageCustomizations>
`
	root := func(path string) string {
		return strings.Replace(strings.Replace(rootFile, "CellCore/PerDevice/SMS", path, 1), "3GPP/IMS/RetryEnabled", "Enable", 1)
	}
	writeTree(t, dir, map[string]string{
		"a.xml":    root("AutoDataConfig"),
		"b.xml":    root("Multivariant"),
		"base.xml": base,
	})
	l, err := NewLinter(LinterOptions{KeepSources: true})
	if err != nil {
		t.Fatal(err)
	}
	res, err := l.LintFiles([]string{filepath.Join(dir, "a.xml"), filepath.Join(dir, "b.xml")})
	if err != nil {
		t.Fatal(err)
	}
	quoted := map[string]bool{}
	for _, d := range res.Diagnostics {
		if d.Rule == answerfile.RuleImportConflict {
			quoted[fmt.Sprintf("%s:%d", filepath.Base(d.File), d.Line)] = true
		}
	}
	if !quoted["base.xml:5"] || !quoted["base.xml:8"] {
		t.Fatalf("want import-conflict findings on lines 5 and 8 of base.xml, got %v", quoted)
	}
	src := res.Sources[filepath.Join(dir, "base.xml")]
	lines := strings.Split(base, "\n")
	for n := 1; n <= len(lines); n++ {
		want := ""
		if n == 5 || n == 8 {
			want = lines[n-1]
		}
		if got := src.Line(n); got != want {
			t.Errorf("base.xml line %d: got %q, want %q", n, got, want)
		}
	}
}

// TestLinterStreamed: files linted while their directory is walked (more
// of them than a read of the directory returns at once) give the Result
// of the same files named one by one, sorted, each once though named twice.
func TestLinterStreamed(t *testing.T) {
	dir := t.TempDir()
	tree := map[string]string{}
	var named []string
	for i := range 300 {
		name := fmt.Sprintf("f%03d.xml", i)
		if i%3 == 0 {
			name = "sub/" + name
		}
		tree[name] = answerFile([]string{"Cellcore/PerDevice/SMS", "CellCore/PerDevice/SMS"}[i%2])
		named = append(named, name)
	}
	writeTree(t, dir, tree)
	t.Chdir(dir) // the Linter names files as given
	lint := func(paths ...string) *Result {
		l, err := NewLinter(LinterOptions{})
		if err != nil {
			t.Fatal(err)
		}
		res, err := l.LintFiles(paths)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	want := lint(named...)
	if len(want.Files) != 300 || len(want.Diagnostics) != 150 {
		t.Fatalf("named one by one: %d files, %d findings; want 300, 150", len(want.Files), len(want.Diagnostics))
	}
	got := lint(".", "sub/f003.xml", "f001.xml")
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("streamed (-named +streamed):\n%s", diff)
	}
}
