package variant

import (
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestAddInt holds AddInt to big.Int's arithmetic on edge cases (zero,
// signs, carries, borrows, leading zeros) and on random long integers.
func TestAddInt(t *testing.T) {
	values := []string{"0", "-0", "000", "1", "-1", "9", "-9", "10", "-10", "99", "-99", "100", "-100", "0009", "-0010",
		"8901410321111851072", "89014103211118510720", "99999999999999999999", "-99999999999999999999", "100000000000000000000"}
	r := rand.New(rand.NewPCG(3, 4))
	for range 2000 {
		var b strings.Builder
		if r.IntN(3) == 0 {
			b.WriteByte('-')
		}
		for range 1 + r.IntN(40) {
			b.WriteByte("0123456789"[[]int{0, 9, r.IntN(10)}[r.IntN(3)]])
		}
		values = append(values, b.String())
	}
	for _, v := range values {
		n, ok := new(big.Int).SetString(v, 10)
		if !ok {
			t.Fatalf("bad test value %q", v)
		}
		for _, delta := range []int{-1, +1} {
			want := new(big.Int).Add(n, big.NewInt(int64(delta))).String()
			if got := AddInt(v, delta); got != want {
				t.Errorf("AddInt(%q, %d) = %q, want %q", v, delta, got, want)
			}
		}
	}
}
