package lint

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/mcsf-dev/mcsf/answerfile"
)

// fixBase is a clean answer file with a Target, a Static and a Variant;
// the cases of TestFix break it in one place each.
const fixBase = `<?xml version="1.0" encoding="utf-8"?>
<ImageCustomizations xmlns="http://schemas.microsoft.com/embedded/2004/10/ImageUpdate" Name="IMSRetry" Owner="Contoso" OwnerType="OEM">
` + fixTargets + fixStatic + fixVariant + "</ImageCustomizations>\n"

const fixStatic = `  <Static>
    <Settings Path="Multivariant">
      <Setting Name="Enable" Value="1"/>
    </Settings>
    <Settings Path="AutoDataConfig">
      <Setting Name="Enable" Value="0"/>
    </Settings>
  </Static>
`

const fixTargets = `  <Targets>
    <Target Id="Contoso">
      <TargetState>
        <Condition Name="MCC" Value="310"/>
        <Condition Name="MNC" Value="410"/>
      </TargetState>
    </Target>
  </Targets>
`

const fixVariant = `  <Variant Name="Contoso">
    <TargetRefs>
      <TargetRef Id="Contoso"/>
    </TargetRefs>
    <Settings Path="CellCore/PerIMSI/$(__IMSI)/SMS">
      <Setting Name="3GPP/IMS/RetryEnabled" Value="1"/>
    </Settings>
  </Variant>
`

// TestFix breaks the clean file in one place, applies the fix of the
// finding and lints again: the finding is gone, nothing else is found, and
// the text is the one promised (the clean file, or the stated form).
func TestFix(t *testing.T) {
	for _, tc := range []struct {
		name, rule string
		bad        string // what replaces the first occurrence of from in fixBase
		from       string
		want       string // "" for fixBase
		crlf       bool   // the file has CR LF line ends
	}{
		{name: "settings path case", rule: RulePathCase,
			from: `Path="CellCore/PerIMSI/$(__IMSI)/SMS"`, bad: `Path="cellcore/perimsi/$(__IMSI)/sms"`},
		{name: "setting name case", rule: RulePathCase,
			from: `Name="3GPP/IMS/RetryEnabled"`, bad: `Name="3gpp/ims/retryenabled"`},
		{name: "Range: prefix of MCC", rule: RuleInvalidConditionValue,
			from: `Value="310"`, bad: `Value="Range:310, 316"`,
			want: strings.Replace(fixBase, `Value="310"`, `Value="range:310, 316"`, 1)},
		{name: "negated Pattern: prefix of MNC", rule: RuleInvalidConditionValue,
			from: `Value="410"`, bad: `Value="!PATTERN:41[0-9]"`,
			want: strings.Replace(fixBase, `Value="410"`, `Value="!pattern:41[0-9]"`, 1)},
		{name: "Pattern: prefix of SPN", rule: RuleConditionPrefixCase,
			from: `Name="MNC" Value="410"`, bad: `Name="SPN" Value="!Pattern:Test.*"`,
			want: strings.Replace(fixBase, `Name="MNC" Value="410"`, `Name="SPN" Value="!pattern:Test.*"`, 1)},
		{name: "OwnerType case", rule: RuleOwnerType, from: `OwnerType="OEM"`, bad: `OwnerType="oem"`},
		{name: "Static before Targets", rule: RuleElementOrder,
			from: fixTargets + fixStatic, bad: fixStatic + fixTargets},
		{name: "Variant before Static", rule: RuleElementOrder,
			from: fixStatic + fixVariant, bad: fixVariant + fixStatic},
		{name: "exact duplicate setting", rule: RuleDuplicateSetting,
			from: `      <Setting Name="3GPP/IMS/RetryEnabled" Value="1"/>` + "\n",
			bad:  `      <Setting Name="3GPP/IMS/RetryEnabled" Value="1"/>` + "\n" + `      <Setting Name="3GPP/IMS/RetryEnabled" Value="1"/>` + "\n"},
		{name: "no Static", rule: RuleMultivariantDisabled, from: fixStatic, bad: ""},
		{name: "empty Static", rule: RuleMultivariantDisabled, from: fixStatic, bad: "  <Static>\n  </Static>\n"},
		{name: "self-closing Static", rule: RuleMultivariantDisabled, from: fixStatic, bad: "  <Static/>\n"},
		{name: "AutoDataConfig missing", rule: RuleMultivariantDisabled,
			from: "    <Settings Path=\"AutoDataConfig\">\n      <Setting Name=\"Enable\" Value=\"0\"/>\n    </Settings>\n", bad: ""},
		{name: "CRLF line ends", rule: RuleElementOrder, crlf: true,
			from: fixTargets + fixStatic, bad: fixStatic + fixTargets},
		{name: "CRLF, no Static", rule: RuleMultivariantDisabled, crlf: true, from: fixStatic, bad: ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(fixBase, tc.from) {
				t.Fatalf("%q is not in the base file", tc.from)
			}
			bad := strings.Replace(fixBase, tc.from, tc.bad, 1)
			want := tc.want
			if want == "" {
				want = fixBase
			}
			if tc.crlf {
				bad, want = strings.ReplaceAll(bad, "\n", "\r\n"), strings.ReplaceAll(want, "\n", "\r\n")
			}
			before, err := File("a.xml", []byte(bad), Config{})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.ContainsFunc(before, func(d answerfile.Diagnostic) bool { return d.Rule == tc.rule && len(d.Edits) > 0 }) {
				t.Fatalf("no fixable %s finding in\n%s\ngot:\n%s", tc.rule, bad, render(before))
			}
			res, err := Fix("a.xml", []byte(bad), Config{})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, string(res.Data)); diff != "" {
				t.Errorf("fixed text (-want +got):\n%s", diff)
			}
			if len(res.Diagnostics) > 0 {
				t.Errorf("findings after the fix, want none:\n%s", render(res.Diagnostics))
			}
			if res.Fixed == 0 {
				t.Error("Fixed = 0, want the findings fixed")
			}
		})
	}
}

// TestFixLeavesUnfixable: a duplicate setting with two values, an OwnerType
// that is not a case variant, and a Static that has a Multivariant group
// without Enable are not fixed: which one is meant is a guess.
func TestFixLeavesUnfixable(t *testing.T) {
	for _, tc := range []struct{ name, from, bad string }{
		{"duplicate with another value", `      <Setting Name="3GPP/IMS/RetryEnabled" Value="1"/>` + "\n",
			`      <Setting Name="3GPP/IMS/RetryEnabled" Value="1"/>` + "\n" + `      <Setting Name="3GPP/IMS/RetryEnabled" Value="0"/>` + "\n"},
		{"OwnerType misspelt", `OwnerType="OEM"`, `OwnerType="OMM"`},
		{"Multivariant group without Enable", `      <Setting Name="Enable" Value="1"/>` + "\n", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bad := strings.Replace(fixBase, tc.from, tc.bad, 1)
			res, err := Fix("a.xml", []byte(bad), Config{})
			if err != nil {
				t.Fatal(err)
			}
			if string(res.Data) != bad || res.Fixed != 0 || len(res.Diagnostics) == 0 {
				t.Errorf("got %d fixed, %d findings, text changed %v; want nothing fixed and the finding kept",
					res.Fixed, len(res.Diagnostics), string(res.Data) != bad)
			}
		})
	}
}

// TestFixNestedComment: a documentation sample that comments out each case
// and holds comments inside (IMSRetry, and others) is not well-formed; the
// fix keeps the first case, uncommented, leaves a plain comment after it
// and deletes a second case that nests comments too.
func TestFixNestedComment(t *testing.T) {
	const sample = `<?xml version="1.0" encoding="utf-8"?>
<ImageCustomizations xmlns="http://schemas.microsoft.com/embedded/2004/10/ImageUpdate" Name="IMSRetry" Owner="Contoso" OwnerType="OEM">
<!-- Use for the per-device case

  <!-- Define the Static -->
  <Static>
    <Settings Path="CellCore/PerDevice/SMS">
      <Setting Name="3GPP/IMS/RetryEnabled" Value="1"/>
    </Settings>
  </Static>

-->

<!-- Use for the per-IMSI case
  <Static/>
-->
<!-- Use for the per-SIM case
  <!-- Define the Static -->
  <Static/>
-->
</ImageCustomizations>
`
	const want = `<?xml version="1.0" encoding="utf-8"?>
<ImageCustomizations xmlns="http://schemas.microsoft.com/embedded/2004/10/ImageUpdate" Name="IMSRetry" Owner="Contoso" OwnerType="OEM">

  <!-- Define the Static -->
  <Static>
    <Settings Path="CellCore/PerDevice/SMS">
      <Setting Name="3GPP/IMS/RetryEnabled" Value="1"/>
    </Settings>
  </Static>


<!-- Use for the per-IMSI case
  <Static/>
-->
</ImageCustomizations>
`
	before, err := File("a.xml", []byte(sample), Config{})
	if err != nil {
		t.Fatal(err)
	}
	if len(before) != 1 || before[0].Rule != RuleXMLSyntax || len(before[0].Edits) != 3 {
		t.Fatalf("got\n%s\nwant one xml-syntax finding with three edits", render(before))
	}
	res, err := Fix("a.xml", []byte(sample), Config{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, string(res.Data)); diff != "" {
		t.Errorf("fixed text (-want +got):\n%s", diff)
	}
	if len(res.Diagnostics) > 0 || res.Fixed != 1 {
		t.Errorf("fixed %d, findings after the fix:\n%s\nwant 1 and none", res.Fixed, render(res.Diagnostics))
	}
}

func TestApplyEdits(t *testing.T) {
	const text = "0123456789"
	edit := func(start, end int, s string) answerfile.TextEdit {
		return answerfile.TextEdit{Start: start, End: end, NewText: s}
	}
	for _, tc := range []struct {
		name    string
		edits   []answerfile.TextEdit
		want    string
		wantErr string
	}{
		{"none", nil, text, ""},
		{"sorted", []answerfile.TextEdit{edit(1, 2, "a"), edit(5, 7, "")}, "0a234789", ""},
		{"unsorted", []answerfile.TextEdit{edit(8, 10, "z"), edit(0, 1, "a"), edit(4, 4, "i")}, "a123i4567z", ""},
		{"adjacent", []answerfile.TextEdit{edit(2, 4, "b"), edit(4, 6, "c")}, "01bc6789", ""},
		{"inserts at one offset, in the order given", []answerfile.TextEdit{edit(3, 3, "x"), edit(3, 3, "y")}, "012xy3456789", ""},
		{"insert before a replacement at its start", []answerfile.TextEdit{edit(3, 5, "R"), edit(3, 3, "i")}, "012iR56789", ""},
		{"insert at the end", []answerfile.TextEdit{edit(10, 10, "!")}, text + "!", ""},
		{"replace all", []answerfile.TextEdit{edit(0, 10, "new")}, "new", ""},
		{"end past the text", []answerfile.TextEdit{edit(9, 11, "")}, "", "edit of bytes [9,11) is outside the text (10 bytes)"},
		{"negative start", []answerfile.TextEdit{edit(-1, 2, "")}, "", "edit of bytes [-1,2) is outside the text (10 bytes)"},
		{"start after end", []answerfile.TextEdit{edit(5, 4, "")}, "", "edit of bytes [5,4) is outside the text (10 bytes)"},
		{"overlap", []answerfile.TextEdit{edit(5, 8, "a"), edit(2, 6, "b")}, "", "edits of bytes [2,6) and [5,8) overlap"},
		{"insert inside a replacement", []answerfile.TextEdit{edit(2, 6, "b"), edit(4, 4, "i")}, "", "edits of bytes [2,6) and [4,4) overlap"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := []byte(text)
			given := slices.Clone(tc.edits)
			got, err := ApplyEdits(src, tc.edits)
			switch {
			case tc.wantErr != "":
				if err == nil || err.Error() != tc.wantErr {
					t.Errorf("ApplyEdits(%q, %v): error %v, want %q", text, tc.edits, err, tc.wantErr)
				}
			case err != nil || string(got) != tc.want:
				t.Errorf("ApplyEdits(%q, %v) = %q, %v; want %q", text, tc.edits, got, err, tc.want)
			}
			if string(src) != text || !slices.Equal(given, tc.edits) {
				t.Errorf("ApplyEdits(%q, %v) changed its arguments", text, given)
			}
		})
	}
}
