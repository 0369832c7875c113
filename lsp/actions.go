package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/mcsf-dev/mcsf/answerfile"
)

// actions.go: quick fixes from the lint rules' edits, and formatting in
// the layout of `mcsf fmt`.

// textOffset converts a byte offset of Document.Text to one of the
// editor's text: the reader drops a byte-order mark.
func textOffset(t *text, off int) int {
	if strings.HasPrefix(t.src, "\uFEFF") {
		off += len("\uFEFF")
	}
	return min(max(off, 0), len(t.src))
}

// editsOf converts a finding's edits to LSP text edits on t.
func editsOf(t *text, d answerfile.Diagnostic, enc string) []textEdit {
	out := make([]textEdit, 0, len(d.Edits))
	for _, e := range d.Edits {
		out = append(out, textEdit{Range: t.rangeOf(textOffset(t, e.Start), textOffset(t, e.End), enc), NewText: e.NewText})
	}
	return out
}

func overlaps(a, b Range) bool {
	before := func(p, q Position) bool { return p.Line < q.Line || (p.Line == q.Line && p.Character < q.Character) }
	return !before(a.End, b.Start) && !before(b.End, a.Start)
}

func (s *server) codeActions(ctx context.Context, params *json.RawMessage) (any, error) {
	var p codeActionParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	d, err := s.doc(p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	out := []codeAction{}
	if len(p.Context.Only) > 0 && !slicesHasPrefix(p.Context.Only, "quickfix") {
		return out, nil
	}
	sn := d.snapshot()
	diags, err := s.findings(sn)
	if err != nil {
		return nil, err
	}
	enc := s.encoding()
	ft := fileTexts{s: s, texts: map[string]*text{sn.name: sn.text}}
	for _, f := range diags {
		if len(f.Edits) == 0 || (f.File != sn.name && f.File != "") {
			continue
		}
		ld := ft.convert(f, sn, enc)
		if !overlaps(ld.Range, p.Range) {
			continue
		}
		title := f.Fix
		if title == "" {
			title = "fix " + f.Rule
		}
		out = append(out, codeAction{
			Title:       capitalize(title),
			Kind:        "quickfix",
			Diagnostics: []Diagnostic{ld},
			IsPreferred: true,
			Edit:        &workspaceEdit{Changes: map[string][]textEdit{sn.uri: editsOf(sn.text, f, enc)}},
		})
	}
	return out, nil
}

// slicesHasPrefix reports whether some kind in kinds is kind or a parent of it.
func slicesHasPrefix(kinds []string, kind string) bool {
	for _, k := range kinds {
		if k == kind || strings.HasPrefix(kind, k+".") {
			return true
		}
	}
	return false
}

func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return strings.ToUpper(string(r)) + s[n:]
}

// formatting formats the document in the canonical layout of `mcsf fmt`,
// as one edit of the part that changes. A text that is not well-formed XML
// is not formatted: the error says where it breaks.
func (s *server) formatting(ctx context.Context, params *json.RawMessage) (any, error) {
	sn, err := s.snapshotOf(params)
	if err != nil {
		return nil, err
	}
	doc, syntax, err := answerfile.Parse(sn.name, sn.bytes())
	if err != nil {
		return nil, err
	}
	if doc == nil {
		msg := "the file is not well-formed XML"
		if len(syntax) > 0 {
			msg = fmt.Sprintf("%s (line %d: %s): it is formatted once it is", msg, syntax[0].Line, syntax[0].Message)
		}
		return nil, errors.New(msg)
	}
	defer doc.Release()
	formatted, err := doc.Format()
	if err != nil {
		return nil, fmt.Errorf("format: %w", err)
	}
	return minimalEdit(sn.text, textOfBytes(formatted), s.encoding()), nil
}

// minimalEdit is the one edit that turns t into want: the part between
// their common prefix and suffix, cut at character boundaries.
func minimalEdit(t *text, want string, enc string) []textEdit {
	have := t.src
	if have == want {
		return []textEdit{}
	}
	pre := 0
	for pre < len(have) && pre < len(want) && have[pre] == want[pre] {
		pre++
	}
	for pre > 0 && !utf8.RuneStart(have[pre]) {
		pre--
	}
	suf := 0
	for suf < len(have)-pre && suf < len(want)-pre && have[len(have)-1-suf] == want[len(want)-1-suf] {
		suf++
	}
	for suf > 0 && !utf8.RuneStart(have[len(have)-suf]) {
		suf--
	}
	return []textEdit{{Range: t.rangeOf(pre, len(have)-suf, enc), NewText: want[pre : len(want)-suf]}}
}
