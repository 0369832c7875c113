package templates_test

import (
	"fmt"
	"strings"

	"github.com/mcsf-dev/mcsf/templates"
)

// Example reads a spec and generates its answer file.
func Example() {
	spec := `name: Demo
owner: Contoso
operators:
  - name: Fabrikam
    match: [{mcc: "310", mnc: "410"}]
    mmsAutoRetry: true
`
	s, diags, err := templates.ReadSpec("demo.yaml", []byte(spec))
	if err != nil || s == nil {
		fmt.Println(diags, err)
		return
	}
	xml, err := templates.Generate(s)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, line := range strings.Split(string(xml), "\n") {
		if !strings.Contains(line, "<!--") {
			fmt.Println(line)
		}
	}
	// Output:
	// <?xml version="1.0" encoding="utf-8"?>
	// <ImageCustomizations xmlns="http://schemas.microsoft.com/embedded/2004/10/ImageUpdate" Name="Demo" Owner="Contoso" OwnerType="OEM">
	//   <Targets>
	//     <Target Id="Fabrikam">
	//       <TargetState>
	//         <Condition Name="MCC" Value="310"/>
	//         <Condition Name="MNC" Value="410"/>
	//       </TargetState>
	//     </Target>
	//   </Targets>
	//   <Static>
	//     <Settings Path="Multivariant">
	//       <Setting Name="Enable" Value="1"/>
	//     </Settings>
	//     <Settings Path="AutoDataConfig">
	//       <Setting Name="Enable" Value="0"/>
	//     </Settings>
	//   </Static>
	//   <Variant Name="Fabrikam">
	//     <TargetRefs>
	//       <TargetRef Id="Fabrikam"/>
	//     </TargetRefs>
	//     <Settings Path="Messaging/PerSimSettings/$(__ICCID)">
	//       <Setting Name="AutoRetryDownload" Value="1"/>
	//     </Settings>
	//   </Variant>
	// </ImageCustomizations>
}

// ExampleReadSpec shows a spec error reported at the spec's line and column.
func ExampleReadSpec() {
	_, diags, _ := templates.ReadSpec("spec.yaml", []byte("name: N\nowner: O\noperators:\n  - {name: A, match: [{mcc: 310}], mmsAutoRetry: true}\n"))
	for _, d := range diags {
		fmt.Println(d)
	}
	// Output:
	// spec.yaml:4:29: error: operators[0].match[0].mcc must be a string, not the number 310: values are strings, quote it (mcc: "310") [spec-schema]
}
