package answerfile

import (
	"fmt"
	"strings"
	"testing"

	"github.com/beevik/etree"
)

// benchFile is an answer file with n targets and variants, ~1 KB each.
func benchFile(n int) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n" + `<ImageCustomizations xmlns="` + Namespace + `" Name="Bench" Owner="Contoso" OwnerType="OEM">` + "\n  <Targets>\n")
	for i := range n {
		fmt.Fprintf(&b, "    <Target Id=\"T%d\">\n      <TargetState>\n        <Condition Name=\"MCC\" Value=\"%03d\"/>\n        <Condition Name=\"MNC\" Value=\"%02d\"/>\n      </TargetState>\n    </Target>\n", i, 200+i%600, i%100)
	}
	b.WriteString("  </Targets>\n")
	for i := range n {
		fmt.Fprintf(&b, "  <Variant Name=\"V%d\">\n    <TargetRefs>\n      <TargetRef Id=\"T%d\"/>\n    </TargetRefs>\n    <!-- per-IMSI SMS -->\n    <Settings Path=\"CellCore/PerIMSI/$(__IMSI)/SMS\">\n      <Setting Name=\"3GPP/IMS/AttemptThresholdForIMS\" Value=\"%d\"/>\n      <Setting Name=\"3GPP/IMS/RetryEnabled\" Value=\"1\"/>\n    </Settings>\n  </Variant>\n", i, i, 1+i%5)
	}
	b.WriteString("</ImageCustomizations>\n")
	return []byte(b.String())
}

func benchmarkParse(b *testing.B, n int) {
	data := benchFile(n)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, ds, err := Parse("bench.xml", data); err != nil || len(ds) > 0 {
			b.Fatal(ds, err)
		}
	}
}

func BenchmarkParseSmall(b *testing.B) { benchmarkParse(b, 4) }
func BenchmarkParseLarge(b *testing.B) { benchmarkParse(b, 5000) }

// BenchmarkEtreeReadLarge is the baseline of BenchmarkParseLarge: etree's own
// reader (encoding/xml) on the same bytes, which records no position and
// lets through what the XML spec forbids.
func BenchmarkEtreeReadLarge(b *testing.B) {
	data := benchFile(5000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if err := etree.NewDocument().ReadFromBytes(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFormatLarge(b *testing.B) {
	doc, _, _ := Parse("bench.xml", benchFile(5000))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := doc.Format(); err != nil {
			b.Fatal(err)
		}
	}
}
