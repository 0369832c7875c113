package lint

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/mcsf-dev/mcsf/answerfile"
)

// TestSettingsOver pins how .mcsf.yaml and the command line combine: the
// command line wins.
func TestSettingsOver(t *testing.T) {
	yes, no := true, false
	warning, info := answerfile.Warning, answerfile.Info
	file := &Settings{Strict: &yes, FailOn: &warning, Disable: []string{"path-case", "mnc-form"},
		Severity: map[string]answerfile.Severity{"owner-missing": answerfile.Warning, "empty-value": answerfile.Info}}
	for _, tc := range []struct {
		name       string
		flags      Settings
		file       *Settings
		wantCfg    Config
		wantFailOn answerfile.Severity
	}{
		{"no file, defaults", Settings{}, nil,
			Config{Severity: map[string]answerfile.Severity{}}, answerfile.Error},
		{"file only", Settings{}, file,
			Config{Strict: true, Disable: []string{"path-case", "mnc-form"},
				Severity: map[string]answerfile.Severity{"owner-missing": answerfile.Warning, "empty-value": answerfile.Info}}, answerfile.Warning},
		{"flags win", Settings{Strict: &no, FailOn: &info, Disable: []string{"schema", "unused-target"},
			Severity: map[string]answerfile.Severity{"mnc-form": answerfile.Error, "empty-value": answerfile.Error}}, file,
			Config{Strict: false, Disable: []string{"path-case", "schema", "unused-target"},
				Severity: map[string]answerfile.Severity{"owner-missing": answerfile.Warning, "empty-value": answerfile.Error, "mnc-form": answerfile.Error}},
			answerfile.Info},
		{"strict flag not given keeps the file's", Settings{}, &Settings{Strict: &no},
			Config{Severity: map[string]answerfile.Severity{}}, answerfile.Error},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, failOn := tc.flags.Over(tc.file)
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

// TestParseSettingsYAML pins the problems of the YAML itself, each at its
// line and column (schema.FromYAML finds them), and a key that JSON
// pointers escape (% and /) found at its place.
func TestParseSettingsYAML(t *testing.T) {
	for _, tc := range []struct{ name, yaml, want string }{
		{"alias", "disable: &a [path-case]\nseverity: *a\n",
			"c.yaml:2:11: YAML aliases (*a) are not supported in a configuration: write the value out"},
		{"duplicate key", "strict: true\nstrict: false\n", `c.yaml:2:1: duplicate key "strict" (first at line 1)`},
		{"key not scalar", "? [a]\n: 1\n", "c.yaml:1:3: a key must be a plain name, not a YAML list"},
		{"too deep", "severity:" + strings.Repeat(" [", 17) + strings.Repeat("]", 17) + "\n",
			"c.yaml:1:43: values nested deeper than 16 levels"},
		{"escaped key", "severity:\n  a%2Fb/c: warning\n",
			`c.yaml:2:3: severity: "a%2Fb/c" is not a rule ID: rule IDs are lower case with dashes, as mcsf rules lists them`},
		{"syntax", "strict: [\n", "c.yaml:1: did not find expected node content"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseSettings("c.yaml", []byte(tc.yaml))
			var ce *ConfigError
			if !errors.As(err, &ce) || len(ce.Lines) != 1 || ce.Lines[0] != tc.want {
				t.Errorf("ParseSettings(%q): got %v, want the one problem %q", tc.yaml, err, tc.want)
			}
		})
	}
}
