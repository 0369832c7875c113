package answerfile_test

import (
	"fmt"

	"github.com/mcsf-dev/mcsf/answerfile"
)

func ExampleParse() {
	src := `<?xml version="1.0" encoding="utf-8"?>
<ImageCustomizations xmlns="http://schemas.microsoft.com/embedded/2004/10/ImageUpdate" Name="Demo" Owner="Contoso" OwnerType="OEM">
  <Static>
    <Settings Path="CellCore/PerDevice/SMS">
      <Setting Name="3GPP/IMS/AttemptThresholdForIMS" Value="2"/>
    </Settings>
  </Static>
</ImageCustomizations>
`
	doc, diags, err := answerfile.Parse("demo.xml", []byte(src))
	if err != nil || len(diags) > 0 {
		fmt.Println(diags, err)
		return
	}
	s := doc.Root.Statics[0].Groups[0].Settings[0]
	fmt.Println(s.Path(), s.Pos(), s.Name.Value, "=", s.Value.Value)

	_, diags, _ = answerfile.Parse("broken.xml", []byte("<a><!-- x -- y --></a>"))
	fmt.Println(diags[0])
	// Output:
	// /ImageCustomizations/Static[1]/Settings[1]/Setting[1] 5:7 3GPP/IMS/AttemptThresholdForIMS = 2
	// broken.xml:1:11: error: "--" is not allowed inside a comment [xml-syntax]
}

func ExampleDocument_Format() {
	doc, _, _ := answerfile.Parse("messy.xml", []byte("<ImageCustomizations><Static>\n\n<Settings Path=\"Multivariant\"><Setting Name=\"Enable\" Value=\"1\" /></Settings></Static></ImageCustomizations>"))
	out, _ := doc.Format()
	fmt.Print(string(out))
	// Output:
	// <ImageCustomizations>
	//   <Static>
	//     <Settings Path="Multivariant">
	//       <Setting Name="Enable" Value="1"/>
	//     </Settings>
	//   </Static>
	// </ImageCustomizations>
}
