package lint_test

import (
	"fmt"

	"github.com/mcsf-dev/mcsf/answerfile/lint"
)

func ExampleFile() {
	src := `<?xml version="1.0" encoding="utf-8"?>
<ImageCustomizations xmlns="http://schemas.microsoft.com/embedded/2004/10/ImageUpdate"
    Name="IMSRetry" Owner="" OwnerType="OEM">
  <Static>
    <Settings Path="CellCore/PerDevice/SMS">
      <Setting Name="3GPP/IMS/AttemptThresholdForIMS" Value="0"/>
      <Setting Name="3GPP/IMS/RetryEnabled" Value=""/>
    </Settings>
  </Static>
</ImageCustomizations>
`
	diags, err := lint.File("ims-retry.xml", []byte(src), lint.Config{})
	if err != nil {
		panic(err)
	}
	for _, d := range diags {
		fmt.Printf("%d:%d %s %s\n", d.Line, d.Column, d.Severity, d.Rule)
	}
	// Output:
	// 3:21 error owner-missing
	// 6:55 warning ims-threshold-zero
	// 7:45 error empty-value
}

func ExampleLookup() {
	r, _ := lint.Lookup("scope-mismatch")
	fmt.Println(r.Severity, r.Summary)
	// Output:
	// error a per-IMSI or per-SIM path (or $(__IMSI), $(__ICCID)) is in Static, or a per-device path in a Variant
}
