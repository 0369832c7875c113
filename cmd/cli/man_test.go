package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/mcsf-dev/mcsf/internal/testtool"
)

// TestManPages renders every generated page with man-db's man and fails on
// any warning groff gives.
func TestManPages(t *testing.T) {
	man := testtool.Require(t, "man")
	dir := t.TempDir()
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000")
	n, err := writeManPages(dir)
	if err != nil {
		t.Fatal(err)
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "*.1"))
	if n != len(pages) || n < 20 {
		t.Fatalf("writeManPages: reported %d pages, wrote %d: %v", n, len(pages), pages)
	}
	// One man run for all pages: each start costs about half a second.
	cmd := exec.Command(man, append([]string{"--warnings", "-l"}, pages...)...)
	// man runs nroff and tbl from PATH: the ones installed beside it, not
	// slow shims (pyenv's) that may come first.
	path := filepath.Dir(man) + string(os.PathListSeparator) + os.Getenv("PATH")
	cmd.Env = append(os.Environ(), "PATH="+path, "MANWIDTH=80", "MANPAGER=cat", "PAGER=cat", "LANG=C.UTF-8")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil || stderr.Len() > 0 {
		t.Fatalf("man --warnings -l: %v\n%s", err, stderr.String())
	}
	for _, p := range pages {
		name := strings.TrimSuffix(filepath.Base(p), ".1")
		re := regexp.MustCompile(`(?m)^NAME\n\s+` + regexp.QuoteMeta(name) + `\s+-\s+\S`)
		if !re.MatchString(stdout.String()) {
			t.Errorf("man -l %s: no NAME section for %s", filepath.Base(p), name)
		}
	}
	// The date follows SOURCE_DATE_EPOCH, so packages are reproducible.
	b, err := os.ReadFile(filepath.Join(dir, "mcsf-lint.1"))
	if err != nil {
		t.Fatal(err)
	}
	if want := `.TH "MCSF-LINT" "1" "Nov 2023" "mcsf 0.0.0-devel" "mcsf manual"`; !strings.Contains(string(b), want) {
		t.Errorf("mcsf-lint.1: got header\n%s\nwant %s", strings.SplitN(string(b), "\n", 3)[:2], want)
	}
}
