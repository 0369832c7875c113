package variant

import (
	"fmt"
	"regexp/syntax"
	"strings"
)

// pattern_limits.go: what a pattern may cost. MaxPatternLength bounds the
// characters; a counted repetition multiplies them: `a{1000}` written 146
// times is 1,022 characters and compiles to 146,000 instructions, 7 MB of
// memory, and the conditions checks spent seconds on each such pattern. A
// pattern is therefore measured by the size of the program it compiles to
// (PatternSize) before it is compiled, and refused over MaxPatternSize.

// MaxPatternSize is the default bound of the size of a compiled pattern,
// in regexp instructions (see PatternSize; PatternLimits.MaxSize, mcsf lint
// and resolve --max-pattern-size): a hundred times an ICCID pattern such as
// `89014104\d{11}` (about 20), and far more than any documented sample.
const MaxPatternSize = 2000

// DefaultMaxPatterns is the default bound of the pattern: conditions of one
// answer file (PatternLimits.MaxCount, --max-patterns): the benchmark of
// 2,000 operators matched by patterns (bench/gen pattern) has 4,500. Each
// pattern is compiled, and lint compares the targets' patterns pair by
// pair. The count alone does not bound count x size (MaxTotal does).
const DefaultMaxPatterns = 10000

// DefaultMaxPatternTotal is the default bound of the instructions of all
// the pattern: conditions of one answer file together (PatternLimits.MaxTotal,
// --max-pattern-total): the 4,500 patterns of bench/gen pattern total about
// 50,000. Without it, 10,000 patterns of 2,000 instructions each, within
// both other limits, took lint over 300 s and resolve 23 s and 1.7 GB.
const DefaultMaxPatternTotal = 200000

// PatternLimits bound the patterns of one answer file (with its imports,
// for resolve); zero fields mean the defaults.
type PatternLimits struct {
	MaxSize  int // instructions of one compiled pattern (MaxPatternSize)
	MaxCount int // pattern: conditions of one file (DefaultMaxPatterns)
	MaxTotal int // instructions of all of them (DefaultMaxPatternTotal)
}

func (l PatternLimits) size() int {
	if l.MaxSize > 0 {
		return l.MaxSize
	}
	return MaxPatternSize
}

// Count is MaxCount, or its default.
func (l PatternLimits) Count() int {
	if l.MaxCount > 0 {
		return l.MaxCount
	}
	return DefaultMaxPatterns
}

func (l PatternLimits) total() int {
	if l.MaxTotal > 0 {
		return l.MaxTotal
	}
	return DefaultMaxPatternTotal
}

// IsPattern reports whether a condition value is a pattern, compiled as a
// regular expression: pattern:P or !pattern:P.
func IsPattern(value string) bool {
	return strings.HasPrefix(strings.TrimPrefix(value, "!"), "pattern:")
}

// Over says whether a file whose pattern: conditions number count and
// compile to total instructions (see Cost) is over l, and then which flag
// and what mcsf does: it compiles none of them.
func (l PatternLimits) Over(count, total int) (string, bool) {
	const then = "mcsf compiles none of them, so their TargetStates are neither checked nor evaluated; raise the limit if the file is really that large"
	switch {
	case count > l.Count():
		return fmt.Sprintf("the file has %d pattern: conditions, more than the limit of %d (--max-patterns): %s", count, l.Count(), then), true
	case total > l.total():
		return fmt.Sprintf("the file's %d pattern: conditions compile to %d regular-expression instructions in all, more than the limit of %d (--max-pattern-total): %s", count, total, l.total(), then), true
	}
	return "", false
}

// Cost adds one condition value to the count and total instruction size
// of a file's patterns that Over reads; values that are not patterns cost
// nothing.
func Cost(count, total int, value string) (int, int) {
	if !IsPattern(value) {
		return count, total
	}
	_, text, _ := strings.Cut(value, ":")
	return count + 1, min(total+max(PatternSize(text), 1), 1<<30)
}

// uncompiled is the condition of a pattern left uncompiled because its
// file's patterns are over l: it cannot be evaluated.
func (l PatternLimits) uncompiled(name, value string) (Condition, error) {
	c := splitCondition(name, value)
	p := Problem{ProblemPatternLimit, "not compiled: the file's pattern: conditions are over --max-patterns or --max-pattern-total"}
	c.bad, c.why = true, p.Message
	return c, p
}

// PatternSize estimates the number of instructions the anchored pattern p
// compiles to, from its parse tree (each counted repetition multiplies what
// it repeats), without compiling it; 0 when p does not parse (compiling it
// says why). The estimate stops growing at 2^30.
func PatternSize(p string) int {
	re, err := syntax.Parse(p, syntax.Perl)
	if err != nil {
		return 0
	}
	return min(regexpSize(re)+4, 1<<30) // + the anchors, match and fail
}

// regexpSize is the instruction count of re, as regexp/syntax compiles it,
// saturated so that nested repetitions cannot overflow.
func regexpSize(re *syntax.Regexp) int {
	const ceiling = 1 << 30
	sum := func(subs []*syntax.Regexp) int {
		n := 0
		for _, s := range subs {
			n = min(n+regexpSize(s), ceiling)
		}
		return n
	}
	switch re.Op {
	case syntax.OpLiteral:
		return max(len(re.Rune), 1)
	case syntax.OpConcat:
		return sum(re.Sub)
	case syntax.OpAlternate:
		return min(sum(re.Sub)+len(re.Sub), ceiling)
	case syntax.OpCapture:
		return min(regexpSize(re.Sub[0])+2, ceiling)
	case syntax.OpStar, syntax.OpPlus, syntax.OpQuest:
		return min(regexpSize(re.Sub[0])+1, ceiling)
	case syntax.OpRepeat:
		n := re.Max
		if n < 0 {
			n = re.Min + 1
		}
		return min(max(n, 1)*(regexpSize(re.Sub[0])+1), ceiling)
	}
	return 1
}

// patternSizeProblem refuses a pattern whose program would be larger than
// the limit.
func patternSizeProblem(p string, lim PatternLimits) (Problem, bool) {
	if n := PatternSize(p); n > lim.size() {
		return Problem{ProblemInvalidValue, fmt.Sprintf("pattern compiles to more than %d regular-expression instructions (--max-pattern-size; its counted repetitions multiply): a SIM value is at most a few dozen characters; write the repetition shorter or split the pattern", lim.size())}, true
	}
	return Problem{}, false
}

// Patterns returns the count and total instruction size (Cost) of the
// pattern: conditions of m's targets.
func (m Model) Patterns() (count, total int) {
	for _, t := range m.Targets {
		for _, st := range t.States {
			for _, c := range st.Conditions {
				count, total = Cost(count, total, c.Value)
			}
		}
	}
	return count, total
}
