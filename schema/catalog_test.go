package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

func TestCatalogLoads(t *testing.T) {
	c, err := LoadCatalog()
	if err != nil {
		t.Fatal(err)
	}
	// The settings the issue names, each at its documented scope.
	for _, tc := range []struct {
		path, name string
		scope      Scope
	}{
		{"CellCore/PerIMSI/$(__IMSI)/SMS", "3GPP/IMS/AttemptThresholdForIMS", ScopePerIMSI},
		{"CellCore/PerIMSI/$(__IMSI)/SMS", "3GPP/IMS/RetryEnabled", ScopePerIMSI},
		{"CellCore/PerDevice/SMS", "3GPP/IMS/AttemptThresholdForIMS", ScopePerDevice},
		{"CellCore/PerDevice/SMS", "3GPP/IMS/RetryEnabled", ScopePerDevice},
		{"CellCore/PerIMSI/$(__IMSI)/SMS", "3GPP2/ErrorHandling/UseReservedAsPermanent", ScopePerIMSI},
		{"CellCore/PerDevice/SMS", "3GPP2/ErrorHandling/UseReservedAsPermanent", ScopePerDevice},
		{"Messaging/PerSimSettings/$(__ICCID)", "AutoRetryDownload", ScopePerSIM},
		{"Multivariant", "Enable", ScopeImageTime},
		{"Multivariant", "BrandingSlot", ScopeImageTime},
		{"Multivariant", "PersistVariantData", ScopeImageTime},
		{"Multivariant", "PostVariantCleanupDelay", ScopeImageTime},
		{"Multivariant", "UnconditionalCleanupDelay", ScopeImageTime},
		{"AutoDataConfig", "Enable", ScopeImageTime},
		{"CellCore/PerIMSI/$(__IMSI)/VoLTE", "IMSServices", ScopePerIMSI},
	} {
		s, ok := c.Lookup(tc.path, tc.name)
		if !ok {
			t.Errorf("Lookup(%q, %q): not found", tc.path, tc.name)
			continue
		}
		if s.Scope != tc.scope {
			t.Errorf("%s %s: scope %s, want %s", tc.path, tc.name, s.Scope, tc.scope)
		}
		if s.InVariant() != (tc.scope == ScopePerIMSI || tc.scope == ScopePerSIM) {
			t.Errorf("%s %s: InVariant() = %v", tc.path, tc.name, s.InVariant())
		}
	}
}

func TestCatalogLookupIgnoresCase(t *testing.T) {
	c, err := LoadCatalog()
	if err != nil {
		t.Fatal(err)
	}
	s, ok := c.Lookup("cellcore/perimsi/$(__imsi)/sms", "3gpp/ims/retryenabled")
	if !ok {
		t.Fatal("case-insensitive lookup failed")
	}
	if got, want := s.Name, "3GPP/IMS/RetryEnabled"; got != want {
		t.Errorf("Name = %q, want %q", got, want)
	}
	if got := len(c.Path("MULTIVARIANT")); got != 5 {
		t.Errorf("Path(MULTIVARIANT) has %d settings, want 5", got)
	}
	if got := c.Path("Nowhere"); got != nil {
		t.Errorf("Path(Nowhere) = %v, want nil", got)
	}
}

// TestCatalogSchemaRejects checks that the catalog's schema catches the
// mistakes an editor of catalog.json could make.
func TestCatalogSchemaRejects(t *testing.T) {
	good := `{"path": "A/B", "name": "N", "customization": "C", "scope": "per-device", "where": ["static"], "type": "dword", "doc": "d"}`
	for _, tc := range []struct {
		name, entry, want string
	}{
		{"ok", good, ""},
		{"bad scope", strings.Replace(good, `"per-device"`, `"per-user"`, 1), "/settings/0/scope"},
		{"per-imsi in static", strings.Replace(good, `"per-device"`, `"per-imsi"`, 1), "/settings/0/where"},
		{"bool without values", strings.Replace(good, `"dword"`, `"bool"`, 1), "/settings/0"},
		{"missing doc", strings.Replace(good, `, "doc": "d"`, "", 1), "/settings/0"},
		{"unknown field", strings.Replace(good, `"doc": "d"`, `"doc": "d", "color": "red"`, 1), "/settings/0"},
		{"trailing slash", strings.Replace(good, `"A/B"`, `"A/B/"`, 1), "/settings/0/path"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseCatalog([]byte(`{"settings": [` + tc.entry + `]}`))
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("got %v, want no error", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want+":")):
				t.Errorf("got %v, want an error at %s", err, tc.want)
			}
		})
	}
}

func TestCatalogDuplicates(t *testing.T) {
	entry := `{"path": "A/B", "name": "N", "customization": "C", "scope": "per-device", "where": ["static"], "type": "dword", "doc": "d"}`
	other := strings.Replace(strings.Replace(entry, `"N"`, `"M"`, 1), `"per-device"`, `"image-time"`, 1)
	for _, tc := range []struct{ name, body, want string }{
		{"same setting in another case", entry + "," + strings.Replace(entry, `"A/B"`, `"a/b"`, 1), "catalog: a/b N is listed twice"},
		{"two scopes on one path", entry + "," + other, "catalog: path A/B has two scopes, per-device and image-time"},
		{"a prefix in two cases", entry + "," + strings.Replace(strings.Replace(entry, `"A/B"`, `"a/C"`, 1), `"N"`, `"M"`, 1), "catalog: A and a differ only in case"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseCatalog([]byte(`{"settings": [` + tc.body + `]}`))
			if err == nil || err.Error() != tc.want {
				t.Errorf("got %v, want %q", err, tc.want)
			}
		})
	}
}

func TestParseDWORD(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want uint32
		err  string
	}{
		{"0", 0, ""},
		{"1", 1, ""},
		{"0x1", 1, ""},
		{"0X1e", 30, ""},
		{"4294967295", 4294967295, ""},
		{"0xFFFFFFFF", 4294967295, ""},
		{"", 0, "empty value"},
		{"4294967296", 0, "4294967296 is larger than a DWORD (at most 4294967295)"},
		{"0x100000000", 0, "0x100000000 is larger than a DWORD (at most 0xFFFFFFFF)"},
		{"1E", 0, `"1E" looks hexadecimal: hexadecimal values need the 0x prefix (0x1E)`},
		{"-1", 0, `"-1" is negative: a DWORD is unsigned`},
		{" 1", 0, `" 1" has spaces around the number`},
		{"yes", 0, `"yes" is not a number`},
		{"0x", 0, `"0x" is not a hexadecimal number`},
		{"0xZZ", 0, `"0xZZ" is not a hexadecimal number`},
	} {
		got, err := ParseDWORD(tc.in)
		gotErr := ""
		if err != nil {
			gotErr = err.Error()
		}
		if got != tc.want || gotErr != tc.err {
			t.Errorf("ParseDWORD(%q) = %d, %q; want %d, %q", tc.in, got, gotErr, tc.want, tc.err)
		}
	}
}

func TestCheckValue(t *testing.T) {
	c, err := LoadCatalog()
	if err != nil {
		t.Fatal(err)
	}
	get := func(path, name string) *Setting {
		s, ok := c.Lookup(path, name)
		if !ok {
			t.Fatalf("no %s %s", path, name)
		}
		return s
	}
	retry := get("CellCore/PerDevice/SMS", "3GPP/IMS/RetryEnabled")
	reserved := get("CellCore/PerDevice/SMS", "3GPP2/ErrorHandling/UseReservedAsPermanent")
	threshold := get("CellCore/PerDevice/SMS", "3GPP/IMS/AttemptThresholdForIMS")
	cleanup := get("Multivariant", "PostVariantCleanupDelay")
	ims := get("CellCore/PerIMSI/$(__IMSI)/VoLTE", "IMSServices")
	auto := get("Messaging/PerSimSettings/$(__ICCID)", "AutoRetryDownload")
	for _, tc := range []struct {
		s    *Setting
		v    string
		want string
	}{
		{retry, "1", ""},
		{retry, "0x0", ""},
		{retry, "", ""},
		{retry, "2", "2 is not a value of 3GPP/IMS/RetryEnabled; it takes 0 or 1 (default 1)"},
		{auto, "yes", `"yes" is not a number; AutoRetryDownload takes 0 or 1 (default 0)`},
		{auto, "0x1", ""},
		{reserved, "Yes", ""},
		{reserved, "no", ""},
		{reserved, "Maybe", `"Maybe" is not a number; 3GPP2/ErrorHandling/UseReservedAsPermanent takes 0 (No) or 1 (Yes)`},
		{threshold, "3", ""},
		{threshold, "0", ""},
		{threshold, "A", `"A" looks hexadecimal: hexadecimal values need the 0x prefix (0xA); 3GPP/IMS/AttemptThresholdForIMS takes an integer of 0 or more (attempts)`},
		{cleanup, "10080", ""},
		{cleanup, "10081", "10081 is above the maximum 10080 minutes of PostVariantCleanupDelay"},
		{ims, "15", ""},
		{ims, "0xF", ""},
		{ims, "16", "16 has bits that IMSServices does not define; it takes a sum of 1 IMS, 2 SMS over IMS, 4 Voice over IMS, 8 Video over IMS"},
	} {
		if got := tc.s.CheckValue(tc.v); got != tc.want {
			t.Errorf("%s.CheckValue(%q) = %q, want %q", tc.s.Name, tc.v, got, tc.want)
		}
	}
}

// TestCatalogFileIsTidy keeps catalog.json readable: paths grouped, every
// entry's doc one line without a trailing period.
func TestCatalogFileIsTidy(t *testing.T) {
	b, err := files.ReadFile("catalog.json")
	if err != nil {
		t.Fatal(err)
	}
	var raw struct{ Settings []map[string]any }
	if err := json.NewDecoder(bytes.NewReader(b)).Decode(&raw); err != nil {
		t.Fatal(err)
	}
	for i, s := range raw.Settings {
		doc := fmt.Sprint(s["doc"])
		if strings.HasSuffix(doc, ".") {
			t.Errorf("settings[%d] (%v): doc ends with a period", i, s["name"])
		}
	}
}
