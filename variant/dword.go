package variant

import (
	"strconv"
	"strings"

	"github.com/mcsf-dev/mcsf/catalog"
)

// NotConfigured is the value the runtime reads for AttemptThresholdForIMS
// when it is not set: "not configured" [tool].
const NotConfigured = catalog.NotConfigured

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

// keyMultivariant is the setting key (see settingKey) of Multivariant/Enable.
const keyMultivariant = "multivariant\x00enable"
