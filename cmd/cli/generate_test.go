package cli

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/mcsf-dev/mcsf/templates"
)

// TestGenerateExamples runs every example of the long help of generate,
// new, import-spec and demo, in order, in a directory holding the example
// spec as spec.yaml: each must exit 0. "a | b" pipes a's output into b.
func TestGenerateExamples(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	t.Setenv("TMPDIR", t.TempDir())
	if err := os.WriteFile("spec.yaml", templates.ExampleSpec(), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, long := range []string{generateLong, newLong, importSpecLong, demoLong} {
		_, examples, ok := strings.Cut(long, "\nExamples:\n")
		if !ok {
			t.Fatalf("no Examples: block in\n%s", long)
		}
		for _, line := range strings.Split(examples, "\n") {
			line = strings.TrimSpace(line)
			var stdin []byte
			for _, cmd := range strings.Split(line, " | ") {
				args := strings.Fields(cmd)
				if args[0] != "mcsf" {
					t.Fatalf("example %q does not start with mcsf", line)
				}
				var out, errOut bytes.Buffer
				if code := Main(args[1:], bytes.NewReader(stdin), &out, &errOut); code != ExitOK {
					t.Fatalf("%s: exit %d, want 0\nstdout:\n%s\nstderr:\n%s", line, code, out.String(), errOut.String())
				}
				stdin = out.Bytes()
			}
		}
	}
	for _, f := range []string{"ContosoMessaging.xml", "AutoRetryDownloadForMMS.xml", "spec.yaml", "demo/ContosoMessaging.xml"} {
		if _, err := os.Stat(f); err != nil {
			t.Errorf("the examples should have written %s: %v", f, err)
		}
	}
}

func TestShellQuote(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"310", "310"},
		{"ContosoMessaging.xml", "ContosoMessaging.xml"},
		{"A&B", "'A&B'"},
		{"it's", `'it'\''s'`},
		{"", "''"},
		{"Lang=en-US", "Lang=en-US"},
	} {
		if got := shellQuote(c.in); got != c.want {
			t.Errorf("shellQuote(%q): got %s, want %s", c.in, got, c.want)
		}
	}
}
