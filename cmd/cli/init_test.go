package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestLeanStart builds mcsf and checks two things that every start pays
// for, in every command, mcsf --version too (issue 15):
//
//   - No package of mcsf runs code when the program starts: every package
//     init, table built by code and allocation before main costs page
//     faults. A package-level value must be static data (constants, arrays
//     and slices of them, a lazy.Regexp literal), be computed on first use
//     (internal/lazy), or be a function (a switch instead of a map literal).
//   - Nothing looks methods up by name (reflect's Method, MethodByName):
//     when reachable code can, the linker keeps every exported method of
//     every type the program uses. A cobra template (SetVersionTemplate,
//     SetUsageTemplate, SetHelpTemplate) runs text/template, which does: it
//     made the binary 1.4 MB (15 %) larger, with 70 more itabs for each
//     start to register (mcsf --version 0.2 ms slower).
func TestLeanStart(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go tool is not installed: skipping")
	}
	bin := filepath.Join(t.TempDir(), "mcsf")
	if out, err := exec.Command(goTool, "build", "-o", bin, "../mcsf").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}

	// The code: a package's init function (pkg.init), the functions it
	// calls that the compiler names after it (map.init.N for a map
	// literal, pkg.init.funcN for a func literal, pkg.init.OnceValue[...]
	// for sync.OnceValue).
	out, err := exec.Command(goTool, "tool", "nm", bin).Output()
	if err != nil {
		t.Fatalf("go tool nm: %v", err)
	}
	initSymbol := regexp.MustCompile(`\sgithub\.com/mcsf-dev/mcsf(/[A-Za-z0-9_/-]*)?\.(init|map\.init\.[0-9]+)(\.|$)`)
	var found []string
	for line := range strings.Lines(string(out)) {
		if line = strings.TrimRight(line, "\n"); initSymbol.MatchString(line) {
			found = append(found, strings.TrimSpace(line))
		}
	}
	if len(found) > 0 {
		t.Errorf("mcsf packages have code that runs at init:\n%s", strings.Join(found, "\n"))
	}
	byName := regexp.MustCompile(`\sreflect\.(Value|\(\*Value\)|\(\*rtype\)|\(\*interfaceType\))\.(Method|MethodByName)$`)
	for line := range strings.Lines(string(out)) {
		if line = strings.TrimSpace(line); byName.MatchString(line) {
			t.Errorf("the binary can look methods up by name (a cobra template?): %s", line)
		}
	}

	// The work: the runtime lists each package whose init does any.
	cmd := exec.Command(bin, "--version")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("mcsf --version: %v\n%s", err, stderr.String())
	}
	for line := range strings.Lines(stderr.String()) {
		if strings.Contains(line, "github.com/mcsf-dev/mcsf") {
			t.Errorf("GODEBUG=inittrace=1 mcsf --version: %s", strings.TrimSpace(line))
		}
	}
}
