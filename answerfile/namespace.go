package answerfile

import (
	"bytes"
	"slices"

	"github.com/beevik/etree"
)

// namespace.go: an element is an answer-file element by its namespace, not
// by its prefix. The document's namespace is the root element's (normally
// Namespace; lint reports a root in another or no namespace). An element in
// that namespace is read under its local name whatever its prefix, so
// <x:Static> with xmlns:x bound to it is Static; an element in any other
// namespace is foreign: the typed view skips it and lint reports it, so
// <Static xmlns="urn:other"> is never read as Static.

// foreignElements returns the elements of the tree whose namespace is not
// the root's, each with its namespace ("" for none); nil when there is none.
// A document whose only namespace declaration is the root's default
// namespace (nearly every answer file) is decided without a walk: each of
// its elements is unprefixed, hence in the root's namespace (an undeclared
// prefix is a syntax error).
// plain is whether the document is known to be such a document (see
// plainNamespaces and scanner.plainNamespaces).
func foreignElements(plain bool, root *etree.Element) map[*etree.Element]string {
	if plain {
		return nil
	}
	var foreign map[*etree.Element]string
	rootSpace := namespaceOf(root.Space, declarations(root.Attr, nil))
	var walk func(e *etree.Element, scope map[string]string)
	walk = func(e *etree.Element, scope map[string]string) {
		scope = declarations(e.Attr, scope)
		if uri := namespaceOf(e.Space, scope); uri != rootSpace {
			if foreign == nil {
				foreign = map[*etree.Element]string{}
			}
			foreign[e] = uri
		}
		for _, tok := range e.Child {
			if c, ok := tok.(*etree.Element); ok {
				walk(c, scope)
			}
		}
	}
	walk(root, nil)
	return foreign
}

// plainNamespaces reports whether a document is known to have every
// element in its root's namespace from its text and its root (prefix
// rootSpace, attributes rootAttrs) alone: its only namespace declaration is
// the root's default namespace (nearly every answer file), so each of its
// elements is unprefixed (an undeclared prefix is a syntax error). An
// xmlns attribute of the root counts with any prefix, as etree's
// SelectAttr("xmlns") finds it.
func plainNamespaces(text []byte, rootSpace string, rootAttrs []etree.Attr) bool {
	n := bytes.Count(text, []byte("xmlns"))
	return (n == 0 || n == 1 && hasXMLNS(rootAttrs)) && rootSpace == "" && !bytes.Contains(text, []byte("<xml:"))
}

// plainNamespaces is plainNamespaces of the document the scanner read, from
// what it counted instead of two searches of the text: no element name has
// a prefix, and the only namespace declaration, if any, is an xmlns
// attribute of the root.
func (s *scanner) plainNamespaces(root *etree.Element) bool {
	return !s.prefixed && (s.nsDecls == 0 || s.nsDecls == 1 && hasXMLNS(root.Attr))
}

func hasXMLNS(attrs []etree.Attr) bool {
	return slices.ContainsFunc(attrs, func(a etree.Attr) bool { return a.Key == "xmlns" })
}

// declarations returns scope with the namespace declarations among attrs
// over it (prefix → namespace, "" for the default namespace); scope itself
// when there is none.
func declarations(attrs []etree.Attr, scope map[string]string) map[string]string {
	var out map[string]string
	for _, a := range attrs {
		prefix, ok := "", false
		switch {
		case a.Space == "xmlns":
			prefix, ok = a.Key, true
		case a.Space == "" && a.Key == "xmlns":
			ok = true
		}
		if !ok {
			continue
		}
		if out == nil {
			out = make(map[string]string, len(scope)+1)
			for k, v := range scope {
				out[k] = v
			}
		}
		out[prefix] = a.Value
	}
	if out == nil {
		return scope
	}
	return out
}

// namespaceOf is the namespace of an element with prefix space in scope.
func namespaceOf(space string, scope map[string]string) string {
	if space == "xml" {
		return "http://www.w3.org/XML/1998/namespace"
	}
	return scope[space]
}

// Foreign reports whether element e is in another namespace than the
// document's root, and in which ("" for none). The typed view skips foreign
// elements; lint reports them.
func (d *Document) Foreign(e *etree.Element) (namespace string, foreign bool) {
	d.live()
	namespace, foreign = d.foreign[e]
	return namespace, foreign
}
