package lint

import (
	"testing"
)

// TestIMSRetryForcedSameTarget: a threshold set by another Variant of the
// same Target configures it for the SIMs that get this RetryEnabled
// (domain.md §4 [tool, decompiled runtime]); only a Target with no threshold
// anywhere is reported.
func TestIMSRetryForcedSameTarget(t *testing.T) {
	file := []byte(`<ImageCustomizations xmlns="http://schemas.microsoft.com/embedded/2004/10/ImageUpdate" Name="N" Owner="O" OwnerType="OEM">
<Targets>
<Target Id="A"><TargetState><Condition Name="MCC" Value="310"/></TargetState></Target>
<Target Id="B"><TargetState><Condition Name="MCC" Value="311"/></TargetState></Target>
</Targets>
<Static><Settings Path="Multivariant"><Setting Name="Enable" Value="1"/></Settings><Settings Path="AutoDataConfig"><Setting Name="Enable" Value="0"/></Settings></Static>
<Variant Name="A1"><TargetRefs><TargetRef Id="A"/></TargetRefs><Settings Path="CellCore/PerIMSI/$(__IMSI)/SMS"><Setting Name="3GPP/IMS/AttemptThresholdForIMS" Value="2"/></Settings></Variant>
<Variant Name="A2"><TargetRefs><TargetRef Id="A"/></TargetRefs><Settings Path="CellCore/PerIMSI/$(__IMSI)/SMS"><Setting Name="3GPP/IMS/RetryEnabled" Value="0"/></Settings></Variant>
<Variant Name="B1"><TargetRefs><TargetRef Id="B"/></TargetRefs><Settings Path="CellCore/PerIMSI/$(__IMSI)/SMS"><Setting Name="3GPP/IMS/RetryEnabled" Value="0"/></Settings></Variant>
</ImageCustomizations>
`)
	ds, err := File("f.xml", file, Config{})
	if err != nil {
		t.Fatal(err)
	}
	got := withRule(ds, RuleIMSRetryForced)
	if len(got) != 1 || got[0].Line != 9 {
		t.Errorf("got %v, want one ims-retry-forced finding on line 9 (Variant B1)", got)
	}
}
