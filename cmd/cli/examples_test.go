package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFoundationExamples runs the examples in the long help of fmt, graph,
// schema, version and man in a directory holding the files they name. Each must run
// (exit 0, or 1 where the example's file has findings); "cat F |" feeds F
// on standard input and what follows another "|" is not mcsf's.
func TestFoundationExamples(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	answers := `<?xml version="1.0" encoding="utf-8"?>
<ImageCustomizations xmlns="http://schemas.microsoft.com/embedded/2004/10/ImageUpdate" Name="A" Description="d" Owner="Contoso" OwnerType="OEM">
  <Static>
    <Settings Path="CellCore/PerDevice/SMS">
      <Setting Name="3GPP/IMS/AttemptThresholdForIMS" Value="2"/>
    </Settings>
  </Static>
</ImageCustomizations>
`
	root := strings.Replace(answers, `Name="A" Description="d" Owner="Contoso" OwnerType="OEM">`,
		`Name="R" Description="d" Owner="Contoso" OwnerType="OEM">`+"\n  <Imports>\n    <Import Source=\"C:\\build\\answers.xml\"/>\n  </Imports>", 1)
	for name, text := range map[string]string{"answers.xml": answers, "answers/a.xml": answers, "root.xml": root} {
		os.MkdirAll(filepath.Dir(name), 0o755)
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, long := range []string{fmtLong, graphLong, newSchemaCmd(nil).Long, newVersionCmd(nil).Long, newManCmd(nil).Long} {
		_, examples, ok := strings.Cut(long, "\nExamples:\n")
		if !ok {
			t.Fatalf("no Examples: block in\n%s", long)
		}
		for _, line := range strings.Split(strings.TrimSpace(examples), "\n") {
			line = strings.TrimSpace(line)
			var stdin []byte
			if file, rest, ok := strings.Cut(line, " | "); ok && strings.HasPrefix(file, "cat ") {
				data, err := os.ReadFile(strings.TrimPrefix(file, "cat "))
				if err != nil {
					t.Fatal(err)
				}
				stdin, line = data, rest
			}
			line, _, _ = strings.Cut(line, " | ")
			args := shellWords(line)
			if args[0] != "mcsf" {
				t.Fatalf("example %q does not start with mcsf", line)
			}
			var out, errOut bytes.Buffer
			if code := Main(args[1:], bytes.NewReader(stdin), &out, &errOut); code != ExitOK && code != ExitFindings {
				t.Errorf("%s: exit %d\nstdout:\n%s\nstderr:\n%s", line, code, out.String(), errOut.String())
			}
		}
	}
}
