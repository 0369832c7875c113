package catalog

import (
	"fmt"
)

// semantics.go: what the runtime does with a customization's values beyond
// storing them, registered by customization id next to the data it reads.
// Adding a customization with runtime meaning is adding its entry to
// overrides.yaml (when the pages do not state everything) and one function
// to the switch in RuntimeOf.

// Runtime is the runtime meaning of one customization.
type Runtime struct {
	// Warnings check one value that is valid for its type but does
	// something its author likely does not mean.
	Warnings []Warning
	// Effect says what the device does with the effective values of one
	// SIM. get returns the effective number of a setting of the
	// customization, by name; ok is false when it is not set anywhere.
	Effect func(get func(name string) (n uint32, ok bool)) []string
	// Forced lists the values the runtime uses instead of the ones set,
	// given the effective values (get as for Effect); nil when it never
	// replaces one.
	Forced func(get func(name string) (n uint32, ok bool)) []Forced
}

// Forced is a value the runtime uses instead of the one the file sets.
type Forced struct {
	Setting string // the setting name
	Value   uint32
	Why     string
}

// Warning is one check of a set value.
type Warning struct {
	Rule    string // the lint rule id the finding is reported under
	Setting string // the setting name it checks
	// Check returns the message, "" when n is fine.
	Check func(n uint32) string
}

// RuntimeOf returns the runtime meaning of the customization id; ok is
// false when the runtime only stores its values. Its Warnings are shared:
// callers must not change them.
func RuntimeOf(id string) (Runtime, bool) {
	switch id {
	case "IMSRetry":
		return imsRetry(), true
	case "AutoRetryDownloadForMMS":
		return mmsAutoRetry(), true
	}
	return Runtime{}, false
}

// The groups and settings of IMSRetry and what the runtime assumes when one
// is unset.
const (
	IMSRetryPerIMSI        = "CellCore/PerIMSI/$(__IMSI)/SMS" // in a Variant
	IMSRetryPerDevice      = "CellCore/PerDevice/SMS"         // in Static: the fallback
	AttemptThresholdForIMS = "3GPP/IMS/AttemptThresholdForIMS"
	RetryEnabled           = "3GPP/IMS/RetryEnabled"
	// NotConfigured is the threshold the runtime reads when none is set.
	NotConfigured = 0xFFFFFFFF
	// RetryEnabledForced says why the runtime replaces RetryEnabled.
	RetryEnabledForced = "forced to 1 by the runtime: AttemptThresholdForIMS is not configured (unset or 0xFFFFFFFF)"
)

// imsRetry: the runtime reads AttemptThresholdForIMS with the default
// 0xFFFFFFFF ("not configured") and then forces RetryEnabled to 1 whatever
// the file says [tool, decompiled runtime]; 0 never sends over IMS
// (domain.md §4).
func imsRetry() Runtime {
	return Runtime{
		Warnings: imsRetryWarnings,
		Effect: func(get func(string) (uint32, bool)) []string {
			var out []string
			t, tSet := get(AttemptThresholdForIMS)
			r, rSet := get(RetryEnabled)
			switch {
			case !tSet || t == NotConfigured:
				out = append(out, "AttemptThresholdForIMS is not configured: the runtime forces RetryEnabled to 1 whatever the file says")
				r, rSet = 1, true
			case t == 0:
				out = append(out, "AttemptThresholdForIMS is 0: an SMS is never sent over IMS, it goes over 3GPP/3GPP2 at once")
			default:
				out = append(out, fmt.Sprintf("an SMS is tried over IMS %d %s in all, then sent over 3GPP/3GPP2", t, times(t)))
			}
			switch {
			case !rSet || r == 1:
				out = append(out, "a send that fails over IMS with RIL_E_IMSTEMPFAILURE is retried once, not over IMS, without asking the user")
			case r == 0:
				out = append(out, "a send that fails over IMS is not retried automatically")
			default:
				out = append(out, fmt.Sprintf("RetryEnabled=%d is not a documented value (0 or 1): what the runtime does is unknown", r))
			}
			return out
		},
		Forced: func(get func(string) (uint32, bool)) []Forced {
			if t, ok := get(AttemptThresholdForIMS); ok && t != NotConfigured {
				return nil
			}
			return []Forced{{Setting: RetryEnabled, Value: 1, Why: RetryEnabledForced}}
		},
	}
}

// imsRetryWarnings is shared: lint asks for it for every IMSRetry setting
// of every file (a new slice each time was 3 % of the allocations of its
// checks on a small file). Callers must not change it.
var imsRetryWarnings = []Warning{{Rule: "ims-threshold-zero", Setting: AttemptThresholdForIMS, Check: imsThresholdZero}}

func imsThresholdZero(n uint32) string {
	if n == 0 {
		return "AttemptThresholdForIMS is 0: SMS over IMS is never attempted; set 1 or more to send over IMS, or leave the setting out"
	}
	return ""
}

func times(n uint32) string {
	if n == 1 {
		return "time"
	}
	return "times"
}

// AutoRetryDownload is the setting of AutoRetryDownloadForMMS.
const AutoRetryDownload = "AutoRetryDownload"

// mmsAutoRetry: on, a failed download is retried 3 times after 20, 40 and
// 60 seconds; absent means off (domain.md §4).
func mmsAutoRetry() Runtime {
	return Runtime{Effect: func(get func(string) (uint32, bool)) []string {
		switch n, ok := get(AutoRetryDownload); {
		case !ok || n == 0:
			return []string{"a failed MMS download waits for the user to retry it"}
		case n == 1:
			return []string{"a failed MMS download is retried 3 times, after 20, 40 and 60 seconds; then the user can retry by hand, which starts the cycle again"}
		default:
			return []string{fmt.Sprintf("AutoRetryDownload=%d is not a documented value (0 or 1): what the runtime does is unknown", n)}
		}
	}}
}
