// Package fileio is the one reader and the one writer of mcsf: every file a
// command, the linter or the language server reads goes through ReadFile (or
// ReadAll for standard input), and every file they write goes through
// WriteFile.
//
// ReadFile reads regular files only: a directory, a named pipe, a device or a
// socket is refused after an open that cannot block (O_NONBLOCK) and before
// a byte is read, so /dev/zero or a FIFO named where an answer file is
// expected neither fills the memory nor hangs. The size is checked against
// the limit before reading (from fstat) and while reading (the file may
// grow), and a limit of math.MaxInt64 is as safe as a small one.
//
// WriteFile replaces a file atomically (a temporary file in the same
// directory, synced, renamed over the target), writing through symbolic
// links to their target and keeping the target's mode bits and, where the
// process may, its owner and group. It refuses a target that is one of the
// command's inputs (the same file by device and inode, so also through a
// link), that is not a regular file, that has other hard links (unless the
// caller allows breaking them, and then says how many), that is read-only,
// or that changed since it was read. Temporary files are named
// .NAME.mcsf-tmp-PID-RANDOM; one left behind by a killed process of the same
// naming is removed by the next write to NAME.
//
// The package does not decide exit codes or print anything: its refusals are
// typed errors (NotRegularError, TooLargeError, RefusedError) for the caller
// to report.
package fileio
