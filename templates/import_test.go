package templates

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/mcsf-dev/mcsf/answerfile"
)

func parseXML(t *testing.T, name string, data []byte) *answerfile.Document {
	t.Helper()
	doc, diags, err := answerfile.Parse(name, data)
	if err != nil || doc == nil {
		t.Fatalf("parse %s: %v %v", name, diags, err)
	}
	return doc
}

// TestImportGenerated checks that importing a generated file gives back the spec.
func TestImportGenerated(t *testing.T) {
	for _, spec := range []string{
		string(ExampleSpec()),
		"name: N\nowner: O\ndevice: {imsRetry: {retryEnabled: false}}\n",
		"name: N\nowner: O\nownerType: SiliconVendor\noperators:\n  - {name: A, match: [{mcc: \"310\", conditions: {Lang: \"en\", custom: \"x\"}}], mmsAutoRetry: false}\n",
		"name: N\nowner: O\noperators:\n  - {name: \"A & B\", match: [{mcc: \"310\"}], mmsAutoRetry: false}\n  - {name: \"A_B\", match: [{mcc: \"311\"}], mmsAutoRetry: true}\n",
	} {
		s := mustRead(t, spec)
		doc := parseXML(t, "gen.xml", mustGenerate(t, s))
		back, ds := ImportSpec(doc)
		// The file names operators by their Ids: that is what comes back.
		for i, id := range OperatorIDs(s) {
			s.Operators[i].Name = id
		}
		var notes []string
		for _, d := range ds {
			if d.Severity > answerfile.Info {
				t.Errorf("unexpected %s", d)
			}
			notes = append(notes, d.String())
		}
		if diff := cmp.Diff(s, back); diff != "" {
			t.Errorf("import of the generated file (-spec +imported):\n%s", diff)
		}
		if want := []string{"gen.xml:2:1: info: comments are not carried over: the generated file writes its own [import-dropped]"}; !cmp.Equal(notes, want) {
			t.Errorf("got %q, want %q", notes, want)
		}
	}
}

const importHead = `<?xml version="1.0" encoding="utf-8"?>
<ImageCustomizations xmlns="http://schemas.microsoft.com/embedded/2004/10/ImageUpdate" Name="N" Owner="O" OwnerType="OEM">
`

func TestImportSpec(t *testing.T) {
	tests := []struct {
		name, xml string
		spec      string // MarshalSpec output when the import succeeds
		diags     []string
	}{
		{"hex values and renamed ids", importHead + `  <Targets>
    <Target Id="t1"><TargetState><Condition Name="mcc" Value="310"/><Condition Name="Foo" Value="1"/></TargetState></Target>
    <Target Id="unused"><TargetState><Condition Name="MCC" Value="311"/></TargetState></Target>
  </Targets>
  <Static>
    <Settings Path="Multivariant"><Setting Name="Enable" Value="0x1"/></Settings>
    <Settings Path="AutoDataConfig"><Setting Name="Enable" Value="0"/></Settings>
    <Settings Path="cellcore/perdevice/sms"><Setting Name="3GPP/IMS/AttemptThresholdForIMS" Value="0xA"/></Settings>
  </Static>
  <Variant Name="Fab rikam">
    <TargetRefs><TargetRef Id="t1"/></TargetRefs>
    <Settings Path="Messaging/PerSimSettings/$(__ICCID)"><Setting Name="AutoRetryDownload" Value="0x1"/></Settings>
  </Variant>
</ImageCustomizations>
`, "name: \"N\"\nowner: O\nownerType: OEM\ndevice:\n  imsRetry: {attemptThresholdForIMS: 10}\noperators:\n  - name: Fab rikam\n    match:\n      - {mcc: \"310\", conditions: {Foo: \"1\"}}\n    mmsAutoRetry: true\n",
			[]string{
				`x.xml:5:5: info: Target "unused" is used by no Variant and is left out: it changes nothing [import-dropped]`,
				`x.xml:12:12: info: Variant "Fab rikam" and its Target "t1" are written as "Fab_rikam", the Id generate derives from the operator name [import-dropped]`,
			}},
		{"what a spec cannot express", `<?xml version="1.0" encoding="utf-8"?>
<ImageCustomizations xmlns="http://schemas.microsoft.com/embedded/2004/10/ImageUpdate" Name="N" Owner="" OwnerType="OEM" Priority="2">
  <Imports><Import Source="a.xml"/></Imports>
  <Targets>
    <Target Id="t"><TargetState><Condition Name="MCC" Value="310"/><Condition Name="MCC" Value="311"/></TargetState></Target>
    <Target Id="u"><TargetState><Condition Name="MCC" Value=""/></TargetState></Target>
  </Targets>
  <Static>
    <Settings Path="Multivariant"><Setting Name="Enable" Value="1"/><Setting Name="BrandingSlot" Value="1"/></Settings>
    <Settings Path="AutoDataConfig"><Setting Name="Enable" Value="0"/></Settings>
    <Settings Path="CellCore/PerDevice/SMS"><Setting Name="3GPP/IMS/AttemptThresholdForIMS" Value="0"/></Settings>
    <Settings Path="Phone/Other"><Setting Name="X" Value="1"/></Settings>
  </Static>
  <Variant Name="A">
    <TargetRefs><TargetRef Id="t"/></TargetRefs>
    <Settings Path="CellCore/PerIMSI/$(__IMSI)/SMS"><Setting Name="3GPP/IMS/RetryEnabled" Value="2"/><Setting Name="3GPP2/ErrorHandling/UseReservedAsPermanent" Value="1"/></Settings>
  </Variant>
  <Variant Name="B">
    <TargetRefs><TargetRef Id="u"/><TargetRef Id="t"/></TargetRefs>
  </Variant>
  <Variant Name="C">
    <TargetRefs><TargetRef Id="u"/></TargetRefs>
    <Settings Path="Messaging/PerSimSettings/$(__ICCID)"><Setting Name="AutoRetryDownload" Value=""/></Settings>
  </Variant>
</ImageCustomizations>
`, "", []string{
			`x.xml:2:97: error: Owner is empty or missing: a spec needs one; set it in the file and import again [import-unsupported]`,
			`x.xml:2:122: error: a spec cannot express Priority: it describes a single, root answer file [import-unsupported]`,
			`x.xml:3:3: error: a spec cannot express Imports: import-spec reads one file; import each file on its own [import-unsupported]`,
			`x.xml:5:68: error: Condition MCC is given twice in this TargetState: a spec match entry holds each name once [import-unsupported]`,
			`x.xml:6:55: error: Condition MCC has no Value: fill it in [import-unsupported]`,
			`x.xml:9:78: error: a spec cannot express Multivariant/BrandingSlot [import-unsupported]`,
			`x.xml:11:93: error: 3GPP/IMS/AttemptThresholdForIMS=0 never attempts SMS over IMS; a spec takes 1 or more [import-unsupported]`,
			`x.xml:12:15: error: a spec cannot express the settings group "Phone/Other" in Static: only CellCore/PerDevice/SMS (and Multivariant, AutoDataConfig with operators) [import-unsupported]`,
			`x.xml:16:91: error: 3GPP/IMS/RetryEnabled "2" is neither 1 nor 0 [import-unsupported]`,
			`x.xml:16:111: error: a spec cannot express the setting "3GPP2/ErrorHandling/UseReservedAsPermanent" in CellCore/PerIMSI/$(__IMSI)/SMS: only 3GPP/IMS/AttemptThresholdForIMS and 3GPP/IMS/RetryEnabled [import-unsupported]`,
			`x.xml:18:3: error: the Variant has 2 TargetRefs: a spec gives each operator exactly one Target [import-unsupported]`,
			`x.xml:23:92: error: AutoRetryDownload has no Value: fill it in (1 or 0) [import-unsupported]`,
		}},
		{"invalid condition", importHead + `  <Targets><Target Id="t"><TargetState><Condition Name="MCC" Value="31"/></TargetState></Target></Targets>
  <Static><Settings Path="Multivariant"><Setting Name="Enable" Value="1"/></Settings><Settings Path="AutoDataConfig"><Setting Name="Enable" Value="0"/></Settings></Static>
  <Variant Name="A"><TargetRefs><TargetRef Id="t"/></TargetRefs><Settings Path="Messaging/PerSimSettings/$(__ICCID)"><Setting Name="AutoRetryDownload" Value="1"/></Settings></Variant>
</ImageCustomizations>
`, "", []string{`x.xml:3:40: error: generate would refuse this condition: MCC "31" must be exactly 3 digits, e.g. 310 [import-unsupported]`}},
		{"variants without multivariant", importHead + `  <Targets><Target Id="t"><TargetState><Condition Name="MCC" Value="310"/></TargetState></Target></Targets>
  <Variant Name="t"><TargetRefs><TargetRef Id="t"/></TargetRefs><Settings Path="Messaging/PerSimSettings/$(__ICCID)"><Setting Name="AutoRetryDownload" Value="1"/></Settings></Variant>
</ImageCustomizations>
`, "", []string{`x.xml:2:1: error: the file has Variants but its Static does not set Multivariant/Enable=1 and AutoDataConfig/Enable=0: a spec always writes both with operators [import-unsupported]`}},
		{"nothing to express", importHead + "</ImageCustomizations>\n", "",
			[]string{`x.xml:2:1: error: the file sets neither IMSRetry nor AutoRetryDownloadForMMS: there is nothing a spec can express [import-unsupported]`}},
		{"not an answer file", "<?xml version=\"1.0\"?>\n<Other/>\n", "",
			[]string{`x.xml:2:1: error: the root is not <ImageCustomizations xmlns="http://schemas.microsoft.com/embedded/2004/10/ImageUpdate">: not an MCSF answer file [import-unsupported]`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, ds := ImportSpec(parseXML(t, "x.xml", []byte(tt.xml)))
			if diff := cmp.Diff(tt.diags, diagLines(ds)); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
			got := ""
			if s != nil {
				b, err := MarshalSpec(s, "")
				if err != nil {
					t.Fatal(err)
				}
				got = string(b)
			}
			if diff := cmp.Diff(tt.spec, got); diff != "" {
				t.Errorf("spec (-want +got):\n%s", diff)
			}
		})
	}
}

// TestImportCorpus imports every well-formed documentation sample: no
// panic, and every diagnostic has a position. The two samples this
// project centres on fail exactly where they ship empty values.
func TestImportCorpus(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "corpus", "mcsf")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Skipf("corpus not found at %s: %v", dir, err)
	}
	imported := 0
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		doc, _, err := answerfile.Parse(e.Name(), data)
		if err != nil {
			t.Fatalf("%s: %v", e.Name(), err)
		}
		if doc == nil {
			continue
		}
		s, ds := ImportSpec(doc)
		for _, d := range ds {
			if d.Line == 0 || d.Column == 0 {
				t.Errorf("%s: diagnostic without a position: %s", e.Name(), d)
			}
		}
		if s != nil {
			imported++
		}
		if e.Name() == "automatically-retry-downloading-mms-messages.xml" {
			var errs []string
			for _, d := range ds {
				if d.Severity == answerfile.Error {
					errs = append(errs, d.String())
				}
			}
			want := []string{
				e.Name() + `:5:22: error: Owner is empty or missing: a spec needs one; set it in the file and import again [import-unsupported]`,
				e.Name() + `:12:23: error: the Condition has neither Name nor Value: fill them in [import-unsupported]`,
				e.Name() + `:13:23: error: the Condition has neither Name nor Value: fill them in [import-unsupported]`,
				e.Name() + `:28:12: error: the Variant has no Name: a spec names each operator [import-unsupported]`,
				e.Name() + `:35:41: error: AutoRetryDownload has no Value: fill it in (1 or 0) [import-unsupported]`,
			}
			if diff := cmp.Diff(want, errs); diff != "" {
				t.Errorf("%s (-want +got):\n%s", e.Name(), diff)
			}
		}
	}
	t.Logf("%d of %d samples import", imported, len(entries))
	if imported != 0 {
		t.Errorf("got %d doc samples importing, want 0: every one ships empty values or an empty Owner", imported)
	}
}
