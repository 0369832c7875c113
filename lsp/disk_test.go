package lsp

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"unicode/utf16"

	"github.com/google/go-cmp/cmp"

	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/answerfile/lint"
)

// lintBytes is what `mcsf lint` reports on a file's bytes, one finding a
// line: rule and position.
func lintBytes(t *testing.T, name string, data []byte) []string {
	t.Helper()
	diags, err := lint.File(name, data, lint.Config{})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, d := range diags {
		out = append(out, fmt.Sprintf("%s %d:%d", d.Rule, d.Line-1, d.Column-1))
	}
	return out
}

func published(ds []Diagnostic) []string {
	var out []string
	for _, d := range ds {
		out = append(out, fmt.Sprintf("%s %d:%d", d.Code, d.Range.Start.Line, d.Range.Start.Character))
	}
	return out
}

// An open document is read in the encoding of its file, as lint reads the
// file: a UTF-16 file that declares encoding="utf-16" has the findings
// lint gives it (not a declaration that contradicts UTF-8), a UTF-32 file
// the refusal lint gives, and saving it as UTF-8 brings its findings.
func TestDiskEncoding(t *testing.T) {
	_, _, text := testFile(t, "contoso.xml")
	text = strings.Replace(text, `encoding="utf-8"`, `encoding="utf-16"`, 1)
	// The client counts in code points (utf-32), as lint's columns do.
	decoded := text
	utf16le := func(s string) []byte {
		b := []byte{0xFF, 0xFE}
		for _, u := range utf16.Encode([]rune(s)) {
			b = append(b, byte(u), byte(u>>8))
		}
		return b
	}
	utf32le := func(s string) []byte {
		b := []byte{0xFF, 0xFE, 0, 0}
		for _, r := range s {
			b = append(b, byte(r), byte(r>>8), byte(r>>16), 0)
		}
		return b
	}
	for _, tc := range []struct {
		name string
		data []byte
		want []string
	}{
		{"utf-16", utf16le(decoded), []string{"empty-value 26:56"}},
		{"utf-32", utf32le(decoded), []string{"xml-syntax 0:0"}},
		{"utf-8", []byte(decoded), []string{"xml-syntax 0:0"}}, // the declaration says utf-16
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "contoso.xml")
			if err := os.WriteFile(path, tc.data, 0o644); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, lintBytes(t, path, tc.data)); diff != "" {
				t.Fatalf("lint (-want +got):\n%s", diff)
			}
			c := startServer(t, Options{})
			c.initialize(encodingUTF32)
			uri := pathToURI(path)
			c.open(uri, decoded) // the editor decoded the file
			if diff := cmp.Diff(tc.want, published(c.waitDiags(uri, 1))); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("utf-16, a value filled in", func(t *testing.T) {
		// The kept reading of a UTF-16 file is updated, in UTF-16.
		c, _, uri := openOnDisk(t, utf16le(decoded), decoded)
		d, err := c.server(uri)
		if err != nil {
			t.Fatal(err)
		}
		before := d.kept.take()
		d.kept.put(before)
		at := Position{26, 63} // in the empty Value (code points: the client asked for utf-32)
		c.change(uri, 2, &Range{Start: at, End: at}, "1")
		if got := published(c.waitDiags(uri, 2)); len(got) != 0 {
			t.Errorf("after filling the value: %v, want none", got)
		}
		after := d.kept.take()
		if after != before || after.Encoding.Charset != answerfile.UTF16LE {
			t.Errorf("the kept reading was not updated in UTF-16 (%p -> %p)", before, after)
		}
		if after != nil {
			d.kept.put(after)
		}
	})
	t.Run("saved as utf-8", func(t *testing.T) {
		c, path, uri := openOnDisk(t, utf32le(decoded), decoded)
		utf8Text := strings.Replace(decoded, `encoding="utf-16"`, `encoding="utf-8"`, 1)
		c.change(uri, 2, nil, utf8Text)
		if got := published(c.waitDiags(uri, 2)); len(got) != 1 || got[0] != "xml-syntax 0:0" {
			t.Errorf("before saving: %v, want lint's UTF-32 refusal still", got)
		}
		if err := os.WriteFile(path, []byte(utf8Text), 0o644); err != nil {
			t.Fatal(err)
		}
		c.mu.Lock()
		delete(c.diags, uri)
		c.mu.Unlock()
		c.notify("textDocument/didSave", documentParams{TextDocument: textDocumentIdentifier{URI: uri}})
		if diff := cmp.Diff([]string{"empty-value 26:56"}, published(c.waitDiags(uri, 2))); diff != "" {
			t.Errorf("after saving as UTF-8 (-want +got):\n%s", diff)
		}
	})
}

// openOnDisk writes data as a file, opens it in a server (positions in
// code points) with text as the editor's decoding, and waits for its first
// diagnostics.
func openOnDisk(t *testing.T, data []byte, text string) (c *testClient, path, uri string) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "contoso.xml")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	c = startServer(t, Options{})
	c.initialize(encodingUTF32)
	uri = pathToURI(path)
	c.open(uri, text)
	c.waitDiags(uri, 1)
	return c, path, uri
}

// Formatting a UTF-16 document gives the editor text, not UTF-16 bytes.
func TestFormattingUTF16(t *testing.T) {
	_, _, text := testFile(t, "contoso.xml")
	text = strings.Replace(text, `encoding="utf-8"`, `encoding="utf-16"`, 1)
	path := filepath.Join(t.TempDir(), "contoso.xml")
	enc := answerfile.Encoding{Charset: answerfile.UTF16LE, BOM: true}
	if err := os.WriteFile(path, enc.EncodeText([]byte(text)), 0o644); err != nil {
		t.Fatal(err)
	}
	c := startServer(t, Options{})
	c.initialize()
	uri := pathToURI(path)
	messy := strings.Replace(text, "<Targets>", "<Targets   >", 1)
	c.open(uri, messy)
	var edits []textEdit
	c.mustCall("textDocument/formatting", map[string]any{"textDocument": map[string]any{"uri": uri}, "options": map[string]any{"tabSize": 2, "insertSpaces": true}}, &edits)
	if len(edits) != 1 || strings.ContainsRune(edits[0].NewText, 0) {
		t.Fatalf("edits %+v, want one edit of text", edits)
	}
}

// An imported file is read as lint reads it, through fileio: a directory
// named as an import is refused with lint's words, and a limit applies.
func TestImportReadThroughFileio(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "operator.xml"), 0o755); err != nil {
		t.Fatal(err)
	}
	root := importingRoot("operator.xml", false)
	rootPath := filepath.Join(dir, "root.xml")
	g, err := answerfile.LoadGraph(rootPath, []byte(root), answerfile.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, d := range lint.Graph(g, answerfile.Merge(g), lint.Config{}) {
		want = append(want, d.Rule+": "+d.Message)
	}
	if len(want) == 0 || !strings.Contains(want[0], "not a regular file") {
		t.Fatalf("lint: %v, want a refusal of the directory", want)
	}
	c := startServer(t, Options{})
	c.initialize()
	uri := pathToURI(rootPath)
	c.open(uri, root)
	var got []string
	for _, d := range c.waitDiags(uri, 1) {
		got = append(got, d.Code+": "+d.Message)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}

// A configuration changed on disk applies to the open documents at once,
// without an edit.
func TestConfigChangeRelints(t *testing.T) {
	_, uri, text := testFile(t, "contoso.xml")
	var disabled atomic.Bool
	c := startServer(t, Options{Config: func(string) (lint.Config, error) {
		if disabled.Load() {
			return lint.Config{Disable: []string{lint.RuleEmptyValue}}, nil
		}
		return lint.Config{}, nil
	}})
	c.initialize()
	c.open(uri, text)
	if got := published(c.waitDiags(uri, 1)); len(got) != 1 {
		t.Fatalf("before: %v", got)
	}
	disabled.Store(true)
	c.mu.Lock()
	delete(c.diags, uri)
	c.mu.Unlock()
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []any{map[string]any{"uri": "file:///x/.mcsf.yaml", "type": 2}}})
	if got := published(c.waitDiags(uri, 1)); len(got) != 0 {
		t.Errorf("after the configuration changed: %v, want none", got)
	}
}
