package cli

import "github.com/spf13/cobra"

// newGenerateCmd is a placeholder until the generate command lands.
func newGenerateCmd(io *streams) *cobra.Command {
	return &cobra.Command{Use: "generate", Short: "(not built yet)", Hidden: true,
		RunE: func(*cobra.Command, []string) error { return usageError("generate is not built yet") }}
}
