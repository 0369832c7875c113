package lsp

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCodeLensAndResolve(t *testing.T) {
	c := startServer(t, Options{})
	c.initialize()
	_, uri, text := testFile(t, "contoso.xml")
	text = strings.Replace(text, `Value=""`, `Value="1"`, 1)
	c.open(uri, text)
	var lenses []codeLens
	c.mustCall("textDocument/codeLens", documentParams{TextDocument: textDocumentIdentifier{URI: uri}}, &lenses)
	want := []codeLens{{Range: rg(3, 4, 3, 11), Command: &command{Title: "resolve for mcc=310,mnc=410", Command: CommandResolve,
		Arguments: []any{uri, "mcc=310,mnc=410"}}}}
	if diff := cmp.Diff(want, lenses); diff != "" {
		t.Fatalf("lenses (-want +got):\n%s", diff)
	}
	var r resolveResult
	c.mustCall("workspace/executeCommand", map[string]any{"command": CommandResolve, "arguments": lenses[0].Command.Arguments}, &r)
	path, _ := uriToPath(uri)
	wantText := `SIM MCC=310 MNC=410
applies Variant Contoso through Target Contoso, TargetState 1 (priority 2 SIM, 0 device conditions)

effective settings (4):
  AutoDataConfig/Enable = 0    (Static, ` + path + `:16)
  CellCore/PerIMSI/$(__IMSI)/SMS/3GPP/IMS/AttemptThresholdForIMS = 2    (Variant Contoso via Target Contoso, TargetState 1, ` + path + `:24)
  Messaging/PerSimSettings/$(__ICCID)/AutoRetryDownload = 1    (Variant Contoso via Target Contoso, TargetState 1, ` + path + `:27)
  Multivariant/Enable = 1    (Static, ` + path + `:13)

notes:
  - the profile has no IMSI: $(__IMSI) is left as written in 1 setting; set IMSI to see this SIM's per-IMSI paths
  - the profile has no ICCID: $(__ICCID) is left as written in 1 setting; set ICCID to see this SIM's per-SIM paths
`
	if diff := cmp.Diff(wantText, r.Text); diff != "" {
		t.Errorf("text (-want +got):\n%s", diff)
	}
	var res struct {
		Matched []struct{ Variant string } `json:"matched"`
	}
	if err := json.Unmarshal(r.Result, &res); err != nil || len(res.Matched) != 1 || res.Matched[0].Variant != "Contoso" {
		t.Errorf("result JSON %s: %v", r.Result, err)
	}
	// Another SIM gets Static only.
	c.mustCall("workspace/executeCommand", map[string]any{"command": CommandResolve, "arguments": []any{uri, "mcc=262,mnc=01"}}, &r)
	if !strings.HasPrefix(r.Text, "SIM MCC=262 MNC=01\nno Variant applies: the SIM gets Static only\n\neffective settings (2):\n") {
		t.Errorf("another SIM:\n%s", r.Text)
	}
	for _, args := range [][]any{{uri}, {uri, "mcc"}, {uri, ""}, {"file:///not/open.xml", "mcc=1"}} {
		if err := c.call("workspace/executeCommand", map[string]any{"command": CommandResolve, "arguments": args}, &r); err == nil {
			t.Errorf("resolve %v: no error", args)
		}
	}
	if err := c.call("workspace/executeCommand", map[string]any{"command": "mcsf.nothing", "arguments": []any{}}, &r); err == nil {
		t.Error("an unknown command: no error")
	}
	c.change(uri, 2, nil, text[:300])
	err := c.call("workspace/executeCommand", map[string]any{"command": CommandResolve, "arguments": []any{uri, "mcc=310"}}, &r)
	if err == nil || !strings.Contains(err.Error(), "resolve reads the file once it is well-formed XML") {
		t.Errorf("resolve of half a file: %v", err)
	}
}
