package answerfile

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// graphReport loads a fixture graph and describes its diagnostics (with
// related locations), then the surviving settings of the merge.
func graphReport(t *testing.T, dir string, opts ImportOptions) string {
	t.Helper()
	rootPath := filepath.Join("..", "testdata", "imports", dir, "root.xml")
	data, err := os.ReadFile(rootPath)
	if err != nil {
		t.Fatal(err)
	}
	g, err := LoadGraph(rootPath, data, opts)
	if err != nil {
		t.Fatal(err)
	}
	m := Merge(g)
	var b strings.Builder
	prefix := filepath.Join("..", "testdata", "imports", dir) + string(filepath.Separator)
	abs, _ := filepath.Abs(prefix)
	clean := func(s string) string {
		return filepath.ToSlash(strings.ReplaceAll(strings.ReplaceAll(s, abs+string(filepath.Separator), ""), prefix, ""))
	}
	for _, f := range g.Files {
		fmt.Fprintf(&b, "file %s depth=%d %s\n", clean(f.Path), f.Depth, f.RankName())
	}
	for _, d := range SortDiagnostics(append(g.Diagnostics, m.Diagnostics...)) {
		fmt.Fprintln(&b, clean(d.String()))
		for _, r := range d.Related {
			fmt.Fprintf(&b, "  related %s:%d:%d: %s\n", clean(r.File), r.Line, r.Column, r.Message)
		}
	}
	for _, s := range m.Static {
		fmt.Fprintf(&b, "static %s %s=%s from %s:%d\n", s.Group.Path.Value, s.Setting.Name.Value, s.Setting.Value.Value, clean(s.File.Path), s.Setting.Pos().Line)
	}
	for _, v := range m.Variants {
		for _, s := range v.Settings {
			fmt.Fprintf(&b, "variant %s %s=%s from %s:%d\n", v.Variant.Name.Value, s.Setting.Name.Value, s.Setting.Value.Value, clean(s.File.Path), s.Setting.Pos().Line)
		}
	}
	for _, tg := range m.Targets {
		fmt.Fprintf(&b, "target %s from %s\n", tg.Target.ID.Value, clean(tg.File.Path))
	}
	return b.String()
}

func TestImportsAndMerge(t *testing.T) {
	tests := []struct {
		dir  string
		opts ImportOptions
		want string
	}{
		{"clash", ImportOptions{}, `file root.xml depth=0 the root file
file operators/a.xml depth=1 Priority 1
file operators/b.xml depth=1 Priority 1
operators/b.xml:5:7: error: setting 3GPP/IMS/AttemptThresholdForIMS in CellCore/PerDevice/SMS in Static is set to different values in 2 files of Priority 1 ("2" in operators/a.xml, "3" in operators/b.xml): the image build fails on this clash [import-conflict]
  related operators/a.xml:5:7: also set to "2" here
static CellCore/PerDevice/SMS 3GPP/IMS/AttemptThresholdForIMS=3 from operators/b.xml:5
`},
		{"identical", ImportOptions{}, `file root.xml depth=0 the root file
file a.xml depth=1 Priority 1
file b.xml depth=1 Priority 1
b.xml:5:7: warning: setting 3GPP/IMS/AttemptThresholdForIMS in CellCore/PerDevice/SMS in Static is set in 2 files of Priority 1, all to "2": a harmless duplicate, but keep it in one file [import-conflict]
  related a.xml:5:7: also set to "2" here
static CellCore/PerDevice/SMS 3GPP/IMS/AttemptThresholdForIMS=2 from b.xml:5
`},
		{"priority", ImportOptions{}, `file root.xml depth=0 the root file
file low.xml depth=1 Priority 2
file high.xml depth=1 Priority 1
low.xml:5:7: warning: setting 3GPP/IMS/AttemptThresholdForIMS in CellCore/PerDevice/SMS in Static = "5" is overridden by high.xml = "1" (Priority 1 wins over Priority 2) [import-conflict]
  related high.xml:5:7: the value that wins
static CellCore/PerDevice/SMS 3GPP/IMS/AttemptThresholdForIMS=1 from high.xml:5
`},
		{"rootwins", ImportOptions{}, `file root.xml depth=0 the root file
file a.xml depth=1 Priority 1
a.xml:5:7: info: setting 3GPP/IMS/AttemptThresholdForIMS in CellCore/PerDevice/SMS in Static = "2" is overridden by root.xml = "9" (the root file overrides imported files) [import-conflict]
  related root.xml:8:7: the value that wins
static CellCore/PerDevice/SMS 3GPP/IMS/AttemptThresholdForIMS=9 from root.xml:8
`},
		{"cycle", ImportOptions{}, `file root.xml depth=0 the root file
file a.xml depth=1 Priority 1
a.xml:4:5: error: Import in an imported file: only the root answer file may import (this import is followed here, but the image build rejects it) [import-in-non-root]
a.xml:4:13: error: import cycle: a.xml imports root.xml, which is already being imported (root.xml -> a.xml -> root.xml) [import-cycle]
`},
		{"paths", ImportOptions{
			PathMaps: []PathMap{{From: `c:\BUILD`, To: filepath.Join("..", "testdata", "imports", "paths")}},
			Getenv: func(k string) (string, bool) {
				if k == "OPS_DIR" {
					dir, _ := filepath.Abs(filepath.Join("..", "testdata", "imports", "paths", "ops"))
					return dir, true
				}
				return "", false
			},
			AllowEnv: []string{"OPS_DIR", "UNSET_VAR_FOR_TEST"}}, `file root.xml depth=0 the root file
file rel.xml depth=1 Priority 1
file ops/win.xml depth=1 Priority 1
file $(OPS_DIR)\env.xml depth=1 Priority 1
file other.xml depth=1 no Priority
root.xml:4:13: error: cannot read imported file missing.xml: no such file [import-not-found]
root.xml:5:13: warning: Source "rel.xml" is a relative path; the image build needs an absolute path or $(CurrentFileDir) (followed here relative to the importing file) [import-not-absolute]
root.xml:8:13: error: other.xml is not an answer file (its root element is not <ImageCustomizations>); its content is not shown: check it with mcsf lint [import-not-answer-file]
root.xml:9:13: error: environment variable UNSET_VAR_FOR_TEST is not set (used as $(UNSET_VAR_FOR_TEST) in the Source) [import-not-found]
`},
		{"targets", ImportOptions{}, `file root.xml depth=0 the root file
file fabrikam.xml depth=1 Priority 1
file dup.xml depth=1 Priority 2
dup.xml:4:13: error: Target Id "Fabrikam" is already defined in root.xml; Target Ids are global across imported files [duplicate-target-id]
  related root.xml:8:5: first defined here
fabrikam.xml:11:7: info: setting 3GPP/IMS/AttemptThresholdForIMS in CellCore/PerIMSI/$(__IMSI)/SMS for Target "Fabrikam" = "4" is overridden by root.xml = "3" (the root file overrides imported files) [import-conflict]
  related root.xml:28:7: the value that wins
static Multivariant Enable=1 from root.xml:17
static AutoDataConfig Enable=0 from root.xml:20
variant FabrikamSMS 3GPP/IMS/AttemptThresholdForIMS=3 from root.xml:28
variant FabrikamMMS AutoRetryDownload=1 from fabrikam.xml:8
target Fabrikam from root.xml
`},
	}
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			got := graphReport(t, tt.dir, tt.opts)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("graph %s (-want +got):\n%s\ngot:\n%s", tt.dir, diff, got)
			}
		})
	}
}

func TestResolveSource(t *testing.T) {
	o := ImportOptions{PathMaps: []PathMap{{From: `C:\build`, To: "/src"}, {From: `C:\build\deep`, To: "/deep"}},
		Getenv: func(k string) (string, bool) {
			return map[string]string{"ROOT": `C:\build`, "SECRET": "/etc"}[k], k == "ROOT" || k == "SECRET"
		},
		AllowEnv: []string{"root", "UNSET"}}
	tests := []struct {
		source, want string
		relative     bool
		err          string
	}{
		{`$(SECRET)\passwd`, "", false, "$(SECRET) in the Source is not expanded: environment variables are expanded only when allowed (--import-env SECRET)"},
		{`$(UNSET)\f.xml`, "", false, "environment variable UNSET is not set (used as $(UNSET) in the Source)"},
		{`$(ROOT)\x\f.xml`, "/src/x/f.xml", false, ""},
		{`$(CurrentFileDir)\ops\f.xml`, "/cur/ops/f.xml", false, ""},
		{`C:\build\ops\f.xml`, "/src/ops/f.xml", false, ""},
		{`c:/BUILD/ops/f.xml`, "/src/ops/f.xml", false, ""},
		{`C:\build\deep\f.xml`, "/deep/f.xml", false, ""},
		{`C:\buildx\f.xml`, "", false, `C:\buildx\f.xml is a Windows path; map it to a local directory with --path-map, e.g. --path-map 'C:\buildx=.'`},
		{`$(ROOT)\f.xml`, "/src/f.xml", false, ""},
		{`/abs/f.xml`, "/abs/f.xml", false, ""},
		{`ops\f.xml`, "/cur/ops/f.xml", true, ""},
		{`x\$(CurrentFileDir)\f.xml`, "", false, "$(CurrentFileDir) must start the Source"},
	}
	for _, tt := range tests {
		got, rel, _, err := o.resolveSource(tt.source, "/cur")
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("%s: got %q %v, want error %q", tt.source, got, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want || rel != tt.relative {
			t.Errorf("%s: got %q %v %v, want %q %v", tt.source, got, rel, err, tt.want, tt.relative)
		}
	}
	if _, err := ParsePathMap("nope"); err == nil {
		t.Errorf("ParsePathMap accepted a value without =")
	}
}
