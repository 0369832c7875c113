package cli

import (
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

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

func describeOpenError(path string, err error) string { return fileio.DescribeOpenError(path, err) }

// stdinInput names standard input.
func (o *inputOptions) stdinInput() input {
	name := o.stdinFilename
	if name == "" {
		name = "<stdin>"
	}
	return input{path: "-", display: name}
}

// collect expands FILE, DIR and GLOB arguments (fileio.Expand: *.xml in
// directories, ** in globs), sorted by display name; "-" stands for
// standard input.
func (o *inputOptions) collect(args []string) ([]input, error) {
	paths, err := fileio.Expand(args, ".xml")
	if err != nil {
		return nil, argError(err)
	}
	out := make([]input, len(paths))
	for i, p := range paths {
		out[i] = input{path: p, display: p}
		if p == "-" {
			out[i] = o.stdinInput()
		}
	}
	slices.SortStableFunc(out, func(a, b input) int { return strings.Compare(a.display, b.display) })
	return out, nil
}

// argError makes a fileio.ArgError a usage error.
func argError(err error) error {
	var ae *fileio.ArgError
	if errors.As(err, &ae) {
		return usageError("%s", ae.Msg)
	}
	return err
}
