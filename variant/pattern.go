package variant

import (
	"errors"
	"fmt"
	"regexp/syntax"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A pattern is a .NET regular expression on the device and is evaluated
// here with Go's RE2. dialectScan reads a pattern the way .NET reads it and
// names the first construct where the two differ (the table in doc.go):
//
//   - .NET rejects it: ImageApp fails the build (ProblemInvalidValue);
//   - .NET accepts it and RE2 cannot compile it (ProblemPatternUnsupported);
//   - both accept it and read it differently (ProblemPatternDiffers).
//
// The last two leave the condition undecided in resolve.

// dialect is how the two engines read one construct.
type dialect int

const (
	netRejects dialect = iota + 1 // .NET throws: ImageApp fails the build
	netOnly                       // .NET accepts, RE2 does not
	differs                       // both accept, with different meanings
)

// patternDialectProblem returns the problem of the first construct of p
// that .NET and RE2 do not read alike.
func patternDialectProblem(p string) (Problem, bool) {
	d, what := dialectScan(p)
	switch d {
	case netRejects:
		return Problem{ProblemInvalidValue, fmt.Sprintf(
			"pattern %q uses %s, which .NET (the device's and ImageApp's regular expressions) rejects: ImageApp fails the build; rewrite it in .NET syntax", p, what)}, true
	case netOnly:
		return Problem{ProblemPatternUnsupported, fmt.Sprintf(
			"pattern %q uses %s, which .NET accepts on the device but Go's RE2 cannot evaluate: mcsf resolve reports its target state as undecided; rewrite the pattern without it to have it checked", p, what)}, true
	case differs:
		return Problem{ProblemPatternDiffers, fmt.Sprintf(
			"pattern %q uses %s, which .NET on the device reads differently from Go's RE2 used here: mcsf resolve reports its target state as undecided; rewrite the pattern without it", p, what)}, true
	}
	return Problem{}, false
}

// patternProblem explains why a pattern that dialectScan let through did
// not compile in Go's RE2: a broken pattern in either syntax.
func patternProblem(pattern string, err error) Problem {
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

// netCategory reports whether name is a Unicode general category .NET's
// \p{...} knows (besides the named blocks \p{IsXxx}).
func netCategory(name string) bool {
	switch name {
	case "L", "Lu", "Ll", "Lt", "Lm", "Lo", "M", "Mn", "Mc", "Me",
		"N", "Nd", "Nl", "No", "P", "Pc", "Pd", "Ps", "Pe", "Pi",
		"Pf", "Po", "S", "Sm", "Sc", "Sk", "So", "Z", "Zs", "Zl",
		"Zp", "C", "Cc", "Cf", "Cs", "Co", "Cn":
		return true
	}
	return false
}

// dialectScan walks p as .NET parses it and returns the first construct the
// two engines do not read alike, with its description. Constructs both read
// alike are skipped; a plain syntax error is left to RE2's compiler.
func dialectScan(p string) (dialect, string) {
	inClass := false
	for i := 0; i < len(p); i++ {
		c := p[i]
		at := func(k int) byte {
			if i+k < len(p) {
				return p[i+k]
			}
			return 0
		}
		switch {
		case c == '\\':
			if d, what := escapeDialect(p[i+1:], inClass); d != 0 {
				return d, what
			}
			i++
		case inClass:
			switch {
			case c == ']':
				inClass = false
			case c == '[' && at(1) == ':':
				if end := strings.Index(p[i+2:], ":]"); end >= 0 {
					return differs, fmt.Sprintf("the POSIX class %s (RE2 reads a character class, .NET the characters '[', ':', ... literally)", p[i:i+2+end+2])
				}
			case c == '-' && at(1) == '[':
				return differs, "a character class subtraction -[...] (.NET subtracts the inner class, RE2 reads '-' and '[' as members and the ']' after it as a literal)"
			}
		case c == '[':
			inClass = true
			if at(1) == '^' {
				i++
			}
			if at(1) == ']' {
				i++ // a ']' first in a class is a member
			}
		case c == '(' && at(1) == '?':
			if d, what := groupDialect(p[i+2:]); d != 0 {
				return d, what
			}
		case c == '{':
			if n, ok := repeatCount(p[i+1:]); ok && n > 1000 {
				return netOnly, fmt.Sprintf("a repeat count of %d (RE2 allows at most 1000)", n)
			}
			if end := strings.IndexByte(p[i:], '}'); end > 0 && isQuantifier(p[i+1:i+end]) && (at(end+1) == '+') {
				return netRejects, "a possessive quantifier (" + p[i:i+end+2] + "), a nested quantifier for .NET"
			}
		case (c == '*' || c == '+' || c == '?') && at(1) == '+' && i > 0:
			return netRejects, "a possessive quantifier (" + string(c) + "+), a nested quantifier for .NET"
		}
	}
	return 0, ""
}

// escapeDialect classifies the escape whose text after '\' is s.
func escapeDialect(s string, inClass bool) (dialect, string) {
	if s == "" {
		return 0, ""
	}
	n := s[0]
	next := byte(0)
	if len(s) > 1 {
		next = s[1]
	}
	switch {
	case n >= '1' && n <= '9' && !inClass:
		return netOnly, "a back-reference (\\" + string(n) + ")"
	case n == 'k' && (next == '<' || next == '\'' || next == '{'):
		return netOnly, "a named back-reference (\\k<name>)"
	case (n == 'G' || n == 'Z') && !inClass:
		return netOnly, "the anchor \\" + string(n)
	case n == 'e':
		return netOnly, "the escape \\e (ESC)"
	case n == 'c' && next != 0:
		return netOnly, "a control character escape (\\c" + string(next) + ")"
	case n == 'u':
		return netOnly, "a UTF-16 escape (\\uXXXX)"
	case n == 'Q' || n == 'E':
		return netRejects, "\\" + string(n) + " (RE2's literal quoting \\Q...\\E)"
	case n == 'x' && next == '{':
		return netRejects, "\\x{...} (RE2's code point escape; .NET takes exactly two hex digits after \\x)"
	case n == '_':
		return netRejects, "\\_ (.NET rejects an escaped word character it does not know)"
	case n == 'p' || n == 'P':
		if next != '{' {
			return netRejects, "\\" + string(n) + string(next) + " without braces (.NET needs \\" + string(n) + "{...})"
		}
		name, _, ok := strings.Cut(s[2:], "}")
		switch {
		case !ok:
			return 0, "" // RE2 reports it
		case strings.HasPrefix(name, "Is"):
			return netOnly, "a Unicode block class (\\p{" + name + "})"
		case !netCategory(name):
			return netRejects, "\\p{" + name + "}, a Unicode property .NET does not know (it knows general categories such as Lu and blocks such as IsGreek)"
		}
	}
	return 0, ""
}

// groupDialect classifies the group whose text after "(?" is s.
func groupDialect(s string) (dialect, string) {
	switch {
	case strings.HasPrefix(s, "="):
		return netOnly, "a look-ahead (?=...)"
	case strings.HasPrefix(s, "!"):
		return netOnly, "a negative look-ahead (?!...)"
	case strings.HasPrefix(s, "<="):
		return netOnly, "a look-behind (?<=...)"
	case strings.HasPrefix(s, "<!"):
		return netOnly, "a negative look-behind (?<!...)"
	case strings.HasPrefix(s, ">"):
		return netOnly, "an atomic group (?>...)"
	case strings.HasPrefix(s, "("):
		return netOnly, "a conditional (?(...)...)"
	case strings.HasPrefix(s, "'"):
		return netOnly, "a named group written (?'name'...)"
	case strings.HasPrefix(s, "#"):
		return netOnly, "an inline comment (?#...)"
	case strings.HasPrefix(s, "P<") || strings.HasPrefix(s, "P="):
		return netRejects, "(?P<name>...), RE2's named group syntax (.NET writes (?<name>...))"
	case strings.HasPrefix(s, "<") && balancingGroup(s[1:]):
		return netOnly, "a balancing group (?<name-other>...)"
	}
	// Inline options: (?imsnx-imsnx) or (?imsnx-imsnx:...).
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case 'i', 'm', 's', '-':
		case 'n', 'x':
			return netOnly, "the inline option " + string(s[i])
		case ')', ':':
			return 0, ""
		default:
			if c := s[i]; c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
				return netRejects, fmt.Sprintf("the inline option %c (.NET knows i, m, n, s and x)", c)
			}
			return 0, "" // not an option group; RE2 reports what it is
		}
	}
	return 0, ""
}

// balancingGroup reports whether s (after "(?<") is "name-other>" or "-other>".
func balancingGroup(s string) bool {
	end := strings.IndexByte(s, '>')
	return end > 0 && strings.Contains(s[:end], "-")
}

// repeatCount reads the largest count of a quantifier body "n}", "n,}" or
// "n,m}".
func repeatCount(s string) (int, bool) {
	end := strings.IndexByte(s, '}')
	if end < 0 || !isQuantifier(s[:end]) {
		return 0, false
	}
	best := 0
	for _, part := range strings.Split(s[:end], ",") {
		if part == "" {
			continue
		}
		n, err := strconv.Atoi(part)
		if err != nil {
			return 1 << 30, true
		}
		best = max(best, n)
	}
	return best, true
}

// isQuantifier reports whether body (between '{' and '}') is "n", "n," or
// "n,m", which both engines read as a quantifier.
func isQuantifier(body string) bool {
	lo, hi, comma := strings.Cut(body, ",")
	return allDigits(lo) && (!comma || hi == "" || allDigits(hi))
}

// unicodeSensitive reports whether p uses a construct that .NET and RE2 read
// alike on ASCII text only: \d, \w, \s, \b and their negations (Unicode in
// .NET, ASCII in RE2), '.' and negated classes (one UTF-16 code unit in .NET,
// one code point in RE2), case-insensitive matching (.NET folds by culture).
// A value that is not ASCII leaves the condition undecided.
func unicodeSensitive(p string) bool {
	for rest := p; ; {
		i := strings.Index(rest, "(?")
		if i < 0 {
			break
		}
		rest = rest[i+2:]
		flags := rest[:strings.IndexFunc(rest+")", func(r rune) bool { return r == ')' || r == ':' })]
		if on, _, _ := strings.Cut(flags, "-"); strings.Trim(flags, "imsnx-") == "" && strings.Contains(on, "i") {
			return true
		}
	}
	for i := 0; i < len(p); i++ {
		switch p[i] {
		case '\\':
			if i+1 < len(p) && strings.IndexByte("dDwWsSbB", p[i+1]) >= 0 {
				return true
			}
			i++
		case '.':
			return true
		case '[':
			if i+1 < len(p) && p[i+1] == '^' {
				return true
			}
		default:
			if p[i] >= utf8.RuneSelf {
				return true // a non-ASCII literal: case folding and normalisation may differ
			}
		}
	}
	return false
}
