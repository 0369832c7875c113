//go:build unix

package fileio_test

import (
	"errors"
	"math"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/mcsf-dev/mcsf/fileio"
)

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a.xml")
	if err := os.WriteFile(file, []byte("0123456789"), 0o644); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero.xml")); err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(dir, "sock")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	tests := []struct {
		name  string
		path  string
		limit int64
		want  string // content, or the error
	}{
		{"regular", file, 100, "0123456789"},
		{"exactly the limit", file, 10, "0123456789"},
		{"one over the limit", file, 9, file + ": file is larger than the limit of 9 bytes"},
		{"largest limit", file, math.MaxInt64, "0123456789"},
		{"limit 0 is the default", file, 0, "0123456789"},
		{"directory", dir, 100, dir + " is a directory, not a regular file"},
		{"fifo does not block", fifo, 100, fifo + " is a named pipe (FIFO), not a regular file"},
		{"dev zero", "/dev/zero", math.MaxInt64, "/dev/zero is a character device, not a regular file"},
		{"link to dev zero", filepath.Join(dir, "zero.xml"), 100, filepath.Join(dir, "zero.xml") + " is a character device, not a regular file"},
		{"socket", sock, 100, "open " + sock + ": no such device or address"},
		{"missing", filepath.Join(dir, "missing"), 100, "open " + filepath.Join(dir, "missing") + ": no such file or directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := fileio.ReadFile(tt.path, tt.limit)
			got := string(data)
			if err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Errorf("ReadFile(%s, %d): got %q, want %q", tt.path, tt.limit, got, tt.want)
			}
		})
	}
}

func TestReadFileErrorTypes(t *testing.T) {
	_, err := fileio.ReadFile("/dev/null", 10)
	var nr *fileio.NotRegularError
	if !errors.As(err, &nr) || nr.Kind != "a character device" {
		t.Errorf("/dev/null: got %v, want a NotRegularError for a character device", err)
	}
	_, err = fileio.ReadFile(os.Args[0], 1)
	var big *fileio.TooLargeError
	if !errors.As(err, &big) || big.Limit != 1 || big.Size < 2 {
		t.Errorf("test binary with limit 1: got %#v, want a TooLargeError", err)
	}
}

func TestReadAll(t *testing.T) {
	tests := []struct {
		in    string
		limit int64
		want  string
	}{
		{"abc", 3, "abc"},
		{"abcd", 3, "<stdin>: file is larger than the limit of 3 bytes"},
		{"abcd", math.MaxInt64, "abcd"},
		{"", 3, ""},
	}
	for _, tt := range tests {
		data, err := fileio.ReadAll(strings.NewReader(tt.in), "<stdin>", tt.limit)
		got := string(data)
		if err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("ReadAll(%q, %d): got %q, want %q", tt.in, tt.limit, got, tt.want)
		}
	}
}

// TestReadFileSizeZero: a regular file whose size fstat gives as 0 (the
// files of /proc) is read to its end, as os.ReadFile reads it.
func TestReadFileSizeZero(t *testing.T) {
	const path = "/proc/self/maps" // larger than one 512-byte read
	want, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("no %s: %v", path, err)
	}
	got, err := fileio.ReadFile(path, 0)
	if err != nil {
		t.Fatal(err)
	}
	// The maps of two reads differ in the heap's extent; the line count
	// shows that both read to the end.
	if g, w := strings.Count(string(got), "\n"), strings.Count(string(want), "\n"); g < w/2 || len(got) <= 512 {
		t.Errorf("ReadFile(%s): %d bytes, %d lines; os.ReadFile: %d bytes, %d lines", path, len(got), g, len(want), w)
	}
}

// TestReadFileInto: the bytes are read into the buffer when it has room
// for the file and one byte more, else into a new slice; the errors are
// ReadFile's.
func TestReadFileInto(t *testing.T) {
	file := filepath.Join(t.TempDir(), "a.xml")
	if err := os.WriteFile(file, []byte("0123456789"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		buf    int // capacity of the buffer
		limit  int64
		want   string
		shared bool
	}{
		{"no buffer", 0, 100, "0123456789", false},
		{"no room for one byte more", 10, 100, "0123456789", false},
		{"room", 11, 100, "0123456789", true},
		{"large buffer", 4096, 100, "0123456789", true},
		{"large buffer, over the limit", 4096, 9, file + ": file is larger than the limit of 9 bytes", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			buf := make([]byte, tt.buf) // capacity exactly tt.buf
			data, err := fileio.ReadFileInto(buf, file, tt.limit)
			got := string(data)
			if err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if shared := len(data) > 0 && len(buf) > 0 && &data[0] == &buf[0]; shared != tt.shared {
				t.Errorf("bytes in the buffer: got %v, want %v", shared, tt.shared)
			}
		})
	}
}
