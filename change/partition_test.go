package change

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"strconv"
	"testing"

	"github.com/mcsf-dev/mcsf/variant"
)

// Pools the random files and SIMs draw from: values that sit on the edges
// of each other (26 and 026, +26, case of SPN, range bounds).
var (
	condPool = map[string][]string{
		"MCC":     {"310", "311", "!310", "pattern:31[0-9]", "pattern:3.*", "range:300, 310", "!range:305, 399", "Pattern:310"},
		"MNC":     {"26", "026", "!26", "pattern:0?26", "range:20, 30", "410", "pattern:4(1|2)0"},
		"SPN":     {"abc", "ABC", "!abc", "pattern:a.*", "pattern:(?=a)b"},
		"Lang":    {"en-US", "!en-US", "pattern:en-.*"},
		"ICCID":   {"range:89014103211118510720, 89014103211118510799", "!range:89014103211118510700, 89014103211118510750", "pattern:8901.*5"},
		"Roaming": {"0", "1", "!1", "pattern:[01]", "range:1, 1", "2"},
	}
	simPool = map[string][]string{
		"MCC":     {"310", "311", "312", "305", "0310", "+310", "300", "299", "3", "x", ""},
		"MNC":     {"26", "026", "+26", "0026", "20", "30", "31", "410", "420", "430", "-0"},
		"SPN":     {"abc", "ABC", "aBc", "a", "b", "", "xyz"},
		"Lang":    {"en-US", "en-GB", "EN-us", "de-DE"},
		"ICCID":   {"89014103211118510720", "89014103211118510745", "089014103211118510799", "89014103211118510800", "8901", "89015", "x"},
		"Roaming": {"0", "1"}, // a device reports its documented values only
	}
	names = []string{"MCC", "MNC", "SPN", "Lang", "ICCID", "Roaming"}
	keys  = []struct{ path, name string }{
		{"CellCore/PerIMSI/$(__IMSI)/SMS", "3GPP/IMS/AttemptThresholdForIMS"},
		{"CellCore/PerIMSI/$(__IMSI)/SMS", "3GPP/IMS/RetryEnabled"},
		{"CellCore/PerDevice/SMS", "3GPP/IMS/AttemptThresholdForIMS"},
		{"Messaging/PerSimSettings/$(__ICCID)", "AutoRetryDownload"},
	}
)

func randomModel(rng *rand.Rand, file string) variant.Model {
	var m variant.Model
	line := 1
	src := func() variant.Source { line++; return variant.Source{File: file, Line: line} }
	nt := 1 + rng.IntN(4)
	for t := range nt {
		td := variant.TargetDef{ID: fmt.Sprintf("T%d", t), Source: src()}
		for range 1 + rng.IntN(2) {
			var sd variant.StateDef
			sd.Source = src()
			for _, n := range names {
				if rng.IntN(3) == 0 {
					pool := condPool[n]
					sd.Conditions = append(sd.Conditions, variant.ConditionDef{Name: n, Value: pool[rng.IntN(len(pool))], Source: src()})
				}
			}
			td.States = append(td.States, sd)
		}
		m.Targets = append(m.Targets, td)
	}
	// Half the time a group's settings share one line, as in a file
	// written without line breaks.
	oneLine := rng.IntN(2) == 0
	settings := func(n int) []variant.SettingDef {
		var out []variant.SettingDef
		at := src()
		for range n {
			k := keys[rng.IntN(len(keys))]
			if !oneLine {
				at = src()
			}
			out = append(out, variant.SettingDef{Path: k.path, Name: k.name, Value: strconv.Itoa(rng.IntN(3)), Source: at})
		}
		return out
	}
	m.Static = settings(rng.IntN(3))
	for v := range 1 + rng.IntN(5) {
		m.Variants = append(m.Variants, variant.VariantDef{Name: fmt.Sprintf("V%d", v), TargetRefs: []string{fmt.Sprintf("T%d", rng.IntN(nt))},
			Settings: settings(1 + rng.IntN(3)), Source: src()})
	}
	return m
}

// mutate changes a model a little: a value, a condition, the order of two
// Variants.
func mutate(rng *rand.Rand, m variant.Model) variant.Model {
	out := variant.Model{Static: append([]variant.SettingDef{}, m.Static...)}
	for _, t := range m.Targets {
		nt := t
		nt.States = nil
		for _, s := range t.States {
			ns := s
			ns.Conditions = append([]variant.ConditionDef{}, s.Conditions...)
			if len(ns.Conditions) > 0 && rng.IntN(3) == 0 {
				c := &ns.Conditions[rng.IntN(len(ns.Conditions))]
				pool := condPool[c.Name]
				c.Value = pool[rng.IntN(len(pool))]
			}
			nt.States = append(nt.States, ns)
		}
		out.Targets = append(out.Targets, nt)
	}
	for _, v := range m.Variants {
		nv := v
		nv.Settings = append([]variant.SettingDef{}, v.Settings...)
		if rng.IntN(3) == 0 {
			nv.Settings[0].Value = strconv.Itoa(rng.IntN(3))
		}
		out.Variants = append(out.Variants, nv)
	}
	if len(out.Variants) > 1 && rng.IntN(2) == 0 {
		i := rng.IntN(len(out.Variants) - 1)
		out.Variants[i], out.Variants[i+1] = out.Variants[i+1], out.Variants[i]
	}
	return out
}

func randomSIM(rng *rand.Rand) variant.Profile {
	var p variant.Profile
	for _, n := range names {
		switch rng.IntN(6) {
		case 0: // not set; a device always has its facts (Lang, Roaming)
			if variant.DeviceFact(n) {
				p.Set(n, simPool[n][rng.IntN(len(simPool[n]))])
			}
		case 1:
			if variant.FactValues(n) != nil {
				p.Set(n, simPool[n][rng.IntN(len(simPool[n]))])
				break
			}
			p.Set(n, strconv.Itoa(rng.IntN(1000)))
		default:
			pool := simPool[n]
			p.Set(n, pool[rng.IntN(len(pool))])
		}
	}
	return p
}

// TestPartitionExact is the property that makes the classes trustworthy:
// for random pairs of files and random SIMs, the effect on each SIM,
// resolved directly, equals the effect of the class the SIM falls in.
func TestPartitionExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(16, 2026))
	for i := range 200 {
		old := randomModel(rng, "old.xml")
		new := mutate(rng, old)
		os, ns := newSide(old), newSide(new)
		p := newPartition(old, new)
		root := p.build()
		p.effects(collectLeaves(root, nil), os, ns, nil)
		if len(p.incomplete) > 0 {
			t.Fatalf("file %d: incomplete partition: %v", i, p.incomplete)
		}
		for range 100 {
			sim := randomSIM(rng)
			leaf, err := p.leafOf(root, sim)
			if err != nil {
				t.Fatalf("file %d: %v\nold: %+v\nnew: %+v", i, err, old, new)
			}
			direct := compare(os.resolve(sim), ns.resolve(sim), nil)
			if got, want := leaf.sig, direct.signature(); got != want {
				t.Fatalf("file %d, SIM %s (class of %s):\nclass effect %q\nSIM effect   %q\nold: %+v\nnew: %+v", i, sim, leaf.profile, got, want, old, new)
			}
		}
	}
}

// TestRangeRegexp checks the spelling of ranges as regular expressions
// against variant's range test (integers of any length, any sign, leading
// zeros), and the integer arithmetic the candidates use.
func TestRangeRegexp(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 16))
	bounds := []string{"-9223372036854775809", "-1000", "-10", "-9", "-1", "0", "1", "5", "9", "10", "99", "100", "305", "1000",
		"9223372036854775807", "89014103211118510720", "89014103211118510799"}
	values := []string{"0", "-0", "+0", "00", "-00", "5", "+5", "05", "-5", "-05", "9", "10", "010", "99", "100", "305", "0305", "+", "-", "", "1_0", "0x5",
		"9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "-9223372036854775810",
		"89014103211118510720", "089014103211118510750", "89014103211118510800", " 5", "5 ", "+-5"}
	for range 40 {
		values = append(values, strconv.FormatInt(rng.Int64N(2000)-1000, 10))
	}
	for _, lo := range bounds {
		for _, hi := range bounds {
			c := variant.MustParseCondition("ICCID", "range:"+lo+", "+hi)
			expr, _ := c.Expr()
			re := regexp.MustCompile(expr)
			for _, v := range values {
				want := c.Eval(v, true) == variant.Matched
				if got := re.MatchString(v); got != want {
					t.Errorf("range %s, %s on %q: regexp says %v, variant says %v (regexp %s)", lo, hi, v, got, want, re)
				}
			}
		}
	}
	for _, tc := range []struct {
		n    string
		d    int
		want string
	}{{"0", 1, "1"}, {"0", -1, "-1"}, {"-1", 1, "0"}, {"9", 1, "10"}, {"10", -1, "9"}, {"-9", -1, "-10"}, {"-10", 1, "-9"},
		{"99999999999999999999", 1, "100000000000000000000"}, {"100", -1, "99"}} {
		if got := variant.AddInt(tc.n, tc.d); got != tc.want {
			t.Errorf("AddInt(%s, %d) = %s, want %s", tc.n, tc.d, got, tc.want)
		}
	}
}

// TestRegionsWithPatterns checks that the product automaton finds the
// regions no listed value reaches.
func TestRegionsWithPatterns(t *testing.T) {
	var atoms []*atom
	for _, v := range []string{"pattern:31[0-9]", "pattern:3.*", "range:300, 312", "310"} {
		a, ok := newAtom(variant.MustParseCondition("MCC", v))
		if !ok {
			t.Fatalf("%s: not decidable", v)
		}
		atoms = append(atoms, &a)
	}
	rs, err := regionsOf(atoms)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, r := range rs {
		k := fmt.Sprint(r.set, r.vec)
		if got[k] {
			t.Errorf("region %s listed twice", k)
		}
		got[k] = true
		for i, a := range atoms {
			if r.set && a.test(r.value) != r.vec[i] {
				t.Errorf("region value %q: atom %s gives %v, region says %v", r.value, a.cond, a.test(r.value), r.vec[i])
			}
		}
	}
	// not set; 310; 311 (both patterns, in range); 313 (patterns, out of
	// range); 300 (3.*, in range); 3 (3.* only); +311 (range only); x (none).
	if len(rs) != 8 {
		t.Errorf("got %d regions, want 8: %+v", len(rs), rs)
	}
}

// TestRegionsTooComplex: a pattern whose automaton needs more than
// maxStates states is not split exactly, and Diff says so in a note.
func TestRegionsTooComplex(t *testing.T) {
	const hard = "pattern:(a|b)*a(a|b){13}"
	a, ok := newAtom(variant.MustParseCondition("SPN", hard))
	if !ok {
		t.Fatal("not decidable")
	}
	if _, err := regionsOf([]*atom{&a}); err != errTooManyStates {
		t.Fatalf("got %v, want errTooManyStates", err)
	}
	m := variant.Model{
		Targets:  []variant.TargetDef{{ID: "T", States: []variant.StateDef{{Conditions: []variant.ConditionDef{{Name: "SPN", Value: hard}}}}}},
		Variants: []variant.VariantDef{{Name: "V", TargetRefs: []string{"T"}}},
	}
	r := Diff(Version{Name: "a", Model: m}, Version{Name: "b", Model: m}, Options{})
	want := "the values of SPN are split as far as mcsf could (the patterns are too complex to partition exactly): SIMs outside the classes shown may change too"
	if len(r.Notes) != 1 || r.Notes[0] != want {
		t.Errorf("notes %q, want [%q]", r.Notes, want)
	}
}
