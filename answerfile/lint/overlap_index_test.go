package lint

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestOverlapCandidates: the MCC/MNC index keeps every pair of variants
// whose pins do not conflict, and only those.
func TestOverlapCandidates(t *testing.T) {
	pin := func(v string) []string {
		if v == "" {
			return nil
		}
		return strings.Split(v, "|")
	}
	st := func(mcc, mnc string) []stateInfo { return []stateInfo{{mccs: pin(mcc), mncs: pin(mnc)}} }
	states := [][]stateInfo{
		st("310", "410"), // 0
		st("310", "410"), // 1: same pins as 0
		st("310", ""),    // 2: any MNC of 310
		st("311", "410"), // 3: other MCC
		st("", "410"),    // 4: any MCC, MNC 410
		st("", ""),       // 5: no pins
		nil,              // 6: no target
		append(st("234", "15"), st("311", "")...), // 7: two states
		st("310|312", "260"),                      // 8: a pattern allowing two MCCs
		st("234", "15|16"),                        // 9: a pattern allowing two MNCs
	}
	// Variants without a target beyond the small count, so that the index is used.
	indexed := append(states, make([][]stateInfo, smallVariantCount)...)
	got := overlapCandidates(indexed)
	want := [][2]int{{0, 1}, {0, 2}, {1, 2}, {0, 4}, {1, 4}, {2, 4}, {3, 4}, {0, 5}, {1, 5}, {2, 5}, {3, 5}, {4, 5}, {3, 7}, {4, 7}, {5, 7},
		{2, 8}, {4, 8}, {5, 8}, {4, 9}, {5, 9}, {7, 9}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("candidate pairs (-want +got):\n%s", diff)
	}
	// Few variants: every pair of variants that have a target, in the same order.
	small := states[:smallVariantCount]
	var all [][2]int
	for j := range small {
		for i := range j {
			if i != 6 && j != 6 {
				all = append(all, [2]int{i, j})
			}
		}
	}
	if diff := cmp.Diff(all, overlapCandidates(small)); diff != "" {
		t.Errorf("few variants (-want +got):\n%s", diff)
	}
}
