//go:build !unix

package cli

import "github.com/rogpeppe/go-internal/testscript"

// The file-type commands of the scripts need Unix: a script that uses them
// elsewhere fails (guard it with [unix]).
func mkfifoCmd(ts *testscript.TestScript, _ bool, _ []string) { ts.Fatalf("no named pipes here") }
func hardlinkCmd(ts *testscript.TestScript, _ bool, _ []string) {
	ts.Fatalf("hard links are tested on Unix")
}
func chownCmd(ts *testscript.TestScript, _ bool, _ []string) { ts.Fatalf("owners are tested on Unix") }
func modeCmd(ts *testscript.TestScript, _ bool, _ []string)  { ts.Fatalf("modes are tested on Unix") }
