// Command gen writes the benchmark corpora of bench/run with a fixed seed:
//
//	gen small DIR N        N small answer files (2–5 KB; about one in five broken or with lint findings)
//	gen large FILE TARGETS one answer file with TARGETS targets and variants (~1 KB each)
//	gen large-changed FILE TARGETS  the same file with 50 targets changed (every
//	                       TARGETS/50th: its first MNC and its AttemptThresholdForIMS), for mcsf diff
//	gen pattern FILE N     N targets whose conditions are patterns (MCC, MNC, every
//	                       4th an ICCID pattern), a variant each, for the overlap check
//	gen sims FILE N        N SIM profiles as CSV (ICCIDs with a valid Luhn digit)
//	gen stats FILE.json    per command of a hyperfine --export-json file: median
//	                       wall seconds and mean CPU (user+system) seconds
//	gen fit X Y X Y ...    the exponent k of Y = c·X^k, least squares in log-log
//
// The output depends only on the arguments.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(2)
	}
}

func run(args []string) error {
	if len(args) > 0 && args[0] == "fit" {
		return fit(args[1:])
	}
	if len(args) == 2 && args[0] == "stats" {
		return stats(args[1])
	}
	if len(args) != 3 {
		return fmt.Errorf("usage: gen small DIR N | large FILE TARGETS | large-changed FILE TARGETS | pattern FILE TARGETS | sims FILE N | stats FILE.json | fit X1 Y1 X2 Y2 (more pairs allowed)")
	}
	n, err := strconv.Atoi(args[2])
	if err != nil || n <= 0 {
		return fmt.Errorf("bad count %q", args[2])
	}
	rng := rand.New(rand.NewPCG(2026, 11))
	switch args[0] {
	case "small":
		if err := os.MkdirAll(args[1], 0o755); err != nil {
			return err
		}
		for i := range n {
			name := filepath.Join(args[1], fmt.Sprintf("f%05d.xml", i))
			if err := os.WriteFile(name, []byte(smallFile(rng, i)), 0o644); err != nil {
				return err
			}
		}
		return nil
	case "large":
		return writeFile(args[1], func(w *bufio.Writer) { largeFile(w, rng, n, 0) })
	case "large-changed":
		return writeFile(args[1], func(w *bufio.Writer) { largeFile(w, rng, n, 50) })
	case "pattern":
		return writeFile(args[1], func(w *bufio.Writer) { patternFile(w, n) })
	case "sims":
		return writeFile(args[1], func(w *bufio.Writer) { sims(w, rng, n) })
	}
	return fmt.Errorf("unknown corpus %q", args[0])
}

func writeFile(name string, fill func(*bufio.Writer)) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	fill(w)
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Close()
}

const head = `<?xml version="1.0" encoding="utf-8"?>
<ImageCustomizations xmlns="http://schemas.microsoft.com/embedded/2004/10/ImageUpdate" Name="%s" Description="benchmark corpus" Owner="Contoso" OwnerType="OEM">
`

func mccmnc(rng *rand.Rand) (string, string) {
	return fmt.Sprintf("%03d", 200+rng.IntN(600)), fmt.Sprintf("%02d", rng.IntN(100))
}

func target(b *strings.Builder, rng *rand.Rand, id string) {
	fmt.Fprintf(b, "    <Target Id=%q>\n", id)
	for range 1 + rng.IntN(2) {
		mcc, mnc := mccmnc(rng)
		fmt.Fprintf(b, "      <TargetState>\n        <Condition Name=\"MCC\" Value=%q/>\n        <Condition Name=\"MNC\" Value=%q/>\n", mcc, mnc)
		if rng.IntN(3) == 0 {
			fmt.Fprintf(b, "        <Condition Name=\"SPN\" Value=\"Operator %d\"/>\n", rng.IntN(1000))
		}
		b.WriteString("      </TargetState>\n")
	}
	b.WriteString("    </Target>\n")
}

func variant(b *strings.Builder, rng *rand.Rand, name, id string) {
	fmt.Fprintf(b, "  <Variant Name=%q>\n    <TargetRefs>\n      <TargetRef Id=%q/>\n    </TargetRefs>\n", name, id)
	fmt.Fprintf(b, "    <!-- SMS over IMS for %s -->\n", id)
	fmt.Fprintf(b, "    <Settings Path=\"CellCore/PerIMSI/$(__IMSI)/SMS\">\n      <Setting Name=\"3GPP/IMS/AttemptThresholdForIMS\" Value=\"%d\"/>\n      <Setting Name=\"3GPP/IMS/RetryEnabled\" Value=\"%d\"/>\n      <Setting Name=\"3GPP2/ErrorHandling/UseReservedAsPermanent\" Value=\"%d\"/>\n    </Settings>\n", 1+rng.IntN(5), rng.IntN(2), rng.IntN(2))
	fmt.Fprintf(b, "    <Settings Path=\"CellCore/PerIMSI/$(__IMSI)/VoLTE\">\n      <Setting Name=\"IMSServices\" Value=\"0x%X\"/>\n    </Settings>\n", 2|rng.IntN(8))
	fmt.Fprintf(b, "    <Settings Path=\"Messaging/PerSimSettings/$(__ICCID)\">\n      <Setting Name=\"AutoRetryDownload\" Value=\"%d\"/>\n    </Settings>\n  </Variant>\n", rng.IntN(2))
}

const static = `  <Static>
    <Settings Path="Multivariant">
      <Setting Name="Enable" Value="1"/>
    </Settings>
    <Settings Path="AutoDataConfig">
      <Setting Name="Enable" Value="0"/>
    </Settings>
    <Settings Path="CellCore/PerDevice/SMS">
      <Setting Name="3GPP/IMS/AttemptThresholdForIMS" Value="2"/>
      <Setting Name="3GPP/IMS/RetryEnabled" Value="1"/>
    </Settings>
  </Static>
`

// smallFile is a realistic per-IMSI/per-SIM answer file of 2–5 KB. One in
// ten is not well-formed (the doc sample's nested comment or a missing end
// tag), one in ten has lint findings (empty values, bad MCC).
func smallFile(rng *rand.Rand, i int) string {
	var b strings.Builder
	fmt.Fprintf(&b, head, fmt.Sprintf("Bench%05d", i))
	ops := 2 + rng.IntN(3)
	b.WriteString("  <!-- Targets: one per operator -->\n  <Targets>\n")
	for o := range ops {
		target(&b, rng, fmt.Sprintf("Op%d", o))
	}
	b.WriteString("  </Targets>\n")
	b.WriteString(static)
	for o := range ops {
		variant(&b, rng, fmt.Sprintf("Variant%d", o), fmt.Sprintf("Op%d", o))
	}
	b.WriteString("</ImageCustomizations>\n")
	s := b.String()
	switch i % 10 {
	case 3:
		s = strings.Replace(s, "<!-- Targets: one per operator -->", "<!-- Use for the per-IMSI case\n  <!-- Targets --> -->", 1)
	case 7:
		s = strings.TrimSuffix(s, "</ImageCustomizations>\n")
	case 5:
		s = strings.Replace(s, `Value="1"/>`, `Value=""/>`, 2)
		s = strings.Replace(s, `Name="MCC" Value="`, `Name="MCC" Value="9`, 1)
	}
	return s
}

// largeFile writes n targets and variants; with changes > 0, as many
// evenly spread targets differ (the same random draws, then an edit), so
// that the file is the plain one with that many targets changed.
func largeFile(w *bufio.Writer, rng *rand.Rand, n, changes int) {
	fmt.Fprintf(w, head, "BenchLarge")
	changed := func(t int) bool { return changes > 0 && t%max(n/changes, 1) == 0 && t/max(n/changes, 1) < changes }
	var b strings.Builder
	b.WriteString("  <Targets>\n")
	for t := range n {
		start := b.Len()
		target(&b, rng, fmt.Sprintf("T%05d", t))
		if changed(t) {
			edited := strings.Replace(b.String()[start:], `Name="MNC" Value="`, `Name="MNC" Value="9`, 1)
			s := b.String()[:start] + edited
			b.Reset()
			b.WriteString(s)
		}
	}
	b.WriteString("  </Targets>\n")
	w.WriteString(b.String())
	w.WriteString(static)
	for t := range n {
		b.Reset()
		variant(&b, rng, fmt.Sprintf("V%05d", t), fmt.Sprintf("T%05d", t))
		s := b.String()
		if changed(t) {
			s = strings.Replace(s, `AttemptThresholdForIMS" Value="`, `AttemptThresholdForIMS" Value="1`, 1)
		}
		w.WriteString(s)
	}
	w.WriteString("</ImageCustomizations>\n")
}

func sims(w *bufio.Writer, rng *rand.Rand, n int) {
	w.WriteString("mcc,mnc,spn,iccid,imsi\n")
	for i := range n {
		mcc, mnc := mccmnc(rng)
		iccid := fmt.Sprintf("8901%014d", i)
		fmt.Fprintf(w, "%s,%s,Operator %d,%s%d,%s%s%010d\n", mcc, mnc, rng.IntN(1000), iccid, luhnDigit(iccid), mcc, mnc, i)
	}
}

// luhnDigit is the check digit that makes digits+digit pass the Luhn check,
// as a real ICCID does (mcsf resolve warns about one that does not).
func luhnDigit(digits string) int {
	sum := 0
	for i := range len(digits) {
		d := int(digits[len(digits)-1-i] - '0')
		if i%2 == 0 { // doubled: every second digit from the right, the check digit being the first
			if d *= 2; d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return (10 - sum%10) % 10
}

// patternFile is the shape of the overlap check's own benchmark
// (answerfile/lint BenchmarkOverlapPatterns): target i matches MCC
// pattern:<200+i%500>, MNC pattern:0?<i/500 as two digits>, every 4th also
// ICCID pattern:89<mcc>\d{14,16}; each variant sets one setting to a value
// of its own.
func patternFile(w *bufio.Writer, n int) {
	fmt.Fprintf(w, head, "BenchPatterns")
	w.WriteString("  <Targets>\n")
	for i := range n {
		mcc := 200 + i%500
		fmt.Fprintf(w, "    <Target Id=\"P%05d\">\n      <TargetState>\n", i)
		fmt.Fprintf(w, "        <Condition Name=\"MCC\" Value=\"pattern:%d\"/>\n", mcc)
		fmt.Fprintf(w, "        <Condition Name=\"MNC\" Value=\"pattern:0?%02d\"/>\n", i/500%100)
		if i%4 == 0 {
			fmt.Fprintf(w, "        <Condition Name=\"ICCID\" Value=\"pattern:89%d\\d{14,16}\"/>\n", mcc)
		}
		w.WriteString("      </TargetState>\n    </Target>\n")
	}
	w.WriteString("  </Targets>\n")
	w.WriteString(static)
	for i := range n {
		fmt.Fprintf(w, "  <Variant Name=\"PV%05d\">\n    <TargetRefs>\n      <TargetRef Id=\"P%05d\"/>\n    </TargetRefs>\n", i, i)
		fmt.Fprintf(w, "    <Settings Path=\"CellCore/PerIMSI/$(__IMSI)/SMS\">\n      <Setting Name=\"3GPP/IMS/AttemptThresholdForIMS\" Value=\"%d\"/>\n    </Settings>\n  </Variant>\n", 1+i%1000)
	}
	w.WriteString("</ImageCustomizations>\n")
}

// stats prints, for each command of a hyperfine JSON export, its median
// wall time and its mean CPU time (user + system, children included), in
// seconds, one command per line.
func stats(name string) error {
	b, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	var h struct {
		Results []struct {
			Median float64 `json:"median"`
			User   float64 `json:"user"`
			System float64 `json:"system"`
		} `json:"results"`
	}
	if err := json.Unmarshal(b, &h); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	for _, r := range h.Results {
		fmt.Printf("%.6f %.6f\n", r.Median, r.User+r.System)
	}
	return nil
}

// fit prints the exponent k of the least-squares line through the points
// (log x, log y): cost grows as size^k (1 = linear).
func fit(args []string) error {
	if len(args) < 4 || len(args)%2 != 0 {
		return fmt.Errorf("fit wants at least two X Y pairs")
	}
	var xs, ys []float64
	for i := 0; i < len(args); i += 2 {
		x, err1 := strconv.ParseFloat(args[i], 64)
		y, err2 := strconv.ParseFloat(args[i+1], 64)
		if err1 != nil || err2 != nil || x <= 0 || y <= 0 {
			return fmt.Errorf("bad point %s %s", args[i], args[i+1])
		}
		xs, ys = append(xs, math.Log(x)), append(ys, math.Log(y))
	}
	var mx, my float64
	for i := range xs {
		mx += xs[i] / float64(len(xs))
		my += ys[i] / float64(len(ys))
	}
	var num, den float64
	for i := range xs {
		num += (xs[i] - mx) * (ys[i] - my)
		den += (xs[i] - mx) * (xs[i] - mx)
	}
	fmt.Printf("%.2f\n", num/den)
	return nil
}
