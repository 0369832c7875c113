package cli

import "github.com/spf13/cobra"

// newLintCmd is a placeholder until the lint command lands.
func newLintCmd(io *streams) *cobra.Command {
	return &cobra.Command{Use: "lint", Short: "(not built yet)", Hidden: true,
		RunE: func(*cobra.Command, []string) error { return usageError("lint is not built yet") }}
}
