package cli

import (
	"errors"
	"fmt"
	"github.com/mcsf-dev/mcsf/internal/english"
	"io"

	"github.com/mcsf-dev/mcsf/fileio"
	"github.com/spf13/cobra"
)

// addForceFlag adds --force, which lets a write replace a file that has other
// hard links (they keep the old content, and the command says so).
func addForceFlag(cmd *cobra.Command, force *bool) {
	cmd.Flags().BoolVar(force, "force", false, "replace an output file that has other hard links (they keep the old content)")
}

// writeFile writes data to path through fileio.WriteFile, which refuses an
// input, a device, a FIFO, a directory, a read-only file, a file changed
// since it was read and (without --force) a file with other hard links. What
// it did besides writing goes to errOut. A refusal is a usage error (exit
// 2), a failed write an internal one (exit 3).
func writeFile(errOut io.Writer, path string, data []byte, o fileio.WriteOptions) error {
	res, err := fileio.WriteFile(path, data, o)
	for _, p := range res.Removed {
		fmt.Fprintf(errOut, "mcsf: removed %s, a temporary file an interrupted mcsf left behind\n", p)
	}
	var refused *fileio.RefusedError
	if errors.As(err, &refused) {
		return usageError("%v", err)
	}
	if err != nil {
		return internal(fmt.Errorf("write %s: %w", path, err))
	}
	if res.BrokenLinks > 0 {
		fmt.Fprintf(errOut, "mcsf: %s: replaced (--force); the old content stays under its %s\n", path, english.Count(res.BrokenLinks, "other hard link"))
	}
	return nil
}
