package lint

import (
	"strings"

	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/catalog"
)

// check_imsretry.go: RetryEnabled values the runtime does not honour. The
// runtime reads AttemptThresholdForIMS with the default 0xFFFFFFFF ("not
// configured") and then forces RetryEnabled to 1 whatever the file says
// [tool, decompiled runtime]; mcsf resolve and mcsf retry say the same.

// thresholdConfigured reports whether groups set AttemptThresholdForIMS at
// path to a value other than "not configured".
func thresholdConfigured(groups []answerfile.SettingsGroup, path string) bool {
	s, ok := findSetting(groups, path, catalog.AttemptThresholdForIMS)
	if !ok {
		return false
	}
	n, known := dword(s)
	return !known || n != catalog.NotConfigured // a value lint reports elsewhere counts as set
}

func (c *checker) checkIMSRetryForced() {
	var static []answerfile.SettingsGroup
	if sts := c.doc.Root.Statics; len(sts) == 1 {
		static = sts[0].Groups // no copy for the usual one Static
	} else {
		for _, st := range sts {
			static = append(static, st.Groups...)
		}
	}
	deviceSet := thresholdConfigured(static, catalog.IMSRetryPerDevice)
	report := func(s answerfile.Setting, where string) {
		d := c.rule(RuleIMSRetryForced).attr(s.Elem, "Value",
			"RetryEnabled=%s is not what the device uses%s configures AttemptThresholdForIMS (unset or 0xFFFFFFFF), so the runtime forces RetryEnabled to 1", s.Value.Value, where)
		d.Fix = "set 3GPP/IMS/AttemptThresholdForIMS (1 or more) in the same group, or in Static's CellCore/PerDevice/SMS"
		c.add(d)
	}
	off := func(groups []answerfile.SettingsGroup, path string) (answerfile.Setting, bool) {
		s, ok := findSetting(groups, path, catalog.RetryEnabled)
		n, known := dword(s)
		return s, ok && known && n != 1
	}
	if s, ok := off(static, catalog.IMSRetryPerDevice); ok && !deviceSet {
		report(s, " for a SIM whose Variant sets no AttemptThresholdForIMS: Static never")
	}
	if deviceSet {
		return // every Variant falls back to Static's threshold
	}
	var targets map[string]bool // made when a Variant turns retry off: most files do not
	for _, v := range c.doc.Root.Variants {
		s, ok := off(v.Groups, catalog.IMSRetryPerIMSI)
		if !ok {
			continue
		}
		if targets == nil {
			targets = thresholdTargets(c.doc, nil)
		}
		if !targets[refID(v)] {
			report(s, ": no Variant of its Target nor Static")
		}
	}
}

func refID(v answerfile.Variant) string {
	if len(v.TargetRefs) == 0 {
		return "\x00" // no Target: matches no other Variant's
	}
	return v.TargetRefs[0].ID.Value
}

// thresholdTargets adds to m (made when nil) the Target Ids whose Variants
// in doc configure a per-IMSI AttemptThresholdForIMS.
func thresholdTargets(doc *answerfile.Document, m map[string]bool) map[string]bool {
	if m == nil {
		m = map[string]bool{}
	}
	for _, v := range doc.Root.Variants {
		if thresholdConfigured(v.Groups, catalog.IMSRetryPerIMSI) {
			m[refID(v)] = true
		}
	}
	return m
}

// forcedSettledIn reports whether an ims-retry-forced finding d of doc is
// settled by a threshold another file of the graph sets for the Variant's
// Target (targets, from thresholdTargets over every file).
func forcedSettledIn(doc *answerfile.Document, d answerfile.Diagnostic, targets map[string]bool) bool {
	for _, v := range doc.Root.Variants {
		if strings.HasPrefix(d.Path, v.Path()+"/") {
			return targets[refID(v)]
		}
	}
	return false
}
