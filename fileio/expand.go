package fileio

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
)

// expand.go: turning the FILE, DIR and GLOB arguments of a command into the
// files it reads.

// ArgError is an argument that names nothing usable: a path that does not
// exist, a bad pattern, a pattern that matches nothing. Its message is
// complete, for the caller to print as it is.
type ArgError struct{ Msg string }

func (e *ArgError) Error() string { return e.Msg }

// Expand expands FILE, DIR and GLOB arguments into paths, sorted and
// without duplicates; "-" (standard input) is kept as it is. A glob may use
// ** for any number of directories, as .gitignore does (filepath.Glob would
// take it as one *); an argument that exists is never read as a glob.
// Directories, named or matched, are walked for files whose extension is
// ext (compared without case): hidden subdirectories (.git) are skipped, an
// unreadable subdirectory is skipped, and symbolic links that the walk or a
// glob's wildcards come upon are not followed, so a link loop cannot trap
// them (a directory named through a link is walked). A file named or
// matched is kept whatever its extension.
func Expand(args []string, ext string) ([]string, error) {
	var out []string
	err := Walk(args, ext, func(p string) error {
		out = append(out, p)
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Sorted once, and duplicates (a file named twice, or named and found
	// in a directory) dropped as neighbours: no set of every path, and no
	// sort of each directory's entries as they are read.
	slices.Sort(out)
	return slices.Compact(out), nil
}

// Walk calls found with each path that Expand returns, as the arguments
// and directories list them, while it walks: unsorted, and a path named
// twice (or named and found in a directory) comes twice. It stops at the
// first error, an *ArgError or found's.
func Walk(args []string, ext string, found func(path string) error) error {
	for _, arg := range args {
		if arg == "-" {
			if err := found(arg); err != nil {
				return err
			}
			continue
		}
		st, err := os.Stat(arg)
		if err != nil && strings.ContainsAny(arg, "*?[") {
			matches, gerr := doublestar.FilepathGlob(arg, doublestar.WithNoFollow())
			if gerr != nil {
				return &ArgError{fmt.Sprintf("bad pattern %q: %v", arg, gerr)}
			}
			if len(matches) == 0 {
				return &ArgError{fmt.Sprintf("%s: no file matches", arg)}
			}
			for _, m := range matches {
				var werr error
				if fi, err := os.Stat(m); err == nil && fi.IsDir() {
					werr = walk(m, ext, found)
				} else {
					werr = found(m)
				}
				if werr != nil {
					return werr
				}
			}
			continue
		}
		switch {
		case err != nil:
			err = &ArgError{DescribeOpenError(arg, err)}
		case st.IsDir():
			err = walk(arg, ext, found)
		default:
			err = found(arg)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// walk calls found with the files of dir and its subdirectories whose
// extension is ext, in the order the directories list them, as it reads
// them (a few hundred entries at a time: the first of 10,000 files comes
// before the last is read). Only dir itself must be readable.
func walk(dir, ext string, found func(string) error) error {
	err := walkDir(dir, ext, found)
	var stop *stopError
	switch {
	case errors.As(err, &stop):
		return stop.err
	case err != nil:
		return &ArgError{DescribeOpenError(dir, err)}
	}
	return nil
}

// stopError is found's error, which ends the walk; any other error of
// walkDir is dir's own.
type stopError struct{ err error }

func (e *stopError) Error() string { return e.err.Error() }

// walkDir is walk with dir's own errors as they are; a subdirectory that
// cannot be read is skipped.
func walkDir(dir, ext string, found func(string) error) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	for {
		entries, err := f.ReadDir(256)
		for _, e := range entries {
			name := e.Name()
			switch {
			case e.IsDir():
				if strings.HasPrefix(name, ".") {
					continue
				}
				var stop *stopError
				if err := walkDir(filepath.Join(dir, name), ext, found); errors.As(err, &stop) {
					return err
				}
			case e.Type()&fs.ModeSymlink == 0 && strings.EqualFold(filepath.Ext(name), ext):
				if err := found(filepath.Join(dir, name)); err != nil {
					return &stopError{err}
				}
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// DescribeOpenError says why path could not be opened, in the words a user
// reads ("no such file or directory", "permission denied"), else err.
func DescribeOpenError(path string, err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Sprintf("%s: no such file or directory", path)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Sprintf("%s: permission denied", path)
	}
	return err.Error()
}
