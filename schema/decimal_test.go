package schema

import (
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"
)

// The test compares with math/big, which the package itself no longer
// links: decimal must order numbers exactly as big.Rat did, and
// intDecimal must read integers exactly as big.Int.SetString(s, 0).

// ratOf is the number v was before decimal: big.Rat, zero if unreadable.
func ratOf(s string) (*big.Rat, bool) {
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		return new(big.Rat), false
	}
	return r, true
}

// checkDecimals compares every pair of xs by decimal and by big.Rat, and
// each one's reading and isInt.
func checkDecimals(t *testing.T, xs []string) {
	t.Helper()
	ds := make([]decimal, len(xs))
	rs := make([]*big.Rat, len(xs))
	for i, s := range xs {
		var ok, want bool
		ds[i], ok = parseDecimal(s)
		rs[i], want = ratOf(s)
		if ok != want {
			t.Errorf("parseDecimal(%q) ok = %v, big.Rat %v", s, ok, want)
		}
		if got, want := ds[i].isInt(), rs[i].IsInt(); got != want {
			t.Errorf("%q isInt = %v, big.Rat %v", s, got, want)
		}
	}
	for i := range xs {
		for j := range xs {
			if got, want := ds[i].cmp(ds[j]), rs[i].Cmp(rs[j]); got != want {
				t.Errorf("cmp(%q, %q) = %d, big.Rat %d", xs[i], xs[j], got, want)
			}
		}
	}
}

func TestDecimalEdges(t *testing.T) {
	checkDecimals(t, []string{
		"0", "-0", "+0", "0.000", "-0.0e7", "0e9223372036854775807", ".0", "0.",
		"1", "1.0", "1e0", "10e-1", "0.1e1", "+1", "001", "1.", ".1e1", "1E0", "1e+0", "1e-0",
		"-1", "-1.0", "-10e-1", "-0.01e2",
		"0.5", ".5", "5e-1", "0.50", "-0.5", "-.5",
		"0.05", "0.005", "0.0050", "5e-3", "0.0051", "0.00499999999999999999999999",
		"4294967295", "4294967296", "4294967295.0000000000000000001", "4.294967295e9",
		"12345678901234567890123456789012345678901234567890",
		"12345678901234567890123456789012345678901234567891",
		"-12345678901234567890123456789012345678901234567890",
		"1234567890123456789012345678901234567890.1234567890",
		"1e21", "1e+21", "1.5e-07", "5e-324", "1.7976931348623157e+308", "-1e-400", "1e400",
		"1e1000000", "-1e1000000", "1e-1000000", "1e1000001", "1e-1000001", "10e1000000", "0.1e1000001",
		"1e9223372036854775807", "1e-9223372036854775808", "1e9223372036854775808", "1e-9223372036854775809",
		"", "-", "+", ".", "e5", "1e", "1e+", "1.2.3", "1e5e5", "--1", "+-1", "1 ", " 1", "1x", "NaN", "+Inf", "-Inf",
	})
	// A few results spelled out, whatever big.Rat says.
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"0", "-0", 0}, {"1", "1.0", 0}, {"1e0", "10e-1", 0}, {"0.05", "0.5", -1},
		{"-1", "-0.5", -1}, {"1e21", "999999999999999999999", 1}, {"0.000", "-0.0", 0},
	} {
		a, _ := parseDecimal(c.a)
		b, _ := parseDecimal(c.b)
		if got := a.cmp(b); got != c.want {
			t.Errorf("cmp(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}

func TestDecimalRandom(t *testing.T) {
	rnd := rand.New(rand.NewPCG(15, 2))
	digits := func(n int, zeros bool) string {
		var b strings.Builder
		for range n {
			if zeros && rnd.IntN(3) == 0 {
				b.WriteByte('0')
			} else {
				b.WriteByte(byte('0' + rnd.IntN(10)))
			}
		}
		return b.String()
	}
	number := func() string {
		s := []string{"", "-", "+"}[rnd.IntN(3)] + digits(rnd.IntN(25), true)
		if rnd.IntN(2) == 0 {
			s += "." + digits(rnd.IntN(25), true)
		}
		if strings.Trim(s, "+-.") == "" {
			s += "0"
		}
		switch rnd.IntN(4) {
		case 0:
			s += fmt.Sprintf("e%d", rnd.IntN(61)-30)
		case 1:
			s += fmt.Sprintf("E%+d", rnd.IntN(7)-3)
		}
		return s
	}
	xs := make([]string, 0, 800)
	for range 400 {
		xs = append(xs, number())
	}
	for range 200 { // float64 values as fmt.Sprint writes them
		xs = append(xs, fmt.Sprint(math.Float64frombits(rnd.Uint64())))
	}
	for range 100 { // pairs that agree on a long prefix
		a := digits(30, false)
		xs = append(xs, a[:rnd.IntN(30)]+"."+a[rnd.IntN(30):], "-0."+a+"e"+fmt.Sprint(rnd.IntN(5)))
	}
	// 800 numbers: every pair (640 000) in big.Rat's order.
	checkDecimals(t, xs)
	// Strings of number characters: the same readable ones as big.Rat.
	var junk []string
	for range 2000 {
		var b strings.Builder
		for range rnd.IntN(8) {
			b.WriteByte("0123456789.eE+-"[rnd.IntN(15)])
		}
		junk = append(junk, b.String())
	}
	checkDecimals(t, junk)
}

func TestIntDecimal(t *testing.T) {
	cases := []string{
		"0", "-0", "+0", "00", "000", "7", "-7", "+7", "1_000", "-1_000_000", "0777", "0_777", "-0777",
		"0b101", "0B101", "-0b101", "0b_1", "0o777", "0O777", "-0o17", "0o_7", "0x1f", "0X1F", "-0xdead_BEEF", "0x_f",
		"9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
		"18446744073709551615", "18446744073709551616", "0xffffffffffffffff", "0x10000000000000000",
		"999999999", "1000000000", "1000000001", "0x3b9aca00", "0x3b9ac9ff",
		"123456789012345678901234567890123456789012345678901234567890",
		"-0x" + strings.Repeat("f", 100), "0b1" + strings.Repeat("0", 200), "0o" + strings.Repeat("7", 150),
		"0x" + strings.Repeat("0", 40) + "1",
		// refused
		"", "-", "+", "0x", "0b", "0o", "0x_", "_1", "1_", "1__0", "0_", "08", "0b2", "0o8", "0xg", "1.0", "1e3",
		"--1", "+-1", "-+1", " 1", "1 ", "0x1f ", "0d10", "١", "1\x00", "abc", "0xé",
	}
	rnd := rand.New(rand.NewPCG(15, 3))
	for range 3000 {
		var b strings.Builder
		for range rnd.IntN(10) {
			b.WriteByte("0123456789abfxoBFXO_+-"[rnd.IntN(22)])
		}
		cases = append(cases, b.String())
	}
	for range 200 {
		prefix, alphabet := []string{"", "0b", "0o", "0x", "-", "-0x"}[rnd.IntN(6)], "0123456789abcdef"
		base := map[string]int{"": 10, "-": 10, "0b": 2, "0o": 8, "0x": 16, "-0x": 16}[prefix]
		var b strings.Builder
		for range 1 + rnd.IntN(300) {
			b.WriteByte(alphabet[rnd.IntN(base)])
		}
		cases = append(cases, prefix+b.String())
	}
	for _, s := range cases {
		got, ok := intDecimal(s)
		want, wantOK := new(big.Int).SetString(s, 0)
		switch {
		case ok != wantOK:
			t.Errorf("intDecimal(%q) ok = %v, big.Int %v", s, ok, wantOK)
		case ok && got != want.String():
			t.Errorf("intDecimal(%q) = %s, big.Int %s", s, got, want)
		}
	}
	for s, want := range map[string]string{"0x_ff": "255", "-0b1_0": "-2", "0777": "511", "-0": "0", "0o10": "8"} {
		if got, ok := intDecimal(s); !ok || got != want {
			t.Errorf("intDecimal(%q) = %s, %v, want %s", s, got, ok, want)
		}
	}
}
