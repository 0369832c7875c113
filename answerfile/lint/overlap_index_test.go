package lint

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestOverlapCandidates: the MCC/MNC index keeps every pair of variants
// whose pins do not conflict, and only those.
func TestOverlapCandidates(t *testing.T) {
	st := func(mcc, mnc string) []stateInfo { return []stateInfo{{mcc: mcc, mnc: mnc}} }
	states := [][]stateInfo{
		st("310", "410"), // 0
		st("310", "410"), // 1: same pins as 0
		st("310", ""),    // 2: any MNC of 310
		st("311", "410"), // 3: other MCC
		st("", "410"),    // 4: any MCC, MNC 410
		st("", ""),       // 5: no pins
		nil,              // 6: no target
		append(st("234", "15"), st("311", "")...), // 7: two states
	}
	got := overlapCandidates(states)
	want := [][2]int{{0, 1}, {0, 2}, {1, 2}, {0, 4}, {1, 4}, {2, 4}, {3, 4}, {0, 5}, {1, 5}, {2, 5}, {3, 5}, {4, 5}, {3, 7}, {4, 7}, {5, 7}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("candidate pairs (-want +got):\n%s", diff)
	}
}
