package cli

import (
	"fmt"
	"strings"

	"github.com/mcsf-dev/mcsf/schema"
	"github.com/spf13/cobra"
)

func newSchemaCmd(io *streams) *cobra.Command {
	return &cobra.Command{
		Use:   "schema NAME",
		Short: "Print one of the embedded JSON Schemas",
		Long: `Print one of the embedded JSON Schemas (draft 2020-12). The same schemas
validate answer files, specs and configuration inside mcsf, and describe its
JSON outputs.

Examples:
  mcsf schema answerfile
  mcsf schema lint-output`,
		Args:      exactArgs("NAME", schema.Names),
		ValidArgs: schema.Names(),
		RunE: func(cmd *cobra.Command, args []string) error {
			b, err := schema.Bytes(args[0])
			if err != nil {
				return usageError("%v", err)
			}
			fmt.Fprint(io.out, string(b))
			if !strings.HasSuffix(string(b), "\n") {
				fmt.Fprintln(io.out)
			}
			return nil
		},
	}
}
