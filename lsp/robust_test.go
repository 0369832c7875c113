package lsp

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"
	"unicode/utf8"
)

// Every prefix of a sample, as typed: after each one the server still
// answers every request (with a result or an error, never a crash), and at
// the end it publishes the findings of the whole file.
func TestEveryPrefixOfASample(t *testing.T) {
	c := startServer(t, Options{Debounce: time.Millisecond})
	c.initialize()
	_, uri, text := testFile(t, "contoso.xml")
	c.open(uri, "")
	version := 1
	step := 1
	if testing.Short() {
		step = 7
	}
	for n := 0; n <= len(text); n += step {
		for n < len(text) && !utf8.RuneStart(text[n]) {
			n++
		}
		prefix := text[:n]
		version++
		c.change(uri, version, nil, prefix)
		end := newText(prefix).position(len(prefix), encodingUTF16)
		mid := newText(prefix).position(len(prefix)/2, encodingUTF16)
		for _, m := range []string{"textDocument/completion", "textDocument/hover", "textDocument/definition", "textDocument/references", "textDocument/prepareRename"} {
			for _, p := range []Position{end, mid} {
				var r json.RawMessage
				err := c.call(m, referenceParams{positionParams: at(uri, p)}, &r)
				if err != nil && rpcCode(err) != codeRequestFailed {
					t.Fatalf("prefix of %d bytes: %s at %v: %v", n, m, p, err)
				}
			}
		}
		for _, m := range []string{"textDocument/documentSymbol", "textDocument/codeLens", "textDocument/codeAction", "textDocument/formatting"} {
			var r json.RawMessage
			p := codeActionParams{TextDocument: textDocumentIdentifier{URI: uri}, Range: Range{Start: mid, End: end}}
			if err := c.call(m, p, &r); err != nil && rpcCode(err) != codeRequestFailed {
				t.Fatalf("prefix of %d bytes: %s: %v", n, m, err)
			}
		}
	}
	version++
	c.change(uri, version, nil, text)
	got := c.waitDiags(uri, version)
	if len(got) != 1 || got[0].Code != "empty-value" {
		t.Errorf("after typing the whole file: %v, want its one finding", got)
	}
	c.shutdown()
}

// FuzzTolerantReading checks that the tolerant reader and every feature on
// it never panic, whatever the text and wherever the cursor.
func FuzzTolerantReading(f *testing.F) {
	text, err := os.ReadFile(filepath.Join("testdata", "contoso.xml"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(text), 500)
	f.Add("<a b='<c d=\"", 5)
	f.Add("<!-- mcsf:ignore empty-value x --><Settings Path='a'><Setting Name=", 60)
	f.Add("</x></y><z", 3)
	f.Fuzz(func(t *testing.T, src string, at int) {
		if !utf8.ValidString(src) {
			return
		}
		s := newServer(Options{})
		uri := "untitled:fuzz.xml"
		s.docs[uri] = &document{uri: uri, name: uri, cur: &snapshot{uri: uri, name: uri, version: 1, text: newText(src)}}
		tx := newText(src)
		pos := tx.position(min(max(at, 0), len(src)), encodingUTF16)
		params := json.RawMessage(mustJSON(referenceParams{positionParams: positionParams{TextDocument: textDocumentIdentifier{URI: uri}, Position: pos}}))
		for _, m := range []string{"textDocument/completion", "textDocument/hover", "textDocument/definition", "textDocument/references", "textDocument/prepareRename", "textDocument/documentSymbol", "textDocument/codeLens"} {
			// An error is an answer too (prepareRename off a Target Id); only a panic fails.
			_, _ = handler(m)(s, t.Context(), &params)
		}
	})
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}
