package variant

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestClassOf(t *testing.T) {
	tests := []struct {
		name string
		want Class
	}{
		{"MCC", ClassP0}, {"mnc", ClassP0}, {"Spn", ClassP0}, {"PNN", ClassP0}, {"GID1", ClassP0},
		{"ICCID", ClassP0}, {"roaming", ClassP0}, {"UICC", ClassP0}, {"UiccSlot", ClassP0},
		{"ProcessorType", ClassP1}, {"PROCESSORNAME", ClassP1}, {"aoac", ClassP1}, {"PowerPlatformRole", ClassP1},
		{"Architecture", ClassP1}, {"server", ClassP1}, {"Region", ClassP1}, {"LANG", ClassP1},
		{"GID2", ClassOther}, {"", ClassOther}, {"name", ClassOther},
	}
	for _, tt := range tests {
		if got := ClassOf(tt.name); got != tt.want {
			t.Errorf("ClassOf(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestParseCondition(t *testing.T) {
	tests := []struct {
		name, value string
		want        Condition
		wantKind    ProblemKind // "" when no error
	}{
		{"MCC", "310", Condition{Name: "MCC", Kind: Exact, Text: "310"}, ""},
		{"MCC", "!310", Condition{Name: "MCC", Negate: true, Kind: Exact, Text: "310"}, ""},
		{"SPN", "pattern:^Contoso", Condition{Name: "SPN", Kind: Pattern, Text: "^Contoso"}, ""},
		{"SPN", "Pattern:Con.*", Condition{Name: "SPN", Kind: Pattern, Text: "Con.*"}, ""},
		{"SPN", "!PATTERN:x", Condition{Name: "SPN", Negate: true, Kind: Pattern, Text: "x"}, ""},
		{"MNC", "range:1, 5", Condition{Name: "MNC", Kind: Range, Text: "1, 5", Min: 1, Max: 5}, ""},
		{"MNC", "Range:-3,3", Condition{Name: "MNC", Kind: Range, Text: "-3,3", Min: -3, Max: 3}, ""},
		{"MNC", "!range:5, 1", Condition{Name: "MNC", Negate: true, Kind: Range, Text: "5, 1", Min: 5, Max: 1}, ""},
		{"MNC", "range:1,  5", Condition{Name: "MNC", Kind: Range, Text: "1,  5"}, ProblemInvalidValue},
		{"MNC", "range:a, 5", Condition{Name: "MNC", Kind: Range, Text: "a, 5"}, ProblemInvalidValue},
		{"MNC", "range:99999999999999999999, 1", Condition{Name: "MNC", Kind: Range, Text: "99999999999999999999, 1"}, ProblemInvalidValue},
		{"SPN", "pattern:(?=x)", Condition{Name: "SPN", Kind: Pattern, Text: "(?=x)"}, ProblemPatternUnsupported},
		{"SPN", "pattern:(ab", Condition{Name: "SPN", Kind: Pattern, Text: "(ab"}, ProblemInvalidValue},
		{"", "310", Condition{Name: "", Kind: Exact, Text: "310"}, ProblemEmptyName},
		{"MCC", "", Condition{Name: "MCC", Kind: Exact, Text: ""}, ""},
		{"MCC", "pattern", Condition{Name: "MCC", Kind: Exact, Text: "pattern"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name+"="+tt.value, func(t *testing.T) {
			got, err := ParseCondition(tt.name, tt.value)
			var p Problem
			gotKind := ProblemKind("")
			if errors.As(err, &p) {
				gotKind = p.Kind
			} else if err != nil {
				t.Fatalf("error %v is not a Problem", err)
			}
			if gotKind != tt.wantKind {
				t.Errorf("ParseCondition(%q, %q) error kind = %q (%v), want %q", tt.name, tt.value, gotKind, err, tt.wantKind)
			}
			if got.Decidable() != (tt.wantKind == "") {
				t.Errorf("Decidable() = %v, want %v", got.Decidable(), tt.wantKind == "")
			}
			opt := cmp.Comparer(func(a, b Condition) bool {
				return a.Name == b.Name && a.Negate == b.Negate && a.Kind == b.Kind && a.Text == b.Text && a.Min == b.Min && a.Max == b.Max
			})
			if diff := cmp.Diff(tt.want, got, opt); diff != "" {
				t.Errorf("ParseCondition(%q, %q) mismatch (-want +got):\n%s", tt.name, tt.value, diff)
			}
		})
	}
}

func TestConditionString(t *testing.T) {
	for _, v := range []string{"310", "!310", "pattern:^a.*$", "!pattern:x", "range:1, 5", "!range:-1,1", ""} {
		if got := MustParseCondition("MCC", v).String(); got != v {
			t.Errorf("String() of %q = %q, want %q", v, got, v)
		}
	}
	if got, want := MustParseCondition("MCC", "Pattern:x").String(), "pattern:x"; got != want {
		t.Errorf("String() of Pattern:x = %q, want %q", got, want)
	}
}

func TestEval(t *testing.T) {
	tests := []struct {
		name, value string // the condition
		profile     string // the profile's value
		set         bool
		want        Outcome
	}{
		// plain values: exact strings
		{"MCC", "310", "310", true, Matched},
		{"MCC", "310", "311", true, NotMatched},
		{"MCC", "310", " 310", true, NotMatched},
		{"MNC", "26", "026", true, NotMatched},
		{"MNC", "026", "026", true, Matched},
		{"GID1", "0a", "0A", true, NotMatched},
		// SPN and PNN compare case-insensitively
		{"SPN", "Contoso", "CONTOSO", true, Matched},
		{"spn", "contoso", "Contoso", true, Matched},
		{"PNN", "Fabrikam", "fabrikam", true, Matched},
		{"SPN", "Contoso", "Contoso2", true, NotMatched},
		// negation
		{"MCC", "!310", "311", true, Matched},
		{"MCC", "!310", "310", true, NotMatched},
		{"SPN", "!contoso", "CONTOSO", true, NotMatched},
		// unset names never match, negated or not
		{"MCC", "310", "", false, NotMatched},
		{"MCC", "!310", "", false, NotMatched},
		{"MNC", "range:1, 5", "", false, NotMatched},
		{"SPN", "!pattern:.*", "", false, NotMatched},
		// patterns are anchored
		{"SPN", "pattern:Con", "Contoso", true, NotMatched},
		{"SPN", "pattern:Con.*", "Contoso", true, Matched},
		{"SPN", "pattern:con.*", "Contoso", true, Matched}, // SPN folds case in patterns too
		{"ICCID", "pattern:8901.*", "89014103211118510720", true, Matched},
		{"ICCID", "pattern:8901", "89014103211118510720", true, NotMatched},
		{"ICCID", "pattern:a|8901.*", "89014103211118510720", true, Matched}, // alternation inside the anchors
		{"ICCID", "pattern:a|b", "ab", true, NotMatched},
		{"MCC", "pattern:31[0-6]", "316", true, Matched},
		{"MCC", "!pattern:31[0-6]", "316", true, NotMatched},
		{"MCC", "!pattern:31[0-6]", "317", true, Matched},
		{"Lang", "pattern:en-..", "EN-us", true, NotMatched}, // only SPN/PNN fold case
		// ranges are inclusive integers
		{"MNC", "range:1, 5", "1", true, Matched},
		{"MNC", "range:1, 5", "5", true, Matched},
		{"MNC", "range:1, 5", "0", true, NotMatched},
		{"MNC", "range:1, 5", "6", true, NotMatched},
		{"MNC", "range:1, 5", "05", true, Matched},
		{"MNC", "range:1, 5", "x", true, NotMatched},
		{"MNC", "range:1, 5", "3.0", true, NotMatched},
		{"MNC", "range:-5,-1", "-3", true, Matched},
		{"MNC", "range:5, 1", "3", true, NotMatched},
		{"MNC", "!range:1, 5", "6", true, Matched},
		{"MNC", "!range:1, 5", "x", true, Matched}, // not in the range, negated
		{"MNC", "!range:1, 5", "3", true, NotMatched},
		// undecidable conditions
		{"SPN", "pattern:(?!Contoso).*", "Fabrikam", true, Undecided},
		{"SPN", "pattern:(?!Contoso).*", "", false, Undecided},
		{"MNC", "range:1-5", "3", true, Undecided},
	}
	for _, tt := range tests {
		c, _ := ParseCondition(tt.name, tt.value)
		if got := c.Eval(tt.profile, tt.set); got != tt.want {
			t.Errorf("%s=%q against %q (set %v): got %v, want %v", tt.name, tt.value, tt.profile, tt.set, got, tt.want)
		}
	}
}

func TestCheckCondition(t *testing.T) {
	tests := []struct {
		name, value string
		want        []Problem
	}{
		{"MCC", "310", nil},
		{"mcc", "!pattern:31[0-6]", nil},
		{"SPN", "pattern:" + strings.Repeat("a", MaxPatternLength), nil},
		{"SPN", "pattern:" + strings.Repeat("a", MaxPatternLength+1), []Problem{{ProblemInvalidValue, "pattern is 1025 characters long, over the limit of 1024: match with a shorter pattern or several TargetStates"}}},
		{"MNC", "26", nil},
		{"MNC", "026", nil},
		{"ProcessorType", "ARM", nil},
		{"UICCSLOT", "1", nil},
		{"", "310", []Problem{{ProblemEmptyName, "condition has no name: set Name to a SIM or device condition such as MCC"}}},
		{"ProductId", "1", []Problem{{ProblemReservedName, `"ProductId" is a reserved name and cannot be a condition: use a SIM or device condition such as MCC`}}},
		{"GID2", "1", []Problem{{ProblemUnknownName, `unknown condition name "GID2": the documented names are ` + documentedNames}}},
		{"MCC", "", []Problem{{ProblemInvalidValue, "condition MCC has an empty value: set the value to match"}}},
		{"MCC", "!", []Problem{{ProblemInvalidValue, "condition MCC has an empty value: set the value to match"}}},
		{"MCC", "31", []Problem{{ProblemInvalidValue, `MCC "31" must be exactly 3 digits, e.g. 310`}}},
		{"MCC", "31a", []Problem{{ProblemInvalidValue, `MCC "31a" must be exactly 3 digits, e.g. 310`}}},
		{"MNC", "4", []Problem{{ProblemInvalidValue, `MNC "4" must be 2 or 3 digits, e.g. 410; note that 26 and 026 are different values, write the form the SIM reports`}}},
		{"MNC", "0410", []Problem{{ProblemInvalidValue, `MNC "0410" must be 2 or 3 digits, e.g. 410; note that 26 and 026 are different values, write the form the SIM reports`}}},
		{"SPN", "ABCDEFGHIJKLMNOPQ", []Problem{{ProblemInvalidValue, `SPN "ABCDEFGHIJKLMNOPQ" is 17 characters, a SIM's service provider name has at most 16`}}},
		{"SPN", "ABCDEFGHIJKLMNOP", nil},
		{"GID1", "0A1b", nil},
		{"GID1", "0G", []Problem{{ProblemInvalidValue, `GID1 "0G" must be hexadecimal digits, e.g. 0A1B`}}},
		{"Roaming", "2", []Problem{{ProblemInvalidValue, `Roaming "2" never matches: the value is 0 or 1`}}},
		{"UICC", "3", []Problem{{ProblemInvalidValue, `UICC "3" never matches: the value is 0 (empty), 1 (ready) or 2 (locked)`}}},
		{"MNC", "range:5, 1", []Problem{{ProblemInvalidValue, `range "5, 1" is empty: the minimum 5 is above the maximum 1, swap them`}}},
		{"MNC", "range:1..5", []Problem{{ProblemInvalidValue, `range "1..5" is not two integers: write range:MIN, MAX, e.g. range:1, 5`}}},
		{"MNC", "Range:1, 5", []Problem{{ProblemPrefixCase, `write "range:" in lower case: "Range:" is accepted here but ImageApp's validator only knows "range:"`}}},
		{"SPN", "!Pattern:x", []Problem{{ProblemPrefixCase, `write "pattern:" in lower case: "Pattern:" is accepted here but ImageApp's validator only knows "pattern:"`}}},
		{"SPN", "pattern:", []Problem{{ProblemInvalidValue, "pattern is empty and matches only an empty value: write the regular expression after pattern:"}}},
		{"SPN", "pattern:(a", []Problem{{ProblemInvalidValue, "pattern \"(a\" is not a valid regular expression (missing closing ) `(a`): fix the expression"}}},
		{"SPN", "pattern:(?<!x)y", []Problem{{ProblemPatternUnsupported, `pattern "(?<!x)y" uses a negative look-behind (?<!...), which .NET accepts on the device but Go's RE2 cannot evaluate: mcsf resolve reports its target state as undecided; rewrite the pattern without it to have it checked`}}},
		// several problems at once: name, then prefix, then value
		{"Foo", "Pattern:(?=a)", []Problem{
			{ProblemUnknownName, `unknown condition name "Foo": the documented names are ` + documentedNames},
			{ProblemPrefixCase, `write "pattern:" in lower case: "Pattern:" is accepted here but ImageApp's validator only knows "pattern:"`},
			{ProblemPatternUnsupported, `pattern "(?=a)" uses a look-ahead (?=...), which .NET accepts on the device but Go's RE2 cannot evaluate: mcsf resolve reports its target state as undecided; rewrite the pattern without it to have it checked`},
		}},
	}
	for _, tt := range tests {
		got := CheckCondition(tt.name, tt.value)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("CheckCondition(%q, %q) mismatch (-want +got):\n%s", tt.name, tt.value, diff)
		}
	}
}

func TestDotNetOnly(t *testing.T) {
	tests := []struct{ pattern, want string }{
		{`(?=a)`, "a look-ahead (?=...)"},
		{`(?!a)`, "a negative look-ahead (?!...)"},
		{`(?<=a)b`, "a look-behind (?<=...)"},
		{`(?<!a)b`, "a negative look-behind (?<!...)"},
		{`(a)\1`, `a back-reference (\1)`},
		{`(?<n>a)\k<n>`, `a named back-reference (\k<name>)`},
		{`(?>a+)`, "an atomic group (?>...)"},
		{`a++`, "a possessive quantifier (++)"},
		{`a*+`, "a possessive quantifier (*+)"},
		{`a{2}+`, "a possessive quantifier (}+)"},
		{`(?'n'a)`, "a named group written (?'name'...)"},
		{`(?(a)b|c)`, "a conditional (?(...)...)"},
		{`(?<o-n>a)`, "a balancing group (?<name-other>...)"},
		{`(?x) a`, "the inline option n or x"},
		{`a\Z`, `the anchor \Z`},
		{`\p{IsGreek}`, `a Unicode block class (\p{Is...})`},
		// not .NET-only: plain errors, or the same characters as literals
		{`(a`, ""},
		{`\\1`, ""},
		{`[(?=]`, ""},
		{`[]a(]`, ""},
		{`\(?=`, ""},
		{`(?i)a`, ""},
	}
	for _, tt := range tests {
		if got := dotNetOnly(tt.pattern); got != tt.want {
			t.Errorf("dotNetOnly(%q) = %q, want %q", tt.pattern, got, tt.want)
		}
	}
}
