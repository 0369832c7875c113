package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestWriteAtomicRefuses(t *testing.T) {
	dir := t.TempDir()
	orig := []byte("original\n")
	tests := []struct {
		name    string
		prepare func(path string)
		expect  []byte
		want    string
	}{
		{"changed since read", func(p string) { os.WriteFile(p, []byte("edited meanwhile\n"), 0o644) }, orig, "the file changed since it was read; not overwritten"},
		{"read-only", func(p string) { os.Chmod(p, 0o444) }, orig, "the file is read-only; not overwritten"},
		{"directory missing", func(p string) { os.RemoveAll(filepath.Dir(p)) }, nil, "no such file or directory"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, string(rune('a'+i)), "f.xml")
			os.MkdirAll(filepath.Dir(path), 0o755)
			os.WriteFile(path, orig, 0o644)
			tt.prepare(path)
			before, _ := os.ReadFile(path)
			err := writeAtomic(path, []byte("new\n"), tt.expect)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want an error containing %q", err, tt.want)
			}
			after, _ := os.ReadFile(path)
			if !bytes.Equal(before, after) {
				t.Errorf("file changed: %q -> %q", before, after)
			}
			if left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".*mcsf-*")); len(left) > 0 {
				t.Errorf("temporary files left behind: %v", left)
			}
		})
	}
}

func TestWriteAtomicKeepsMode(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f.xml")
	os.WriteFile(path, []byte("old"), 0o640)
	if err := writeAtomic(path, []byte("new"), []byte("old")); err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(path)
	if b, _ := os.ReadFile(path); string(b) != "new" || st.Mode().Perm() != 0o640 {
		t.Errorf("got %q mode %v, want \"new\" mode 0640", b, st.Mode().Perm())
	}
}

// TestFmtWriteSurvivesKill kills `mcsf fmt -w` on a large file at many
// moments; the file must always hold either the original or the complete
// formatted text, never a part.
func TestFmtWriteSurvivesKill(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "mcsf")
	build := exec.Command("go", "build", "-o", bin, "../mcsf")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n<ImageCustomizations Name=\"Big\">\n<Static>\n")
	for i := range 60_000 {
		b.WriteString("<Settings   Path=\"P\"><Setting Name=\"N")
		b.WriteString(strings.Repeat("x", i%7))
		b.WriteString("\" Value=\"1\" /></Settings>\n")
	}
	b.WriteString("</Static>\n</ImageCustomizations>\n")
	orig := []byte(b.String())
	path := filepath.Join(dir, "big.xml")
	os.WriteFile(path, orig, 0o644)
	formatted, err := exec.Command(bin, "fmt", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if err := exec.Command(bin, "fmt", "-w", path).Run(); err != nil {
		t.Fatal(err)
	}
	full := time.Since(start)
	for i := range 9 {
		os.WriteFile(path, orig, 0o644)
		cmd := exec.Command(bin, "fmt", "-w", path)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(full * time.Duration(i) / 10)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		got, _ := os.ReadFile(path)
		if !bytes.Equal(got, orig) && !bytes.Equal(got, formatted) {
			t.Fatalf("kill after %v left a damaged file (%d bytes; original %d, formatted %d)", full*time.Duration(i)/10, len(got), len(orig), len(formatted))
		}
	}
}
