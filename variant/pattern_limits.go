package variant

import (
	"fmt"
	"regexp/syntax"
)

// pattern_limits.go: what a pattern may cost. MaxPatternLength bounds the
// characters; a counted repetition multiplies them: `a{1000}` written 146
// times is 1,022 characters and compiles to 146,000 instructions, 7 MB of
// memory, and the conditions checks spent seconds on each such pattern. A
// pattern is therefore measured by the size of the program it compiles to
// (PatternSize) before it is compiled, and refused over MaxPatternSize.

// MaxPatternSize bounds the size of a compiled pattern, in regexp
// instructions (see PatternSize): a hundred times an ICCID pattern such as
// `89014104\d{11}` (about 20), and far more than any documented sample.
const MaxPatternSize = 2000

// PatternSize estimates the number of instructions the anchored pattern p
// compiles to, from its parse tree (each counted repetition multiplies what
// it repeats), without compiling it; 0 when p does not parse (compiling it
// says why). The estimate stops growing past MaxPatternSize*2.
func PatternSize(p string) int {
	re, err := syntax.Parse(p, syntax.Perl)
	if err != nil {
		return 0
	}
	return min(regexpSize(re)+4, 2*MaxPatternSize) // + the anchors, match and fail
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
// MaxPatternSize.
func patternSizeProblem(p string) (Problem, bool) {
	if n := PatternSize(p); n > MaxPatternSize {
		return Problem{ProblemInvalidValue, fmt.Sprintf("pattern compiles to more than %d regular-expression instructions (its counted repetitions multiply): a SIM value is at most a few dozen characters; write the repetition shorter or split the pattern", MaxPatternSize)}, true
	}
	return Problem{}, false
}
