// Package testtool finds the external programs that tests check mcsf's
// output with (xmllint, man). Without one a test skips, except in CI
// (CI=true), where .ci/run installs them and a missing one is a failure.
package testtool

import (
	"os"
	"os/exec"
	"testing"
)

// Require returns the path of the program name, or ends the test.
func Require(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not installed: .ci/run installs it", name)
		}
		t.Skipf("%s is not installed (bash .ci/run installs it): skipping", name)
	}
	return p
}
