package cli

import (
	"slices"
	"testing"
)

func TestMemoryLimit(t *testing.T) {
	const mb = 1 << 20
	var set []int64
	m := &memoryLimit{limit: minMemoryLimit, set: func(n int64) int64 { set = append(set, n); return 0 }}
	for _, n := range []int{0, 4 * mb, 1 * mb, mb / 2, mb / 2, 3 * mb, 10 * mb, 100} {
		m.add(n)
	}
	// 24 times 6 MB is the first limit an eighth over 128 MB; then 9 MB, 19 MB.
	want := []int64{24 * 6 * mb, 24 * 9 * mb, 24 * 19 * mb}
	if !slices.Equal(set, want) {
		t.Errorf("limits set: got %v, want %v", set, want)
	}
	user := &memoryLimit{user: true, limit: minMemoryLimit, set: func(n int64) int64 { t.Errorf("limit set to %d under GOMEMLIMIT", n); return 0 }}
	user.add(100 * mb)
}
