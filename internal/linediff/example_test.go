package linediff_test

import (
	"fmt"

	"github.com/mcsf-dev/mcsf/internal/linediff"
)

func ExampleUnified() {
	a := "<Settings>\n  <Setting Name=\"A\" Value=\"1\"/>\n</Settings>"
	b := "<Settings>\n  <Setting Name=\"A\" Value=\"2\"/>\n</Settings>\n"
	fmt.Print(linediff.Unified("a/f.xml", "b/f.xml", []byte(a), []byte(b)))
	// Output:
	// --- a/f.xml
	// +++ b/f.xml
	// @@ -1,3 +1,3 @@
	//  <Settings>
	// -  <Setting Name="A" Value="1"/>
	// -</Settings>
	// \ No newline at end of file
	// +  <Setting Name="A" Value="2"/>
	// +</Settings>
}
