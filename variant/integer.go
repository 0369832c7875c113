package variant

import "strings"

// Range bounds and the values tested against them are decimal integers of
// any length: ICCID ranges have 19 to 20 digits, beyond int64, and
// ImageApp's validator only checks `^(-?\d+),\s?(-?\d+)$` [tool]. They are
// compared as text, never converted, so nothing overflows.

// splitInt reads an optionally signed decimal integer ("-0012", "+5", "7")
// into its sign and its digits without leading zeros ("" for zero).
func splitInt(s string) (neg bool, digits string, ok bool) {
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg, s = s[0] == '-', s[1:]
	}
	if !allDigits(s) {
		return false, "", false
	}
	for len(s) > 0 && s[0] == '0' {
		s = s[1:]
	}
	return neg && s != "", s, true
}

// canonicalInt writes a decimal integer without a plus sign or leading
// zeros: "-0012" → "-12", "-0" → "0". s must be one.
func canonicalInt(s string) string {
	neg, d, _ := splitInt(s)
	switch {
	case d == "":
		return "0"
	case neg:
		return "-" + d
	}
	return d
}

// compareInt compares two decimal integers: -1, 0 or +1. Both must be
// integers (canonical or not).
func compareInt(a, b string) int {
	na, da, _ := splitInt(a)
	nb, db, _ := splitInt(b)
	return compareSplit(na, da, nb, db)
}

func compareSplit(na bool, da string, nb bool, db string) int {
	if na != nb {
		if na {
			return -1
		}
		return 1
	}
	c := 0
	switch {
	case len(da) != len(db):
		c = 1
		if len(da) < len(db) {
			c = -1
		}
	case da < db:
		c = -1
	case da > db:
		c = 1
	}
	if na {
		return -c
	}
	return c
}

// inRange reports whether value is a decimal integer in [lo, hi]; lo and hi
// are integers.
func inRange(value, lo, hi string) bool {
	nv, dv, ok := splitInt(value)
	if !ok {
		return false
	}
	nl, dl, _ := splitInt(lo)
	nh, dh, _ := splitInt(hi)
	return compareSplit(nl, dl, nv, dv) <= 0 && compareSplit(nv, dv, nh, dh) <= 0
}

// AddInt returns n+d written canonically (as canonicalInt), n being a
// decimal integer of any length, canonical or not, and d 1 or -1: the
// neighbours of a range bound.
func AddInt(n string, d int) string {
	neg, digits, _ := splitInt(n)
	switch {
	case digits == "":
		if d > 0 {
			return "1"
		}
		return "-1"
	case neg: // -m + d = -(m - d)
		if m := addDigits(digits, -d); m != "0" {
			return "-" + m
		}
		return "0"
	}
	return addDigits(digits, d)
}

// addDigits returns m+d for digits m > 0 without leading zeros, d 1 or -1.
func addDigits(m string, d int) string {
	b := []byte(m)
	i := len(b) - 1
	if d > 0 {
		for ; i >= 0 && b[i] == '9'; i-- {
			b[i] = '0'
		}
		if i < 0 {
			return "1" + string(b)
		}
		b[i]++
		return string(b)
	}
	for ; b[i] == '0'; i-- {
		b[i] = '9'
	}
	b[i]--
	if out := strings.TrimLeft(string(b), "0"); out != "" {
		return out
	}
	return "0"
}
