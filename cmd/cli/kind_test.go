package cli

import (
	"testing"
	"unicode/utf16"
)

// TestSniffKind: each kind of file is told by its content, in UTF-8 (with
// or without a byte-order mark) and in UTF-16 of either byte order.
func TestSniffKind(t *testing.T) {
	encode := func(s string, bigEndian bool) []byte {
		b := []byte{0xFF, 0xFE}
		if bigEndian {
			b = []byte{0xFE, 0xFF}
		}
		for _, u := range utf16.Encode([]rune(s)) {
			if bigEndian {
				b = append(b, byte(u>>8), byte(u))
			} else {
				b = append(b, byte(u), byte(u>>8))
			}
		}
		return b
	}
	for _, c := range []struct {
		text string
		want fileKind
	}{
		{"<?xml version=\"1.0\"?>\r\n<ImageCustomizations Name=\"N\"/>", kindAnswerFile},
		{"\n  <project/>", kindOtherXML},
		{"name: K\nowner: C\noperators: []\n", kindSpec},
		{`{"name": "K", "device": {}}`, kindSpec},
		{"disable: [path-case]\n", kindConfig},
		{"hello: world\n", kindUnknown},
		{"", kindUnknown},
	} {
		for _, form := range []struct {
			name string
			data []byte
		}{
			{"utf-8", []byte(c.text)},
			{"utf-8 bom", append([]byte("\xef\xbb\xbf"), c.text...)},
			{"utf-16le", encode(c.text, false)},
			{"utf-16be", encode(c.text, true)},
		} {
			if got := sniffKind(form.data); got != c.want {
				t.Errorf("%s %q: kind %d, want %d", form.name, c.text, got, c.want)
			}
		}
	}
	if got := sniffKind([]byte{0xFF, 0xFE, '<'}); got != kindUnknown { // an odd byte: no character
		t.Errorf("UTF-16 with half a character: kind %d, want %d", got, kindUnknown)
	}
}
