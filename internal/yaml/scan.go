package yaml

import (
	"strconv"
	"unicode/utf8"
)

// scan.go: the scanner, which turns the text into tokens. Block
// collections are found by indentation (a stack of indentation columns,
// closed by block-end tokens), and a mapping key without "?" by the ":"
// that follows it: every place a key could start is remembered until that
// ":" (or the end of the line) decides, and a key token is then inserted
// before it in the queue. The parser never looks further than the token
// queue; the scanner keeps three tokens ahead, as go-yaml does, so that
// errors come in the same order.

// mark is a position: index counts characters, line and column are 0-based.
type mark struct{ index, line, column int }

type tokenKind uint8

const (
	tokNone tokenKind = iota
	tokStreamStart
	tokStreamEnd
	tokDocumentStart
	tokDocumentEnd
	tokBlockSequenceStart
	tokBlockMappingStart
	tokBlockEnd
	tokFlowSequenceStart
	tokFlowSequenceEnd
	tokFlowMappingStart
	tokFlowMappingEnd
	tokBlockEntry
	tokFlowEntry
	tokKey
	tokValue
	tokAlias
	tokAnchor
	tokTag
	tokScalar
)

type token struct {
	kind       tokenKind
	start, end mark
	value      string // scalar text, anchor or alias name, tag handle
	suffix     string // tag suffix
	style      Style  // scalars: 0 for plain

	// The token is as large as go-yaml's (144 bytes), so that the queue's
	// array grows and moves at the same tokens: go-yaml places one empty
	// value (a pair's in a flow sequence, [a: ]) at the mark of a token it
	// reads through a pointer into the queue after the queue may have
	// moved, and this parser reads it the same way (flowSequence).
	_ [48]byte
}

// simpleKey is a place where a mapping key without "?" may start.
type simpleKey struct {
	possible, required bool
	tokenNumber        int
	mark               mark
}

// maxDepth bounds the nesting of flow collections and of indentation
// levels, each, as go-yaml does.
const maxDepth = 10000

type scanner struct {
	src  []byte
	pos  int
	mark mark

	tokens []token
	head   int // the next token for the parser
	taken  int // tokens the parser has taken

	started bool // the stream start token is queued

	indent    int
	indents   []int
	flowLevel int

	keyAllowed bool
	keys       []simpleKey
	keyAt      map[int]int // token number -> index in keys of a key that may start there

	newlines int // line breaks since the last character that is not blank
}

// syntaxError is an error in the text at a 1-based line (0: none).
type syntaxError struct {
	line int
	msg  string
}

func (e *syntaxError) Error() string {
	if e.line == 0 {
		return "yaml: " + e.msg
	}
	return "yaml: line " + strconv.Itoa(e.line) + ": " + e.msg
}

// errorLine is the line go-yaml gives an error: the 0-based line of the
// context mark, else of the problem mark (0 for none), made 1-based for
// scanner errors.
func errorLine(scanner bool, context, problem int) int {
	line := context
	if line == 0 {
		line = problem
	}
	if line != 0 && scanner {
		line++
	}
	return line
}

// scanError stops the scan with a scanner error about context (at
// context) found at the current position.
func (s *scanner) scanError(context mark, msg string) {
	panic(&syntaxError{line: errorLine(true, context.line, s.mark.line), msg: msg})
}

// at returns the byte k bytes after the current position, 0 past the end
// (the text holds no NUL: checkText refuses control characters).
func (s *scanner) at(k int) byte {
	if s.pos+k < len(s.src) {
		return s.src[s.pos+k]
	}
	return 0
}

func (s *scanner) isBlank(k int) bool { c := s.at(k); return c == ' ' || c == '\t' }

func (s *scanner) isBreak(k int) bool {
	switch s.at(k) {
	case '\r', '\n':
		return true
	case 0xC2:
		return s.at(k+1) == 0x85
	case 0xE2:
		return s.at(k+1) == 0x80 && (s.at(k+2) == 0xA8 || s.at(k+2) == 0xA9)
	}
	return false
}

func (s *scanner) isEnd(k int) bool        { return s.pos+k >= len(s.src) }
func (s *scanner) isBreakOrEnd(k int) bool { return s.isEnd(k) || s.isBreak(k) }
func (s *scanner) isBlankOrEnd(k int) bool { return s.isBlank(k) || s.isBreakOrEnd(k) }

// isWord reports whether the byte at k is a letter, a digit, _ or -.
func (s *scanner) isWord(k int) bool {
	c := s.at(k)
	return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_' || c == '-'
}

// charWidth is the length of the UTF-8 sequence that starts with c (1 for
// a byte that cannot start one: checkText refuses those before).
func charWidth(c byte) int { return max(utf8Length(c), 1) }

// skip moves past one character.
func (s *scanner) skip() {
	if !s.isBlank(0) {
		s.newlines = 0
	}
	s.mark.index++
	s.mark.column++
	s.pos += charWidth(s.src[s.pos])
}

// read appends the current character to b and moves past it.
func (s *scanner) read(b []byte) []byte {
	if !s.isBlank(0) {
		s.newlines = 0
	}
	w := charWidth(s.src[s.pos])
	b = append(b, s.src[s.pos:s.pos+w]...)
	s.pos += w
	s.mark.index++
	s.mark.column++
	return b
}

// skipLine moves past a line break (CR LF counts as one).
func (s *scanner) skipLine() {
	if s.at(0) == '\r' && s.at(1) == '\n' {
		s.mark.index += 2
		s.pos += 2
	} else if s.isBreak(0) {
		s.mark.index++
		s.pos += charWidth(s.src[s.pos])
	} else {
		return
	}
	s.mark.column = 0
	s.mark.line++
	s.newlines++
}

// readLine appends the line break at the current position to b, CR LF,
// CR and NEL as "\n", LS and PS as they are, and moves past it.
func (s *scanner) readLine(b []byte) []byte {
	switch {
	case s.at(0) == '\r' && s.at(1) == '\n':
		b = append(b, '\n')
		s.pos += 2
		s.mark.index++
	case s.at(0) == '\r' || s.at(0) == '\n':
		b = append(b, '\n')
		s.pos++
	case s.at(0) == 0xC2 && s.at(1) == 0x85:
		b = append(b, '\n')
		s.pos += 2
	case s.isBreak(0):
		b = append(b, s.src[s.pos:s.pos+3]...)
		s.pos += 3
	default:
		return b
	}
	s.mark.index++
	s.mark.column = 0
	s.mark.line++
	s.newlines++
	return b
}

// checkText refuses text that is not UTF-8 or holds a character YAML does
// not allow (control characters other than tab and line breaks,
// surrogates, U+FFFE, U+FFFF), with its line.
func checkText(src []byte) error {
	line := 1
	for i := 0; i < len(src); {
		c := src[i]
		if c < 0x80 {
			switch {
			case c == '\n':
				line++
			case c == '\r':
				if i+1 >= len(src) || src[i+1] != '\n' {
					line++
				}
			case c == '\t' || c >= 0x20 && c < 0x7F:
			default:
				return &syntaxError{line: line, msg: "control characters are not allowed"}
			}
			i++
			continue
		}
		r, w := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && w == 1 {
			return &syntaxError{line: line, msg: "invalid UTF-8"}
		}
		if r >= 0x80 && r < 0xA0 && r != 0x85 || r == 0xFFFE || r == 0xFFFF {
			return &syntaxError{line: line, msg: "control characters are not allowed"}
		}
		if r == 0x85 || r == 0x2028 || r == 0x2029 {
			line++
		}
		i += w
	}
	return nil
}

// peek returns the next token for the parser, scanning as needed.
func (s *scanner) peek() *token {
	s.fetchMore()
	return &s.tokens[s.head]
}

// next takes the next token.
func (s *scanner) next() {
	s.head++
	s.taken++
}

// fetchMore scans until three tokens are queued and the first is not a
// place where a key may yet start.
func (s *scanner) fetchMore() {
	for {
		if s.head < len(s.tokens)-2 {
			i, ok := s.keyAt[s.taken]
			if !ok || !s.keyValid(&s.keys[i]) {
				return
			}
		}
		s.fetch()
	}
}

// keyValid reports whether a key may still start at k: not when the scan
// has left its line or gone 1024 characters past it (an error for a key
// that must be one).
func (s *scanner) keyValid(k *simpleKey) bool {
	if !k.possible {
		return false
	}
	if k.mark.line < s.mark.line || k.mark.index+1024 < s.mark.index {
		if k.required {
			s.scanError(k.mark, "could not find expected ':'")
		}
		k.possible = false
		return false
	}
	return true
}

// push queues t, at the end when at < 0, else at offset at from the head.
func (s *scanner) push(at int, t token) {
	if s.head > 0 && len(s.tokens) == cap(s.tokens) {
		// the taken tokens make room: the queue is short, its array reused
		n := copy(s.tokens, s.tokens[s.head:])
		s.tokens = s.tokens[:n]
		s.head = 0
	}
	s.tokens = append(s.tokens, t)
	if at < 0 {
		return
	}
	i := s.head + at
	copy(s.tokens[i+1:], s.tokens[i:])
	s.tokens[i] = t
}

func (s *scanner) queued() int { return s.taken + len(s.tokens) - s.head }

// fetch scans the next token.
func (s *scanner) fetch() {
	if !s.started {
		s.started = true
		s.indent = -1
		s.keys = append(s.keys, simpleKey{})
		s.keyAllowed = true
		s.push(-1, token{kind: tokStreamStart, start: s.mark, end: s.mark})
		return
	}
	scanned := s.mark
	s.skipToToken()
	s.unrollIndent(s.mark.column, scanned)
	if s.isEnd(0) {
		s.fetchStreamEnd()
		return
	}
	c := s.at(0)
	if s.mark.column == 0 {
		if c == '%' {
			s.scanError(s.mark, "found a %YAML or %TAG directive: directives are not supported")
		}
		if (c == '-' && s.at(1) == '-' && s.at(2) == '-' || c == '.' && s.at(1) == '.' && s.at(2) == '.') && s.isBlankOrEnd(3) {
			s.unrollIndent(-1, s.mark)
			s.removeKey()
			s.keyAllowed = false
			start := s.mark
			s.skip()
			s.skip()
			s.skip()
			kind := tokDocumentStart
			if c == '.' {
				kind = tokDocumentEnd
			}
			s.push(-1, token{kind: kind, start: start, end: s.mark})
			return
		}
	}
	s.fetchToken(c)
	if n := len(s.tokens); n > 0 && s.tokens[n-1].kind == tokBlockEntry {
		return
	}
	s.skipLineComment()
}

func (s *scanner) fetchToken(c byte) {
	switch {
	case c == '[':
		s.fetchFlowStart(tokFlowSequenceStart)
	case c == '{':
		s.fetchFlowStart(tokFlowMappingStart)
	case c == ']':
		s.fetchFlowEnd(tokFlowSequenceEnd)
	case c == '}':
		s.fetchFlowEnd(tokFlowMappingEnd)
	case c == ',':
		s.removeKey()
		s.keyAllowed = true
		s.pushIndicator(tokFlowEntry)
	case c == '-' && s.isBlankOrEnd(1):
		if s.flowLevel == 0 {
			if !s.keyAllowed {
				s.scanError(s.mark, "block sequence entries are not allowed in this context")
			}
			s.rollIndent(s.mark.column, -1, tokBlockSequenceStart, s.mark)
		}
		s.removeKey()
		s.keyAllowed = true
		s.pushIndicator(tokBlockEntry)
	case c == '?' && (s.flowLevel > 0 || s.isBlankOrEnd(1)):
		if s.flowLevel == 0 {
			if !s.keyAllowed {
				s.scanError(s.mark, "mapping keys are not allowed in this context")
			}
			s.rollIndent(s.mark.column, -1, tokBlockMappingStart, s.mark)
		}
		s.removeKey()
		s.keyAllowed = s.flowLevel == 0
		s.pushIndicator(tokKey)
	case c == ':' && (s.flowLevel > 0 || s.isBlankOrEnd(1)):
		s.fetchValue()
	case c == '*' || c == '&':
		s.saveKey()
		s.keyAllowed = false
		s.push(-1, s.scanAnchor(c == '*'))
	case c == '!':
		s.saveKey()
		s.keyAllowed = false
		s.push(-1, s.scanTag())
	case (c == '|' || c == '>') && s.flowLevel == 0:
		s.removeKey()
		s.keyAllowed = true
		s.push(-1, s.scanBlockScalar(c == '|'))
	case c == '\'' || c == '"':
		s.saveKey()
		s.keyAllowed = false
		s.push(-1, s.scanQuoted(c == '\''))
	case s.startsPlain(c):
		s.saveKey()
		s.keyAllowed = false
		s.push(-1, s.scanPlain())
	default:
		s.scanError(s.mark, "found character that cannot start any token")
	}
}

// startsPlain reports whether c, at the current position, starts a plain
// scalar.
func (s *scanner) startsPlain(c byte) bool {
	switch c {
	case '-':
		return !s.isBlank(1)
	case '?', ':':
		return s.flowLevel == 0 && !s.isBlankOrEnd(1)
	case ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
		return false
	}
	return !s.isBlankOrEnd(0)
}

func (s *scanner) pushIndicator(kind tokenKind) {
	start := s.mark
	s.skip()
	s.push(-1, token{kind: kind, start: start, end: s.mark})
}

// skipToToken skips blanks, comments and line breaks up to the next token
// (a byte order mark only at the start of the text, as go-yaml does in
// practice; elsewhere it is text).
// A tab is skipped only where it cannot be taken for indentation.
func (s *scanner) skipToToken() {
	if s.pos == 0 && s.at(0) == 0xEF && s.at(1) == 0xBB && s.at(2) == 0xBF {
		s.skip() // a second byte order mark: skipped, counted as a column (v3)
	}
	for {
		for s.at(0) == ' ' || (s.flowLevel > 0 || !s.keyAllowed) && s.at(0) == '\t' {
			s.skip()
		}
		if s.at(0) == '#' {
			for !s.isBreakOrEnd(0) {
				s.skip()
			}
		}
		if !s.isBreak(0) {
			return
		}
		s.skipLine()
		if s.flowLevel == 0 {
			s.keyAllowed = true
		}
	}
}

// skipLineComment skips blanks and a comment that follow a token on its
// line (tabs included).
func (s *scanner) skipLineComment() {
	if s.newlines > 0 {
		return
	}
	k := 0
	for k < 512 && s.isBlank(k) {
		k++
	}
	if s.at(k) != '#' {
		return
	}
	for !s.isBreakOrEnd(0) {
		s.skip()
	}
}

func (s *scanner) fetchStreamEnd() {
	if s.mark.column != 0 {
		s.mark.column = 0
		s.mark.line++
	}
	s.unrollIndent(-1, s.mark)
	s.removeKey()
	s.keyAllowed = false
	s.push(-1, token{kind: tokStreamEnd, start: s.mark, end: s.mark})
}

// rollIndent opens a block collection at column: its start token is
// queued at the end (number < 0) or before the token numbered number.
func (s *scanner) rollIndent(column, number int, kind tokenKind, at mark) {
	if s.flowLevel > 0 || s.indent >= column {
		return
	}
	s.indents = append(s.indents, s.indent)
	s.indent = column
	if len(s.indents) > maxDepth {
		s.scanError(s.keys[len(s.keys)-1].mark, "exceeded max depth of "+strconv.Itoa(maxDepth))
	}
	t := token{kind: kind, start: at, end: at}
	if number < 0 {
		s.push(-1, t)
	} else {
		s.push(number-s.taken, t)
	}
}

// unrollIndent closes the block collections indented more than column;
// their block-end tokens are placed at m, the end of the last token (go-yaml
// places some at a comment between, which this package does not keep).
func (s *scanner) unrollIndent(column int, m mark) {
	if s.flowLevel > 0 {
		return
	}
	for s.indent > column {
		s.push(-1, token{kind: tokBlockEnd, start: m, end: m})
		s.indent = s.indents[len(s.indents)-1]
		s.indents = s.indents[:len(s.indents)-1]
	}
}

// saveKey remembers that a key may start at the current token.
func (s *scanner) saveKey() {
	if !s.keyAllowed {
		return
	}
	k := simpleKey{
		possible:    true,
		required:    s.flowLevel == 0 && s.indent == s.mark.column,
		tokenNumber: s.queued(),
		mark:        s.mark,
	}
	s.removeKey()
	s.keys[len(s.keys)-1] = k
	if s.keyAt == nil {
		s.keyAt = map[int]int{}
	}
	s.keyAt[k.tokenNumber] = len(s.keys) - 1
}

// removeKey forgets the key that may start at this level; an error when
// it had to be one.
func (s *scanner) removeKey() {
	k := &s.keys[len(s.keys)-1]
	if k.possible {
		if k.required {
			s.scanError(k.mark, "could not find expected ':'")
		}
		k.possible = false
		delete(s.keyAt, k.tokenNumber)
	}
}

func (s *scanner) fetchFlowStart(kind tokenKind) {
	s.saveKey()
	s.keys = append(s.keys, simpleKey{tokenNumber: s.queued(), mark: s.mark})
	s.flowLevel++
	if s.flowLevel > maxDepth {
		s.scanError(s.keys[len(s.keys)-1].mark, "exceeded max depth of "+strconv.Itoa(maxDepth))
	}
	s.keyAllowed = true
	s.pushIndicator(kind)
}

func (s *scanner) fetchFlowEnd(kind tokenKind) {
	s.removeKey()
	if s.flowLevel > 0 {
		s.flowLevel--
		last := len(s.keys) - 1
		delete(s.keyAt, s.keys[last].tokenNumber)
		s.keys = s.keys[:last]
	}
	s.keyAllowed = false
	s.pushIndicator(kind)
}

// fetchValue queues ":" and, when a key may start at the last remembered
// place, the key token there (and the start of a block mapping).
func (s *scanner) fetchValue() {
	k := &s.keys[len(s.keys)-1]
	if s.keyValid(k) {
		s.push(k.tokenNumber-s.taken, token{kind: tokKey, start: k.mark, end: k.mark})
		s.rollIndent(k.mark.column, k.tokenNumber, tokBlockMappingStart, k.mark)
		k.possible = false
		delete(s.keyAt, k.tokenNumber)
		s.keyAllowed = false
	} else {
		if s.flowLevel == 0 {
			if !s.keyAllowed {
				s.scanError(s.mark, "mapping values are not allowed in this context")
			}
			s.rollIndent(s.mark.column, -1, tokBlockMappingStart, s.mark)
		}
		s.keyAllowed = s.flowLevel == 0
	}
	s.pushIndicator(tokValue)
}

func (s *scanner) scanAnchor(alias bool) token {
	start := s.mark
	s.skip()
	var b []byte
	for s.isWord(0) {
		b = s.read(b)
	}
	end := s.mark
	switch s.at(0) {
	case '?', ':', ',', ']', '}', '%', '@', '`':
	default:
		if !s.isBlankOrEnd(0) {
			b = nil
		}
	}
	if len(b) == 0 {
		s.scanError(start, "did not find expected alphabetic or numeric character")
	}
	kind := tokAnchor
	if alias {
		kind = tokAlias
	}
	return token{kind: kind, start: start, end: end, value: string(b)}
}

// scanTag scans !suffix, !!suffix, !handle!suffix or !<verbatim>: the
// token's value is the handle ("" for a verbatim tag), its suffix the rest.
func (s *scanner) scanTag() token {
	start := s.mark
	var handle, suffix []byte
	if s.at(1) == '<' {
		s.skip()
		s.skip()
		suffix = s.scanTagURI(nil, start)
		if s.at(0) != '>' {
			s.scanError(start, "did not find the expected '>'")
		}
		s.skip()
	} else {
		handle = s.scanTagHandle(start)
		if len(handle) > 1 && handle[len(handle)-1] == '!' {
			suffix = s.scanTagURI(nil, start)
		} else {
			suffix = s.scanTagURI(handle, start)
			handle = []byte{'!'}
			if len(suffix) == 0 {
				handle, suffix = suffix, handle
			}
		}
	}
	if !s.isBlankOrEnd(0) {
		s.scanError(start, "did not find expected whitespace or line break")
	}
	return token{kind: tokTag, start: start, end: s.mark, value: string(handle), suffix: string(suffix)}
}

func (s *scanner) scanTagHandle(start mark) []byte {
	if s.at(0) != '!' {
		s.scanError(start, "did not find expected '!'")
	}
	b := s.read(nil)
	for s.isWord(0) {
		b = s.read(b)
	}
	if s.at(0) == '!' {
		b = s.read(b)
	}
	return b
}

// scanTagURI scans the characters a tag may hold, %-escapes decoded; head,
// when given, is a handle scanned before that is the suffix's start.
func (s *scanner) scanTagURI(head []byte, start mark) []byte {
	var b []byte
	seen := len(head) > 0
	if len(head) > 1 {
		b = append(b, head[1:]...)
	}
	for {
		c := s.at(0)
		if !s.isWord(0) && !isTagChar(c) {
			break
		}
		if c == '%' {
			b = s.scanURIEscapes(b, start)
		} else {
			b = s.read(b)
		}
		seen = true
	}
	if !seen {
		s.scanError(start, "did not find expected tag URI")
	}
	return b
}

func isTagChar(c byte) bool {
	switch c {
	case ';', '/', '?', ':', '@', '&', '=', '+', '$', ',', '.', '!', '~', '*', '\'', '(', ')', '[', ']', '%':
		return true
	}
	return false
}

func (s *scanner) scanURIEscapes(b []byte, start mark) []byte {
	want := -1
	for want != 0 {
		hi, ok1 := hexValue(s.at(1))
		lo, ok2 := hexValue(s.at(2))
		if s.at(0) != '%' || !ok1 || !ok2 {
			s.scanError(start, "did not find URI escaped octet")
		}
		octet := byte(hi<<4 | lo)
		if want < 0 {
			want = utf8Length(octet)
			if want == 0 {
				s.scanError(start, "found an incorrect leading UTF-8 octet")
			}
		} else if octet&0xC0 != 0x80 {
			s.scanError(start, "found an incorrect trailing UTF-8 octet")
		}
		b = append(b, octet)
		s.skip()
		s.skip()
		s.skip()
		want--
	}
	return b
}

// utf8Length is the length of a UTF-8 sequence by its first byte, 0 when
// it cannot start one.
func utf8Length(c byte) int {
	switch {
	case c&0x80 == 0:
		return 1
	case c&0xE0 == 0xC0:
		return 2
	case c&0xF0 == 0xE0:
		return 3
	case c&0xF8 == 0xF0:
		return 4
	}
	return 0
}

func hexValue(c byte) (int, bool) {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0'), true
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10, true
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10, true
	}
	return 0, false
}
