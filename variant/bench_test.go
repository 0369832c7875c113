package variant

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/mcsf-dev/mcsf/answerfile"
)

// generateFile builds an answer file with n targets and one variant each,
// shaped like a real multi-operator build: most targets pin MCC and MNC,
// some add SPN or GID1 (MVNOs), a few pin only MCC or use patterns and
// ranges (these cannot be indexed). The same seed gives the same file.
func generateFile(n int, seed uint64) (xml string, plmns [][2]string) {
	rng := rand.New(rand.NewPCG(seed, 0))
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?>
<ImageCustomizations xmlns="http://schemas.microsoft.com/embedded/2004/10/ImageUpdate" Name="Bench" Owner="Contoso" OwnerType="OEM">
  <Targets>
`)
	for i := 0; i < n; i++ {
		mcc := fmt.Sprintf("%03d", 200+rng.IntN(560))
		mnc := fmt.Sprintf("%02d", rng.IntN(100))
		plmns = append(plmns, [2]string{mcc, mnc})
		fmt.Fprintf(&b, "    <Target Id=\"T%d\">\n      <TargetState>\n", i)
		switch k := i % 40; {
		case k < 30:
			fmt.Fprintf(&b, "        <Condition Name=\"MCC\" Value=\"%s\" />\n        <Condition Name=\"MNC\" Value=\"%s\" />\n", mcc, mnc)
		case k < 36:
			fmt.Fprintf(&b, "        <Condition Name=\"MCC\" Value=\"%s\" />\n        <Condition Name=\"MNC\" Value=\"%s\" />\n        <Condition Name=\"SPN\" Value=\"MVNO%d\" />\n", mcc, mnc, i%7)
		case k < 38:
			fmt.Fprintf(&b, "        <Condition Name=\"MCC\" Value=\"%s\" />\n        <Condition Name=\"GID1\" Value=\"%02X\" />\n", mcc, i%256)
		case k < 39:
			fmt.Fprintf(&b, "        <Condition Name=\"ICCID\" Value=\"pattern:89%02d.*\" />\n", i%100)
		default:
			lo := 200 + rng.IntN(560)
			fmt.Fprintf(&b, "        <Condition Name=\"MCC\" Value=\"range:%d, %d\" />\n        <Condition Name=\"Roaming\" Value=\"!1\" />\n", lo, lo+2)
		}
		b.WriteString("      </TargetState>\n    </Target>\n")
	}
	b.WriteString(`  </Targets>
  <Static>
    <Settings Path="Multivariant"><Setting Name="Enable" Value="1" /></Settings>
    <Settings Path="AutoDataConfig"><Setting Name="Enable" Value="0" /></Settings>
    <Settings Path="CellCore/PerDevice/SMS">
      <Setting Name="3GPP/IMS/AttemptThresholdForIMS" Value="1" />
      <Setting Name="3GPP/IMS/RetryEnabled" Value="1" />
    </Settings>
  </Static>
`)
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `  <Variant Name="V%d">
    <TargetRefs><TargetRef Id="T%d" /></TargetRefs>
    <Settings Path="CellCore/PerIMSI/$(__IMSI)/SMS">
      <Setting Name="3GPP/IMS/AttemptThresholdForIMS" Value="%d" />
      <Setting Name="3GPP/IMS/RetryEnabled" Value="%d" />
    </Settings>
    <Settings Path="Messaging/PerSimSettings/$(__ICCID)">
      <Setting Name="AutoRetryDownload" Value="0x%d" />
    </Settings>
  </Variant>
`, i, i, 1+i%5, i%2, i%2)
	}
	b.WriteString("</ImageCustomizations>\n")
	return b.String(), plmns
}

// generateProfiles builds n SIM profiles, most on a PLMN the file names.
func generateProfiles(n int, plmns [][2]string, seed uint64) []Profile {
	rng := rand.New(rand.NewPCG(seed, 1))
	out := make([]Profile, n)
	for i := range out {
		mcc, mnc := fmt.Sprintf("%03d", 200+rng.IntN(560)), fmt.Sprintf("%02d", rng.IntN(100))
		if rng.IntN(10) < 8 {
			pl := plmns[rng.IntN(len(plmns))]
			mcc, mnc = pl[0], pl[1]
		}
		out[i] = NewProfile(Pair{"MCC", mcc}, Pair{"MNC", mnc}, Pair{"SPN", fmt.Sprintf("MVNO%d", rng.IntN(10))},
			Pair{"GID1", fmt.Sprintf("%02X", rng.IntN(256))}, Pair{"Roaming", "0"},
			Pair{"IMSI", fmt.Sprintf("%s%s%010d", mcc, mnc, rng.Int64N(1e10))},
			Pair{"ICCID", fmt.Sprintf("89%02d%015d", rng.IntN(100), rng.Int64N(1e15))})
	}
	return out
}

func compileGenerated(b testing.TB, targets int) (*Compiled, [][2]string) {
	xml, plmns := generateFile(targets, 1)
	doc, diags, err := answerfile.Parse("bench.xml", []byte(xml))
	if err != nil || len(diags) > 0 {
		b.Fatalf("parse: %v %v", err, diags)
	}
	c, err := Compile(doc)
	if err != nil {
		b.Fatal(err)
	}
	return c, plmns
}

// BenchmarkResolve resolves 100,000 SIMs against a file with 2,000 targets
// per iteration; ns/SIM is the cost of one profile.
func BenchmarkResolve(b *testing.B) {
	c, plmns := compileGenerated(b, 2000)
	sims := generateProfiles(100_000, plmns, 2)
	b.ReportAllocs()
	b.ResetTimer()
	matchedSIMs := 0
	for b.Loop() {
		matchedSIMs = 0
		for _, p := range sims {
			if r := c.Resolve(p); len(r.Matched) > 0 {
				matchedSIMs++
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(sims)), "ns/SIM")
	b.ReportMetric(float64(matchedSIMs), "matched-SIMs")
}

// BenchmarkCompile measures parsing and compiling the 2,000-target file.
func BenchmarkCompile(b *testing.B) {
	xml, _ := generateFile(2000, 1)
	b.SetBytes(int64(len(xml)))
	for b.Loop() {
		doc, _, err := answerfile.Parse("bench.xml", []byte(xml))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Compile(doc); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadCompiled measures what resolve does with the 2,000-target
// file when it does not lint: ReadCompiled (no tree, targets compiled on a
// second goroutine), against BenchmarkCompile's Parse and Compile, and
// ReadModel then CompileModel on one goroutine.
func BenchmarkReadCompiled(b *testing.B) {
	data := []byte(func() string { xml, _ := generateFile(2000, 1); return xml }())
	b.Run("pipelined", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			if _, _, ds, err := ReadCompiled("bench.xml", data, answerfile.DefaultLimits, PatternLimits{}); ds != nil || err != nil {
				b.Fatal(ds, err)
			}
		}
	})
	b.Run("sequential", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			m, ds, err := ReadModel("bench.xml", data, answerfile.DefaultLimits)
			if ds != nil || err != nil {
				b.Fatal(ds, err)
			}
			CompileModel(m.Model)
		}
	})
}

// BenchmarkMatch measures evaluating one condition of each form.
func BenchmarkMatch(b *testing.B) {
	conds := []struct{ name, value, input string }{
		{"MCC", "310", "310"},
		{"SPN", "contoso", "Contoso"},
		{"MNC", "!410", "260"},
		{"ICCID", "pattern:8901[0-9]{4}.*", "89014103211118510720"},
		{"MNC", "range:1, 500", "260"},
	}
	for _, tc := range conds {
		c := MustParseCondition(tc.name, tc.value)
		b.Run(tc.name+"="+tc.value, func(b *testing.B) {
			for b.Loop() {
				if c.Eval(tc.input, true) != Matched {
					b.Fatal("no match")
				}
			}
		})
	}
}

// TestGeneratedFileResolves keeps the benchmark honest: the generated SIMs
// do match variants, and the index agrees with a full scan on them.
func TestGeneratedFileResolves(t *testing.T) {
	c, plmns := compileGenerated(t, 200)
	sims := generateProfiles(300, plmns, 2)
	matchedSIMs := 0
	for _, p := range sims {
		r := c.Resolve(p)
		if len(r.Matched) > 0 {
			matchedSIMs++
		}
		e := c.Explain(p)
		n := 0
		for _, tr := range e.Targets {
			if tr.Outcome == Matched {
				n++
			}
		}
		if n != len(r.Matched) {
			t.Fatalf("%v: %d targets match in a full scan, %d variants applied", p, n, len(r.Matched))
		}
	}
	if matchedSIMs < 100 {
		t.Errorf("got %d of 300 SIMs matching a variant, want at least 100", matchedSIMs)
	}
}

// BenchmarkCanOverlap measures the linter's pairwise check on two typical
// operator states.
func BenchmarkCanOverlap(b *testing.B) {
	x := []Pair{{"MCC", "310"}, {"MNC", "410"}, {"SPN", "Fabrikam"}}
	y := []Pair{{"MCC", "310"}, {"MNC", "410"}, {"GID1", "0A"}}
	for b.Loop() {
		if !CanOverlap(x, y) {
			b.Fatal("want overlap")
		}
	}
}

// BenchmarkResolveStream reads 100,000 SIMs from CSV and resolves them
// against a file with 2,000 targets per iteration, rendering each result
// as JSON as resolve --sims --format json does; ns/SIM is the CPU cost of
// one SIM on all cores (run with -cpu 1 for the cost on one).
func BenchmarkResolveStream(b *testing.B) {
	c, plmns := compileGenerated(b, 2000)
	var csv strings.Builder
	csv.WriteString("mcc,mnc,spn,gid1,roaming,imsi,iccid\n")
	for _, p := range generateProfiles(100_000, plmns, 2) {
		for i, n := range []string{"MCC", "MNC", "SPN", "GID1", "Roaming", "IMSI", "ICCID"} {
			if i > 0 {
				csv.WriteByte(',')
			}
			v, _ := p.Get(n)
			csv.WriteString(v)
		}
		csv.WriteByte('\n')
	}
	text := csv.String()
	opt := BatchOptions{Render: func(buf []byte, it *BatchItem) ([]byte, error) { return it.Result.AppendJSON(buf), nil }}
	b.ReportAllocs()
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	rows := 0
	for b.Loop() {
		src, err := NewProfileReader("sims.csv", strings.NewReader(text))
		if err != nil {
			b.Fatal(err)
		}
		rows = 0
		if err := c.ResolveStream(src, opt, func(*BatchItem, []byte) error { rows++; return nil }); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*rows), "ns/SIM")
}
