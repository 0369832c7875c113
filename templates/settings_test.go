package templates

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/answerfile/lint"
)

// TestSpecSettings: any documented setting per device or per operator,
// checked against the catalog at the spec's line:column.
func TestSpecSettings(t *testing.T) {
	bad := `name: ContosoPhone
owner: Contoso
device:
  settings:
    Phone/PhoneSettings: {HideCallForwarding: 3, CallRecordingOf: 1}
    CellCore/PerIMSI/$(__IMSI)/SMS: {Encodings/UseASCII: 1}
operators:
  - name: Fabrikam
    match: [{mcc: "310", mnc: "410"}]
    settings:
      DataSense: {DataSaverMode: 2}
      CellCore/PerDevice/CellUX/Critical: {ShowVoLTEToggle: 1}
      Messaging/PerSimSettings/$(__ICCID): {AutoRetryDownload: 1}
      Nowhere/Path: {X: 1}
`
	_, diags, err := ReadSpec("s.yaml", []byte(bad))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range diags {
		got = append(got, fmt.Sprintf("%d:%d %s %s", d.Line, d.Column, d.Rule, d.Message))
	}
	want := []string{
		`5:47 spec-setting 3 is not a value of HideCallForwarding; it takes 0 (False) or 1 (True)`,
		`5:50 spec-setting setting "CallRecordingOf" is not in the catalog under Phone/PhoneSettings (mcsf settings "Phone/PhoneSettings" lists its settings)`,
		`6:5 spec-setting CellCore/PerIMSI/$(__IMSI)/SMS is a per-imsi path: give it to an operator, whose Variant has a SIM; device settings go in Static`,
		`11:19 spec-setting DataSaverMode is ImageTimeOnly (DataSaverMode): it cannot vary by operator; give it to device`,
		`12:7 spec-setting CellCore/PerDevice/CellUX/Critical is a per-device path (the fallback in Static): give it to device, or use the per-IMSI path for this operator`,
		`13:45 spec-setting AutoRetryDownload has a short form in the spec: write it as imsRetry or mmsAutoRetry`,
		`14:7 spec-setting settings path "Nowhere/Path" is not in the catalog (mcsf settings lists every documented path)`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s\ninput:\n%s", diff, bad)
	}

	good := `name: ContosoPhone
owner: Contoso
device:
  settings:
    phone/phonesettings: {HideCallForwarding: "1"}
operators:
  - name: Fabrikam
    match: [{mcc: "310", mnc: "410"}]
    imsRetry: {attemptThresholdForIMS: 3}
    settings:
      CellCore/PerIMSI/$(__IMSI)/SMS: {Encodings/UseASCII: 1}
      CellCore/PerIMSI/$(__IMSI)/CellUX/Critical: {SwitchIMS: 1}
`
	spec, diags, err := ReadSpec("s.yaml", []byte(good))
	if err != nil || len(diags) > 0 {
		t.Fatalf("ReadSpec: %v %v", diags, err)
	}
	out, err := Generate(spec)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{
		`    <Settings Path="Phone/PhoneSettings">` + "\n" + `      <Setting Name="HideCallForwarding" Value="1"/>`,
		`      <Setting Name="3GPP/IMS/AttemptThresholdForIMS" Value="3"/>` + "\n" + `      <Setting Name="Encodings/UseASCII" Value="1"/>` + "\n    </Settings>",
		`    <Settings Path="CellCore/PerIMSI/$(__IMSI)/CellUX/Critical">` + "\n" + `      <Setting Name="SwitchIMS" Value="1"/>`,
	} {
		if !strings.Contains(string(out), line) {
			t.Errorf("generated file lacks\n%s\ngot:\n%s", line, out)
		}
	}
	doc, _, err := answerfile.Parse("g.xml", out)
	if err != nil || doc == nil {
		t.Fatalf("generated file does not parse: %v", err)
	}
	if ds := lint.Lint(doc, lint.Config{}); len(ds) > 0 {
		t.Errorf("generated file has lint findings: %v", ds)
	}
}

// TestSpecSettingsOnce: a path or a name given twice in two spellings (ImageApp
// compares them case-insensitively), and the Multivariant switches generate
// writes itself with operators, are refused; a path is read back as the
// catalog spells it.
func TestSpecSettingsOnce(t *testing.T) {
	bad := `name: N
owner: O
device:
  settings:
    Phone/PhoneSettings: {HideCallForwarding: 1, hidecallforwarding: 0}
    phone/phonesettings: {AdjustCDMACallTime: 1}
    Multivariant: {Enable: 1}
operators:
  - {name: A, match: [{mcc: "310"}], mmsAutoRetry: true}
`
	_, diags, err := ReadSpec("s.yaml", []byte(bad))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`s.yaml:5:50: error: setting "hidecallforwarding" is given twice under Phone/PhoneSettings (as "HideCallForwarding" too; names compare case-insensitively): keep one [spec-setting]`,
		`s.yaml:6:5: error: settings path "phone/phonesettings" is given twice (as "Phone/PhoneSettings" too; paths compare case-insensitively): merge the two [spec-setting]`,
		`s.yaml:7:20: error: Multivariant/Enable is written by generate itself when the spec has operators (Multivariant/Enable=1, AutoDataConfig/Enable=0): leave it out [spec-setting]`,
	}
	if diff := cmp.Diff(want, diagLines(diags)); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}

	spec, diags, err := ReadSpec("s.yaml", []byte("name: N\nowner: O\ndevice: {settings: {phone/PHONESETTINGS: {HideCallForwarding: 1}, \"Photos/LensApps/{abc}\": {Title: x}}}\n"))
	if err != nil || len(diags) > 0 {
		t.Fatalf("ReadSpec: %v %v", diagLines(diags), err)
	}
	if got, want := spec.Device.Settings, (Settings{"Phone/PhoneSettings": {"HideCallForwarding": "1"}, "Photos/LensApps/{abc}": {"Title": "x"}}); !cmp.Equal(got, want) {
		t.Errorf("settings read as %v, want %v (the catalog's spelling; a {GUID} path as written)", got, want)
	}
}
