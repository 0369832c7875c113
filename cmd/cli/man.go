package cli

import (
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

// man.go: man pages generated from the command tree, so that they say what
// --help says.

func newManCmd(io *streams) *cobra.Command {
	return &cobra.Command{
		Use:   "man DIR",
		Short: "Write a man page for every command into DIR",
		Long: `Write the man pages of mcsf and each of its commands (section 1: mcsf.1,
mcsf-lint.1, ...) into DIR, creating it if needed. The pages are generated
from the same text as --help. Their date is the git commit time recorded in
the build, or SOURCE_DATE_EPOCH when set (for reproducible packages), or
today. Read one with 'man -l man1/mcsf-lint.1', or install them into a
directory of your MANPATH (e.g. /usr/local/share/man/man1).

Examples:
  mcsf man man1`,
		Args: exactArgs("DIR", nil),
		RunE: func(cmd *cobra.Command, args []string) error {
			n, err := writeManPages(args[0])
			if err != nil {
				return internal(err)
			}
			fmt.Fprintf(io.out, "wrote %d man pages to %s\n", n, args[0])
			return nil
		},
	}
}

// writeManPages writes one page per available command into dir and returns
// how many it wrote.
func writeManPages(dir string) (int, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, err
	}
	// A tree of its own: the pages' text is rewritten below.
	root := NewRoot(nil, nil, nil)
	v := currentVersion()
	header := &doc.GenManHeader{Section: "1", Source: "mcsf " + v.SemanticVersion, Manual: "mcsf manual"}
	if t, err := time.Parse(time.RFC3339, v.Time); err == nil && os.Getenv("SOURCE_DATE_EPOCH") == "" {
		header.Date = &t
	}
	n := 0 // pages: the root and every available command below it
	var prepare func(c *cobra.Command)
	prepare = func(c *cobra.Command) {
		c.DisableAutoGenTag = true
		// cobra/doc reads Long as Markdown; ours is plain text laid out
		// for a terminal (indented lists, <Element> names, *.xml), which
		// Markdown would reflow or drop. Shown preformatted, the page
		// reads as --help does.
		if c.Long != "" {
			c.Long = "```\n" + c.Long + "\n```"
		}
		n++
		for _, sub := range c.Commands() {
			if sub.IsAvailableCommand() && !sub.IsAdditionalHelpTopicCommand() {
				prepare(sub)
			}
		}
	}
	prepare(root)
	if err := doc.GenManTreeFromOpts(root, doc.GenManTreeOptions{Header: header, Path: dir, CommandSeparator: "-"}); err != nil {
		return 0, fmt.Errorf("write man pages to %s: %w", dir, err)
	}
	return n, nil
}
