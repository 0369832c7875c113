package cli

import (
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/mcsf-dev/mcsf/answerfile/lint"
	"github.com/mcsf-dev/mcsf/schema"
)

// configRuleEnum finds the enum of $defs.ruleID in schema/config.schema.json
// (the object has no nested braces), for -update to rewrite in place.
var configRuleEnum = regexp.MustCompile(`("ruleID": \{[^}]*?"enum": )\[[^\]]*\]`)

// TestConfigSchemaRuleIDs keeps the enum of rule IDs in the .mcsf.yaml
// schema equal to the rule table, so that editors complete exactly the
// rules lint knows. Run with -update to regenerate the enum.
func TestConfigSchemaRuleIDs(t *testing.T) {
	var want []string
	for _, r := range lint.Rules {
		want = append(want, r.ID)
	}
	slices.Sort(want)
	const file = "../../schema/config.schema.json"
	if *update {
		text, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if !configRuleEnum.Match(text) {
			t.Fatalf("%s: no $defs.ruleID enum to update", file)
		}
		quoted, _ := json.Marshal(want)
		text = configRuleEnum.ReplaceAll(text, []byte("${1}"+strings.ReplaceAll(string(quoted), `","`, `", "`)))
		if err := os.WriteFile(file, text, 0o644); err != nil {
			t.Fatal(err)
		}
		return // the embedded copy changes at the next build
	}
	b, err := schema.Bytes("config")
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		Defs struct {
			RuleID struct {
				Enum []string `json:"enum"`
			} `json:"ruleID"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, s.Defs.RuleID.Enum); diff != "" {
		t.Errorf("config schema $defs.ruleID.enum differs from lint.Rules (-rules +schema; go test ./cmd/cli -run TestConfigSchemaRuleIDs -update):\n%s", diff)
	}
}
