package lsp

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/mcsf-dev/mcsf/catalog"
)

func hoverAt(t *testing.T, c *testClient, uri string, p Position) *hover {
	t.Helper()
	var h *hover
	c.mustCall("textDocument/hover", at(uri, p), &h)
	return h
}

// settingDoc is the catalog's description of a setting, which hover shows.
func settingDoc(t *testing.T, path, name string) string {
	t.Helper()
	e, ok := catalog.Load().Lookup(path, name)
	if !ok || e.Setting.Doc == "" {
		t.Fatalf("the catalog has no description of %s/%s", path, name)
	}
	return e.Setting.Doc
}

func TestHover(t *testing.T) {
	c := startServer(t, Options{})
	c.initialize()
	_, uri, text := testFile(t, "contoso.xml")
	text = strings.Replace(text, "  <Variant", "  <!-- mcsf:ignore-file unused-target,empty-value reason -->\n  <Variant", 1)
	c.open(uri, text)
	for _, tc := range []struct {
		name   string
		needle string
		delta  int
		want   []string // each must be in the hover, in order
		rng    *Range
	}{
		{"setting", `Name="AutoRetryDownload"`, 8, []string{"**AutoRetryDownload** — [", "](https://docs.microsoft.com/en-us/windows-hardware/customize/mobile/mcsf/",
			"\n\n" + settingDoc(t, "Messaging/PerSimSettings/$(__ICCID)", "AutoRetryDownload") + "\n\n",
			"- path: `Messaging/PerSimSettings/$(__ICCID)` (per SIM (ICCID): in a Variant)"}, nil},
		{"path", `Path="CellCore/PerIMSI`, 8, []string{"**`CellCore/PerIMSI/$(__IMSI)/SMS`** — [", "per IMSI: in a Variant", "`3GPP/IMS/AttemptThresholdForIMS`", "(here in a Variant)"}, nil},
		{"condition name", `Name="MNC"`, 7, []string{"**MNC** — mobile network code of the SIM, SIM condition (P0)", "26 and 026 are different values", "`[!][pattern:|range:]value`"},
			&Range{Start: Position{6, 19}, End: Position{6, 28}}},
		{"condition value", `Value="310"`, 8, []string{"**MCC**", "This value: matches when the value is `310`"}, nil},
		{"target ref", `TargetRef Id="Contoso"`, 16, []string{"**Target Contoso**\n\nmatches when any TargetState matches (its conditions all hold):\n\n- TargetState 1: `MCC = 310` and `MNC = 410`"}, nil},
		{"rule id", `empty-value reason`, 3, []string{"**empty-value** (error by default)\n\n", "**Why:**", "Bad:\n```xml\n"},
			&Range{Start: Position{18, 38}, End: Position{18, 49}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := hoverAt(t, c, uri, posOf(t, text, tc.needle, 0, tc.delta))
			if h == nil {
				t.Fatal("no hover")
			}
			rest := h.Contents.Value
			for _, w := range tc.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("hover lacks %q (after what came before):\n%s", w, h.Contents.Value)
				}
				rest = rest[i+len(w):]
			}
			if tc.rng != nil {
				if diff := cmp.Diff(tc.rng, h.Range); diff != "" {
					t.Errorf("range (-want +got):\n%s", diff)
				}
			}
		})
	}
	if h := hoverAt(t, c, uri, Position{0, 2}); h != nil {
		t.Errorf("hover on the XML declaration: %v, want none", h)
	}
	bad := strings.Replace(text, `Name="MNC" Value="410"`, `Name="MNC" Value="Range:1,2"`, 1)
	c.change(uri, 2, nil, bad)
	h := hoverAt(t, c, uri, posOf(t, bad, `Range:1,2`, 0, 2))
	if h == nil || !strings.Contains(h.Contents.Value, "⚠ ") || !strings.Contains(h.Contents.Value, `write "range:"`) {
		t.Errorf("hover on a capitalised prefix: %v", h)
	}
}

// TestHoverEscapesValues: a condition name or value from the document
// cannot make a link, end its code span or start a line of the hover
// (issue 19: the language server's messages, thinking as an attacker).
func TestHoverEscapesValues(t *testing.T) {
	got := conditionHover("[fix](https://evil.example)", "x", false)
	if want := `**\[fix\](https://evil.example)** is not a documented condition name`; !strings.HasPrefix(got, want) {
		t.Errorf("unknown name: got %q, want it to start with %q", got, want)
	}
	got = conditionHover("SPN", "pattern:a`b\n[x](https://evil.example)", true)
	if want := "This value: matches when the regular expression ``a`b\\x0a[x](https://evil.example)`` matches the whole value"; !strings.Contains(got, want) {
		t.Errorf("pattern value: got %q, want it to hold %q", got, want)
	}
}
