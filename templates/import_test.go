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
		// settings: merged into the short forms' groups and the generator's
		// Multivariant group, a path in another spelling, a {GUID} path,
		// numbers, hex and text
		`name: N
owner: O
device:
  imsRetry: {attemptThresholdForIMS: 2}
  settings:
    CellCore/PerDevice/SMS: {3GPP2/ErrorHandling/UseReservedAsPermanent: 1}
    Multivariant: {PostVariantCleanupDelay: 60}
    phone/phonesettings: {HideCallForwarding: "True", AdjustCDMACallTime: "0x1"}
    Photos/LensApps/{01234567-89AB-CDEF-0123-456789ABCDEF}: {Title: "Contoso \"Fish\" Eye"}
    Phone/CallIDMatchOverrides: {"2": 8, "10028789": "08"}
operators:
  - name: A
    match: [{mcc: "310"}]
    imsRetry: {retryEnabled: true}
    mmsAutoRetry: true
    settings:
      CellCore/PerIMSI/$(__IMSI)/SMS: {Encodings/UseASCII: 1}
      Messaging/PerSimSettings/$(__ICCID): {SmscPanelDisabled: 1}
      CellCore/PerIMSI/$(__IMSI)/CellUX/Critical: {SwitchIMS: 0}
  - name: B
    match: [{mcc: "311"}]
    settings:
      Messaging/PerSimSettings/$(__ICCID): {ErrorCodeEnabled: 1}
`,
		"name: N\nowner: O\ndevice: {settings: {Multivariant: {Enable: 1}, AutoDataConfig: {Enable: 0}}}\n",
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
		// and the spec import-spec writes reads back the same
		text, err := MarshalSpec(back, "")
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(s, mustRead(t, string(text))); diff != "" {
			t.Errorf("MarshalSpec of the imported spec reads back differently (-spec +read):\n%s\n%s", diff, text)
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
			`x.xml:11:93: error: 3GPP/IMS/AttemptThresholdForIMS=0 never attempts SMS over IMS; a spec takes 1 or more [import-unsupported]`,
			`x.xml:12:15: error: generate would refuse this group: settings path "Phone/Other" is not in the catalog (mcsf settings lists every documented path) [import-unsupported]`,
			`x.xml:16:91: error: 3GPP/IMS/RetryEnabled "2" is neither 1 nor 0 [import-unsupported]`,
			`x.xml:18:3: error: the Variant has 2 TargetRefs: a spec gives each operator exactly one Target [import-unsupported]`,
			`x.xml:23:92: error: AutoRetryDownload has no Value: fill it in (1 or 0) [import-unsupported]`,
		}},
		{"settings a spec cannot hold", importHead + `  <Targets><Target Id="A"><TargetState><Condition Name="MCC" Value="310"/></TargetState></Target></Targets>
  <Static>
    <Settings Path="Multivariant"><Setting Name="Enable" Value="1"/></Settings>
    <Settings Path="AutoDataConfig"><Setting Name="Enable" Value="0"/></Settings>
    <Settings Path="Phone/PhoneSettings"><Setting Name="HideCallForwarding" Value="3"/><Setting Name="hidecallforwarding" Value="1"/><Setting Name="NoSuch" Value="1"/><Setting Name="DisplayNumberAsDialed" Value=""/></Settings>
    <Settings Path="CellCore/PerIMSI/$(__IMSI)/CellUX"><Setting Name="HideAPN" Value="1"/></Settings>
    <Settings Path="EventSounds"><Setting Name="DefaultRingtone" Value="a.wma"/><Asset Name="Ringtones" Source="C:\a.wma"/></Settings>
  </Static>
  <Variant Name="A">
    <TargetRefs><TargetRef Id="A"/></TargetRefs>
    <Settings Path="CellCore/PerDevice/CellUX"><Setting Name="HideAPN" Value="1"/></Settings>
    <Settings Path="DataSense"><Setting Name="DataSaverMode" Value="2"/></Settings>
    <Settings Path="Messaging/PerSimSettings/$(__ICCID)"><Setting Name="AutoRetryDownload" Value="1"/><Setting Name="SmscPanelDisabled" Value="1"/></Settings>
    <Settings Path="messaging/persimsettings/$(__ICCID)"><Setting Name="ErrorCodeEnabled" Value="1"/></Settings>
  </Variant>
</ImageCustomizations>
`, "", []string{
			`x.xml:7:77: error: generate would refuse this value: 3 is not a value of HideCallForwarding; it takes 0 (False) or 1 (True) [import-unsupported]`,
			`x.xml:7:88: error: hidecallforwarding is set twice in this group [import-unsupported]`,
			`x.xml:7:143: error: generate would refuse this setting: setting "NoSuch" is not in the catalog under Phone/PhoneSettings (mcsf settings "Phone/PhoneSettings" lists its settings) [import-unsupported]`,
			`x.xml:7:206: error: generate would refuse this value: DisplayNumberAsDialed has an empty value: it takes 0 (False) or 1 (True) (default 0) [import-unsupported]`,
			`x.xml:8:15: error: generate would refuse this group: CellCore/PerIMSI/$(__IMSI)/CellUX is a per-imsi path: give it to an operator, whose Variant has a SIM; device settings go in Static [import-unsupported]`,
			`x.xml:9:81: error: a spec cannot express an Asset [import-unsupported]`,
			`x.xml:13:15: error: generate would refuse this group: CellCore/PerDevice/CellUX is a per-device path (the fallback in Static): give it to device, or use the per-IMSI path for this operator [import-unsupported]`,
			`x.xml:14:41: error: generate would refuse this setting: DataSaverMode is ImageTimeOnly (DataSaverMode): it cannot vary by operator; give it to device [import-unsupported]`,
			`x.xml:16:5: error: a second messaging/persimsettings/$(__ICCID) group in this Variant [import-unsupported]`,
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
			[]string{`x.xml:2:1: error: the file sets no setting: there is nothing a spec can express [import-unsupported]`}},
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
	var importedNames []string
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
			importedNames = append(importedNames, e.Name())
			// generate -> import gives the same spec back
			back, ds := ImportSpec(parseXML(t, "gen.xml", mustGenerate(t, s)))
			if diff := cmp.Diff(s, back); diff != "" {
				t.Errorf("%s: the generated file imports to another spec (-first +again):\n%s\n%v", e.Name(), diff, diagLines(ds))
			}
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
	// Every other sample ships empty values or an empty Owner; these two set
	// only documented settings, filled in.
	if want := []string{"caller-id-matching-2.xml", "cause-codes-2.xml"}; !cmp.Equal(importedNames, want) {
		t.Errorf("samples that import: got %q, want %q", importedNames, want)
	}
}
