package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/mcsf-dev/mcsf/schema"
	"github.com/rogpeppe/go-internal/txtar"
)

// resolveFixtures writes the answer files and SIM lists of the resolve
// script into a temporary directory and makes it the working directory.
func resolveFixtures(t *testing.T) {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", "script", "resolve.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range ar.Files {
		if err := os.WriteFile(filepath.Join(dir, f.Name), f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
}

// shellWords splits an example command line: words separated by spaces,
// single quotes group.
func shellWords(s string) []string {
	var words []string
	var cur strings.Builder
	inWord, quoted := false, false
	for _, r := range s {
		switch {
		case r == '\'':
			quoted, inWord = !quoted, true
		case r == ' ' && !quoted:
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}

// TestResolveExamples runs every command of the Examples block of the help.
func TestResolveExamples(t *testing.T) {
	resolveFixtures(t)
	_, examples, ok := strings.Cut(resolveLong, "Examples:\n")
	if !ok {
		t.Fatal("the long help has no Examples: block")
	}
	n := 0
	for _, line := range strings.Split(examples, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		n++
		var stdin []byte
		if rest, ok := strings.CutPrefix(line, "cat "); ok {
			file, cmd, _ := strings.Cut(rest, " | ")
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			stdin, line = data, cmd
		}
		words := shellWords(line)
		if words[0] != "mcsf" {
			t.Fatalf("example %q does not run mcsf", line)
		}
		var out, errOut bytes.Buffer
		if code := Main(words[1:], bytes.NewReader(stdin), &out, &errOut); code != ExitOK || out.Len() == 0 {
			t.Errorf("%s: exit %d, %d bytes of output, want exit 0 and output; stderr:\n%s", line, code, out.Len(), errOut.String())
		}
	}
	if n < 5 {
		t.Errorf("got %d examples, want at least 5", n)
	}
}

// TestResolveJSONMatchesSchema validates the JSON output of every form
// (one SIM, --explain, dual SIM, batch) against the resolve-output schema.
func TestResolveJSONMatchesSchema(t *testing.T) {
	resolveFixtures(t)
	for _, args := range [][]string{
		{"answers.xml", "--mcc", "310", "--mnc", "410", "--imsi", "310410123456789", "--iccid", "8901410123456789010"},
		{"answers.xml", "--mcc", "310", "--mnc", "260", "--explain"},
		{"answers.xml", "--sim", "mcc=310,mnc=410", "--sim", "mcc=310,mnc=260"},
		{"answers.xml", "--sims", "sims.csv"},
		{"answers.xml", "--sims", "sims.json", "--explain"},
		{"tricky.xml", "--mcc", "310", "--spn", "Contoso"},
		{"tricky.xml", "--mcc", "310", "--spn", "Fabrikam", "--explain"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			var out, errOut bytes.Buffer
			if code := Main(append([]string{"resolve", "--format", "json"}, args...), nil, &out, &errOut); code != ExitOK {
				t.Fatalf("exit %d: %s", code, errOut.String())
			}
			var doc any
			if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
				t.Fatalf("output is not JSON: %v", err)
			}
			errs, err := schema.Validate("resolve-output", doc)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range errs {
				t.Errorf("%s: %s (%s)", e.InstanceLocation, e.Message, e.KeywordLocation)
			}
		})
	}
}

func TestProgress(t *testing.T) {
	var b bytes.Buffer
	var read atomic.Int64
	p := &progress{w: &b, on: true, size: 1000, read: &read}
	read.Store(100)
	p.add(progressThreshold - 1) // too few SIMs for a progress line
	p.add(progressThreshold)
	p.add(progressThreshold + 500) // less than 1,000 SIMs later
	read.Store(1000)
	p.add(progressThreshold + 1000)
	p.done()
	want := "\rresolving [===                           ]  10% 5000 SIMs" +
		"\rresolving [==============================] 100% 6000 SIMs\r\x1b[K"
	if got := b.String(); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	b.Reset()
	p = &progress{w: &b, on: true, read: &read}
	p.add(progressThreshold)
	p.done()
	if want := "\rresolving: 5000 SIMs\r\x1b[K"; b.String() != want {
		t.Errorf("standard input: got %q, want %q", b.String(), want)
	}
	b.Reset()
	p = &progress{w: &b, read: &read}
	p.add(progressThreshold)
	p.done()
	if b.Len() != 0 {
		t.Errorf("a progress line that is off wrote %q", b.String())
	}
}
