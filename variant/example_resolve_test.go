package variant_test

import (
	"fmt"

	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/variant"
)

func ExampleCompiled_Resolve() {
	const file = `<ImageCustomizations xmlns="http://schemas.microsoft.com/embedded/2004/10/ImageUpdate" Name="Retry" Owner="Contoso" OwnerType="OEM">
  <Targets>
    <Target Id="Fabrikam">
      <TargetState>
        <Condition Name="MCC" Value="310" />
        <Condition Name="MNC" Value="410" />
      </TargetState>
    </Target>
  </Targets>
  <Static>
    <Settings Path="CellCore/PerDevice/SMS">
      <Setting Name="3GPP/IMS/AttemptThresholdForIMS" Value="2" />
    </Settings>
  </Static>
  <Variant Name="Fabrikam">
    <TargetRefs><TargetRef Id="Fabrikam" /></TargetRefs>
    <Settings Path="CellCore/PerIMSI/$(__IMSI)/SMS">
      <Setting Name="3GPP/IMS/AttemptThresholdForIMS" Value="0x3" />
    </Settings>
  </Variant>
</ImageCustomizations>`
	doc, _, err := answerfile.Parse("retry.xml", []byte(file))
	if err != nil {
		panic(err)
	}
	c, err := variant.Compile(doc) // once
	if err != nil {
		panic(err)
	}
	for _, sim := range []string{"mcc=310,mnc=410,imsi=310410123456789", "mcc=208,mnc=01"} {
		p, _ := variant.ParseProfile(sim)
		r := c.Resolve(p) // per SIM
		v := r.Effective.IMSRetry.AttemptThresholdForIMS
		fmt.Printf("%s: AttemptThresholdForIMS=%d (%s, %s)\n", r.SIM, *v.Value, v.Scope, v.Source)
	}
	// Output:
	// MCC=310 MNC=410 IMSI=310410123456789: AttemptThresholdForIMS=3 (per-imsi, Variant Fabrikam via Target Fabrikam, TargetState 1, retry.xml:18)
	// MCC=208 MNC=01: AttemptThresholdForIMS=2 (per-device, Static, retry.xml:12)
}
