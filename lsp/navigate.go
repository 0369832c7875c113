package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
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
		if a.valOff >= 0 && off >= t.valOff(a)-1 && off <= t.valEnd(a) {
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
	return t.val(a), a, true
}

// valueRange is the LSP range of an attribute's value, without the quotes;
// t is tx's reading.
func valueRange(tx *text, t *tree, a *attr, enc string) Range {
	return tx.rangeOf(t.valOff(a), t.valEnd(a), enc)
}

// elementRange is the LSP range of a whole element; t is tx's reading.
func elementRange(tx *text, t *tree, n *node, enc string) Range {
	end := t.end(n)
	if n.empty || end < 0 {
		end = t.tagEnd(n)
	}
	return tx.rangeOf(t.off(n), end, enc)
}

// targetsWithID lists the Target elements with Id id, and the TargetRefs.
func targetsWithID(t *tree, id string) (targets, refs []*node) {
	for _, n := range t.all {
		a := n.attr("Id")
		if a == nil || a.valOff < 0 || t.val(a) != id {
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
		targets, _ := targetsWithID(t, t.val(a))
		out := []Location{}
		for _, tg := range targets {
			out = append(out, Location{URI: sn.uri, Range: valueRange(sn.text, t, tg.attr("Id"), enc)})
		}
		if len(out) == 0 {
			// Target Ids are global: the Target may live in another file of the import graph.
			for _, f := range s.idFamily(sn)[1:] {
				targets, _ := targetsWithID(f.tree, t.val(a))
				for _, tg := range targets {
					out = append(out, Location{URI: f.uri, Range: valueRange(f.text, f.tree, tg.attr("Id"), enc)})
				}
			}
		}
		return out, nil
	case n != nil && a != nil && n.local() == "Import" && a.name == "Source":
		for _, f := range s.graph(sn).Files[1:] {
			if f.From.IsRoot() && f.Import != nil && f.Import.Source.Value == t.val(a) {
				return []Location{{URI: pathToURI(f.Path), Range: Range{}}}, nil
			}
		}
	}
	return []Location{}, nil
}

// graph loads the import graph of the snapshot (the root alone when it
// imports nothing or imports are off).
func (s *server) graph(sn *snapshot) *answerfile.Graph {
	g, err := answerfile.LoadGraph(sn.name, sn.bytes(), s.importOptions(sn.name))
	if err != nil {
		return &answerfile.Graph{Files: []*answerfile.File{{Path: sn.name}}}
	}
	return g
}

// idFile is a file whose Target Ids are one namespace with an open
// document's, with its text as the editor has it or would open it.
type idFile struct {
	uri  string
	text *text
	tree *tree
}

// idFamily lists the files whose Target Ids are one namespace with sn's
// (Target Ids are global to an import graph): sn first, then the other
// files of its import graph, and the files of the import graph of every
// open document that holds sn. A file open in the editor is read from
// there, the others as lint reads them. A file that imports sn but is not
// open is not known: nothing names it.
func (s *server) idFamily(sn *snapshot) []idFile {
	out := []idFile{{uri: sn.uri, text: sn.text, tree: sn.tree()}}
	seen := map[string]bool{filepath.Clean(sn.name): true}
	add := func(path string) {
		if seen[filepath.Clean(path)] {
			return
		}
		seen[filepath.Clean(path)] = true
		s.mu.Lock()
		d := s.docs[pathToURI(path)]
		s.mu.Unlock()
		if d != nil {
			osn := d.snapshot()
			out = append(out, idFile{uri: osn.uri, text: osn.text, tree: osn.tree()})
			return
		}
		data, err := s.readFile(path)
		if err != nil {
			return
		}
		decoded, _, ok := answerfile.DecodeText(data)
		if !ok {
			return
		}
		tx := newText(string(decoded))
		out = append(out, idFile{uri: pathToURI(path), text: tx, tree: readTree(tx.src)})
	}
	for _, f := range s.graph(sn).Files[1:] {
		add(f.Path)
	}
	for _, u := range s.openURIs() {
		d, err := s.doc(u)
		if err != nil || u == sn.uri {
			continue
		}
		osn := d.snapshot()
		files := s.graph(osn).Files[1:]
		if !slices.ContainsFunc(files, func(f *answerfile.File) bool { return filepath.Clean(f.Path) == filepath.Clean(sn.name) }) {
			continue
		}
		add(osn.name)
		for _, f := range files {
			add(f.Path)
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
	for _, f := range s.idFamily(sn) {
		targets, refs := targetsWithID(f.tree, id)
		if !p.Context.IncludeDeclaration {
			targets = nil
		}
		for _, n := range append(targets, refs...) {
			out = append(out, Location{URI: f.uri, Range: valueRange(f.text, f.tree, n.attr("Id"), enc)})
		}
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
	return prepareRenameResult{Range: valueRange(sn.text, sn.tree(), a, s.encoding()), Placeholder: id}, nil
}

// rename renames a Target Id in its Targets and TargetRefs, in every file
// of the document's import graph and of the import graphs of the open
// documents that hold it (idFamily): Target Ids are global to a graph, and
// a rename that left a TargetRef behind would break it.
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
	changes := map[string][]textEdit{sn.uri: {}}
	for _, f := range s.idFamily(sn) {
		targets, refs := targetsWithID(f.tree, id)
		for _, n := range append(targets, refs...) {
			changes[f.uri] = append(changes[f.uri], textEdit{Range: valueRange(f.text, f.tree, n.attr("Id"), enc), NewText: name})
		}
	}
	return workspaceEdit{Changes: changes}, nil
}

func (s *server) documentSymbols(ctx context.Context, params *json.RawMessage) (any, error) {
	sn, err := s.snapshotOf(params)
	if err != nil {
		return nil, err
	}
	enc := s.encoding()
	tx, t := sn.text, sn.tree()
	out := []documentSymbol{}
	sym := func(n *node, name, detail string, kind int, sel *attr) documentSymbol {
		r := elementRange(tx, t, n, enc)
		selection := tx.rangeOf(t.off(n)+1, t.nameEnd(n), enc)
		if sel != nil && sel.valOff >= 0 {
			selection = valueRange(tx, t, sel, enc)
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
			gsym := sym(g, t.value(g, "Path"), "Settings", symbolObject, g.attr("Path"))
			for _, st := range g.children {
				if st.local() == "Setting" {
					gsym.Children = append(gsym.Children, sym(st, t.value(st, "Name"), t.value(st, "Value"), symbolField, st.attr("Name")))
				}
			}
			gs = append(gs, gsym)
		}
		return gs
	}
	for _, top := range t.root.children {
		for _, n := range top.children {
			switch n.local() {
			case "Targets":
				for _, tg := range n.children {
					if tg.local() == "Target" {
						out = append(out, sym(tg, t.value(tg, "Id"), "Target "+targetSummary(t, tg), symbolClass, tg.attr("Id")))
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
							ids = append(ids, t.value(r, "Id"))
						}
					}
				}
				v := sym(n, t.value(n, "Name"), "Variant for "+strings.Join(ids, ", "), symbolNamespace, n.attr("Name"))
				v.Children = groups(n)
				out = append(out, v)
			}
		}
	}
	return out, nil
}

// targetSummary writes a Target's conditions, e.g. "MCC=310 and MNC=410 | MCC=311".
func targetSummary(t *tree, tg *node) string {
	var states []string
	for _, st := range tg.children {
		if st.local() != "TargetState" {
			continue
		}
		var conds []string
		for _, c := range st.children {
			if c.local() == "Condition" {
				conds = append(conds, t.value(c, "Name")+"="+t.value(c, "Value"))
			}
		}
		states = append(states, strings.Join(conds, " and "))
	}
	return strings.Join(states, " | ")
}
