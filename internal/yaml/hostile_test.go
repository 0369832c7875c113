package yaml

import (
	"strings"
	"testing"
)

// TestHostileInputs: inputs built to be slow or deep are read or refused
// in linear time (the test would time out otherwise), with v3's limits.
func TestHostileInputs(t *testing.T) {
	for _, tc := range []struct {
		name, in, err string
	}{
		{"flow nesting at the limit", strings.Repeat("[", 10000) + strings.Repeat("]", 10000), ""},
		{"flow nesting over the limit", strings.Repeat("[", 10001) + strings.Repeat("]", 10001), "yaml: exceeded max depth of 10000"},
		{"mapping nesting", strings.Repeat("{a: ", 10000) + "b" + strings.Repeat("}", 10000), ""},
		{"block nesting", func() string {
			var b strings.Builder
			for i := range 3000 {
				b.WriteString(strings.Repeat(" ", i) + "a:\n")
			}
			return b.String()
		}(), ""},
		{"a long line of entries", "[" + strings.Repeat("a, ", 300000) + "a]", ""},
		{"a long plain scalar", "a: " + strings.Repeat("word ", 200000), ""},
		{"many lines of a plain scalar", "a: " + strings.Repeat("word\n  ", 100000), ""},
		{"a long key that is not one", strings.Repeat("x", 500000) + "\n", ""},
		{"a long quoted scalar", "\"" + strings.Repeat("\\u00e9 ", 100000) + "\"", ""},
		{"many aliases", "a: &a [x]\nb: [" + strings.Repeat("*a, ", 100000) + "*a]\n", ""},
		{"an unclosed flow", strings.Repeat("[a, ", 5000), "yaml: line 1: did not find expected node content"},
		{"too deep an unclosed flow", strings.Repeat("[a, ", 100000), "exceeded max depth of 10000"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var n Node
			err := Unmarshal([]byte(tc.in), &n)
			switch {
			case tc.err == "" && err != nil:
				t.Errorf("error %v", err)
			case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
				t.Errorf("got %v, want an error with %q", err, tc.err)
			}
		})
	}
}
