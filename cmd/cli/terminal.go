package cli

import (
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
