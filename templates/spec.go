package templates

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/mcsf-dev/mcsf/variant"
)

// Spec is a parsed spec after defaults. Its JSON form (field names below) is
// the spec format itself, so that `mcsf generate --format json` prints a spec
// that generates the same file.
type Spec struct {
	Name        string     `json:"name"`
	Description string     `json:"description,omitempty"`
	Owner       string     `json:"owner"`
	OwnerType   string     `json:"ownerType"` // DefaultOwnerType when the spec leaves it out
	Device      *Device    `json:"device,omitempty"`
	Operators   []Operator `json:"operators,omitempty"`
}

// DefaultOwnerType is the OwnerType of a spec that does not name one; every
// Microsoft sample uses it.
const DefaultOwnerType = "OEM"

// Device holds the per-device values, written in Static.
type Device struct {
	IMSRetry *IMSRetry `json:"imsRetry,omitempty"`
	// Settings are any other documented settings, written in Static:
	// settings path -> setting name -> value. Checked against the catalog.
	Settings Settings `json:"settings,omitempty"`
}

// Settings are documented settings beyond the short forms: settings path
// (as the catalog spells it, $(__IMSI)/$(__ICCID) where the page does) ->
// setting name -> value. Generate writes them sorted by path, then name.
type Settings map[string]map[string]SettingValue

// SettingValue is a setting's value as the spec writes it: a string, or a
// number (written in decimal).
type SettingValue string

// UnmarshalJSON accepts a string or a number.
func (v *SettingValue) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*v = SettingValue(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return err
	}
	*v = SettingValue(n.String())
	return nil
}

// IMSRetry holds the two IMSRetry settings; nil means "not set".
type IMSRetry struct {
	// AttemptThresholdForIMS is the number of attempts in all over IMS
	// before the message goes over 3GPP/3GPP2 (a DWORD, 1 or more).
	AttemptThresholdForIMS *uint32 `json:"attemptThresholdForIMS,omitempty"`
	// RetryEnabled retries once, not over IMS, after RIL_E_IMSTEMPFAILURE.
	RetryEnabled *bool `json:"retryEnabled,omitempty"`
}

// Operator is one Target and one Variant of the generated file.
type Operator struct {
	Name         string    `json:"name"`
	Match        []Match   `json:"match"`
	IMSRetry     *IMSRetry `json:"imsRetry,omitempty"`     // per-IMSI
	MMSAutoRetry *bool     `json:"mmsAutoRetry,omitempty"` // per-SIM AutoRetryDownload
	// Settings are any other documented settings of this operator, per-IMSI,
	// per-SIM or not keyed by SIM, written in its Variant.
	Settings Settings `json:"settings,omitempty"`
}

// HasSettings reports whether the operator sets anything.
func (o *Operator) HasSettings() bool {
	return o.MMSAutoRetry != nil || len(o.Settings) > 0 || o.IMSRetry != nil && (o.IMSRetry.AttemptThresholdForIMS != nil || o.IMSRetry.RetryEnabled != nil)
}

// Match is one entry of an operator's match list: one TargetState, the AND
// of its conditions. Values use the MCSF syntax [!][pattern:|range:]value;
// "" means the condition is not part of the entry.
type Match struct {
	MCC      string `json:"mcc,omitempty"`
	MNC      string `json:"mnc,omitempty"`
	SPN      string `json:"spn,omitempty"`
	PNN      string `json:"pnn,omitempty"`
	GID1     string `json:"gid1,omitempty"`
	ICCID    string `json:"iccid,omitempty"`
	IMSI     string `json:"imsi,omitempty"`
	UICCSlot string `json:"uiccslot,omitempty"`
	UICC     string `json:"uicc,omitempty"`
	Roaming  string `json:"roaming,omitempty"`
	// Conditions are the other conditions, by name as written.
	Conditions map[string]string `json:"conditions,omitempty"`
}

// matchKey is one named key of a match entry: its spec key, the condition
// name written in the answer file, and where its value lives.
type matchKey struct {
	key, condition string
}

// matchKeys lists the named keys in the order their conditions are written.
var matchKeys = []matchKey{
	{"mcc", "MCC"}, {"mnc", "MNC"}, {"spn", "SPN"}, {"pnn", "PNN"}, {"gid1", "GID1"}, {"iccid", "ICCID"},
	{"imsi", "IMSI"}, {"uiccslot", "UICCSLOT"}, {"uicc", "UICC"}, {"roaming", "Roaming"},
}

// field returns where the value of k lives in m.
func (k matchKey) field(m *Match) *string {
	switch k.key {
	case "mcc":
		return &m.MCC
	case "mnc":
		return &m.MNC
	case "spn":
		return &m.SPN
	case "pnn":
		return &m.PNN
	case "gid1":
		return &m.GID1
	case "iccid":
		return &m.ICCID
	case "imsi":
		return &m.IMSI
	case "uiccslot":
		return &m.UICCSlot
	case "uicc":
		return &m.UICC
	case "roaming":
		return &m.Roaming
	}
	panic("templates: field does not know the key " + k.key)
}

// Condition is one condition of a match entry as it is written in the
// answer file. Key is where it came from in the spec: "mcc", or
// "conditions/NAME" for the free-form ones.
type Condition struct {
	Name, Value string
	Key         string
}

// List lists the entry's conditions in their fixed order: the named
// keys in the order of the spec format (mcc, mnc, spn, pnn, gid1, iccid,
// imsi, uiccslot, uicc, roaming), then the free-form conditions sorted by
// name, case-insensitively. Known names are written in their documented
// spelling (processortype → ProcessorType).
func (m *Match) List() []Condition {
	var out []Condition
	for _, k := range matchKeys {
		if v := *k.field(m); v != "" {
			out = append(out, Condition{Name: k.condition, Value: v, Key: k.key})
		}
	}
	names := make([]string, 0, len(m.Conditions))
	for n := range m.Conditions {
		names = append(names, n)
	}
	slices.SortFunc(names, compareFold)
	for _, n := range names {
		out = append(out, Condition{Name: variant.CanonicalName(n), Value: m.Conditions[n], Key: "conditions/" + n})
	}
	return out
}

// Pairs is the entry as variant conditions.
func (m *Match) Pairs() []variant.Pair {
	cs := m.List()
	out := make([]variant.Pair, len(cs))
	for i, c := range cs {
		out[i] = variant.Pair{Name: c.Name, Value: c.Value}
	}
	return out
}

// set stores value under the condition called name: a named key when name
// is one (compared case-insensitively), else in Conditions.
func (m *Match) set(name, value string) {
	for _, k := range matchKeys {
		if strings.EqualFold(k.condition, name) {
			*k.field(m) = value
			return
		}
	}
	if m.Conditions == nil {
		m.Conditions = map[string]string{}
	}
	m.Conditions[name] = value
}

// nameConditions moves free-form conditions that have a named key (roaming,
// MCC, ...) to that key, so that equal entries are equal Matches whatever
// way the spec wrote them. The entry must be free of duplicates.
func (m *Match) nameConditions() {
	for n, v := range m.Conditions {
		for _, k := range matchKeys {
			if f := k.field(m); strings.EqualFold(k.condition, n) && *f == "" {
				*f = v
				delete(m.Conditions, n)
			}
		}
	}
	if len(m.Conditions) == 0 {
		m.Conditions = nil
	}
}

// compareFold orders strings case-insensitively, then by bytes so that the
// order is total.
func compareFold(a, b string) int {
	if c := strings.Compare(strings.ToLower(a), strings.ToLower(b)); c != 0 {
		return c
	}
	return strings.Compare(a, b)
}

// priority is the (P0, P1) count of an entry, the MCSF priority of its
// TargetState when it matches.
func (m *Match) priority() [2]int {
	var p [2]int
	for _, c := range m.List() {
		switch variant.ClassOf(c.Name) {
		case variant.ClassP0:
			p[0]++
		case variant.ClassP1:
			p[1]++
		}
	}
	return p
}
