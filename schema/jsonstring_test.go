package schema

import (
	"bytes"
	"encoding/json"
	"testing"
)

// awkwardStrings are strings that need every kind of escape.
var awkwardStrings = []string{
	"",
	`say "hi"`,
	`C:\Windows\System32`,
	"tab\there, line\nend, return\rend, crlf\r\n",
	"\x00\x01\x07\b\f\v\x1b\x1f\x7f",
	"<Setting Name=\"a&b\"/> ]]> &amp;",
	"Télécom 日本 😀",
	"line\u2028separator\u2029paragraph",
	"bad \xff byte, cut \xe6\x97 rune, overlong \xc0\xaf, surrogate \xed\xa0\x80",
	"\xe2\x80\xa8\xe2\x80\xa9\xe2\x80",
	"ends in a backslash \\",
}

// TestAppendJSONString: every byte alone and inside text, valid UTF-8 or
// not, at each place of an 8-byte word, as encoding/json writes it, with
// and without HTML escapes.
func TestAppendJSONString(t *testing.T) {
	strs := append([]string(nil), awkwardStrings...)
	for c := range 256 {
		b := string([]byte{byte(c)})
		strs = append(strs, b, "a"+b+"é")
		for i := range 9 {
			strs = append(strs, "abcdefgh"[:i]+b+"ijklmnopqrstuvw")
		}
	}
	for _, s := range strs {
		checkJSONString(t, s)
	}
}

// checkJSONString compares AppendJSONString to encoding/json on s.
func checkJSONString(t *testing.T, s string) {
	t.Helper()
	for _, html := range []bool{false, true} {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(html)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		if got := string(AppendJSONString(nil, s, html)) + "\n"; got != want.String() {
			t.Errorf("AppendJSONString(%q, %v): got %s, want %s", s, html, got, want.String())
		}
	}
}

func FuzzAppendJSONString(f *testing.F) {
	for _, s := range awkwardStrings {
		f.Add(s)
	}
	f.Fuzz(checkJSONString)
}
