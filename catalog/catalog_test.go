package catalog_test

import (
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
