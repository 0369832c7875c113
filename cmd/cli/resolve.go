package cli

import "github.com/spf13/cobra"

// newResolveCmd is a placeholder until the resolve command lands.
func newResolveCmd(io *streams) *cobra.Command {
	return &cobra.Command{Use: "resolve", Short: "(not built yet)", Hidden: true,
		RunE: func(*cobra.Command, []string) error { return usageError("resolve is not built yet") }}
}
