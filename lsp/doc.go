// Package lsp is mcsf's language server: the linter, the settings catalog
// and the resolver inside the editor, over the Language Server Protocol
// 3.17 on a byte stream (the editor's pipe to `mcsf lsp`).
//
// Diagnostics are those of `mcsf lint`: the same rules, ids, severities and
// configuration (Options.Config gives each file its .mcsf.yaml merged with
// the command line, read again at every lint) and the same import graph
// (imported files are read from the editor when open there). They are
// published on open, and again a debounce (Options.Debounce) after the last
// change, for the version they were computed from; the strict reading of
// the text starts halfway through the debounce (ahead.go) and, when the
// text changed only inside an attribute value, updates the reading of the
// lint before instead of reading the whole text again
// (answerfile.Document.Update); a large file's checks run at once
// (answerfile/lint). A lint that a newer change
// overtakes stops between its stages (reading, rules, publication) and is
// never published. Findings in imported files that are
// not open are published under their own URIs.
//
// Positions follow the position encoding negotiated at initialize: the
// first of the client's general.positionEncodings that the server knows
// (utf-8, utf-16, utf-32), and UTF-16, the protocol's default, when it
// offers none. Findings count columns in code points; they are converted
// on the text itself.
//
// Navigation (definition, references, symbols, rename) reads the text with
// a tolerant XML reader of its own (scan.go), so it works while the file
// is half-typed and not well-formed; a keystroke that changes no markup
// moves the reading of the version before instead of reading the text
// again (reread.go). Diagnostics use the strict reader of package
// answerfile, as lint does.
//
// Invariants: a request is answered exactly once, with its result, an
// error or RequestCancelled; a panic in a handler is answered as an
// internal error and the session goes on; notifications that change a
// document are applied in the order they arrive, while requests run
// concurrently on the document version current when they arrived.
//
// # Protocol library
//
// JSON-RPC 2.0 and the base protocol's Content-Length framing come from
// github.com/sourcegraph/jsonrpc2 (v0.2.3, released 2026-09): small, no
// dependencies of its own beyond its optional websocket package,
// maintained, and used by many Go language servers. The LSP message types
// are declared here (protocol.go), only those the server uses, from the
// 3.17 specification. The candidates for the types were weighed and left:
//   - go.lsp.dev/protocol v0.12.0 (with go.lsp.dev/jsonrpc2): last released
//     2022-03, it describes LSP 3.16, without position encodings, which
//     this server must negotiate;
//   - github.com/tliron/glsp v0.2.2: last released 2024-03, one version on
//     the module proxy, 3.16 types, and it brings its own logging and
//     utility modules;
//   - gopls's protocol package (golang.org/x/tools/gopls/internal/protocol)
//     is internal and cannot be imported.
//
// The package never prints and never exits; Options.Log receives its own
// troubles.
package lsp
