package schema

import (
	"encoding/binary"
	"unicode/utf8"
)

// AppendJSONString appends s as a JSON string, with exactly the bytes
// encoding/json writes: " and \ escaped, \b \f \n \r \t by name, other
// control characters as \u00XX, U+2028 and U+2029 (which end a line in
// JavaScript) as \u2028 and \u2029, a byte that is not valid UTF-8 as
// \ufffd, and with escapeHTML < > & as \u003c \u003e \u0026 (encoding/json's
// default; an Encoder with SetEscapeHTML(false) leaves them).
//
// Reports and resolve results write many strings: most are plain ASCII, so
// s is copied whole and checked eight bytes at a time; only from the first
// byte that needs more does it go character by character.
func AppendJSONString(b []byte, s string, escapeHTML bool) []byte {
	b = append(b, '"')
	start := len(b)
	b = append(b, s...)
	if n := jsonPlainPrefix(b[start:], escapeHTML); n < len(s) {
		b = appendJSONEscaped(b[:start+n], s[n:], escapeHTML)
	}
	return append(b, '"')
}

// jsonPlainPrefix is the length of the longest prefix of p that a JSON
// string holds as it is: no byte below 0x20 or from 0x80, no " and no \,
// and with escapeHTML no < > &.
func jsonPlainPrefix(p []byte, escapeHTML bool) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	// has is non-zero in the high bit of each byte of w that equals c:
	// (x - ones) &^ x has a high bit set where x has a zero byte.
	has := func(w uint64, c byte) uint64 { x := w ^ (ones * uint64(c)); return (x - ones) &^ x }
	i := 0
	for ; i+8 <= len(p); i += 8 {
		w := binary.LittleEndian.Uint64(p[i:])
		// w - ones*0x20 has a high bit set where w has a byte below 0x20.
		bad := (w-ones*0x20)&^w | has(w, '"') | has(w, '\\') | w
		if escapeHTML {
			bad |= has(w, '<') | has(w, '>') | has(w, '&')
		}
		if bad&highs != 0 {
			break
		}
	}
	for ; i < len(p) && !needsEscape(p[i], escapeHTML); i++ {
	}
	return i
}

func needsEscape(c byte, escapeHTML bool) bool {
	return c < 0x20 || c == '"' || c == '\\' || c >= utf8.RuneSelf || escapeHTML && (c == '<' || c == '>' || c == '&')
}

// appendJSONEscaped appends the JSON string text of s, escaping character
// by character; see AppendJSONString.
func appendJSONEscaped(b []byte, s string, escapeHTML bool) []byte {
	const hex = "0123456789abcdef"
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if !needsEscape(c, escapeHTML) {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	return append(b, s[start:]...)
}
