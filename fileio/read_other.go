//go:build !unix

package fileio

import (
	"io"
	"os"
)

// ReadFile reads the regular file at path, refusing anything else and more
// than limit bytes (0 or less: DefaultMaxFileSize). The type is checked
// before the file is opened, so that opening cannot block.
func ReadFile(path string, limit int64) ([]byte, error) {
	limit = effective(limit)
	f, err := Open(path, limit)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadAll(f, path, limit)
}

// ReadFileInto is ReadFile; the bytes returned may be buf's (on Unix they
// are read into buf when it has room).
func ReadFileInto(buf []byte, path string, limit int64) ([]byte, error) { return ReadFile(path, limit) }

// Open opens the regular file at path for streaming, refusing anything else
// as ReadFile does; the reader fails with a TooLargeError past limit bytes (0
// or less: DefaultMaxFileSize).
func Open(path string, limit int64) (io.ReadCloser, error) {
	limit = effective(limit)
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, &NotRegularError{Path: path, Kind: kindOf(st.Mode())}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	if st, err = f.Stat(); err != nil || !st.Mode().IsRegular() {
		f.Close()
		if err == nil {
			err = &NotRegularError{Path: path, Kind: kindOf(st.Mode())}
		}
		return nil, err
	}
	if st.Size() > limit {
		f.Close()
		return nil, &TooLargeError{Path: path, Size: st.Size(), Limit: limit}
	}
	return &limitedFile{LimitReader(f, path, limit), f}, nil
}
