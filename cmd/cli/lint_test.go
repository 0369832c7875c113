package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/answerfile/lint"
)

const cleanAnswerFile = `<?xml version="1.0" encoding="utf-8"?>
<ImageCustomizations xmlns="http://schemas.microsoft.com/embedded/2004/10/ImageUpdate" Name="IMSRetry" Owner="Contoso" OwnerType="OEM">
  <Static>
    <Settings Path="CellCore/PerDevice/SMS">
      <Setting Name="3GPP/IMS/AttemptThresholdForIMS" Value="2"/>
      <Setting Name="3GPP/IMS/RetryEnabled" Value="1"/>
    </Settings>
  </Static>
</ImageCustomizations>
`

// TestLintExamples runs every example of the long help of lint, rules and
// explain on a clean answer file: each must work and exit 0.
func TestLintExamples(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "answers.xml"), []byte(cleanAnswerFile), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "answers"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "answers", "a.xml"), []byte(cleanAnswerFile), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	for _, long := range []string{lintLongEnd, rulesLong, explainLong} {
		_, examples, ok := strings.Cut(long, "\nExamples:\n")
		if !ok {
			t.Fatalf("no Examples: block in\n%s", long)
		}
		for _, line := range strings.Split(examples, "\n") {
			line = strings.TrimSpace(line)
			t.Run(line, func(t *testing.T) {
				var stdin []byte
				if src, cmd, piped := strings.Cut(line, " | "); piped {
					name, ok := strings.CutPrefix(src, "cat ")
					if !ok {
						t.Fatalf("unsupported pipe in %q", line)
					}
					data, err := os.ReadFile(name)
					if err != nil {
						t.Fatal(err)
					}
					stdin, line = data, cmd
				}
				cmd, redirect, _ := strings.Cut(line, " > ")
				args := strings.Fields(cmd)
				if args[0] != "mcsf" {
					t.Fatalf("example %q does not start with mcsf", line)
				}
				var out, errOut bytes.Buffer
				code := Main(args[1:], bytes.NewReader(stdin), &out, &errOut)
				if code != ExitOK {
					t.Fatalf("exit %d, want 0\nstdout:\n%s\nstderr:\n%s", code, out.String(), errOut.String())
				}
				if out.Len() == 0 {
					t.Errorf("no output")
				}
				if redirect != "" {
					if err := os.WriteFile(redirect, out.Bytes(), 0o644); err != nil {
						t.Fatal(err)
					}
				}
			})
		}
	}
}

// TestMergeConfig pins how .mcsf.yaml and flags combine: flags win.
func TestMergeConfig(t *testing.T) {
	yes, no := true, false
	warning := answerfile.Warning
	file := &fileConfig{strict: &yes, failOn: &warning, disable: []string{"path-case", "mnc-form"},
		severity: map[string]answerfile.Severity{"owner-missing": answerfile.Warning, "empty-value": answerfile.Info}}
	for _, tc := range []struct {
		name       string
		opts       lintOptions
		file       *fileConfig
		flags      flagConfig
		wantCfg    lint.Config
		wantFailOn answerfile.Severity
	}{
		{"no file, defaults", lintOptions{failOn: "error"}, nil, flagConfig{},
			lint.Config{Severity: map[string]answerfile.Severity{}}, answerfile.Error},
		{"file only", lintOptions{failOn: "error"}, file, flagConfig{},
			lint.Config{Strict: true, Disable: []string{"path-case", "mnc-form"},
				Severity: map[string]answerfile.Severity{"owner-missing": answerfile.Warning, "empty-value": answerfile.Info}}, answerfile.Warning},
		{"flags win", lintOptions{failOn: "info", failOnSet: true, strict: false, strictSet: true}, file,
			flagConfig{disable: []string{"schema"}, off: []string{"unused-target"},
				severity: map[string]answerfile.Severity{"mnc-form": answerfile.Error, "empty-value": answerfile.Error}},
			lint.Config{Strict: false, Disable: []string{"path-case", "schema", "unused-target"},
				Severity: map[string]answerfile.Severity{"owner-missing": answerfile.Warning, "empty-value": answerfile.Error, "mnc-form": answerfile.Error}},
			answerfile.Info},
		{"strict flag not given keeps the file's", lintOptions{failOn: "error"}, &fileConfig{strict: &no}, flagConfig{},
			lint.Config{Severity: map[string]answerfile.Severity{}}, answerfile.Error},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, failOn := tc.opts.merge(tc.file, &tc.flags)
			cfg.Limits = answerfile.Limits{}
			if diff := cmp.Diff(tc.wantCfg, cfg); diff != "" {
				t.Errorf("config (-want +got):\n%s", diff)
			}
			if failOn != tc.wantFailOn {
				t.Errorf("fail-on %v, want %v", failOn, tc.wantFailOn)
			}
		})
	}
}

func TestPointerName(t *testing.T) {
	for in, want := range map[string]string{
		"":                     "",
		"/strict":              "strict",
		"/disable/0":           "disable[0]",
		"/severity/path-case":  "severity.path-case",
		"/severity/a~1b~0c":    "severity.a/b~c",
		"/severity/x/0/deeper": "severity.x[0].deeper",
	} {
		if got := pointerName(in); got != want {
			t.Errorf("pointerName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWrap(t *testing.T) {
	got := wrap("one two three four five six", 12, "  ")
	want := "  one two\n  three four\n  five six"
	if got != want {
		t.Errorf("wrap = %q, want %q", got, want)
	}
	if got := wrap("averyveryverylongword x", 8, ""); got != "averyveryverylongword\nx" {
		t.Errorf("long word: %q", got)
	}
}
