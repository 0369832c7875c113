package cli

import (
	"io"
	"os"
	"strings"
)

// color.go: whether a command colours what it writes to the terminal.

// colorModes are the values of --color, the default first.
var colorModes = []string{"auto", "always", "never"}

const colorHelp = `Colour: --color auto (the default) colours diagnostics on a terminal only;
FORCE_COLOR or CLICOLOR_FORCE (set, and not 0 or false) colour them anywhere,
NO_COLOR (set, not empty) turns colour off, TERM=dumb too; --color always or
never overrides all of these. On Windows, mcsf turns on the console's
virtual-terminal mode, and in auto mode leaves colour off where the console
cannot.`

// console is a standard output stream of a command together with the
// --color choice. Only consoles are coloured: a file written with -o never is.
type console struct {
	io.Writer
	mode *string // --color: auto, always or never
}

// colorOn reports whether to colour what is written to w.
func colorOn(w io.Writer, getenv func(string) string) bool {
	c, ok := w.(*console)
	if !ok {
		return false
	}
	f, _ := c.Writer.(*os.File)
	if !wantColor(*c.mode, getenv, f != nil && isTerminal(f)) {
		return false
	}
	// A Windows console shows escape sequences as text unless its
	// virtual-terminal mode is on; a pipe or file takes them as they are.
	return enableVirtualTerminal(f) || *c.mode == "always" || f == nil || !isTerminal(f)
}

// wantColor decides colour from --color, the environment and whether the
// output is a terminal.
func wantColor(mode string, getenv func(string) string, terminal bool) bool {
	switch mode {
	case "always":
		return true
	case "never":
		return false
	}
	if envOn(getenv("FORCE_COLOR")) || envOn(getenv("CLICOLOR_FORCE")) {
		return true
	}
	if getenv("NO_COLOR") != "" || getenv("TERM") == "dumb" {
		return false
	}
	if v := getenv("FORCE_COLOR"); v == "0" || strings.EqualFold(v, "false") {
		return false
	}
	return terminal
}

// envOn reports whether an environment variable that forces something is
// set to a true value: anything but empty, 0 and false.
func envOn(v string) bool {
	return v != "" && v != "0" && !strings.EqualFold(v, "false")
}
