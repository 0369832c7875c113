package cli

import "github.com/spf13/cobra"

// topCommand is a top-level command by name, and the function in its own
// file that builds it.
type topCommand struct {
	name  string
	build func(*streams) *cobra.Command
}

// topCommands lists the top-level commands in the order of the tree (a
// function: man builds the tree to write its pages).
func topCommands() []topCommand {
	return []topCommand{
		{"fmt", newFmtCmd}, {"schema", newSchemaCmd}, {"graph", newGraphCmd},
		{"lint", newLintCmd}, {"rules", newRulesCmd}, {"explain", newExplainCmd}, // lint.go
		{"resolve", newResolveCmd},
		{"generate", newGenerateCmd}, {"new", newNewCmd}, {"import-spec", newImportSpecCmd}, {"demo", newDemoCmd}, // generate.go
		{"retry", newRetryCmd}, {"version", newVersionCmd}, {"diff", newDiffCmd}, {"lsp", newLspCmd},
		{"settings", newSettingsCmd}, {"man", newManCmd},
	}
}

// commands builds the top-level commands for a run with args: only the one
// args[0] names, when it is one and needs no other (man writes a page for
// every command), else all of them. Building the flags of all of them was a
// tenth of the CPU of linting one small file (0.4 ms).
func commands(io *streams, args []string) []*cobra.Command {
	for _, c := range topCommands() {
		if len(args) > 0 && args[0] == c.name && c.name != "man" {
			return []*cobra.Command{c.build(io)}
		}
	}
	cmds := make([]*cobra.Command, len(topCommands()))
	for i, c := range topCommands() {
		cmds[i] = c.build(io)
	}
	return cmds
}
