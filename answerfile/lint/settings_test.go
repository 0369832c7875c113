package lint

import (
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
