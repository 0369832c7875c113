package variant

import (
	"strconv"
	"strings"
)

// Scope says where a runtime value comes from.
type Scope string

// Scopes of a RuntimeValue.
const (
	ScopePerIMSI   Scope = "per-imsi"   // CellCore/PerIMSI/<this SIM's IMSI>/...
	ScopePerSIM    Scope = "per-sim"    // Messaging/PerSimSettings/<this SIM's ICCID>
	ScopePerDevice Scope = "per-device" // CellCore/PerDevice/...
	ScopeDefault   Scope = "default"    // not configured: the documented default applies
	ScopeUnset     Scope = "unset"      // not configured and no documented default
)

// Effective is the runtime view: what the device reads for the two
// customizations this project centres on, after the per-IMSI → per-device →
// default fallback.
type Effective struct {
	IMSRetry     IMSRetry     `json:"imsRetry"`
	MMSAutoRetry MMSAutoRetry `json:"mmsAutoRetry"`
}

// IMSRetry is the effective IMSRetry customization.
type IMSRetry struct {
	AttemptThresholdForIMS RuntimeValue `json:"attemptThresholdForIMS"` // per-IMSI, else per-device, else unset
	RetryEnabled           RuntimeValue `json:"retryEnabled"`           // per-IMSI, else per-device, else default 1
}

// MMSAutoRetry is the effective AutoRetryDownloadForMMS customization.
type MMSAutoRetry struct {
	AutoRetryDownload RuntimeValue `json:"autoRetryDownload"` // per-SIM, else default 0
}

// RuntimeValue is one DWORD the device reads. Value is what the file (or the
// documented default) gives; nil when the scope is unset or the text is not
// a DWORD (Note then says so). Forced, when set, is the value the runtime
// uses instead (RetryEnabled when AttemptThresholdForIMS is not
// configured). Undocumented is true when Value is a number the documentation
// does not define (RetryEnabled=2): it is shown as such, never read as 0 or 1.
type RuntimeValue struct {
	Value        *uint32        `json:"value"`
	Scope        Scope          `json:"scope"`
	Text         string         `json:"text,omitempty"` // the value as written in the file
	Path         string         `json:"path,omitempty"` // the settings path it was read from, macros expanded
	Source       *SettingSource `json:"source,omitempty"`
	Forced       *uint32        `json:"forced,omitempty"`
	Undocumented bool           `json:"undocumented,omitempty"`
	Note         string         `json:"note,omitempty"`
}

// NotConfigured is the value the runtime reads for AttemptThresholdForIMS
// when it is not set: "not configured" [tool].
const NotConfigured = 0xFFFFFFFF

// Wording shared with retry (issue 13: resolve, retry and lint agree).
const (
	NoteForced       = "forced to 1 by the runtime: AttemptThresholdForIMS is not configured (unset or 0xFFFFFFFF)"
	NoteUndocumented = "unknown to the documentation (documented: 0 off, 1 on)"
)

// Runtime paths and names of the two customizations.
const (
	PathPerIMSISMS       = "CellCore/PerIMSI/" + MacroIMSI + "/SMS"
	PathPerDeviceSMS     = "CellCore/PerDevice/SMS"
	PathPerSIMMessaging  = "Messaging/PerSimSettings/" + MacroICCID
	NameAttemptThreshold = "3GPP/IMS/AttemptThresholdForIMS"
	NameRetryEnabled     = "3GPP/IMS/RetryEnabled"
	NameAutoRetry        = "AutoRetryDownload"
)

// ParseDWORD reads a DWORD setting value: decimal (`1`) or hexadecimal with
// a 0x prefix (`0x1`), at most 0xFFFFFFFF; surrounding spaces are ignored.
func ParseDWORD(s string) (uint32, bool) {
	s = strings.TrimSpace(s)
	base := 10
	if len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') {
		s, base = s[2:], 16
	}
	if s == "" || s[0] == '+' || s[0] == '-' {
		return 0, false
	}
	n, err := strconv.ParseUint(s, base, 32)
	if err != nil {
		return 0, false
	}
	return uint32(n), true
}

// Setting keys (see settingKey) of the runtime values, macros not expanded.
const (
	keyIMSIThreshold   = "cellcore/perimsi/$(__imsi)/sms\x003gpp/ims/attemptthresholdforims"
	keyIMSIRetry       = "cellcore/perimsi/$(__imsi)/sms\x003gpp/ims/retryenabled"
	keyDeviceThreshold = "cellcore/perdevice/sms\x003gpp/ims/attemptthresholdforims"
	keyDeviceRetry     = "cellcore/perdevice/sms\x003gpp/ims/retryenabled"
	keySIMAutoRetry    = "messaging/persimsettings/$(__iccid)\x00autoretrydownload"
	keyMultivariant    = "multivariant\x00enable"
)

// effective reads the runtime view out of the effective settings; lookup
// finds a setting by its expanded key.
func effective(lookup func(key string) (EffectiveSetting, bool), ex *expander) Effective {
	type place struct {
		key   string
		scope Scope
	}
	read := func(fallback RuntimeValue, places ...place) RuntimeValue {
		for _, pl := range places {
			s, ok := lookup(ex.expandKey(pl.key))
			if !ok {
				continue
			}
			v := RuntimeValue{Scope: pl.scope, Text: s.Value, Path: s.Path, Source: &s.Source}
			if n, ok := ParseDWORD(s.Value); ok {
				v.Value = &n
			} else {
				v.Note = "the value " + strconv.Quote(s.Value) + " is not a DWORD (decimal, or hexadecimal with 0x)"
			}
			return v
		}
		return fallback
	}
	one, zero := uint32(1), uint32(0)
	e := Effective{
		IMSRetry: IMSRetry{
			AttemptThresholdForIMS: read(RuntimeValue{Scope: ScopeUnset},
				place{keyIMSIThreshold, ScopePerIMSI}, place{keyDeviceThreshold, ScopePerDevice}),
			RetryEnabled: read(RuntimeValue{Value: &one, Scope: ScopeDefault},
				place{keyIMSIRetry, ScopePerIMSI}, place{keyDeviceRetry, ScopePerDevice}),
		},
		MMSAutoRetry: MMSAutoRetry{
			AutoRetryDownload: read(RuntimeValue{Value: &zero, Scope: ScopeDefault}, place{keySIMAutoRetry, ScopePerSIM}),
		},
	}
	th := &e.IMSRetry.AttemptThresholdForIMS
	switch {
	case th.Value != nil && *th.Value == 0:
		th.Note = "0 means SMS over IMS is never attempted: the message goes over 3GPP/3GPP2 at once"
	case th.Value != nil && *th.Value == NotConfigured:
		th.Note = "0xFFFFFFFF is the runtime's own default: not configured"
	}
	for _, v := range []*RuntimeValue{&e.IMSRetry.RetryEnabled, &e.MMSAutoRetry.AutoRetryDownload} {
		if v.Value != nil && *v.Value > 1 {
			v.Undocumented, v.Note = true, NoteUndocumented
		}
	}
	// The runtime reads AttemptThresholdForIMS with the default 0xFFFFFFFF
	// and, when it is not configured, forces RetryEnabled to 1 whatever the
	// file says [tool, decompiled runtime] (domain.md §4).
	if re := &e.IMSRetry.RetryEnabled; (th.Scope == ScopeUnset || th.Value != nil && *th.Value == NotConfigured) && (re.Value == nil || *re.Value != 1) {
		re.Forced = &one
		re.Note = strings.TrimPrefix(re.Note+"; "+NoteForced, "; ")
	}
	return e
}
