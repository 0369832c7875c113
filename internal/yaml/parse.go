package yaml

import (
	"bytes"
	"errors"
	"io"
	"slices"
	"unicode/utf16"
	"unicode/utf8"
)

// parse.go: the parser, which builds the node tree from the scanner's
// tokens by YAML's grammar (a document is a node; a block collection is
// its entries up to the block end, a flow collection up to its closing
// bracket), and the API: Unmarshal and Decoder.

type parser struct {
	s       scanner
	anchors map[string]*Node
	started bool // the stream start is taken
	later   bool // a document has been read: the next needs ---
	done    bool // the stream end is taken
}

func newParser(data []byte) *parser {
	return &parser{s: scanner{src: data}}
}

// decodeText returns the text as UTF-8 without its byte order mark: YAML
// may come in UTF-16 (little or big endian) when it starts with a byte
// order mark, as go-yaml reads it.
func decodeText(data []byte) ([]byte, error) {
	hi := 0 // the byte of a unit that holds its high bits: 1 little endian, 0 big
	switch {
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		return data[3:], nil
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		hi = 1
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
	default:
		return data, nil
	}
	data = data[2:]
	if len(data)%2 != 0 {
		return nil, &syntaxError{msg: "incomplete UTF-16 character"}
	}
	units := make([]uint16, len(data)/2)
	for i := range units {
		units[i] = uint16(data[2*i+hi])<<8 | uint16(data[2*i+1-hi])
	}
	out := make([]byte, 0, len(data))
	for i := 0; i < len(units); i++ {
		r := rune(units[i])
		if utf16.IsSurrogate(r) {
			if i+1 == len(units) || r >= 0xDC00 {
				return nil, &syntaxError{msg: "invalid UTF-16 surrogate pair"}
			}
			if r = utf16.DecodeRune(r, rune(units[i+1])); r == utf8.RuneError {
				return nil, &syntaxError{msg: "invalid UTF-16 surrogate pair"}
			}
			i++
		}
		out = utf8.AppendRune(out, r)
	}
	return out, nil
}

// read returns the next document, nil at the end of the stream, or the
// error that stops the reading.
func (p *parser) read() (doc *Node, err error) {
	if p.done {
		return nil, nil
	}
	if !p.started {
		src, err := decodeText(p.s.src)
		if err == nil {
			err = checkText(src)
		}
		if err != nil {
			p.done = true
			return nil, err
		}
		p.s.src = src
	}
	defer func() {
		if r := recover(); r != nil {
			e, ok := r.(*syntaxError)
			if !ok {
				panic(r)
			}
			p.done = true
			doc, err = nil, e
		}
	}()
	return p.document(), nil
}

// parserError stops the parse with an error about context (the mark
// where the construct started) found at problem.
func parserError(context *mark, msg string, problem mark) {
	c := 0
	if context != nil {
		c = context.line
	}
	panic(&syntaxError{line: errorLine(false, c, problem.line), msg: msg})
}

func at(n *Node, m mark) *Node {
	n.Line, n.Column = m.line+1, m.column+1
	return n
}

func (p *parser) document() *Node {
	s := &p.s
	if !p.started {
		s.peek()
		s.next()
		p.started = true
	}
	t := s.peek()
	if p.later {
		for t.kind == tokDocumentEnd {
			s.next()
			t = s.peek()
		}
	}
	var doc *Node
	switch {
	case !p.later && t.kind != tokDocumentStart && t.kind != tokStreamEnd:
		doc = at(&Node{Kind: DocumentNode}, t.start)
		doc.Content = []*Node{p.node(true, false)}
	case t.kind != tokStreamEnd:
		if t.kind != tokDocumentStart {
			parserError(nil, "did not find expected <document start>", t.start)
		}
		doc = at(&Node{Kind: DocumentNode}, t.start)
		s.next()
		switch t = s.peek(); t.kind {
		case tokDocumentStart, tokDocumentEnd, tokStreamEnd:
			doc.Content = []*Node{p.empty(t.start)}
		default:
			doc.Content = []*Node{p.node(true, false)}
		}
	default:
		s.next()
		p.done = true
		return nil
	}
	p.later = true
	if s.peek().kind == tokDocumentEnd {
		s.next()
	}
	return doc
}

// empty is the empty plain scalar (null) at m.
func (p *parser) empty(m mark) *Node {
	return at(&Node{Kind: ScalarNode, Tag: nullTag}, m)
}

// node parses one node with its anchor and tag; indentless allows a block
// sequence at the indentation of the mapping key it is the value of.
func (p *parser) node(block, indentless bool) *Node {
	s := &p.s
	t := s.peek()
	if t.kind == tokAlias {
		n := at(&Node{Kind: AliasNode, Value: t.value}, t.start)
		s.next()
		if n.Alias = p.anchors[n.Value]; n.Alias == nil {
			panic(&syntaxError{line: n.Line, msg: "unknown anchor '" + n.Value + "' referenced"})
		}
		return n
	}
	start := t.start
	var anchor, handle, suffix string
	var tagged bool
	var tagMark mark
	switch t.kind {
	case tokAnchor:
		anchor = t.value
		s.next()
		if t = s.peek(); t.kind == tokTag {
			tagged, handle, suffix, tagMark = true, t.value, t.suffix, t.start
			s.next()
			t = s.peek()
		}
	case tokTag:
		tagged, handle, suffix, tagMark = true, t.value, t.suffix, t.start
		s.next()
		if t = s.peek(); t.kind == tokAnchor {
			anchor = t.value
			s.next()
			t = s.peek()
		}
	}
	tag := ""
	if tagged {
		switch handle {
		case "":
			tag = suffix
		case "!":
			tag = "!" + suffix
		case "!!":
			tag = longTagPrefix + suffix
		default:
			parserError(&start, "found undefined tag handle", tagMark)
		}
	}
	n := &Node{Anchor: anchor}
	at(n, start)
	if tag != "" && tag != "!" {
		n.Tag, n.Style = shortTag(tag), TaggedStyle
	}
	switch {
	case indentless && t.kind == tokBlockEntry:
		p.collection(n, SequenceNode, seqTag, anchor)
		p.indentlessSequence(n)
	case t.kind == tokScalar:
		n.Kind, n.Value = ScalarNode, t.value
		n.Style |= t.style
		if n.Tag == "" {
			switch {
			case t.style != 0:
				n.Tag = strTag
			case t.value == "<<":
				n.Tag = mergeTag
			default:
				n.Tag = resolve(t.value)
			}
		}
		s.next()
		p.anchor(n, anchor)
	case t.kind == tokFlowSequenceStart:
		p.collection(n, SequenceNode, seqTag, anchor)
		n.Style |= FlowStyle
		p.flowSequence(n)
	case t.kind == tokFlowMappingStart:
		p.collection(n, MappingNode, mapTag, anchor)
		n.Style |= FlowStyle
		p.flowMapping(n)
	case block && t.kind == tokBlockSequenceStart:
		p.collection(n, SequenceNode, seqTag, anchor)
		p.blockSequence(n)
	case block && t.kind == tokBlockMappingStart:
		p.collection(n, MappingNode, mapTag, anchor)
		p.blockMapping(n)
	case anchor != "" || tagged:
		n.Kind = ScalarNode
		if n.Tag == "" {
			n.Tag = nullTag
		}
		p.anchor(n, anchor)
	default:
		parserError(&start, "did not find expected node content", t.start)
	}
	return n
}

func (p *parser) collection(n *Node, kind Kind, tag, anchor string) {
	n.Kind = kind
	if n.Tag == "" {
		n.Tag = tag
	}
	p.anchor(n, anchor)
}

func (p *parser) anchor(n *Node, anchor string) {
	if anchor == "" {
		return
	}
	if p.anchors == nil {
		p.anchors = map[string]*Node{}
	}
	p.anchors[anchor] = n
}

// after takes an indicator (-, ?, :) and parses the block node after it;
// the empty scalar at the indicator's end when one of stop follows.
func (p *parser) after(indentless bool, stop ...tokenKind) *Node {
	s := &p.s
	m := s.peek().end
	s.next()
	if slices.Contains(stop, s.peek().kind) {
		return p.empty(m)
	}
	return p.node(true, indentless)
}

func (p *parser) blockSequence(n *Node) {
	s := &p.s
	open := s.peek().start
	s.next()
	for {
		t := s.peek()
		switch t.kind {
		case tokBlockEntry:
			n.Content = append(n.Content, p.after(false, tokBlockEntry, tokBlockEnd))
		case tokBlockEnd:
			s.next()
			return
		default:
			parserError(&open, "did not find expected '-' indicator", t.start)
		}
	}
}

func (p *parser) indentlessSequence(n *Node) {
	s := &p.s
	for {
		t := s.peek()
		if t.kind != tokBlockEntry {
			return
		}
		n.Content = append(n.Content, p.after(false, tokBlockEntry, tokKey, tokValue, tokBlockEnd))
	}
}

func (p *parser) blockMapping(n *Node) {
	s := &p.s
	open := s.peek().start
	s.next()
	for {
		t := s.peek()
		switch t.kind {
		case tokKey:
			n.Content = append(n.Content, p.after(true, tokKey, tokValue, tokBlockEnd))
		case tokBlockEnd:
			s.next()
			return
		default:
			parserError(&open, "did not find expected key", t.start)
		}
		t = s.peek()
		if t.kind != tokValue {
			n.Content = append(n.Content, p.empty(t.start))
			continue
		}
		n.Content = append(n.Content, p.after(true, tokKey, tokValue, tokBlockEnd))
	}
}

// flowCollection parses the entries of a flow collection, "," between
// them (and after the last, if any), up to the end token; entry parses one
// from its first token.
func (p *parser) flowCollection(end tokenKind, missing string, entry func(t *token)) {
	s := &p.s
	open := s.peek().start
	s.next()
	for first := true; ; first = false {
		t := s.peek()
		if t.kind != end && !first {
			if t.kind != tokFlowEntry {
				parserError(&open, missing, t.start)
			}
			s.next()
			t = s.peek()
		}
		if t.kind == end {
			s.next()
			return
		}
		entry(t)
	}
}

func (p *parser) flowSequence(n *Node) {
	s := &p.s
	p.flowCollection(tokFlowSequenceEnd, "did not find expected ',' or ']'", func(t *token) {
		if t.kind != tokKey {
			n.Content = append(n.Content, p.node(false, false))
			return
		}
		// a single pair, [key: value]: a flow mapping of its own
		pair := at(&Node{Kind: MappingNode, Tag: mapTag, Style: FlowStyle}, t.start)
		n.Content = append(n.Content, pair)
		s.next()
		switch t = s.peek(); t.kind {
		case tokValue, tokFlowEntry, tokFlowSequenceEnd:
			m := t.end
			s.next()
			pair.Content = append(pair.Content, p.empty(m))
		default:
			pair.Content = append(pair.Content, p.node(false, false))
		}
		value := s.peek() // see token: read again after the queue may have moved
		if value.kind == tokValue {
			s.next()
			if t = s.peek(); t.kind != tokFlowEntry && t.kind != tokFlowSequenceEnd {
				pair.Content = append(pair.Content, p.node(false, false))
				return
			}
		}
		pair.Content = append(pair.Content, p.empty(value.start))
	})
}

func (p *parser) flowMapping(n *Node) {
	s := &p.s
	p.flowCollection(tokFlowMappingEnd, "did not find expected ',' or '}'", func(t *token) {
		if t.kind != tokKey {
			// a key without a value: {a, b: c}
			n.Content = append(n.Content, p.node(false, false))
			n.Content = append(n.Content, p.empty(s.peek().start))
			return
		}
		s.next()
		switch t = s.peek(); t.kind {
		case tokValue, tokFlowEntry, tokFlowMappingEnd:
			n.Content = append(n.Content, p.empty(t.start))
		default:
			n.Content = append(n.Content, p.node(false, false))
		}
		t = s.peek()
		if t.kind == tokValue {
			s.next()
			if t = s.peek(); t.kind != tokFlowEntry && t.kind != tokFlowMappingEnd {
				n.Content = append(n.Content, p.node(false, false))
				return
			}
		}
		n.Content = append(n.Content, p.empty(t.start))
	})
}

// Unmarshal reads the first YAML document of data into out, which must be
// a *Node: out is left as it is when data holds no document. A syntax
// error reads "yaml: line N: message" (the line as go-yaml gives it) or
// "yaml: message".
func Unmarshal(data []byte, out any) error {
	n, ok := out.(*Node)
	if !ok {
		return errors.New("yaml: Unmarshal takes a *yaml.Node")
	}
	doc, err := newParser(data).read()
	if err != nil {
		return err
	}
	if doc != nil {
		*n = *doc
	}
	return nil
}

// Decoder reads the documents of a stream one by one.
type Decoder struct {
	r   io.Reader
	p   *parser
	err error
}

// NewDecoder returns a Decoder that reads r (all of it, at the first
// Decode).
func NewDecoder(r io.Reader) *Decoder { return &Decoder{r: r} }

// Decode reads the next document into out, a *Node; io.EOF when there is
// none left.
func (d *Decoder) Decode(out any) error {
	n, ok := out.(*Node)
	if !ok {
		return errors.New("yaml: Decode takes a *yaml.Node")
	}
	if d.err != nil {
		return d.err
	}
	if d.p == nil {
		data, err := io.ReadAll(d.r)
		if err != nil {
			d.err = errors.New("yaml: input error: " + err.Error())
			return d.err
		}
		d.p = newParser(data)
	}
	doc, err := d.p.read()
	if err != nil {
		d.err = err
		return err
	}
	if doc == nil {
		return io.EOF
	}
	*n = *doc
	return nil
}
