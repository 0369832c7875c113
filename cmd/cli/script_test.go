package cli

import (
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite golden files and testscript expectations")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"mcsf": func() { os.Exit(MainProcess(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the end-to-end scripts in testdata/script through the
// real binary entry point.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *update,
		Setup: func(env *testscript.Env) error {
			env.Setenv("NO_COLOR", "1")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"hostile": hostileCmd, "exits": exitsCmd, "mkfifo": mkfifoCmd, "hardlink": hardlinkCmd, "chown": chownCmd, "mode": modeCmd,
		},
		Condition: func(cond string) (bool, error) {
			if cond == "root" {
				return os.Geteuid() == 0, nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
	})
}

// exitsCmd runs a command like exec and checks its exact exit code, which
// exec and ! exec do not tell apart (1 findings, 2 usage, 3 internal):
//
//	exits CODE PROGRAM ARGS...
func exitsCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits CODE PROGRAM ARGS...")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("%s: %v", args[1], err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("exit code %d, want %d", got, want)
	}
}

const answerHead = `<?xml version="1.0" encoding="utf-8"?>` + "\n" +
	`<ImageCustomizations xmlns="http://schemas.microsoft.com/embedded/2004/10/ImageUpdate" Name="H" Owner="O" OwnerType="OEM">` + "\n"

// hostileCmd writes hostile input that a .txtar file cannot hold:
//
//	hostile KIND FILE
func hostileCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: hostile KIND FILE")
	}
	var data []byte
	switch args[0] {
	case "garbage":
		rng := rand.New(rand.NewPCG(1, 2))
		data = make([]byte, 4096)
		for i := range data {
			data[i] = byte(rng.IntN(256))
		}
	case "nul":
		data = []byte(answerHead + "\x00\x00</ImageCustomizations>\n")
	case "invalid-utf8":
		data = []byte(answerHead + "<!-- caf\xe9 -->\n</ImageCustomizations>\n")
	case "utf16-no-bom":
		for _, u := range utf16.Encode([]rune(answerHead + "</ImageCustomizations>\n")) {
			data = append(data, byte(u), byte(u>>8))
		}
	case "utf16-bom":
		data = []byte{0xFF, 0xFE}
		for _, u := range utf16.Encode([]rune(strings.ReplaceAll(strings.Replace(answerHead, "utf-8", "utf-16", 1)+"  <Static/>\n</ImageCustomizations>\n", "\n", "\r\n"))) {
			data = append(data, byte(u), byte(u>>8))
		}
	case "utf16-spec": // what Notepad writes as "Unicode": UTF-16 LE with a byte-order mark, CR LF
		data = []byte{0xFF, 0xFE}
		spec := "name: K\r\nowner: Contoso\r\ndevice:\r\n  imsRetry: {attemptThresholdForIMS: 2, retryEnabled: true}\r\n"
		for _, u := range utf16.Encode([]rune(spec)) {
			data = append(data, byte(u), byte(u>>8))
		}
	case "bom-wrong-decl":
		data = []byte("\xef\xbb\xbf" + strings.Replace(answerHead, "utf-8", "utf-16", 1) + "</ImageCustomizations>\n")
	case "truncated":
		full := answerHead + "  <Static>\n    <Settings Path=\"Multivariant\">\n"
		data = []byte(full[:len(full)-7])
	case "deep":
		data = []byte(answerHead + strings.Repeat("<Static>", 100_000) + strings.Repeat("</Static>", 100_000) + "</ImageCustomizations>\n")
	case "laughs":
		var b strings.Builder
		b.WriteString("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n")
		for i := 1; i < 10; i++ {
			fmt.Fprintf(&b, " <!ENTITY lol%d \"%s\">\n", i, strings.Repeat(fmt.Sprintf("&lol%d;", i-1), 10))
		}
		b.WriteString("]>\n<ImageCustomizations>&lol9;</ImageCustomizations>\n")
		data = []byte(strings.Replace(b.String(), "&lol0;", "&lol;", -1))
	case "xxe":
		data = []byte("<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<ImageCustomizations Name=\"&x;\"/>\n")
	case "big-attributes":
		var b strings.Builder
		b.WriteString(answerHead + "  <Static")
		for i := 0; b.Len() < 50<<20; i++ {
			fmt.Fprintf(&b, " a%d=\"%s\"", i, strings.Repeat("v", 1000))
		}
		b.WriteString("/>\n</ImageCustomizations>\n")
		data = []byte(b.String())
	case "utf32-le", "utf32-be-bom":
		// UTF-32 was named UTF-16.
		text := answerHead + "</ImageCustomizations>\n"
		if args[0] == "utf32-be-bom" {
			data = []byte{0, 0, 0xFE, 0xFF}
		}
		for _, r := range text {
			if args[0] == "utf32-le" {
				data = append(data, byte(r), byte(r>>8), byte(r>>16), byte(r>>24))
			} else {
				data = append(data, byte(r>>24), byte(r>>16), byte(r>>8), byte(r))
			}
		}
	case "long-line":
		// 5 MB on one line, with an error at its end.
		data = []byte(strings.TrimSuffix(answerHead, "\n") + "<!--" + strings.Repeat("x", 5<<20) +
			`--><Static><Settings Path="CellCore/PerDevice/SMS"><Setting Name="3GPP/IMS/AttemptThresholdForIMS" Value="x"/></Settings></Static></ImageCustomizations>`)
	case "sims-long-line":
		// a SIM batch whose second line is 10 MB
		data = []byte("mcc,spn\n310," + strings.Repeat("x", 10<<20) + "\n")
	case "sims-unclosed-quote":
		// an opening quote never closed: the rest of the file (10 MB) is one field
		data = []byte("mcc,spn\n310,\"" + strings.Repeat("a,b\n", 10<<18))
	case "sims-big-object":
		// one JSON SIM of 10 MB
		data = []byte(`[{"mcc":"310","spn":"` + strings.Repeat("x", 10<<20) + `"}]`)
	case "sims-wide-header":
		// a header of 1,000,000 columns
		data = []byte("mcc" + strings.Repeat(",mnc", 1_000_000) + "\n")
	case "sims-many-rows":
		// 200,001 SIMs
		data = []byte("mcc\n" + strings.Repeat("310\n", 200_001))
	case "sims-long-value":
		// one MNC of 20,000 digits: messages quote only its start
		data = []byte("mcc,mnc\n310," + strings.Repeat("4", 20_000) + "\n")
	case "spec-long-number":
		// a spec whose name is an unquoted number of 5,000,000 digits
		data = []byte("name: " + strings.Repeat("9", 5_000_000) + "\nowner: O\n")
	case "ansi-name":
		// a file whose name carries an ANSI escape sequence: hostile ansi-name DIR
		ts.Check(os.WriteFile(ts.MkAbs(args[1]+"/a\x1b[31mred.xml"), []byte(answerHead+`  <Static><Settings Path="CellCore/PerDevice/SMS"><Setting Name="3GPP/IMS/AttemptThresholdForIMS" Value="x"/></Settings></Static>`+"\n</ImageCustomizations>\n"), 0o644))
		return
	case "config-long-rule":
		// a configuration disabling a "rule" of 1,000,000 letters
		data = []byte("disable: [" + strings.Repeat("a", 1_000_000) + "]\n")
	case "lf-name":
		// a file whose name holds a line feed, imported by DIR/root.xml: hostile lf-name DIR
		ts.Check(os.WriteFile(ts.MkAbs(args[1]+"/a\nb.xml"), []byte(answerHead+`  <Static><Settings Path="Multivariant"><Setting Name="Enable" Value="1"/></Settings></Static>`+"\n</ImageCustomizations>\n"), 0o644))
		ts.Check(os.WriteFile(ts.MkAbs(args[1]+"/root.xml"), []byte(answerHead+`  <Imports><Import Source="$(CurrentFileDir)\a&#10;b.xml"/></Imports>`+"\n</ImageCustomizations>\n"), 0o644))
		return
	default:
		ts.Fatalf("unknown hostile kind %q", args[0])
	}
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), data, 0o644))
}
