package variant

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/mcsf-dev/mcsf/internal/english"
	"github.com/mcsf-dev/mcsf/internal/lazy"
)

// Kind is the form of a condition value.
type Kind int

// Condition value forms: a plain value, `pattern:REGEX` or `range:MIN, MAX`.
const (
	Exact Kind = iota
	Pattern
	Range
)

func (k Kind) String() string {
	switch k {
	case Exact:
		return "exact"
	case Pattern:
		return "pattern"
	case Range:
		return "range"
	}
	return "unknown"
}

// Class is the priority class of a condition name.
type Class int

// Priority classes. A matched TargetState's priority is (its number of P0
// conditions, its number of P1 conditions); ClassOther counts for neither.
const (
	ClassOther Class = iota
	ClassP0          // SIM conditions
	ClassP1          // device conditions
)

func (c Class) String() string {
	switch c {
	case ClassP0:
		return "P0"
	case ClassP1:
		return "P1"
	}
	return "other"
}

// knownName is a documented condition name.
type knownName struct {
	key   string // lower case
	canon string // as documented
	class Class
}

// knownNames lists every documented condition name (a table, not a map:
// a map literal is built by code when the program starts).
var knownNames = [...]knownName{
	{"mcc", "MCC", ClassP0}, {"mnc", "MNC", ClassP0}, {"spn", "SPN", ClassP0}, {"pnn", "PNN", ClassP0},
	{"gid1", "GID1", ClassP0}, {"iccid", "ICCID", ClassP0}, {"roaming", "Roaming", ClassP0},
	{"uicc", "UICC", ClassP0}, {"uiccslot", "UICCSLOT", ClassP0},
	{"processortype", "ProcessorType", ClassP1}, {"processorname", "ProcessorName", ClassP1},
	{"aoac", "AoAc", ClassP1}, {"powerplatformrole", "PowerPlatformRole", ClassP1},
	{"architecture", "Architecture", ClassP1}, {"server", "Server", ClassP1},
	{"region", "Region", ClassP1}, {"lang", "Lang", ClassP1},
}

// known returns the documented name whose lower-case form is key; false
// (and ClassOther) if there is none.
func known(key string) (knownName, bool) {
	for _, k := range knownNames {
		if k.key == key {
			return k, true
		}
	}
	return knownName{}, false
}

// lowerNames are the lower-case forms of the documented names, so that
// lowerName need not allocate for them.
var lowerNames = []string{"mcc", "mnc", "spn", "pnn", "gid1", "iccid", "roaming", "uicc", "uiccslot",
	"processortype", "processorname", "aoac", "powerplatformrole", "architecture", "server", "region", "lang", "imsi"}

// documentedKey returns the lower-case form of a documented condition name
// spelled as documented (knownNames' canon), and false for any other
// string: the names of nearly every condition, told by one switch instead
// of a scan for upper case, a search of lowerNames and a map lookup.
func documentedKey(name string) (string, bool) {
	switch name {
	case "MCC":
		return "mcc", true
	case "MNC":
		return "mnc", true
	case "SPN":
		return "spn", true
	case "PNN":
		return "pnn", true
	case "GID1":
		return "gid1", true
	case "ICCID":
		return "iccid", true
	case "Roaming":
		return "roaming", true
	case "UICC":
		return "uicc", true
	case "UICCSLOT":
		return "uiccslot", true
	case "ProcessorType":
		return "processortype", true
	case "ProcessorName":
		return "processorname", true
	case "AoAc":
		return "aoac", true
	case "PowerPlatformRole":
		return "powerplatformrole", true
	case "Architecture":
		return "architecture", true
	case "Server":
		return "server", true
	case "Region":
		return "region", true
	case "Lang":
		return "lang", true
	}
	return "", false
}

// lowerName is strings.ToLower(name), without allocating for names that are
// already lower case or documented.
func lowerName(name string) string {
	if k, ok := documentedKey(name); ok {
		return k
	}
	upper := false
	for i := 0; i < len(name); i++ {
		if c := name[i]; c >= 'A' && c <= 'Z' || c >= 0x80 {
			upper = true
			break
		}
	}
	if !upper {
		return name
	}
	for _, k := range lowerNames {
		if len(k) == len(name) && strings.EqualFold(k, name) {
			return k
		}
	}
	return strings.ToLower(name)
}

// reserved reports whether a lower-case name may not be used as a
// condition name (ImageApp's validator refuses it).
func reserved(key string) bool {
	switch key {
	case "name", "type", "data", "target", "productid", "settingsgroup":
		return true
	}
	return false
}

// ClassOf returns the priority class of a condition name, compared
// case-insensitively.
func ClassOf(name string) Class {
	k, _ := known(lowerName(name))
	return k.class
}

// CanonicalName returns the documented spelling of a known condition name
// ("mcc" → "MCC", "aoac" → "AoAc"), or name unchanged.
func CanonicalName(name string) string {
	if k, ok := known(lowerName(name)); ok {
		return k.canon
	}
	return name
}

// foldsCase reports whether plain values and patterns of the named condition
// compare case-insensitively ([policy]: SPN and PNN, as Android does for SPN).
func foldsCase(lowerName string) bool { return lowerName == "spn" || lowerName == "pnn" }

// Condition is one parsed <Condition Name=".." Value="..">.
//
// It matches as MatchingPolicy states. A condition whose name the profile
// does not set never matches, with or without `!`: there is no value to
// test, and a negation does not invent one.
type Condition struct {
	Name   string // as written
	Negate bool   // the value started with "!"
	Kind   Kind
	Text   string // the value after "!" and the prefix: the plain value or the pattern; the range as written
	// Min and Max are the inclusive bounds of a Range, as canonical decimal
	// integers of any length ("-12", "0", "89014103211118510720"): ICCID
	// ranges have 19 to 20 digits, and ImageApp's validator only checks
	// `^(-?\d+),\s?(-?\d+)$` [tool].
	Min, Max string

	key  string         // lower-case Name
	re   *regexp.Regexp // compiled, anchored Pattern; nil if it did not compile
	bad  bool           // the value could not be parsed: the condition is undecidable
	why  string         // why the condition is undecidable, when bad
	cap  string         // a capitalised prefix ("Pattern:") read as part of a plain value; "" if none
	wide bool           // Pattern: .NET and RE2 may differ on a value that is not ASCII
}

// MaxPatternLength bounds a pattern: condition values are short in practice,
// and a huge one would only cost memory to compile.
const MaxPatternLength = 1024

// ParseCondition parses a condition value of the form
// `[!][pattern:|range:]value`. The prefixes are lower case: ImageApp's
// validator reads a capitalised `Pattern:` or `Range:` as part of a plain
// value [tool]; on MCC, MNC and GID1 that value fails the name's check and
// the build fails, so the condition is undecidable; on other names it is a
// plain value that never matches a SIM.
//
// The error, a Problem, says why the condition cannot be evaluated: an empty
// or unknown name, a range that is not `min, max`, a pattern Go's RE2 cannot
// compile or that .NET reads differently. The Condition is returned filled
// as far as it could be parsed also then, and Decidable reports false for it.
func ParseCondition(name, value string) (Condition, error) {
	return ParseConditionLimits(name, value, PatternLimits{})
}

// ParseConditionLimits is ParseCondition with a pattern compiled only
// within lim.
func ParseConditionLimits(name, value string, lim PatternLimits) (Condition, error) {
	c := splitCondition(name, value)
	if p, ok := nameProblem(name); ok {
		c.bad, c.why = true, p.Message
		return c, p
	}
	if p, ok := c.parseValue(lim); ok {
		c.bad, c.why = true, p.Message
		return c, p
	}
	return c, nil
}

// splitCondition reads the negation and the prefix of a value.
func splitCondition(name, value string) Condition {
	c := Condition{Name: name, key: lowerName(name)}
	rest := value
	if strings.HasPrefix(rest, "!") {
		c.Negate = true
		rest = rest[1:]
	}
	switch {
	case strings.HasPrefix(rest, "pattern:"):
		c.Kind, c.Text = Pattern, rest[len("pattern:"):]
	case strings.HasPrefix(rest, "range:"):
		c.Kind, c.Text = Range, rest[len("range:"):]
	default:
		c.Kind, c.Text = Exact, rest
		// Only p and P fold to p, only r and R to r: most values (digits,
		// names) are told apart by their first byte.
		if f := firstLower(rest); (f == 'p' || f == 'r') && (hasPrefixFold(rest, "pattern:") || hasPrefixFold(rest, "range:")) {
			c.cap = rest[:strings.IndexByte(rest, ':')+1]
		}
	}
	return c
}

// nameProblem checks a condition name: empty, reserved, or not documented.
func nameProblem(name string) (Problem, bool) {
	if _, ok := documentedKey(name); ok {
		return Problem{}, false // as the known name as written below
	}
	trimmed := strings.TrimSpace(name)
	key := lowerName(trimmed)
	if _, ok := known(key); ok && len(trimmed) == len(name) {
		// A documented name as written (lint parses each condition
		// twice): not empty, not reserved (no documented name is,
		// TestKnownNotReserved), and ClassOf(name) is its class.
		return Problem{}, false
	}
	switch {
	case key == "":
		return Problem{ProblemEmptyName, "condition has no name: set Name to a SIM or device condition such as MCC"}, true
	case reserved(key):
		return Problem{ProblemReservedName, fmt.Sprintf("%s is a reserved name and cannot be a condition: use a SIM or device condition such as MCC", english.Quote(name))}, true
	case ClassOf(name) == ClassOther:
		return Problem{ProblemUnknownName, fmt.Sprintf("unknown condition name %s: ImageApp's validator warns on it and what the device does with it is not documented, so mcsf resolve leaves its TargetState undecided; the documented names are %s", english.Quote(name), documentedNames)}, true
	}
	return Problem{}, false
}

// parseValue fills the parts of c that its value gives (bounds, compiled
// pattern) and returns the problem that keeps it from being evaluated.
func (c *Condition) parseValue(lim PatternLimits) (Problem, bool) {
	if c.cap != "" && capPrefixFails(c.key) {
		return Problem{ProblemInvalidValue, capPrefixMessage(c.key, c.cap)}, true
	}
	switch c.Kind {
	case Range:
		lo, hi, ok := parseRange(c.Text)
		if !ok {
			return Problem{ProblemInvalidValue, fmt.Sprintf("range %s is not two integers: write range:MIN, MAX, e.g. range:1, 5", english.Quote(c.Text))}, true
		}
		c.Min, c.Max = lo, hi
	case Pattern:
		if n := utf8.RuneCountInString(c.Text); n > MaxPatternLength {
			return Problem{ProblemInvalidValue, fmt.Sprintf("pattern is %d characters long, over the limit of %d: match with a shorter pattern or several TargetStates", n, MaxPatternLength)}, true
		}
		if p, ok := patternSizeProblem(c.Text, lim); ok {
			return p, true
		}
		if p, ok := patternDialectProblem(c.Text); ok {
			return p, true
		}
		re, err := compilePattern(c.Text, foldsCase(c.key))
		if err != nil {
			return patternProblem(c.Text, err), true
		}
		c.re = re
		c.wide = unicodeSensitive(c.Text)
	}
	return Problem{}, false
}

// capPrefixFails reports whether a plain value that starts with a
// capitalised prefix fails ImageApp's per-name check (MCC, MNC and GID1 must
// be digits) [tool].
func capPrefixFails(key string) bool { return key == "mcc" || key == "mnc" || key == "gid1" }

func capPrefixMessage(key, prefix string) string {
	lower := strings.ToLower(prefix)
	if capPrefixFails(key) {
		return fmt.Sprintf("%q is not a prefix for ImageApp: it reads the whole value as a plain %s, which fails its check and the build; write %q", prefix, CanonicalName(key), lower)
	}
	return fmt.Sprintf("%q is not a prefix for ImageApp: it reads the whole value as a plain value, which never matches a SIM; write %q", prefix, lower)
}

// MustParseCondition is ParseCondition for values known to be valid (tests,
// examples); it panics on an error.
func MustParseCondition(name, value string) Condition {
	c, err := ParseCondition(name, value)
	if err != nil {
		panic(err)
	}
	return c
}

// firstLower is the first byte of s in lower case if it is an ASCII
// letter (0 for an empty s).
func firstLower(s string) byte {
	if s == "" {
		return 0
	}
	if c := s[0]; 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return s[0]
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// rangeRE is the range syntax of ImageApp's validator.
var rangeRE = lazy.Regexp{Expr: `^(-?\d+),\s?(-?\d+)$`}

// parseRange reads `MIN, MAX` into canonical decimal integers of any length.
func parseRange(s string) (lo, hi string, ok bool) {
	m := rangeRE.Get().FindStringSubmatch(s)
	if m == nil {
		return "", "", false
	}
	return canonicalInt(m[1]), canonicalInt(m[2]), true
}

func compilePattern(p string, fold bool) (*regexp.Regexp, error) {
	// Parse the pattern as written (its error names it; `a)|(b` is valid
	// only wrapped), then compile it once, anchored.
	if _, err := syntax.Parse(p, syntax.Perl); err != nil {
		return nil, err
	}
	flags := ""
	if fold {
		flags = "(?i)"
	}
	return regexp.Compile(flags + `^(?:` + p + `)$`)
}

// String returns the condition value as it would be written back, e.g.
// `!pattern:^310` or `range:1, 5`.
func (c Condition) String() string {
	var b strings.Builder
	if c.Negate {
		b.WriteByte('!')
	}
	switch c.Kind {
	case Pattern:
		b.WriteString("pattern:")
	case Range:
		b.WriteString("range:")
	}
	b.WriteString(c.Text)
	return b.String()
}

// Class is the priority class of the condition's name.
func (c Condition) Class() Class { return ClassOf(c.Name) }

// Decidable reports whether the condition can be evaluated: false when its
// value did not parse (a pattern RE2 cannot compile or .NET reads
// differently, a malformed range) or its name is not a documented one.
func (c Condition) Decidable() bool { return !c.bad }

// Why says why the condition cannot be evaluated; "" when it can.
func (c Condition) Why() string { return c.why }

// Outcome is the result of testing a condition against a profile.
type Outcome int

// Outcomes. Undecided means the condition cannot be evaluated by this tool;
// it is reported, never guessed.
const (
	NotMatched Outcome = iota
	Matched
	Undecided
)

func (o Outcome) String() string {
	switch o {
	case Matched:
		return "matched"
	case NotMatched:
		return "not matched"
	}
	return "undecided"
}

// Eval tests the condition against value; set is false when the profile does
// not have the condition's name, which never matches (also when negated).
func (c *Condition) Eval(value string, set bool) Outcome {
	if c.bad {
		return Undecided
	}
	if !set {
		return NotMatched
	}
	if c.wide && !readAlike(value) {
		return Undecided
	}
	if c.test(value) != c.Negate {
		return Matched
	}
	return NotMatched
}

// test is the un-negated test of a decidable condition.
func (c *Condition) test(value string) bool {
	switch c.Kind {
	case Pattern:
		return c.re.MatchString(value)
	case Range:
		return inRange(value, c.Min, c.Max)
	}
	if foldsCase(c.key) {
		return strings.EqualFold(c.Text, value)
	}
	return c.Text == value
}

// ProblemKind classifies a Problem of a condition.
type ProblemKind string

// Problem kinds, one per lint rule that reports them.
const (
	ProblemEmptyName          ProblemKind = "empty-name"
	ProblemReservedName       ProblemKind = "reserved-name"
	ProblemUnknownName        ProblemKind = "unknown-name"
	ProblemInvalidValue       ProblemKind = "invalid-value"
	ProblemPrefixCase         ProblemKind = "prefix-case"
	ProblemPatternUnsupported ProblemKind = "pattern-unsupported" // .NET accepts it, RE2 cannot compile it
	ProblemPatternDiffers     ProblemKind = "pattern-differs"     // both accept it and read it differently
	ProblemPatternLimit       ProblemKind = "pattern-limit"       // the file has more patterns than the limit: none is compiled
)

// Problem is one thing wrong with a condition. Message is lower case, has no
// trailing period and says what to do.
type Problem struct {
	Kind    ProblemKind
	Message string
}

// Error makes a Problem usable as the error of ParseCondition.
func (p Problem) Error() string { return p.Message }

// CheckCondition returns every problem of one condition, in a fixed order
// (name problems, then value problems), for the linter. A valid condition
// gives none. Whatever makes ParseCondition fail is here too, so lint and
// resolve agree on what cannot be evaluated.
func CheckCondition(name, value string) []Problem {
	return CheckConditionLimits(name, value, PatternLimits{})
}

// CheckConditionLimits is CheckCondition with a pattern compiled only
// within lim.
func CheckConditionLimits(name, value string, lim PatternLimits) []Problem {
	return CheckParse(name, value, lim).Problems
}

// Checked is one condition parsed once for the linter's two uses of it: the
// problems CheckConditionLimits reports, and the condition as
// ParseConditionLimits parses it, which Solver.PrepareChecked prepares
// without parsing it again.
type Checked struct {
	Problems []Problem // as CheckConditionLimits returns them
	cond     Condition // as ParseConditionLimits returns it
	invalid  bool      // ParseConditionLimits's problem makes the state invalid (Conj.Invalid)
}

// CheckParse checks and parses one condition, with a pattern compiled only
// within lim (once: the problems and the condition share it).
func CheckParse(name, value string, lim PatternLimits) Checked {
	var out Checked
	np, badName := nameProblem(name)
	if badName {
		out.Problems = append(out.Problems, np)
	}
	c := splitCondition(name, value)
	// ParseConditionLimits stops at a bad name, its value not parsed.
	out.cond, out.invalid = c, badName && invalidKind(np.Kind)
	out.cond.bad, out.cond.why = badName, np.Message
	rest := strings.TrimPrefix(value, "!")
	if c.cap != "" && !capPrefixFails(c.key) {
		out.Problems = append(out.Problems, Problem{ProblemPrefixCase, capPrefixMessage(c.key, c.cap)})
	}
	if rest == "" {
		// parseValue has nothing to parse: the condition is as split.
		out.Problems = append(out.Problems, Problem{ProblemInvalidValue, fmt.Sprintf("condition %s has an empty value: set the value to match", CanonicalName(name))})
		return out
	}
	if p, ok := c.parseValue(lim); ok {
		if !badName {
			out.cond, out.invalid = c, invalidKind(p.Kind)
			out.cond.bad, out.cond.why = true, p.Message
		}
		out.Problems = append(out.Problems, p)
		return out
	}
	if !badName {
		out.cond = c
	}
	switch c.Kind {
	case Range:
		if compareInt(c.Min, c.Max) > 0 {
			out.Problems = append(out.Problems, Problem{ProblemInvalidValue, fmt.Sprintf("range %s is empty: the minimum %s is above the maximum %s, swap them", english.Quote(c.Text), english.Clip(c.Min), english.Clip(c.Max))})
		}
	case Pattern:
		if c.Text == "" {
			out.Problems = append(out.Problems, Problem{ProblemInvalidValue, "pattern is empty and matches only an empty value: write the regular expression after pattern:"})
		}
	case Exact:
		if c.cap != "" {
			break // reported above
		}
		if msg := checkPlainValue(c.key, c.Text); msg != "" {
			out.Problems = append(out.Problems, Problem{ProblemInvalidValue, msg})
		}
	}
	return out
}

const documentedNames = "MCC, MNC, SPN, PNN, GID1, ICCID, Roaming, UICC, UICCSLOT (SIM) and " +
	"ProcessorType, ProcessorName, AoAc, PowerPlatformRole, Architecture, Server, Region, Lang (device)"

// checkPlainValue applies the per-name value checks to a plain value.
func checkPlainValue(key, v string) string {
	switch key {
	case "mcc":
		if len(v) != 3 || !allDigits(v) {
			return fmt.Sprintf("MCC %s must be exactly 3 digits, e.g. 310", english.Quote(v))
		}
	case "mnc":
		if len(v) < 2 || len(v) > 3 || !allDigits(v) {
			return fmt.Sprintf("MNC %s must be 2 or 3 digits, e.g. 410; note that 26 and 026 are different values, write the form the SIM reports", english.Quote(v))
		}
	case "spn":
		if n := utf16Len(v); n > MaxSPNLength {
			return fmt.Sprintf("SPN %s is %d UTF-16 code units (as ImageApp counts), a SIM's service provider name has at most %d", english.Quote(v), n, MaxSPNLength)
		}
	case "gid1":
		if !allHex(v) {
			return fmt.Sprintf("GID1 %s must be hexadecimal digits, e.g. 0A1B", english.Quote(v))
		}
		if n := len(strings.TrimLeft(v, "0")); n > 16 {
			return fmt.Sprintf("GID1 %s has %d significant hex digits: ImageApp reads GID1 as an unsigned 64-bit number, at most 16", english.Quote(v), n)
		}
	case "roaming", "uiccslot":
		if v != "0" && v != "1" {
			return fmt.Sprintf("%s %s never matches: the value is 0 or 1", CanonicalName(key), english.Quote(v))
		}
	case "uicc":
		if v != "0" && v != "1" && v != "2" {
			return fmt.Sprintf("UICC %s never matches: the value is 0 (empty), 1 (ready) or 2 (locked)", english.Quote(v))
		}
	}
	return ""
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func allHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return s != ""
}

// MaxSPNLength is the longest SPN ImageApp accepts, in UTF-16 code units
// (a .NET string's Length) [tool].
const MaxSPNLength = 16

// utf16Len is the length of s in UTF-16 code units, as .NET counts a string.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r) // an invalid byte decodes to U+FFFD: one unit
	}
	return n
}

// readAlike reports whether .NET and RE2 read the constructs that make a
// pattern wide (unicodeSensitive) alike on s: ASCII without a vertical tab
// (.NET's \s matches \v, RE2's does not).
func readAlike(s string) bool { return isASCII(s) && strings.IndexByte(s, '\v') < 0 }

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
