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
		// domain.md §2 [tool]: the validator only knows lower-case prefixes; a
		// capitalised one is part of a plain value (never matching on SPN, a
		// failed build on MCC, MNC and GID1).
		{"SPN", "Pattern:Con.*", Condition{Name: "SPN", Kind: Exact, Text: "Pattern:Con.*"}, ""},
		{"SPN", "!PATTERN:x", Condition{Name: "SPN", Negate: true, Kind: Exact, Text: "PATTERN:x"}, ""},
		{"MNC", "Range:-3,3", Condition{Name: "MNC", Kind: Exact, Text: "Range:-3,3"}, ProblemInvalidValue},
		{"GID1", "Pattern:0A.*", Condition{Name: "GID1", Kind: Exact, Text: "Pattern:0A.*"}, ProblemInvalidValue},
		{"MNC", "range:1, 5", Condition{Name: "MNC", Kind: Range, Text: "1, 5", Min: "1", Max: "5"}, ""},
		{"MNC", "range:-03,+3", Condition{Name: "MNC", Kind: Range, Text: "-03,+3"}, ProblemInvalidValue}, // ImageApp: ^(-?\d+),\s?(-?\d+)$
		{"MNC", "range:-03,3", Condition{Name: "MNC", Kind: Range, Text: "-03,3", Min: "-3", Max: "3"}, ""},
		{"MNC", "!range:5, 1", Condition{Name: "MNC", Negate: true, Kind: Range, Text: "5, 1", Min: "5", Max: "1"}, ""},
		{"MNC", "range:1,  5", Condition{Name: "MNC", Kind: Range, Text: "1,  5"}, ProblemInvalidValue},
		{"MNC", "range:a, 5", Condition{Name: "MNC", Kind: Range, Text: "a, 5"}, ProblemInvalidValue},
		// domain.md §2 [tool]: range bounds are integers of any length (ICCIDs have 19-20 digits).
		{"ICCID", "range:8901260000000000000, 89012609999999999999", Condition{Name: "ICCID", Kind: Range, Text: "8901260000000000000, 89012609999999999999",
			Min: "8901260000000000000", Max: "89012609999999999999"}, ""},
		{"MNC", "range:99999999999999999999, 1", Condition{Name: "MNC", Kind: Range, Text: "99999999999999999999, 1", Min: "99999999999999999999", Max: "1"}, ""},
		// domain.md §2 [tool]: a name the validator does not know is not evaluated (lint: unknown-condition-name).
		{"IMSI", "310410123456789", Condition{Name: "IMSI", Kind: Exact, Text: "310410123456789"}, ProblemUnknownName},
		{"name", "x", Condition{Name: "name", Kind: Exact, Text: "x"}, ProblemReservedName},
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
	// A capitalised prefix is part of the plain value (domain.md §2 [tool]): kept as written.
	if got, want := MustParseCondition("SPN", "Pattern:x").String(), "Pattern:x"; got != want {
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
		// domain.md §2 [tool]: range bounds of any length, compared without overflow.
		{"ICCID", "range:8901260000000000000, 89012609999999999999", "89012601234567890123", true, Matched},
		{"ICCID", "range:8901260000000000000, 89012609999999999999", "89012610000000000000", true, NotMatched},
		{"ICCID", "range:8901260000000000000, 89012609999999999999", "8901259999999999999", true, NotMatched},
		{"MNC", "range:-10, -2", "-3", true, Matched},
		{"MNC", "range:-10, -2", "-11", true, NotMatched},
		{"MNC", "range:-10, -2", "-0", true, NotMatched},
		{"MNC", "range:0, 0", "-0", true, Matched},
		// domain.md §2 [tool]: a capitalised prefix is part of a plain value: it never matches.
		{"SPN", "Pattern:Con.*", "Contoso", true, NotMatched},
		{"SPN", "Pattern:Con.*", "Pattern:Con.*", true, Matched},
		{"MCC", "Range:310, 316", "312", true, Undecided}, // ImageApp fails the build
		// domain.md §2: a name the validator does not know is not evaluated.
		{"IMSI", "310410123456789", "310410123456789", true, Undecided},
		// domain.md §2 [tool]: .NET \d, \w and '.' read non-ASCII text differently.
		{"SPN", `pattern:\w+`, "Contoso", true, Matched},
		{"SPN", `pattern:\w+`, "Téléphone", true, Undecided},
		{"SPN", `pattern:Tel.*`, "Téléphone", true, Undecided},
		{"SPN", `pattern:T[eé]l[eé]phone`, "Téléphone", true, Undecided},
		{"Lang", `pattern:(?i)fr-ca`, "fr-CA", true, Matched},
		{"Lang", `pattern:(?i)tr-tr`, "TR-tr\u0130", true, Undecided},
		{"Lang", `pattern:(?<lang>fr)-CA`, "fr-CA", true, Matched},
		{"Lang", `pattern:(?<lang>fr)-CA.?`, "fr-CAé", true, Undecided},
		{"Lang", `pattern:(?<lang>fr)-CA`, "fr-CAé", true, NotMatched},
		// domain.md §2 [tool]: constructs .NET reads differently are undecided.
		{"MCC", "pattern:31[[:digit:]]", "31:", true, Undecided},
		{"SPN", "pattern:[a-z-[aeiou]]+", "xyz", true, Undecided},
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
		{"GID2", "1", []Problem{{ProblemUnknownName, `unknown condition name "GID2": ImageApp's validator warns on it and what the device does with it is not documented, so mcsf resolve leaves its TargetState undecided; the documented names are ` + documentedNames}}},
		{"MCC", "", []Problem{{ProblemInvalidValue, "condition MCC has an empty value: set the value to match"}}},
		{"MCC", "!", []Problem{{ProblemInvalidValue, "condition MCC has an empty value: set the value to match"}}},
		{"MCC", "31", []Problem{{ProblemInvalidValue, `MCC "31" must be exactly 3 digits, e.g. 310`}}},
		{"MCC", "31a", []Problem{{ProblemInvalidValue, `MCC "31a" must be exactly 3 digits, e.g. 310`}}},
		{"MNC", "4", []Problem{{ProblemInvalidValue, `MNC "4" must be 2 or 3 digits, e.g. 410; note that 26 and 026 are different values, write the form the SIM reports`}}},
		{"MNC", "0410", []Problem{{ProblemInvalidValue, `MNC "0410" must be 2 or 3 digits, e.g. 410; note that 26 and 026 are different values, write the form the SIM reports`}}},
		{"SPN", "ABCDEFGHIJKLMNOPQ", []Problem{{ProblemInvalidValue, `SPN "ABCDEFGHIJKLMNOPQ" is 17 UTF-16 code units (as ImageApp counts), a SIM's service provider name has at most 16`}}},
		{"SPN", "ABCDEFGHIJKLMNOP", nil},
		// domain.md §2 [tool]: SPN length in UTF-16 code units, as .NET counts a string.
		{"SPN", "ÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉ", nil}, // 16 characters, 32 UTF-8 bytes
		{"SPN", "😀😀😀😀😀😀😀😀A", []Problem{{ProblemInvalidValue, `SPN "😀😀😀😀😀😀😀😀A" is 17 UTF-16 code units (as ImageApp counts), a SIM's service provider name has at most 16`}}},
		// domain.md §2 [tool]: GID1 fits an unsigned 64-bit number.
		{"GID1", "FFFFFFFFFFFFFFFF", nil},
		{"GID1", "0000FFFFFFFFFFFFFFFF", nil},
		{"GID1", "1FFFFFFFFFFFFFFFF", []Problem{{ProblemInvalidValue, `GID1 "1FFFFFFFFFFFFFFFF" has 17 significant hex digits: ImageApp reads GID1 as an unsigned 64-bit number, at most 16`}}},
		// domain.md §2 [tool]: range bounds of any length.
		{"ICCID", "range:8901260000000000000, 89012609999999999999", nil},
		{"ICCID", "range:89012609999999999999, 8901260000000000000", []Problem{{ProblemInvalidValue, `range "89012609999999999999, 8901260000000000000" is empty: the minimum 89012609999999999999 is above the maximum 8901260000000000000, swap them`}}},
		// domain.md §2 [tool]: .NET rejects it, ImageApp fails the build.
		{"SPN", `pattern:\QA.B\E`, []Problem{{ProblemInvalidValue, `pattern "\\QA.B\\E" uses \Q (RE2's literal quoting \Q...\E), which .NET (the device's and ImageApp's regular expressions) rejects: ImageApp fails the build; rewrite it in .NET syntax`}}},
		{"SPN", `pattern:[[:upper:]]+`, []Problem{{ProblemPatternDiffers, `pattern "[[:upper:]]+" uses the POSIX class [:upper:] (RE2 reads a character class, .NET the characters '[', ':', ... literally), which .NET on the device reads differently from Go's RE2 used here: mcsf resolve reports its target state as undecided; rewrite the pattern without it`}}},
		{"GID1", "0A1b", nil},
		{"GID1", "0G", []Problem{{ProblemInvalidValue, `GID1 "0G" must be hexadecimal digits, e.g. 0A1B`}}},
		{"Roaming", "2", []Problem{{ProblemInvalidValue, `Roaming "2" never matches: the value is 0 or 1`}}},
		{"UICC", "3", []Problem{{ProblemInvalidValue, `UICC "3" never matches: the value is 0 (empty), 1 (ready) or 2 (locked)`}}},
		{"MNC", "range:5, 1", []Problem{{ProblemInvalidValue, `range "5, 1" is empty: the minimum 5 is above the maximum 1, swap them`}}},
		{"MNC", "range:1..5", []Problem{{ProblemInvalidValue, `range "1..5" is not two integers: write range:MIN, MAX, e.g. range:1, 5`}}},
		// domain.md §2 [tool]: a capitalised prefix fails the per-name check on MCC, MNC, GID1 (an error), elsewhere it never matches (a warning).
		{"MNC", "Range:1, 5", []Problem{{ProblemInvalidValue, `"Range:" is not a prefix for ImageApp: it reads the whole value as a plain MNC, which fails its check and the build; write "range:"`}}},
		{"MCC", "!Pattern:31.", []Problem{{ProblemInvalidValue, `"Pattern:" is not a prefix for ImageApp: it reads the whole value as a plain MCC, which fails its check and the build; write "pattern:"`}}},
		{"GID1", "Pattern:0A.*", []Problem{{ProblemInvalidValue, `"Pattern:" is not a prefix for ImageApp: it reads the whole value as a plain GID1, which fails its check and the build; write "pattern:"`}}},
		{"SPN", "!Pattern:x", []Problem{{ProblemPrefixCase, `"Pattern:" is not a prefix for ImageApp: it reads the whole value as a plain value, which never matches a SIM; write "pattern:"`}}},
		{"SPN", "pattern:", []Problem{{ProblemInvalidValue, "pattern is empty and matches only an empty value: write the regular expression after pattern:"}}},
		{"SPN", "pattern:(a", []Problem{{ProblemInvalidValue, "pattern \"(a\" is not a valid regular expression (missing closing ) `(a`): fix the expression"}}},
		{"SPN", "pattern:(?<!x)y", []Problem{{ProblemPatternUnsupported, `pattern "(?<!x)y" uses a negative look-behind (?<!...), which .NET accepts on the device but Go's RE2 cannot evaluate: mcsf resolve reports its target state as undecided; rewrite the pattern without it to have it checked`}}},
		// several problems at once: name, then prefix, then value
		{"Foo", "Pattern:(?=a)", []Problem{
			{ProblemUnknownName, `unknown condition name "Foo": ImageApp's validator warns on it and what the device does with it is not documented, so mcsf resolve leaves its TargetState undecided; the documented names are ` + documentedNames},
			{ProblemPrefixCase, `"Pattern:" is not a prefix for ImageApp: it reads the whole value as a plain value, which never matches a SIM; write "pattern:"`},
		}},
	}
	for _, tt := range tests {
		got := CheckCondition(tt.name, tt.value)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("CheckCondition(%q, %q) mismatch (-want +got):\n%s", tt.name, tt.value, diff)
		}
	}
}

// TestDialectScan pins the comparison table of doc.go: how .NET (the
// device, ImageApp) and Go's RE2 read each construct (domain.md §2 [tool]).
func TestDialectScan(t *testing.T) {
	tests := []struct {
		pattern string
		want    dialect
		what    string
	}{
		// .NET accepts, RE2 cannot compile: undecided
		{`(?=a)`, netOnly, "a look-ahead (?=...)"},
		{`(?!a)`, netOnly, "a negative look-ahead (?!...)"},
		{`(?<=a)b`, netOnly, "a look-behind (?<=...)"},
		{`(?<!a)b`, netOnly, "a negative look-behind (?<!...)"},
		{`(a)\1`, netOnly, `a back-reference (\1)`},
		{`(?<n>a)\k<n>`, netOnly, `a named back-reference (\k<name>)`},
		{`(?>a+)`, netOnly, "an atomic group (?>...)"},
		{`(?'n'a)`, netOnly, "a named group written (?'name'...)"},
		{`(?(a)b|c)`, netOnly, "a conditional (?(...)...)"},
		{`(?<o-n>a)`, netOnly, "a balancing group (?<name-other>...)"},
		{`(?x) a`, netOnly, "the inline option x"},
		{`(?n)(a)`, netOnly, "the inline option n"},
		{`a(?#note)b`, netOnly, "an inline comment (?#...)"},
		{`a\Z`, netOnly, `the anchor \Z`},
		{`\Ga`, netOnly, `the anchor \G`},
		{`\p{IsGreek}`, netOnly, `a Unicode block class (\p{IsGreek})`},
		{`\e`, netOnly, `the escape \e (ESC)`},
		{`\cM`, netOnly, `a control character escape (\cM)`},
		{`\u0041`, netOnly, `a UTF-16 escape (\uXXXX)`},
		{`a{1001}`, netOnly, "a repeat count of 1001 (RE2 allows at most 1000)"},
		// .NET rejects: ImageApp fails the build
		{`\Q.*\E`, netRejects, `\Q (RE2's literal quoting \Q...\E)`},
		{`(?P<n>a)`, netRejects, "(?P<name>...), RE2's named group syntax (.NET writes (?<name>...))"},
		{`\x{41}`, netRejects, `\x{...} (RE2's code point escape; .NET takes exactly two hex digits after \x)`},
		{`(?U)a+`, netRejects, "the inline option U (.NET knows i, m, n, s and x)"},
		{`a++`, netRejects, "a possessive quantifier (++), a nested quantifier for .NET"},
		{`a*+`, netRejects, "a possessive quantifier (*+), a nested quantifier for .NET"},
		{`a{2}+`, netRejects, "a possessive quantifier ({2}+), a nested quantifier for .NET"},
		{`\pL`, netRejects, `\pL without braces (.NET needs \p{...})`},
		{`\p{Greek}`, netRejects, `\p{Greek}, a Unicode property .NET does not know (it knows general categories such as Lu and blocks such as IsGreek)`},
		{`a\_b`, netRejects, `\_ (.NET rejects an escaped word character it does not know)`},
		// both accept, read differently: undecided
		{`[[:alpha:]]`, differs, "the POSIX class [:alpha:] (RE2 reads a character class, .NET the characters '[', ':', ... literally)"},
		{`[a-z-[aeiou]]`, differs, "a character class subtraction -[...] (.NET subtracts the inner class, RE2 reads '-' and '[' as members and the ']' after it as a literal)"},
		// read alike, or the same characters as literals
		{`(a`, 0, ""},
		{`\\1`, 0, ""},
		{`[(?=]`, 0, ""},
		{`[]a(]`, 0, ""},
		{`\(?=`, 0, ""},
		{`(?i)a`, 0, ""},
		{`(?i:a)(?-s:b)`, 0, ""},
		{`(?<n>a)`, 0, ""},
		{`(?:a|b)+?`, 0, ""},
		{`a{2,5}b{,3}`, 0, ""},
		{`\p{Lu}\d\x41\.`, 0, ""},
		{`[a-z]-[b]`, 0, ""},
	}
	for _, tt := range tests {
		d, what := dialectScan(tt.pattern)
		if d != tt.want || what != tt.what {
			t.Errorf("dialectScan(%q) = %v, %q; want %v, %q", tt.pattern, d, what, tt.want, tt.what)
		}
	}
}

// TestKnownNotReserved: no documented condition name is reserved, which
// nameProblem's shortcut for documented names relies on.
func TestKnownNotReserved(t *testing.T) {
	for _, k := range knownNames {
		if reserved(k.key) {
			t.Errorf("%s is documented and reserved", k.key)
		}
	}
}

// TestDocumentedKey: documentedKey knows exactly the documented spelling
// of every documented name (knownNames), with its lower-case form, and
// lowerName and nameProblem answer for every spelling as strings.ToLower
// and the known-name table do.
func TestDocumentedKey(t *testing.T) {
	if len(knownNames) != 17 {
		t.Fatalf("%d documented names: update documentedKey's switch", len(knownNames))
	}
	for _, k := range knownNames {
		key := k.key
		for _, s := range []string{k.canon, key, strings.ToUpper(key), " " + k.canon, k.canon + " ", k.canon + "x", "IMSI", ""} {
			got, ok := documentedKey(s)
			if want := s == k.canon; ok != want || ok && got != key {
				t.Errorf("documentedKey(%q) = %q, %v; want %v", s, got, ok, want)
			}
			if got := lowerName(s); got != strings.ToLower(s) {
				t.Errorf("lowerName(%q) = %q", s, got)
			}
			_, bad := nameProblem(s)
			if _, ok := known(strings.ToLower(s)); ok && bad {
				t.Errorf("nameProblem(%q): a problem for a documented name", s)
			}
		}
	}
}

// TestSplitCapitalised: a plain value keeps a prefix written in another
// case (cap) exactly when it starts with pattern: or range: folded as
// strings.EqualFold folds, whatever its first byte.
func TestSplitCapitalised(t *testing.T) {
	for _, v := range []string{"Pattern:31.", "PATTERN:x", "pATTERN:", "Range:1, 5", "rANGE:1,2", "!Pattern:3", "!RANGE:", "Patter", "R", "",
		"310", "\u212aattern:", "\u017fange:", "ṗattern:", "Ранге:", "p", "r", "Pattern;", "Rangé:"} {
		rest := strings.TrimPrefix(v, "!")
		want := ""
		for _, p := range []string{"pattern:", "range:"} {
			if len(rest) >= len(p) && strings.EqualFold(rest[:len(p)], p) && rest[:len(p)] != p {
				want = rest[:len(p)]
			}
		}
		if got := splitCondition("SPN", v).cap; got != want {
			t.Errorf("splitCondition(%q).cap = %q, want %q", v, got, want)
		}
	}
}
