package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/mcsf-dev/mcsf/fileio"
	"github.com/mcsf-dev/mcsf/report"
	"github.com/spf13/cobra"
)

// outputs.go: lint's --format, repeatable, each FORMAT (standard output) or
// FORMAT=FILE, as golangci-lint v2 takes it: one run writes the annotations
// a CI log shows and the SARIF file a later step uploads.

// output is one report of a lint run.
type output struct {
	format string
	path   string // "" for standard output
}

// outputsValue is the --format flag of lint.
type outputsValue struct {
	outs *[]output
	set  bool // a --format was given: the default is replaced
}

func (v *outputsValue) String() string {
	var parts []string
	for _, o := range *v.outs {
		if o.path == "" {
			parts = append(parts, o.format)
		} else {
			parts = append(parts, o.format+"="+o.path)
		}
	}
	return strings.Join(parts, ",")
}

func (v *outputsValue) Type() string { return "format[=file]" }

func (v *outputsValue) Set(s string) error {
	name, path, toFile := strings.Cut(s, "=")
	if !slices.Contains(report.Names(), name) {
		return &enumError{flag: "format", value: name, allowed: report.Names()}
	}
	if toFile && path == "" {
		return outputsError(fmt.Sprintf("--format %s=: name a file after =, or leave out = for standard output", name))
	}
	if !v.set {
		*v.outs, v.set = nil, true
	}
	for _, o := range *v.outs {
		switch {
		case !toFile && o.path == "":
			return outputsError(fmt.Sprintf("--format %s: %s already goes to standard output; write one of them to a file with FORMAT=FILE", name, o.format))
		case toFile && o.path == path:
			return outputsError(fmt.Sprintf("--format %s=%s: %s already goes to %s", name, path, o.format, path))
		}
	}
	*v.outs = append(*v.outs, output{format: name, path: path})
	return nil
}

// outputsError is a --format value that cannot be: its text is the whole
// message (root.go prints it without pflag's wrapping).
type outputsError string

func (e outputsError) Error() string { return string(e) }

// addOutputsFlag adds lint's --format to cmd, defaulting to text on
// standard output.
func addOutputsFlag(cmd *cobra.Command, outs *[]output) {
	*outs = []output{{format: report.Names()[0]}}
	cmd.Flags().Var(&outputsValue{outs: outs}, "format",
		"output format: "+strings.Join(report.Names(), ", ")+"; FORMAT=FILE writes it to FILE; repeatable")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(report.Names(), cobra.ShellCompDirectiveNoFileComp))
}

// hasFormat reports whether one of outs is in format.
func hasFormat(outs []output, format string) bool {
	return slices.ContainsFunc(outs, func(o output) bool { return o.format == format })
}

// writeOutputs writes r in each output (inCI, r with its names relative to
// the checkout, in the formats CI services read): to standard output, coloured when
// it goes to a terminal, or atomically to its file (creating its folder),
// never over an input.
func writeOutputs(outs []output, r *report.Report, inputs []string, inCI *report.Report, io *streams) error {
	plain := r
	for _, o := range outs {
		r := plain
		if slices.Contains(checkoutFormats, o.format) {
			r = inCI // checkout_paths.go
		}
		if o.path == "" {
			r.Color = colorOn(io.out, os.Getenv)
			if err := report.Write(io.out, o.format, r); err != nil {
				return internal(err)
			}
			continue
		}
		r.Color = false
		var buf bytes.Buffer
		if err := report.Write(&buf, o.format, r); err != nil {
			return internal(err)
		}
		// A report often goes to a folder of its own (reports/mcsf.sarif).
		if err := os.MkdirAll(filepath.Dir(o.path), 0o755); err != nil {
			return usageError("--format %s=%s: %v", o.format, o.path, err)
		}
		if err := writeFile(io.err, o.path, buf.Bytes(), fileio.WriteOptions{Inputs: inputs}); err != nil {
			return err
		}
	}
	return nil
}
