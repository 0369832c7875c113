package templates

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/mcsf-dev/mcsf/answerfile"
)

// FuzzReadSpec checks that ReadSpec never panics, that every diagnostic has
// a position, that a spec it accepts generates a well-formed file, and that
// MarshalSpec of an accepted spec reads back without errors. Seeds are in
// testdata/seed-* (and testdata/fuzz/FuzzReadSpec when the fuzzer finds something).
func FuzzReadSpec(f *testing.F) {
	f.Add(ExampleSpec())
	seeds, _ := filepath.Glob(filepath.Join("testdata", "seed-*"))
	for _, p := range seeds {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, diags, err := ReadSpec("fuzz.yaml", data)
		if err != nil {
			t.Fatalf("ReadSpec error: %v", err)
		}
		for _, d := range diags {
			if d.Line < 1 || d.Column < 1 || d.Rule == "" || d.Message == "" {
				t.Fatalf("diagnostic without position, rule or message: %+v", d)
			}
		}
		if s == nil {
			return
		}
		out, err := Generate(s)
		if err != nil {
			t.Fatalf("Generate: %v", err)
		}
		if _, syntax, err := answerfile.Parse("gen.xml", out); err != nil || len(syntax) > 0 {
			t.Fatalf("generated file is not well-formed: %v %v\n%s", syntax, err, out)
		}
		text, err := MarshalSpec(s, "")
		if err != nil {
			t.Fatalf("MarshalSpec: %v", err)
		}
		if back, ds, _ := ReadSpec("back.yaml", text); back == nil {
			t.Fatalf("MarshalSpec output does not read back: %v\n%s", ds, text)
		}
	})
}
