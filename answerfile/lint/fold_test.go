package lint

import (
	"fmt"
	"testing"
)

// TestFirstFold: the first place of each key is kept, keys compare
// case-insensitively, before and after the list turns into a map.
func TestFirstFold(t *testing.T) {
	var f firstFold
	for i := range 3 * foldScanMax {
		k := fmt.Sprintf("Path/%d", i)
		if _, ok := f.get(k); ok {
			t.Fatalf("%s found before it was added", k)
		}
		f.add(k, i)
		for j := 0; j <= i; j++ {
			if at, ok := f.get(fmt.Sprintf("PATH/%d", j)); !ok || at != j {
				t.Fatalf("after %d keys: PATH/%d gives %d %v, want %d", i+1, j, at, ok, j)
			}
		}
	}
}
