package variant

import (
	"strings"
	"testing"
)

// FuzzParseCondition checks that condition parsing, checking and matching
// never panic, and that a decidable condition writes back to a value that
// parses to the same condition.
func FuzzParseCondition(f *testing.F) {
	f.Fuzz(func(t *testing.T, name, value, profile string) {
		c, err := ParseCondition(name, value)
		if (err == nil) != c.Decidable() {
			t.Fatalf("ParseCondition(%q, %q): error %v but Decidable() = %v", name, value, err, c.Decidable())
		}
		if got := c.Eval(profile, true); err != nil && got != Undecided {
			t.Fatalf("undecidable condition %q evaluated to %v", value, got)
		}
		for _, p := range CheckCondition(name, value) {
			if p.Message == "" || strings.HasSuffix(p.Message, ".") {
				t.Fatalf("CheckCondition(%q, %q): bad message %q", name, value, p.Message)
			}
		}
		if err == nil {
			back, err := ParseCondition(name, c.String())
			if err != nil || back.String() != c.String() || back.Eval(profile, true) != c.Eval(profile, true) {
				t.Fatalf("round trip of %q via %q changed the condition (%v)", value, c.String(), err)
			}
		}
		Satisfiable([]Pair{{name, value}, {name, profile}})
	})
}
