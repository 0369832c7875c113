package templates

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/answerfile/lint"
	"github.com/mcsf-dev/mcsf/variant"
)

// The three guarantees of Generate, checked on hand-written specs and on
// random ones:
//
//  1. the generated file has no lint finding at warning or above;
//  2. `mcsf fmt` leaves it unchanged;
//  3. a SIM that satisfies one match entry of an operator (and no entry of
//     another) resolves to exactly that operator's values, per-IMSI over
//     per-device, defaults where unset; a SIM that matches no operator gets
//     the device values or the defaults.

// runtime is the effective runtime view in plain terms: nil means unset.
type runtime struct {
	threshold, retry, autoRetry *uint32
	scopes                      [3]string
}

func (r runtime) String() string {
	s := func(p *uint32) string {
		if p == nil {
			return "unset"
		}
		return fmt.Sprint(*p)
	}
	return fmt.Sprintf("threshold=%s(%s) retry=%s(%s) autoRetry=%s(%s)",
		s(r.threshold), r.scopes[0], s(r.retry), r.scopes[1], s(r.autoRetry), r.scopes[2])
}

func (r runtime) equal(o runtime) bool { return r.String() == o.String() }

func u32(v uint32) *uint32 { return &v }

func fromBool(b bool) *uint32 {
	if b {
		return u32(1)
	}
	return u32(0)
}

// expected computes what a SIM of operator op (nil: of no operator) must get.
func expected(s *Spec, op *Operator) runtime {
	r := runtime{retry: u32(1), autoRetry: u32(0),
		scopes: [3]string{variant.ScopeUnset, variant.ScopeDefault, variant.ScopeDefault}}
	if s.Device != nil && s.Device.IMSRetry != nil {
		if v := s.Device.IMSRetry.AttemptThresholdForIMS; v != nil {
			r.threshold, r.scopes[0] = u32(*v), "per-device"
		}
		if v := s.Device.IMSRetry.RetryEnabled; v != nil {
			r.retry, r.scopes[1] = fromBool(*v), "per-device"
		}
	}
	if op == nil {
		return r
	}
	if op.IMSRetry != nil {
		if v := op.IMSRetry.AttemptThresholdForIMS; v != nil {
			r.threshold, r.scopes[0] = u32(*v), "per-imsi"
		}
		if v := op.IMSRetry.RetryEnabled; v != nil {
			r.retry, r.scopes[1] = fromBool(*v), "per-imsi"
		}
	}
	if op.MMSAutoRetry != nil {
		r.autoRetry, r.scopes[2] = fromBool(*op.MMSAutoRetry), "per-sim"
	}
	return r
}

func resolved(res variant.Result) runtime {
	// value reads one runtime row; a customization the file does not touch
	// has no row: its documented default (or unset) applies.
	value := func(id, name string, def *uint32) (*uint32, string) {
		s, ok := res.RuntimeValue(id, name)
		switch {
		case !ok && def == nil:
			return nil, variant.ScopeUnset
		case !ok:
			return def, variant.ScopeDefault
		case s.Scope == variant.ScopeUnset:
			return nil, s.Scope
		}
		n, ok := variant.ParseDWORD(s.Value)
		if !ok {
			return nil, s.Scope
		}
		return &n, s.Scope
	}
	var r runtime
	r.threshold, r.scopes[0] = value("IMSRetry", variant.NameAttemptThreshold, nil)
	r.retry, r.scopes[1] = value("IMSRetry", variant.NameRetryEnabled, u32(1))
	r.autoRetry, r.scopes[2] = value("AutoRetryDownloadForMMS", variant.NameAutoRetry, u32(0))
	return r
}

// matchesEntry reports whether a SIM (pairs) meets every condition of m.
func matchesEntry(m *Match, sim variant.Profile) bool {
	for _, c := range m.List() {
		cond, err := variant.ParseCondition(c.Name, c.Value)
		if err != nil {
			return false
		}
		v, set := sim.Get(c.Name)
		if cond.Eval(v, set) != variant.Matched {
			return false
		}
	}
	return true
}

// simFor completes sample condition values with an IMSI and an ICCID.
func simFor(pairs []variant.Pair) variant.Profile {
	p := variant.NewProfile(pairs...)
	if _, ok := p.Get("IMSI"); !ok {
		p.Set("IMSI", "001010123456789")
	}
	if _, ok := p.Get("ICCID"); !ok {
		p.Set("ICCID", "8901000000000000001")
	}
	return p
}

// noOperatorSIMs are tried, in order, as a SIM that matches no operator.
var noOperatorSIMs = [][]variant.Pair{
	{{Name: "MCC", Value: "262"}, {Name: "MNC", Value: "01"}},
	{{Name: "MCC", Value: "999"}, {Name: "MNC", Value: "999"}, {Name: "SPN", Value: "none"}},
	{},
}

// checkGuarantees checks the three guarantees for one accepted spec and
// reports how many SIMs it resolved.
func checkGuarantees(t *testing.T, label string, s *Spec) int {
	t.Helper()
	out, err := Generate(s)
	if err != nil {
		t.Fatalf("%s: %v", label, err)
	}
	yaml, _ := MarshalSpec(s, "")
	// 1. lint-clean
	doc, syntax, err := answerfile.Parse("gen.xml", out)
	if err != nil || len(syntax) > 0 {
		t.Fatalf("%s: generated file does not parse: %v %v\n%s", label, syntax, err, out)
	}
	for _, d := range lint.Lint(doc, lint.Config{}) {
		if d.Severity >= answerfile.Warning {
			t.Errorf("%s: lint: %s\nspec:\n%s", label, d, yaml)
		}
	}
	// 2. fmt leaves it unchanged
	if formatted, err := doc.Format(); err != nil || !bytes.Equal(formatted, out) {
		t.Errorf("%s: fmt changes the generated file (%v)", label, err)
	}
	// import-spec gives the spec back, operators named by their Ids.
	back, ds := ImportSpec(doc)
	named := *s
	named.Operators = slices.Clone(s.Operators)
	for i, id := range OperatorIDs(s) {
		named.Operators[i].Name = id
	}
	if diff := cmp.Diff(&named, back); diff != "" || back == nil {
		t.Errorf("%s: import of the generated file (-want +got):\n%s\n%v", label, diff, diagLines(ds))
	}
	// 3. resolution
	compiled, err := variant.Compile(doc)
	if err != nil {
		t.Fatalf("%s: compile: %v", label, err)
	}
	sims := 0
	for i := range s.Operators {
		op := &s.Operators[i]
		for j := range op.Match {
			pairs, ok := SampleSIM(&op.Match[j])
			if !ok {
				t.Errorf("%s: no sample SIM for operators[%d].match[%d]", label, i, j)
				continue
			}
			sim := simFor(pairs)
			if k := otherOperator(s, i, sim); k >= 0 {
				continue // the SIM is also another operator's: guarantee 3 does not speak of it
			}
			sims++
			if got, want := resolved(compiled.Resolve(sim)), expected(s, op); !got.equal(want) {
				t.Errorf("%s: SIM %v of operators[%d].match[%d]: got %s, want %s\nspec:\n%s", label, pairs, i, j, got, want, yaml)
			}
		}
	}
	for _, pairs := range noOperatorSIMs {
		sim := simFor(pairs)
		if otherOperator(s, -1, sim) >= 0 {
			continue
		}
		sims++
		if got, want := resolved(compiled.Resolve(sim)), expected(s, nil); !got.equal(want) {
			t.Errorf("%s: SIM %v of no operator: got %s, want %s\nspec:\n%s", label, pairs, got, want, yaml)
		}
		break
	}
	return sims
}

// otherOperator returns the index of an operator other than skip that sim
// matches, or -1.
func otherOperator(s *Spec, skip int, sim variant.Profile) int {
	for k := range s.Operators {
		if k == skip {
			continue
		}
		for x := range s.Operators[k].Match {
			if matchesEntry(&s.Operators[k].Match[x], sim) {
				return k
			}
		}
	}
	return -1
}

func TestGuaranteesTable(t *testing.T) {
	specs := map[string]string{
		"example":     string(ExampleSpec()),
		"device only": "name: N\nowner: O\ndevice: {imsRetry: {attemptThresholdForIMS: 5, retryEnabled: false}}\n",
		"operators only": "name: N\nowner: O\noperators:\n" +
			"  - {name: A, match: [{mcc: \"310\", mnc: \"410\"}], imsRetry: {attemptThresholdForIMS: 1}}\n" +
			"  - {name: B, match: [{mcc: \"311\"}], mmsAutoRetry: false}\n",
		"every condition form": "name: N\nowner: O\ndevice: {imsRetry: {retryEnabled: true}}\noperators:\n" +
			"  - name: \"Forms & <co>\"\n    match:\n" +
			"      - {mcc: \"310\", mnc: \"range:100, 199\", spn: \"pattern:Fab(rikam)?\", roaming: \"!1\", uiccslot: \"0\"}\n" +
			"      - {mcc: \"310\", pnn: \"!Other\", gid1: \"BA\", uicc: \"range:1, 2\", iccid: \"pattern:8901260[0-9]+\"}\n" +
			"      - {mcc: \"310\", spn: \"A&B <\\\"x\\\">\", conditions: {Lang: \"en-US\", ProcessorType: \"!pattern:arm.*\"}}\n" +
			"    imsRetry: {attemptThresholdForIMS: 4294967295, retryEnabled: true}\n    mmsAutoRetry: true\n" +
			"  - {name: Other, match: [{mcc: \"311\", mnc: \"480\"}], imsRetry: {attemptThresholdForIMS: 2}}\n",
		"more specific wins": "name: N\nowner: O\noperators:\n" +
			"  - {name: Country, match: [{mcc: \"310\"}], mmsAutoRetry: true}\n" +
			"  - {name: Network, match: [{mcc: \"311\", mnc: \"410\"}], mmsAutoRetry: false}\n",
	}
	for name, spec := range specs {
		t.Run(name, func(t *testing.T) {
			s, ds, err := ReadSpec("spec.yaml", []byte(spec))
			if err != nil || s == nil || len(ds) > 0 {
				t.Fatalf("ReadSpec: %v %v", diagLines(ds), err)
			}
			if n := checkGuarantees(t, name, s); n < len(s.Operators)+1 {
				t.Errorf("resolved %d SIMs, want at least one per operator and one of no operator", n)
			}
		})
	}
}

// TestGuaranteesExampleSIMs pins the runtime view of the example for the
// SIMs the demo uses.
func TestGuaranteesExampleSIMs(t *testing.T) {
	s := mustRead(t, string(ExampleSpec()))
	doc := parseXML(t, "gen.xml", mustGenerate(t, s))
	c, err := variant.Compile(doc)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		sim  []variant.Pair
		want string
	}{
		{[]variant.Pair{{Name: "MCC", Value: "310"}, {Name: "MNC", Value: "410"}},
			"threshold=3(per-imsi) retry=0(per-imsi) autoRetry=1(per-sim)"},
		{[]variant.Pair{{Name: "MCC", Value: "310"}, {Name: "MNC", Value: "150"}, {Name: "SPN", Value: "fabrikam"}},
			"threshold=3(per-imsi) retry=0(per-imsi) autoRetry=1(per-sim)"},
		{[]variant.Pair{{Name: "MCC", Value: "310"}, {Name: "MNC", Value: "150"}, {Name: "SPN", Value: "Other"}},
			"threshold=2(per-device) retry=1(per-device) autoRetry=0(default)"},
		{[]variant.Pair{{Name: "MCC", Value: "234"}, {Name: "MNC", Value: "15"}, {Name: "GID1", Value: "A1"}, {Name: "Roaming", Value: "0"}},
			"threshold=2(per-device) retry=1(per-device) autoRetry=1(per-sim)"},
		{[]variant.Pair{{Name: "MCC", Value: "234"}, {Name: "MNC", Value: "15"}, {Name: "GID1", Value: "A1"}, {Name: "Roaming", Value: "1"}},
			"threshold=2(per-device) retry=1(per-device) autoRetry=0(default)"},
		{[]variant.Pair{{Name: "MCC", Value: "262"}, {Name: "MNC", Value: "01"}},
			"threshold=2(per-device) retry=1(per-device) autoRetry=0(default)"},
	} {
		if got := resolved(c.Resolve(simFor(tt.sim))).String(); got != tt.want {
			t.Errorf("SIM %v: got %s, want %s", tt.sim, got, tt.want)
		}
	}
}

// specGen builds random specs. Operators are kept apart by giving each its
// own MCC in every entry unless shared is true, when two operators may
// share an MCC (and then overlap or not).
type specGen struct {
	r      *rand.Rand
	shared bool
}

const nameRunes = "abcXYZ019 &<>\"'-_.é"

func (g *specGen) text(n int) string {
	rs := []rune(nameRunes)
	var b strings.Builder
	for range 1 + g.r.IntN(n) {
		b.WriteRune(rs[g.r.IntN(len(rs))])
	}
	s := strings.TrimSpace(b.String())
	if s == "" {
		return "x"
	}
	return s
}

func (g *specGen) imsRetry() *IMSRetry {
	r := &IMSRetry{}
	switch g.r.IntN(3) {
	case 0:
		r.AttemptThresholdForIMS = u32(1 + g.r.Uint32N(10))
	case 1:
		b := g.r.IntN(2) == 0
		r.RetryEnabled = &b
	default:
		b := g.r.IntN(2) == 0
		r.AttemptThresholdForIMS, r.RetryEnabled = u32(1+g.r.Uint32N(1000)), &b
	}
	return r
}

func (g *specGen) pick(vals ...string) string { return vals[g.r.IntN(len(vals))] }

// deviceSettings and operatorSettings are documented settings (path, name,
// values) the random specs draw from: some share a short form's group.
var (
	deviceSettings = [][3]string{
		{"Phone/PhoneSettings", "HideCallForwarding", "1|0|True"},
		{"CellCore/PerDevice/SMS", "3GPP2/ErrorHandling/UseReservedAsPermanent", "1|0x0"},
		{"Phone/CallIDMatchOverrides", "2", "8|12"},
		{"Photos/LensApps/{0123ABCD-0000-1111-2222-333344445555}", "Title", "Fish & \"Eye\"|<Lens>"},
	}
	operatorSettings = [][3]string{
		{"CellCore/PerIMSI/$(__IMSI)/SMS", "Encodings/UseASCII", "1|0"},
		{"Messaging/PerSimSettings/$(__ICCID)", "SmscPanelDisabled", "1|0"},
		{"CellCore/PerIMSI/$(__IMSI)/CellUX/Critical", "SwitchIMS", "0|1"},
		{"Phone/PerSimSettings/$(__IMSI)/RoamingNumberOverrides", "DialString/*611", "+18005550100|611"},
	}
)

// settings draws one to three settings of pool.
func (g *specGen) settings(pool [][3]string) Settings {
	out := Settings{}
	for range 1 + g.r.IntN(3) {
		e := pool[g.r.IntN(len(pool))]
		if out[e[0]] == nil {
			out[e[0]] = map[string]SettingValue{}
		}
		out[e[0]][e[1]] = SettingValue(g.pick(strings.Split(e[2], "|")...))
	}
	return out
}

func (g *specGen) match(mcc string) Match {
	m := Match{MCC: mcc}
	if g.r.IntN(2) == 0 {
		m.MNC = g.pick("410", "15", "026", "range:100, 199", "pattern:4[0-9]{2}", "!999")
	}
	if g.r.IntN(3) == 0 {
		m.SPN = g.pick("Fabrikam", "A&B <x>", "\"q\" 'x'", "pattern:Fab.*", "!Test")
	}
	if g.r.IntN(5) == 0 {
		m.PNN = g.pick("Litware", "pattern:Lit(ware)?")
	}
	if g.r.IntN(4) == 0 {
		m.GID1 = g.pick("A1", "ba", "0F0F")
	}
	if g.r.IntN(6) == 0 {
		m.ICCID = g.pick("pattern:8901410[0-9]*", "89014100000000000001")
	}
	if g.r.IntN(5) == 0 {
		m.UICCSlot = g.pick("0", "1", "range:0, 1")
	}
	if g.r.IntN(6) == 0 {
		m.UICC = g.pick("1", "!2")
	}
	if g.r.IntN(4) == 0 {
		m.Roaming = g.pick("0", "1", "!1")
	}
	if g.r.IntN(4) == 0 {
		m.Conditions = map[string]string{}
		for range 1 + g.r.IntN(2) {
			m.Conditions[g.pick("Lang", "Region", "ProcessorType", "AoAc")] = g.pick("en-US", "US", "pattern:arm(64)?", "1", "!0")
		}
	}
	return m
}

func (g *specGen) spec(i int) *Spec {
	s := &Spec{Name: g.text(12), Owner: g.text(8), OwnerType: g.pick("OEM", "Microsoft", "SiliconVendor", "MobileOperator")}
	if g.r.IntN(3) > 0 {
		s.Description = g.text(30)
	}
	if g.r.IntN(3) > 0 {
		s.Device = &Device{IMSRetry: g.imsRetry()}
	}
	if g.r.IntN(3) == 0 {
		if s.Device == nil {
			s.Device = &Device{}
		}
		s.Device.Settings = g.settings(deviceSettings)
	}
	nops := g.r.IntN(6)
	if s.Device == nil && nops == 0 {
		nops = 1
	}
	for k := range nops {
		op := Operator{Name: fmt.Sprintf("%s %d", g.text(10), k)}
		mcc := fmt.Sprintf("%03d", 200+k)
		if g.shared && k > 0 && g.r.IntN(2) == 0 {
			mcc = "200"
		}
		for range 1 + g.r.IntN(3) {
			op.Match = append(op.Match, g.match(mcc))
		}
		switch g.r.IntN(3) {
		case 0:
			op.IMSRetry = g.imsRetry()
		case 1:
			b := g.r.IntN(2) == 0
			op.MMSAutoRetry = &b
		default:
			b := g.r.IntN(2) == 0
			op.IMSRetry, op.MMSAutoRetry = g.imsRetry(), &b
		}
		if g.r.IntN(2) == 0 {
			op.Settings = g.settings(operatorSettings)
		}
		s.Operators = append(s.Operators, op)
	}
	_ = i
	return s
}

// TestGuaranteesRandom checks the guarantees on 300 random specs (fixed
// seed), each written with MarshalSpec and read back with ReadSpec.
func TestGuaranteesRandom(t *testing.T) {
	for _, shared := range []bool{false, true} {
		g := &specGen{r: rand.New(rand.NewPCG(5, 2026)), shared: shared}
		accepted, overlaps, sims := 0, 0, 0
		for i := range 150 {
			s := g.spec(i)
			text, err := MarshalSpec(s, "")
			if err != nil {
				t.Fatal(err)
			}
			read, ds, err := ReadSpec("random.yaml", text)
			if err != nil {
				t.Fatal(err)
			}
			label := fmt.Sprintf("shared=%v spec %d", shared, i)
			warned := false
			for _, d := range ds {
				warned = warned || d.Severity >= answerfile.Warning
				if d.Rule == RuleRetryForced {
					continue // retryEnabled: false with no threshold for the SIM
				}
				if d.Rule != RuleOverlap && d.Rule != RuleOverlapMerged {
					t.Errorf("%s: unexpected %s\n%s", label, d, text)
				}
				if !shared {
					t.Errorf("%s: overlap between operators of different MCCs: %s", label, d)
				}
			}
			// Guarantee 1 holds for every spec read without warnings.
			if read == nil || warned {
				overlaps++
				continue
			}
			accepted++
			sims += checkGuarantees(t, label, read)
		}
		t.Logf("shared=%v: %d specs accepted without warnings, %d with a warning (overlap or forced retry), %d SIMs resolved", shared, accepted, overlaps, sims)
		if accepted < 50 {
			t.Errorf("only %d specs accepted: the generator is too narrow", accepted)
		}
	}
}
