package yaml

import (
	"errors"
	"io"
	"strings"
	"unicode/utf8"
)

// encode.go: the Encoder, which writes a node tree as go-yaml v3 writes
// it: the same choice of scalar style (plain where the text reads back as
// the same string, else single-quoted, else double-quoted with escapes;
// several lines as a literal block), the same tags left out, no line
// wrapping, block collections indented by the encoder's indent.

// Encoder writes YAML documents to a writer.
type Encoder struct {
	w      io.Writer
	indent int
	docs   int
	b      []byte
}

// NewEncoder returns an Encoder that writes to w, indenting by 4 spaces.
func NewEncoder(w io.Writer) *Encoder { return &Encoder{w: w, indent: 4} }

// SetIndent sets the indentation of nested block collections (at least 1).
func (e *Encoder) SetIndent(spaces int) {
	e.indent = max(spaces, 1)
}

// Encode writes v, a *Node (a document node or the content of one), as
// the next document of the stream.
func (e *Encoder) Encode(v any) error {
	n, ok := v.(*Node)
	if !ok || n == nil {
		return errors.New("yaml: Encode takes a *yaml.Node")
	}
	if n.Kind == DocumentNode {
		if len(n.Content) != 1 {
			return errors.New("yaml: a document node must hold one node")
		}
		n = n.Content[0]
	}
	e.b = e.b[:0]
	if e.docs > 0 {
		e.b = append(e.b, "---\n"...)
	}
	e.docs++
	e.comment(n.HeadComment, 0)
	if isBlock(n) && hasProps(n) {
		e.props(n, false)
		e.b = append(e.b, '\n')
	}
	switch {
	case isBlock(n) && n.Kind == MappingNode:
		e.blockMapping(n, 0, false)
	case isBlock(n) && n.Kind == SequenceNode:
		e.blockSequence(n, 0, false)
	default:
		e.inline(n, e.indent, false)
		e.b = append(e.b, '\n')
	}
	_, err := e.w.Write(e.b)
	return err
}

// Close ends the stream; the Encoder writes nothing more.
func (e *Encoder) Close() error { return nil }

// isBlock reports whether n is written as a block collection: a mapping
// or sequence not in flow style and not empty.
func isBlock(n *Node) bool {
	return (n.Kind == MappingNode || n.Kind == SequenceNode) && n.Style&FlowStyle == 0 && len(n.Content) > 0
}

func (e *Encoder) spaces(n int) {
	for range n {
		e.b = append(e.b, ' ')
	}
}

// comment writes a head comment, one "# " line per line, at indent.
func (e *Encoder) comment(text string, indent int) {
	if text == "" {
		return
	}
	for line := range strings.SplitSeq(text, "\n") {
		e.spaces(indent)
		if !strings.HasPrefix(line, "#") {
			e.b = append(e.b, "# "...)
		}
		e.b = append(e.b, line...)
		e.b = append(e.b, '\n')
	}
}

// blockMapping writes the pairs of n with their keys at column indent;
// the first on the current line when inline (after "- ").
func (e *Encoder) blockMapping(n *Node, indent int, inline bool) {
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if i > 0 || !inline {
			e.comment(k.HeadComment, indent)
			e.spaces(indent)
		}
		if complexKey(k) {
			e.b = append(e.b, '?')
			e.item(k, indent+e.indent)
			e.spaces(indent)
		} else {
			e.inline(k, indent, true)
		}
		e.b = append(e.b, ':')
		e.value(v, indent+e.indent)
	}
}

// value writes the value of a pair or an item after its indicator: a
// block collection on the next lines at indent, anything else on this line.
func (e *Encoder) value(v *Node, indent int) {
	switch {
	case isBlock(v) && v.Kind == MappingNode:
		e.props(v, true)
		e.b = append(e.b, '\n')
		e.blockMapping(v, indent, false)
	case isBlock(v) && v.Kind == SequenceNode:
		e.props(v, true)
		e.b = append(e.b, '\n')
		e.blockSequence(v, indent, false)
	default:
		e.b = append(e.b, ' ')
		start := len(e.b)
		e.inline(v, indent, false)
		if len(e.b) == start { // an empty plain scalar: nothing after the indicator
			e.b = e.b[:start-1]
		}
		e.b = append(e.b, '\n')
	}
}

// blockSequence writes the items of n, "- " at column indent.
func (e *Encoder) blockSequence(n *Node, indent int, inline bool) {
	for i, item := range n.Content {
		if i > 0 || !inline {
			e.spaces(indent)
		}
		e.b = append(e.b, '-')
		e.item(item, indent+e.indent)
	}
}

// item writes the node after "-" or "?": a block collection without an
// anchor or tag starts on the same line, its lines at indent.
func (e *Encoder) item(n *Node, indent int) {
	switch {
	case isBlock(n) && !hasProps(n) && n.Kind == MappingNode:
		e.b = append(e.b, ' ')
		e.blockMapping(n, indent, true)
	case isBlock(n) && !hasProps(n):
		e.b = append(e.b, ' ')
		e.blockSequence(n, indent, true)
	default:
		e.value(n, indent)
	}
}

// complexKey reports whether key k is written after "? ": a scalar of
// several lines or longer than 128 bytes.
func complexKey(k *Node) bool {
	switch k.Kind {
	case ScalarNode:
		return analyze(k.Value).multiline || len(k.Anchor)+len(writtenTag(k))+len(k.Value) > 128
	case MappingNode, SequenceNode:
		return len(k.Content) > 0 || len(k.Anchor)+len(writtenTag(k)) > 128
	}
	return len(k.Value) > 128
}

// hasProps reports whether n is written with an anchor or a tag.
func hasProps(n *Node) bool { return n.Anchor != "" || writtenTag(n) != "" }

// props writes the anchor and tag of n, with a space before each when
// space.
func (e *Encoder) props(n *Node, space bool) {
	if n.Anchor != "" {
		if space {
			e.b = append(e.b, ' ')
		}
		e.b = append(e.b, '&')
		e.b = append(e.b, n.Anchor...)
		space = true
	}
	if tag := writtenTag(n); tag != "" {
		if space {
			e.b = append(e.b, ' ')
		}
		e.b = append(e.b, tag...)
	}
}

// writtenTag is the tag written for n: none where reading the text back
// gives the same tag.
func writtenTag(n *Node) string {
	tag, _ := scalarTag(n)
	if tag == "" {
		return ""
	}
	if rest, ok := strings.CutPrefix(tag, "!!"); ok {
		return "!!" + escapeTag(rest)
	}
	if rest, ok := strings.CutPrefix(tag, longTagPrefix); ok {
		return "!!" + escapeTag(rest)
	}
	if rest, ok := strings.CutPrefix(tag, "!"); ok {
		return "!" + escapeTag(rest)
	}
	return "!<" + escapeTag(tag) + ">"
}

// escapeTag writes the bytes of a tag that are not letters, digits or
// URI characters as %XX, as go-yaml does.
func escapeTag(s string) string {
	const hex = "0123456789ABCDEF"
	var b []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '-' || c == '_',
			strings.IndexByte(";/?:@&=+$,.~*'()[]", c) >= 0:
			b = append(b, c)
		default:
			b = append(b, '%', hex[c>>4], hex[c&0xF])
		}
	}
	return string(b)
}

// scalarTag returns the tag to write for n and whether a scalar must be
// quoted to read back as a string.
func scalarTag(n *Node) (tag string, quote bool) {
	tag = n.Tag
	if tag == "" || n.Style&TaggedStyle != 0 {
		return tag, false
	}
	stag := shortTag(tag)
	switch n.Kind {
	case ScalarNode:
		if stag == strTag && n.Style&(SingleQuotedStyle|DoubleQuotedStyle|LiteralStyle|FoldedStyle) != 0 {
			return "", false
		}
		if resolve(n.Value) == stag {
			return "", false
		}
		if stag == strTag {
			return "", true
		}
	case MappingNode:
		if stag == mapTag {
			return "", false
		}
	case SequenceNode:
		if stag == seqTag {
			return "", false
		}
	case AliasNode, DocumentNode:
		if stag == strTag {
			return "", false
		}
	}
	return tag, false
}

// inline writes n on the current line: a scalar, an alias or a flow
// collection (every collection inside a flow collection is flow too).
// indent is where the lines of a block scalar go.
func (e *Encoder) inline(n *Node, indent int, key bool) {
	e.inlineIn(n, indent, key, false)
}

func (e *Encoder) inlineIn(n *Node, indent int, key, flow bool) {
	if n.Kind == AliasNode {
		e.b = append(e.b, '*')
		e.b = append(e.b, n.Value...)
		return
	}
	if n.Kind != ScalarNode && hasProps(n) {
		e.props(n, false)
		e.b = append(e.b, ' ')
	}
	switch n.Kind {
	case MappingNode:
		e.b = append(e.b, '{')
		for i := 0; i+1 < len(n.Content); i += 2 {
			if i > 0 {
				e.b = append(e.b, ", "...)
			}
			if k := n.Content[i]; complexKey(k) {
				e.b = append(e.b, "? "...)
				e.inlineIn(k, indent+e.indent, false, true)
				e.b = append(e.b, " : "...)
			} else {
				e.inlineIn(k, indent+e.indent, true, true)
				e.b = append(e.b, ": "...)
			}
			e.inlineIn(n.Content[i+1], indent+e.indent, false, true)
		}
		e.b = append(e.b, '}')
	case SequenceNode:
		e.b = append(e.b, '[')
		for i, item := range n.Content {
			if i > 0 {
				e.b = append(e.b, ", "...)
			}
			e.inlineIn(item, indent+e.indent, false, true)
		}
		e.b = append(e.b, ']')
	case ScalarNode:
		e.scalar(n, indent, key, flow)
	}
}

// scalar writes a scalar in the style go-yaml v3 chooses for it.
func (e *Encoder) scalar(n *Node, indent int, key, flow bool) {
	tag, quote := scalarTag(n)
	var style Style
	switch {
	case n.Style&DoubleQuotedStyle != 0:
		style = DoubleQuotedStyle
	case n.Style&SingleQuotedStyle != 0:
		style = SingleQuotedStyle
	case n.Style&LiteralStyle != 0:
		style = LiteralStyle
	case n.Style&FoldedStyle != 0:
		style = FoldedStyle
	case strings.Contains(n.Value, "\n"):
		style = LiteralStyle
	case quote:
		style = DoubleQuotedStyle
	}
	a := analyze(n.Value)
	if key && a.multiline {
		style = DoubleQuotedStyle
	}
	if style == 0 {
		if flow && !a.flowPlain || !flow && !a.blockPlain || n.Value == "" && (flow || key) {
			style = SingleQuotedStyle
		}
	}
	if style == SingleQuotedStyle && !a.singleQuoted {
		style = DoubleQuotedStyle
	}
	if (style == LiteralStyle || style == FoldedStyle) && (!a.block || flow || key) {
		style = DoubleQuotedStyle
	}
	if n.Anchor != "" || tag != "" {
		e.props(n, false)
		if style != 0 || n.Value != "" {
			e.b = append(e.b, ' ')
		}
	}
	switch style {
	case 0:
		e.b = append(e.b, n.Value...)
	case SingleQuotedStyle:
		e.singleQuoted(n.Value, indent)
	case DoubleQuotedStyle:
		e.doubleQuoted(n.Value)
	default:
		e.blockScalar(n.Value, indent, style == LiteralStyle)
	}
}

// analysis is what a scalar's text allows.
type analysis struct {
	multiline                                  bool
	flowPlain, blockPlain, singleQuoted, block bool
}

// analyze tells the styles text can be written in and read back the same.
func analyze(v string) analysis {
	if v == "" {
		return analysis{blockPlain: true, singleQuoted: true}
	}
	var flowInd, blockInd, breaks, special, tabs bool
	var leadingSpace, leadingBreak, trailingSpace, trailingBreak, breakSpace, spaceBreak bool
	if strings.HasPrefix(v, "---") || strings.HasPrefix(v, "...") {
		flowInd, blockInd = true, true
	}
	precededBySpace, prevSpace, prevBreak := true, false, false
	for i := 0; i < len(v); {
		c := v[i]
		w := charWidth(c)
		followedBySpace := i+w >= len(v) || v[i+w] == ' ' || v[i+w] == '\t'
		if i == 0 {
			switch c {
			case '#', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
				flowInd, blockInd = true, true
			case '?', ':':
				flowInd = true
				blockInd = blockInd || followedBySpace
			case '-':
				if followedBySpace {
					flowInd, blockInd = true, true
				}
			}
		} else {
			switch c {
			case ',', '?', '[', ']', '{', '}':
				flowInd = true
			case ':':
				flowInd = true
				blockInd = blockInd || followedBySpace
			case '#':
				if precededBySpace {
					flowInd, blockInd = true, true
				}
			}
		}
		isBreak := isBreakAt(v, i)
		if c == '\t' {
			tabs = true
		} else if !printable(v, i) {
			special = true
		}
		switch {
		case c == ' ':
			leadingSpace = leadingSpace || i == 0
			trailingSpace = trailingSpace || i+w == len(v)
			breakSpace = breakSpace || prevBreak
			prevSpace, prevBreak = true, false
		case isBreak:
			breaks = true
			leadingBreak = leadingBreak || i == 0
			trailingBreak = trailingBreak || i+w == len(v)
			spaceBreak = spaceBreak || prevSpace
			prevSpace, prevBreak = false, true
		default:
			prevSpace, prevBreak = false, false
		}
		precededBySpace = c == ' ' || c == '\t' || isBreak
		i += w
	}
	a := analysis{multiline: breaks, flowPlain: true, blockPlain: true, singleQuoted: true, block: true}
	if leadingSpace || leadingBreak || trailingSpace || trailingBreak || breaks {
		a.flowPlain, a.blockPlain = false, false
	}
	if trailingSpace {
		a.block = false
	}
	if breakSpace || spaceBreak || tabs || special {
		a.flowPlain, a.blockPlain, a.singleQuoted = false, false, false
	}
	if spaceBreak || special {
		a.block = false
	}
	if flowInd {
		a.flowPlain = false
	}
	if blockInd {
		a.blockPlain = false
	}
	return a
}

// printable reports whether the character at v[i] may be written as it
// is: line feed, printable ASCII, and the characters of the Basic
// Multilingual Plane from U+00A0 but the byte order mark, U+FFFE and
// U+FFFF (go-yaml escapes every character outside it).
func printable(v string, i int) bool {
	c := v[i]
	next := func(k int) byte {
		if i+k < len(v) {
			return v[i+k]
		}
		return 0
	}
	switch {
	case c == '\n' || c >= 0x20 && c <= 0x7E:
		return true
	case c == 0xC2:
		return next(1) >= 0xA0
	case c > 0xC2 && c < 0xED:
		return true
	case c == 0xED:
		return next(1) < 0xA0
	case c == 0xEE:
		return true
	case c == 0xEF:
		return !(next(1) == 0xBB && next(2) == 0xBF) && !(next(1) == 0xBF && (next(2) == 0xBE || next(2) == 0xBF))
	}
	return false
}

func (e *Encoder) singleQuoted(v string, indent int) {
	e.b = append(e.b, '\'')
	breaks := false
	for i := 0; i < len(v); {
		c := v[i]
		w := charWidth(c)
		switch {
		case c == '\n':
			if !breaks {
				e.b = append(e.b, '\n')
			}
			e.b = append(e.b, '\n')
			breaks = true
		case isBreakAt(v, i):
			e.b = append(e.b, v[i:i+w]...)
			breaks = true
		default:
			if breaks {
				e.spaces(indent)
				breaks = false
			}
			if c == '\'' {
				e.b = append(e.b, '\'')
			}
			e.b = append(e.b, v[i:min(i+w, len(v))]...)
		}
		i += w
	}
	e.b = append(e.b, '\'')
}

// isBreakAt reports whether a line break (LF, CR, NEL, LS, PS) starts at
// v[i].
func isBreakAt(v string, i int) bool {
	switch v[i] {
	case '\n', '\r':
		return true
	case 0xC2:
		return strings.HasPrefix(v[i:], "\u0085")
	case 0xE2:
		return strings.HasPrefix(v[i:], "\u2028") || strings.HasPrefix(v[i:], "\u2029")
	}
	return false
}

func (e *Encoder) doubleQuoted(v string) {
	const hex = "0123456789ABCDEF"
	escapeAll := strings.HasPrefix(v, "\ufeff")
	e.b = append(e.b, '"')
	for i := 0; i < len(v); {
		c := v[i]
		isBreak := isBreakAt(v, i)
		if printable(v, i) && !escapeAll && !isBreak && c != '"' && c != '\\' {
			w := charWidth(c)
			e.b = append(e.b, v[i:min(i+w, len(v))]...)
			i += w
			continue
		}
		r, w := utf8.DecodeRuneInString(v[i:])
		if r == utf8.RuneError && w == 1 {
			r = rune(c)
		}
		i += w
		e.b = append(e.b, '\\')
		if k := strings.IndexFunc(escapeLetters, func(l rune) bool { return unescape(byte(l)) == r }); k >= 0 {
			e.b = append(e.b, escapeLetters[k])
			continue
		}
		digits := 8
		switch {
		case r <= 0xFF:
			e.b, digits = append(e.b, 'x'), 2
		case r <= 0xFFFF:
			e.b, digits = append(e.b, 'u'), 4
		default:
			e.b = append(e.b, 'U')
		}
		for k := (digits - 1) * 4; k >= 0; k -= 4 {
			e.b = append(e.b, hex[r>>k&0xF])
		}
	}
	e.b = append(e.b, '"')
}

// blockScalar writes v as a literal (|) or folded (>) block scalar, its
// lines at indent, with the indicators its first and last lines need, and
// the line breaks go-yaml writes. It leaves the last line open when v
// does not end with a line break.
func (e *Encoder) blockScalar(v string, indent int, literal bool) {
	if literal {
		e.b = append(e.b, '|')
	} else {
		e.b = append(e.b, '>')
	}
	if v != "" && (v[0] == ' ' || isBreakAt(v, 0)) {
		e.b = append(e.b, byte('0'+e.indent))
	}
	last := len(v) - 1
	for last > 0 && v[last]&0xC0 == 0x80 {
		last--
	}
	switch {
	case v == "" || !isBreakAt(v, last):
		e.b = append(e.b, '-')
	case last == 0:
		e.b = append(e.b, '+')
	default:
		prev := last - 1
		for prev > 0 && v[prev]&0xC0 == 0x80 {
			prev--
		}
		if isBreakAt(v, prev) {
			e.b = append(e.b, '+')
		}
	}
	e.b = append(e.b, '\n')
	breaks, leadingSpaces := true, true
	for i := 0; i < len(v); {
		w := min(charWidth(v[i]), len(v)-i)
		if isBreakAt(v, i) {
			if !literal && !breaks && !leadingSpaces && v[i] == '\n' {
				// v3 looks for the blank after the breaks at the start of
				// the text, not at this break
				k := 0
				for k < len(v) && isBreakAt(v, k) {
					k += charWidth(v[k])
				}
				if k < len(v) && v[k] != ' ' && v[k] != '\t' {
					e.b = append(e.b, '\n')
				}
			}
			if v[i] == '\n' {
				e.b = append(e.b, '\n')
			} else {
				e.b = append(e.b, v[i:i+w]...)
			}
			breaks = true
		} else {
			if breaks {
				e.spaces(indent)
				leadingSpaces = v[i] == ' ' || v[i] == '\t'
			}
			e.b = append(e.b, v[i:i+w]...)
			breaks = false
		}
		i += w
	}
	if breaks && len(e.b) > 0 && e.b[len(e.b)-1] == '\n' {
		e.b = e.b[:len(e.b)-1] // the caller ends the line
	}
}
