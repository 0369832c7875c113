package variant

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/mcsf-dev/mcsf/schema"
)

// Profile is a SIM and device: condition name → value, plus the IMSI that
// $(__IMSI) expands to. Names compare case-insensitively; a name that is
// not set is different from a name set to "". The zero Profile is empty and
// ready to use; a Profile is a value, copy it with Clone before changing a
// shared one.
type Profile struct {
	m map[string]profileEntry // lower-case name → entry
}

type profileEntry struct{ name, value string }

// profileOrder is the display order of the well-known names; others follow
// in alphabetical order.
var profileOrder = []string{"mcc", "mnc", "spn", "pnn", "gid1", "iccid", "imsi", "roaming", "uicc", "uiccslot",
	"processortype", "processorname", "aoac", "powerplatformrole", "architecture", "server", "region", "lang"}

// NewProfile returns a profile with the given pairs set in order (a later
// pair overrides an earlier one with the same name).
func NewProfile(pairs ...Pair) Profile {
	var p Profile
	for _, pr := range pairs {
		p.Set(pr.Name, pr.Value)
	}
	return p
}

// Set sets name to value. Known names are stored in their documented
// spelling (mcc → MCC, imsi → IMSI).
func (p *Profile) Set(name, value string) {
	if p.m == nil {
		p.m = map[string]profileEntry{}
	}
	key := strings.ToLower(name)
	canon := CanonicalName(name)
	if key == "imsi" {
		canon = "IMSI"
	}
	p.m[key] = profileEntry{canon, value}
}

// Unset removes name.
func (p *Profile) Unset(name string) { delete(p.m, strings.ToLower(name)) }

// Get returns the value of name and whether it is set.
func (p Profile) Get(name string) (string, bool) {
	e, ok := p.m[strings.ToLower(name)]
	return e.value, ok
}

// get looks up an already lower-case name.
func (p Profile) get(key string) (string, bool) {
	e, ok := p.m[key]
	return e.value, ok
}

// Len is the number of names set.
func (p Profile) Len() int { return len(p.m) }

// Clone returns an independent copy.
func (p Profile) Clone() Profile {
	var c Profile
	for k, e := range p.m {
		if c.m == nil {
			c.m = make(map[string]profileEntry, len(p.m))
		}
		c.m[k] = e
	}
	return c
}

// Merge returns a copy of p with every name of q set over it.
func (p Profile) Merge(q Profile) Profile {
	c := p.Clone()
	for k, e := range q.m {
		if c.m == nil {
			c.m = map[string]profileEntry{}
		}
		c.m[k] = e
	}
	return c
}

// Pairs lists the profile in display order: MCC, MNC, SPN, PNN, GID1,
// ICCID, IMSI, Roaming, UICC, UICCSLOT, the device conditions, then other
// names alphabetically.
func (p Profile) Pairs() []Pair {
	out := make([]Pair, 0, len(p.m))
	for _, k := range profileOrder {
		if e, ok := p.m[k]; ok {
			out = append(out, Pair{e.name, e.value})
		}
	}
	var rest []string
	for k := range p.m {
		if !slices.Contains(profileOrder, k) {
			rest = append(rest, k)
		}
	}
	slices.Sort(rest)
	for _, k := range rest {
		out = append(out, Pair{p.m[k].name, p.m[k].value})
	}
	return out
}

// String is the profile as NAME=VALUE pairs in display order, separated by
// spaces; "(empty)" when nothing is set.
func (p Profile) String() string {
	if len(p.m) == 0 {
		return "(empty)"
	}
	var b strings.Builder
	for i, pr := range p.Pairs() {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(pr.Name + "=" + pr.Value)
	}
	return b.String()
}

// MarshalJSON writes the profile as an object in display order.
func (p Profile) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 32*len(p.m)+2)
	b = append(b, '{')
	for i, pr := range p.Pairs() {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, pr.Name)
		b = append(b, ':')
		b = appendJSONString(b, pr.Value)
	}
	return append(b, '}'), nil
}

// appendJSONString appends s as a JSON string, as json.Marshal writes it.
// (Profiles are written once per SIM in a batch: this is several times
// faster than a json.Marshal per name and value.)
func appendJSONString(b []byte, s string) []byte { return schema.AppendJSONString(b, s, true) }

// UnmarshalJSON reads an object of names to strings, numbers or booleans
// (true is "1", false "0"); null leaves the name unset.
func (p *Profile) UnmarshalJSON(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return err
	}
	raw, ok := v.(map[string]any)
	if !ok {
		return fmt.Errorf("a SIM profile must be an object of condition names to values")
	}
	*p = Profile{}
	names := make([]string, 0, len(raw))
	for k := range raw {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, k := range names {
		switch v := raw[k].(type) {
		case nil:
		case string:
			p.Set(k, v)
		case json.Number:
			p.Set(k, v.String())
		case bool:
			p.Set(k, map[bool]string{true: "1", false: "0"}[v])
		default:
			return fmt.Errorf("%s: want a string, number or boolean, got %s", k, jsonKind(v))
		}
	}
	return nil
}

func jsonKind(v any) string {
	switch v.(type) {
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}

// ParseProfile reads `name=value,name=value` (as in --sim). Spaces around
// names are ignored; a value keeps everything up to the next comma.
func ParseProfile(s string) (Profile, error) {
	var p Profile
	for _, part := range strings.Split(s, ",") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		name, value, ok := strings.Cut(part, "=")
		name = strings.TrimSpace(name)
		if !ok || name == "" {
			return Profile{}, fmt.Errorf("%q: want NAME=VALUE, e.g. mcc=310", part)
		}
		p.Set(name, value)
	}
	return p, nil
}

// ReadProfiles reads a batch of SIM profiles: a JSON array of objects (when
// the first non-blank character is '['), else CSV with a header row of
// condition names. An empty CSV cell or a JSON null leaves the name unset.
// Errors name the row (CSV: the line; JSON: the 1-based element).
func ReadProfiles(r io.Reader) ([]Profile, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(trimmed) > 0 && trimmed[0] == '[' {
		return readJSONProfiles(trimmed)
	}
	return readCSVProfiles(trimmed)
}

func readJSONProfiles(data []byte) ([]Profile, error) {
	var rows []json.RawMessage
	if err := json.Unmarshal(data, &rows); err != nil {
		return nil, fmt.Errorf("JSON: %v", err)
	}
	out := make([]Profile, len(rows))
	for i, row := range rows {
		if err := out[i].UnmarshalJSON(row); err != nil {
			return nil, fmt.Errorf("JSON element %d: %v", i+1, err)
		}
	}
	return out, nil
}

func readCSVProfiles(data []byte) ([]Profile, error) {
	cr := csv.NewReader(bytes.NewReader(data))
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("CSV: no header row: the first row names the conditions, e.g. mcc,mnc,imsi")
	}
	if err != nil {
		return nil, fmt.Errorf("CSV: %v", err)
	}
	names := make([]string, len(header))
	for i, h := range header {
		names[i] = strings.TrimSpace(h)
		if names[i] == "" {
			return nil, fmt.Errorf("CSV: header column %d is empty", i+1)
		}
	}
	var out []Profile
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("CSV: %v", err)
		}
		p := Profile{m: make(map[string]profileEntry, len(rec))}
		for i, v := range rec {
			if v != "" {
				p.Set(names[i], v)
			}
		}
		out = append(out, p)
	}
}

// WithDefault returns p with name set to value unless p already has name
// (e.g. UICCSLOT for the slot a --sim stands for).
func (p Profile) WithDefault(name, value string) Profile {
	if _, ok := p.Get(name); ok {
		return p
	}
	c := p.Clone()
	c.Set(name, value)
	return c
}
