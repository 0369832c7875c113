package variant

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/mcsf-dev/mcsf/schema"
)

// TestCases: issue 13, "a condition whose fact the SIM/device profile does
// not give must make the answer visibly conditional ... (depends on Roaming:
// 0 → …, 1 → …)": each value of the missing fact is resolved, and the
// settings that differ are listed per value.
func TestCases(t *testing.T) {
	c := compileXML(t, `<Targets>
  <Target Id="Home"><TargetState><Condition Name="MCC" Value="310"/><Condition Name="Roaming" Value="0"/></TargetState></Target>
  <Target Id="Away"><TargetState><Condition Name="MCC" Value="310"/><Condition Name="Roaming" Value="1"/></TargetState></Target>
  <Target Id="Slot"><TargetState><Condition Name="MCC" Value="310"/><Condition Name="UICCSLOT" Value="1"/><Condition Name="Region" Value="US"/></TargetState></Target>
</Targets>
<Static><Settings Path="S"><Setting Name="Same" Value="1"/></Settings></Static>
<Variant Name="Home"><TargetRefs><TargetRef Id="Home"/></TargetRefs><Settings Path="S"><Setting Name="X" Value="2"/><Setting Name="Y" Value="7"/></Settings></Variant>
<Variant Name="Away"><TargetRefs><TargetRef Id="Away"/></TargetRefs><Settings Path="S"><Setting Name="X" Value="5"/><Setting Name="Y" Value="7"/></Settings></Variant>
<Variant Name="Slot"><TargetRefs><TargetRef Id="Slot"/></TargetRefs><Settings Path="S"><Setting Name="Z" Value="1"/></Settings></Variant>`)
	p := profile(t, "mcc=310")
	r := c.Resolve(p)
	if got := c.Cases(p, &r); got != nil {
		t.Errorf("without ReportMissingFacts: Cases = %v, want nil", got)
	}
	c.ReportMissingFacts()
	r = c.Resolve(p)
	x := func(v, variant string) CaseSetting {
		return CaseSetting{Path: "S", Name: "X", Value: v, Set: true, Variant: variant}
	}
	want := []Case{
		{Facts: []CaseFact{{"Roaming", "0"}, {"UICCSLOT", "0"}}, Variants: []string{"Home"}, Settings: []CaseSetting{x("2", "Home")}, Runtime: []CaseRuntime{}, Undecided: 0},
		{Facts: []CaseFact{{"Roaming", "0"}, {"UICCSLOT", "1"}}, Variants: []string{"Home"}, Settings: []CaseSetting{x("2", "Home")}, Runtime: []CaseRuntime{}, Undecided: 1}, // Region still unknown
		{Facts: []CaseFact{{"Roaming", "1"}, {"UICCSLOT", "0"}}, Variants: []string{"Away"}, Settings: []CaseSetting{x("5", "Away")}, Runtime: []CaseRuntime{}, Undecided: 0},
		{Facts: []CaseFact{{"Roaming", "1"}, {"UICCSLOT", "1"}}, Variants: []string{"Away"}, Settings: []CaseSetting{x("5", "Away")}, Runtime: []CaseRuntime{}, Undecided: 1},
	}
	if diff := cmp.Diff(want, c.Cases(p, &r)); diff != "" {
		t.Errorf("Cases (-want +got):\n%s", diff)
	}
	// Given Roaming, only UICCSLOT is enumerated: it changes nothing decided.
	p = profile(t, "mcc=310,roaming=1")
	r = c.Resolve(p)
	want = []Case{
		{Facts: []CaseFact{{"UICCSLOT", "0"}}, Variants: []string{"Away"}, Settings: []CaseSetting{}, Runtime: []CaseRuntime{}, Undecided: 0},
		{Facts: []CaseFact{{"UICCSLOT", "1"}}, Variants: []string{"Away"}, Settings: []CaseSetting{}, Runtime: []CaseRuntime{}, Undecided: 1},
	}
	if diff := cmp.Diff(want, c.Cases(p, &r)); diff != "" {
		t.Errorf("Cases with Roaming given (-want +got):\n%s", diff)
	}
	// A setting one case does not set at all.
	c = compileXML(t, `<Targets>
  <Target Id="Home"><TargetState><Condition Name="MCC" Value="310"/><Condition Name="Roaming" Value="0"/></TargetState></Target>
</Targets>
<Variant Name="Home"><TargetRefs><TargetRef Id="Home"/></TargetRefs><Settings Path="S"><Setting Name="X" Value="2"/></Settings></Variant>`)
	c.ReportMissingFacts()
	p = profile(t, "mcc=310")
	r = c.Resolve(p)
	want = []Case{
		{Facts: []CaseFact{{"Roaming", "0"}}, Variants: []string{"Home"}, Settings: []CaseSetting{x("2", "Home")}, Runtime: []CaseRuntime{}},
		{Facts: []CaseFact{{"Roaming", "1"}}, Variants: []string{}, Settings: []CaseSetting{{Path: "S", Name: "X"}}, Runtime: []CaseRuntime{}},
	}
	if diff := cmp.Diff(want, c.Cases(p, &r)); diff != "" {
		t.Errorf("Cases, unset in one case (-want +got):\n%s", diff)
	}
}

// TestCasesJSON: a Result with cases encodes the same through AppendJSON and
// encoding/json, and matches the resolve-output schema.
func TestCasesJSON(t *testing.T) {
	c := compileXML(t, runtimeFile+`
<Targets>
  <Target Id="Home"><TargetState><Condition Name="MCC" Value="310"/><Condition Name="UICC" Value="1"/></TargetState></Target>
</Targets>
<Variant Name="Home"><TargetRefs><TargetRef Id="Home"/></TargetRefs><Settings Path="CellCore/PerIMSI/$(__IMSI)/SMS"><Setting Name="3GPP/IMS/AttemptThresholdForIMS" Value="2"/></Settings></Variant>`)
	c.ReportMissingFacts()
	r := c.Resolve(profile(t, "mcc=310"))
	if len(r.Cases) != 3 {
		t.Fatalf("UICC not given: %d cases, want 3 (0, 1, 2)", len(r.Cases))
	}
	want, err := json.Marshal(&r)
	if err != nil {
		t.Fatal(err)
	}
	if got := r.AppendJSON(nil); string(got) != string(want) {
		t.Errorf("AppendJSON differs from encoding/json:\n got %s\nwant %s", got, want)
	}
	var doc any
	if err := json.Unmarshal(want, &doc); err != nil {
		t.Fatal(err)
	}
	errs, err := schema.Validate("resolve-output", doc)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range errs {
		t.Errorf("%s: %s (%s)", e.InstanceLocation, e.Message, e.KeywordLocation)
	}
}
