package cli

import (
	"github.com/mcsf-dev/mcsf/variant"
	"github.com/spf13/cobra"
)

// addPatternFlags registers --max-pattern-size, --max-patterns and
// --max-pattern-total, the
// limits of a file's pattern: conditions (variant.PatternLimits), on the
// commands that compile them: lint, lsp, resolve, retry. Like every limit they
// are flags only: a .mcsf.yaml, which a pull request from a fork controls
// in CI, cannot raise them.
func addPatternFlags(cmd *cobra.Command, lim *variant.PatternLimits) {
	f := cmd.Flags()
	f.IntVar(&lim.MaxSize, "max-pattern-size", variant.MaxPatternSize, "refuse a pattern: condition that compiles to more than `N` regular-expression instructions")
	f.IntVar(&lim.MaxCount, "max-patterns", variant.DefaultMaxPatterns, "compile no pattern of a file that has more than `N` pattern: conditions")
	f.IntVar(&lim.MaxTotal, "max-pattern-total", variant.DefaultMaxPatternTotal, "compile no pattern of a file whose pattern: conditions compile to more than `N` instructions in all")
}

// checkPatternLimits refuses limits below 1.
func checkPatternLimits(lim variant.PatternLimits) error {
	if lim.MaxSize < 1 || lim.MaxCount < 1 || lim.MaxTotal < 1 {
		return usageError("--max-pattern-size, --max-patterns and --max-pattern-total must be at least 1")
	}
	return nil
}
