package variant

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestResolveRepeatedConditionName: one TargetState holds each condition
// name once; ImageApp fails the build on a repeated name (domain.md §2
// [tool]). Resolve must not count it twice for priority, and says so.
func TestResolveRepeatedConditionName(t *testing.T) {
	c := compileXML(t, `<Targets>
  <Target Id="Twice"><TargetState><Condition Name="MCC" Value="310"/><Condition Name="mcc" Value="310"/></TargetState></Target>
  <Target Id="MCCMNC"><TargetState><Condition Name="MCC" Value="310"/><Condition Name="MNC" Value="410"/></TargetState></Target>
</Targets>
<Variant Name="VMCCMNC"><TargetRefs><TargetRef Id="MCCMNC"/></TargetRefs><Settings Path="S"><Setting Name="X" Value="mccmnc"/></Settings></Variant>
<Variant Name="VTwice"><TargetRefs><TargetRef Id="Twice"/></TargetRefs><Settings Path="S"><Setting Name="X" Value="twice"/></Settings></Variant>`)
	r := c.Resolve(profile(t, "mcc=310,mnc=410"))
	// Counted twice, VTwice would tie with VMCCMNC at P0=2 and win by file order.
	if diff := cmp.Diff([]string{"VTwice/Twice/1/1,0", "VMCCMNC/MCCMNC/1/2,0"}, matched(r)); diff != "" {
		t.Errorf("matched (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"S|X=mccmnc@6"}, values(r)); diff != "" {
		t.Errorf("settings (-want +got):\n%s", diff)
	}
	want := []string{`Target "Twice", TargetState 1 repeats condition mcc (f.xml:3 and f.xml:3): ImageApp fails the build on it; resolve requires both and counts the name once for priority`}
	if diff := cmp.Diff(want, r.Notes); diff != "" {
		t.Errorf("notes (-want +got):\n%s", diff)
	}
}

// TestResolveStaticSIMMacros: $(__IMSI) and $(__ICCID) have a value only in
// a Variant (domain.md §3 [doc]); lint reports them in Static as errors, so
// resolve must not present them as this SIM's per-IMSI values.
func TestResolveStaticSIMMacros(t *testing.T) {
	c := compileXML(t, `<Static>
  <Settings Path="CellCore/PerIMSI/$(__IMSI)/SMS"><Setting Name="3GPP/IMS/AttemptThresholdForIMS" Value="3"/></Settings>
  <Settings Path="CellCore/PerDevice/SMS"><Setting Name="3GPP/IMS/AttemptThresholdForIMS" Value="2"/></Settings>
</Static>`)
	r := c.Resolve(profile(t, "mcc=310,mnc=410,imsi=310410123456789"))
	if diff := cmp.Diff([]string{"CellCore/PerDevice/SMS|3GPP/IMS/AttemptThresholdForIMS=2@4"}, values(r)); diff != "" {
		t.Errorf("settings (-want +got):\n%s", diff)
	}
	if v, _ := r.RuntimeValue("IMSRetry", NameAttemptThreshold); v.Scope != "per-device" || v.Value != "2" {
		t.Errorf("AttemptThresholdForIMS = %+v, want 2 per-device", v)
	}
	want := []string{"Static has 1 setting with $(__IMSI) or $(__ICCID) (first at f.xml:3): those macros have a value only in a Variant and lint reports them as errors, so resolve does not apply them as this SIM's values"}
	if diff := cmp.Diff(want, r.Notes); diff != "" {
		t.Errorf("notes (-want +got):\n%s", diff)
	}
}

// TestResolveUnknownConditionName: a name the validator does not know
// (IMSI) is a lint finding (unknown-condition-name); resolve treats it the
// same way: the TargetState is undecided, never matched on a guess.
func TestResolveUnknownConditionName(t *testing.T) {
	c := compileXML(t, `<Targets>
  <Target Id="ByIMSI"><TargetState><Condition Name="IMSI" Value="310410123456789"/></TargetState></Target>
</Targets>
<Variant Name="V"><TargetRefs><TargetRef Id="ByIMSI"/></TargetRefs><Settings Path="S"><Setting Name="X" Value="1"/></Settings></Variant>`)
	r := c.Resolve(profile(t, "mcc=310,mnc=410,imsi=310410123456789"))
	if len(r.Matched) != 0 {
		t.Errorf("matched %v, want none", matched(r))
	}
	if len(r.Undecided) != 1 || r.Undecided[0].Condition != "IMSI" {
		t.Fatalf("undecided = %+v, want the IMSI condition", r.Undecided)
	}
	if got, want := r.Undecided[0].Reason, CheckCondition("IMSI", "310410123456789")[0].Message; got != want {
		t.Errorf("reason = %q, want lint's message %q", got, want)
	}
}

// TestResolveNonASCIIPattern: .NET reads \w and '.' by Unicode category and
// UTF-16 unit, RE2 by ASCII class and code point (doc.go's table): an ASCII
// value is decided, a non-ASCII one is not.
func TestResolveNonASCIIPattern(t *testing.T) {
	c := compileXML(t, `<Targets>
  <Target Id="Word"><TargetState><Condition Name="SPN" Value="pattern:\w+ Mobile"/></TargetState></Target>
</Targets>
<Variant Name="V"><TargetRefs><TargetRef Id="Word"/></TargetRefs><Settings Path="S"><Setting Name="X" Value="1"/></Settings></Variant>`)
	if r := c.Resolve(profile(t, "spn=Contoso Mobile")); len(r.Matched) != 1 || len(r.Undecided) != 0 {
		t.Errorf("ASCII SPN: matched %v, undecided %v; want V matched", matched(r), r.Undecided)
	}
	r := c.Resolve(profile(t, "spn=Téléfono Mobile"))
	if len(r.Matched) != 0 || len(r.Undecided) != 1 {
		t.Fatalf("non-ASCII SPN: matched %v, undecided %v; want undecided", matched(r), r.Undecided)
	}
	want := `the value "Téléfono Mobile" is not ASCII, and the pattern uses \d, \w, \s, \b, '.', a negated class or a non-ASCII letter, which .NET on the device reads by UTF-16 code unit and Unicode category, Go's RE2 by code point and ASCII class`
	if got := r.Undecided[0].Reason; got != want {
		t.Errorf("reason = %q\nwant     %q", got, want)
	}
}

// TestRuntimeIMSRetryForced: the runtime reads AttemptThresholdForIMS with
// the default 0xFFFFFFFF and, when it is not configured, forces
// RetryEnabled to 1 whatever the file says (domain.md §4 [tool, decompiled
// runtime]). Values the documentation does not define are unknown, never 0
// or 1 (domain.md §4).
func TestRuntimeIMSRetryForced(t *testing.T) {
	const undoc = "unknown to the documentation, which defines 0 or 1 (default 1)"
	tests := []struct {
		name       string
		settings   string
		wantValue  string
		wantForced string
		undoc      bool
		note       string
	}{
		{"threshold unset, RetryEnabled 0", `<Setting Name="3GPP/IMS/RetryEnabled" Value="0"/>`, "0", "1", false, NoteForced},
		{"threshold 0xFFFFFFFF, RetryEnabled 0", `<Setting Name="3GPP/IMS/AttemptThresholdForIMS" Value="0xFFFFFFFF"/><Setting Name="3GPP/IMS/RetryEnabled" Value="0"/>`, "0", "1", false, NoteForced},
		{"threshold 2, RetryEnabled 0", `<Setting Name="3GPP/IMS/AttemptThresholdForIMS" Value="2"/><Setting Name="3GPP/IMS/RetryEnabled" Value="0"/>`, "0", "", false, ""},
		{"threshold unset, RetryEnabled 1", `<Setting Name="3GPP/IMS/RetryEnabled" Value="1"/>`, "1", "", false, ""},
		{"threshold unset, RetryEnabled 0x1", `<Setting Name="3GPP/IMS/RetryEnabled" Value="0x1"/>`, "0x1", "", false, ""},
		{"threshold 2, RetryEnabled 2", `<Setting Name="3GPP/IMS/AttemptThresholdForIMS" Value="2"/><Setting Name="3GPP/IMS/RetryEnabled" Value="2"/>`, "2", "", true, undoc},
		{"threshold unset, RetryEnabled 2", `<Setting Name="3GPP/IMS/RetryEnabled" Value="2"/>`, "2", "1", true, undoc + "; " + NoteForced},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := compileXML(t, `<Static><Settings Path="CellCore/PerDevice/SMS">`+tt.settings+`</Settings></Static>`)
			r := c.Resolve(Profile{})
			v, ok := r.RuntimeValue("IMSRetry", NameRetryEnabled)
			if !ok || v.Value != tt.wantValue || v.Forced != tt.wantForced || v.Undocumented != tt.undoc || v.Note != tt.note {
				t.Errorf("RetryEnabled = value %q forced %q undocumented %v note %q; want %q %q %v %q",
					v.Value, v.Forced, v.Undocumented, v.Note, tt.wantValue, tt.wantForced, tt.undoc, tt.note)
			}
		})
	}
	c := compileXML(t, `<Targets><Target Id="A"><TargetState><Condition Name="MCC" Value="310"/></TargetState></Target></Targets>
<Variant Name="V"><TargetRefs><TargetRef Id="A"/></TargetRefs><Settings Path="Messaging/PerSimSettings/$(__ICCID)"><Setting Name="AutoRetryDownload" Value="2"/></Settings></Variant>`)
	r := c.Resolve(profile(t, "mcc=310,iccid=8901"))
	if v, _ := r.RuntimeValue("AutoRetryDownloadForMMS", NameAutoRetry); v.Value != "2" || !v.Undocumented ||
		v.Note != "unknown to the documentation, which defines 0 or 1 (default 0)" {
		t.Errorf("AutoRetryDownload=2: got %+v, want value 2, undocumented", v)
	}
}

// TestResolveDependsOnDeviceFact: a condition on a fact the profile does not
// give (Roaming, UICCSLOT with one SIM, the P1 names) leaves its TargetState
// visibly undecided by name in the default output, not silently unmatched
// (issue 13; domain.md §2 lists them).
func TestResolveDependsOnDeviceFact(t *testing.T) {
	c := compileXML(t, `<Targets>
  <Target Id="Home"><TargetState><Condition Name="MCC" Value="310"/><Condition Name="Roaming" Value="0"/></TargetState></Target>
</Targets>
<Variant Name="V"><TargetRefs><TargetRef Id="Home"/></TargetRefs><Settings Path="S"><Setting Name="X" Value="1"/></Settings></Variant>`)
	if r := c.Resolve(profile(t, "mcc=310")); len(r.Matched) != 0 || len(r.Undecided) != 0 {
		t.Errorf("without ReportMissingFacts: matched %v, undecided %v; want the old reading (not matched)", matched(r), r.Undecided)
	}
	c.ReportMissingFacts()
	r := c.Resolve(profile(t, "mcc=310"))
	if len(r.Matched) != 0 || len(r.Undecided) != 1 {
		t.Fatalf("roaming not given: matched %v, undecided %v; want one undecided", matched(r), r.Undecided)
	}
	want := "depends on Roaming, which the SIM and device profile does not give: give it (--roaming, or --condition Roaming=VALUE) to decide"
	if got := r.Undecided[0].Reason; got != want {
		t.Errorf("reason = %q, want %q", got, want)
	}
	if r := c.Resolve(profile(t, "mcc=310,roaming=0")); len(r.Matched) != 1 || len(r.Undecided) != 0 {
		t.Errorf("roaming=0: matched %v, undecided %v; want V", matched(r), r.Undecided)
	}
	if r := c.Resolve(profile(t, "mcc=310,roaming=1")); len(r.Matched) != 0 || len(r.Undecided) != 0 {
		t.Errorf("roaming=1: matched %v, undecided %v; want nothing", matched(r), r.Undecided)
	}
}
