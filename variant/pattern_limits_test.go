package variant

import (
	"regexp/syntax"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
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
		{strings.Repeat("a{1000}", 146), 146*2*1000 + 4}, // each of the 1,000 repetitions: its literal and one instruction more
		{`((((a{1000}){1000}){1000}){1000})`, 0},         // RE2 refuses repeats over 1000 nested this way: compiling says why
		{`(`, 0},
	} {
		if got := PatternSize(tc.p); got != tc.want {
			t.Errorf("PatternSize(%.40q) = %d, want %d", tc.p, got, tc.want)
		}
	}
}

// TestPatternLimits: --max-pattern-size refuses a pattern by what it
// compiles to; a model with more pattern: conditions than --max-patterns
// compiles none of them (their states undecided, a note says why) and
// keeps the other conditions.
func TestPatternLimits(t *testing.T) {
	lim := PatternLimits{MaxSize: 20, MaxCount: 2}
	if _, err := ParseConditionLimits("SPN", "pattern:a{5}", lim); err != nil {
		t.Errorf("pattern:a{5} (14 instructions) under a limit of 20: %v", err)
	}
	want := "pattern compiles to more than 20 regular-expression instructions (--max-pattern-size; its counted repetitions multiply): a SIM value is at most a few dozen characters; write the repetition shorter or split the pattern"
	if _, err := ParseConditionLimits("SPN", "pattern:a{50}", lim); err == nil || err.Error() != want {
		t.Errorf("pattern:a{50} over a limit of 20: error %v, want %q", err, want)
	}
	state := func(conds ...ConditionDef) TargetDef {
		return TargetDef{ID: conds[0].Value, States: []StateDef{{Conditions: conds}}}
	}
	m := Model{
		Targets: []TargetDef{
			state(ConditionDef{Name: "MCC", Value: "310"}),
			state(ConditionDef{Name: "SPN", Value: "pattern:A.*"}),
			state(ConditionDef{Name: "SPN", Value: "!pattern:B.*"}),
			state(ConditionDef{Name: "SPN", Value: "pattern:C.*"}),
		},
	}
	for _, td := range m.Targets {
		m.Variants = append(m.Variants, VariantDef{Name: td.ID, TargetRefs: []string{td.ID}})
	}
	// Each of the three compiles to 7 instructions (PatternSize: 3, plus
	// the anchors, match and fail).
	if n, total := m.Patterns(); n != 3 || total != 21 {
		t.Fatalf("Patterns() = %d, %d; want 3, 21", n, total)
	}
	r := CompileModelLimits(m, lim).Resolve(NewProfile(Pair{"MCC", "310"}, Pair{"SPN", "A1"}))
	var matched, undecided []string
	for _, mt := range r.Matched {
		matched = append(matched, mt.Target)
	}
	for _, u := range r.Undecided {
		undecided = append(undecided, u.Target+": "+u.Reason)
	}
	why := "not compiled: the file's pattern: conditions are over --max-patterns or --max-pattern-total"
	if diff := cmp.Diff([]string{"310"}, matched); diff != "" {
		t.Errorf("matched (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"pattern:A.*: " + why, "!pattern:B.*: " + why, "pattern:C.*: " + why}, undecided); diff != "" {
		t.Errorf("undecided (-want +got):\n%s", diff)
	}
	note := "the file has 3 pattern: conditions, more than the limit of 2 (--max-patterns): mcsf compiles none of them, so their TargetStates are neither checked nor evaluated; raise the limit if the file is really that large"
	if !slices.Contains(r.Notes, note) {
		t.Errorf("notes %q lack %q", r.Notes, note)
	}
	// Within the limit, the same model matches by its patterns.
	r = CompileModelLimits(m, PatternLimits{MaxCount: 3}).Resolve(NewProfile(Pair{"MCC", "310"}, Pair{"SPN", "A1"}))
	if len(r.Matched) != 3 || len(r.Undecided) != 0 {
		t.Errorf("MaxCount 3: %d matched, %d undecided; want 3 (310, A.*, !B.*) and 0", len(r.Matched), len(r.Undecided))
	}
	// --max-pattern-total bounds count x size: 21 instructions in all, over 20.
	r = CompileModelLimits(m, PatternLimits{MaxTotal: 20}).Resolve(NewProfile(Pair{"MCC", "310"}, Pair{"SPN", "A1"}))
	note = "the file's 3 pattern: conditions compile to 21 regular-expression instructions in all, more than the limit of 20 (--max-pattern-total): mcsf compiles none of them, so their TargetStates are neither checked nor evaluated; raise the limit if the file is really that large"
	if len(r.Matched) != 1 || len(r.Undecided) != 3 || !slices.Contains(r.Notes, note) {
		t.Errorf("MaxTotal 20: %d matched, %d undecided, notes %q; want 1, 3 and %q", len(r.Matched), len(r.Undecided), r.Notes, note)
	}
	if r = CompileModelLimits(m, PatternLimits{MaxTotal: 21}).Resolve(NewProfile(Pair{"MCC", "310"}, Pair{"SPN", "A1"})); len(r.Undecided) != 0 {
		t.Errorf("MaxTotal 21: %d undecided, want 0", len(r.Undecided))
	}
}
