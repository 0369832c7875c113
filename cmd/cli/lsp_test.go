package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// frame writes LSP messages with their Content-Length headers.
func frame(msgs ...map[string]any) []byte {
	var b bytes.Buffer
	for _, m := range msgs {
		m["jsonrpc"] = "2.0"
		data, _ := json.Marshal(m)
		fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n%s", len(data), data)
	}
	return b.Bytes()
}

// emptyThreshold is an answer file with one finding, an empty-value on line 5.
const emptyThreshold = `<?xml version="1.0" encoding="utf-8"?>
<ImageCustomizations xmlns="http://schemas.microsoft.com/embedded/2004/10/ImageUpdate" Name="A" Description="d" Owner="Contoso" OwnerType="OEM">
  <Static>
    <Settings Path="CellCore/PerDevice/SMS">
      <Setting Name="3GPP/IMS/AttemptThresholdForIMS" Value=""/>
    </Settings>
  </Static>
</ImageCustomizations>
`

// TestLspSession runs a whole session through Main: the .mcsf.yaml next to
// the file is read, and the server exits 0 after shutdown and exit.
func TestLspSession(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.xml")
	os.WriteFile(filepath.Join(dir, ".mcsf.yaml"), []byte("severity:\n  empty-value: warning\n"), 0o644)
	text := emptyThreshold
	got := lspSession(t, []string{"lsp", "--debounce", "1ms"}, "file://"+filepath.ToSlash(path), text, "publishDiagnostics")
	for _, want := range []string{`"positionEncoding":"utf-16"`, `"name":"mcsf"`, `"code":"empty-value"`, `"severity":2`,
		`"range":{"start":{"line":4,"character":54},"end":{"line":4,"character":62}}`} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %s:\n%s", want, got)
		}
	}
}

// lspSession opens text as uri in `mcsf ARGS`, waits until the output
// holds each of waitFor, ends the session and returns the output.
func lspSession(t *testing.T, args []string, uri, text string, waitFor ...string) string {
	t.Helper()
	in := frame(
		map[string]any{"id": 1, "method": "initialize", "params": map[string]any{"capabilities": map[string]any{}}},
		map[string]any{"method": "initialized", "params": map[string]any{}},
		map[string]any{"method": "textDocument/didOpen", "params": map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "xml", "version": 1, "text": text}}},
	)
	// The diagnostics come from the background: shutdown waits for them
	// only as long as the lint takes, so the session pauses on a reader
	// that hands out the rest after the publications.
	rest := frame(
		map[string]any{"id": 2, "method": "shutdown"},
		map[string]any{"method": "exit"},
	)
	var out, errOut syncBuffer
	r := &gatedReader{first: in, rest: rest, gate: func() bool {
		for _, w := range waitFor {
			if !strings.Contains(out.String(), w) {
				return false
			}
		}
		return true
	}}
	if code := Main(args, r, &out, &errOut); code != ExitOK {
		t.Fatalf("exit %d, want 0\nstderr:\n%s", code, errOut.String())
	}
	return out.String()
}

// The import flags reach the server as lint takes them: --import-env lets
// $(NAME) expand in an Import Source (before, the server took --path-map
// and --no-imports only, and ignored the others it accepted).
func TestLspImportFlags(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("MCSF_TEST_OPS", dir)
	operator := emptyThreshold
	if err := os.WriteFile(filepath.Join(dir, "operator.xml"), []byte(operator), 0o644); err != nil {
		t.Fatal(err)
	}
	root := `<?xml version="1.0" encoding="utf-8"?>
<ImageCustomizations xmlns="http://schemas.microsoft.com/embedded/2004/10/ImageUpdate" Name="Root" Description="d" Owner="Contoso" OwnerType="OEM">
  <Imports>
    <Import Source="$(MCSF_TEST_OPS)\operator.xml"/>
  </Imports>
</ImageCustomizations>
`
	uri := "file://" + filepath.ToSlash(filepath.Join(dir, "root.xml"))
	// The imported file is named by its Source as written (an expanded
	// variable is never shown), which is no file the editor can open: its
	// findings stand on that Source in the root file.
	got := lspSession(t, []string{"lsp", "--debounce", "1ms", "--import-env", "MCSF_TEST_OPS"}, uri, root, `"uri":"`+uri, `"code":"empty-value"`)
	want := `{"range":{"start":{"line":3,"character":20},"end":{"line":3,"character":52}},"severity":1,"code":"empty-value","source":"mcsf","message":"in $(MCSF_TEST_OPS)\\operator.xml, line 5: `
	if !strings.Contains(got, want) || strings.Contains(got, "%28MCSF_TEST_OPS") {
		t.Errorf("with --import-env: want the imported file's finding on the Source, %s...:\n%s", want, got)
	}
	if strings.Contains(got, "import-env-not-allowed") {
		t.Errorf("with --import-env: want the imported file's empty-value and no import-env-not-allowed:\n%s", got)
	}
	got = lspSession(t, []string{"lsp", "--debounce", "1ms"}, uri, root, "publishDiagnostics")
	if !strings.Contains(got, `"code":"import-env-not-allowed"`) {
		t.Errorf("without --import-env: want import-env-not-allowed:\n%s", got)
	}
}

// syncBuffer is a bytes.Buffer safe for the server's writer and the test's reader.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// gatedReader reads first, then waits until gate holds (10 s at most), then reads rest.
type gatedReader struct {
	first, rest []byte
	gate        func() bool
}

func (r *gatedReader) Read(p []byte) (int, error) {
	if len(r.first) > 0 {
		n := copy(p, r.first)
		r.first = r.first[n:]
		return n, nil
	}
	for deadline := time.Now().Add(10 * time.Second); !r.gate() && time.Now().Before(deadline); {
		time.Sleep(time.Millisecond)
	}
	if len(r.rest) == 0 {
		return 0, io.EOF
	}
	n := copy(p, r.rest)
	r.rest = r.rest[n:]
	return n, nil
}
