package yaml

import (
	"bytes"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzDecoder: every document of the stream and the errors, against v3,
// but for the differences this package makes on purpose ("\/" read,
// directives refused), the one it does not follow (see FuzzParse), and
// text that is not UTF-8 (v3's decoder reads its input in chunks and may
// return documents before it sees the bad bytes; both refuse it in
// Unmarshal) or holds a byte order mark after its start (v3 skips one
// where the chunk of text it holds starts with one).
func FuzzDecoder(f *testing.F) {
	for _, in := range append(edgeCases, utf16Cases()...) {
		f.Add([]byte(in))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if !utf8.Valid(data) || bytes.Contains(bytes.TrimPrefix(data, []byte("\ufeff")), []byte("\ufeff")) && !bytes.HasPrefix(data, []byte("\ufeff\ufeff")) || bytes.Contains(data, []byte(`\/`)) || bytes.Contains(data, []byte("%")) ||
			bytes.Contains(data, []byte("?")) && bytes.Contains(data, []byte("#")) {
			return
		}
		done := make(chan string)
		go func() { done <- compareDecoder(data) }()
		select {
		case d := <-done:
			if d != "" {
				t.Errorf("%q: %s", data, d)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%q: no result after 10 s", data)
		}
	})
}
