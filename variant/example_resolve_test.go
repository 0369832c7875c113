package variant_test

import (
	"fmt"
	"strings"

	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/variant"
)

func ExampleCompiled_Resolve() {
	c := compileRetryExample()
	for _, sim := range []string{"mcc=310,mnc=410,imsi=310410123456789", "mcc=208,mnc=01"} {
		p, _ := variant.ParseProfile(sim)
		r := c.Resolve(p) // per SIM
		v, _ := r.RuntimeValue("IMSRetry", "3GPP/IMS/AttemptThresholdForIMS")
		fmt.Printf("%s: AttemptThresholdForIMS=%s (%s, %s)\n", r.SIM, v.Value, v.Scope, v.Source)
	}
	// Output:
	// MCC=310 MNC=410 IMSI=310410123456789: AttemptThresholdForIMS=0x3 (per-imsi, Variant Fabrikam via Target Fabrikam, TargetState 1, retry.xml:18)
	// MCC=208 MNC=01: AttemptThresholdForIMS=2 (per-device, Static, retry.xml:12)
}

// retryExample is a file with a per-device threshold and a per-IMSI one for
// one operator.
const retryExample = `<ImageCustomizations xmlns="http://schemas.microsoft.com/embedded/2004/10/ImageUpdate" Name="Retry" Owner="Contoso" OwnerType="OEM">
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

func compileRetryExample() *variant.Compiled {
	doc, _, err := answerfile.Parse("retry.xml", []byte(retryExample))
	if err != nil {
		panic(err)
	}
	c, err := variant.Compile(doc) // once
	if err != nil {
		panic(err)
	}
	return c
}

func ExampleCompiled_ResolveStream() {
	c := compileRetryExample()
	sims := strings.NewReader("mcc,mnc,imsi\n310,410,310410123456789\n208,01,208010000000001\n")
	src, err := variant.NewProfileReader("sims.csv", sims) // reads one row at a time
	if err != nil {
		panic(err)
	}
	err = c.ResolveStream(src, variant.BatchOptions{}, func(it *variant.BatchItem, _ []byte) error {
		v, _ := it.Result.RuntimeValue("IMSRetry", variant.NameAttemptThreshold)
		fmt.Printf("%d %s: AttemptThresholdForIMS=%s (%s)\n", it.Row, it.Result.SIM, v.Value, v.Scope)
		return nil
	})
	if err != nil {
		panic(err)
	}
	// Output:
	// 1 MCC=310 MNC=410 IMSI=310410123456789: AttemptThresholdForIMS=0x3 (per-imsi)
	// 2 MCC=208 MNC=01 IMSI=208010000000001: AttemptThresholdForIMS=2 (per-device)
}
