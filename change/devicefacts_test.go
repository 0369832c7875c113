package change

import (
	"testing"

	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/variant"
)

// TestDeviceFactsHaveValues: a device always reports Roaming (0 or 1), so
// mcsf diff has no class of SIMs "with Roaming not set": a change that only
// such a device would see is no change (issue 13: the facts a profile does
// not give are enumerated, domain.md §2: Roaming is 0/1).
func TestDeviceFactsHaveValues(t *testing.T) {
	read := func(name, a string) Version {
		doc, _, err := answerfile.Parse(name, []byte(`<ImageCustomizations xmlns="http://schemas.microsoft.com/embedded/2004/10/ImageUpdate" Name="R" Owner="Contoso" OwnerType="OEM">
  <Targets>
    <Target Id="A"><TargetState><Condition Name="MCC" Value="310"/></TargetState></Target>
    <Target Id="Home"><TargetState><Condition Name="MCC" Value="310"/><Condition Name="Roaming" Value="0"/></TargetState></Target>
    <Target Id="Away"><TargetState><Condition Name="MCC" Value="310"/><Condition Name="Roaming" Value="1"/></TargetState></Target>
  </Targets>
  <Variant Name="A"><TargetRefs><TargetRef Id="A"/></TargetRefs><Settings Path="CellCore/PerIMSI/$(__IMSI)/SMS"><Setting Name="3GPP/IMS/AttemptThresholdForIMS" Value="`+a+`"/></Settings></Variant>
  <Variant Name="Home"><TargetRefs><TargetRef Id="Home"/></TargetRefs><Settings Path="CellCore/PerIMSI/$(__IMSI)/SMS"><Setting Name="3GPP/IMS/AttemptThresholdForIMS" Value="2"/></Settings></Variant>
  <Variant Name="Away"><TargetRefs><TargetRef Id="Away"/></TargetRefs><Settings Path="CellCore/PerIMSI/$(__IMSI)/SMS"><Setting Name="3GPP/IMS/AttemptThresholdForIMS" Value="2"/></Settings></Variant>
</ImageCustomizations>`))
		if err != nil {
			t.Fatal(err)
		}
		return Version{Name: name, Model: variant.ModelOf(doc)}
	}
	r := Diff(read("old.xml", "1"), read("new.xml", "3"), Options{})
	if got, want := r.Summary(), "0 of 3 classes of SIMs change; 1 structural change"; got != want {
		for _, e := range r.Effects {
			t.Logf("%s %s e.g. %s", e.Status, e.Classes[0].Description, e.Classes[0].SIM)
		}
		t.Errorf("Summary() = %q, want %q", got, want)
	}
}
