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
	// The next write removes what the killed ones left behind.
	os.WriteFile(path, orig, 0o644)
	if err := exec.Command(bin, "fmt", "-w", path).Run(); err != nil {
		t.Fatal(err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".big.xml.mcsf-*")); len(left) > 0 {
		t.Errorf("temporary files left after a write that followed the kills: %v", left)
	}
}
