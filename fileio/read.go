package fileio

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"math"
)

// DefaultMaxFileSize is the size limit, in bytes, when a caller passes 0 or
// less: 64 MiB, far above any answer file, spec or configuration seen.
const DefaultMaxFileSize int64 = 64 << 20

// NotRegularError is a path that names something other than a regular file.
type NotRegularError struct {
	Path string
	Kind string // "a directory", "a named pipe (FIFO)", "a character device", ...
}

func (e *NotRegularError) Error() string {
	return fmt.Sprintf("%s is %s, not a regular file", e.Path, e.Kind)
}

// TooLargeError is a file over the size limit.
type TooLargeError struct {
	Path  string
	Size  int64 // the size seen: the whole size, or the bytes read before the limit stopped the read
	Limit int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("%s: file is larger than the limit of %d bytes", e.Path, e.Limit)
}

// kindOf names the file type of mode, for NotRegularError.
func kindOf(mode fs.FileMode) string {
	switch {
	case mode.IsDir():
		return "a directory"
	case mode&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case mode&fs.ModeSocket != 0:
		return "a socket"
	case mode&fs.ModeCharDevice != 0:
		return "a character device"
	case mode&fs.ModeDevice != 0:
		return "a block device"
	case mode&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "not a regular file"
}

// effective is the limit ReadFile and ReadAll apply for limit.
func effective(limit int64) int64 {
	if limit <= 0 {
		return DefaultMaxFileSize
	}
	return limit
}

// plusOne is limit+1 without overflow: reading one byte more than the limit
// shows that a file is over it.
func plusOne(limit int64) int64 {
	if limit == math.MaxInt64 {
		return limit
	}
	return limit + 1
}

// ReadAll reads r (standard input, or a stream the caller opened) to its
// end, refusing more than limit bytes (0 or less: DefaultMaxFileSize). name
// is the name for the errors.
func ReadAll(r io.Reader, name string, limit int64) ([]byte, error) {
	limit = effective(limit)
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(io.LimitReader(r, plusOne(limit))); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if int64(buf.Len()) > limit {
		return nil, &TooLargeError{Path: name, Size: int64(buf.Len()), Limit: limit}
	}
	return buf.Bytes(), nil
}

// LimitReader returns a reader of r that fails with a TooLargeError, naming
// name, once r has given more than limit bytes (0 or less:
// DefaultMaxFileSize): a stream read in pieces is capped as a whole file is.
func LimitReader(r io.Reader, name string, limit int64) io.Reader {
	return &limitReader{r: r, name: name, limit: effective(limit)}
}

type limitReader struct {
	r     io.Reader
	name  string
	limit int64
	n     int64 // bytes given so far
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.n > l.limit {
		return 0, &TooLargeError{Path: l.name, Size: l.n, Limit: l.limit}
	}
	// One byte more than the limit allows shows that the stream is over it.
	if rest := plusOne(l.limit) - l.n; int64(len(p)) > rest {
		p = p[:rest]
	}
	n, err := l.r.Read(p)
	l.n += int64(n)
	if l.n > l.limit {
		return n - int(l.n-l.limit), &TooLargeError{Path: l.name, Size: l.n, Limit: l.limit}
	}
	return n, err
}

// limitedFile is the reader Open returns: limited reads, the file's Close.
type limitedFile struct {
	io.Reader
	f io.Closer
}

func (l *limitedFile) Close() error { return l.f.Close() }
