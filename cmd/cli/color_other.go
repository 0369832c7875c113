//go:build !windows

package cli

import "os"

// enableVirtualTerminal reports whether f shows escape sequences as colour:
// terminals outside Windows always do.
func enableVirtualTerminal(f *os.File) bool { return f != nil }
