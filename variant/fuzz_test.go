package variant

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/mcsf-dev/mcsf/answerfile"
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

// FuzzResolve resolves fuzzed answer files against fuzzed profiles: no
// panic, Resolve and Explain agree, the batch encoder writes what
// encoding/json writes, and every setting's source has a line.
func FuzzResolve(f *testing.F) {
	f.Fuzz(func(t *testing.T, file []byte, sim string) {
		doc, diags, err := answerfile.Parse("f.xml", file)
		if err != nil || len(diags) > 0 || !doc.IsAnswerFile() {
			return
		}
		c, err := Compile(doc)
		if err != nil {
			t.Fatal(err)
		}
		p, err := ParseProfile(sim)
		if err != nil {
			return
		}
		r, e := c.Resolve(p), c.Explain(p)
		if len(r.Matched) != len(e.Matched) || len(r.Settings) != len(e.Settings) || len(r.Undecided) != len(e.Undecided) {
			t.Fatalf("Resolve and Explain disagree: %d/%d matched, %d/%d settings", len(r.Matched), len(e.Matched), len(r.Settings), len(e.Settings))
		}
		for _, s := range r.Settings {
			if s.Source.Line < 1 {
				t.Fatalf("setting %s %s has no line", s.Path, s.Name)
			}
		}
		want, err := json.Marshal(&e)
		if err != nil {
			t.Fatal(err)
		}
		if got := e.AppendJSON(nil); string(got) != string(want) {
			t.Fatalf("AppendJSON:\n got %s\nwant %s", got, want)
		}
	})
}
