package cli

import (
	"slices"
	"testing"
)

func TestMemoryLimit(t *testing.T) {
	const mb = 1 << 20
	cases := []struct {
		name    string
		workers int64
		files   []int64
		want    []int64 // the limits set after the first
	}{
		// An eighth over 128 MB is 144 MB: 24 times a 6 MB file.
		{"one large file", 1, []int64{6 * mb}, []int64{24 * 6 * mb}},
		{"small file", 1, []int64{5 * mb}, nil},
		{"two workers", 2, []int64{1 * mb, 3 * mb}, []int64{2 * 24 * 3 * mb}},
		// 4 times 36 MB is 144 MB; 4 times 40 MB is not an eighth more.
		{"many files", 2, slices.Repeat([]int64{mb}, 40), []int64{4 * 36 * mb}},
		{"many files, then a large one", 1, append(slices.Repeat([]int64{mb}, 36), 8*mb), []int64{4 * 36 * mb, 24 * 8 * mb}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var set []int64
			m := &memoryLimit{workers: c.workers, limit: minMemoryLimit, set: func(n int64) int64 { set = append(set, n); return 0 }}
			for _, n := range c.files {
				m.add(int(n))
			}
			if !slices.Equal(set, c.want) {
				t.Errorf("files %v: got limits %v, want %v", c.files, set, c.want)
			}
		})
	}
	t.Run("GOMEMLIMIT", func(t *testing.T) {
		m := &memoryLimit{user: true, workers: 1, limit: minMemoryLimit, set: func(n int64) int64 { t.Errorf("limit set to %d under GOMEMLIMIT", n); return 0 }}
		m.add(100 * mb)
	})
}
