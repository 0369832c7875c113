package fileio_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"testing/iotest"

	"github.com/mcsf-dev/mcsf/fileio"
)

// FuzzReadAll: ReadAll and LimitReader never panic, never return more than
// the limit, and return the input whole when it fits.
func FuzzReadAll(f *testing.F) {
	f.Add([]byte("<a/>"), int64(4))
	f.Add([]byte("<a/>"), int64(3))
	f.Add([]byte(""), int64(-1))
	f.Add([]byte("x"), int64(9223372036854775807))
	f.Fuzz(func(t *testing.T, data []byte, limit int64) {
		for _, r := range []func() []byte{
			func() []byte {
				got, err := fileio.ReadAll(iotest.OneByteReader(bytes.NewReader(data)), "in", limit)
				return check(t, data, limit, got, err)
			},
			func() []byte {
				var out bytes.Buffer
				_, err := out.ReadFrom(fileio.LimitReader(iotest.HalfReader(bytes.NewReader(data)), "in", limit))
				return check(t, data, limit, out.Bytes(), err)
			},
		} {
			r()
		}
	})
}

func check(t *testing.T, data []byte, limit int64, got []byte, err error) []byte {
	t.Helper()
	eff := limit
	if eff <= 0 {
		eff = fileio.DefaultMaxFileSize
	}
	var big *fileio.TooLargeError
	switch {
	case int64(len(data)) <= eff:
		if err != nil || !bytes.Equal(got, data) {
			t.Fatalf("%d bytes, limit %d: got %d bytes, %v; want the input", len(data), limit, len(got), err)
		}
	case !errors.As(err, &big) || big.Limit != eff:
		t.Fatalf("%d bytes, limit %d: got %v, want a TooLargeError with limit %d", len(data), limit, err, eff)
	case int64(len(got)) > eff+1:
		t.Fatalf("%d bytes, limit %d: %d bytes given", len(data), limit, len(got))
	}
	return got
}

// FuzzWriteFile: after WriteFile the target holds data exactly, or the write
// was refused and the target holds what it held; no temporary file is left.
func FuzzWriteFile(f *testing.F) {
	f.Add([]byte("new"), []byte("old"), []byte("old"), false, false)
	f.Add([]byte(""), []byte("old"), []byte("changed"), true, false)
	f.Add([]byte("x"), []byte(""), []byte(nil), false, true)
	// One directory for every input (a directory each costs more than the
	// write): each input writes f.xml in it afresh. In memory where there
	// is a tmpfs: the fsyncs of a disk allow 200 writes a second, and CI
	// fuzzes 50,000 inputs.
	dir := f.TempDir()
	if shm, err := os.MkdirTemp("/dev/shm", "mcsf-fuzz-"); err == nil {
		dir = shm
		f.Cleanup(func() { os.RemoveAll(shm) })
	}
	f.Fuzz(func(t *testing.T, data, old, expect []byte, exists, asInput bool) {
		p := filepath.Join(dir, "f.xml")
		os.Remove(p)
		if exists {
			if err := os.WriteFile(p, old, 0o640); err != nil {
				t.Fatal(err)
			}
		}
		var inputs []string
		if asInput {
			inputs = []string{p}
		}
		_, err := fileio.WriteFile(p, data, fileio.WriteOptions{Expect: expect, Inputs: inputs})
		got, readErr := os.ReadFile(p)
		refusable := (exists && asInput) || (expect != nil && (!exists || !bytes.Equal(old, expect)))
		switch {
		case err == nil && (refusable || readErr != nil || !bytes.Equal(got, data)):
			t.Fatalf("written: got %q (%v), want %q; refusable %v", got, readErr, data, refusable)
		case err != nil && !refusable:
			t.Fatalf("refused a write that should pass: %v", err)
		case err != nil && exists && !bytes.Equal(got, old):
			t.Fatalf("refused, but the file changed: %q -> %q", old, got)
		}
		if left, _ := filepath.Glob(filepath.Join(dir, ".f.xml.mcsf-tmp-*")); len(left) > 0 {
			t.Fatalf("temporary files left: %v", left)
		}
	})
}
