package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const cleanAnswerFile = `<?xml version="1.0" encoding="utf-8"?>
<ImageCustomizations xmlns="http://schemas.microsoft.com/embedded/2004/10/ImageUpdate" Name="IMSRetry" Owner="Contoso" OwnerType="OEM">
  <Static>
    <Settings Path="CellCore/PerDevice/SMS">
      <Setting Name="3GPP/IMS/AttemptThresholdForIMS" Value="2"/>
      <Setting Name="3GPP/IMS/RetryEnabled" Value="1"/>
    </Settings>
  </Static>
</ImageCustomizations>
`

// TestLintExamples runs every example of the long help of lint, rules and
// explain on a clean answer file: each must work and exit 0.
func TestLintExamples(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "answers.xml"), []byte(cleanAnswerFile), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "answers"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "answers", "a.xml"), []byte(cleanAnswerFile), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	for _, long := range []string{lintLongEnd, rulesLong, explainLong} {
		_, examples, ok := strings.Cut(long, "\nExamples:\n")
		if !ok {
			t.Fatalf("no Examples: block in\n%s", long)
		}
		for _, line := range strings.Split(examples, "\n") {
			line = strings.TrimSpace(line)
			t.Run(line, func(t *testing.T) {
				var stdin []byte
				if src, cmd, piped := strings.Cut(line, " | "); piped {
					name, ok := strings.CutPrefix(src, "cat ")
					if !ok {
						t.Fatalf("unsupported pipe in %q", line)
					}
					data, err := os.ReadFile(name)
					if err != nil {
						t.Fatal(err)
					}
					stdin, line = data, cmd
				}
				cmd, redirect, _ := strings.Cut(line, " > ")
				args := strings.Fields(cmd)
				if args[0] != "mcsf" {
					t.Fatalf("example %q does not start with mcsf", line)
				}
				var out, errOut bytes.Buffer
				code := Main(args[1:], bytes.NewReader(stdin), &out, &errOut)
				if code != ExitOK {
					t.Fatalf("exit %d, want 0\nstdout:\n%s\nstderr:\n%s", code, out.String(), errOut.String())
				}
				if out.Len() == 0 {
					t.Errorf("no output")
				}
				if redirect != "" {
					if err := os.WriteFile(redirect, out.Bytes(), 0o644); err != nil {
						t.Fatal(err)
					}
				}
			})
		}
	}
}

func TestWrap(t *testing.T) {
	got := wrap("one two three four five six", 12, "  ")
	want := "  one two\n  three four\n  five six"
	if got != want {
		t.Errorf("wrap = %q, want %q", got, want)
	}
	if got := wrap("averyveryverylongword x", 8, ""); got != "averyveryverylongword\nx" {
		t.Errorf("long word: %q", got)
	}
}
