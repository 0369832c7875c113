package variant

import (
	"errors"
	"fmt"
	"regexp/syntax"
	"strings"
)

// patternProblem explains why a pattern did not compile in Go's RE2. The
// device evaluates patterns with .NET regular expressions, which accept more
// than RE2: a pattern using those features is not wrong, this tool simply
// cannot evaluate it (ProblemPatternUnsupported); anything else is a broken
// pattern (ProblemInvalidValue).
func patternProblem(pattern string, err error) Problem {
	if feature := dotNetOnly(pattern); feature != "" {
		return Problem{ProblemPatternUnsupported, fmt.Sprintf(
			"pattern %q uses %s, which .NET accepts on the device but Go's RE2 cannot evaluate: mcsf resolve reports its target state as undecided; rewrite the pattern without it to have it checked",
			pattern, feature)}
	}
	why := err.Error()
	var se *syntax.Error
	if errors.As(err, &se) {
		why = se.Code.String()
		if se.Expr != "" {
			why += " `" + se.Expr + "`"
		}
	}
	return Problem{ProblemInvalidValue, fmt.Sprintf("pattern %q is not a valid regular expression (%s): fix the expression", pattern, why)}
}

// dotNetOnly names the first construct of p that .NET regular expressions
// support and RE2 does not, or returns "". It skips escapes and character
// classes, where the same characters are literals.
func dotNetOnly(p string) string {
	inClass := false
	for i := 0; i < len(p); i++ {
		c := p[i]
		next := func(k int) byte {
			if i+k < len(p) {
				return p[i+k]
			}
			return 0
		}
		switch {
		case c == '\\':
			n := next(1)
			switch {
			case n >= '1' && n <= '9' && !inClass:
				return "a back-reference (\\" + string(n) + ")"
			case n == 'k' && (next(2) == '<' || next(2) == '\'' || next(2) == '{'):
				return "a named back-reference (\\k<name>)"
			case n == 'G' || n == 'Z':
				return "the anchor \\" + string(n)
			case (n == 'p' || n == 'P') && strings.HasPrefix(p[i+2:], "{Is"):
				return "a Unicode block class (\\p{Is...})"
			}
			i++
		case inClass:
			if c == ']' {
				inClass = false
			}
		case c == '[':
			inClass = true
			// A ']' right after '[' or '[^' is a literal.
			if next(1) == '^' {
				i++
			}
			if i+1 < len(p) && p[i+1] == ']' {
				i++
			}
		case c == '(' && next(1) == '?':
			rest := p[i+2:]
			switch {
			case strings.HasPrefix(rest, "="):
				return "a look-ahead (?=...)"
			case strings.HasPrefix(rest, "!"):
				return "a negative look-ahead (?!...)"
			case strings.HasPrefix(rest, "<="):
				return "a look-behind (?<=...)"
			case strings.HasPrefix(rest, "<!"):
				return "a negative look-behind (?<!...)"
			case strings.HasPrefix(rest, ">"):
				return "an atomic group (?>...)"
			case strings.HasPrefix(rest, "("):
				return "a conditional (?(...)...)"
			case strings.HasPrefix(rest, "'"):
				return "a named group written (?'name'...)"
			case strings.HasPrefix(rest, "<") && balancingGroup(rest[1:]):
				return "a balancing group (?<name-other>...)"
			case dotNetOption(rest):
				return "the inline option n or x"
			}
		case (c == '*' || c == '+' || c == '?' || c == '}') && next(1) == '+':
			return "a possessive quantifier (" + string(c) + "+)"
		}
	}
	return ""
}

// balancingGroup reports whether s (after "(?<") is "name-other>" or "-other>".
func balancingGroup(s string) bool {
	end := strings.IndexByte(s, '>')
	return end > 0 && strings.Contains(s[:end], "-")
}

// dotNetOption reports whether s (after "(?") is an inline option group that
// uses .NET's n or x flags, which RE2 lacks.
func dotNetOption(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case 'n', 'x':
			return true
		case 'i', 'm', 's', 'U', '-':
		default:
			return false
		}
	}
	return false
}
