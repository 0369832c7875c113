//go:build unix

package cli

import (
	"fmt"
	"os"
	"strconv"
	"syscall"

	"github.com/rogpeppe/go-internal/testscript"
)

// mkfifoCmd makes a named pipe: mkfifo FILE.
func mkfifoCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: mkfifo FILE")
	}
	ts.Check(syscall.Mkfifo(ts.MkAbs(args[0]), 0o644))
}

// hardlinkCmd makes a hard link: hardlink OLD NEW.
func hardlinkCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: hardlink OLD NEW")
	}
	ts.Check(os.Link(ts.MkAbs(args[0]), ts.MkAbs(args[1])))
}

// chownCmd sets or checks the owner and group of a file: chown UID:GID FILE
// sets them, chown -check UID:GID FILE fails unless the file has them.
func chownCmd(ts *testscript.TestScript, neg bool, args []string) {
	check := len(args) == 3 && args[0] == "-check"
	if check {
		args = args[1:]
	}
	if neg || len(args) != 2 {
		ts.Fatalf("usage: chown [-check] UID:GID FILE")
	}
	var uid, gid int
	if _, err := fmt.Sscanf(args[0], "%d:%d", &uid, &gid); err != nil {
		ts.Fatalf("chown: %v", err)
	}
	p := ts.MkAbs(args[1])
	if !check {
		ts.Check(os.Chown(p, uid, gid))
		return
	}
	st, err := os.Stat(p)
	ts.Check(err)
	s := st.Sys().(*syscall.Stat_t)
	if int(s.Uid) != uid || int(s.Gid) != gid {
		ts.Fatalf("%s is owned by %d:%d, want %d:%d", args[1], s.Uid, s.Gid, uid, gid)
	}
}

// modeCmd checks the permission bits of a file: mode OCTAL FILE.
func modeCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: mode OCTAL FILE")
	}
	want, err := strconv.ParseUint(args[0], 8, 32)
	ts.Check(err)
	st, err := os.Stat(ts.MkAbs(args[1]))
	ts.Check(err)
	if got := st.Mode().Perm(); uint64(got) != want {
		ts.Fatalf("%s has mode %o, want %o", args[1], got, want)
	}
}
