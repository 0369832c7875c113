package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mcsf-dev/mcsf/variant"
)

// TestRetryExamples runs every example of the retry help texts (mcsf retry
// --help and each policy's), in a directory holding the answer file they
// name: each must exit 0. "> FILE" redirections are dropped.
func TestRetryExamples(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	file, err := os.ReadFile(filepath.Join(wd, "..", "..", "testdata", "ims-retry.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("ims-retry.xml", file, 0o644); err != nil {
		t.Fatal(err)
	}
	longs := []string{retryLong, retryDLRLong}
	for _, p := range retryPolicies() {
		_, long := retryPolicyHelp(p)
		longs = append(longs, long)
	}
	n := 0
	for _, long := range longs {
		_, examples, ok := strings.Cut(long, "\nExamples:\n")
		if !ok {
			t.Fatalf("no Examples: block in\n%s", long)
		}
		for _, line := range strings.Split(strings.TrimSpace(examples), "\n") {
			line, _, _ = strings.Cut(strings.TrimSpace(line), " > ")
			args := shellWords(line)
			if len(args) < 2 || args[0] != "mcsf" || args[1] != "retry" {
				t.Fatalf("example %q does not start with mcsf retry", line)
			}
			var out, errOut bytes.Buffer
			if code := Main(args[1:], strings.NewReader(""), &out, &errOut); code != ExitOK || out.Len() == 0 {
				t.Errorf("%s: exit %d\nstdout:\n%s\nstderr:\n%s", line, code, out.String(), errOut.String())
			}
			n++
		}
	}
	if n < 20 {
		t.Errorf("ran %d examples, want the 20 or more the help texts hold", n)
	}
}

// TestRetryAgreesWithResolve: retry words the IMSRetry runtime forcing and
// undocumented values as resolve and lint do (issue 13: "resolve, retry and
// lint must agree"; domain.md §4), for the same file.
func TestRetryAgreesWithResolve(t *testing.T) {
	t.Chdir(t.TempDir())
	file := `<?xml version="1.0" encoding="utf-8"?>
<ImageCustomizations xmlns="http://schemas.microsoft.com/embedded/2004/10/ImageUpdate" Name="IMSRetry" Owner="Contoso" OwnerType="OEM">
  <Static>
    <Settings Path="CellCore/PerDevice/SMS">
      <Setting Name="3GPP/IMS/RetryEnabled" Value="0"/>
    </Settings>
  </Static>
</ImageCustomizations>
`
	if err := os.WriteFile("forced.xml", []byte(file), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if code := Main([]string{"retry", "sms", "--file", "forced.xml", "--outcomes", "fail:imstemp,ok"}, strings.NewReader(""), &out, &errOut); code != ExitOK {
		t.Fatalf("retry: exit %d: %s", code, errOut.String())
	}
	if !strings.Contains(out.String(), "RetryEnabled=0 (from forced.xml:5, per-device), "+variant.NoteForced) {
		t.Errorf("retry does not say %q:\n%s", variant.NoteForced, out.String())
	}
	out.Reset()
	if code := Main([]string{"retry", "sms", "--threshold", "1", "--retry-enabled", "2", "--outcomes", "fail:imstemp"}, strings.NewReader(""), &out, &errOut); code != ExitOK {
		t.Fatalf("retry: exit %d: %s", code, errOut.String())
	}
	if !strings.Contains(out.String(), "RetryEnabled=2 (from --retry-enabled), unknown to the documentation") {
		t.Errorf("retry does not call RetryEnabled=2 unknown to the documentation:\n%s", out.String())
	}
}
