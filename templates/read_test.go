package templates

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/mcsf-dev/mcsf/answerfile"
)

// diagLines renders diagnostics as file:line:col: severity: message [rule].
func diagLines(ds []answerfile.Diagnostic) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.String())
	}
	return out
}

// head is a valid start of a spec, for cases about operators.
const head = "name: N\nowner: O\n"

func TestReadSpecDiagnostics(t *testing.T) {
	tests := []struct {
		name, spec string
		want       []string
	}{
		{"number where a string is needed", head + "operators:\n  - name: A\n    match: [{mcc: 310}]\n    mmsAutoRetry: true\n",
			[]string{`s.yaml:5:19: error: operators[0].match[0].mcc must be a string, not the number 310: values are strings, quote it (mcc: "310") [spec-schema]`}},
		{"boolean where a string is needed", head + "operators:\n  - name: A\n    match: [{roaming: true}]\n    mmsAutoRetry: true\n",
			[]string{`s.yaml:5:23: error: operators[0].match[0].roaming must be a string, not the boolean true: values are strings, quote it (roaming: "true") [spec-schema]`}},
		{"missing keys", "description: x\n",
			[]string{`s.yaml:1:1: error: the spec is missing "name" and "owner" [spec-schema]`}},
		{"unknown key with suggestion", head + "ownertype: OEM\ndevice: {imsRetry: {retryEnabled: true}}\n",
			[]string{`s.yaml:3:1: error: unknown key "ownertype" in the spec: did you mean ownerType? [spec-schema]`}},
		{"unknown match key", head + "operators:\n  - name: A\n    match: [{mcc: \"310\", lang: \"en\"}]\n    mmsAutoRetry: true\n",
			[]string{`s.yaml:5:26: error: unknown match key "lang": put other conditions under conditions (conditions: {lang: "..."}) [spec-schema]`}},
		{"misspelt match key", head + "operators:\n  - name: A\n    match: [{mmc: \"310\"}]\n    mmsAutoRetry: true\n",
			[]string{`s.yaml:5:14: error: unknown match key "mmc": did you mean mcc? [spec-schema]`}},
		{"enum", head + "ownerType: oem\ndevice: {imsRetry: {retryEnabled: true}}\n",
			[]string{`s.yaml:3:12: error: ownerType must be one of OEM, Microsoft, SiliconVendor, MobileOperator, not "oem": did you mean OEM? [spec-schema]`}},
		{"threshold zero", head + "device: {imsRetry: {attemptThresholdForIMS: 0}}\n",
			[]string{`s.yaml:3:45: error: device.imsRetry.attemptThresholdForIMS must be at least 1, not 0: with 0 SMS over IMS is never attempted [spec-schema]`}},
		{"threshold over a DWORD", head + "device: {imsRetry: {attemptThresholdForIMS: 4294967296}}\n",
			[]string{`s.yaml:3:45: error: device.imsRetry.attemptThresholdForIMS must be at most 4294967295 (a DWORD), not 4294967296 [spec-schema]`}},
		{"quoted threshold", head + "device: {imsRetry: {attemptThresholdForIMS: \"3\"}}\n",
			[]string{`s.yaml:3:45: error: device.imsRetry.attemptThresholdForIMS must be a whole number, not the string "3": write it without quotes [spec-schema]`}},
		{"yes is not a boolean", head + "device: {imsRetry: {retryEnabled: yes}}\n",
			[]string{`s.yaml:3:35: error: device.imsRetry.retryEnabled must be true or false, not the string "yes" [spec-schema]`}},
		{"null value", head + "device:\n",
			[]string{`s.yaml:3:8: error: device has no value: it must be a mapping [spec-schema]`}},
		{"empty match list", head + "operators:\n  - name: A\n    match: []\n    mmsAutoRetry: true\n",
			[]string{`s.yaml:5:12: error: operators[0].match must have at least one entry: each entry is one TargetState, its keys the conditions a SIM must meet [spec-schema]`}},
		{"empty match entry", head + "operators:\n  - name: A\n    match: [{}]\n    mmsAutoRetry: true\n",
			[]string{`s.yaml:5:13: error: operators[0].match[0] has no condition: set at least one of mcc, mnc, spn, pnn, gid1, iccid, imsi, uiccslot, uicc, roaming or conditions [spec-schema]`}},
		{"empty imsRetry", head + "device: {imsRetry: {}}\n",
			[]string{`s.yaml:3:20: error: device.imsRetry is empty: set attemptThresholdForIMS or retryEnabled [spec-schema]`}},
		{"control character", head + "description: \"a\\tb\"\ndevice: {imsRetry: {retryEnabled: true}}\n",
			[]string{`s.yaml:3:14: error: description contains a control character (tab, line break, ...): write it on one line with printable characters [spec-schema]`}},
		{"duplicate key", head + "owner: P\ndevice: {imsRetry: {retryEnabled: true}}\n",
			[]string{`s.yaml:3:1: error: key "owner" is given twice in this mapping: keep one [spec-duplicate-key]`}},
		{"duplicate key in JSON", `{"name": "N", "owner": "O", "name": "M"}`,
			[]string{`s.yaml:1:29: error: key "name" is given twice in this mapping: keep one [spec-duplicate-key]`}},
		{"syntax error", head + "operators: [\n",
			[]string{`s.yaml:3:1: error: the spec is not valid YAML or JSON: did not find expected node content [spec-syntax]`}},
		{"empty file", "",
			[]string{`s.yaml:1:1: error: the spec is empty: write at least name, owner and one operator or device value [spec-syntax]`}},
		{"two documents", head + "device: {imsRetry: {retryEnabled: true}}\n---\nname: M\n",
			[]string{`s.yaml:4:1: error: the spec holds more than one YAML document: keep one, without a second --- [spec-syntax]`}},
		{"alias", "name: &n N\nowner: *n\ndevice: {imsRetry: {retryEnabled: true}}\n",
			[]string{`s.yaml:2:8: error: YAML aliases (*n) are not supported in a spec: write the value out [spec-syntax]`}},
		{"nothing set", head,
			[]string{`s.yaml:1:1: error: the spec sets nothing: add operators, or device values (device: {imsRetry: {...}}) [spec-no-settings]`}},
		{"operator without settings", head + "operators:\n  - name: A\n    match: [{mcc: \"310\"}]\n",
			[]string{`s.yaml:4:11: error: operator "A" sets nothing: add imsRetry, mmsAutoRetry or settings [spec-no-settings]`}},
		{"duplicate operator", head + "operators:\n  - {name: A, match: [{mcc: \"310\"}], mmsAutoRetry: true}\n  - {name: a, match: [{mcc: \"311\"}], mmsAutoRetry: true}\n",
			[]string{`s.yaml:5:12: error: operator "a" is named twice (names compare case-insensitively): merge the two into one operator with several match entries [spec-duplicate-operator]`}},
		{"duplicate condition", head + "operators:\n  - {name: A, match: [{mcc: \"310\", conditions: {MCC: \"311\"}}], mmsAutoRetry: true}\n",
			[]string{`s.yaml:4:49: error: condition MCC is set twice in this match entry (names compare case-insensitively): keep one [spec-duplicate-condition]`}},
		{"invalid condition value", head + "operators:\n  - {name: A, match: [{mcc: \"31\"}], mmsAutoRetry: true}\n",
			[]string{`s.yaml:4:29: error: MCC "31" must be exactly 3 digits, e.g. 310 [spec-invalid-condition]`}},
		{"reserved condition name", head + "operators:\n  - {name: A, match: [{mcc: \"310\", conditions: {Target: \"x\"}}], mmsAutoRetry: true}\n",
			[]string{`s.yaml:4:49: error: "Target" is a reserved name and cannot be a condition: use a SIM or device condition such as MCC [spec-invalid-condition]`}},
		{"unsatisfiable range", head + "operators:\n  - {name: A, match: [{uiccslot: \"range:5, 1\"}], mmsAutoRetry: true}\n",
			[]string{`s.yaml:4:34: error: range "5, 1" is empty: the minimum 5 is above the maximum 1, swap them [spec-unsatisfiable-match]`}},
		{"unknown condition name is a warning", head + "operators:\n  - {name: A, match: [{mcc: \"310\", imsi: \"310410123456789\"}], mmsAutoRetry: true}\n",
			[]string{`s.yaml:4:36: warning: IMSI is not a documented condition name: ImageApp warns on it and lint reports unknown-condition-name; an IMSI starts with the MCC and MNC, match those (or iccid) instead [spec-unknown-condition]`}},
		{"pattern RE2 cannot evaluate", head + "operators:\n  - {name: A, match: [{spn: \"pattern:(?!Test).*\"}], mmsAutoRetry: true}\n",
			[]string{`s.yaml:4:29: warning: pattern "(?!Test).*" uses a negative look-ahead (?!...), which .NET accepts on the device but Go's RE2 cannot evaluate: mcsf resolve reports its target state as undecided; rewrite the pattern without it to have it checked [spec-pattern-unsupported]`}},
		{"overlap with conflicting values", head + "operators:\n" +
			"  - {name: A, match: [{mcc: \"310\", mnc: \"410\"}], mmsAutoRetry: true}\n" +
			"  - {name: B, match: [{mcc: \"310\", spn: \"X\"}], mmsAutoRetry: false}\n",
			[]string{`s.yaml:5:23: error: operators "A" and "B" can match the same SIM at equal priority (2 SIM conditions each) and set mmsAutoRetry to different values: the later one in the file would win; make one match more specific or give both the same value [spec-overlap]`}},
		{"overlap without conflict", head + "operators:\n" +
			"  - {name: A, match: [{mcc: \"310\", mnc: \"410\"}], mmsAutoRetry: true}\n" +
			"  - {name: B, match: [{mcc: \"310\", spn: \"X\"}], imsRetry: {attemptThresholdForIMS: 2, retryEnabled: false}}\n",
			[]string{`s.yaml:5:23: warning: operators "A" and "B" can match the same SIM at equal priority (2 SIM conditions each): such a SIM gets the settings of both [spec-overlap-merged]`}},
		{"retryEnabled false without any threshold", head + "device: {imsRetry: {retryEnabled: false}}\noperators:\n" +
			"  - {name: A, match: [{mcc: \"310\"}], imsRetry: {retryEnabled: false}}\n" +
			"  - {name: B, match: [{mcc: \"311\"}], imsRetry: {attemptThresholdForIMS: 4294967295, retryEnabled: false}}\n" +
			"  - {name: C, match: [{mcc: \"312\"}], imsRetry: {attemptThresholdForIMS: 3, retryEnabled: false}}\n",
			[]string{
				`s.yaml:3:35: warning: retryEnabled: false is not what the device does for a SIM whose operator configures no attemptThresholdForIMS: the device configures none either, so the runtime forces RetryEnabled to 1; set device.imsRetry.attemptThresholdForIMS (1 or more) [spec-retry-forced]`,
				`s.yaml:5:63: warning: retryEnabled: false is not what operator "A"'s SIMs get: neither it nor device configures attemptThresholdForIMS, so the runtime forces RetryEnabled to 1; set attemptThresholdForIMS (1 or more) here or in device [spec-retry-forced]`,
				`s.yaml:6:99: warning: retryEnabled: false is not what operator "B"'s SIMs get: neither it nor device configures attemptThresholdForIMS, so the runtime forces RetryEnabled to 1; set attemptThresholdForIMS (1 or more) here or in device [spec-retry-forced]`,
			}},
		{"retryEnabled false with the device's threshold", head + "device: {imsRetry: {attemptThresholdForIMS: 2, retryEnabled: false}}\noperators:\n" +
			"  - {name: A, match: [{mcc: \"310\"}], imsRetry: {retryEnabled: false}}\n",
			nil},
		{"overlap with conflicting settings", head + "operators:\n" +
			"  - {name: A, match: [{mcc: \"310\", mnc: \"410\"}], settings: {CellCore/PerIMSI/$(__IMSI)/CellUX/Critical: {SwitchIMS: 1}, Messaging/PerSimSettings/$(__ICCID): {ErrorCodeEnabled: 1}}}\n" +
			"  - {name: B, match: [{mcc: \"310\", spn: \"X\"}], settings: {cellcore/perimsi/$(__IMSI)/cellux/critical: {switchims: 0}, Messaging/PerSimSettings/$(__ICCID): {ErrorCodeEnabled: \"0x1\"}}}\n",
			[]string{`s.yaml:5:23: error: operators "A" and "B" can match the same SIM at equal priority (2 SIM conditions each) and set CellCore/PerIMSI/$(__IMSI)/CellUX/Critical/SwitchIMS to different values: the later one in the file would win; make one match more specific or give both the same value [spec-overlap]`}},
		{"no overlap at different priority", head + "operators:\n" +
			"  - {name: A, match: [{mcc: \"310\"}], mmsAutoRetry: true}\n" +
			"  - {name: B, match: [{mcc: \"310\", mnc: \"410\"}], mmsAutoRetry: false}\n",
			nil},
		{"no overlap when disjoint", head + "operators:\n" +
			"  - {name: A, match: [{mcc: \"310\", mnc: \"410\"}], mmsAutoRetry: true}\n" +
			"  - {name: B, match: [{mcc: \"310\", mnc: \"411\"}], mmsAutoRetry: false}\n",
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, ds, err := ReadSpec("s.yaml", []byte(tt.spec))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, diagLines(ds)); diff != "" {
				t.Errorf("spec:\n%s\ndiagnostics (-want +got):\n%s", tt.spec, diff)
			}
			hasError := false
			for _, d := range ds {
				hasError = hasError || d.Severity == answerfile.Error
			}
			if (s == nil) != hasError {
				t.Errorf("got spec %v with error diagnostics %v", s != nil, hasError)
			}
		})
	}
}

func TestReadSpecDefaultsAndValues(t *testing.T) {
	spec := "name: N\nowner: O\noperators:\n" +
		"  - name: A\n    match:\n      - {mcc: \"310\", spn: \"Pattern:^F\", conditions: {processortype: \"x\", Lang: \"!Range:1, 2\"}}\n" +
		"    imsRetry: {attemptThresholdForIMS: 0x10}\n    mmsAutoRetry: false\n"
	s, ds, err := ReadSpec("s.yaml", []byte(spec))
	if err != nil || len(ds) != 0 {
		t.Fatalf("got %v, %v; want no diagnostics", diagLines(ds), err)
	}
	if s.OwnerType != "OEM" {
		t.Errorf("got ownerType %q, want the default OEM", s.OwnerType)
	}
	if got := *s.Operators[0].IMSRetry.AttemptThresholdForIMS; got != 16 {
		t.Errorf("got threshold %d, want 16 (0x10)", got)
	}
	got := s.Operators[0].Match[0].List()
	want := []Condition{
		{Name: "MCC", Value: "310", Key: "mcc"},
		{Name: "SPN", Value: "pattern:^F", Key: "spn"},
		{Name: "Lang", Value: "!range:1, 2", Key: "conditions/Lang"},
		{Name: "ProcessorType", Value: "x", Key: "conditions/processortype"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("conditions (-want +got):\n%s", diff)
	}
}

func TestReadSpecJSON(t *testing.T) {
	yamlSpec := ExampleSpec()
	s1, ds, err := ReadSpec("example.yaml", yamlSpec)
	if err != nil || len(ds) > 0 {
		t.Fatalf("example: %v %v", diagLines(ds), err)
	}
	json := `{
	"name": "ContosoMessaging", "description": "SMS/MMS retry settings", "owner": "Contoso", "ownerType": "OEM",
	"device": {"imsRetry": {"attemptThresholdForIMS": 2, "retryEnabled": true}},
	"operators": [
		{"name": "Fabrikam", "match": [{"mcc": "310", "mnc": "410"}, {"mcc": "310", "mnc": "150", "spn": "Fabrikam"}],
		 "imsRetry": {"attemptThresholdForIMS": 3, "retryEnabled": false}, "mmsAutoRetry": true},
		{"name": "Litware", "match": [{"mcc": "234", "mnc": "15", "gid1": "A1", "conditions": {"Roaming": "0"}}], "mmsAutoRetry": true}
	]
}`
	s2, ds, err := ReadSpec("example.json", []byte(json))
	if err != nil || len(ds) > 0 {
		t.Fatalf("json: %v %v", diagLines(ds), err)
	}
	if diff := cmp.Diff(s1, s2); diff != "" {
		t.Errorf("YAML and JSON forms differ (-yaml +json):\n%s", diff)
	}
	if _, ds, _ := ReadSpec("bad.json", []byte(strings.Replace(json, `"mcc": "234"`, `"mcc": 234`, 1))); len(ds) != 1 || ds[0].Line != 7 || ds[0].Column != 41 {
		t.Errorf("got %v, want one error at 7:41", diagLines(ds))
	}
}

// TestLongNumbers: an unquoted number longer than the limit is an error at
// its position before anything is converted; quoted text and version-like
// strings are not numbers; a number over 309 digits (a string to YAML) is
// named a number.
func TestLongNumbers(t *testing.T) {
	head := "name: A\nowner: O\ndevice:\n  imsRetry: {attemptThresholdForIMS: "
	for _, c := range []struct {
		value string
		max   int
		want  []string
	}{
		{strings.Repeat("9", 101), 0, []string{`s.yaml:4:38: error: a number of 101 characters, longer than the limit of 100 (--max-number-length): a spec's numbers are attempt counts; quote it if it is text [spec-syntax]`}},
		{"-1.5e" + strings.Repeat("3", 10), 10, []string{`s.yaml:4:38: error: a number of 15 characters, longer than the limit of 10 (--max-number-length): a spec's numbers are attempt counts; quote it if it is text [spec-syntax]`}},
		{`"` + strings.Repeat("9", 101) + `"`, 0, []string{`s.yaml:4:38: error: device.imsRetry.attemptThresholdForIMS must be a whole number, not the string "9999999999999999999999999999999999999999999999999999999999999999"… (101 bytes): write it without quotes [spec-schema]`}},
		{strings.Repeat("1.", 60) + "1", 0, []string{`s.yaml:4:38: error: device.imsRetry.attemptThresholdForIMS must be a whole number, not the string "1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1.1."… (121 bytes): write it without quotes [spec-schema]`}},
		{strings.Repeat("9", 400), 1000, []string{`s.yaml:4:38: error: device.imsRetry.attemptThresholdForIMS must be a whole number, not the number 9999999999999999999999999999999999999999999999999999999999999999… (400 bytes), which is too long for YAML to read as one [spec-schema]`}},
	} {
		_, diags, err := ReadSpecLimits("s.yaml", []byte(head+c.value+", retryEnabled: true}\noperators: []\n"), SpecLimits{MaxNumberLength: c.max})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, d := range diags {
			got = append(got, d.String())
		}
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("%.40s (limit %d) (-want +got):\n%s", c.value, c.max, diff)
		}
	}
}
