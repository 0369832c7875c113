package answerfile

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/beevik/etree"

	"github.com/mcsf-dev/mcsf/internal/testtool"
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

// BenchmarkParseGenLarge parses bench/gen's 5,000-target file (the file of
// the lsp diagnostics benchmark) and releases each document, as lint and
// the language server do: with Parse (the tree's memory from the package's
// pool) and with a Parser (its memory kept between the documents):
//
//	go test ./answerfile -run '^$' -bench ParseGenLarge -benchtime 20x
func BenchmarkParseGenLarge(b *testing.B) {
	data, err := testtool.Generate("large", "../bench/gen", "5000")
	if err != nil {
		b.Skip(err)
	}
	b.Run("Parse", func(b *testing.B) { benchmarkRead(b, data, parseReleased(Parse)) })
	b.Run("Parser", func(b *testing.B) { benchmarkRead(b, data, parseReleased(NewParser(DefaultLimits).Parse)) })
}

// BenchmarkParseBenchSmall parses a file of bench/gen's small corpus (the
// lint bench file) and releases each document, as lint does;
// BenchmarkWalkBenchSmall walks it (the scanner without a tree).
func BenchmarkParseBenchSmall(b *testing.B) { benchmarkRead(b, benchSmall(b), parseReleased(Parse)) }

func BenchmarkWalkBenchSmall(b *testing.B) {
	benchmarkRead(b, benchSmall(b), func(data []byte) error {
		_, err := Walk("bench-small.xml", data, DefaultLimits, func(*Element) {})
		return err
	})
}

func benchSmall(b *testing.B) []byte {
	data, err := os.ReadFile(filepath.Join("lint", "testdata", "bench-small.xml"))
	if err != nil {
		b.Fatal(err)
	}
	return data
}

// parseReleased reads data with parse, which must find no error, and
// releases the document.
func parseReleased(parse func(string, []byte) (*Document, []Diagnostic, error)) func([]byte) error {
	return func(data []byte) error {
		doc, ds, err := parse("bench.xml", data)
		if err == nil && len(ds) > 0 {
			err = fmt.Errorf("%v", ds)
		}
		if doc != nil {
			doc.Release()
		}
		return err
	}
}

// benchmarkRead reads data with read in a loop, reporting bytes,
// allocations and CPU time per read.
func benchmarkRead(b *testing.B, data []byte, read func([]byte) error) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	cpu0, _ := testtool.CPUTime()
	for b.Loop() {
		if err := read(data); err != nil {
			b.Fatal(err)
		}
	}
	testtool.ReportCPU(b, cpu0)
}
