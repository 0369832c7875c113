package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/mcsf-dev/mcsf/answerfile"
)

// navigate.go: go to definition, references, document symbols and rename,
// on the tolerant reading of the text, so that they work while the file is
// half-typed.

// cursor decodes a request's text document position and returns the
// document's snapshot and the byte offset of the position.
func (s *server) cursor(params *json.RawMessage) (*snapshot, int, error) {
	var p positionParams
	if err := decode(params, &p); err != nil {
		return nil, 0, err
	}
	return s.cursorAt(p)
}

// snapshotOf decodes a request's text document and returns its snapshot.
func (s *server) snapshotOf(params *json.RawMessage) (*snapshot, error) {
	var p documentParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	d, err := s.doc(p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	return d.snapshot(), nil
}

// cursorAt returns the snapshot of the document of p and the byte offset of p's position.
func (s *server) cursorAt(p positionParams) (*snapshot, int, error) {
	d, err := s.doc(p.TextDocument.URI)
	if err != nil {
		return nil, 0, err
	}
	sn := d.snapshot()
	return sn, sn.text.offset(p.Position, s.encoding()), nil
}

// valueAt returns the element and attribute whose value holds off (the
// quotes included), or nils.
func valueAt(t *tree, off int) (*node, *attr) {
	n := t.tagAt(off)
	if n == nil {
		return nil, nil
	}
	for i := range n.attrs {
		a := &n.attrs[i]
		if a.valOff >= 0 && off >= a.valOff-1 && off <= a.valEnd {
			return n, a
		}
	}
	return n, nil
}

// targetIDAt returns the Target Id the cursor is on: in a Target's Id or in
// a TargetRef's Id.
func targetIDAt(t *tree, off int) (id string, a *attr, ok bool) {
	n, a := valueAt(t, off)
	if n == nil || a == nil || a.name != "Id" || (n.local() != "Target" && n.local() != "TargetRef") {
		return "", nil, false
	}
	return a.value, a, true
}

// valueRange is the LSP range of an attribute's value, without the quotes.
func valueRange(tx *text, a *attr, enc string) Range {
	return tx.rangeOf(a.valOff, a.valEnd, enc)
}

// elementRange is the LSP range of a whole element.
func elementRange(tx *text, n *node, enc string) Range {
	end := n.end
	if n.empty || end < 0 {
		end = n.tagEnd
	}
	return tx.rangeOf(n.off, end, enc)
}

// targetsWithID lists the Target elements with Id id, and the TargetRefs.
func targetsWithID(t *tree, id string) (targets, refs []*node) {
	for _, n := range t.all {
		a := n.attr("Id")
		if a == nil || a.valOff < 0 || a.value != id {
			continue
		}
		switch n.local() {
		case "Target":
			targets = append(targets, n)
		case "TargetRef":
			refs = append(refs, n)
		}
	}
	return targets, refs
}

func (s *server) definition(ctx context.Context, params *json.RawMessage) (any, error) {
	sn, off, err := s.cursor(params)
	if err != nil {
		return nil, err
	}
	enc := s.encoding()
	t := sn.tree()
	n, a := valueAt(t, off)
	switch {
	case n != nil && a != nil && n.local() == "TargetRef" && a.name == "Id":
		targets, _ := targetsWithID(t, a.value)
		out := []Location{}
		for _, tg := range targets {
			out = append(out, Location{URI: sn.uri, Range: valueRange(sn.text, tg.attr("Id"), enc)})
		}
		if len(out) == 0 {
			// Target Ids are global: the Target may live in an imported file.
			out = append(out, s.importedTargets(sn, a.value)...)
		}
		return out, nil
	case n != nil && a != nil && n.local() == "Import" && a.name == "Source":
		for _, f := range s.graph(sn).Files[1:] {
			if f.From.IsRoot() && f.Import != nil && f.Import.Source.Value == a.value {
				return []Location{{URI: pathToURI(f.Path), Range: Range{}}}, nil
			}
		}
	}
	return []Location{}, nil
}

// graph loads the import graph of the snapshot (the root alone when it
// imports nothing or imports are off).
func (s *server) graph(sn *snapshot) *answerfile.Graph {
	opts := s.opts.Imports
	opts.ReadFile = s.readFile
	g, err := answerfile.LoadGraph(sn.name, sn.bytes(), opts)
	if err != nil {
		return &answerfile.Graph{Files: []*answerfile.File{{Path: sn.name}}}
	}
	return g
}

// importedTargets lists the Targets with Id id in the files sn imports.
func (s *server) importedTargets(sn *snapshot, id string) []Location {
	var out []Location
	enc := s.encoding()
	for _, f := range s.graph(sn).Files[1:] {
		if f.Doc == nil {
			continue
		}
		tx := newText(string(f.Doc.Text()))
		for _, n := range readTree(tx.src).named("Target") {
			if a := n.attr("Id"); a != nil && a.valOff >= 0 && a.value == id {
				out = append(out, Location{URI: pathToURI(f.Path), Range: valueRange(tx, a, enc)})
			}
		}
	}
	return out
}

func (s *server) references(ctx context.Context, params *json.RawMessage) (any, error) {
	var p referenceParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	sn, off, err := s.cursorAt(p.positionParams)
	if err != nil {
		return nil, err
	}
	enc := s.encoding()
	id, _, ok := targetIDAt(sn.tree(), off)
	out := []Location{}
	if !ok {
		return out, nil
	}
	targets, refs := targetsWithID(sn.tree(), id)
	if p.Context.IncludeDeclaration {
		for _, n := range targets {
			out = append(out, Location{URI: sn.uri, Range: valueRange(sn.text, n.attr("Id"), enc)})
		}
	}
	for _, n := range refs {
		out = append(out, Location{URI: sn.uri, Range: valueRange(sn.text, n.attr("Id"), enc)})
	}
	return out, nil
}

func (s *server) prepareRename(ctx context.Context, params *json.RawMessage) (any, error) {
	sn, off, err := s.cursor(params)
	if err != nil {
		return nil, err
	}
	id, a, ok := targetIDAt(sn.tree(), off)
	if !ok {
		return nil, fmt.Errorf("only a Target Id (in a Target or a TargetRef) can be renamed")
	}
	return prepareRenameResult{Range: valueRange(sn.text, a, s.encoding()), Placeholder: id}, nil
}

// rename renames a Target Id in its Target and every TargetRef of the
// document. Files that import this one, or that it imports, are not
// changed: the server knows only the import graph below an open document.
func (s *server) rename(ctx context.Context, params *json.RawMessage) (any, error) {
	var p renameParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	sn, off, err := s.cursorAt(p.positionParams)
	if err != nil {
		return nil, err
	}
	id, _, ok := targetIDAt(sn.tree(), off)
	if !ok {
		return nil, fmt.Errorf("only a Target Id (in a Target or a TargetRef) can be renamed")
	}
	name := p.NewName
	if strings.TrimSpace(name) == "" || strings.ContainsAny(name, "<>&\"'") || strings.TrimSpace(name) != name {
		return nil, fmt.Errorf("%q is not a usable Target Id: write it without surrounding spaces, quotes, <, > or &", name)
	}
	enc := s.encoding()
	targets, refs := targetsWithID(sn.tree(), id)
	edits := []textEdit{}
	for _, n := range append(targets, refs...) {
		edits = append(edits, textEdit{Range: valueRange(sn.text, n.attr("Id"), enc), NewText: name})
	}
	return workspaceEdit{Changes: map[string][]textEdit{sn.uri: edits}}, nil
}

func (s *server) documentSymbols(ctx context.Context, params *json.RawMessage) (any, error) {
	sn, err := s.snapshotOf(params)
	if err != nil {
		return nil, err
	}
	enc := s.encoding()
	tx := sn.text
	out := []documentSymbol{}
	sym := func(n *node, name, detail string, kind int, sel *attr) documentSymbol {
		r := elementRange(tx, n, enc)
		selection := tx.rangeOf(n.off+1, n.nameEnd, enc)
		if sel != nil && sel.valOff >= 0 {
			selection = valueRange(tx, sel, enc)
		}
		if name == "" {
			name = "(unnamed)"
		}
		return documentSymbol{Name: name, Detail: detail, Kind: kind, Range: r, SelectionRange: selection}
	}
	groups := func(parent *node) []documentSymbol {
		var gs []documentSymbol
		for _, g := range parent.children {
			if g.local() != "Settings" {
				continue
			}
			gsym := sym(g, g.value("Path"), "Settings", symbolObject, g.attr("Path"))
			for _, st := range g.children {
				if st.local() == "Setting" {
					gsym.Children = append(gsym.Children, sym(st, st.value("Name"), st.value("Value"), symbolField, st.attr("Name")))
				}
			}
			gs = append(gs, gsym)
		}
		return gs
	}
	for _, top := range sn.tree().root.children {
		for _, n := range top.children {
			switch n.local() {
			case "Targets":
				for _, tg := range n.children {
					if tg.local() == "Target" {
						out = append(out, sym(tg, tg.value("Id"), "Target "+targetSummary(tg), symbolClass, tg.attr("Id")))
					}
				}
			case "Static":
				st := sym(n, "Static", "", symbolNamespace, nil)
				st.Children = groups(n)
				out = append(out, st)
			case "Variant":
				var ids []string
				for _, refs := range n.children {
					for _, r := range refs.children {
						if r.local() == "TargetRef" {
							ids = append(ids, r.value("Id"))
						}
					}
				}
				v := sym(n, n.value("Name"), "Variant for "+strings.Join(ids, ", "), symbolNamespace, n.attr("Name"))
				v.Children = groups(n)
				out = append(out, v)
			}
		}
	}
	return out, nil
}

// targetSummary writes a Target's conditions, e.g. "MCC=310 and MNC=410 | MCC=311".
func targetSummary(tg *node) string {
	var states []string
	for _, st := range tg.children {
		if st.local() != "TargetState" {
			continue
		}
		var conds []string
		for _, c := range st.children {
			if c.local() == "Condition" {
				conds = append(conds, c.value("Name")+"="+c.value("Value"))
			}
		}
		states = append(states, strings.Join(conds, " and "))
	}
	return strings.Join(states, " | ")
}
