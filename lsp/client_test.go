package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log"
	"net"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/sourcegraph/jsonrpc2"
)

// client_test.go: a JSON-RPC client that drives the server over a pipe, as
// an editor does.

type testClient struct {
	t    testing.TB
	conn *jsonrpc2.Conn
	srv  *server
	done chan error // Serve's result

	mu    sync.Mutex
	diags map[string][]publishDiagnosticsParams // by URI, in arrival order
	wake  chan struct{}
}

// clientHandler receives the server's notifications.
type clientHandler struct{ c *testClient }

func (h clientHandler) Handle(ctx context.Context, conn *jsonrpc2.Conn, req *jsonrpc2.Request) {
	if req.Method != "textDocument/publishDiagnostics" || req.Params == nil {
		return
	}
	var p publishDiagnosticsParams
	if err := json.Unmarshal(*req.Params, &p); err != nil {
		h.c.t.Errorf("publishDiagnostics: %v", err)
		return
	}
	h.c.mu.Lock()
	h.c.diags[p.URI] = append(h.c.diags[p.URI], p)
	close(h.c.wake)
	h.c.wake = make(chan struct{})
	h.c.mu.Unlock()
}

// startServer runs a server on one end of a pipe and returns a client on the other.
func startServer(t testing.TB, opts Options) *testClient {
	t.Helper()
	if opts.Debounce == 0 {
		opts.Debounce = 5 * time.Millisecond
	}
	serverEnd, clientEnd := net.Pipe()
	c := &testClient{t: t, done: make(chan error, 1), diags: map[string][]publishDiagnosticsParams{}, wake: make(chan struct{})}
	c.srv = newServer(opts)
	go func() { c.done <- c.srv.serve(context.Background(), serverEnd) }()
	c.conn = jsonrpc2.NewConn(context.Background(), jsonrpc2.NewBufferedStream(clientEnd, jsonrpc2.VSCodeObjectCodec{}), clientHandler{c},
		jsonrpc2.SetLogger(log.New(io.Discard, "", 0)))
	t.Cleanup(func() {
		c.conn.Close()
		select {
		case <-c.done:
		case <-time.After(10 * time.Second):
			t.Error("the server did not stop when the client went away")
		}
	})
	return c
}

// initialize starts a session; encodings are the client's position encodings.
func (c *testClient) initialize(encodings ...string) initializeResult {
	c.t.Helper()
	params := map[string]any{"processId": nil, "rootUri": nil, "capabilities": map[string]any{}}
	if len(encodings) > 0 {
		params["capabilities"] = map[string]any{"general": map[string]any{"positionEncodings": encodings}}
	}
	var r initializeResult
	c.mustCall("initialize", params, &r)
	c.notify("initialized", map[string]any{})
	return r
}

func (c *testClient) call(method string, params, result any) error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	return c.conn.Call(ctx, method, params, result)
}

func (c *testClient) mustCall(method string, params, result any) {
	c.t.Helper()
	if err := c.call(method, params, result); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

func (c *testClient) notify(method string, params any) {
	c.t.Helper()
	if err := c.conn.Notify(context.Background(), method, params); err != nil {
		c.t.Fatalf("notify %s: %v", method, err)
	}
}

// open opens a document with the given text, as version 1.
func (c *testClient) open(uri, text string) {
	c.notify("textDocument/didOpen", didOpenParams{TextDocument: textDocumentItem{URI: uri, LanguageID: "xml", Version: 1, Text: text}})
}

// change sends one edit of a range (nil: the whole text).
func (c *testClient) change(uri string, version int, rg *Range, text string) {
	var p didChangeParams
	p.TextDocument.URI, p.TextDocument.Version = uri, version
	p.ContentChanges = []contentChange{{Range: rg, Text: text}}
	c.notify("textDocument/didChange", p)
}

// waitDiags waits for the diagnostics of version of uri (any version when
// version is 0, for a file that is not open).
func (c *testClient) waitDiags(uri string, version int) []Diagnostic {
	c.t.Helper()
	deadline := time.After(30 * time.Second)
	for {
		c.mu.Lock()
		for _, p := range c.diags[uri] {
			if version == 0 || (p.Version != nil && *p.Version == version) {
				c.mu.Unlock()
				return p.Diagnostics
			}
		}
		wake := c.wake
		c.mu.Unlock()
		select {
		case <-wake:
		case <-deadline:
			c.t.Fatalf("no diagnostics for %s version %d", uri, version)
		}
	}
}

// shutdown ends the session properly and checks that Serve returns nil.
func (c *testClient) shutdown() {
	c.t.Helper()
	c.mustCall("shutdown", nil, nil)
	c.notify("exit", nil)
	select {
	case err := <-c.done:
		if err != nil {
			c.t.Errorf("Serve after shutdown and exit: %v", err)
		}
		c.done <- err
	case <-time.After(10 * time.Second):
		c.t.Fatal("the server did not exit")
	}
}

// rpcCode is the JSON-RPC error code of err, 0 if it has none.
func rpcCode(err error) int64 {
	var e *jsonrpc2.Error
	if errors.As(err, &e) {
		return e.Code
	}
	return 0
}

// testFile copies testdata/name into a temporary directory and returns its
// path, URI and text.
func testFile(t *testing.T, name string) (path, uri, text string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	path = filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path, pathToURI(path), string(data)
}

// server returns the server's open document uri; the tests that call it
// reach into the server, which runs in the same process.
func (c *testClient) server(uri string) (*document, error) {
	return c.srv.doc(uri)
}

// importingRoot is an answer file that imports $(CurrentFileDir)\file and,
// withRef, has a Variant for the Target Contoso (defined elsewhere).
func importingRoot(file string, withRef bool) string {
	variant := ""
	if withRef {
		variant = `  <Variant Name="Again">
    <TargetRefs>
      <TargetRef Id="Contoso"/>
    </TargetRefs>
  </Variant>
`
	}
	return `<?xml version="1.0" encoding="utf-8"?>
<ImageCustomizations xmlns="http://schemas.microsoft.com/embedded/2004/10/ImageUpdate" Name="Root" Description="d" Owner="Contoso" OwnerType="OEM">
  <Imports>
    <Import Source="$(CurrentFileDir)\` + file + `"/>
  </Imports>
` + variant + `</ImageCustomizations>
`
}
