package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"runtime/debug"
	"slices"
	"sync"
	"time"

	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/answerfile/lint"
	"github.com/mcsf-dev/mcsf/fileio"
	"github.com/sourcegraph/jsonrpc2"
)

// DefaultDebounce is how long the server waits after the last change of a
// document before it lints it: long enough to take a burst of changes (a
// paste, an auto-closed quote) as one, short because it adds to every
// keystroke's wait, and a lint that a newer change overtakes stops after
// its reading instead of running to the end.
const DefaultDebounce = 50 * time.Millisecond

// Options configure a server.
type Options struct {
	// Config returns the lint configuration for the answer file at path
	// (its .mcsf.yaml merged with the command line), the same one `mcsf
	// lint` would use; path is "" for a document that is not a local file.
	// Nil means the zero Config (every rule at its default severity). An
	// error (an invalid .mcsf.yaml) is shown as a diagnostic on line 1 and
	// the file is linted with the zero Config.
	Config func(path string) (lint.Config, error)
	// Imports says how Import Source paths become local files. The server
	// reads an imported file from the editor when it is open there;
	// ReadFile is otherwise used (nil: fileio.ReadFile, with
	// Limits.MaxBytes as its limit, as lint reads). NoFollow lints each
	// file alone. Roots are directories imports may read from besides the
	// default root of each document (answerfile.DefaultImportRoot), as
	// lint.LinterOptions takes them.
	Imports answerfile.ImportOptions
	// Debounce is how long after the last change a document is linted; 0
	// means DefaultDebounce.
	Debounce time.Duration
	// Log receives the server's own troubles (a panic in a handler, a
	// protocol error); nil discards them.
	Log io.Writer
	// Version is reported to the client in serverInfo.
	Version string

	// readAhead is how long after the last change the strict reading of a
	// document starts (see ahead.go); 0 means half the debounce. Tests set
	// it.
	readAhead time.Duration
}

// ErrNoShutdown is returned by Serve when the client sent exit before
// shutdown, or went away without either: the process should exit with 1.
var ErrNoShutdown = errors.New("lsp: the client ended the session without shutdown")

// JSON-RPC and LSP error codes.
const (
	codeInvalidParams        = -32602
	codeMethodNotFound       = -32601
	codeInternalError        = -32603
	codeServerNotInitialized = -32002
	codeInvalidRequest       = -32600
	codeRequestCancelled     = -32800
	codeRequestFailed        = -32803
)

// server is one session with one client.
type server struct {
	opts   Options
	log    *log.Logger
	conn   *jsonrpc2.Conn
	stream *stream // conn's; the server writes encoded notifications on it too

	mu          sync.Mutex
	initialized bool
	shutdown    bool
	exited      chan struct{}
	enc         string // the negotiated position encoding
	docs        map[string]*document
	cancels     map[jsonrpc2.ID]context.CancelFunc
	// others maps the URI of a file that is not open, but where the
	// import graph of an open document has findings, to that document's URI.
	others map[string]string
	wg     sync.WaitGroup
	// schemaCache remembers the element shapes the answerfile schema accepted.
	schemaCache *lint.SchemaCache
}

// Serve runs a language server session on stream (the client's stdin and
// stdout, or a pipe) until the client sends exit, the stream ends or ctx is
// done. It returns nil after shutdown and exit, ErrNoShutdown otherwise.
func Serve(ctx context.Context, stream io.ReadWriteCloser, opts Options) error {
	return newServer(opts).serve(ctx, stream)
}

func newServer(opts Options) *server {
	if opts.Debounce <= 0 {
		opts.Debounce = DefaultDebounce
	}
	if opts.readAhead <= 0 {
		opts.readAhead = opts.Debounce / 2
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	return &server{
		opts:    opts,
		log:     log.New(opts.Log, "mcsf lsp: ", log.LstdFlags),
		exited:  make(chan struct{}),
		enc:     encodingUTF16,
		docs:    map[string]*document{},
		cancels: map[jsonrpc2.ID]context.CancelFunc{},
		others:  map[string]string{},

		schemaCache: lint.NewSchemaCache(),
	}
}

func (s *server) serve(ctx context.Context, stream io.ReadWriteCloser) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	s.stream = newStream(stream)
	conn := jsonrpc2.NewConn(ctx, s.stream, s, jsonrpc2.SetLogger(s.log))
	s.setConn(conn)
	select {
	case <-conn.DisconnectNotify():
	case <-s.exited:
	case <-ctx.Done():
	}
	conn.Close()
	s.stopAll()
	s.wg.Wait()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.shutdown {
		return nil
	}
	return ErrNoShutdown
}

func (s *server) setConn(conn *jsonrpc2.Conn) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.conn = conn
}

// client is the connection to the client.
func (s *server) client() *jsonrpc2.Conn {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.conn
}

// stopAll stops the pending lint timers and cancels running requests.
func (s *server) stopAll() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, d := range s.docs {
		d.stop()
	}
	for _, c := range s.cancels {
		c()
	}
}

// Handle is called by the connection's read loop for every request and
// notification, in order. Notifications that change documents run here, in
// that order; requests run in their own goroutines on the document versions
// current when they arrive, so a slow request never holds up typing.
func (s *server) Handle(ctx context.Context, conn *jsonrpc2.Conn, req *jsonrpc2.Request) {
	s.setConn(conn) // the first message may arrive before NewConn returns to Serve
	if req.Notif {
		s.guard(req, func() { s.notify(req) })
		return
	}
	s.mu.Lock()
	initialized, shutdown := s.initialized, s.shutdown
	s.mu.Unlock()
	switch {
	case req.Method == "initialize":
		r, err := s.initialize(req)
		s.reply(ctx, req, r, err)
		return
	case req.Method == "shutdown":
		s.mu.Lock()
		s.shutdown = true
		s.mu.Unlock()
		s.reply(ctx, req, nil, nil)
		return
	case !initialized:
		s.replyError(ctx, req, &jsonrpc2.Error{Code: codeServerNotInitialized, Message: "the server is not initialized"})
		return
	case shutdown:
		s.replyError(ctx, req, &jsonrpc2.Error{Code: codeInvalidRequest, Message: "the server is shut down"})
		return
	}
	h := handler(req.Method)
	if h == nil {
		s.replyError(ctx, req, &jsonrpc2.Error{Code: codeMethodNotFound, Message: fmt.Sprintf("method %q is not supported", req.Method)})
		return
	}
	rctx, cancel := context.WithCancel(ctx)
	s.mu.Lock()
	s.cancels[req.ID] = cancel
	s.mu.Unlock()
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		defer func() {
			s.mu.Lock()
			delete(s.cancels, req.ID)
			s.mu.Unlock()
			cancel()
		}()
		var result any
		var err error
		s.guard(req, func() { result, err = h(s, rctx, req.Params) })
		if rctx.Err() != nil && ctx.Err() == nil {
			s.replyError(ctx, req, &jsonrpc2.Error{Code: codeRequestCancelled, Message: "request cancelled"})
			return
		}
		s.reply(ctx, req, result, err)
	}()
}

// guard runs f; a panic in it is logged and answered as an internal error,
// and the session goes on.
func (s *server) guard(req *jsonrpc2.Request, f func()) {
	defer func() {
		if r := recover(); r != nil {
			s.log.Printf("internal error in %s: %v\n%s", req.Method, r, debug.Stack())
			if !req.Notif {
				s.replyError(context.Background(), req, &jsonrpc2.Error{Code: codeInternalError,
					Message: fmt.Sprintf("internal error in %s, please report: %v", req.Method, r)})
			}
		}
	}()
	f()
}

// requestHandler answers one request; params may be nil.
type requestHandler func(s *server, ctx context.Context, params *json.RawMessage) (any, error)

// requestHandlers are the requests the server answers; the capabilities
// it announces follow from this table (a table, not a map: a map literal is
// built by code when the program starts).
var requestHandlers = [...]struct {
	method string
	h      requestHandler
}{
	{"textDocument/definition", (*server).definition},
	{"textDocument/references", (*server).references},
	{"textDocument/documentSymbol", (*server).documentSymbols},
	{"textDocument/prepareRename", (*server).prepareRename},
	{"textDocument/rename", (*server).rename},
	{"textDocument/codeAction", (*server).codeActions},
	{"textDocument/formatting", (*server).formatting},
	{"textDocument/hover", (*server).hover},
	{"textDocument/completion", (*server).completion},
	{"textDocument/codeLens", (*server).codeLenses},
	{"workspace/executeCommand", (*server).executeCommand},
}

// handler returns the handler of a request method; nil for a method the
// server does not answer.
func handler(method string) requestHandler {
	for _, r := range requestHandlers {
		if r.method == method {
			return r.h
		}
	}
	return nil
}

// paramsError is the error of a request whose params do not decode.
type paramsError struct{ err error }

func (e *paramsError) Error() string { return "invalid params: " + e.err.Error() }

// decode reads params into v.
func decode(params *json.RawMessage, v any) error {
	if params == nil {
		return &paramsError{errors.New("params are missing")}
	}
	if err := json.Unmarshal(*params, v); err != nil {
		return &paramsError{err}
	}
	return nil
}

func (s *server) reply(ctx context.Context, req *jsonrpc2.Request, result any, err error) {
	if err != nil {
		code := int64(codeRequestFailed)
		var pe *paramsError
		if errors.As(err, &pe) {
			code = codeInvalidParams
		}
		s.replyError(ctx, req, &jsonrpc2.Error{Code: code, Message: err.Error()})
		return
	}
	if err := s.client().Reply(ctx, req.ID, result); err != nil && !errors.Is(err, jsonrpc2.ErrClosed) {
		s.log.Printf("reply to %s: %v", req.Method, err)
	}
}

func (s *server) replyError(ctx context.Context, req *jsonrpc2.Request, e *jsonrpc2.Error) {
	if err := s.client().ReplyWithError(ctx, req.ID, e); err != nil && !errors.Is(err, jsonrpc2.ErrClosed) {
		s.log.Printf("reply to %s: %v", req.Method, err)
	}
}

// notified logs the error of sending a notification of method, unless
// the client went away.
func (s *server) notified(method string, err error) {
	if err != nil {
		select {
		case <-s.client().DisconnectNotify(): // a client that went away is not an error
		default:
			s.log.Printf("notify %s: %v", method, err)
		}
	}
}

// Commands of workspace/executeCommand.
const (
	// CommandResolve resolves a document for a SIM: arguments are the
	// document URI and the SIM as "mcc=310,mnc=410" (any condition names).
	CommandResolve = "mcsf.resolve"
)

func (s *server) initialize(req *jsonrpc2.Request) (any, error) {
	var p initializeParams
	if err := decode(req.Params, &p); err != nil {
		return nil, err
	}
	enc := encodingUTF16
	for _, e := range p.Capabilities.General.PositionEncodings {
		if e == encodingUTF8 || e == encodingUTF16 || e == encodingUTF32 {
			enc = e // the client lists them in its order of preference
			break
		}
	}
	s.mu.Lock()
	s.initialized, s.enc = true, enc
	s.mu.Unlock()
	has := func(method string) bool { return handler(method) != nil }
	caps := serverCapabilities{
		PositionEncoding:           enc,
		TextDocumentSync:           textDocumentSync{OpenClose: true, Change: 2, Save: true},
		HoverProvider:              has("textDocument/hover"),
		DefinitionProvider:         has("textDocument/definition"),
		ReferencesProvider:         has("textDocument/references"),
		DocumentSymbolProvider:     has("textDocument/documentSymbol"),
		DocumentFormattingProvider: has("textDocument/formatting"),
	}
	if has("textDocument/completion") {
		caps.CompletionProvider = &completionOptions{TriggerCharacters: []string{"<", " ", "\"", "/"}}
	}
	if has("textDocument/rename") {
		caps.RenameProvider = &renameOptions{PrepareProvider: has("textDocument/prepareRename")}
	}
	if has("textDocument/codeAction") {
		caps.CodeActionProvider = &codeActionOptions{CodeActionKinds: []string{"quickfix"}}
	}
	if has("textDocument/codeLens") {
		caps.CodeLensProvider = &codeLensOptions{}
	}
	if has("workspace/executeCommand") {
		caps.ExecuteCommandProvider = &executeCommandOptions{Commands: []string{CommandResolve}}
	}
	return initializeResult{Capabilities: caps, ServerInfo: serverInfo{Name: "mcsf", Version: s.opts.Version}}, nil
}

// notify handles the notifications; unknown ones are ignored, as the
// protocol asks.
func (s *server) notify(req *jsonrpc2.Request) {
	switch req.Method {
	case "initialized", "$/setTrace":
	case "workspace/didChangeConfiguration":
		s.relintAll()
	case "workspace/didChangeWatchedFiles":
		var p struct {
			Changes []struct {
				URI string `json:"uri"`
			} `json:"changes"`
		}
		if decode(req.Params, &p) == nil {
			for _, c := range p.Changes {
				if d, err := s.doc(c.URI); err == nil {
					d.readDisk(s) // an open file saved by another program, maybe in another encoding
				}
			}
		}
		s.relintAll() // a .mcsf.yaml or an imported file may have changed
	case "exit":
		close(s.exited)
	case "$/cancelRequest":
		var p struct {
			ID jsonrpc2.ID `json:"id"`
		}
		if decode(req.Params, &p) == nil {
			s.mu.Lock()
			if c := s.cancels[p.ID]; c != nil {
				c()
			}
			s.mu.Unlock()
		}
	case "textDocument/didOpen":
		var p didOpenParams
		if decode(req.Params, &p) == nil {
			s.open(p.TextDocument)
		}
	case "textDocument/didChange":
		var p didChangeParams
		if decode(req.Params, &p) == nil {
			s.change(p)
		}
	case "textDocument/didSave":
		var p documentParams
		if decode(req.Params, &p) == nil {
			if d, err := s.doc(p.TextDocument.URI); err == nil {
				d.readDisk(s) // saved, maybe in another encoding
			}
			s.relintAll() // the saved file may be imported by another open one
		}
	case "textDocument/didClose":
		var p didCloseParams
		if decode(req.Params, &p) == nil {
			s.close(p.TextDocument.URI)
		}
	}
}

// encoding is the negotiated position encoding.
func (s *server) encoding() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.enc
}

// doc returns the open document uri.
func (s *server) doc(uri string) (*document, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.docs[uri]
	if !ok {
		return nil, fmt.Errorf("%s is not open", uri)
	}
	return d, nil
}

// openURIs lists the URIs of the open documents, sorted.
func (s *server) openURIs() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for u := range s.docs {
		out = append(out, u)
	}
	slices.Sort(out)
	return out
}

// importOptions are the import options of the root file name, as lint
// takes them: Options.Imports.Roots are roots besides the file's default
// one, and imported files are read from the editor when open there.
func (s *server) importOptions(name string) answerfile.ImportOptions {
	opts := s.opts.Imports
	if len(opts.Roots) > 0 {
		opts.Roots = append([]string{answerfile.DefaultImportRoot(name)}, opts.Roots...)
	}
	opts.ReadFile = s.readFile
	return opts
}

// readFile reads path from the editor when it is open there, else from disk.
func (s *server) readFile(path string) ([]byte, error) {
	s.mu.Lock()
	d := s.docs[pathToURI(path)]
	s.mu.Unlock()
	if d != nil {
		return d.snapshot().bytes(), nil
	}
	if s.opts.Imports.ReadFile != nil {
		return s.opts.Imports.ReadFile(path)
	}
	return fileio.ReadFile(path, s.maxFileSize())
}
