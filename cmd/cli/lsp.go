package cli

import (
	"errors"
	"io"
	"path/filepath"
	"time"

	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/answerfile/lint"
	"github.com/mcsf-dev/mcsf/lsp"
	"github.com/spf13/cobra"
)

// lsp.go: the lsp command, a language server on standard input and output.

type lspOptions struct {
	lint     lintOptions // the configuration flags of lint
	debounce time.Duration
	stdio    bool
}

const lspLong = `Run a language server (Language Server Protocol 3.17) on standard input and
output, for editors: diagnostics as you type, with the rules, ids, severities
and configuration of 'mcsf lint' (.mcsf.yaml, imports); hover (settings and
paths from the catalog with their page, conditions, TargetRefs, rule ids);
completion (elements, attributes, Settings Paths by scope, Setting Names and
enum values, condition names and values, TargetRef Ids); go to definition
(TargetRef to Target, Import Source to file), references of a Target,
document symbols, rename of Target Ids; quick fixes from the rules' edits;
formatting in the layout of 'mcsf fmt'; the command mcsf.resolve (the
effective settings for a SIM given as mcc=...,mnc=...), offered as a code
lens on each Target.

The configuration flags are those of lint and apply to every file; a
.mcsf.yaml next to a file (or above it) is read again each time the file is
linted. Editors start the server themselves: see editors/vscode for VS Code
and the README for Neovim.

Exit codes: 0 after the client's shutdown and exit, 1 when the client ends
the session without shutdown, 2 usage error.

Examples:
  mcsf lsp --help
  mcsf lsp --strict --path-map 'C:\build=/src'`

func newLspCmd(io *streams) *cobra.Command {
	o := &lspOptions{}
	cmd := &cobra.Command{
		Use:   "lsp",
		Short: "Run a language server for editors on standard input and output",
		Long:  lspLong,
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.lint.strictSet = cmd.Flags().Changed("strict")
			return runLsp(cmd, o, io)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&o.lint.strict, "strict", false, "make unknown settings paths and names errors")
	f.StringSliceVar(&o.lint.disable, "disable", nil, "do not run RULE (repeatable, or comma-separated)")
	f.StringArrayVar(&o.lint.severity, "severity", nil, "set the severity of RULE: RULE=error|warning|info|off (repeatable)")
	f.StringVar(&o.lint.configPath, "config", "", "use this configuration file instead of looking for "+lint.ConfigFileName)
	f.DurationVar(&o.debounce, "debounce", lsp.DefaultDebounce, "how long after the last change a file is linted")
	f.BoolVar(&o.stdio, "stdio", true, "talk over standard input and output (the only transport; editors pass it)")
	addImportFlags(cmd, &o.lint.importOptions, true)
	addPatternFlags(cmd, &o.lint.patterns)
	return cmd
}

func runLsp(cmd *cobra.Command, o *lspOptions, io *streams) error {
	flags, err := o.lint.settings()
	if err != nil {
		return err
	}
	if o.lint.configPath != "" {
		if _, err := lint.ReadSettings(o.lint.configPath); err != nil {
			return lintError(err)
		}
	}
	// The import flags as lint takes them: --import-root, --import-env and
	// the import limits, not only --path-map and --no-imports.
	imports, err := o.lint.linterImports()
	if err != nil {
		return err
	}
	err = lsp.Serve(cmd.Context(), stdio{io.in, io.out}, lsp.Options{
		Config:   func(path string) (lint.Config, error) { return o.config(path, flags) },
		Imports:  imports,
		Debounce: o.debounce,
		Log:      io.err,
		Version:  Version,
	})
	if errors.Is(err, lsp.ErrNoShutdown) {
		return &exitError{code: ExitFindings, err: err}
	}
	return err
}

// config is the lint configuration of the file at path ("" for a document
// that is not a local file: the working directory's). It reads the
// configuration files again on every call: the user may be editing them.
func (o *lspOptions) config(path string, flags lint.Settings) (lint.Config, error) {
	finder, err := lint.NewConfigFinder(o.lint.configPath)
	if err != nil {
		return lint.Config{}, err
	}
	dir := "."
	if path != "" {
		dir = filepath.Dir(path)
	}
	file, err := finder.ForDir(dir)
	if err != nil {
		return lint.Config{}, err
	}
	cfg, _ := flags.Over(file)
	cfg.Limits = answerfile.DefaultLimits
	return cfg, nil
}

// stdio is standard input and output as one stream. Closing it closes
// neither: the process ends soon after.
type stdio struct {
	io.Reader
	io.Writer
}

func (stdio) Close() error { return nil }
