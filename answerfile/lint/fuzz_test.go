package lint

import (
	"testing"
)

// FuzzLint lints arbitrary input: it never panics, never fails to run, and
// every finding has a position or an element path. Seeds: testdata/fuzz/FuzzLint.
func FuzzLint(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		ds, err := File("fuzz.xml", data, Config{})
		if err != nil {
			t.Fatalf("File: %v", err)
		}
		for _, d := range ds {
			if d.Line <= 0 && d.Path == "" {
				t.Errorf("finding with neither position nor path: %s", d)
			}
			if d.Rule == "" || d.Message == "" {
				t.Errorf("finding without rule or message: %+v", d)
			}
			if _, ok := Lookup(d.Rule); !ok {
				t.Errorf("finding of unknown rule %q", d.Rule)
			}
		}
	})
}
