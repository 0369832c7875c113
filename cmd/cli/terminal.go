package cli

import (
	"fmt"
	"io"

	"github.com/mcsf-dev/mcsf/report"
)

// textOut is out for the text format with the control characters of values
// escaped (report.TerminalSafe: a Target Id with &#13; or a SIM batch cell
// with ESC must not reach the terminal raw); out itself for the machine
// formats, which escape on their own.
func textOut(out io.Writer, format string) io.Writer {
	if format == "text" {
		return report.TerminalSafe(out)
	}
	return out
}

// textf is fmt.Fprintf for the text outputs that print values from the
// input: every string, fmt.Stringer and error argument printed with %s or
// %v goes through report.Inline, so that a LF or a tab in a value (&#10; in
// an answer file, a SIM batch cell) stays inside its line and its column,
// and one record stays one line. The line ends and tabs of the format are
// the output's own structure (tabwriter cells). %q quotes the value as it
// is: Go quoting escapes on its own.
func textf(w io.Writer, format string, args ...any) {
	for i, a := range args {
		switch a.(type) {
		case string, fmt.Stringer, error:
			args[i] = inlineArg{a}
		}
	}
	fmt.Fprintf(w, format, args...)
}

// inlineArg is an argument of textf.
type inlineArg struct{ v any }

func (a inlineArg) Format(f fmt.State, verb rune) {
	if verb == 's' || verb == 'v' {
		fmt.Fprintf(f, fmt.FormatString(f, verb), report.Inline(fmt.Sprint(a.v)))
		return
	}
	fmt.Fprintf(f, fmt.FormatString(f, verb), a.v)
}

// patchOut is where a unified diff meant as a patch goes (fmt --diff, lint
// --diff): out itself, so that the patch applies byte for byte; on a
// terminal, escaped (report.TerminalSafe), where a control character of
// the file would act instead of showing.
func patchOut(out io.Writer) io.Writer {
	if isTerminal(out) {
		return report.TerminalSafe(out)
	}
	return out
}
