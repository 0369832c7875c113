package catalog_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/mcsf-dev/mcsf/catalog"
)

func TestLookup(t *testing.T) {
	ix := catalog.Load()
	tests := []struct {
		path, name string
		cust       string // "" when not found
		typ        catalog.Type
		def        string
	}{
		{"CellCore/PerIMSI/$(__IMSI)/SMS", "3GPP/IMS/RetryEnabled", "IMSRetry", catalog.Enum, "1"},
		{"cellcore/perimsi/$(__imsi)/sms", "3gpp/ims/retryenabled", "IMSRetry", catalog.Enum, "1"},
		{"CellCore/PerDevice/SMS", "3GPP/IMS/AttemptThresholdForIMS", "IMSRetry", catalog.DWORD, ""},
		{"Messaging/PerSimSettings/$(__ICCID)", "AutoRetryDownload", "AutoRetryDownloadForMMS", catalog.Enum, "0"},
		{"Multivariant", "Enable", "EnableRuntimeConfiguration", catalog.Enum, "1"},
		{"Photos/LensApps/{01234567-89AB-CDEF-0123-456789ABCDEF}", "Title", "OEMLensApps", catalog.String, ""},
		{"Localization/MUI", "LanguageDll/en-US", "CreateAResourceOnlyDllForLocalizedStrings", catalog.AssetFile, ""},
		{"CellCore/PerIMSI/$(__IMSI)/SMS", "NoSuchSetting", "", "", ""},
		{"TestSettingGroup", "Level1/MySetting", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.path+"/"+tt.name, func(t *testing.T) {
			e, ok := ix.Lookup(tt.path, tt.name)
			if tt.cust == "" {
				if ok {
					t.Fatalf("Lookup found %s %s in %s, want not found", tt.path, tt.name, e.Customization.ID)
				}
				return
			}
			if !ok {
				t.Fatalf("Lookup(%q, %q) not found", tt.path, tt.name)
			}
			if e.Customization.ID != tt.cust || e.Setting.Type != tt.typ || e.Setting.Default != tt.def {
				t.Errorf("got %s, type %q, default %q; want %s, %q, %q", e.Customization.ID, e.Setting.Type, e.Setting.Default, tt.cust, tt.typ, tt.def)
			}
		})
	}
}

func TestPrecedence(t *testing.T) {
	e, ok := catalog.Load().Lookup("CellCore/PerDevice/CellUX/Critical", "ShowVoLTEToggle")
	if !ok || e.Setting.Precedence != catalog.DeviceWins {
		t.Errorf("ShowVoLTEToggle per-device: got %v %v, want DeviceWins (settings-for-ims-services)", ok, e.Setting)
	}
	e, _ = catalog.Load().Lookup("CellCore/PerIMSI/$(__IMSI)/SMS", "3GPP/IMS/RetryEnabled")
	if e.Setting.Precedence != catalog.IMSIWins {
		t.Errorf("RetryEnabled: got precedence %v, want IMSIWins", e.Setting.Precedence)
	}
}

func TestFind(t *testing.T) {
	for _, id := range []string{"IMSRetry", "imsretry", "ims-retry"} {
		c, ok := catalog.Find(id)
		if !ok || c.ID != "IMSRetry" {
			t.Fatalf("Find(%q) = %v, %v", id, c, ok)
		}
		if got, want := c.URL(), "https://docs.microsoft.com/en-us/windows-hardware/customize/mobile/mcsf/ims-retry"; got != want {
			t.Errorf("URL = %s, want %s", got, want)
		}
	}
	if _, ok := catalog.Find("NoSuchCustomization"); ok {
		t.Error("Find(NoSuchCustomization) found one")
	}
}

func TestConstraintString(t *testing.T) {
	for c, want := range map[catalog.Constraint]string{
		0:                     "None",
		catalog.ImageTimeOnly: "ImageTimeOnly",
		catalog.Atomic | catalog.FirstVariationOnly: "FirstVariationOnly, Atomic",
	} {
		if got := c.String(); got != want {
			t.Errorf("%d.String() = %q, want %q", c, got, want)
		}
	}
}

// TestTable checks invariants of the whole table: ids unique, every group
// with a path, a scope that agrees with the path, every setting named.
func TestTable(t *testing.T) {
	ids := map[string]string{}
	for _, c := range catalog.Customizations() {
		if prev, dup := ids[c.ID]; dup {
			t.Errorf("id %s used by %s and %s", c.ID, prev, c.Page)
		}
		ids[c.ID] = c.Page
		for _, g := range c.Groups {
			if g.Path == "" || g.Scope == "" {
				t.Errorf("%s: group %q has scope %q", c.Page, g.Path, g.Scope)
			}
			for _, s := range g.Settings {
				if s.Name == "" {
					t.Errorf("%s: %s has an unnamed setting", c.Page, g.Path)
				}
				if s.Type == catalog.Enum && len(s.Values) == 0 {
					t.Errorf("%s: %s %s is an enum with no values", c.Page, g.Path, s.Name)
				}
			}
		}
	}
}

func TestSearch(t *testing.T) {
	tests := []struct {
		query string
		want  []string // customization id: number of settings
	}{
		{"AutoRetryDownload", []string{"AutoRetryDownloadForMMS:1"}},
		{"ims retry", []string{"IMSRetry:4"}},                             // the title
		{"3gpp/ims/retryenabled", []string{"IMSRetry:2"}},                 // a name, both scopes
		{"CellCore/PerDevice/SMS/3GPP/IMS/Retry", []string{"IMSRetry:1"}}, // PATH/NAME
		{"NoSuchThingAnywhere", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, h := range catalog.Search(tt.query) {
			got = append(got, fmt.Sprintf("%s:%d", h.Customization.ID, len(h.Settings)))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("Search(%q) = %v, want %v", tt.query, got, tt.want)
		}
	}
	if got := len(catalog.Search("")); got != len(catalog.Customizations()) {
		t.Errorf("Search(\"\") found %d, want all %d", got, len(catalog.Customizations()))
	}
}

func TestExplain(t *testing.T) {
	ix := catalog.Load()
	for arg, want := range map[string]string{
		"CellCore/PerDevice/SMS":                       "DisableEMSLongMessages CellCore/PerDevice/SMS SmsPageLimit", // the first page that documents the path
		"autoretrydownload":                            "AutoRetryDownloadForMMS Messaging/PerSimSettings/$(__ICCID) AutoRetryDownload",
		"CellCore/PerDevice/SMS/3GPP/IMS/RetryEnabled": "IMSRetry CellCore/PerDevice/SMS 3GPP/IMS/RetryEnabled",
		"Photos/LensApps/{0123}/Title":                 "OEMLensApps Photos/LensApps/{GUID} Title",
	} {
		es := ix.Explain(arg)
		if len(es) == 0 {
			t.Errorf("Explain(%q) found nothing, want %s", arg, want)
			continue
		}
		if got := es[0].Customization.ID + " " + es[0].Group.Path + " " + es[0].Setting.Name; got != want {
			t.Errorf("Explain(%q)[0] = %s, want %s", arg, got, want)
		}
	}
	if es := ix.Explain("Nope/Nothing"); es != nil {
		t.Errorf("Explain(Nope/Nothing) = %v, want nothing", es)
	}
}
