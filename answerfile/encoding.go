package answerfile

import (
	"bytes"
	"fmt"
	"unicode/utf16"
	"unicode/utf8"
)

// Charset names the byte encoding of a file.
type Charset string

// The encodings the reader accepts: what Windows editors write.
const (
	UTF8    Charset = "utf-8"
	UTF16LE Charset = "utf-16le"
	UTF16BE Charset = "utf-16be"
)

// Encoding is how a file was stored; writing keeps it unless told otherwise.
type Encoding struct {
	Charset Charset
	BOM     bool // a byte-order mark starts the file
	CRLF    bool // lines end with CR LF (the first line end decides)
}

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// decode turns data into UTF-8 text; msg is non-empty when that is impossible.
func decode(data []byte) (text []byte, enc Encoding, msg, fix string) {
	enc.Charset = UTF8
	if order, bom, ok := utf32(data); ok {
		what := "without a byte-order mark"
		if bom {
			what = "with a byte-order mark"
		}
		return nil, enc, "the file is UTF-32 " + order + " (" + what + "), which answer files cannot be",
			"save it as UTF-8, or as UTF-16 with a byte-order mark (\"Unicode\" in Notepad)"
	}
	switch {
	case bytes.HasPrefix(data, bomUTF8):
		enc.BOM = true
		text = data[3:]
	case bytes.HasPrefix(data, bomUTF16LE), bytes.HasPrefix(data, bomUTF16BE):
		enc.BOM = true
		enc.Charset = UTF16LE
		if data[0] == 0xFE {
			enc.Charset = UTF16BE
		}
		var err error
		text, err = fromUTF16(data[2:], enc.Charset == UTF16BE)
		if err != nil {
			return nil, enc, err.Error(), "save the file again as UTF-16 or UTF-8"
		}
	case len(data) >= 2 && data[0] != 0 && data[1] == 0, len(data) >= 2 && data[0] == 0 && data[1] != 0:
		order := "LE"
		if data[0] == 0 {
			order = "BE"
		}
		return nil, enc, "the file looks like UTF-16 " + order + " without a byte-order mark",
			"save it as UTF-8, or as UTF-16 with a byte-order mark (\"Unicode\" in Notepad)"
	default:
		text = data
	}
	if i := bytes.IndexByte(text, '\n'); i > 0 && text[i-1] == '\r' {
		enc.CRLF = true
	}
	return text, enc, "", ""
}

func fromUTF16(b []byte, bigEndian bool) ([]byte, error) {
	if len(b)%2 != 0 {
		return nil, fmt.Errorf("UTF-16 file has an odd number of bytes (%d): it is truncated", len(b)+2)
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		if bigEndian {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		} else {
			u[i] = uint16(b[2*i+1])<<8 | uint16(b[2*i])
		}
	}
	out := make([]byte, 0, len(u)+len(u)/4)
	for i := 0; i < len(u); i++ {
		r := rune(u[i])
		if utf16.IsSurrogate(r) {
			if i+1 < len(u) {
				if d := utf16.DecodeRune(r, rune(u[i+1])); d != utf8.RuneError {
					out = utf8.AppendRune(out, d)
					i++
					continue
				}
			}
			return nil, fmt.Errorf("invalid UTF-16: unpaired surrogate 0x%04X at byte %d", u[i], 2+2*i)
		}
		out = utf8.AppendRune(out, r)
	}
	return out, nil
}

// encode turns UTF-8 text with LF line ends back into the bytes of enc.
func encode(text []byte, enc Encoding) []byte {
	if enc.CRLF {
		text = bytes.ReplaceAll(text, []byte("\n"), []byte("\r\n"))
	}
	var out []byte
	switch enc.Charset {
	case UTF16LE, UTF16BE:
		if enc.BOM {
			out = append(out, 0xFF, 0xFE)
			if enc.Charset == UTF16BE {
				out[0], out[1] = 0xFE, 0xFF
			}
		}
		for _, u := range utf16.Encode([]rune(string(text))) {
			if enc.Charset == UTF16BE {
				out = append(out, byte(u>>8), byte(u))
			} else {
				out = append(out, byte(u), byte(u>>8))
			}
		}
		return out
	}
	if enc.BOM {
		out = append(out, bomUTF8...)
	}
	return append(out, text...)
}

// checkDeclaredEncoding compares the XML declaration's encoding with the bytes.
func checkDeclaredEncoding(decl string, enc Encoding) (msg, fix string) {
	switch decl {
	case "", "utf-8", "utf8", "us-ascii", "ascii":
		if enc.Charset != UTF8 {
			return fmt.Sprintf("the file is %s (byte-order mark) but its XML declaration says encoding=%q", enc.Charset, decl),
				"write encoding=\"utf-16\" in the declaration, or save the file as UTF-8"
		}
	case "utf-16", "utf-16le", "utf-16be", "unicode":
		if enc.Charset == UTF8 {
			what := "has no UTF-16 byte-order mark"
			if enc.BOM {
				what = "starts with a UTF-8 byte-order mark"
			}
			return fmt.Sprintf("the XML declaration says encoding=%q but the file %s", decl, what),
				"write encoding=\"utf-8\" in the declaration, or save the file as UTF-16"
		}
	default:
		return fmt.Sprintf("encoding %q is not supported", decl), "save the file as UTF-8 and declare encoding=\"utf-8\""
	}
	return "", ""
}

// DecodeText returns data as Document.Text holds it: UTF-8, after any
// byte-order mark, line ends as in the file. ok is false when data is not
// text the reader accepts (the reader then reports why).
func DecodeText(data []byte) (text []byte, enc Encoding, ok bool) {
	text, enc, msg, _ := decode(data)
	return text, enc, msg == ""
}

// EncodeText turns text as DecodeText returns it (line ends as in the file)
// back into the bytes of enc: the inverse of DecodeText.
func (enc Encoding) EncodeText(text []byte) []byte {
	enc.CRLF = false // the line ends are in text already
	return encode(text, enc)
}

// utf32 reports whether data is UTF-32 text: a UTF-32 byte-order mark (the
// little-endian one starts like UTF-16's), or a first character with three
// zero bytes, as "<" is.
func utf32(data []byte) (order string, bom, ok bool) {
	if len(data) < 4 {
		return "", false, false
	}
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE, 0, 0}):
		return "LE", true, true
	case bytes.HasPrefix(data, []byte{0, 0, 0xFE, 0xFF}):
		return "BE", true, true
	case data[0] != 0 && data[1] == 0 && data[2] == 0 && data[3] == 0:
		return "LE", false, true
	case data[0] == 0 && data[1] == 0 && data[2] == 0 && data[3] != 0:
		return "BE", false, true
	}
	return "", false, false
}
