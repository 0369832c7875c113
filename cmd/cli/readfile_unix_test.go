//go:build unix

package cli

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestReadFileFIFO reads a named pipe, which is not a regular file: its
// data comes as it is written, and it has no size.
func TestReadFileFIFO(t *testing.T) {
	p := filepath.Join(t.TempDir(), "pipe.xml")
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Skipf("no named pipe here: %v", err)
	}
	const text = "<a/>\n"
	go func() {
		// Opening for writing waits for the reader, as the reader waits for it.
		if f, err := os.OpenFile(p, os.O_WRONLY, 0); err == nil {
			f.WriteString(text)
			f.Close()
		}
	}()
	got, err := readFile(input{path: p, display: "pipe.xml"}, 100)
	if string(got) != text || err != nil {
		t.Errorf("readFile(named pipe): got %q, %v; want %q, nil", got, err, text)
	}
}
