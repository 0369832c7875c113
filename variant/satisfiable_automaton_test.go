package variant

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestSolverDecide: issue 13, "overlapping-variants must not cry wolf": two
// anchored patterns, a pattern and a plain value, a pattern and a negation
// or a range that can never match the same string are disjoint; an overlap
// comes with a SIM that proves it.
func TestSolverDecide(t *testing.T) {
	tests := []struct {
		name    string
		a, b    []Pair
		verdict Verdict
		witness []Pair
		why     string
	}{
		{"two anchored patterns", []Pair{{"MCC", "pattern:310"}}, []Pair{{"MCC", "pattern:311"}}, Disjoint, nil, ""},
		{"a pattern is anchored", []Pair{{"MCC", "pattern:31"}}, []Pair{{"MCC", "310"}}, Disjoint, nil, ""},
		{"patterns that share a value", []Pair{{"MCC", "pattern:31[0-5]"}}, []Pair{{"MCC", "pattern:3[1-9]5"}}, Overlap, []Pair{{"MCC", "315"}}, ""},
		{"pattern and plain value", []Pair{{"MCC", "pattern:31[0-4]"}}, []Pair{{"MCC", "315"}}, Disjoint, nil, ""},
		{"pattern and plain value, matching", []Pair{{"MNC", "pattern:0?26"}}, []Pair{{"MNC", "026"}}, Overlap, []Pair{{"MNC", "026"}}, ""},
		{"pattern and negated pattern", []Pair{{"MCC", "pattern:31."}}, []Pair{{"MCC", `!pattern:31\d`}}, Disjoint, nil, ""},
		{"pattern and negated value", []Pair{{"MNC", "pattern:0?26"}}, []Pair{{"MNC", "!26"}}, Overlap, []Pair{{"MNC", "026"}}, ""},
		{"pattern and range", []Pair{{"ICCID", `pattern:8901\d{15}`}}, []Pair{{"ICCID", "range:8944000000000000000, 8944999999999999999"}}, Disjoint, nil, ""},
		{"pattern and range, matching", []Pair{{"ICCID", `pattern:8901\d{15}`}}, []Pair{{"ICCID", "range:8901000000000000007, 8901000000000000009"}}, Overlap, []Pair{{"ICCID", "8901000000000000007"}}, ""},
		{"range with leading zeros", []Pair{{"MNC", "range:1, 5"}}, []Pair{{"MNC", "pattern:0[0-9]"}}, Overlap, []Pair{{"MNC", "01"}}, ""},
		{"MCC and MNC", []Pair{{"MCC", "pattern:31[0-6]"}, {"MNC", "410"}}, []Pair{{"MCC", "pattern:3.6"}, {"MNC", "pattern:4[0-9]0"}}, Overlap, []Pair{{"MCC", "316"}, {"MNC", "410"}}, ""},
		{"one name disjoint", []Pair{{"MCC", "pattern:31[0-6]"}, {"MNC", "410"}}, []Pair{{"MCC", "pattern:3.6"}, {"MNC", "pattern:26"}}, Disjoint, nil, ""},
		{"value a SIM cannot report", []Pair{{"MCC", "pattern:[0-9]{2}"}}, []Pair{{"MCC", "pattern:.*"}}, Disjoint, nil, ""},
		{"SPN folds case", []Pair{{"SPN", "pattern:contoso.*"}}, []Pair{{"SPN", "pattern:CONTOSO"}}, Overlap, []Pair{{"SPN", "CONTOSO"}}, ""},
		{"SPN prefixes differ", []Pair{{"SPN", "pattern:Con.*"}}, []Pair{{"SPN", "pattern:Fab.*"}}, Disjoint, nil, ""},
		{"SPN longer than 16", []Pair{{"SPN", "pattern:a{17}"}}, []Pair{{"SPN", "pattern:a+"}}, Disjoint, nil, ""},
		{"witness of printable characters", []Pair{{"Lang", "pattern:[^a-z]"}}, []Pair{{"Lang", "pattern:.+"}}, Overlap, []Pair{{"Lang", "0"}}, ""},
		{"Roaming", []Pair{{"Roaming", "0"}}, []Pair{{"Roaming", "pattern:[01]"}}, Overlap, []Pair{{"Roaming", "0"}}, ""},
		{"undecidable pattern", []Pair{{"SPN", "pattern:(?=a)a"}}, []Pair{{"SPN", "pattern:a"}}, MayOverlap, []Pair{{"SPN", "A"}},
			"SPN: pattern \"(?=a)a\" uses a look-ahead (?=...), which .NET accepts on the device but Go's RE2 cannot evaluate: mcsf resolve reports its target state as undecided; rewrite the pattern without it to have it checked"},
		{"Unicode class, value not ASCII", []Pair{{"SPN", `pattern:\w+`}}, []Pair{{"SPN", "pattern:é+"}}, MayOverlap, []Pair{{"SPN", "É"}},
			`SPN "É" holds a character outside ASCII (or a vertical tab), where .NET (on the device) and RE2 (here) read the patterns differently`},
		{"vertical tab: .NET's \\s matches it", []Pair{{"SPN", `pattern:a\sb`}}, []Pair{{"SPN", "pattern:a[\v]b"}}, MayOverlap, []Pair{{"SPN", "A\vB"}},
			`SPN "A\vB" holds a character outside ASCII (or a vertical tab), where .NET (on the device) and RE2 (here) read the patterns differently`},
		{"Unicode digits are not letters", []Pair{{"SPN", `pattern:\d+`}}, []Pair{{"SPN", "pattern:[a-zé]+"}}, Disjoint, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewSolver()
			got := s.Decide(s.Prepare(tt.a), s.Prepare(tt.b))
			want := Decision{Verdict: tt.verdict, Witness: tt.witness, Why: tt.why}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Decide(%v, %v) (-want +got):\n%s", tt.a, tt.b, diff)
			}
			if rev := s.Decide(s.Prepare(tt.b), s.Prepare(tt.a)); rev.Verdict != tt.verdict {
				t.Errorf("Decide(%v, %v) = %v, want %v (symmetric)", tt.b, tt.a, rev.Verdict, tt.verdict)
			}
		})
	}
}

// TestSolverBudget: issue 15, "report may overlap honestly when the budget
// runs out".
func TestSolverBudget(t *testing.T) {
	s := NewSolver()
	s.Budget = 50
	got := s.Decide(s.Prepare([]Pair{{"SPN", "pattern:.*a.{12}"}}), s.Prepare([]Pair{{"SPN", "pattern:.*b.{12}"}}))
	want := Decision{Verdict: MayOverlap, Why: "the conditions on SPN are too complex to decide within the work budget"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("small budget (-want +got):\n%s", diff)
	}
	if got := NewSolver().Decide(s.Prepare([]Pair{{"SPN", "pattern:.*a.{3}"}}), s.Prepare([]Pair{{"SPN", "pattern:.*b.{3}"}})); got.Verdict != Disjoint {
		t.Errorf("default budget: got %v, want disjoint", got)
	}
}

func TestSolverValues(t *testing.T) {
	tests := []struct {
		state []Pair
		name  string
		want  []string
		ok    bool
	}{
		{[]Pair{{"MCC", "pattern:31[0-2]"}}, "MCC", []string{"310", "311", "312"}, true},
		{[]Pair{{"MCC", "pattern:31[0-2]"}, {"MCC", "!311"}}, "mcc", []string{"310", "312"}, true},
		{[]Pair{{"MNC", "pattern:0?26"}}, "MNC", []string{"026", "26"}, true},
		{[]Pair{{"MNC", "range:1, 3"}}, "MNC", []string{"001", "002", "003", "01", "02", "03"}, true},
		{[]Pair{{"MCC", "310"}}, "MCC", []string{"310"}, true},
		{[]Pair{{"MCC", "pattern:.*"}}, "MCC", nil, false},    // 1,000 values
		{[]Pair{{"MCC", "pattern:(?=3)"}}, "MCC", nil, false}, // cannot be evaluated
		{[]Pair{{"MNC", "410"}}, "MCC", nil, false},           // not constrained
	}
	for _, tt := range tests {
		s := NewSolver()
		got, ok := s.Values(s.Prepare(tt.state), tt.name, 64)
		if ok != tt.ok || !cmp.Equal(got, tt.want) {
			t.Errorf("Values(%v, %s) = %q, %v; want %q, %v", tt.state, tt.name, got, ok, tt.want, tt.ok)
		}
	}
}

// TestRangeExpr checks the regular expression of a range against inRange on
// every value of a window, with signs and leading zeros.
func TestRangeExpr(t *testing.T) {
	ranges := [][2]string{{"0", "0"}, {"1", "5"}, {"-12", "7"}, {"-130", "-25"}, {"17", "123"}, {"99", "100"}, {"5", "1"}, {"-5", "-5"}, {"105", "1999"}}
	for _, r := range ranges {
		re := regexp.MustCompile(rangeExpr(r[0], r[1]))
		for n := -150; n <= 2100; n++ {
			for _, v := range []string{fmt.Sprint(n), fmt.Sprintf("%04d", n), fmt.Sprintf("%+d", n)} {
				if got, want := re.MatchString(v), inRange(v, r[0], r[1]); got != want {
					t.Fatalf("range %s..%s (%s) on %q: regexp %v, inRange %v", r[0], r[1], rangeExpr(r[0], r[1]), v, got, want)
				}
			}
		}
	}
	big := regexp.MustCompile(rangeExpr("89014103211118510720", "89014103211118510799"))
	for v, want := range map[string]bool{"89014103211118510720": true, "89014103211118510799": true, "089014103211118510750": true, "89014103211118510800": false, "8901410321111851072": false} {
		if got := big.MatchString(v); got != want {
			t.Errorf("ICCID range on %q: got %v, want %v", v, got, want)
		}
	}
}

// TestPatternValidAsWritten: a pattern that is valid only once anchored
// (`a)|(b` inside `^(?:...)$`) is still reported as invalid.
func TestPatternValidAsWritten(t *testing.T) {
	if _, err := ParseCondition("SPN", "pattern:a)|(b"); err == nil {
		t.Errorf("ParseCondition(SPN, pattern:a)|(b) = nil error, want the pattern reported invalid")
	}
}

// TestSolverAgainstEnumeration: on MNC, whose values a SIM can report are
// few (2 or 3 digits), the Solver's verdict and witness agree with testing
// every value with Eval, for random pairs of states.
func TestSolverAgainstEnumeration(t *testing.T) {
	pool := []string{"26", "026", "!26", "!026", "pattern:0?26", "pattern:[0-4]6", "!pattern:0?26", "pattern:2.", "pattern:.6",
		"range:20, 30", "range:0, 99", "!range:1, 500", "range:026, 26", "pattern:\\d{3}", "!pattern:\\d\\d", "pattern:(41|26)0?",
		"410", "pattern:4[0-9]0", "!pattern:4.*", "range:410, 419", "pattern:0+", "!range:0, 0"}
	var domain []string
	for n := range 1000 {
		domain = append(domain, fmt.Sprintf("%03d", n))
		if n < 100 {
			domain = append(domain, fmt.Sprintf("%02d", n))
		}
	}
	rng := rand.New(rand.NewPCG(13, 2026))
	s := NewSolver()
	for range 400 {
		var a, b []Pair
		for range 1 + rng.IntN(2) {
			a = append(a, Pair{"MNC", pool[rng.IntN(len(pool))]})
		}
		for range 1 + rng.IntN(2) {
			b = append(b, Pair{"MNC", pool[rng.IntN(len(pool))]})
		}
		conds := make([]Condition, 0, 4)
		for _, p := range append(slices.Clone(a), b...) {
			conds = append(conds, MustParseCondition(p.Name, p.Value))
		}
		holds := func(v string) bool {
			for i := range conds {
				if conds[i].Eval(v, true) != Matched {
					return false
				}
			}
			return true
		}
		exists := slices.ContainsFunc(domain, holds)
		plain := slices.ContainsFunc(conds, func(c Condition) bool { return c.Kind == Exact && !c.Negate })
		d := s.Decide(s.Prepare(a), s.Prepare(b))
		switch {
		case d.Verdict == MayOverlap:
			t.Errorf("%v and %v: may overlap (%s), want a decision", a, b, d.Why)
		case d.Verdict == Overlap && !holds(d.Witness[0].Value):
			t.Errorf("%v and %v: witness %q does not satisfy them", a, b, d.Witness[0].Value)
		case d.Verdict == Disjoint && exists:
			t.Errorf("%v and %v: disjoint, but %q satisfies both", a, b, domain[slices.IndexFunc(domain, holds)])
		case d.Verdict == Overlap && !exists && !plain: // a plain value is taken as written
			t.Errorf("%v and %v: overlap on %q, which is no MNC", a, b, d.Witness[0].Value)
		}
	}
}

// TestVerticalTab: .NET's \s matches a vertical tab, RE2's does not, so a
// value holding one is undecided for a pattern with \s, as a value outside
// ASCII is (issue 13: "a pattern .NET reads differently ... undecided").
func TestVerticalTab(t *testing.T) {
	c := MustParseCondition("SPN", `pattern:a\sb`)
	for v, want := range map[string]Outcome{"a b": Matched, "a\vb": Undecided, "ab": NotMatched} {
		if got := c.Eval(v, true); got != want {
			t.Errorf("pattern a\\sb on %q: %v, want %v", v, got, want)
		}
	}
}

// TestVerticalTabReason: resolve says why a value with a vertical tab is
// undecided.
func TestVerticalTabReason(t *testing.T) {
	c := compileXML(t, `<Targets><Target Id="T"><TargetState><Condition Name="SPN" Value="pattern:a\sb"/></TargetState></Target></Targets>
<Variant Name="V"><TargetRefs><TargetRef Id="T"/></TargetRefs><Settings Path="S"><Setting Name="X" Value="1"/></Settings></Variant>`)
	var p Profile
	p.Set("SPN", "a\vb")
	r := c.Resolve(p)
	want := `the value "a\vb" holds a vertical tab, which .NET's \s matches and Go's RE2's does not`
	if len(r.Undecided) != 1 || r.Undecided[0].Reason != want {
		t.Errorf("undecided %+v, want one with reason %q", r.Undecided, want)
	}
}
