package lint

import (
	"fmt"
	"strings"
	"testing"
)

// TestPatternTotalLimit: 1,000 patterns of 1,984 instructions each are
// within --max-patterns and --max-pattern-size but not within
// --max-pattern-total (200,000 in all): the 101st pattern takes the file
// over, and none is compiled. Within the other two limits alone such a file
// took lint minutes (issue 19).
func TestPatternTotalLimit(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<ImageCustomizations xmlns="http://schemas.microsoft.com/embedded/2004/10/ImageUpdate" Name="N" Owner="O" OwnerType="OEM">` + "\n<Targets>\n")
	for i := range 1000 {
		fmt.Fprintf(&b, "<Target Id=\"T%d\"><TargetState><Condition Name=\"SPN\" Value=\"pattern:[0-9]{990}\"/></TargetState></Target>\n", i)
	}
	b.WriteString("</Targets>\n<Static><Settings Path=\"Multivariant\"><Setting Name=\"Enable\" Value=\"1\"/></Settings><Settings Path=\"AutoDataConfig\"><Setting Name=\"Enable\" Value=\"0\"/></Settings></Static>\n")
	for i := range 1000 {
		fmt.Fprintf(&b, "<Variant Name=\"V%d\"><TargetRefs><TargetRef Id=\"T%d\"/></TargetRefs><Settings Path=\"CellCore/PerIMSI/$(__IMSI)/SMS\"><Setting Name=\"3GPP/IMS/AttemptThresholdForIMS\" Value=\"%d\"/></Settings></Variant>\n", i, i, 1+i%5)
	}
	b.WriteString("</ImageCustomizations>\n")
	diags, err := File("p.xml", []byte(b.String()), Config{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range diags {
		got = append(got, fmt.Sprintf("%d:%d %s %s", d.Line, d.Column, d.Rule, d.Message))
	}
	want := "103:54 pattern-limit the file's 1000 pattern: conditions compile to 1984000 regular-expression instructions in all, more than the limit of 200000 (--max-pattern-total): mcsf compiles none of them, so their TargetStates are neither checked nor evaluated; raise the limit if the file is really that large"
	if len(got) != 1 || got[0] != want {
		t.Errorf("findings:\n%s\nwant only:\n%s", strings.Join(got, "\n"), want)
	}
}
