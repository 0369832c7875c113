package cli

import "github.com/spf13/cobra"

// newRetryCmd is a placeholder until the retry command lands.
func newRetryCmd(io *streams) *cobra.Command {
	return &cobra.Command{Use: "retry", Short: "(not built yet)", Hidden: true,
		RunE: func(*cobra.Command, []string) error { return usageError("retry is not built yet") }}
}
