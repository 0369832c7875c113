package lsp

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestMain lets the test binary be the language server of the Neovim test:
// nvim starts it again with MCSF_LSP_TEST_SERVE=1.
func TestMain(m *testing.M) {
	if os.Getenv("MCSF_LSP_TEST_SERVE") == "1" {
		err := Serve(context.Background(), testStdio{}, Options{Debounce: 20 * time.Millisecond})
		if err != nil {
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// testStdio is the process's standard input and output as one stream.
type testStdio struct{}

func (testStdio) Read(p []byte) (int, error)  { return os.Stdin.Read(p) }
func (testStdio) Write(p []byte) (int, error) { return os.Stdout.Write(p) }
func (testStdio) Close() error                { return nil }

// TestNeovim drives the server from a real client, Neovim headless, through
// testdata/nvim.lua.
func TestNeovim(t *testing.T) {
	nvim, err := exec.LookPath("nvim")
	if err != nil {
		t.Skip("nvim is not installed: the Neovim test is skipped (.ci/run installs the Debian package neovim)")
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	path, _, text := testFile(t, "contoso.xml")
	// A finding with a fix, first in the file: the capitalised Pattern: prefix.
	text = strings.Replace(text, `<Condition Name="MNC" Value="410"/>`, `<Condition Name="MNC" Value="410"/>`+"\n        <Condition Name=\"SPN\" Value=\"Pattern:Contoso.*\"/>", 1)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	root := filepath.Join(filepath.Dir(path), "root.xml")
	rootText := importingRoot("contoso.xml", true)
	if err := os.WriteFile(root, []byte(rootText), 0o644); err != nil {
		t.Fatal(err)
	}
	script, err := filepath.Abs(filepath.Join("testdata", "nvim.lua"))
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "out.txt")
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, nvim, "--headless", "--clean", "-n", "-i", "NONE", "-c", "luafile "+script)
	refLine := strings.Count(text[:strings.Index(text, "<TargetRef ")], "\n")
	setting := newText(text).position(strings.Index(text, `Name="AutoRetryDownload"`)+8, encodingUTF16)
	cmd.Env = append(os.Environ(), "MCSF_FILE="+path, "MCSF_OUT="+out, "MCSF_SERVER="+self, fmt.Sprint("MCSF_REF_LINE=", refLine),
		fmt.Sprint("MCSF_SETTING_LINE=", setting.Line), fmt.Sprint("MCSF_SETTING_CHAR=", setting.Character),
		"MCSF_ROOT="+root, fmt.Sprint("MCSF_ROOT_REF_LINE=", strings.Count(rootText[:strings.Index(rootText, "<TargetRef ")], "\n")),
		"XDG_STATE_HOME="+t.TempDir(), "XDG_DATA_HOME="+t.TempDir(), "XDG_CONFIG_HOME="+t.TempDir())
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("nvim: %v\n%s", err, b)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("nvim wrote nothing: %v", err)
	}
	got := strings.Split(strings.TrimSpace(string(data)), "\n")
	// Neovim keeps diagnostics in byte columns: it converted the server's
	// UTF-16 57 and 65 (after an emoji and two umlauts) to 61 and 69. The
	// quick fix of condition-prefix-case writes pattern: in lower case, and
	// its finding goes away.
	want := []string{
		"diagnostic 7 30 55 condition-prefix-case 2",
		"diagnostic 27 61 69 empty-value 1",
		"hover **Target Contoso**",
		"definition 3 16",
		"completion Contoso",
		"action Fix condition-prefix-case",
		`after action finding gone         <Condition Name="SPN" Value="pattern:Contoso.*"/>`,
		"setting hover " + settingDoc(t, "Messaging/PerSimSettings/$(__ICCID)", "AutoRetryDownload"),
		`renamed root <TargetRef Id="Fabrikam"/>`,
		`renamed imported <Target Id="Fabrikam">`,
		`renamed imported <TargetRef Id="Fabrikam"/>`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("nvim reported (-want +got):\n%s", diff)
	}
}
