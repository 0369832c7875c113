package change_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/change"
	"github.com/mcsf-dev/mcsf/schema"
	"github.com/mcsf-dev/mcsf/variant"
)

const head = `<ImageCustomizations xmlns="http://schemas.microsoft.com/embedded/2004/10/ImageUpdate" Name="T" Owner="Contoso" OwnerType="OEM">`

func version(t *testing.T, name, body string) change.Version {
	t.Helper()
	doc, diags, err := answerfile.Parse(name, []byte(head+body+"</ImageCustomizations>"))
	if err != nil || len(diags) > 0 {
		t.Fatalf("parse %s: %v %v", name, err, diags)
	}
	return change.Version{Name: name, Model: variant.ModelOf(doc)}
}

const (
	targets = `<Targets>
<Target Id="Fab"><TargetState><Condition Name="MCC" Value="310"/><Condition Name="MNC" Value="410"/></TargetState></Target>
<Target Id="Any"><TargetState><Condition Name="MCC" Value="310"/><Condition Name="MNC" Value="pattern:4.*"/></TargetState></Target>
<Target Id="Look"><TargetState><Condition Name="MCC" Value="311"/><Condition Name="SPN" Value="pattern:(?=a)b"/></TargetState></Target>
</Targets>`
	static = `<Static><Settings Path="CellCore/PerDevice/SMS"><Setting Name="3GPP/IMS/AttemptThresholdForIMS" Value="2"/></Settings></Static>`
	fab    = `<Variant Name="Fab"><TargetRefs><TargetRef Id="Fab"/></TargetRefs><Settings Path="CellCore/PerIMSI/$(__IMSI)/SMS"><Setting Name="3GPP/IMS/AttemptThresholdForIMS" Value="3"/></Settings></Variant>`
	anyUS  = `<Variant Name="Any"><TargetRefs><TargetRef Id="Any"/></TargetRefs><Settings Path="CellCore/PerIMSI/$(__IMSI)/SMS"><Setting Name="3GPP/IMS/AttemptThresholdForIMS" Value="1"/></Settings></Variant>`
	look   = `<Variant Name="Look"><TargetRefs><TargetRef Id="Look"/></TargetRefs><Settings Path="Messaging/PerSimSettings/$(__ICCID)"><Setting Name="AutoRetryDownload" Value="1"/></Settings></Variant>`
)

// TestDiffStructureAndEffect pins a change that reorders two Variants (a
// tie flips), edits an undecidable target's Variant and the Static
// default.
func TestDiffStructureAndEffect(t *testing.T) {
	old := version(t, "old.xml", targets+static+fab+anyUS+look)
	new := version(t, "new.xml", targets+strings.Replace(static, `"2"`, `"4"`, 1)+anyUS+fab+strings.Replace(look, `"1"`, `"0"`, 1))
	r := change.Diff(old, new, change.Options{})

	var msgs []string
	for _, c := range r.Structure {
		msgs = append(msgs, c.Kind+": "+c.Message)
	}
	want := []string{
		`changed: Static: CellCore/PerDevice/SMS 3GPP/IMS/AttemptThresholdForIMS "2" → "4"`,
		`changed: Variant Look: Messaging/PerSimSettings/$(__ICCID) AutoRetryDownload "1" → "0"`,
		`reordered: Variant Fab now comes after Variant Any: where both match at equal priority, Fab wins CellCore/PerIMSI/$(__IMSI)/SMS 3GPP/IMS/AttemptThresholdForIMS ("3" over "1") (definition order decides the tie)`,
	}
	if d := cmp.Diff(want, msgs); d != "" {
		t.Errorf("structure (-want +got):\n%s", d)
	}

	var got []string
	for _, e := range r.Effects {
		for _, c := range e.Classes {
			got = append(got, e.Status+": "+c.Description)
		}
	}
	wantEffects := []string{
		"changed: MCC 310, MNC 410",
		"changed: MCC 310, MNC not matching 4.* (or no MNC)",
		"changed: MCC other than 310, 311 (or no MCC)",
		"changed: MCC 310, MNC matching 4.*, other than 410",
		"undecided: MCC 311",
	}
	if d := cmp.Diff(wantEffects, got); d != "" {
		t.Errorf("effects (-want +got):\n%s", d)
	}
	if !r.Changed() {
		t.Error("Changed() = false, want true")
	}
}

// TestDiffUnchanged: the same file reformatted changes nothing.
func TestDiffUnchanged(t *testing.T) {
	old := version(t, "old.xml", targets+static+fab)
	reformatted := strings.NewReplacer(`Name="MCC" Value="310"`, `Value="310" Name="mcc"`, "/SMS", `\SMS\`, `Value="3"`, `Value="0x3"`).Replace(targets + static + fab)
	new := version(t, "new.xml", "\n<!-- reformatted -->\n"+reformatted)
	r := change.Diff(old, new, change.Options{})
	if len(r.Structure) != 0 || len(r.Effects) != 0 || r.Changed() {
		t.Errorf("got structure %v, effects %v, want none", r.Structure, r.Effects)
	}
	if r.Classes != 3 {
		t.Errorf("got %d classes, want 3", r.Classes)
	}
}

// TestReportMatchesSchema validates reports with every section filled
// against diff-output, and checks that the schema is not vacuous.
func TestReportMatchesSchema(t *testing.T) {
	old := version(t, "old.xml", targets+static+fab+anyUS+look)
	new := version(t, "new.xml", strings.Replace(targets, `Id="Any"`, `Id="Other"`, 1)+anyUS+fab+strings.Replace(look, `"1"`, `"0"`, 1))
	old.Files = []change.File{{Path: "old.xml", Rank: "root"}, {Path: "a.xml", Rank: "1"}}
	new.Files = []change.File{{Path: "new.xml", Rank: "root"}, {Path: "a.xml", Rank: "2"}, {Path: "b.xml", Rank: "none"}}
	sims := []variant.Profile{variant.NewProfile(variant.Pair{Name: "MCC", Value: "310"}, variant.Pair{Name: "MNC", Value: "410"}), {}}
	reports := []*change.Report{change.Diff(old, new, change.Options{}), change.Diff(old, new, change.Options{SIMs: sims})}
	if r := reports[0]; len(r.Notes) == 0 || len(r.Effects) == 0 || len(r.Structure) < 5 {
		t.Fatalf("the fixture should give notes, effects and structural changes: %+v", r)
	}
	validate := func(name string, r any) []schema.Error {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		if err := enc.Encode(r); err != nil {
			t.Fatal(err)
		}
		var doc any
		if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		errs, err := schema.Validate("diff-output", doc)
		if err != nil {
			t.Fatal(err)
		}
		return errs
	}
	for i, r := range reports {
		for _, e := range validate("report", r) {
			t.Errorf("report %d: %s: %s (%s)", i, e.InstanceLocation, e.Message, e.KeywordLocation)
		}
	}
	for _, e := range validate("array", reports) {
		t.Errorf("array: %s: %s (%s)", e.InstanceLocation, e.Message, e.KeywordLocation)
	}
	bad := *reports[0]
	bad.Effects = append([]change.Effect{}, bad.Effects...)
	bad.Effects[0].Status = "maybe"
	if len(validate("bad", &bad)) == 0 {
		t.Error("a report with status \"maybe\" validated")
	}
}

// TestWriteTextColour: on a terminal the summary is bold, old values red,
// new values green; without colour there is no escape.
func TestWriteTextColour(t *testing.T) {
	r := change.Diff(version(t, "old.xml", targets+static+fab), version(t, "new.xml", targets+static+strings.Replace(fab, `"3"`, `"5"`, 1)), change.Options{})
	var plain, colour bytes.Buffer
	if err := r.WriteText(&plain, false); err != nil {
		t.Fatal(err)
	}
	if err := r.WriteText(&colour, true); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(plain.String(), "\x1b[") {
		t.Errorf("plain text has escapes:\n%q", plain.String())
	}
	for _, want := range []string{"\x1b[1mmcsf diff old.xml new.xml: ", "\x1b[31m3\x1b[0m → \x1b[32m5\x1b[0m", "\x1b[33m~\x1b[0m Variant Fab"} {
		if !strings.Contains(colour.String(), want) {
			t.Errorf("coloured text lacks %q:\n%q", want, colour.String())
		}
	}
	// A value with a line feed and a C1 control (U+009B, CSI), legal in XML:
	// escaped inside its colour, the colour codes themselves kept.
	r = change.Diff(version(t, "old.xml", targets+static+fab), version(t, "new.xml", targets+static+strings.Replace(fab, `"3"`, `"5&#10;&#x9b;31m"`, 1)), change.Options{})
	colour.Reset()
	if err := r.WriteText(&colour, true); err != nil {
		t.Fatal(err)
	}
	if want := "\x1b[31m3\x1b[0m → \x1b[32m5\\x0a\\x9b31m\x1b[0m (per-IMSI)\n"; !strings.Contains(colour.String(), want) {
		t.Errorf("coloured text lacks %q:\n%q", want, colour.String())
	}
}
