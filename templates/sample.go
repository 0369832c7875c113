package templates

import (
	"regexp/syntax"
	"strings"

	"github.com/mcsf-dev/mcsf/variant"
)

// SampleSIM returns condition values of one SIM (and device) that meets
// every condition of m, each checked with the variant package's own
// matching; ok is false when it finds none for some condition (a pattern it
// cannot invert, an undecidable condition). Values are the simplest that
// match: the plain value, a range's minimum, a string built from a pattern.
// Names are in their documented spelling.
func SampleSIM(m *Match) (pairs []variant.Pair, ok bool) {
	for _, c := range m.List() {
		v, found := sampleValue(c.Name, c.Value)
		if !found {
			return nil, false
		}
		pairs = append(pairs, variant.Pair{Name: c.Name, Value: v})
	}
	return pairs, true
}

// fallbackValues are tried when the condition's own text gives no value
// that matches (negations mostly).
var fallbackValues = []string{"0", "1", "2", "001", "01", "999", "99", "A1", "x", "en-US", "US"}

// sampleValue finds a value that satisfies one condition.
func sampleValue(name, value string) (string, bool) {
	c, err := variant.ParseCondition(name, value)
	if err != nil || !c.Decidable() {
		return "", false
	}
	var candidates []string
	switch c.Kind {
	case variant.Exact:
		candidates = append(candidates, c.Text, c.Text+"0", "0"+c.Text)
	case variant.Range:
		// Bounds are integers of any length (ICCID ranges): stepped digit by digit.
		candidates = append(candidates, c.Min, c.Max, variant.AddInt(c.Min, -1), variant.AddInt(c.Max, +1))
	case variant.Pattern:
		if s, ok := patternSample(c.Text); ok {
			candidates = append(candidates, s)
		}
		candidates = append(candidates, c.Text+"\x00")
	}
	candidates = append(candidates, fallbackValues...)
	for _, v := range candidates {
		if c.Eval(v, true) == variant.Matched {
			return v, true
		}
	}
	return "", false
}

// patternSample builds a short string that a regular expression matches,
// taking the first branch and the fewest repetitions everywhere.
func patternSample(pattern string) (string, bool) {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return "", false
	}
	var b strings.Builder
	if !writeSample(&b, re.Simplify()) {
		return "", false
	}
	return b.String(), true
}

func writeSample(b *strings.Builder, re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpNoMatch:
		return false
	case syntax.OpLiteral:
		b.WriteString(string(re.Rune))
	case syntax.OpCharClass:
		if len(re.Rune) == 0 {
			return false
		}
		b.WriteRune(re.Rune[0])
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		b.WriteByte('a')
	case syntax.OpCapture:
		return writeSample(b, re.Sub[0])
	case syntax.OpPlus:
		return writeSample(b, re.Sub[0])
	case syntax.OpRepeat:
		for range re.Min {
			if !writeSample(b, re.Sub[0]) {
				return false
			}
		}
	case syntax.OpConcat:
		for _, s := range re.Sub {
			if !writeSample(b, s) {
				return false
			}
		}
	case syntax.OpAlternate:
		return writeSample(b, re.Sub[0])
	}
	// Empty matches, anchors, word boundaries, star and quest write nothing.
	return true
}
