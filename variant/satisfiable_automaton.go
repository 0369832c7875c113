package variant

import (
	"regexp/syntax"
	"slices"
	"strings"
	"unicode"
)

// satisfiable_automaton.go: the automata behind the exact overlap decision.
// Every condition test (a pattern, a plain value, a range spelled as a
// regular expression, the values a SIM can report for a name) becomes a
// deterministic automaton built lazily from Go's regexp/syntax program: a
// state is the set of pending program instructions, a transition is computed
// the first time a rune takes it and kept. A search over the product of the
// automata of one name finds the shortest value every test accepts (or
// rejects, when negated), or proves there is none.

// dfa is the lazily determinised automaton of one anchored expression.
type dfa struct {
	prog *syntax.Prog
	// context: the program tests line or word boundaries, so a state also
	// records the class of the previous rune.
	context bool
	states  []dstate // 0 is the dead state, 1 the start
	ids     map[string]int32
	next    map[uint64]int32
	bounds  []rune // where the rune intervals its tests tell apart begin

	seen []uint32 // closure marks, by instruction, compared with gen
	gen  uint32
}

type dstate struct {
	pcs    []uint32 // pending instructions, sorted
	prev   rune     // class of the previous rune (prevClass); -1 at the start
	accept bool     // the text read so far is accepted
}

const deadState, startState int32 = 0, 1

// newDFA compiles expr (RE2 syntax, anchored by the caller).
func newDFA(expr string) (*dfa, error) {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil, err
	}
	prog, err := syntax.Compile(re.Simplify())
	if err != nil {
		return nil, err
	}
	d := &dfa{prog: prog, ids: map[string]int32{}, next: map[uint64]int32{}, seen: make([]uint32, len(prog.Inst))}
	for _, in := range prog.Inst {
		switch in.Op {
		case syntax.InstEmptyWidth:
			if syntax.EmptyOp(in.Arg)&^(syntax.EmptyBeginText|syntax.EmptyEndText) != 0 {
				d.context = true
			}
		case syntax.InstRune1:
			d.bounds = append(d.bounds, in.Rune[0], in.Rune[0]+1)
		case syntax.InstRune:
			if len(in.Rune) == 1 && syntax.Flags(in.Arg)&syntax.FoldCase != 0 {
				for _, r := range foldOrbit(in.Rune[0]) {
					d.bounds = append(d.bounds, r, r+1)
				}
				continue
			}
			for i := 0; i+1 < len(in.Rune); i += 2 {
				d.bounds = append(d.bounds, in.Rune[i], in.Rune[i+1]+1)
			}
		}
	}
	slices.Sort(d.bounds)
	d.bounds = slices.Compact(d.bounds)
	d.states = append(d.states, dstate{prev: -1})
	d.state([]uint32{uint32(prog.Start)}, -1)
	return d, nil
}

// foldOrbit returns r and every rune that simple case folding equates with it.
func foldOrbit(r rune) []rune {
	orbit := []rune{r}
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		orbit = append(orbit, f)
	}
	return orbit
}

// closure returns the rune and match instructions reachable from pcs by
// empty moves allowed in context op.
func (d *dfa) closure(pcs []uint32, op syntax.EmptyOp, out []uint32) []uint32 {
	d.gen++
	return EmptyClosure(d.prog, pcs, op, func(pc uint32) bool {
		if d.seen[pc] == d.gen {
			return true
		}
		d.seen[pc] = d.gen
		return false
	}, out)
}

// EmptyClosure appends to out the rune and match instructions of prog
// reachable from pcs by the empty moves allowed in context op. visited marks
// an instruction and reports whether it was marked before.
func EmptyClosure(prog *syntax.Prog, pcs []uint32, op syntax.EmptyOp, visited func(pc uint32) bool, out []uint32) []uint32 {
	stack := append([]uint32(nil), pcs...)
	for len(stack) > 0 {
		pc := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if visited(pc) {
			continue
		}
		in := &prog.Inst[pc]
		switch in.Op {
		case syntax.InstAlt, syntax.InstAltMatch:
			stack = append(stack, in.Out, in.Arg)
		case syntax.InstCapture, syntax.InstNop:
			stack = append(stack, in.Out)
		case syntax.InstEmptyWidth:
			if syntax.EmptyOp(in.Arg)&^op == 0 {
				stack = append(stack, in.Out)
			}
		case syntax.InstMatch, syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
			out = append(out, pc)
		}
	}
	return out
}

// state interns the state of pending instructions pcs (sorted) after a rune
// of class prev.
func (d *dfa) state(pcs []uint32, prev rune) int32 {
	if len(pcs) == 0 {
		return deadState
	}
	if !d.context && prev >= 0 {
		prev = 0 // only the start of the text matters
	}
	var b strings.Builder
	b.WriteRune(prev + 2)
	for _, pc := range pcs {
		b.WriteRune(rune(pc) + 1)
	}
	k := b.String()
	if id, ok := d.ids[k]; ok {
		return id
	}
	accept := false
	for _, pc := range d.closure(pcs, syntax.EmptyOpContext(prev, -1), nil) {
		if d.prog.Inst[pc].Op == syntax.InstMatch {
			accept = true
		}
	}
	id := int32(len(d.states))
	d.states = append(d.states, dstate{pcs: slices.Clone(pcs), prev: prev, accept: accept})
	d.ids[k] = id
	return id
}

// step returns the state after reading r in state s.
func (d *dfa) step(s int32, r rune) int32 {
	if s == deadState {
		return deadState
	}
	k := uint64(s)<<32 | uint64(uint32(r))
	if t, ok := d.next[k]; ok {
		return t
	}
	st := d.states[s]
	var next []uint32
	for _, pc := range d.closure(st.pcs, syntax.EmptyOpContext(st.prev, r), nil) {
		if in := &d.prog.Inst[pc]; in.Op != syntax.InstMatch && in.MatchRune(r) {
			next = append(next, in.Out)
		}
	}
	slices.Sort(next)
	t := d.state(slices.Compact(next), prevClass(r))
	d.next[k] = t
	return t
}

// prevClass is a rune as far as empty-width tests can tell.
func prevClass(r rune) rune {
	switch {
	case r == '\n':
		return r
	case syntax.IsWordChar(r):
		return 'a'
	}
	return ' '
}

// alphabet returns one rune of each interval that every automaton of ds
// treats alike (printable ASCII preferred within an interval; letters and
// digits first, control characters last), only ASCII when asciiOnly, and
// only runes keep accepts as a first rune.
func alphabet(ds []*dfa, keep *dfa, asciiOnly bool) []rune {
	var reps []rune
	for _, iv := range intervals(ds, keep, asciiOnly) {
		r := iv[0]
		if iv[0] <= '~' && iv[1] >= '!' {
			r = max(iv[0], '!')
		}
		reps = append(reps, r)
	}
	// Witnesses read best made of letters and digits, then other printable
	// ASCII; a control character only where nothing else will do.
	rank := func(r rune) int {
		switch {
		case r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z':
			return 0
		case r >= ' ' && r <= '~':
			return 1
		case r >= 0x80:
			return 2
		}
		return 3
	}
	slices.SortStableFunc(reps, func(a, b rune) int { return rank(a) - rank(b) })
	return reps
}

// intervals returns the rune intervals [lo, hi] that every automaton of ds
// treats alike (surrogates left out), as alphabet filters them.
func intervals(ds []*dfa, keep *dfa, asciiOnly bool) [][2]rune {
	bounds := []rune{0, '\n', '\n' + 1, '\v', '\v' + 1, '0', '9' + 1, 'A', 'Z' + 1, '_', '_' + 1, 'a', 'z' + 1, 0x80, 0xD800, 0xE000, unicode.MaxRune + 1}
	for _, d := range ds {
		bounds = append(bounds, d.bounds...)
	}
	slices.Sort(bounds)
	bounds = slices.Compact(bounds)
	var out [][2]rune
	for i := 0; i+1 < len(bounds); i++ {
		lo, hi := bounds[i], bounds[i+1]-1
		if lo >= 0xD800 && lo < 0xE000 || asciiOnly && !readAlikeRune(lo) {
			continue // surrogates are not runes of a string
		}
		if keep.step(startState, lo) != deadState {
			out = append(out, [2]rune{lo, hi})
		}
	}
	return out
}

// readAlikeRune reports whether r can be part of a value readAlike accepts.
func readAlikeRune(r rune) bool { return r < 0x80 && r != '\v' }

// test is one automaton of a search and whether it must reject.
type test struct {
	d      *dfa
	negate bool
}

// searchResult is the outcome of a product search.
type searchResult int

const (
	searchNone     searchResult = iota // no value passes every test
	searchFound                        // the witness passes every test
	searchExceeded                     // the budget ran out first
)

// search explores the product of the tests breadth first over sigma and
// returns the shortest value every test passes. budget bounds the number of
// product states; nonASCII requires the value to hold a rune outside ASCII.
func search(tests []test, sigma []rune, budget int, nonASCII bool) (string, searchResult) {
	n := len(tests)
	type node struct {
		parent int32
		r      rune
		wide   bool // a rune outside ASCII was read
	}
	var nodes []node
	var states []int32 // n per node
	seen := map[string]bool{}
	key := make([]byte, 0, 4*n+1)
	add := func(parent int32, r rune, wide bool, st []int32) bool {
		key = key[:0]
		if wide {
			key = append(key, 1)
		}
		for _, s := range st {
			key = append(key, byte(s), byte(s>>8), byte(s>>16), byte(s>>24))
		}
		if seen[string(key)] {
			return true
		}
		if len(nodes) >= budget {
			return false
		}
		seen[string(key)] = true
		nodes = append(nodes, node{parent, r, wide})
		states = append(states, st...)
		return true
	}
	start := make([]int32, n)
	for i := range start {
		start[i] = startState
	}
	add(-1, 0, false, start)
	next := make([]int32, n)
	for at := 0; at < len(nodes); at++ {
		cur := states[at*n : at*n+n]
		if !nonASCII || nodes[at].wide {
			ok := true
			for i, t := range tests {
				if t.d.states[cur[i]].accept == t.negate {
					ok = false
					break
				}
			}
			if ok {
				var rs []rune
				for k := int32(at); k > 0; k = nodes[k].parent {
					rs = append(rs, nodes[k].r)
				}
				slices.Reverse(rs)
				return string(rs), searchFound
			}
		}
	expand:
		for _, r := range sigma {
			for i, t := range tests {
				next[i] = t.d.step(cur[i], r)
				if next[i] == deadState && !t.negate {
					continue expand // no continuation can pass this test
				}
			}
			if !add(int32(at), r, nodes[at].wide || !readAlikeRune(r), next) {
				return "", searchExceeded
			}
			cur = states[at*n : at*n+n] // states may have moved
		}
	}
	return "", searchNone
}

// rangeExpr spells the range [lo, hi] (canonical decimal integers) as an
// anchored regular expression over the values inRange accepts: an optional
// sign, then decimal digits with any leading zeros.
func rangeExpr(lo, hi string) string {
	if compareInt(lo, hi) > 0 {
		return `[^\x00-\x{10FFFF}]` // empty
	}
	var alts []string
	if compareInt(lo, "0") <= 0 && compareInt(hi, "0") >= 0 {
		alts = append(alts, `[+-]?0+`)
	}
	if compareInt(hi, "1") >= 0 {
		from := lo
		if compareInt(lo, "1") < 0 {
			from = "1"
		}
		alts = append(alts, `\+?0*(?:`+digitRange(from, hi)+`)`)
	}
	if compareInt(lo, "-1") <= 0 {
		to := hi
		if compareInt(hi, "-1") > 0 {
			to = "-1"
		}
		alts = append(alts, `-0*(?:`+digitRange(to[1:], lo[1:])+`)`)
	}
	return `^(?:` + strings.Join(alts, "|") + `)$`
}

// digitRange spells [a, b] (positive, no leading zeros, a ≤ b) as digits.
func digitRange(a, b string) string {
	var alts []string
	for n := len(a); n <= len(b); n++ {
		x, y := a, b
		if n > len(a) {
			x = "1" + strings.Repeat("0", n-1)
		}
		if n < len(b) {
			y = strings.Repeat("9", n)
		}
		alts = append(alts, sameLengthRange(x, y))
	}
	return strings.Join(alts, "|")
}

// sameLengthRange spells [x, y] for digit strings of one length, x ≤ y.
func sameLengthRange(x, y string) string {
	if x == y {
		return x
	}
	i := 0
	for x[i] == y[i] {
		i++
	}
	k := len(x) - i - 1
	xt, yt := x[i+1:], y[i+1:]
	lowAll, highAll := strings.Trim(xt, "0") == "", strings.Trim(yt, "9") == ""
	var alts []string
	from, to := x[i], y[i]
	if !lowAll {
		alts = append(alts, x[i:i+1]+sameLengthRange(xt, strings.Repeat("9", k)))
		from++
	}
	if !highAll {
		alts = append(alts, y[i:i+1]+sameLengthRange(strings.Repeat("0", k), yt))
		to--
	}
	if from <= to {
		cls := string(from)
		if from < to {
			cls = "[" + string(from) + "-" + string(to) + "]"
		}
		switch {
		case k == 1:
			cls += "[0-9]"
		case k > 1:
			cls += "[0-9]{" + itoa(k) + "}"
		}
		alts = append(alts, cls)
	}
	if len(alts) == 1 {
		return x[:i] + alts[0]
	}
	return x[:i] + "(?:" + strings.Join(alts, "|") + ")"
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

// netReading rewrites the classes .NET reads as Unicode (\d, \w, \s and
// their negations) into RE2's Unicode classes, so that the automaton reads
// a pattern as .NET does on values that are not ASCII. ok is false for a
// negated class inside a bracket expression and for \b and \B (a Unicode
// word boundary), which RE2 cannot spell. What is left differs only on
// characters outside the Basic Multilingual Plane (.NET's '.' and [^...]
// match one UTF-16 code unit) and in culture-specific case folding.
func netReading(p string) (string, bool) {
	const word, space = `\p{L}\p{Mn}\p{Nd}\p{Pc}`, `\t\n\v\f\r \x{85}\p{Z}`
	var b strings.Builder
	inClass := false
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c == '\\' && i+1 < len(p):
			e := p[i+1]
			i++
			switch {
			case e == 'd':
				b.WriteString(`\p{Nd}`)
			case e == 'D':
				b.WriteString(`\P{Nd}`)
			case (e == 'w' || e == 's') && inClass:
				b.WriteString(map[byte]string{'w': word, 's': space}[e])
			case e == 'w' || e == 's':
				b.WriteString("[" + map[byte]string{'w': word, 's': space}[e] + "]")
			case (e == 'W' || e == 'S') && inClass, (e == 'b' || e == 'B') && !inClass:
				return "", false // RE2 cannot spell it (or its Unicode word boundary)
			case e == 'W' || e == 'S':
				b.WriteString("[^" + map[byte]string{'W': word, 'S': space}[e] + "]")
			default:
				b.WriteByte(c)
				b.WriteByte(e)
			}
		case inClass && c == ']':
			inClass = false
			b.WriteByte(c)
		case !inClass && c == '[':
			inClass = true
			b.WriteByte(c)
			if i+1 < len(p) && p[i+1] == '^' {
				b.WriteByte('^')
				i++
			}
			if i+1 < len(p) && p[i+1] == ']' {
				b.WriteByte(']')
				i++
			}
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), true
}
