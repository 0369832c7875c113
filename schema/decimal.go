package schema

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"
)

// decimal.go: exact numbers without math/big, whose package init and code
// every start of mcsf would otherwise pay for: JSON numbers compared with
// minimum, maximum and each other, and YAML integers of any base and
// length turned into decimal digits.

// decimal is an exact number: 0.digits × 10^exp, negative if neg. digits
// has no leading or trailing zeros, so every value has one form and zero
// is the zero decimal.
type decimal struct {
	neg    bool
	digits string
	exp    int64
}

// parseDecimal reads a number as JSON and fmt.Sprint write them: a sign,
// digits with an optional point (a side of it may be empty, not both),
// an optional e or E exponent. Like big.Rat.SetString it refuses a value
// other than zero whose power of ten beyond the point exceeds 1e6 in
// magnitude. (big.Rat also reads fractions a/b, base prefixes, p exponents
// and underscores, which neither JSON nor fmt writes.)
func parseDecimal(s string) (decimal, bool) {
	i := 0
	digits := func() string {
		start := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		return s[start:i]
	}
	neg := false
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		neg = s[i] == '-'
		i++
	}
	whole, frac := digits(), ""
	if i < len(s) && s[i] == '.' {
		i++
		frac = digits()
	}
	if whole == "" && frac == "" {
		return decimal{}, false
	}
	var e int64
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		var err error
		if e, err = strconv.ParseInt(s[i+1:], 10, 64); err != nil {
			return decimal{}, false
		}
	} else if i < len(s) {
		return decimal{}, false
	}
	all := whole + frac
	significant := strings.TrimRight(strings.TrimLeft(all, "0"), "0")
	if significant == "" {
		return decimal{}, true
	}
	if n := int64(len(frac)); e > n+1e6 || e < n-1e6 {
		return decimal{}, false
	}
	lead := len(all) - len(strings.TrimLeft(all, "0"))
	return decimal{neg: neg, digits: significant, exp: int64(len(whole)-lead) + e}, true
}

// decimalOf is v (a json.Number, float or int) as a decimal; zero if it is
// not a number (NaN, ±Inf), as it was with big.Rat.
func decimalOf(v any) decimal {
	d, _ := parseDecimal(fmt.Sprint(v))
	return d
}

// cmp is -1, 0 or +1 as d is less than, equal to or greater than x.
func (d decimal) cmp(x decimal) int {
	if d.neg != x.neg { // zero is never negative
		if d.neg {
			return -1
		}
		return 1
	}
	var c int
	switch {
	case d.digits == "" || x.digits == "":
		c = cmp.Compare(len(d.digits), len(x.digits))
	case d.exp != x.exp:
		c = cmp.Compare(d.exp, x.exp)
	default:
		c = strings.Compare(d.digits, x.digits)
	}
	if d.neg {
		return -c
	}
	return c
}

// isInt reports whether d has no fractional part.
func (d decimal) isInt() bool {
	return int64(len(d.digits)) <= d.exp
}

// intDecimal is the integer s in decimal digits, read as
// big.Int.SetString(s, 0) reads it: a sign, then decimal digits, or a
// prefix 0b, 0o, 0x or a bare 0 (octal) and digits of that base, with
// single underscores between digits or after the prefix.
func intDecimal(s string) (string, bool) {
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	base, digit := uint64(10), false // digit: the last character read was a digit
	if len(s) > 1 && s[0] == '0' {
		base, digit, s = 8, true, s[1:]
		switch s[0] | 0x20 {
		case 'b':
			base, s = 2, s[1:]
		case 'o':
			s = s[1:]
		case 'x':
			base, s = 16, s[1:]
		}
	}
	// The value of digits in base 2, 8 or 16 in base 1e9 limbs, least
	// significant first, added a chunk at a time: limbs*scale + chunk.
	// (Quadratic: 100 000 hex digits take a quarter of a second.)
	var limbs []uint64
	chunk, scale := uint64(0), uint64(1)
	flush := func() {
		carry := chunk
		for i, l := range limbs {
			x := l*scale + carry
			limbs[i], carry = x%1e9, x/1e9
		}
		for ; carry > 0; carry /= 1e9 {
			limbs = append(limbs, carry%1e9)
		}
		chunk, scale = 0, 1
	}
	count := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '_' && digit {
			digit = false
			continue
		}
		var d uint64
		switch {
		case c >= '0' && c <= '9':
			d = uint64(c - '0')
		case c|0x20 >= 'a' && c|0x20 <= 'z':
			d = uint64(c|0x20-'a') + 10
		default:
			return "", false
		}
		if d >= base {
			return "", false
		}
		digit, count = true, count+1
		if base != 10 { // decimal digits are copied below, in linear time
			chunk, scale = chunk*base+d, scale*base
			if scale*base > 1e9 {
				flush()
			}
		}
	}
	if !digit || count == 0 {
		return "", false
	}
	abs := strings.TrimLeft(strings.ReplaceAll(s, "_", ""), "0")
	if base != 10 {
		flush()
		var b []byte
		for i := len(limbs) - 1; i >= 0; i-- {
			l := strconv.FormatUint(limbs[i], 10)
			if i < len(limbs)-1 {
				b = append(b, "000000000"[len(l):]...)
			}
			b = append(b, l...)
		}
		abs = string(b)
	}
	switch {
	case abs == "":
		return "0", true
	case neg:
		return "-" + abs, true
	}
	return abs, true
}
