package cli

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// TestRetryExamples runs every example of the retry help texts (mcsf retry
// --help and each policy's), in a directory holding the answer file they
// name: each must exit 0. "> FILE" redirections are dropped.
func TestRetryExamples(t *testing.T) {
	t.Chdir(t.TempDir())
	file := `<?xml version="1.0" encoding="utf-8"?>
<ImageCustomizations xmlns="http://schemas.microsoft.com/embedded/2004/10/ImageUpdate" Name="IMSRetry" Owner="Contoso" OwnerType="OEM">
  <Targets>
    <Target Id="Fabrikam">
      <TargetState>
        <Condition Name="MCC" Value="310"/>
        <Condition Name="MNC" Value="410"/>
      </TargetState>
    </Target>
  </Targets>
  <Static>
    <Settings Path="Multivariant">
      <Setting Name="Enable" Value="1"/>
    </Settings>
    <Settings Path="AutoDataConfig">
      <Setting Name="Enable" Value="0"/>
    </Settings>
  </Static>
  <Variant Name="Fabrikam">
    <TargetRefs>
      <TargetRef Id="Fabrikam"/>
    </TargetRefs>
    <Settings Path="CellCore/PerIMSI/$(__IMSI)/SMS">
      <Setting Name="3GPP/IMS/AttemptThresholdForIMS" Value="2"/>
    </Settings>
    <Settings Path="Messaging/PerSimSettings/$(__ICCID)">
      <Setting Name="AutoRetryDownload" Value="1"/>
    </Settings>
  </Variant>
</ImageCustomizations>
`
	if err := os.WriteFile("ims-retry.xml", []byte(file), 0o644); err != nil {
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
