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
// unreadable subdirectory is skipped, and symbolic links are not followed,
// so a link loop cannot trap the walk. A file named or matched is kept
// whatever its extension.
func Expand(args []string, ext string) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, arg := range args {
		if arg == "-" {
			add(arg)
			continue
		}
		st, err := os.Stat(arg)
		if err != nil && strings.ContainsAny(arg, "*?[") {
			matches, gerr := doublestar.FilepathGlob(arg)
			if gerr != nil {
				return nil, &ArgError{fmt.Sprintf("bad pattern %q: %v", arg, gerr)}
			}
			if len(matches) == 0 {
				return nil, &ArgError{fmt.Sprintf("%s: no file matches", arg)}
			}
			for _, m := range matches {
				if fi, err := os.Stat(m); err == nil && fi.IsDir() {
					if err := walk(m, ext, add); err != nil {
						return nil, err
					}
				} else {
					add(m)
				}
			}
			continue
		}
		if err != nil {
			return nil, &ArgError{DescribeOpenError(arg, err)}
		}
		if st.IsDir() {
			if err := walk(arg, ext, add); err != nil {
				return nil, err
			}
			continue
		}
		add(arg)
	}
	slices.Sort(out)
	return out, nil
}

// walk adds the files of dir and its subdirectories whose extension is ext.
func walk(dir, ext string, add func(string)) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir {
				return &ArgError{DescribeOpenError(p, err)}
			}
			return fs.SkipDir
		}
		if d.IsDir() {
			if p != dir && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			return nil
		}
		if strings.EqualFold(filepath.Ext(p), ext) && d.Type()&fs.ModeSymlink == 0 {
			add(p)
		}
		return nil
	})
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
