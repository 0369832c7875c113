package yaml

// scalar.go: the scanning of the three kinds of scalar text (block,
// quoted, plain), with YAML's line folding.

// fold appends what a line break between two pieces of text becomes: a
// first break "\n" followed by no empty line folds to a space, followed
// by empty lines to those lines; LS and PS are kept.
func fold(b, first, more []byte) []byte {
	if len(first) > 0 && first[0] == '\n' {
		if len(more) == 0 {
			return append(b, ' ')
		}
		return append(b, more...)
	}
	b = append(b, first...)
	return append(b, more...)
}

// scanBlockScalar scans a literal (|) or folded (>) scalar with its
// chomping (+, -) and indentation (1-9) indicators, in either order.
func (s *scanner) scanBlockScalar(literal bool) token {
	start := s.mark
	s.skip()
	chomp, increment := 0, 0
	chompSign := func() bool {
		switch s.at(0) {
		case '+':
			chomp = 1
		case '-':
			chomp = -1
		default:
			return false
		}
		s.skip()
		return true
	}
	digit := func() bool {
		c := s.at(0)
		if c < '0' || c > '9' {
			return false
		}
		if c == '0' {
			s.scanError(start, "found an indentation indicator equal to 0")
		}
		increment = int(c - '0')
		s.skip()
		return true
	}
	if chompSign() {
		digit()
	} else if digit() {
		chompSign()
	}
	for s.isBlank(0) {
		s.skip()
	}
	if s.at(0) == '#' {
		for !s.isBreakOrEnd(0) {
			s.skip()
		}
	}
	if !s.isBreakOrEnd(0) {
		s.scanError(start, "did not find expected comment or line break")
	}
	s.skipLine()
	end := s.mark
	indent := 0
	if increment > 0 {
		if s.indent >= 0 {
			indent = s.indent + increment
		} else {
			indent = increment
		}
	}
	var b, leading, trailing []byte
	trailing = s.blockBreaks(&indent, trailing, start, &end)
	leadingBlank := false
	for s.mark.column == indent && !s.isEnd(0) {
		trailingBlank := s.isBlank(0)
		if !literal && !leadingBlank && !trailingBlank && len(leading) > 0 && leading[0] == '\n' {
			if len(trailing) == 0 {
				b = append(b, ' ')
			}
		} else {
			b = append(b, leading...)
		}
		leading = leading[:0]
		b = append(b, trailing...)
		trailing = trailing[:0]
		leadingBlank = s.isBlank(0)
		for !s.isBreakOrEnd(0) {
			b = s.read(b)
		}
		leading = s.readLine(leading)
		trailing = s.blockBreaks(&indent, trailing, start, &end)
	}
	if chomp != -1 {
		b = append(b, leading...)
	}
	if chomp == 1 {
		b = append(b, trailing...)
	}
	style := LiteralStyle
	if !literal {
		style = FoldedStyle
	}
	return token{kind: tokScalar, start: start, end: end, value: string(b), style: style}
}

// blockBreaks reads the indentation and the empty lines before a line of
// a block scalar, fixing the indentation from the first line with text
// when no indicator gave it.
func (s *scanner) blockBreaks(indent *int, breaks []byte, start mark, end *mark) []byte {
	*end = s.mark
	most := 0
	for {
		for (*indent == 0 || s.mark.column < *indent) && s.at(0) == ' ' {
			s.skip()
		}
		most = max(most, s.mark.column)
		if (*indent == 0 || s.mark.column < *indent) && s.at(0) == '\t' {
			s.scanError(start, "found a tab character where an indentation space is expected")
		}
		if !s.isBreak(0) {
			break
		}
		breaks = s.readLine(breaks)
		*end = s.mark
	}
	if *indent == 0 {
		*indent = max(most, s.indent+1, 1)
	}
	return breaks
}

// atDocumentMarker reports whether a line starts here with --- or ...
func (s *scanner) atDocumentMarker() bool {
	if s.mark.column != 0 {
		return false
	}
	c := s.at(0)
	return (c == '-' || c == '.') && s.at(1) == c && s.at(2) == c && s.isBlankOrEnd(3)
}

// scanQuoted scans a single-quoted (a quote doubled for one) or double-quoted
// (backslash escapes) scalar.
func (s *scanner) scanQuoted(single bool) token {
	start := s.mark
	s.skip()
	var b, leading, trailing, spaces []byte
	for {
		if s.atDocumentMarker() {
			s.scanError(start, "found unexpected document indicator")
		}
		if s.isEnd(0) {
			s.scanError(start, "found unexpected end of stream")
		}
		leadingBlanks := false
		for !s.isBlankOrEnd(0) {
			c := s.at(0)
			if single && c == '\'' && s.at(1) == '\'' {
				b = append(b, '\'')
				s.skip()
				s.skip()
				continue
			}
			if single && c == '\'' || !single && c == '"' {
				break
			}
			if !single && c == '\\' && s.isBreak(1) {
				s.skip()
				s.skipLine()
				leadingBlanks = true
				break
			}
			if !single && c == '\\' {
				b = s.escape(b, start)
				continue
			}
			b = s.read(b)
		}
		if c := s.at(0); single && c == '\'' || !single && c == '"' {
			break
		}
		for s.isBlank(0) || s.isBreak(0) {
			switch {
			case s.isBlank(0) && !leadingBlanks:
				spaces = s.read(spaces)
			case s.isBlank(0):
				s.skip()
			case !leadingBlanks:
				spaces = spaces[:0]
				leading = s.readLine(leading)
				leadingBlanks = true
			default:
				trailing = s.readLine(trailing)
			}
		}
		if leadingBlanks {
			b = fold(b, leading, trailing)
			leading, trailing = leading[:0], trailing[:0]
		} else {
			b = append(b, spaces...)
			spaces = spaces[:0]
		}
	}
	s.skip()
	style := DoubleQuotedStyle
	if single {
		style = SingleQuotedStyle
	}
	return token{kind: tokScalar, start: start, end: s.mark, value: string(b), style: style}
}

// escape appends what the escape sequence at the current position stands
// for and moves past it.
func (s *scanner) escape(b []byte, start mark) []byte {
	digits := 0
	switch c := s.at(1); c {
	case ' ', '\'', '/':
		b = append(b, c)
	case '\t':
		b = append(b, '\t')
	case 'x':
		digits = 2
	case 'u':
		digits = 4
	case 'U':
		digits = 8
	default:
		r := unescape(c)
		if r < 0 {
			s.scanError(start, "found unknown escape character")
		}
		b = appendRune(b, int(r))
	}
	s.skip()
	s.skip()
	if digits == 0 {
		return b
	}
	r := 0
	for k := range digits {
		v, ok := hexValue(s.at(k))
		if !ok {
			s.scanError(start, "did not find expected hexdecimal number")
		}
		r = r<<4 | v
	}
	if r >= 0xD800 && r <= 0xDFFF || r > 0x10FFFF {
		s.scanError(start, "found invalid Unicode character escape code")
	}
	for range digits {
		s.skip()
	}
	return appendRune(b, r)
}

// escapeLetters are the letters that escape one character each in a
// double-quoted scalar, both ways (the reader also takes \/, \', a
// backslash before a space or tab).
const escapeLetters = "0abtnvfre\"\\N_LP"

// unescape returns the character escaped by letter c, -1 for none.
func unescape(c byte) rune {
	switch c {
	case '0':
		return 0
	case 'a':
		return 7
	case 'b':
		return 8
	case 't':
		return 9
	case 'n':
		return 10
	case 'v':
		return 11
	case 'f':
		return 12
	case 'r':
		return 13
	case 'e':
		return 0x1B
	case '"', '\\':
		return rune(c)
	case 'N':
		return 0x85
	case '_':
		return 0xA0
	case 'L':
		return 0x2028
	case 'P':
		return 0x2029
	}
	return -1
}

// appendRune appends r in UTF-8 (r is not a surrogate).
func appendRune(b []byte, r int) []byte {
	switch {
	case r < 0x80:
		return append(b, byte(r))
	case r < 0x800:
		return append(b, byte(0xC0|r>>6), byte(0x80|r&0x3F))
	case r < 0x10000:
		return append(b, byte(0xE0|r>>12), byte(0x80|r>>6&0x3F), byte(0x80|r&0x3F))
	}
	return append(b, byte(0xF0|r>>18), byte(0x80|r>>12&0x3F), byte(0x80|r>>6&0x3F), byte(0x80|r&0x3F))
}

// scanPlain scans a plain scalar, which may go on over several lines
// indented more than the block it is in.
func (s *scanner) scanPlain() token {
	var b, leading, trailing, spaces []byte
	leadingBlanks := false
	indent := s.indent + 1
	start, end := s.mark, s.mark
	for {
		if s.atDocumentMarker() || s.at(0) == '#' {
			break
		}
		for !s.isBlankOrEnd(0) {
			c := s.at(0)
			if c == ':' && s.isBlankOrEnd(1) {
				break
			}
			if s.flowLevel > 0 && (c == ',' || c == '?' || c == '[' || c == ']' || c == '{' || c == '}') {
				break
			}
			if leadingBlanks {
				b = fold(b, leading, trailing)
				leading, trailing = leading[:0], trailing[:0]
				leadingBlanks = false
			} else if len(spaces) > 0 {
				b = append(b, spaces...)
				spaces = spaces[:0]
			}
			b = s.read(b)
			end = s.mark
		}
		if !s.isBlank(0) && !s.isBreak(0) {
			break
		}
		for s.isBlank(0) || s.isBreak(0) {
			if s.isBlank(0) {
				if leadingBlanks && s.mark.column < indent && s.at(0) == '\t' {
					s.scanError(start, "found a tab character that violates indentation")
				}
				if leadingBlanks {
					s.skip()
				} else {
					spaces = s.read(spaces)
				}
			} else if !leadingBlanks {
				spaces = spaces[:0]
				leading = s.readLine(leading)
				leadingBlanks = true
			} else {
				trailing = s.readLine(trailing)
			}
		}
		if s.flowLevel == 0 && s.mark.column < indent {
			break
		}
	}
	if leadingBlanks {
		s.keyAllowed = true
	}
	return token{kind: tokScalar, start: start, end: end, value: string(b)}
}
