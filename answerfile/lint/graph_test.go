package lint

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/mcsf-dev/mcsf/answerfile"
)

// TestGraph lints import graphs of ../testdata/imports: the merge findings
// are there, and findings that only hold for a file alone (a TargetRef to a
// Target of the root file, Variants without a Static of their own) are not.
func TestGraph(t *testing.T) {
	tests := []struct {
		dir  string
		want []string
	}{
		{"targets", []string{
			"dup.xml:4:13: error: Target Id \"Fabrikam\" is already defined in root.xml; Target Ids are global across imported files [duplicate-target-id]",
			"fabrikam.xml:11:7: info: setting 3GPP/IMS/AttemptThresholdForIMS in CellCore/PerIMSI/$(__IMSI)/SMS for Target \"Fabrikam\" = \"4\" is overridden by root.xml = \"3\" (the root file overrides imported files) [import-conflict]",
		}},
		{"clash", []string{
			"operators/b.xml:5:7: error: setting 3GPP/IMS/AttemptThresholdForIMS in CellCore/PerDevice/SMS in Static is set to different values in 2 files of Priority 1 (\"2\" in operators/a.xml, \"3\" in operators/b.xml): the image build fails on this clash [import-conflict]",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			dir := filepath.Join("..", "..", "testdata", "imports", tt.dir)
			root := filepath.Join(dir, "root.xml")
			data, err := os.ReadFile(root)
			if err != nil {
				t.Fatal(err)
			}
			g, err := answerfile.LoadGraph(root, data, answerfile.ImportOptions{})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, d := range Graph(g, answerfile.Merge(g), Config{}) {
				if d.Severity == answerfile.Info && d.Rule != answerfile.RuleImportConflict {
					continue // mnc-form and the like
				}
				if d.Rule == RuleUnknownSettingsPath || d.Rule == RuleUnknownSetting {
					continue
				}
				got = append(got, strings.ReplaceAll(filepath.ToSlash(d.String()), filepath.ToSlash(dir)+"/", ""))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}
