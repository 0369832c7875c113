package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/fileio"
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

const defaultMaxFileSize = fileio.DefaultMaxFileSize

// read returns the bytes of in: a regular file, or standard input, of at
// most --max-file-size bytes (fileio.ReadFile refuses anything else).
func (o *inputOptions) read(in input, stdin io.Reader) ([]byte, error) {
	if in.path == "-" {
		data, err := fileio.ReadAll(stdin, in.display, o.maxFileSize)
		return data, readError(in, err)
	}
	data, err := fileio.ReadFile(in.path, o.maxFileSize)
	return data, readError(in, err)
}

// parseLimits are the answerfile limits with --max-file-size as the size
// limit (answerfile.Parse has 64 MiB).
func (o *inputOptions) parseLimits() answerfile.Limits {
	lim := answerfile.DefaultLimits
	if o.maxFileSize > 0 {
		lim.MaxBytes = int(min(o.maxFileSize, int64(math.MaxInt)))
	}
	return lim
}

// readError converts an error of fileio to the error of a command: a file
// over the limit is a diagnostic on the file (fileTooBig), anything else the
// command cannot read is a usage error.
func readError(in input, err error) error {
	var big *fileio.TooLargeError
	var notRegular *fileio.NotRegularError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &big):
		return &fileTooBig{in.display, big.Size, big.Limit}
	case errors.As(err, &notRegular):
		if notRegular.Kind == "a directory" {
			return usageError("%s is a directory", in.display)
		}
		return usageError("%s is %s, not a regular file", in.display, notRegular.Kind)
	}
	return usageError("%s", describeOpenError(in.display, err))
}

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

// collect expands FILE, DIR and GLOB arguments (with **; a glob that
// matches nothing is a usage error). Directories are walked
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
			// ** matches any number of directories, as in .gitignore and
			// other linters; filepath.Glob would take it as one *.
			matches, gerr := doublestar.FilepathGlob(arg)
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
