// Package yaml reads YAML documents into a tree of nodes and writes such a
// tree back as YAML: the part of go.yaml.in/yaml/v3's API that mcsf uses,
// with the same trees, positions, resolved tags and error messages, and
// nothing computed when the program starts (no tables built at init: every
// table here is a constant or a switch).
//
// It reads YAML 1.2 as go-yaml v3 does (block and flow collections, the
// five scalar styles, anchors, aliases, tags, several documents), refuses
// %YAML and %TAG directives, and keeps no comments when reading.
package yaml

// Kind is the kind of a Node.
type Kind uint32

// The kinds of Node, with go-yaml v3's values.
const (
	DocumentNode Kind = 1 << iota
	SequenceNode
	MappingNode
	ScalarNode
	AliasNode
)

// Style is how a node was or is to be written.
type Style uint32

// The styles of Node, with go-yaml v3's values.
const (
	TaggedStyle Style = 1 << iota
	DoubleQuotedStyle
	SingleQuotedStyle
	LiteralStyle
	FoldedStyle
	FlowStyle
)

// Node is one node of a YAML document: a document, a sequence, a mapping
// (Content holds its keys and values in turn), a scalar or an alias.
type Node struct {
	Kind  Kind
	Style Style

	// Tag is the node's tag in short form (!!str, !!int, !custom); the
	// parser fills in the resolved tag when the document gives none.
	Tag   string
	Value string

	// Anchor is the name of the anchor (&name) the node carries; an alias
	// node's Alias is the node its name refers to, its Value the name.
	Anchor string
	Alias  *Node

	Content []*Node

	// HeadComment is written before the node by the Encoder ("# " added
	// where a line lacks it); the parser leaves the comment fields empty.
	HeadComment string
	LineComment string
	FootComment string

	// Line and Column are 1-based; the column counts characters (runes).
	Line   int
	Column int
}

// The tags this package resolves, in short form.
const (
	nullTag      = "!!null"
	boolTag      = "!!bool"
	strTag       = "!!str"
	intTag       = "!!int"
	floatTag     = "!!float"
	timestampTag = "!!timestamp"
	seqTag       = "!!seq"
	mapTag       = "!!map"
	mergeTag     = "!!merge"
	binaryTag    = "!!binary"

	longTagPrefix = "tag:yaml.org,2002:"
)

// IsZero reports whether n is the zero Node.
func (n *Node) IsZero() bool {
	return n.Kind == 0 && n.Style == 0 && n.Tag == "" && n.Value == "" && n.Anchor == "" && n.Alias == nil &&
		n.Content == nil && n.HeadComment == "" && n.LineComment == "" && n.FootComment == "" && n.Line == 0 && n.Column == 0
}

// ShortTag returns the node's tag in short form: the tag given, else the
// one its kind and (for a plain scalar) its value resolve to.
func (n *Node) ShortTag() string {
	if n.quotedString() {
		return strTag
	}
	if n.Tag == "" || n.Tag == "!" {
		switch n.Kind {
		case MappingNode:
			return mapTag
		case SequenceNode:
			return seqTag
		case AliasNode:
			if n.Alias != nil {
				return n.Alias.ShortTag()
			}
		case ScalarNode:
			return resolve(n.Value)
		case 0:
			if n.IsZero() {
				return nullTag
			}
		}
		return ""
	}
	return shortTag(n.Tag)
}

// quotedString reports whether n is a string by its tag or, untagged, by
// its style (quoted or block).
func (n *Node) quotedString() bool {
	if n.Kind != ScalarNode {
		return false
	}
	if n.Tag == "" || n.Tag == "!" {
		return n.Style&(DoubleQuotedStyle|SingleQuotedStyle|LiteralStyle|FoldedStyle) != 0
	}
	return shortTag(n.Tag) == strTag
}

// shortTag writes tag:yaml.org,2002:x as !!x.
func shortTag(tag string) string {
	if len(tag) >= len(longTagPrefix) && tag[:len(longTagPrefix)] == longTagPrefix {
		return "!!" + tag[len(longTagPrefix):]
	}
	return tag
}
