package catalog

import (
	"fmt"
	"strconv"
	"strings"
)

// ParseDWORD reads a REG_DWORD value as an answer file writes it: decimal
// digits, or hexadecimal with a mandatory 0x prefix. The error says what is
// wrong in words a user can act on.
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

// Numeric reports whether the setting's value is a DWORD (plain, enum or bitmask).
func (s *Setting) Numeric() bool {
	return s.Type == DWORD || s.Type == Enum || s.Type == Bitmask
}

// Number reads v as a value of s: a DWORD, or an enum's friendly name.
func (s *Setting) Number(v string) (uint32, error) {
	for _, val := range s.Values {
		if val.Name != "" && strings.EqualFold(v, val.Name) {
			return val.Value, nil
		}
	}
	return ParseDWORD(v)
}

// CheckValue reports what is wrong with v as a value of s; "" when it is
// fine or when the catalog does not know the type. An empty v is not
// checked here (the linter has its own rule for it).
func (s *Setting) CheckValue(v string) string {
	if v == "" {
		return ""
	}
	switch s.Type {
	case Binary:
		for _, b := range strings.Split(v, ",") {
			if b = strings.TrimSpace(b); len(b) > 2 || !isHex(b) {
				return fmt.Sprintf("%q is not REG_BINARY: %s takes hexadecimal bytes separated by commas, without 0x (01,A0,FF)", v, s.Name)
			}
		}
		return ""
	case DWORD, Enum, Bitmask:
	default:
		return ""
	}
	n, err := s.Number(v)
	if err != nil {
		return fmt.Sprintf("%v; %s takes %s", err, s.Name, s.Describe())
	}
	switch s.Type {
	case Enum:
		for _, val := range s.Values {
			if val.Value == n {
				return ""
			}
		}
		return fmt.Sprintf("%s is not a value of %s; it takes %s", v, s.Name, s.Describe())
	case Bitmask:
		var all uint32
		for _, b := range s.Values {
			all |= b.Value
		}
		if n&^all != 0 {
			return fmt.Sprintf("%s has bits that %s does not define; it takes %s", v, s.Name, s.Describe())
		}
		return ""
	}
	if s.HasMin && n < s.Min {
		return fmt.Sprintf("%s is below the minimum %d of %s", v, s.Min, s.Name)
	}
	if s.HasMax && n > s.Max {
		return fmt.Sprintf("%s is above the maximum %d%s of %s", v, s.Max, unitSuffix(s.Unit), s.Name)
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
	case Enum:
		var vs []string
		for _, v := range s.Values {
			if v.Name != "" {
				vs = append(vs, fmt.Sprintf("%d (%s)", v.Value, v.Name))
			} else {
				vs = append(vs, strconv.FormatUint(uint64(v.Value), 10))
			}
		}
		out = orList(vs)
	case Bitmask:
		var vs []string
		for _, b := range s.Values {
			vs = append(vs, fmt.Sprintf("%d %s", b.Value, b.Name))
		}
		out = "a sum of " + strings.Join(vs, ", ")
	case DWORD:
		switch {
		case s.HasMin && s.HasMax:
			out = fmt.Sprintf("an integer from %d to %d", s.Min, s.Max)
		case s.HasMin && s.Min > 0:
			out = fmt.Sprintf("an integer of %d or more", s.Min)
		case s.HasMax:
			out = fmt.Sprintf("an integer from 0 to %d", s.Max)
		default:
			out = "an integer of 0 or more"
		}
		if s.Unit != "" {
			out += " (" + s.Unit + ")"
		}
	case String:
		out = "a string"
	case MultiSZ:
		out = "strings separated by ;"
	case Binary:
		out = "hexadecimal bytes separated by commas"
	case AssetFile:
		out = "a file (an <Asset Source=\"..\"/>)"
	default:
		out = "a value whose type the documentation does not state"
	}
	if s.Default != "" {
		out += fmt.Sprintf(" (default %s)", s.Default)
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
