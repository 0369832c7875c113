package change

import (
	"errors"
	"regexp/syntax"
	"slices"
	"strings"
	"unicode"

	"github.com/mcsf-dev/mcsf/variant"
)

// errTooManyStates stops an exploration whose product automaton grows past
// maxStates: the regions of that name are then not known exactly.
var errTooManyStates = errors.New("the patterns are too complex to partition exactly")

// maxStates bounds the product automaton of one condition name.
const maxStates = 4096

// nfa is one compiled regular expression, case folding spelled out as
// character classes so that every rune test is a plain range test.
type nfa struct{ prog *syntax.Prog }

func compileNFA(expr string) (*nfa, error) {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil, err
	}
	prog, err := syntax.Compile(unfold(re).Simplify())
	if err != nil {
		return nil, err
	}
	return &nfa{prog}, nil
}

// unfold replaces case-folded literals by classes of their fold orbits and
// clears FoldCase everywhere (the parser already folds character classes).
func unfold(re *syntax.Regexp) *syntax.Regexp {
	for i, s := range re.Sub {
		re.Sub[i] = unfold(s)
	}
	fold := re.Flags&syntax.FoldCase != 0
	re.Flags &^= syntax.FoldCase
	if re.Op != syntax.OpLiteral || !fold {
		return re
	}
	subs := make([]*syntax.Regexp, 0, len(re.Rune))
	for _, r := range re.Rune {
		orbit := []rune{r}
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			orbit = append(orbit, f)
		}
		slices.Sort(orbit)
		cls := &syntax.Regexp{Op: syntax.OpCharClass, Flags: re.Flags}
		for _, o := range orbit {
			cls.Rune = append(cls.Rune, o, o)
		}
		subs = append(subs, cls)
	}
	if len(subs) == 1 {
		return subs[0]
	}
	return &syntax.Regexp{Op: syntax.OpConcat, Flags: re.Flags, Sub: subs}
}

// closure returns the instructions reachable from pending by empty moves
// in context op: rune tests and matches.
func (m *nfa) closure(pending []uint32, op syntax.EmptyOp) []uint32 {
	seen := make(map[uint32]bool, 8)
	return variant.EmptyClosure(m.prog, pending, op, func(pc uint32) bool {
		if seen[pc] {
			return true
		}
		seen[pc] = true
		return false
	}, nil)
}

// step moves pending over r, the previous rune being prev (-1 at the start).
func (m *nfa) step(pending []uint32, prev, r rune) []uint32 {
	var next []uint32
	for _, pc := range m.closure(pending, syntax.EmptyOpContext(prev, r)) {
		in := &m.prog.Inst[pc]
		if in.Op != syntax.InstMatch && in.MatchRune(r) {
			next = append(next, in.Out)
		}
	}
	slices.Sort(next)
	return slices.Compact(next)
}

// accepts reports whether the text read so far matches.
func (m *nfa) accepts(pending []uint32, prev rune) bool {
	for _, pc := range m.closure(pending, syntax.EmptyOpContext(prev, -1)) {
		if m.prog.Inst[pc].Op == syntax.InstMatch {
			return true
		}
	}
	return false
}

// alphabet splits the runes into intervals that every rune test of ms and
// every empty-width context treats alike, and returns one rune of each,
// printable ASCII first.
func alphabet(ms []*nfa) []rune {
	bounds := []rune{0, '\n', '\n' + 1, '0', '9' + 1, 'A', 'Z' + 1, '_', '_' + 1, 'a', 'z' + 1, 0xD800, 0xE000, unicode.MaxRune + 1}
	for _, m := range ms {
		for _, in := range m.prog.Inst {
			switch in.Op {
			case syntax.InstRune1:
				bounds = append(bounds, in.Rune[0], in.Rune[0]+1)
			case syntax.InstRune:
				for i := 0; i+1 < len(in.Rune); i += 2 {
					bounds = append(bounds, in.Rune[i], in.Rune[i+1]+1)
				}
			}
		}
	}
	slices.Sort(bounds)
	bounds = slices.Compact(bounds)
	var reps []rune
	for i := 0; i+1 < len(bounds); i++ {
		lo, hi := bounds[i], bounds[i+1]-1
		if lo >= 0xD800 && lo < 0xE000 {
			continue // surrogates are not runes of a string
		}
		r := lo
		if lo <= '~' && hi >= '!' {
			r = max(lo, '!')
		}
		reps = append(reps, r)
	}
	slices.SortStableFunc(reps, func(a, b rune) int { return boolRank(a >= '!' && a <= '~') - boolRank(b >= '!' && b <= '~') })
	return reps
}

func boolRank(b bool) int {
	if b {
		return 0
	}
	return 1
}

// prevClass is the previous rune as far as empty-width tests can tell.
func prevClass(r rune) rune {
	switch {
	case r < 0 || r == '\n':
		return r
	case syntax.IsWordChar(r):
		return 'a'
	}
	return ' '
}

// witnesses explores the product of ms breadth first and returns, for every
// combination of matches that some string achieves, the shortest such
// string found. The combinations are exact: a product of finite automata
// reaches every combination some string has.
func witnesses(ms []*nfa) ([]string, error) {
	type node struct {
		pending [][]uint32
		prev    rune
		text    []rune
	}
	key := func(n *node) string {
		var b strings.Builder
		b.WriteRune(n.prev + 2)
		for _, p := range n.pending {
			b.WriteByte(0xff)
			for _, pc := range p {
				b.WriteRune(rune(pc) + 1)
			}
		}
		return b.String()
	}
	start := &node{pending: make([][]uint32, len(ms)), prev: -1}
	for i, m := range ms {
		start.pending[i] = []uint32{uint32(m.prog.Start)}
	}
	sigma := alphabet(ms)
	seen := map[string]bool{key(start): true}
	found := map[string]bool{}
	var out []string
	queue := []*node{start}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		vec := make([]byte, len(ms))
		dead := true
		for i, m := range ms {
			if m.accepts(n.pending[i], n.prev) {
				vec[i] = 1
			}
			if len(n.pending[i]) > 0 {
				dead = false
			}
		}
		if !found[string(vec)] {
			found[string(vec)] = true
			out = append(out, string(n.text))
		}
		if dead {
			continue
		}
		for _, r := range sigma {
			next := &node{pending: make([][]uint32, len(ms)), prev: prevClass(r), text: append(slices.Clip(n.text), r)}
			for i, m := range ms {
				if len(n.pending[i]) > 0 {
					next.pending[i] = m.step(n.pending[i], n.prev, r)
				}
			}
			k := key(next)
			if seen[k] {
				continue
			}
			if len(seen) >= maxStates {
				return out, errTooManyStates
			}
			seen[k] = true
			queue = append(queue, next)
		}
	}
	return out, nil
}
