package cli

import (
	"encoding/binary"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/mcsf-dev/mcsf/answerfile"
)

// jsonReport is the JSON form of a lint run; schema/lint-output.schema.json
// describes it (`mcsf schema lint-output`). Every field is always present,
// except fix, which only a diagnostic with a suggested fix carries.
//
// writeJSONReport does not marshal these types: it appends the same bytes
// by hand. They stay as the definition of the form, and the test holds
// writeJSONReport to what encoding/json makes of them.
type jsonReport struct {
	Files       int              `json:"files"`
	Skipped     int              `json:"skipped"`
	Diagnostics []jsonDiagnostic `json:"diagnostics"`
	Summary     jsonSummary      `json:"summary"`
}

type jsonDiagnostic struct {
	File      string              `json:"file"`
	Line      int                 `json:"line"`
	Column    int                 `json:"column"`
	EndLine   int                 `json:"endLine"`
	EndColumn int                 `json:"endColumn"`
	Path      string              `json:"path"`
	Rule      string              `json:"rule"`
	Severity  answerfile.Severity `json:"severity"`
	Message   string              `json:"message"`
	Related   []jsonRelated       `json:"related"`
	Fix       string              `json:"fix,omitempty"`
}

type jsonRelated struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Path    string `json:"path"`
	Message string `json:"message"`
}

type jsonSummary struct {
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Infos    int `json:"infos"`
}

// jsonChunk is how many bytes writeJSONReport gathers before it writes
// them: large enough that the bufio.Writer passes them straight through.
const jsonChunk = 64 << 10

// writeJSONReport writes r as one indented JSON object: byte for byte what
// an encoding/json Encoder with SetIndent("", "  ") and SetEscapeHTML(false)
// writes for a jsonReport. Lists are [] when empty, never null, so
// consumers need no special case.
//
// It appends by hand because the report of a large run is big (22 MB for
// 41,000 findings in 10,000 files) and encoding/json, which reflects over
// every value and then re-indents the whole text, took 0.24 s of a 0.5 s
// budget for it.
func writeJSONReport(w io.Writer, r *report) {
	t := countSeverities(r.Diagnostics)
	b := make([]byte, 0, jsonChunk+4<<10)
	b = append(b, "{\n  \"files\": "...)
	b = strconv.AppendInt(b, int64(len(r.FileNames)), 10)
	b = append(b, ",\n  \"skipped\": "...)
	b = strconv.AppendInt(b, int64(r.Skipped), 10)
	b = append(b, ",\n  \"diagnostics\": ["...)
	for i, d := range r.Diagnostics {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONDiagnostic(b, d)
		if len(b) >= jsonChunk {
			_, _ = w.Write(b) // only write errors are possible; writeReportIn checks them at Flush
			b = b[:0]
		}
	}
	if len(r.Diagnostics) > 0 {
		b = append(b, "\n  "...)
	}
	b = append(b, "],\n  \"summary\": {\n    \"errors\": "...)
	b = strconv.AppendInt(b, int64(t.errors), 10)
	b = append(b, ",\n    \"warnings\": "...)
	b = strconv.AppendInt(b, int64(t.warnings), 10)
	b = append(b, ",\n    \"infos\": "...)
	b = strconv.AppendInt(b, int64(t.infos), 10)
	b = append(b, "\n  }\n}\n"...)
	_, _ = w.Write(b)
}

// appendJSONDiagnostic appends d as an element of the diagnostics list,
// starting with the line end before it.
func appendJSONDiagnostic(b []byte, d answerfile.Diagnostic) []byte {
	b = append(b, "\n    {\n      \"file\": "...)
	b = appendJSONString(b, d.File)
	b = append(b, ",\n      \"line\": "...)
	b = strconv.AppendInt(b, int64(d.Line), 10)
	b = append(b, ",\n      \"column\": "...)
	b = strconv.AppendInt(b, int64(d.Column), 10)
	b = append(b, ",\n      \"endLine\": "...)
	b = strconv.AppendInt(b, int64(d.EndLine), 10)
	b = append(b, ",\n      \"endColumn\": "...)
	b = strconv.AppendInt(b, int64(d.EndColumn), 10)
	b = append(b, ",\n      \"path\": "...)
	b = appendJSONString(b, d.Path)
	b = append(b, ",\n      \"rule\": "...)
	b = appendJSONString(b, d.Rule)
	b = append(b, ",\n      \"severity\": "...)
	b = appendJSONString(b, d.Severity.String())
	b = append(b, ",\n      \"message\": "...)
	b = appendJSONString(b, d.Message)
	b = append(b, ",\n      \"related\": ["...)
	for i, r := range d.Related {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, "\n        {\n          \"file\": "...)
		b = appendJSONString(b, r.File)
		b = append(b, ",\n          \"line\": "...)
		b = strconv.AppendInt(b, int64(r.Line), 10)
		b = append(b, ",\n          \"column\": "...)
		b = strconv.AppendInt(b, int64(r.Column), 10)
		b = append(b, ",\n          \"path\": "...)
		b = appendJSONString(b, r.Path)
		b = append(b, ",\n          \"message\": "...)
		b = appendJSONString(b, r.Message)
		b = append(b, "\n        }"...)
	}
	if len(d.Related) > 0 {
		b = append(b, "\n      "...)
	}
	b = append(b, ']')
	if d.Fix != "" {
		b = append(b, ",\n      \"fix\": "...)
		b = appendJSONString(b, d.Fix)
	}
	return append(b, "\n    }"...)
}

// appendJSONString appends s as a JSON string, escaped as encoding/json
// escapes it without HTML escaping: " and \ with a backslash; \b, \f, \n,
// \r and \t by name and other control characters as \u00XX; U+2028 and
// U+2029 (which end a line in JavaScript) as \u2028 and \u2029; a byte
// that is not valid UTF-8 as \ufffd.
//
// Most report text is plain ASCII: s is copied whole and checked eight
// bytes at a time (byte by byte, the check was most of the JSON format's
// time); only from the first byte that needs more does it go character
// by character.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := len(b)
	b = append(b, s...)
	if n := jsonPlainPrefix(b[start:]); n < len(s) {
		b = appendJSONEscaped(b[:start+n], s[n:])
	}
	return append(b, '"')
}

// jsonPlainPrefix is the length of the longest prefix of p that a JSON
// string holds as it is: no byte below 0x20 or from 0x80, no " and no \.
func jsonPlainPrefix(p []byte) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	i := 0
	for ; i+8 <= len(p); i += 8 {
		w := binary.LittleEndian.Uint64(p[i:])
		quote, backslash := w^(ones*'"'), w^(ones*'\\')
		// (x - ones) &^ x has a high bit set if x has a zero byte (and only
		// then); w - ones*0x20 likewise if w has a byte below 0x20.
		if ((w-ones*0x20)&^w|(quote-ones)&^quote|(backslash-ones)&^backslash|w)&highs != 0 {
			break
		}
	}
	for ; i < len(p); i++ {
		if c := p[i]; c < 0x20 || c == '"' || c == '\\' || c >= utf8.RuneSelf {
			break
		}
	}
	return i
}

// appendJSONEscaped appends the JSON string text of s, escaping character
// by character; see appendJSONString.
func appendJSONEscaped(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
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
