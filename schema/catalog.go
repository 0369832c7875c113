package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"
)

// catalog.go reads the embedded settings catalog (catalog.json), checked
// against catalog.schema.json when it is loaded. The catalog is data: what
// the linter, the generator and resolve know about each setting.

// Scope says whose value a setting is and so where it belongs.
type Scope string

// Scopes of a setting.
const (
	ScopePerIMSI   Scope = "per-imsi"   // keyed by $(__IMSI): in a Variant
	ScopePerSIM    Scope = "per-sim"    // keyed by $(__ICCID): in a Variant
	ScopePerDevice Scope = "per-device" // the device-wide fallback: in Static
	ScopeImageTime Scope = "image-time" // read when the image is built: in Static
)

// Value is one documented value of a bool or enum setting.
type Value struct {
	Value uint32 `json:"value"`
	Name  string `json:"name,omitempty"` // a friendly name ImageApp also accepts ("Yes")
	Doc   string `json:"doc"`
}

// Bit is one flag of a bitmask setting.
type Bit struct {
	Mask uint32 `json:"mask"`
	Name string `json:"name"`
}

// Setting is one entry of the catalog.
type Setting struct {
	Path          string   `json:"path"` // as Microsoft spells it, e.g. CellCore/PerIMSI/$(__IMSI)/SMS
	Name          string   `json:"name"`
	Customization string   `json:"customization"`
	Scope         Scope    `json:"scope"`
	Where         []string `json:"where"` // "static", "variant"
	Type          string   `json:"type"`  // bool, dword, bitmask, enum, string
	Values        []Value  `json:"values,omitempty"`
	Bits          []Bit    `json:"bits,omitempty"`
	Min           *uint32  `json:"min,omitempty"`
	Max           *uint32  `json:"max,omitempty"`
	Unit          string   `json:"unit,omitempty"`
	Default       *string  `json:"default,omitempty"` // nil: no documented default
	Doc           string   `json:"doc"`
}

// InVariant reports whether the setting belongs in a Variant (else in Static).
func (s *Setting) InVariant() bool { return s.Scope == ScopePerIMSI || s.Scope == ScopePerSIM }

// Catalog is the loaded settings catalog. Lookups compare paths and names
// case-insensitively, as ImageApp does.
type Catalog struct {
	Settings []Setting // in file order
	byKey    map[string]*Setting
	byPath   map[string][]*Setting
	// the same, by path and name exactly as the catalog spells them: most
	// files spell them so, and these lookups need no lower-casing
	exactKey  map[[2]string]*Setting
	exactPath map[string][]*Setting
}

// LoadCatalog returns the embedded catalog, read and validated once.
// The error is only for a catalog that does not match its own schema (a bug
// caught by the tests).
var LoadCatalog = sync.OnceValues(func() (*Catalog, error) {
	b, err := files.ReadFile("catalog.json")
	if err != nil {
		return nil, fmt.Errorf("catalog: %w", err)
	}
	return ParseCatalog(b)
})

// ParseCatalog reads and validates a catalog in the catalog.json format.
func ParseCatalog(b []byte) (*Catalog, error) {
	var raw any
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(&raw); err != nil {
		return nil, fmt.Errorf("catalog: %w", err)
	}
	errs, err := Validate("catalog", raw)
	if err != nil {
		return nil, fmt.Errorf("catalog: %w", err)
	}
	if len(errs) > 0 {
		var sb strings.Builder
		for _, e := range errs {
			fmt.Fprintf(&sb, "\n  %s: %s", e.InstanceLocation, e.Message)
		}
		return nil, fmt.Errorf("catalog does not match catalog.schema.json:%s", sb.String())
	}
	var c Catalog
	if err := json.Unmarshal(b, &c); err != nil {
		return nil, fmt.Errorf("catalog: %w", err)
	}
	c.byKey = make(map[string]*Setting, len(c.Settings))
	c.byPath = map[string][]*Setting{}
	c.exactKey = make(map[[2]string]*Setting, len(c.Settings))
	c.exactPath = map[string][]*Setting{}
	spelled := map[string]string{} // lower-case path prefix -> as spelled
	for i := range c.Settings {
		s := &c.Settings[i]
		key := catalogKey(s.Path, s.Name)
		if _, dup := c.byKey[key]; dup {
			return nil, fmt.Errorf("catalog: %s %s is listed twice", s.Path, s.Name)
		}
		p := strings.ToLower(s.Path)
		if others := c.byPath[p]; len(others) > 0 && others[0].Scope != s.Scope {
			return nil, fmt.Errorf("catalog: path %s has two scopes, %s and %s", s.Path, others[0].Scope, s.Scope)
		}
		// Every path prefix is spelled one way throughout, so a path spelled
		// as the catalog spells it has no part in another case (Canonical).
		for i := range len(s.Path) + 1 {
			if i < len(s.Path) && s.Path[i] != '/' {
				continue
			}
			prefix := s.Path[:i]
			if prev, ok := spelled[strings.ToLower(prefix)]; ok && prev != prefix {
				return nil, fmt.Errorf("catalog: %s and %s differ only in case", prev, prefix)
			}
			spelled[strings.ToLower(prefix)] = prefix
		}
		c.byKey[key] = s
		c.byPath[p] = append(c.byPath[p], s)
		c.exactKey[[2]string{s.Path, s.Name}] = s
		c.exactPath[s.Path] = append(c.exactPath[s.Path], s)
	}
	return &c, nil
}

func catalogKey(path, name string) string {
	return strings.ToLower(path) + "\x00" + strings.ToLower(name)
}

// Lookup finds the setting name under path, case-insensitively.
func (c *Catalog) Lookup(path, name string) (*Setting, bool) {
	if s, ok := c.exactKey[[2]string{path, name}]; ok {
		return s, true
	}
	s, ok := c.byKey[catalogKey(path, name)]
	return s, ok
}

// Path lists the settings under path (case-insensitive), in file order;
// nil when the catalog does not know the path.
func (c *Catalog) Path(path string) []*Setting {
	if ss, ok := c.exactPath[path]; ok {
		return ss
	}
	return c.byPath[strings.ToLower(path)]
}

// Canonical reports whether path is a catalog path spelled exactly as the
// catalog spells it (and so as Microsoft's documentation does).
func (c *Catalog) Canonical(path string) bool {
	_, ok := c.exactPath[path]
	return ok
}

// ParseDWORD reads a REG_DWORD value as an answer file writes it: decimal
// digits, or hexadecimal with a mandatory 0x prefix.
func ParseDWORD(v string) (uint32, error) {
	if v == "" {
		return 0, fmt.Errorf("empty value")
	}
	if h, ok := strings.CutPrefix(v, "0x"); ok || strings.HasPrefix(v, "0X") {
		if !ok {
			h = v[2:]
		}
		n, err := strconv.ParseUint(h, 16, 32)
		if err != nil {
			if h != "" && isHex(h) {
				return 0, fmt.Errorf("%s is larger than a DWORD (at most 0xFFFFFFFF)", v)
			}
			return 0, fmt.Errorf("%q is not a hexadecimal number", v)
		}
		return uint32(n), nil
	}
	for _, r := range v {
		if r < '0' || r > '9' {
			switch {
			case isHex(v):
				return 0, fmt.Errorf("%q looks hexadecimal: hexadecimal values need the 0x prefix (0x%s)", v, v)
			case strings.TrimSpace(v) != v:
				return 0, fmt.Errorf("%q has spaces around the number", v)
			case strings.HasPrefix(v, "-"):
				return 0, fmt.Errorf("%q is negative: a DWORD is unsigned", v)
			}
			return 0, fmt.Errorf("%q is not a number", v)
		}
	}
	n, err := strconv.ParseUint(v, 10, 32)
	if err != nil {
		return 0, fmt.Errorf("%s is larger than a DWORD (at most 4294967295)", v)
	}
	return uint32(n), nil
}

func isHex(s string) bool {
	for _, r := range s {
		if !('0' <= r && r <= '9' || 'a' <= r && r <= 'f' || 'A' <= r && r <= 'F') {
			return false
		}
	}
	return s != ""
}

// CheckValue reports what is wrong with v as a value of s; "" when it is
// fine. An empty v is not checked here (the linter has its own rule for it).
func (s *Setting) CheckValue(v string) string {
	if v == "" || s.Type == "string" {
		return ""
	}
	for _, val := range s.Values {
		if val.Name != "" && strings.EqualFold(v, val.Name) {
			return ""
		}
	}
	n, err := ParseDWORD(v)
	if err != nil {
		return fmt.Sprintf("%v; %s takes %s", err, s.Name, s.Describe())
	}
	switch s.Type {
	case "bool", "enum":
		for _, val := range s.Values {
			if val.Value == n {
				return ""
			}
		}
		return fmt.Sprintf("%s is not a value of %s; it takes %s", v, s.Name, s.Describe())
	case "bitmask":
		if s.Max != nil && n > *s.Max {
			return fmt.Sprintf("%s has bits that %s does not define; it takes %s", v, s.Name, s.Describe())
		}
	}
	if s.Min != nil && n < *s.Min {
		return fmt.Sprintf("%s is below the minimum %d of %s", v, *s.Min, s.Name)
	}
	if s.Max != nil && n > *s.Max {
		return fmt.Sprintf("%s is above the maximum %d%s of %s", v, *s.Max, unitSuffix(s.Unit), s.Name)
	}
	return ""
}

func unitSuffix(unit string) string {
	if unit == "" {
		return ""
	}
	return " " + unit
}

// Describe says in a few words which values s takes, e.g. "0 or 1 (default 1)".
func (s *Setting) Describe() string {
	var out string
	switch s.Type {
	case "bool", "enum":
		var vs []string
		for _, v := range s.Values {
			if v.Name != "" {
				vs = append(vs, fmt.Sprintf("%d (%s)", v.Value, v.Name))
			} else {
				vs = append(vs, strconv.FormatUint(uint64(v.Value), 10))
			}
		}
		out = orList(vs)
	case "bitmask":
		var vs []string
		for _, b := range s.Bits {
			vs = append(vs, fmt.Sprintf("%d %s", b.Mask, b.Name))
		}
		out = "a sum of " + strings.Join(vs, ", ")
	case "dword":
		switch {
		case s.Min != nil && s.Max != nil:
			out = fmt.Sprintf("an integer from %d to %d", *s.Min, *s.Max)
		case s.Min != nil && *s.Min > 0:
			out = fmt.Sprintf("an integer of %d or more", *s.Min)
		default:
			out = "an integer of 0 or more"
		}
		if s.Unit != "" {
			out += " (" + s.Unit + ")"
		}
	default:
		out = "a string"
	}
	if s.Default != nil {
		out += fmt.Sprintf(" (default %s)", *s.Default)
	}
	return out
}

func orList(vs []string) string {
	switch len(vs) {
	case 0:
		return ""
	case 1:
		return vs[0]
	}
	return strings.Join(vs[:len(vs)-1], ", ") + " or " + vs[len(vs)-1]
}
