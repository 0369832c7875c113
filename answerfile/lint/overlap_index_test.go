package lint

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/mcsf-dev/mcsf/answerfile"
)

// TestOverlapCandidates: the MCC/MNC index keeps every pair of variants
// whose pins do not conflict, and only those.
func TestOverlapCandidates(t *testing.T) {
	pin := func(v string) []string {
		if v == "" {
			return nil
		}
		return strings.Split(v, "|")
	}
	st := func(mcc, mnc string) []stateInfo { return []stateInfo{{mccs: pin(mcc), mncs: pin(mnc)}} }
	states := [][]stateInfo{
		st("310", "410"), // 0
		st("310", "410"), // 1: same pins as 0
		st("310", ""),    // 2: any MNC of 310
		st("311", "410"), // 3: other MCC
		st("", "410"),    // 4: any MCC, MNC 410
		st("", ""),       // 5: no pins
		nil,              // 6: no target
		append(st("234", "15"), st("311", "")...), // 7: two states
		st("310|312", "260"),                      // 8: a pattern allowing two MCCs
		st("234", "15|16"),                        // 9: a pattern allowing two MNCs
	}
	// Variants without a target beyond the small count, so that the index is used.
	indexed := append(states, make([][]stateInfo, smallVariantCount)...)
	got := overlapCandidates(indexed)
	want := [][2]int{{0, 1}, {0, 2}, {1, 2}, {0, 4}, {1, 4}, {2, 4}, {3, 4}, {0, 5}, {1, 5}, {2, 5}, {3, 5}, {4, 5}, {3, 7}, {4, 7}, {5, 7},
		{2, 8}, {4, 8}, {5, 8}, {4, 9}, {5, 9}, {7, 9}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("candidate pairs (-want +got):\n%s", diff)
	}
	// Few variants: every pair of variants that have a target, in the same order.
	small := states[:smallVariantCount]
	var all [][2]int
	for j := range small {
		for i := range j {
			if i != 6 && j != 6 {
				all = append(all, [2]int{i, j})
			}
		}
	}
	if diff := cmp.Diff(all, overlapCandidates(small)); diff != "" {
		t.Errorf("few variants (-want +got):\n%s", diff)
	}
}

// TestOverlapMessages: overlapping-variants reports only pairs one SIM can
// match, names that SIM, and says "may" with the reason when it cannot
// tell (issue 13: "must not cry wolf ... with a SIM that proves it").
func TestOverlapMessages(t *testing.T) {
	file := func(a, b string) []byte {
		return []byte(`<?xml version="1.0" encoding="utf-8"?>
<ImageCustomizations xmlns="http://schemas.microsoft.com/embedded/2004/10/ImageUpdate" Name="N" Owner="O" OwnerType="OEM">
  <Targets>
    <Target Id="A"><TargetState><Condition Name="MCC" Value="310"/><Condition Name="SPN" Value="` + a + `"/></TargetState></Target>
    <Target Id="B"><TargetState><Condition Name="MCC" Value="310"/><Condition Name="SPN" Value="` + b + `"/></TargetState></Target>
  </Targets>
  <Static>
    <Settings Path="Multivariant"><Setting Name="Enable" Value="1"/></Settings>
    <Settings Path="AutoDataConfig"><Setting Name="Enable" Value="0"/></Settings>
  </Static>
  <Variant Name="A"><TargetRefs><TargetRef Id="A"/></TargetRefs><Settings Path="CellCore/PerIMSI/$(__IMSI)/SMS"><Setting Name="3GPP/IMS/AttemptThresholdForIMS" Value="1"/></Settings></Variant>
  <Variant Name="B"><TargetRefs><TargetRef Id="B"/></TargetRefs><Settings Path="CellCore/PerIMSI/$(__IMSI)/SMS"><Setting Name="3GPP/IMS/AttemptThresholdForIMS" Value="2"/></Settings></Variant>
</ImageCustomizations>
`)
	}
	tests := []struct{ a, b, want string }{
		{"pattern:Contoso.*", "pattern:Fabrikam.*", ""},
		{"pattern:Contoso", "Fabrikam", ""},
		{"pattern:Cont[a-z]+", "!pattern:Cont.*", ""},
		{"pattern:Cont[a-z]+", "pattern:.*so", `Variant "B" and Variant "A" can both match one SIM at equal priority (e.g. MCC=310 SPN=CONTSO) and set 3GPP/IMS/AttemptThresholdForIMS to "2" and "1": the later one wins only by file order`},
		{"pattern:Contoso Mobile", "pattern:Contoso.*", `Variant "B" and Variant "A" can both match one SIM at equal priority (e.g. MCC=310 SPN="CONTOSO MOBILE") and set 3GPP/IMS/AttemptThresholdForIMS to "2" and "1": the later one wins only by file order`},
		// a condition reported invalid (issue 19): no "may both match" on top of that error
		{"pattern:(", "pattern:C.*", ""},
		{"pattern:C.*", "", ""},
		{"pattern:(?=C)Contoso", "pattern:C.*", `Variant "B" and Variant "A" may both match one SIM at equal priority and set 3GPP/IMS/AttemptThresholdForIMS to "2" and "1", and then the later one wins only by file order; mcsf cannot tell: SPN: pattern "(?=C)Contoso" uses a look-ahead (?=...), which .NET accepts on the device but Go's RE2 cannot evaluate: mcsf resolve reports its target state as undecided; rewrite the pattern without it to have it checked`},
	}
	for _, tt := range tests {
		diags, err := File("o.xml", file(tt.a, tt.b), Config{})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, d := range diags {
			if d.Rule == RuleOverlappingVariants {
				got = append(got, d.Message)
			}
		}
		if strings.Join(got, "\n") != tt.want {
			t.Errorf("SPN %s and %s:\n got %q\nwant %q", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestOverlapDecisionLimit: a file whose variants the index cannot tell
// apart stops after maxOverlapDecisions pairs with one finding that says
// where and how many pairs it left, instead of deciding every pair.
func TestOverlapDecisionLimit(t *testing.T) {
	const n = 205 // 20,910 pairs, every one asked of the solver
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?>
<ImageCustomizations xmlns="http://schemas.microsoft.com/embedded/2004/10/ImageUpdate" Name="N" Owner="C" OwnerType="OEM">
  <Targets>
    <Target Id="Any"><TargetState><Condition Name="MCC" Value="pattern:3[0-9]{2}"/></TargetState></Target>
  </Targets>
`)
	for i := range n {
		fmt.Fprintf(&b, "  <Variant Name=\"V%d\"><TargetRefs><TargetRef Id=\"Any\"/></TargetRefs><Settings Path=\"Connectivity/Wifi\"><Setting Name=\"Hidden\" Value=\"%d\"/></Settings></Variant>\n", i, i)
	}
	b.WriteString("</ImageCustomizations>\n")
	ds, err := File("limit.xml", []byte(b.String()), Config{})
	if err != nil {
		t.Fatal(err)
	}
	var overlaps, stops []answerfile.Diagnostic
	for _, d := range ds {
		if d.Rule == RuleOverlappingVariants {
			overlaps = append(overlaps, d)
		}
		if strings.HasPrefix(d.Message, "mcsf stopped") {
			stops = append(stops, d)
		}
	}
	if len(overlaps) != maxOverlapDecisions+1 || len(stops) != 1 {
		t.Fatalf("%d overlapping-variants findings, %d of them stops; want %d and 1", len(overlaps), len(stops), maxOverlapDecisions+1)
	}
	last := stops[0]
	// Pair 20,001 in candidate order (by later variant) is (V100, V200): V200 is on line 206.
	want := "mcsf stopped comparing targets here, after 20000 pairs of variants that set a setting to different values (the check's limit for one file): 910 candidate pairs left unchecked, and any of them may match one SIM at equal priority"
	if last.Line != 206 || last.Column != 3 || last.Message != want {
		t.Errorf("last finding %d:%d %q\nwant 206:3 %q", last.Line, last.Column, last.Message, want)
	}
}
