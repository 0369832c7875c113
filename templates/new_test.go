package templates

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/answerfile/lint"
	"github.com/mcsf-dev/mcsf/catalog"
)

func TestNewSkeletons(t *testing.T) {
	tests := []struct {
		kind, scope, owner string
		golden             string
		emptyValues        int // Value="" attributes lint reports as empty-value
	}{
		{"imsretry", "", "", "new-imsretry-per-imsi.xml", 4},
		{"imsretry", "per-device", "", "new-imsretry-per-device.xml", 2},
		{"mms", "", "Contoso & Co", "new-mms-per-sim-owner.xml", 3},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			out, err := New(tt.kind, tt.scope, tt.owner)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, tt.golden, out)
			doc, diags, err := answerfile.Parse(tt.golden, out)
			if err != nil || len(diags) > 0 {
				t.Fatalf("not well-formed: %v %v", diags, err)
			}
			if got := bytes.Count(out, []byte(`Value=""`)); got != tt.emptyValues {
				t.Errorf("got %d empty values, want %d", got, tt.emptyValues)
			}
			if got, want := bytes.Count(out, []byte("TODO")) > 0, true; got != want {
				t.Errorf("no TODO marker")
			}
			if owner := doc.Root.Owner.Value; owner != tt.owner {
				t.Errorf("got Owner %q, want %q", owner, tt.owner)
			}
			if strings.Contains(string(out), "TODO: set Owner") == (tt.owner != "") {
				t.Errorf("the Owner TODO should be there exactly when no owner is given")
			}
			formatted, _ := doc.Format()
			if !bytes.Equal(formatted, out) {
				t.Errorf("fmt would change the skeleton")
			}
		})
	}
}

func TestNewErrors(t *testing.T) {
	for _, c := range []struct{ kind, scope, want string }{
		{"sms", "", `unknown skeleton "sms": choose imsretry or mms, or a customization of the catalog (mcsf settings lists them)`},
		{"IMSSettings", "per-sim", "IMSSettings has no per-sim scope: choose per-imsi or per-device"},
		{"mms", "per-imsi", "mms has no per-imsi scope: choose per-sim"},
		{"imsretry", "per-sim", "imsretry has no per-sim scope: choose per-imsi or per-device"},
	} {
		_, err := New(c.kind, c.scope, "")
		var ue *UsageError
		if !errors.As(err, &ue) || err.Error() != c.want {
			t.Errorf("New(%q, %q): got %v, want usage error %q", c.kind, c.scope, err, c.want)
		}
	}
}

// TestNewEveryCustomization builds the skeleton of every catalog entry in
// every scope it has: well-formed, in the canonical layout, and lint finds
// only the values left to fill in (and the notes the catalog attaches).
func TestNewEveryCustomization(t *testing.T) {
	allowed := map[string]bool{lint.RuleEmptyValue: true, lint.RuleInvalidConditionValue: true, lint.RuleFirstVariationOnly: true}
	n := 0
	for _, c := range catalog.Customizations() {
		for _, scope := range catalogScopes(&c) {
			n++
			out, err := New(c.ID, scope, "Contoso")
			if err != nil {
				t.Errorf("New(%s, %s): %v", c.ID, scope, err)
				continue
			}
			doc, diags, err := answerfile.Parse(c.ID+".xml", out)
			if err != nil || len(diags) > 0 {
				t.Errorf("New(%s, %s): not well-formed: %v %v", c.ID, scope, diags, err)
				continue
			}
			if formatted, _ := doc.Format(); !bytes.Equal(formatted, out) {
				t.Errorf("New(%s, %s): fmt would change it", c.ID, scope)
			}
			for _, d := range lint.Lint(doc, lint.Config{}) {
				emptySource := d.Rule == lint.RuleSchema && strings.HasSuffix(d.Message, "Source of <Asset> must not be empty")
				if !allowed[d.Rule] && !emptySource {
					t.Errorf("New(%s, %s): %d:%d %s %s", c.ID, scope, d.Line, d.Column, d.Rule, d.Message)
				}
			}
		}
	}
	if n < len(catalog.Customizations()) {
		t.Errorf("built %d skeletons for %d customizations", n, len(catalog.Customizations()))
	}
}
