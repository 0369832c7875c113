// Package cli is the mcsf command line: one file per subcommand, each a thin
// layer that binds flags into an options struct and calls the domain
// packages. Only Main decides exit codes.
package cli

import (
	"context"
	"errors"
	"fmt"
	"github.com/mcsf-dev/mcsf/internal/english"
	"github.com/mcsf-dev/mcsf/report"
	"io"
	"os"
	"slices"

	"github.com/spf13/cobra"
)

// Exit codes of every command.
const (
	ExitOK       = 0 // clean
	ExitFindings = 1 // findings of the failing severity, files that would change, a failed check
	ExitUsage    = 2 // bad flag or argument, missing file, nothing to do
	ExitInternal = 3 // input could not be processed, or a bug
)

// exitError carries an exit code through cobra.
type exitError struct {
	code int
	err  error // nil: nothing more to print
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// usageError marks err as the user's mistake (exit 2).
func usageError(format string, args ...any) error {
	return &exitError{code: ExitUsage, err: fmt.Errorf(format, args...)}
}

// findings ends a command with exit 1 and no further message.
var errFindings = &exitError{code: ExitFindings}

// streams are the standard streams a command reads and writes.
type streams struct {
	in       io.Reader
	out, err io.Writer
	// process: the command runs as the entry point of its process
	// (MainProcess) and may set process-wide settings.
	process bool
}

// NewRoot builds the whole command tree, with the completion of every flag.
func NewRoot(in io.Reader, out, errOut io.Writer) *cobra.Command {
	root := newRoot(in, out, errOut, false, nil)
	registerCompletions(root) // completion.go
	return root
}

// newRoot builds the command tree for a run with args (nil: the whole
// tree; see commands); flag completions beyond those of enum flags are left
// to registerCompletions, which took two thirds of the tree's construction
// (0.7 ms of every run) and only a completion request needs.
func newRoot(in io.Reader, out, errOut io.Writer, process bool, args []string) *cobra.Command {
	color := colorModes[0]
	io := &streams{in: in, out: &console{out, &color}, err: &console{errOut, &color}, process: process} // color.go
	root := &cobra.Command{
		Use:   "mcsf",
		Short: "Generate, lint, format and resolve MCSF customization answer files",
		Long: `mcsf works on Microsoft MCSF customization answer files (<ImageCustomizations> XML)
used in Windows 10 Mobile OEM image builds, centred on the IMSRetry and
AutoRetryDownloadForMMS customizations.

Exit codes: 0 clean, 1 findings (or files that would change), 2 usage error
(bad flag, missing file), 3 input could not be processed or internal error.

` + colorHelp,
		Example: `  mcsf demo
  mcsf fmt -w answers.xml
  mcsf lint --format sarif answers/`,
		Version:       displayVersion(),
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetIn(in)
	root.SetOut(out)
	root.SetErr(errOut)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		if ee, ok := errors.AsType[*enumError](err); ok {
			return &exitError{code: ExitUsage, err: ee}
		}
		if oe, ok := errors.AsType[outputsError](err); ok { // outputs.go
			return &exitError{code: ExitUsage, err: oe}
		}
		return &exitError{code: ExitUsage, err: fmt.Errorf("%w (run '%s --help' for usage)", err, c.CommandPath())}
	})
	root.PersistentFlags().Var(&enumValue{name: "color", value: &color, allowed: colorModes}, "color", "colour diagnostics: "+english.Or(colorModes))
	_ = root.RegisterFlagCompletionFunc("color", cobra.FixedCompletions(colorModes, cobra.ShellCompDirectiveNoFileComp))
	root.AddCommand(commands(io, args)...)
	addSuggestions(root) // args.go
	return root
}

// Main runs mcsf with args and returns the process exit code.
func Main(args []string, in io.Reader, out, errOut io.Writer) int {
	return run(args, in, out, errOut, false)
}

// MainProcess is Main for a process's entry point (the mcsf binary): a
// command may also set process-wide settings for its input, such as the
// garbage collector's memory limit (memory.go). Tests and other callers in
// a process of their own use Main.
func MainProcess(args []string, in io.Reader, out, errOut io.Writer) int {
	return run(args, in, out, errOut, true)
}

func run(args []string, in io.Reader, out, errOut io.Writer, process bool) int {
	if len(args) == 1 && (args[0] == "--version" || args[0] == "-v") {
		// What cobra's version flag prints (its default form: a version
		// template would link text/template, see TestLeanStart), without
		// building the command tree: that was a fifth of the CPU of mcsf
		// --version.
		io.WriteString(out, "mcsf version "+displayVersion()+"\n")
		return ExitOK
	}
	root := newRoot(in, out, errOut, process, args)
	if len(args) > 0 && (args[0] == cobra.ShellCompRequestCmd || args[0] == cobra.ShellCompNoDescRequestCmd) {
		registerCompletions(root)
	}
	root.SetArgs(args)
	err := root.ExecuteContext(context.Background())
	if err == nil {
		return ExitOK
	}
	// An error may name a file or quote git's own message: a name with ESC
	// (a file of a pull request) must not reach the terminal raw.
	errOut = report.TerminalSafe(errOut)
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			fmt.Fprintf(errOut, "mcsf: %v\n", ee.err)
		}
		return ee.code
	}
	fmt.Fprintf(errOut, "mcsf: %v\n", err)
	// cobra's own errors (unknown command, wrong number of arguments) are usage errors.
	return ExitUsage
}

// internal wraps an error that is not the user's mistake.
func internal(err error) error {
	if err == nil {
		return nil
	}
	return &exitError{code: ExitInternal, err: err}
}

// isTerminal reports whether w is an interactive terminal.
func isTerminal(w io.Writer) bool {
	if c, ok := w.(*console); ok {
		w = c.Writer
	}
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// enumValue is a string flag that takes one of a fixed list of values (the
// first is the default). A value outside the list is a usage error that
// names the list; completion offers the list.
type enumValue struct {
	name    string
	value   *string
	allowed []string
}

func (e *enumValue) String() string { return *e.value }
func (e *enumValue) Type() string   { return "string" }

func (e *enumValue) Set(s string) error {
	if !slices.Contains(e.allowed, s) {
		return &enumError{flag: e.name, value: s, allowed: e.allowed}
	}
	*e.value = s
	return nil
}

// enumError is a value outside an enumValue's list.
type enumError struct {
	flag, value string
	allowed     []string
}

func (e *enumError) Error() string {
	return fmt.Sprintf("unknown --%s %q (want %s)", e.flag, e.value, english.Or(e.allowed))
}

// formatFlag adds --format to cmd, bound to p: one of formats, the first
// the default. usage "" says "output format: a, b or c". Every command with
// a --format uses it, so that the values are checked, completed and
// reported alike.
func formatFlag(cmd *cobra.Command, p *string, usage string, formats ...string) {
	enumFlag(cmd, p, "format", usage, formats...)
}

// enumFlag adds a flag that takes one of values, the first the default.
func enumFlag(cmd *cobra.Command, p *string, name, usage string, values ...string) {
	if usage == "" {
		usage = "output " + name + ": " + english.Or(values)
	}
	*p = values[0]
	cmd.Flags().Var(&enumValue{name: name, value: p, allowed: values}, name, usage)
	_ = cmd.RegisterFlagCompletionFunc(name, cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp))
}
