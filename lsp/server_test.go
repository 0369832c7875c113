package lsp

import (
	"context"
	"errors"
	"io"
	"log"
	"net"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/sourcegraph/jsonrpc2"
)

func TestLifecycle(t *testing.T) {
	c := startServer(t, Options{})
	var r any
	if err := c.call("textDocument/hover", map[string]any{}, &r); rpcCode(err) != codeServerNotInitialized {
		t.Errorf("a request before initialize: %v, want code %d", err, codeServerNotInitialized)
	}
	c.initialize()
	if err := c.call("textDocument/nonsense", map[string]any{}, &r); rpcCode(err) != codeMethodNotFound {
		t.Errorf("an unknown method: %v, want code %d", err, codeMethodNotFound)
	}
	c.notify("$/unknownNotification", map[string]any{}) // ignored, as the protocol asks
	c.notify("workspace/unknownNotification", nil)
	if err := c.call("shutdown", nil, nil); err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	if err := c.call("textDocument/hover", map[string]any{}, &r); rpcCode(err) != codeInvalidRequest {
		t.Errorf("a request after shutdown: %v, want code %d", err, codeInvalidRequest)
	}
	c.notify("exit", nil)
	select {
	case err := <-c.done:
		if err != nil {
			t.Errorf("Serve: %v, want nil after shutdown and exit", err)
		}
		c.done <- err
	case <-time.After(10 * time.Second):
		t.Fatal("no exit")
	}
}

func TestExitWithoutShutdown(t *testing.T) {
	c := startServer(t, Options{})
	c.initialize()
	c.notify("exit", nil)
	select {
	case err := <-c.done:
		if !errors.Is(err, ErrNoShutdown) {
			t.Errorf("Serve: %v, want ErrNoShutdown", err)
		}
		c.done <- err
	case <-time.After(10 * time.Second):
		t.Fatal("no exit")
	}
}

// A client that goes away in the middle of a request (with documents open
// and a lint pending) ends the session; Serve returns and leaves nothing
// running.
func TestClientDisconnectsMidRequest(t *testing.T) {
	serverEnd, clientEnd := net.Pipe()
	done := make(chan error, 1)
	go func() { done <- Serve(context.Background(), serverEnd, Options{Debounce: time.Hour}) }()
	conn := jsonrpc2.NewConn(context.Background(), jsonrpc2.NewBufferedStream(clientEnd, jsonrpc2.VSCodeObjectCodec{}), jsonrpc2.HandlerWithError(
		func(context.Context, *jsonrpc2.Conn, *jsonrpc2.Request) (any, error) { return nil, nil }),
		jsonrpc2.SetLogger(log.New(io.Discard, "", 0)))
	ctx := context.Background()
	var r initializeResult
	if err := conn.Call(ctx, "initialize", map[string]any{"capabilities": map[string]any{}}, &r); err != nil {
		t.Fatal(err)
	}
	_, _, text := testFile(t, "contoso.xml")
	uri := "file:///nowhere/contoso.xml"
	conn.Notify(ctx, "textDocument/didOpen", didOpenParams{TextDocument: textDocumentItem{URI: uri, Version: 1, Text: text}})
	var p didChangeParams
	p.TextDocument.URI, p.TextDocument.Version = uri, 2
	p.ContentChanges = []contentChange{{Text: text + " "}}
	conn.Notify(ctx, "textDocument/didChange", p)
	if _, err := conn.DispatchCall(ctx, "textDocument/documentSymbol", documentParams{TextDocument: textDocumentIdentifier{URI: uri}}); err != nil {
		t.Fatal(err)
	}
	// Half a message, then the pipe closes.
	clientEnd.Write([]byte("Content-Length: 500\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":99,"))
	clientEnd.Close()
	select {
	case err := <-done:
		if !errors.Is(err, ErrNoShutdown) {
			t.Errorf("Serve: %v, want ErrNoShutdown", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the server did not stop when the client went away")
	}
}

// Cancelling a request answers it with RequestCancelled or its result,
// never not at all.
func TestCancelRequest(t *testing.T) {
	c := startServer(t, Options{})
	c.initialize()
	_, uri, text := testFile(t, "contoso.xml")
	c.open(uri, text)
	w, err := c.conn.DispatchCall(context.Background(), "textDocument/documentSymbol", documentParams{TextDocument: textDocumentIdentifier{URI: uri}}, jsonrpc2.PickID(jsonrpc2.ID{Num: 4242}))
	if err != nil {
		t.Fatal(err)
	}
	c.notify("$/cancelRequest", map[string]any{"id": 4242})
	var r any
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := w.Wait(ctx, &r); err != nil && rpcCode(err) != codeRequestCancelled {
		t.Errorf("cancelled request: %v, want a result or code %d", err, codeRequestCancelled)
	}
}

// A file removed from disk while open is still the editor's text: it is
// linted from there, and its findings go on.
func TestFileRemovedWhileOpen(t *testing.T) {
	c := startServer(t, Options{})
	c.initialize()
	path, uri, text := testFile(t, "contoso.xml")
	c.open(uri, text)
	if got := c.waitDiags(uri, 1); len(got) != 1 {
		t.Fatalf("before: %v", got)
	}
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []any{map[string]any{"uri": uri, "type": 3}}})
	c.change(uri, 2, nil, strings.Replace(text, `Value=""`, `Value="7"`, 1))
	got := c.waitDiags(uri, 2)
	if len(got) != 1 || got[0].Code != "invalid-setting-value" {
		t.Errorf("after removal: %v, want one invalid-setting-value", got)
	}
	c.shutdown()
}
