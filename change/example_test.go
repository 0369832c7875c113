package change_test

import (
	"fmt"
	"os"

	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/change"
	"github.com/mcsf-dev/mcsf/variant"
)

func ExampleDiff() {
	read := func(name, mnc string) change.Version {
		doc, _, _ := answerfile.Parse(name, []byte(`<ImageCustomizations xmlns="http://schemas.microsoft.com/embedded/2004/10/ImageUpdate" Name="R" Owner="Contoso" OwnerType="OEM">
  <Targets>
    <Target Id="Fabrikam"><TargetState><Condition Name="MCC" Value="310"/><Condition Name="MNC" Value="`+mnc+`"/></TargetState></Target>
  </Targets>
  <Variant Name="Fabrikam">
    <TargetRefs><TargetRef Id="Fabrikam"/></TargetRefs>
    <Settings Path="CellCore/PerIMSI/$(__IMSI)/SMS"><Setting Name="3GPP/IMS/AttemptThresholdForIMS" Value="3"/></Settings>
  </Variant>
</ImageCustomizations>`))
		return change.Version{Name: name, Model: variant.ModelOf(doc)}
	}
	r := change.Diff(read("old.xml", "410"), read("new.xml", "pattern:41[0-9]"), change.Options{})
	fmt.Println(r.Summary())
	for _, e := range r.Effects {
		fmt.Println(e.Status, e.Classes[0].Description, "e.g.", e.Classes[0].SIM)
	}
	r.WriteMarkdown(os.Stdout)
	// Output:
	// 1 of 4 classes of SIMs change; 1 structural change
	// changed MCC 310, MNC matching 41[0-9], other than 410 e.g. MCC=310 MNC=411
	// **mcsf diff** `old.xml` → `new.xml`: 1 of 4 classes of SIMs change; 1 structural change
	//
	// #### MCC 310, MNC matching 41\[0-9\], other than 410
	//
	// | setting | scope | old | new |
	// |---|---|---|---|
	// | `CellCore/PerIMSI/$(__IMSI)/SMS` `3GPP/IMS/AttemptThresholdForIMS` | per-IMSI | `not set` | `3` |
	// | runtime: IMSRetry AttemptThresholdForIMS | | `unset` (unset) | `3` (per-imsi) |
	//
	// <details><summary>where the values come from</summary>
	//
	// - `CellCore/PerIMSI/$(__IMSI)/SMS` `3GPP/IMS/AttemptThresholdForIMS`: old not set; new Variant Fabrikam via Target Fabrikam, TargetState 1, new.xml:7
	//
	// A SIM of this class: `MCC=310 MNC=411`
	// </details>
	//
	// <details><summary>1 structural change</summary>
	//
	// - Target Fabrikam, TargetState 1: Condition MNC "410" → "pattern:41\[0-9\]" (old.xml:3 → new.xml:3)
	// </details>
}
