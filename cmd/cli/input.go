package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// input is one file to work on: a path, or "-" for standard input.
type input struct {
	path    string // "-" for standard input
	display string // the name used in messages
}

// inputOptions are the flags shared by every command that reads answer files.
type inputOptions struct {
	stdinFilename string
	maxFileSize   int64
}

const defaultMaxFileSize = 64 << 20

// read returns the bytes of in, refusing files over the size limit before reading them.
func (o *inputOptions) read(in input, stdin io.Reader) ([]byte, error) {
	limit := o.maxFileSize
	if limit <= 0 {
		limit = defaultMaxFileSize
	}
	if in.path == "-" {
		return readLimited(stdin, 512, in, limit)
	}
	return readFile(in, limit) // readfile_unix.go, readfile_other.go
}

// readByOS reads in.path through os.Open: what readFile does where it is
// not Unix, and what it must equal where it is.
func readByOS(in input, limit int64) ([]byte, error) {
	f, err := os.Open(in.path)
	if err != nil {
		return nil, usageError("%s", describeOpenError(in.path, err))
	}
	defer f.Close()
	return readOpenFile(f, in, limit)
}

// readOpenFile reads f, opened from in.path, as os.Open gives it.
func readOpenFile(f *os.File, in input, limit int64) ([]byte, error) {
	st, err := f.Stat()
	if err != nil {
		return nil, usageError("%s", describeOpenError(in.path, err))
	}
	if st.IsDir() {
		return nil, errIsDir(in)
	}
	if st.Size() > limit {
		return nil, &fileTooBig{in.display, st.Size(), limit}
	}
	return readLimited(f, st.Size(), in, limit)
}

// readLimited reads r to its end into a buffer of size bytes (one more
// byte shows growth), refusing more than limit bytes.
func readLimited(r io.Reader, size int64, in input, limit int64) ([]byte, error) {
	buf := bytes.NewBuffer(make([]byte, 0, size+1))
	_, err := buf.ReadFrom(io.LimitReader(r, limit+1))
	data := buf.Bytes()
	if err != nil {
		return nil, errRead(in, err)
	}
	if int64(len(data)) > limit {
		return nil, &fileTooBig{in.display, int64(len(data)), limit}
	}
	return data, nil
}

// errIsDir and errRead are the errors of read, for every way of reading.
func errIsDir(in input) error           { return usageError("%s is a directory", in.display) }
func errRead(in input, err error) error { return usageError("read %s: %v", in.display, err) }

// fileTooBig is reported as a diagnostic on the file, not as a failure of the run.
type fileTooBig struct {
	name        string
	size, limit int64
}

func (e *fileTooBig) Error() string {
	return fmt.Sprintf("%s: file is larger than the limit of %d bytes (--max-file-size)", e.name, e.limit)
}

func describeOpenError(path string, err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Sprintf("%s: no such file or directory", path)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Sprintf("%s: permission denied", path)
	}
	return err.Error()
}

// stdinInput names standard input.
func (o *inputOptions) stdinInput() input {
	name := o.stdinFilename
	if name == "" {
		name = "<stdin>"
	}
	return input{path: "-", display: name}
}

// collect expands FILE, DIR and GLOB arguments. Directories are walked
// recursively for *.xml files (symbolic links to directories are not
// followed, so a link loop cannot trap the walk). The result is sorted and
// without duplicates; "-" stands for standard input.
func (o *inputOptions) collect(args []string) ([]input, error) {
	var out []input
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			out = append(out, input{path: p, display: p})
		}
	}
	for _, arg := range args {
		if arg == "-" {
			if !seen["-"] {
				seen["-"] = true
				out = append(out, o.stdinInput())
			}
			continue
		}
		st, err := os.Stat(arg)
		if err != nil && strings.ContainsAny(arg, "*?[") {
			matches, gerr := filepath.Glob(arg)
			if gerr != nil {
				return nil, usageError("bad pattern %q: %v", arg, gerr)
			}
			if len(matches) == 0 {
				return nil, usageError("%s: no file matches", arg)
			}
			for _, m := range matches {
				if fi, err := os.Stat(m); err == nil && fi.IsDir() {
					if err := walkXML(m, add); err != nil {
						return nil, err
					}
				} else {
					add(m)
				}
			}
			continue
		}
		if err != nil {
			return nil, usageError("%s", describeOpenError(arg, err))
		}
		if st.IsDir() {
			if err := walkXML(arg, add); err != nil {
				return nil, err
			}
			continue
		}
		add(arg)
	}
	slices.SortStableFunc(out, func(a, b input) int { return strings.Compare(a.display, b.display) })
	return out, nil
}

func walkXML(dir string, add func(string)) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir {
				return usageError("%s", describeOpenError(p, err))
			}
			// An unreadable subdirectory is skipped, not fatal.
			return fs.SkipDir
		}
		if d.IsDir() {
			if name := d.Name(); p != dir && strings.HasPrefix(name, ".") {
				return fs.SkipDir
			}
			return nil
		}
		if strings.EqualFold(filepath.Ext(p), ".xml") && d.Type()&fs.ModeSymlink == 0 {
			add(p)
		}
		return nil
	})
}
