package answerfile

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/beevik/etree"
)

// Element is one element as Walk reads it: what the tree would hold of it,
// and where it stands.
type Element struct {
	Space, Tag string // prefix ("" when none) and local name, as the tree splits them
	Depth      int    // 1 for the root element
	Offset     int    // of its '<' in the text
	Line       int    // 1-based line of its '<'
	// Foreign is set when the element is in another namespace than the
	// root's: the typed view skips it (see Document.Foreign).
	Foreign bool
	Attrs   []etree.Attr // as the tree holds them, in the order written
}

// Attr is attribute key of e as the typed view reads it: without a prefix.
func (e *Element) Attr(key string) Attr { return attrOf(e.Attrs, key) }

// Walk reads data as ParseLimits does, with the same checks and the same
// diagnostics, but builds no tree: it calls visit with each element, in
// document order, as its start tag is read. A reader that needs a few
// values of a large file (resolve) is spared the tree's memory and time.
// The Element and its Attrs are reused after visit returns; their strings
// stay valid (they are read from data in place, as ParseLimits reads them:
// the caller must not change data while they are in use). When Walk returns diagnostics (the file cannot be read: not
// well-formed, over the size limit, not in a readable encoding) or an
// error, what visit saw must be discarded: the elements before the first
// error were visited.
func Walk(name string, data []byte, lim Limits, visit func(*Element)) ([]Diagnostic, error) {
	s := &scanner{limits: lim, walk: &walker{visit: visit}}
	if _, _, ds := s.read(name, data); ds != nil {
		return ds, nil
	}
	if s.root == nil {
		// The scanner reports a document without a root element.
		return nil, fmt.Errorf("read %s: internal: no root element", name)
	}
	return nil, nil
}

// walker is what the scanner does with each element when Walk reads:
// instead of adding it to a tree, it hands it to visit.
type walker struct {
	visit func(*Element)
	// levels holds the record of the open element at each depth: an
	// element's record is reused by the next element of its depth, which
	// starts after it ends.
	levels []*elemInfo
	el     Element
	attrs  []etree.Attr
	// scopes holds the namespace declarations in scope at each depth
	// (an element that declares none shares its parent's map) and rootNS
	// is the root's namespace (see namespace.go). rootScope[d] is set
	// while the scope at depth d+1 is the root's: an element there with
	// the root's prefix is in the root's namespace, without a look-up.
	rootNS, rootSpace string
	scopes            []map[string]string
	rootScope         []bool
	// line is the 0-based line of the element at offset lineOff, the last
	// one: elements come in the order of the text, so the next one's line
	// is found by moving on from it. In a text with no CR, lines are
	// counted (lf); else lineIndex's starts are followed.
	line, lineOff int
	lf, lfKnown   bool
}

// lineOf is the 1-based line of offset off, at or after the last
// element's.
func (w *walker) lineOf(s *scanner, off int) int {
	if !w.lfKnown {
		w.lf, w.lfKnown = bytes.IndexByte(s.src, '\r') < 0, true
	}
	if off < w.lineOff {
		w.line, w.lineOff = 0, 0
	}
	if w.lf {
		w.line += bytes.Count(s.src[w.lineOff:off], []byte{'\n'})
		w.lineOff = off
		return w.line + 1
	}
	starts := s.index().starts
	for w.line+1 < len(starts) && starts[w.line+1] <= off {
		w.line++
	}
	w.lineOff = off
	return w.line + 1
}

// element is startTag's end when Walk reads: the element of the start tag
// just read (its attributes in s.attrs and s.values) at depth, with the
// record of its parent and where the counts of its siblings start.
func (w *walker) element(s *scanner, depth, off int, name string, parent *elemInfo, siblings int) *elemInfo {
	for len(w.levels) < depth {
		w.levels = append(w.levels, new(elemInfo))
	}
	e := w.levels[depth-1]
	*e = elemInfo{name: name, off: off, parent: parent, index: 1} // the attributes' offsets are not kept
	space, tag := "", name
	if i := strings.IndexByte(name, ':'); i >= 0 {
		space, tag = name[:i], name[i+1:]
	}
	if siblings >= 0 {
		e.index = s.countChild(siblings, tag)
	}
	s.count++
	w.attrs = w.attrs[:0]
	for i, a := range s.attrs {
		as, ak := "", a.name
		if j := strings.IndexByte(a.name, ':'); j >= 0 {
			as, ak = a.name[:j], a.name[j+1:]
		}
		w.attrs = append(w.attrs, etree.Attr{Space: as, Key: ak, Value: s.values[i]})
	}
	foreign := false
	if depth == 1 {
		scope := declarations(w.attrs, nil)
		w.rootNS, w.rootSpace, w.scopes = namespaceOf(space, scope), space, append(w.scopes[:0], scope)
		w.rootScope = append(w.rootScope[:0], true)
	} else {
		declares := slices.ContainsFunc(w.attrs, func(a etree.Attr) bool { return a.Space == "xmlns" || a.Space == "" && a.Key == "xmlns" })
		w.scopes = append(w.scopes[:depth-1], declarations(w.attrs, w.scopes[depth-2]))
		w.rootScope = append(w.rootScope[:depth-1], w.rootScope[depth-2] && !declares)
		if !w.rootScope[depth-1] || space != w.rootSpace {
			foreign = namespaceOf(space, w.scopes[depth-1]) != w.rootNS
		}
	}
	w.el = Element{Space: space, Tag: tag, Depth: depth, Offset: off, Line: w.lineOf(s, off), Foreign: foreign, Attrs: w.attrs}
	w.visit(&w.el)
	return e
}
