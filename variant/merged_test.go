package variant

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/mcsf-dev/mcsf/answerfile"
)

// TestResolveMerged resolves a SIM against an import graph: the root file's
// per-IMSI threshold wins over the imported one, and the imported file's
// per-SIM setting applies through the Target the root file defines.
func TestResolveMerged(t *testing.T) {
	root := filepath.Join("..", "testdata", "imports", "targets", "root.xml")
	data, err := os.ReadFile(root)
	if err != nil {
		t.Fatal(err)
	}
	g, err := answerfile.LoadGraph(root, data, answerfile.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	c := CompileModel(ModelOfMerged(answerfile.Merge(g)))
	r := c.Resolve(NewProfile(Pair{"MCC", "310"}, Pair{"MNC", "410"}, Pair{"IMSI", "310410123"}, Pair{"ICCID", "8901"}))
	thr, _ := r.RuntimeValue("IMSRetry", NameAttemptThreshold)
	auto, _ := r.RuntimeValue("AutoRetryDownloadForMMS", NameAutoRetry)
	if thr.Value != "3" || thr.Scope != "per-imsi" || thr.Source == nil || thr.Source.File != root || thr.Source.Line != 28 {
		t.Errorf("threshold: got %+v %+v, want 3 per-imsi from %s:28", thr, thr.Source, root)
	}
	fab := filepath.Join("..", "testdata", "imports", "targets", "fabrikam.xml")
	if auto.Value != "1" || auto.Scope != "per-sim" || auto.Source == nil || auto.Source.File != fab || auto.Source.Line != 8 {
		t.Errorf("auto retry: got %+v %+v, want 1 per-sim from %s:8", auto, auto.Source, fab)
	}
	if len(r.Matched) != 2 || r.Matched[0].Variant != "FabrikamSMS" || r.Matched[1].Variant != "FabrikamMMS" {
		t.Errorf("matched: got %+v, want FabrikamSMS then FabrikamMMS", r.Matched)
	}
}
