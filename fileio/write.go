package fileio

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// WriteOptions are the checks of one WriteFile.
type WriteOptions struct {
	// Inputs are the files the command read: the target must not be one of
	// them (compared by device and inode, so a link to an input counts).
	Inputs []string
	// Expect, when non-nil, is what the target held when it was read: the
	// write is refused if it holds anything else now.
	Expect []byte
	// BreakLinks allows replacing a file that has other hard links; they
	// keep the old content (WriteResult.BrokenLinks says how many).
	BreakLinks bool
	// Perm is the mode of a new file; 0 means 0o644.
	Perm fs.FileMode
}

// WriteResult says what WriteFile did besides writing.
type WriteResult struct {
	Target      string   // the file written: path, or the end of its symbolic links
	BrokenLinks int      // other hard links of the old file, which keep the old content
	Removed     []string // stale temporary files of this naming that were removed
}

// RefusedError is a write WriteFile refused before writing anything.
type RefusedError struct {
	Path   string
	Reason string
}

func (e *RefusedError) Error() string { return fmt.Sprintf("%s: %s; not written", e.Path, e.Reason) }

// tempInfix marks the temporary files of WriteFile: .NAME.mcsf-tmp-PID-RANDOM.
const tempInfix = ".mcsf-tmp-"

// maxLinks bounds the symbolic links followed to the target, as the kernel does.
const maxLinks = 40

// WriteFile replaces the file at path with data atomically, after the checks
// the package documentation lists.
func WriteFile(path string, data []byte, o WriteOptions) (WriteResult, error) {
	var res WriteResult
	target, err := resolveLinks(path)
	if err != nil {
		return res, err
	}
	res.Target = target
	st, err := os.Lstat(target)
	exists := err == nil
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return res, err
	}
	perm := o.Perm
	if perm == 0 {
		perm = 0o644
	}
	if exists {
		if !st.Mode().IsRegular() {
			return res, &RefusedError{path, "it is " + kindOf(st.Mode()) + ", not a regular file"}
		}
		for _, in := range o.Inputs {
			if ist, err := os.Stat(in); err == nil && os.SameFile(st, ist) {
				what := "it is the input " + in
				if in != path {
					what = "it is the same file as the input " + in
				}
				return res, &RefusedError{path, what + " (write the result to another file)"}
			}
		}
		if st.Mode().Perm()&0o200 == 0 {
			return res, &RefusedError{path, "the file is read-only"}
		}
		if n := linkCount(st); n > 1 {
			if !o.BreakLinks {
				links := "links"
				if n == 2 {
					links = "link"
				}
				return res, &RefusedError{path, fmt.Sprintf("the file has %d other hard %s, which would keep the old content (--force replaces it anyway)", n-1, links)}
			}
			res.BrokenLinks = n - 1
		}
		perm = st.Mode() & (fs.ModePerm | fs.ModeSetgid | fs.ModeSticky)
	}
	if o.Expect != nil {
		now, err := ReadFile(target, plusOne(int64(len(o.Expect))))
		var big *TooLargeError
		if err != nil && !errors.As(err, &big) {
			return res, err
		}
		if err != nil || !bytes.Equal(now, o.Expect) {
			return res, &RefusedError{path, "the file changed since it was read"}
		}
	}
	dir, base := filepath.Split(target)
	if dir == "" {
		dir = "."
	}
	res.Removed = removeStale(dir, base)
	tmp, err := os.CreateTemp(dir, "."+base+tempInfix+strconv.Itoa(os.Getpid())+"-*")
	if err != nil {
		return res, err
	}
	ok := false
	defer func() {
		if !ok {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return res, err
	}
	if exists {
		keepOwner(tmp, st)
	}
	if err := tmp.Chmod(perm); err != nil {
		return res, err
	}
	if err := tmp.Sync(); err != nil {
		return res, err
	}
	if err := tmp.Close(); err != nil {
		return res, err
	}
	if err := os.Rename(tmp.Name(), target); err != nil {
		return res, err
	}
	ok = true
	syncDir(dir)
	return res, nil
}

// resolveLinks follows the symbolic links of path to the file they end at,
// which may not exist yet (a dangling link names the file to create).
func resolveLinks(path string) (string, error) {
	p := path
	for range maxLinks {
		st, err := os.Lstat(p)
		if err != nil || st.Mode()&fs.ModeSymlink == 0 {
			return p, nil
		}
		to, err := os.Readlink(p)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(to) {
			to = filepath.Join(filepath.Dir(p), to)
		}
		p = to
	}
	return "", &RefusedError{path, fmt.Sprintf("more than %d symbolic links", maxLinks)}
}

// removeStale removes the temporary files for base in dir that a process
// which no longer runs left behind (killed between create and rename), and
// returns their names.
func removeStale(dir, base string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	prefix := "." + base + tempInfix
	var removed []string
	for _, e := range entries {
		name := e.Name()
		rest, ok := strings.CutPrefix(name, prefix)
		if !ok || !e.Type().IsRegular() {
			continue
		}
		pidText, _, ok := strings.Cut(rest, "-")
		pid, err := strconv.Atoi(pidText)
		if !ok || err != nil || pid <= 0 || pid == os.Getpid() {
			continue
		}
		info, err := e.Info()
		if err != nil || !stale(pid, info) {
			continue
		}
		p := filepath.Join(dir, name)
		if os.Remove(p) == nil {
			removed = append(removed, p)
		}
	}
	return removed
}
