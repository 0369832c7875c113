package variant

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/mcsf-dev/mcsf/answerfile"
)

// corpusDir finds the shared corpus of real answer files, or skips.
func corpusDir(t *testing.T) string {
	t.Helper()
	dir := filepath.Join("..", "..", "shared", "corpus")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("corpus not found at %s (it lives next to the repository): %v", dir, err)
	}
	return dir
}

// TestCorpusResolves resolves every well-formed file of the corpus for a
// few SIMs: no panic, and settings always carry their source.
func TestCorpusResolves(t *testing.T) {
	dir := corpusDir(t)
	files, _ := filepath.Glob(filepath.Join(dir, "mcsf*", "*.xml"))
	prov, _ := filepath.Glob(filepath.Join(dir, "provisioning", "*.xml"))
	files = append(files, prov...)
	if len(files) < 200 {
		t.Fatalf("got %d corpus files, want the 200+ samples", len(files))
	}
	resolved := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, diags, err := answerfile.Parse(filepath.Base(f), data)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if len(diags) > 0 || !doc.IsAnswerFile() {
			continue
		}
		c, err := Compile(doc)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, sim := range []string{"", "mcc=310,mnc=410,imsi=310410123456789,iccid=89014101234567890", "MCC=208,MNC=01,SPN=Orange,UICCSLOT=1"} {
			r := c.Explain(profile(t, sim))
			for _, s := range r.Settings {
				if s.Source.File == "" || s.Source.Line < 1 {
					t.Errorf("%s: setting %s/%s has no source", f, s.Path, s.Name)
				}
			}
		}
		resolved++
	}
	t.Logf("resolved %d of %d corpus files", resolved, len(files))
}

// TestCorpusMMSSample resolves Microsoft's AutoRetryDownloadForMMS sample as
// published: its Target Id and conditions are left empty for the user to
// fill, so the variant is undecided for every SIM and the default applies.
func TestCorpusMMSSample(t *testing.T) {
	dir := corpusDir(t)
	data, err := os.ReadFile(filepath.Join(dir, "mcsf", "automatically-retry-downloading-mms-messages.xml"))
	if err != nil {
		t.Fatal(err)
	}
	doc, diags, err := answerfile.Parse("mms.xml", data)
	if err != nil || len(diags) > 0 {
		t.Fatalf("parse: %v %v", err, diags)
	}
	c, err := Compile(doc)
	if err != nil {
		t.Fatal(err)
	}
	r := c.Resolve(profile(t, "mcc=310,mnc=410,iccid=8901"))
	if len(r.Matched) != 0 || len(r.Undecided) != 1 || r.Undecided[0].Reason != "condition has no name: set Name to a SIM or device condition such as MCC" {
		t.Errorf("got matched %v, undecided %+v, want no match and one undecided state (empty condition name)", r.Matched, r.Undecided)
	}
	got, _ := r.RuntimeValue("AutoRetryDownloadForMMS", NameAutoRetry)
	if got.Scope != ScopeDefault || got.Value != "0" {
		t.Errorf("AutoRetryDownload = %+v, want the default 0", got)
	}
}
