package fileio

import (
	"errors"
	"fmt"
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
	for _, arg := range args {
		if arg == "-" {
			out = append(out, arg)
			continue
		}
		st, err := os.Stat(arg)
		if err != nil && strings.ContainsAny(arg, "*?[") {
			matches, gerr := doublestar.FilepathGlob(arg, doublestar.WithNoFollow())
			if gerr != nil {
				return nil, &ArgError{fmt.Sprintf("bad pattern %q: %v", arg, gerr)}
			}
			if len(matches) == 0 {
				return nil, &ArgError{fmt.Sprintf("%s: no file matches", arg)}
			}
			for _, m := range matches {
				if fi, err := os.Stat(m); err == nil && fi.IsDir() {
					if out, err = walk(m, ext, out); err != nil {
						return nil, err
					}
				} else {
					out = append(out, m)
				}
			}
			continue
		}
		if err != nil {
			return nil, &ArgError{DescribeOpenError(arg, err)}
		}
		if st.IsDir() {
			if out, err = walk(arg, ext, out); err != nil {
				return nil, err
			}
			continue
		}
		out = append(out, arg)
	}
	// Sorted once, and duplicates (a file named twice, or named and found
	// in a directory) dropped as neighbours: no set of every path, and no
	// sort of each directory's entries as they are read.
	slices.Sort(out)
	return slices.Compact(out), nil
}

// walk appends to out the files of dir and its subdirectories whose
// extension is ext, in the order the directories list them. Only dir
// itself must be readable.
func walk(dir, ext string, out []string) ([]string, error) {
	entries, err := readDir(dir)
	if err != nil {
		return nil, &ArgError{DescribeOpenError(dir, err)}
	}
	return walkEntries(dir, entries, ext, out), nil
}

func walkEntries(dir string, entries []fs.DirEntry, ext string, out []string) []string {
	for _, e := range entries {
		name := e.Name()
		switch {
		case e.IsDir():
			if strings.HasPrefix(name, ".") {
				continue
			}
			sub := filepath.Join(dir, name)
			if subEntries, err := readDir(sub); err == nil {
				out = walkEntries(sub, subEntries, ext, out)
			}
		case e.Type()&fs.ModeSymlink == 0 && strings.EqualFold(filepath.Ext(name), ext):
			out = append(out, filepath.Join(dir, name))
		}
	}
	return out
}

// readDir is os.ReadDir without its sort by name (Expand sorts the paths).
func readDir(dir string) ([]fs.DirEntry, error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return f.ReadDir(-1)
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
