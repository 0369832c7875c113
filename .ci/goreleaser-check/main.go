// Command goreleaser-check loads a GoReleaser configuration with
// GoReleaser's own loader (github.com/goreleaser/goreleaser/v2/pkg/config):
// the strict parse that 'goreleaser check' starts with, which refuses
// unknown and misplaced keys. .ci/run uses it where the goreleaser binary
// (about 9 CPU-minutes to build) is not installed. A module of its own, so
// that GoReleaser's dependencies stay out of mcsf's go.mod.
package main

import (
	"fmt"
	"os"

	"github.com/goreleaser/goreleaser/v2/pkg/config"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: goreleaser-check FILE")
		os.Exit(2)
	}
	if _, err := config.Load(os.Args[1]); err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", os.Args[1], err)
		os.Exit(1)
	}
	fmt.Printf("%s: loaded by GoReleaser v2.15.1's configuration loader\n", os.Args[1])
}
