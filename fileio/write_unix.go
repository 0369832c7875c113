//go:build unix

package fileio

import (
	"errors"
	"io/fs"
	"os"
	"syscall"
)

// linkCount is the number of hard links of the file st describes.
func linkCount(st fs.FileInfo) int {
	if s, ok := st.Sys().(*syscall.Stat_t); ok {
		return int(s.Nlink)
	}
	return 1
}

// keepOwner gives f the owner and group of the file st describes where the
// process may (root may set both; an owner may set a group it belongs to).
func keepOwner(f *os.File, st fs.FileInfo) {
	s, ok := st.Sys().(*syscall.Stat_t)
	if !ok {
		return
	}
	if f.Chown(int(s.Uid), int(s.Gid)) != nil {
		f.Chown(-1, int(s.Gid))
	}
}

// stale reports whether the temporary file of process pid is left over: the
// process no longer runs.
func stale(pid int, _ fs.FileInfo) bool {
	return errors.Is(syscall.Kill(pid, 0), syscall.ESRCH)
}

// syncDir makes the rename in dir durable; a failure only weakens that.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
