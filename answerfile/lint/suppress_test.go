package lint

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestSuppressions pins what each form of suppression comment silences,
// and the findings about the comments themselves.
func TestSuppressions(t *testing.T) {
	const head = rootOpen + ">\n<Static>\n<Settings Path=\"CellCore/PerDevice/SMS\">\n"
	const tail = "</Settings>\n</Static>\n</ImageCustomizations>\n"
	for _, tc := range []struct {
		name string
		body string
		cfg  Config
		want []string
	}{
		{"none",
			"<Setting Name=\"3GPP/IMS/RetryEnabled\" Value=\"\"/>\n",
			Config{},
			[]string{"4:39 empty-value"}},
		{"the element after the comment",
			"<!-- mcsf:ignore empty-value set by the build -->\n<Setting Name=\"3GPP/IMS/RetryEnabled\" Value=\"\"/>\n",
			Config{},
			nil},
		{"only that element",
			"<!-- mcsf:ignore empty-value set by the build -->\n<Setting Name=\"3GPP/IMS/RetryEnabled\" Value=\"\"/>\n<Setting Name=\"3GPP/IMS/AttemptThresholdForIMS\" Value=\"\"/>\n",
			Config{},
			[]string{"6:49 empty-value"}},
		{"a list with spaces",
			"<!-- mcsf:ignore empty-value, path-case set by the build -->\n<Setting Name=\"3gpp/ims/retryenabled\" Value=\"\"/>\n",
			Config{},
			nil},
		{"other comments in between",
			"<!-- mcsf:ignore empty-value set by the build -->\n<!-- the build fills this in -->\n<Setting Name=\"3GPP/IMS/RetryEnabled\" Value=\"\"/>\n",
			Config{},
			nil},
		{"another rule is not silenced",
			"<!-- mcsf:ignore path-case we spell it so -->\n<Setting Name=\"3GPP/IMS/RetryEnabled\" Value=\"\"/>\n",
			Config{},
			[]string{"4:1 unused-suppression", "5:39 empty-value"}},
		{"no reason: no effect",
			"<!-- mcsf:ignore empty-value -->\n<Setting Name=\"3GPP/IMS/RetryEnabled\" Value=\"\"/>\n",
			Config{},
			[]string{"4:1 invalid-suppression", "5:39 empty-value"}},
		{"no rule",
			"<!-- mcsf:ignore -->\n<Setting Name=\"3GPP/IMS/RetryEnabled\" Value=\"1\"/>\n",
			Config{},
			[]string{"4:1 invalid-suppression"}},
		{"text between comment and element",
			"<!-- mcsf:ignore empty-value set by the build -->\nstray\n<Setting Name=\"3GPP/IMS/RetryEnabled\" Value=\"\"/>\n",
			Config{},
			[]string{"3:1 schema", "4:1 invalid-suppression", "6:39 empty-value"}},
		{"before no element",
			"<Setting Name=\"3GPP/IMS/RetryEnabled\" Value=\"1\"/>\n<!-- mcsf:ignore empty-value set by the build -->\n",
			Config{},
			[]string{"5:1 invalid-suppression"}},
		{"file-wide",
			"<Setting Name=\"3GPP/IMS/RetryEnabled\" Value=\"\"/>\n<Setting Name=\"3GPP/IMS/AttemptThresholdForIMS\" Value=\"\"/>\n<!-- mcsf:ignore-file empty-value a template -->\n",
			Config{},
			nil},
		{"disabled rule: its suppression is not reported unused",
			"<!-- mcsf:ignore path-case we spell it so -->\n<Setting Name=\"3GPP/IMS/RetryEnabled\" Value=\"1\"/>\n",
			Config{Disable: []string{"path-case"}},
			nil},
		{"the comment's own finding can be disabled",
			"<!-- mcsf:ignore path-case we spell it so -->\n<Setting Name=\"3GPP/IMS/RetryEnabled\" Value=\"1\"/>\n",
			Config{Disable: []string{"unused-suppression"}},
			nil},
		{"mcsf: inside CDATA is not a comment",
			"<![CDATA[<!-- mcsf:ignore empty-value set by the build -->]]>\n<Setting Name=\"3GPP/IMS/RetryEnabled\" Value=\"\"/>\n",
			Config{},
			[]string{"3:1 schema", "5:39 empty-value"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := head + tc.body + tail
			ds, err := File("t.xml", []byte(src), tc.cfg)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, d := range ds {
				got = append(got, fmt.Sprintf("%d:%d %s", d.Line, d.Column, d.Rule))
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("input:\n%s\n-want +got:\n%s", src, diff)
			}
		})
	}
}

// TestSuppressGroup silences a whole settings group with one comment.
func TestSuppressGroup(t *testing.T) {
	src := rootOpen + ">\n<Static>\n<!-- mcsf:ignore empty-value filled in by the build -->\n<Settings Path=\"CellCore/PerDevice/SMS\">\n" +
		"<Setting Name=\"3GPP/IMS/RetryEnabled\" Value=\"\"/>\n<Setting Name=\"3GPP/IMS/AttemptThresholdForIMS\" Value=\"\"/>\n" +
		"</Settings>\n<Settings Path=\"Multivariant\">\n<Setting Name=\"BrandingSlot\" Value=\"\"/>\n</Settings>\n</Static>\n</ImageCustomizations>\n"
	ds, err := File("t.xml", []byte(src), Config{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range ds {
		got = append(got, fmt.Sprintf("%d:%d %s", d.Line, d.Column, d.Rule))
	}
	if diff := cmp.Diff([]string{"9:30 empty-value"}, got); diff != "" {
		t.Errorf("-want +got:\n%s", diff)
	}
}

func TestSplitRules(t *testing.T) {
	for _, tc := range []struct {
		in     string
		rules  []string
		reason string
	}{
		{"a reason words", []string{"a"}, "reason words"},
		{"a,b reason", []string{"a", "b"}, "reason"},
		{"a, b reason", []string{"a", "b"}, "reason"},
		{"a ,b reason", []string{"a", "b"}, "reason"},
		{"a", []string{"a"}, ""},
		{"", nil, ""},
	} {
		rules, reason := splitRules(tc.in)
		if !cmp.Equal(rules, tc.rules) || reason != tc.reason {
			t.Errorf("splitRules(%q) = %q, %q; want %q, %q", tc.in, rules, reason, tc.rules, tc.reason)
		}
	}
}
