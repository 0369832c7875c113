package cli

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestDiffExamples runs every example of mcsf diff --help in a git
// repository holding the files they name: each must exit 0, or 1 where it
// asks for --exit-code.
func TestDiffExamples(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed (.ci/run installs it)")
	}
	dir := t.TempDir()
	t.Chdir(dir)
	t.Setenv("HOME", dir)
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	file := func(mnc string) string {
		return `<?xml version="1.0" encoding="utf-8"?>
<ImageCustomizations xmlns="http://schemas.microsoft.com/embedded/2004/10/ImageUpdate" Name="A" Description="d" Owner="Contoso" OwnerType="OEM">
  <Targets><Target Id="T"><TargetState><Condition Name="MCC" Value="310"/><Condition Name="MNC" Value="` + mnc + `"/></TargetState></Target></Targets>
  <Variant Name="T"><TargetRefs><TargetRef Id="T"/></TargetRefs>
    <Settings Path="CellCore/PerIMSI/$(__IMSI)/SMS"><Setting Name="3GPP/IMS/RetryEnabled" Value="0"/></Settings>
  </Variant>
</ImageCustomizations>
`
	}
	for name, text := range map[string]string{"old.xml": file("410"), "new.xml": file("420"), "answers.xml": file("410"), "sims.csv": "mcc,mnc\n310,410\n310,420\n"} {
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, args := range [][]string{{"init", "-q"}, {"add", "answers.xml"}, {"-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-q", "-m", "base"}} {
		if out, err := exec.Command("git", args...).CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	if err := os.WriteFile("answers.xml", []byte(file("420")), 0o644); err != nil {
		t.Fatal(err)
	}
	_, examples, ok := strings.Cut(diffLong, "\nExamples:\n")
	if !ok {
		t.Fatal("no Examples: block in mcsf diff --help")
	}
	for _, line := range strings.Split(strings.TrimSpace(examples), "\n") {
		args := shellWords(strings.TrimSpace(line))
		want := ExitOK
		if strings.Contains(line, "--exit-code") {
			want = ExitFindings
		}
		var out, errOut bytes.Buffer
		if code := Main(args[1:], nil, &out, &errOut); code != want || !strings.Contains(out.String(), "2 of ") {
			t.Errorf("%s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", line, code, want, out.String(), errOut.String())
		}
	}
}
