// Command mcsf generates, lints, formats and resolves Microsoft MCSF
// customization answer files. See README.md.
package main

import (
	"os"

	"github.com/mcsf-dev/mcsf/cmd/cli"
)

func main() {
	os.Exit(cli.MainProcess(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
