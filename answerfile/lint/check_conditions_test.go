package lint

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/variant"
)

// conditionFile is a buildable answer file whose one Target has the given
// TargetStates, each a list of Name=Value conditions.
func conditionFile(states ...[]variant.Pair) []byte {
	var b strings.Builder
	b.WriteString(`<ImageCustomizations xmlns="http://schemas.microsoft.com/embedded/2004/10/ImageUpdate" Name="N" Owner="O" OwnerType="OEM">
<Targets><Target Id="T">`)
	for _, st := range states {
		b.WriteString("<TargetState>")
		for _, p := range st {
			fmt.Fprintf(&b, `<Condition Name="%s" Value="%s"/>`, p.Name, p.Value)
		}
		b.WriteString("</TargetState>")
	}
	b.WriteString(`</Target></Targets>
<Static><Settings Path="Multivariant"><Setting Name="Enable" Value="1"/></Settings><Settings Path="AutoDataConfig"><Setting Name="Enable" Value="0"/></Settings></Static>
<Variant Name="V"><TargetRefs><TargetRef Id="T"/></TargetRefs><Settings Path="CellCore/PerIMSI/$(__IMSI)/SMS"><Setting Name="3GPP/IMS/RetryEnabled" Value="1"/></Settings></Variant>
</ImageCustomizations>
`)
	return []byte(b.String())
}

func lintStates(t *testing.T, states ...[]variant.Pair) []answerfile.Diagnostic {
	t.Helper()
	ds, err := File("f.xml", conditionFile(states...), Config{})
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func withRule(ds []answerfile.Diagnostic, rule string) []answerfile.Diagnostic {
	var out []answerfile.Diagnostic
	for _, d := range ds {
		if d.Rule == rule {
			out = append(out, d)
		}
	}
	return out
}

// TestMNCFormFixes applies both fixes mnc-form suggests and checks that the
// finding goes away and that the result matches exactly the two spellings
// of the MNC, as the message promises (issue 13: pattern:0?2 for "02" did
// not match "002"). domain.md §2 [policy]: 26 and 026 are different values.
func TestMNCFormFixes(t *testing.T) {
	patternFix := regexp.MustCompile(`use (pattern:\S+)$`)
	stateFix := regexp.MustCompile(`add a TargetState with MNC "(\d+)"`)
	for _, v := range []string{"26", "026", "02", "002", "00", "000", "10", "010"} {
		t.Run(v, func(t *testing.T) {
			ds := withRule(lintStates(t, []variant.Pair{{Name: "MCC", Value: "310"}, {Name: "MNC", Value: v}}), RuleMNCForm)
			if len(ds) != 1 {
				t.Fatalf("got %d mnc-form findings, want 1: %v", len(ds), ds)
			}
			fix := ds[0].Fix
			m, s := patternFix.FindStringSubmatch(fix), stateFix.FindStringSubmatch(fix)
			if m == nil || s == nil {
				t.Fatalf("fix %q does not offer both a pattern and a TargetState", fix)
			}
			other := s[1]
			if other == v || strings.TrimLeft(other, "0") != strings.TrimLeft(v, "0") && "0"+other != v && "0"+v != other {
				t.Fatalf("fix %q: %q is not the other spelling of %q", fix, other, v)
			}
			// The pattern fix: no finding, and it matches v and the other form only.
			if got := withRule(lintStates(t, []variant.Pair{{Name: "MCC", Value: "310"}, {Name: "MNC", Value: m[1]}}), RuleMNCForm); len(got) > 0 {
				t.Errorf("after %s: still %v", m[1], got)
			}
			c := variant.MustParseCondition("MNC", m[1])
			for _, probe := range []string{v, other, "0" + other, "0" + v, other[1:], v[1:], v + "0"} {
				want := probe == v || probe == other
				if got := c.Eval(probe, true) == variant.Matched; got != want {
					t.Errorf("%s against MNC %q: matched %v, want %v", m[1], probe, got, want)
				}
			}
			// The TargetState fix: the two states together match both forms; only the finding's own kind remains (one per form, as information).
			both := lintStates(t, []variant.Pair{{Name: "MCC", Value: "310"}, {Name: "MNC", Value: v}}, []variant.Pair{{Name: "MCC", Value: "310"}, {Name: "MNC", Value: other}})
			if slices.ContainsFunc(both, func(d answerfile.Diagnostic) bool { return d.Severity > answerfile.Info }) {
				t.Errorf("with a TargetState for %q: findings %v", other, both)
			}
		})
	}
}

// TestConditionFixes applies the fix of each condition finding that offers
// one and checks that the finding goes away and the condition then means
// what the message says (domain.md §2).
func TestConditionFixes(t *testing.T) {
	lowerFix := regexp.MustCompile(`write "(pattern:|range:)"$`)
	tests := []struct {
		rule         string
		name, value  string
		fixed        func(d answerfile.Diagnostic) (name, value string)
		match, other string // a value the fixed condition matches, and one it does not
	}{
		{RuleConditionPrefixCase, "SPN", "Pattern:Contoso.*", func(d answerfile.Diagnostic) (string, string) {
			m := lowerFix.FindStringSubmatch(d.Message)
			return "SPN", m[1] + "Contoso.*"
		}, "Contoso Mobile", "Fabrikam"},
		{RuleInvalidConditionValue, "MCC", "Range:310, 316", func(d answerfile.Diagnostic) (string, string) {
			m := lowerFix.FindStringSubmatch(d.Message)
			return "MCC", m[1] + "310, 316"
		}, "312", "317"},
		{RuleUnknownConditionName, "MMC", "310", func(d answerfile.Diagnostic) (string, string) {
			return strings.TrimSuffix(strings.TrimPrefix(d.Fix, "did you mean "), "?"), "310"
		}, "310", "311"},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			ds := withRule(lintStates(t, []variant.Pair{{Name: tt.name, Value: tt.value}}), tt.rule)
			if len(ds) != 1 {
				t.Fatalf("%s=%q: got %v, want one %s finding", tt.name, tt.value, ds, tt.rule)
			}
			name, value := tt.fixed(ds[0])
			if after := lintStates(t, []variant.Pair{{Name: name, Value: value}}); len(after) > 0 {
				t.Errorf("after the fix %s=%q: %v", name, value, after)
			}
			c := variant.MustParseCondition(name, value)
			if c.Eval(tt.match, true) != variant.Matched || c.Eval(tt.other, true) != variant.NotMatched {
				t.Errorf("fixed %s=%q: want it to match %q and not %q", name, value, tt.match, tt.other)
			}
		})
	}
}

// TestMNCFormTexts: the table of mnc-form's texts holds, for every 2-digit
// MNC and every 3-digit one with a leading 0, the message naming it and
// its other spelling and the fix offering both; a negated MNC gets the
// message without the fix.
func TestMNCFormTexts(t *testing.T) {
	for n := range 100 {
		short := fmt.Sprintf("%02d", n)
		for i, v := range []string{short, "0" + short} {
			other := "0" + short
			if i == 1 {
				other = short
			}
			want := mncFormText{
				msg: `MNC "` + v + `" does not match a SIM that reports "` + other + `": they are different values; write the form the operator's SIMs report`,
				fix: `if both forms occur, add a TargetState with MNC "` + other + `", or use pattern:0?` + short,
			}
			// Made anew, remembered by a run's cache, and read back from it.
			c := NewSchemaCache()
			first := c.mncFormText(v)
			for _, got := range []*mncFormText{newMNCFormText(v), first} {
				if *got != want {
					t.Errorf("MNC %s: %+v, want %+v", v, *got, want)
				}
			}
			if c.mncFormText(v) != first {
				t.Errorf("MNC %s: the cache made its texts again", v)
			}
		}
	}
	for _, v := range []string{"!26", "!026"} {
		ds := withRule(lintStates(t, []variant.Pair{{Name: "MCC", Value: "310"}, {Name: "MNC", Value: v}}), RuleMNCForm)
		if len(ds) != 1 || ds[0].Message != newMNCFormText(v[1:]).msg || ds[0].Fix != "" {
			t.Errorf("MNC %s: %+v, want the message of %s without a fix", v, ds, v[1:])
		}
	}
}
