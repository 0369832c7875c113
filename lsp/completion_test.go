package lsp

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func completeAt(t *testing.T, c *testClient, uri string, p Position) []completionItem {
	t.Helper()
	var l completionList
	c.mustCall("textDocument/completion", at(uri, p), &l)
	return l.Items
}

func labels(items []completionItem) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Label)
	}
	return out
}

func TestCompletion(t *testing.T) {
	c := startServer(t, Options{})
	c.initialize()
	_, uri, text := testFile(t, "contoso.xml")
	// Half-typed additions: a Settings in Static with an empty Path, a
	// Setting being named, a Condition whose value is being typed, a
	// TargetRef with an empty Id, and an element name begun in Static.
	text = strings.Replace(text, "  </Static>", "    <Settings Path=\"\">\n    </Settings>\n    <Set\n  </Static>", 1)
	text = strings.Replace(text, `<Setting Name="3GPP/IMS/AttemptThresholdForIMS" Value="2"/>`,
		`<Setting Name="3GPP/IMS/AttemptThresholdForIMS" Value="2"/>`+"\n      <Setting Name=\"3G\" Value=\"\"/>\n      <Setting Name=\"3GPP/IMS/RetryEnabled\" Value=\"\"/>\n      <Setting ", 1)
	text = strings.Replace(text, `<Condition Name="MNC" Value="410"/>`, `<Condition Name="MNC" Value="410"/>`+"\n        <Condition Name=\"Roaming\" Value=\"\"/>\n        <Condition Name=\"\"", 1)
	text = strings.Replace(text, `<TargetRef Id="Contoso"/>`, `<TargetRef Id="Contoso"/>`+"\n      <TargetRef Id=\"\"/>", 1)
	c.open(uri, text)

	for _, tc := range []struct {
		name    string
		needle  string
		delta   int
		want    []string // exactly these labels, in order (nil: see has)
		has     []string // at least these
		hasNot  []string
		newText string // the first item's edit
	}{
		{name: "elements of Variant", needle: "<Variant Name=\"Contoso\">\n", delta: 24, want: []string{"Applications", "Settings", "TargetRefs"}, newText: "<Applications"},
		{name: "element name begun in Static", needle: "<Set\n", delta: 4, want: []string{"Applications", "DataAssets", "Settings"}, newText: "Applications"},
		{name: "attributes of a new Setting", needle: "<Setting \n", delta: 9, want: []string{"Name", "Value"}, newText: `Name=""`},
		{name: "Static paths", needle: `<Settings Path="">`, delta: 16, has: []string{"CellCore/PerDevice/SMS", "Multivariant"}, hasNot: []string{"CellCore/PerIMSI/$(__IMSI)/SMS"}},
		{name: "Variant paths", needle: `<Settings Path="CellCore/PerIMSI`, delta: 17, has: []string{"CellCore/PerIMSI/$(__IMSI)/SMS", "Messaging/PerSimSettings/$(__ICCID)"}, hasNot: []string{"CellCore/PerDevice/SMS", "Multivariant"}},
		{name: "setting names", needle: `Name="3G"`, delta: 8, has: []string{"3GPP/IMS/AttemptThresholdForIMS", "3GPP/IMS/RetryEnabled"}, hasNot: []string{"AutoRetryDownload"}},
		{name: "enum values", needle: `Name="3GPP/IMS/RetryEnabled" Value=""`, delta: 36, want: []string{"0", "1"}, newText: "0"},
		{name: "condition names", needle: `<Condition Name=""`, delta: 17, has: []string{"MCC", "MNC", "SPN", "ICCID", "UICCSLOT", "Lang"}},
		{name: "condition values", needle: `Name="Roaming" Value=""`, delta: 22, want: []string{"0", "1", "pattern:", "range:", "!"}},
		{name: "target ref ids", needle: `<TargetRef Id=""`, delta: 15, want: []string{"Contoso"}, newText: "Contoso"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			items := completeAt(t, c, uri, posOf(t, text, tc.needle, 0, tc.delta))
			got := labels(items)
			if tc.want != nil {
				if diff := cmp.Diff(tc.want, got); diff != "" {
					t.Errorf("labels (-want +got):\n%s", diff)
				}
			}
			for _, h := range tc.has {
				if !slices.Contains(got, h) {
					t.Errorf("no %q in %q", h, got)
				}
			}
			for _, h := range tc.hasNot {
				if slices.Contains(got, h) {
					t.Errorf("%q in %q", h, got)
				}
			}
			if tc.newText != "" && (len(items) == 0 || items[0].TextEdit.NewText != tc.newText) {
				t.Errorf("first edit %+v, want %q", items, tc.newText)
			}
		})
	}
	// The edit of a value replaces the whole value, here "3G".
	items := completeAt(t, c, uri, posOf(t, text, `Name="3G"`, 0, 8))
	p := posOf(t, text, `Name="3G"`, 0, 6)
	if want := (Range{Start: p, End: Position{p.Line, p.Character + 2}}); items[0].TextEdit.Range != want {
		t.Errorf("value edit range %v, want %v", items[0].TextEdit.Range, want)
	}
}
