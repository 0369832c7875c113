package answerfile

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse: the reader never panics; every diagnostic has a position; on
// anything that parses, the round trip holds, and a Parser whose memory
// earlier inputs used reads the same document.
func FuzzParse(f *testing.F) {
	parser := NewParser(DefaultLimits)
	f.Add([]byte(sample))
	f.Add([]byte(hdr + "<a><!-- x -- y --></a>"))
	f.Add([]byte("\xff\xfe<\x00a\x00/\x00>\x00"))
	if files, err := filepath.Glob(filepath.Join("..", "..", "shared", "corpus", "mcsf", "*.xml")); err == nil {
		for _, name := range files[:min(len(files), 40)] {
			if data, err := os.ReadFile(name); err == nil {
				f.Add(data)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, ds, err := Parse("fuzz.xml", data)
		if err != nil {
			t.Fatalf("Parse error: %v", err)
		}
		for _, d := range ds {
			if d.Line < 1 || d.Column < 1 || d.Message == "" {
				t.Fatalf("diagnostic without position or message: %+v", d)
			}
		}
		if doc != nil {
			checkRoundTrip(t, doc)
		}
		again, ds2, err := parser.Parse("fuzz.xml", data)
		if err != nil || len(ds2) != len(ds) || (again == nil) != (doc == nil) {
			t.Fatalf("Parser: got %v, %v, want %v", ds2, err, ds)
		}
		if doc != nil {
			if got, want := summary(t, again), summary(t, doc); got != want {
				t.Fatalf("Parser: got\n%s\nwant\n%s", got, want)
			}
			again.Release()
		}
	})
}
