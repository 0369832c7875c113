package variant

import (
	"regexp/syntax"
	"strings"
	"testing"
)

// TestPatternSize: the estimate is close to what regexp/syntax compiles
// (within a factor of two either way), and saturates.
func TestPatternSize(t *testing.T) {
	for _, p := range []string{`310`, `89014104\d{11}`, `3[01]0`, `(a|b|c)+`, `a{3,7}`, `(?:ab){10}`, `x*y?z+`, `\d{1,3}-\d{4}`, `Contoso.*`, `(a{10}){10}`, `[[:digit:]]{20}`} {
		re, err := syntax.Parse(`^(?:`+p+`)$`, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		prog, err := syntax.Compile(re.Simplify())
		if err != nil {
			t.Fatal(err)
		}
		got, want := PatternSize(p), len(prog.Inst)
		if got*2 < want || got > 2*want {
			t.Errorf("PatternSize(%q) = %d, compiled %d instructions", p, got, want)
		}
	}
	for _, tc := range []struct {
		p    string
		want int
	}{
		{strings.Repeat("a{1000}", 146), 2 * MaxPatternSize},
		{`((((a{1000}){1000}){1000}){1000})`, 0}, // RE2 refuses repeats over 1000 nested this way: compiling says why
		{`(`, 0},
	} {
		if got := PatternSize(tc.p); got != tc.want {
			t.Errorf("PatternSize(%.40q) = %d, want %d", tc.p, got, tc.want)
		}
	}
}
