package cli

import (
	"bytes"
	"fmt"

	"github.com/aymanbagabas/go-udiff"
)

// unifiedDiff returns a unified diff (3 lines of context) from a to b, or ""
// when they are equal: fmt -d, generate --check and lint --fix --diff print
// it. The diff is go-udiff's (the Go team's diff of gopls): linear in
// memory, so a 25,000-line file that changes everywhere diffs in a fraction
// of a second (bench/run: DiffAllChanged).
// The error, which Lines' own edits never cause, is internal.
func unifiedDiff(nameA, nameB string, a, b []byte) (string, error) {
	if bytes.Equal(a, b) {
		return "", nil
	}
	old := string(a)
	u, err := udiff.ToUnified(nameA, nameB, old, udiff.Lines(old, string(b)), udiff.DefaultContextLines)
	if err != nil {
		return "", internal(fmt.Errorf("diff %s: %w", nameA, err))
	}
	return u, nil
}
