package cli

import "github.com/spf13/cobra"

// commands lists every subcommand; each lives in a file of its own.
// A file may return several related commands (lint, rules, explain).
func commands(io *streams) []*cobra.Command {
	var cmds []*cobra.Command
	cmds = append(cmds, newFmtCmd(io), newSchemaCmd(io), newGraphCmd(io))
	cmds = append(cmds, lintCmds(io)...)    // lint.go (also: rules, explain)
	cmds = append(cmds, newResolveCmd(io))  // resolve.go
	cmds = append(cmds, genCommands(io)...) // generate.go (also: new, demo, import-spec)
	cmds = append(cmds, newRetryCmd(io))    // retry.go
	cmds = append(cmds, newVersionCmd(io))  // version.go
	cmds = append(cmds, newDiffCmd(io))     // diffcmd.go
	cmds = append(cmds, newLspCmd(io))      // lsp.go
	cmds = append(cmds, newSettingsCmd(io)) // settings.go
	cmds = append(cmds, newManCmd(io))      // man.go
	return cmds
}
