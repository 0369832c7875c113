package lint_test

import (
	"fmt"
	"strings"

	"github.com/mcsf-dev/mcsf/answerfile"
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

func ExampleLinter_LintStdin() {
	src := `<?xml version="1.0" encoding="utf-8"?>
<ImageCustomizations xmlns="http://schemas.microsoft.com/embedded/2004/10/ImageUpdate" Name="IMSRetry" Owner="Contoso" OwnerType="OEM">
  <Static>
    <Settings Path="Cellcore/PerDevice/SMS">
      <Setting Name="3GPP/IMS/AttemptThresholdForIMS" Value="2"/>
    </Settings>
  </Static>
</ImageCustomizations>
`
	warning := answerfile.Warning
	l, err := lint.NewLinter(lint.LinterOptions{
		// The command line's settings win over a .mcsf.yaml found for the file.
		Settings: lint.Settings{FailOn: &warning, Severity: map[string]answerfile.Severity{lint.RulePathCase: answerfile.Warning}},
		Fix:      true,
	})
	if err != nil {
		panic(err)
	}
	res, err := l.LintStdin(strings.NewReader(src), "ims-retry.xml")
	if err != nil {
		panic(err)
	}
	for _, f := range res.Fixed {
		fmt.Printf("%s: %d fixed, now %q\n", f.Name, f.Findings, strings.Split(string(f.Data), "\n")[3])
	}
	fmt.Println(len(res.Diagnostics), "left, failed:", res.Failed)
	// Output:
	// ims-retry.xml: 1 fixed, now "    <Settings Path=\"CellCore/PerDevice/SMS\">"
	// 0 left, failed: false
}
