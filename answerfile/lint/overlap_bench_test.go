package lint

import (
	"fmt"
	"strings"
	"testing"
)

// patternFile generates an answer file of n Variants whose targets match by
// pattern:, the shape of issue 15's pattern-heavy file: operator i has MCC
// 200+i%500 (as a pattern, a pattern with a class, or plain) and MNC i/500
// as `pattern:0?NN`; every 4th also an ICCID prefix pattern. Every 50th
// repeats the previous operator's MCC and MNC in another spelling, so the
// file has n/50 real overlaps to report. Shape "iccid": every target
// matches by an ICCID prefix pattern alone and nothing pins MCC or MNC;
// "spn": by an SPN pattern alone.
func patternFile(n int, shape string) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?>
<ImageCustomizations xmlns="http://schemas.microsoft.com/embedded/2004/10/ImageUpdate" Name="Patterns" Description="pattern targets" Owner="Contoso" OwnerType="OEM">
  <Targets>
`)
	for i := range n {
		fmt.Fprintf(&b, "    <Target Id=\"T%d\">\n      <TargetState>\n", i)
		k := i
		if i%50 == 49 {
			k = i - 1
		}
		mcc, mnc := 200+k%500, k/500
		switch shape {
		case "iccid":
			fmt.Fprintf(&b, "        <Condition Name=\"ICCID\" Value=\"pattern:89%03d%02d%04d\\d{10,12}\"/>\n", mcc, mnc, k%9973)
		case "spn":
			fmt.Fprintf(&b, "        <Condition Name=\"SPN\" Value=\"pattern:Op%d( Mobile)?\"/>\n", k)
		default:
			switch {
			case i != k:
				fmt.Fprintf(&b, "        <Condition Name=\"MCC\" Value=\"pattern:%d[%d]\"/>\n", mcc/10, mcc%10)
				fmt.Fprintf(&b, "        <Condition Name=\"MNC\" Value=\"pattern:(0)?%02d\"/>\n", mnc)
			case i%3 == 0:
				fmt.Fprintf(&b, "        <Condition Name=\"MCC\" Value=\"pattern:%d\"/>\n", mcc)
				fmt.Fprintf(&b, "        <Condition Name=\"MNC\" Value=\"pattern:0?%02d\"/>\n", mnc)
			case i%3 == 1:
				fmt.Fprintf(&b, "        <Condition Name=\"MCC\" Value=\"pattern:%d[%d-%d]\"/>\n", mcc/10, mcc%10, mcc%10)
				fmt.Fprintf(&b, "        <Condition Name=\"MNC\" Value=\"pattern:0?%02d\"/>\n", mnc)
			default:
				fmt.Fprintf(&b, "        <Condition Name=\"MCC\" Value=\"%d\"/>\n", mcc)
				fmt.Fprintf(&b, "        <Condition Name=\"MNC\" Value=\"pattern:0?%02d\"/>\n", mnc)
			}
			if k%4 == 0 {
				fmt.Fprintf(&b, "        <Condition Name=\"ICCID\" Value=\"pattern:89%03d\\d{14,16}\"/>\n", mcc)
			}
		}
		b.WriteString("      </TargetState>\n    </Target>\n")
	}
	b.WriteString("  </Targets>\n" + fixStatic)
	for i := range n {
		fmt.Fprintf(&b, `  <Variant Name="V%d">
    <TargetRefs>
      <TargetRef Id="T%d"/>
    </TargetRefs>
    <Settings Path="CellCore/PerIMSI/$(__IMSI)/SMS">
      <Setting Name="3GPP/IMS/AttemptThresholdForIMS" Value="%d"/>
    </Settings>
  </Variant>
`, i, i, 1+i%5)
	}
	b.WriteString("</ImageCustomizations>\n")
	return []byte(b.String())
}

// TestPatternFileOverlaps: the generated file reports exactly its planted
// overlaps, each with a witness SIM (issue 13: only pairs that can really
// both match one SIM; issue 15: the bar file of the benchmark).
func TestPatternFileOverlaps(t *testing.T) {
	for _, shape := range []string{"mccmnc", "iccid", "spn"} {
		diags, err := File("p.xml", patternFile(200, shape), Config{Cache: NewSchemaCache()})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, d := range diags {
			if d.Rule == RuleOverlappingVariants {
				got = append(got, d.Message)
			}
		}
		want := []string{
			`Variant "V49" and Variant "V48" can both match one SIM at equal priority (e.g. ICCID=8924800000000000000 MCC=248 MNC=00) and set 3GPP/IMS/AttemptThresholdForIMS to "5" and "4": the later one wins only by file order`,
			`Variant "V99" and Variant "V98" can both match one SIM at equal priority (e.g. MCC=298 MNC=00) and set 3GPP/IMS/AttemptThresholdForIMS to "5" and "4": the later one wins only by file order`,
			`Variant "V149" and Variant "V148" can both match one SIM at equal priority (e.g. ICCID=8934800000000000000 MCC=348 MNC=00) and set 3GPP/IMS/AttemptThresholdForIMS to "5" and "4": the later one wins only by file order`,
			`Variant "V199" and Variant "V198" can both match one SIM at equal priority (e.g. MCC=398 MNC=00) and set 3GPP/IMS/AttemptThresholdForIMS to "5" and "4": the later one wins only by file order`,
		}
		switch shape {
		case "spn":
			want = []string{
				`Variant "V49" and Variant "V48" can both match one SIM at equal priority (e.g. SPN=OP48) and set 3GPP/IMS/AttemptThresholdForIMS to "5" and "4": the later one wins only by file order`,
				`Variant "V99" and Variant "V98" can both match one SIM at equal priority (e.g. SPN=OP98) and set 3GPP/IMS/AttemptThresholdForIMS to "5" and "4": the later one wins only by file order`,
				`Variant "V149" and Variant "V148" can both match one SIM at equal priority (e.g. SPN=OP148) and set 3GPP/IMS/AttemptThresholdForIMS to "5" and "4": the later one wins only by file order`,
				`Variant "V199" and Variant "V198" can both match one SIM at equal priority (e.g. SPN=OP198) and set 3GPP/IMS/AttemptThresholdForIMS to "5" and "4": the later one wins only by file order`,
			}
		case "iccid":
			want = []string{
				`Variant "V49" and Variant "V48" can both match one SIM at equal priority (e.g. ICCID=892480000480000000000) and set 3GPP/IMS/AttemptThresholdForIMS to "5" and "4": the later one wins only by file order`,
				`Variant "V99" and Variant "V98" can both match one SIM at equal priority (e.g. ICCID=892980000980000000000) and set 3GPP/IMS/AttemptThresholdForIMS to "5" and "4": the later one wins only by file order`,
				`Variant "V149" and Variant "V148" can both match one SIM at equal priority (e.g. ICCID=893480001480000000000) and set 3GPP/IMS/AttemptThresholdForIMS to "5" and "4": the later one wins only by file order`,
				`Variant "V199" and Variant "V198" can both match one SIM at equal priority (e.g. ICCID=893980001980000000000) and set 3GPP/IMS/AttemptThresholdForIMS to "5" and "4": the later one wins only by file order`,
			}
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("shape %s: overlapping-variants messages:\n%s\nwant:\n%s", shape, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

// BenchmarkLintPatterns lints generated files of 250 to 2,000 pattern
// targets (issue 15: ≤ 1 s at 2,000, each pattern compiled once per run).
//
//	go test ./answerfile/lint -run '^$' -bench LintPatterns -benchtime 3x
func BenchmarkLintPatterns(b *testing.B) {
	for _, shape := range []string{"mccmnc", "iccid", "spn"} {
		for _, n := range []int{250, 500, 1000, 2000} {
			data := patternFile(n, shape)
			cfg := Config{Cache: NewSchemaCache()}
			b.Run(fmt.Sprintf("%s/targets=%d", shape, n), func(b *testing.B) {
				b.SetBytes(int64(len(data)))
				b.ReportAllocs()
				for b.Loop() {
					if _, err := File("patterns.xml", data, cfg); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
