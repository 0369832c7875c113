package lint

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/catalog"
	"github.com/mcsf-dev/mcsf/internal/english"
	"github.com/mcsf-dev/mcsf/variant"
)

// check_overlap.go: pairs of Variants whose targets can match one SIM at
// the same priority and that set one setting to different values, so that
// the result depends on the order of the file.

// statePriority is a TargetState's priority: its number of SIM (P0) and of
// device (P1) conditions.
type statePriority struct{ p0, p1 int }

func priorityOf(s answerfile.TargetState) statePriority {
	var p statePriority
	for _, c := range s.Conditions {
		switch variant.ClassOf(c.Name.Value) {
		case variant.ClassP0:
			p.p0++
		case variant.ClassP1:
			p.p1++
		}
	}
	return p
}

// pinLimit is the most MCC (MNC, ICCID prefix) values a state may allow and
// still be indexed by them; a state that allows more is compared with every
// other.
const pinLimit = 64

// prefixPins are the names whose value prefixes index states that pin no
// MCC, in order of preference, with the prefix length: an ICCID starts with
// 89, a country code and an issuer; an SPN or PNN with a name.
var prefixPins = []struct {
	name string
	n    int
}{{"ICCID", 7}, {"SPN", 6}, {"PNN", 6}, {"GID1", 4}}

// stateInfo is a TargetState prepared for the overlap check.
type stateInfo struct {
	prio       statePriority
	conj       *variant.Conj
	mccs, mncs []string // the MCC and MNC values the state allows; nil if not pinned to a few
	// prefixName is the first name of prefixPins whose prefixes the state
	// pins to a few, prefixes those prefixes; "" and nil if none.
	prefixName string
	prefixes   []string
}

// newStateInfo prepares a state, whose conditions the file's conditions
// table holds; indexed says whether overlapCandidates will index it by the
// values it pins (else it needs none of them).
func newStateInfo(s *variant.Solver, st answerfile.TargetState, conds []variant.Checked, indexed bool) stateInfo {
	si := stateInfo{prio: priorityOf(st), conj: s.PrepareChecked(conds)}
	if !indexed {
		return si
	}
	si.mccs = pins(s.Values(si.conj, "MCC", pinLimit))
	si.mncs = pins(s.Values(si.conj, "MNC", pinLimit))
	if si.mccs != nil {
		return si // prefixes index only states that pin no MCC
	}
	for _, pp := range prefixPins {
		if ps := pins(s.Prefixes(si.conj, pp.name, pp.n, pinLimit)); ps != nil {
			si.prefixName, si.prefixes = pp.name, ps
			break
		}
	}
	return si
}

// pins returns the values a state allows (an empty, non-nil slice when
// none), or nil when they are not known to be few.
func pins(vs []string, ok bool) []string {
	if !ok {
		return nil
	}
	return append(make([]string, 0, len(vs)), vs...)
}

// never reports whether the state allows no MCC, MNC or prefix a SIM can
// have.
func (si *stateInfo) never() bool {
	return si.mccs != nil && len(si.mccs) == 0 || si.mncs != nil && len(si.mncs) == 0 || si.prefixes != nil && len(si.prefixes) == 0
}

// prefixApart reports whether two states pin the prefixes of one name and
// share none.
func prefixApart(a, b *stateInfo) bool {
	if a.prefixName == "" || a.prefixName != b.prefixName {
		return false
	}
	for _, p := range a.prefixes {
		if _, found := slices.BinarySearch(b.prefixes, p); found {
			return false
		}
	}
	return true
}

// tiedOverlap decides whether some TargetState of a and some of b can match
// one SIM at equal priority: the first pair proven to (with its witness),
// else the first pair that may (with the reason), else Disjoint.
func tiedOverlap(s *variant.Solver, a, b []stateInfo) variant.Decision {
	var may variant.Decision
	for i := range a {
		for j := range b {
			sa, sb := &a[i], &b[j]
			if sa.prio != sb.prio || sa.never() || sb.never() || sa.conj.Invalid() || sb.conj.Invalid() || prefixApart(sa, sb) {
				continue
			}
			switch d := s.Decide(sa.conj, sb.conj); d.Verdict {
			case variant.Overlap:
				return d
			case variant.MayOverlap:
				if may.Verdict == variant.Disjoint {
					may = d
				}
			}
		}
	}
	return may
}

// maxOverlapDecisions bounds the pairs of variants one file asks the
// solver about. Each decision is bounded by the solver's budget, but a file
// whose targets the index cannot tell apart (a thousand patterns that all
// start with any digit) would need a decision for every pair: past the
// limit, the check says where it stopped instead of running for minutes.
const maxOverlapDecisions = 20000

// smallVariantCount is the number of variants up to which overlapCandidates
// pairs every two.
const smallVariantCount = 8

// overlapCandidates returns the pairs (i < j) of variants whose targets have
// states that allow a common MCC and MNC, or (when they do not pin the MCC)
// a common prefix of an ICCID, SPN, PNN or GID1; only those can overlap. Indexing states by the
// values they allow (plain, or the few a pattern or range allows) avoids
// comparing every pair of variants in a file where each operator pins its
// own MCC and MNC, its own ICCIDs or its own SPN.
func overlapCandidates(states [][]stateInfo) [][2]int {
	if len(states) <= smallVariantCount {
		// Few variants: every pair, in the same order, costs less than an index.
		out := make([][2]int, 0, len(states)*(len(states)-1)/2)
		for j := range states {
			for i := range j {
				if len(states[i]) > 0 && len(states[j]) > 0 {
					out = append(out, [2]int{i, j})
				}
			}
		}
		return out
	}
	type ref struct {
		v  int
		st *stateInfo
	}
	var all, wild, noMCC, mccPinned []ref
	byMCC, mccOnly, byMCCMNC := map[string][]ref{}, map[string][]ref{}, map[[2]string][]ref{}
	byPrefix, prefixPinned := map[string][]ref{}, map[string][]ref{} // name+"\x00"+prefix; name
	for v := range states {
		for k := range states[v] {
			r := ref{v, &states[v][k]}
			all = append(all, r)
			switch st := r.st; {
			case st.mccs == nil:
				noMCC = append(noMCC, r)
				if st.prefixName == "" {
					wild = append(wild, r)
					break
				}
				prefixPinned[st.prefixName] = append(prefixPinned[st.prefixName], r)
				for _, p := range st.prefixes {
					byPrefix[st.prefixName+"\x00"+p] = append(byPrefix[st.prefixName+"\x00"+p], r)
				}
			default:
				mccPinned = append(mccPinned, r)
				for _, mcc := range st.mccs {
					byMCC[mcc] = append(byMCC[mcc], r)
					if st.mncs == nil {
						mccOnly[mcc] = append(mccOnly[mcc], r)
					}
					for _, mnc := range st.mncs {
						byMCCMNC[[2]string{mcc, mnc}] = append(byMCCMNC[[2]string{mcc, mnc}], r)
					}
				}
			}
		}
	}
	seen := map[[2]int]bool{}
	var out [][2]int
	pairWith := func(a ref, bs []ref) {
		for _, b := range bs {
			pair := [2]int{min(a.v, b.v), max(a.v, b.v)}
			if a.v != b.v && !seen[pair] && !prefixApart(a.st, b.st) {
				seen[pair] = true
				out = append(out, pair)
			}
		}
	}
	for _, r := range all {
		switch st := r.st; {
		case st.mccs == nil && st.prefixName == "":
			pairWith(r, all)
		case st.mccs == nil:
			for _, p := range st.prefixes {
				pairWith(r, byPrefix[st.prefixName+"\x00"+p])
			}
			pairWith(r, wild)
			pairWith(r, mccPinned)
			for name, rs := range prefixPinned {
				if name != st.prefixName {
					pairWith(r, rs)
				}
			}
		case st.mncs == nil:
			for _, mcc := range st.mccs {
				pairWith(r, byMCC[mcc])
			}
			pairWith(r, noMCC)
		default:
			for _, mcc := range st.mccs {
				for _, mnc := range st.mncs {
					pairWith(r, byMCCMNC[[2]string{mcc, mnc}])
				}
				pairWith(r, mccOnly[mcc])
			}
			pairWith(r, noMCC)
		}
	}
	slices.SortFunc(out, func(a, b [2]int) int { return cmp.Or(cmp.Compare(a[1], b[1]), cmp.Compare(a[0], b[0])) })
	return out
}

type settingKey struct{ path, name string }

// variantSet is the settings a Variant sets with a value: the last of each
// path and name (compared as strings.ToLower compares them), in the order
// of their first appearance.
type variantSet struct {
	settings []setEntry
	// index maps the lower-case path and name to a position in settings,
	// for a variant with more than linearSettings of them; nil below.
	index map[settingKey]int
}

// setEntry is one setting of a variantSet.
type setEntry struct {
	answerfile.Setting
	path  string // the Path of its group
	ascii bool   // path and name are ASCII
}

// linearSettings is the number of settings up to which a variantSet is
// searched in order, with no lower-case copies and no map: a Variant sets
// a few settings, and building the map was 9 % of the allocations of
// linting a small file.
const linearSettings = 16

func variantSettings(v answerfile.Variant) *variantSet {
	n := 0
	for _, g := range v.Groups {
		n += len(g.Settings)
	}
	vs := &variantSet{settings: make([]setEntry, 0, n)}
	for _, g := range v.Groups {
		pathASCII := isASCII(g.Path.Value)
		for _, s := range g.Settings {
			if !s.Value.Present || strings.TrimSpace(s.Value.Value) == "" {
				continue
			}
			e := setEntry{Setting: s, path: g.Path.Value, ascii: pathASCII && isASCII(s.Name.Value)}
			if i, ok := vs.find(&e); ok {
				vs.settings[i].Setting = s
				continue
			}
			vs.settings = append(vs.settings, e)
			switch n := len(vs.settings); {
			case n == linearSettings+1:
				vs.index = make(map[settingKey]int, 2*n)
				for i := range vs.settings {
					vs.index[vs.settings[i].lowerKey()] = i
				}
			case n > linearSettings+1:
				vs.index[e.lowerKey()] = n - 1
			}
		}
	}
	return vs
}

func (e *setEntry) lowerKey() settingKey {
	return settingKey{strings.ToLower(e.path), strings.ToLower(e.Name.Value)}
}

// find returns the position of the setting of vs with e's path and name.
func (vs *variantSet) find(e *setEntry) (int, bool) {
	if vs.index != nil {
		i, ok := vs.index[e.lowerKey()]
		return i, ok
	}
	for i := range vs.settings {
		if f := &vs.settings[i]; sameKey(f, e) {
			return i, true
		}
	}
	return 0, false
}

// sameKey reports whether two settings have the same path and name in
// lower case, as keys lowered with strings.ToLower compare, without the
// copies when both are ASCII. It is not strings.EqualFold, which also
// equates "\u017f" (LONG S) with "s": the check has always told settings
// apart by ToLower.
func sameKey(a, b *setEntry) bool {
	if a.ascii && b.ascii {
		return equalASCIIFold(a.Name.Value, b.Name.Value) && equalASCIIFold(a.path, b.path)
	}
	return lowerSame(a.Name.Value, b.Name.Value) && lowerSame(a.path, b.path)
}

// equalASCIIFold reports whether a and b (ASCII) are equal in lower case.
func equalASCIIFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		if ca, cb := a[i], b[i]; ca != cb && lowerASCII(ca) != lowerASCII(cb) {
			return false
		}
	}
	return true
}

func lowerSame(a, b string) bool {
	la, lb := strings.ToLower(a), strings.ToLower(b)
	return la == lb
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// conflict is a setting that two variants set to different values: the
// later variant's and the earlier's.
type conflict struct{ later, earlier *answerfile.Setting }

// conflicts appends to out the settings, in vs's order, that vs and
// earlier both set to different values.
func (vs *variantSet) conflicts(earlier *variantSet, out []conflict) []conflict {
	for i := range vs.settings {
		s := &vs.settings[i]
		if j, ok := earlier.find(s); ok && !sameValue(earlier.settings[j].Value.Value, s.Value.Value) {
			out = append(out, conflict{&s.Setting, &earlier.settings[j].Setting})
		}
	}
	return out
}

// sameValue compares two setting values as the device would: numerically
// when both are DWORDs (1 and 0x1 are equal), else as strings.
func sameValue(a, b string) bool {
	na, errA := catalog.ParseDWORD(a)
	nb, errB := catalog.ParseDWORD(b)
	if errA == nil && errB == nil {
		return na == nb
	}
	return a == b
}

func (c *checker) checkOverlaps() {
	vs := c.doc.Root.Variants
	fc := c.conditions()
	if fc.over != nil {
		return // pattern-limit says that no pattern is compiled
	}
	// Each variant's target: its states as the conditions table holds
	// them, and as prepared for the solver. With few variants (every pair a
	// candidate), a state is prepared when a decision needs it: two
	// variants whose states are all pinned apart (variant.PinnedApart)
	// cannot overlap, and in most small files that is every pair.
	indexed := len(vs) > smallVariantCount
	var solver *variant.Solver // each pattern compiled once per document; made when first needed
	tis := make([]int, len(vs))
	raw := make([][][]variant.Checked, len(vs))
	states := make([][]stateInfo, len(vs))
	n := 0
	for i, v := range vs {
		if tis[i] = c.refTargetIndex(v); tis[i] >= 0 {
			raw[i] = fc.of(tis[i])
			n += len(raw[i])
		}
	}
	flat := make([]stateInfo, n) // unprepared (conj nil) until prepare
	prepare := func(i int) []stateInfo {
		if solver == nil {
			solver = variant.NewSolver()
			solver.Patterns = c.cfg.Patterns
		}
		for k := range states[i] {
			if states[i][k].conj == nil {
				states[i][k] = newStateInfo(solver, c.doc.Root.Targets[tis[i]].States[k], raw[i][k], indexed)
			}
		}
		return states[i]
	}
	for i := range vs {
		if len(raw[i]) > 0 {
			states[i], flat = flat[:len(raw[i]):len(raw[i])], flat[len(raw[i]):]
			if indexed {
				prepare(i)
			}
		}
	}
	candidates, decided := overlapCandidates(states), 0
	// The settings of the variants of some candidate pair, read when first
	// needed: in a file where each operator pins its own MCC and MNC, few
	// variants are in one.
	settings := make([]*variantSet, len(vs))
	settingsOf := func(i int) *variantSet {
		if settings[i] == nil {
			settings[i] = variantSettings(vs[i])
		}
		return settings[i]
	}
	var conflicts []conflict // reused from pair to pair
	for n, pair := range candidates {
		i, j := pair[0], pair[1]
		// A small file has fewer candidates than the decisions' limit:
		// a pair is left out before its settings are compared.
		if !indexed && allPinnedApart(raw[i], raw[j]) {
			continue
		}
		conflicts = settingsOf(j).conflicts(settingsOf(i), conflicts[:0])
		if len(conflicts) == 0 {
			continue // nothing the order decides: no need to ask the solver
		}
		if allInvalid(raw[i]) || allInvalid(raw[j]) {
			continue // its conditions are reported invalid already: a "may match" would only repeat it
		}
		if decided++; decided > maxOverlapDecisions {
			c.add(c.rule(RuleOverlappingVariants).at(vs[j].Elem,
				"mcsf stopped comparing targets here, after %d pairs of variants that set a setting to different values (the check's limit for one file): %s left unchecked, and any of them may match one SIM at equal priority",
				maxOverlapDecisions, english.Count(len(candidates)-n, "candidate pair")))
			return
		}
		d := tiedOverlap(solver, prepare(i), prepare(j))
		if d.Verdict == variant.Disjoint {
			continue
		}
		for _, k := range conflicts {
			sj, si := k.later, k.earlier
			var diag answerfile.Diagnostic
			if d.Verdict == variant.Overlap {
				diag = c.rule(RuleOverlappingVariants).attr(sj.Elem, "Value",
					"%s and %s can both match one SIM at equal priority (e.g. %s) and set %s to %q and %q: the later one wins only by file order",
					variantLabel(vs[j], j), variantLabel(vs[i], i), witnessText(d.Witness), sj.Name.Value, sj.Value.Value, si.Value.Value)
			} else {
				diag = c.rule(RuleOverlappingVariants).attr(sj.Elem, "Value",
					"%s and %s may both match one SIM at equal priority and set %s to %q and %q, and then the later one wins only by file order; mcsf cannot tell: %s",
					variantLabel(vs[j], j), variantLabel(vs[i], i), sj.Name.Value, sj.Value.Value, si.Value.Value, d.Why)
			}
			diag.Related = []answerfile.Related{c.related(si.Node, fmt.Sprintf("%s sets %q here", variantLabel(vs[i], i), si.Value.Value))}
			diag.Fix = "make the targets exclusive, or add a condition to the target that should win"
			c.add(diag)
		}
	}
}

// allInvalid reports whether every state of a target has an invalid
// condition (variant.Invalid): tiedOverlap would skip every pair.
func allInvalid(states [][]variant.Checked) bool {
	for _, st := range states {
		if !variant.Invalid(st) {
			return false
		}
	}
	return len(states) > 0
}

// pinnedStates is the most conditions a state may have for allPinnedApart
// to compare them (it compares every two).
const pinnedStates = 16

// allPinnedApart reports whether every state of a and every state of b are
// pinned apart (variant.PinnedApart): tiedOverlap would find each pair
// Disjoint, Decide's first test.
func allPinnedApart(a, b [][]variant.Checked) bool {
	for _, sa := range a {
		for _, sb := range b {
			if len(sa) > pinnedStates || len(sb) > pinnedStates || !variant.PinnedApart(sa, sb) {
				return false
			}
		}
	}
	return true
}

// witnessText writes a witness as NAME=VALUE pairs, quoting values that are
// empty or hold spaces or quotes.
func witnessText(w []variant.Pair) string {
	parts := make([]string, len(w))
	for i, p := range w {
		v := p.Value
		if v == "" || strings.ContainsAny(v, " \t\"=") || !strconv.CanBackquote(v) {
			v = strconv.Quote(v)
		}
		parts[i] = p.Name + "=" + v
	}
	return strings.Join(parts, " ")
}

// refTargetIndex returns the index of the Target v references, -1 if none.
func (c *checker) refTargetIndex(v answerfile.Variant) int {
	if len(v.TargetRefs) == 0 || !v.TargetRefs[0].ID.Present {
		return -1
	}
	return c.targetIndex(v.TargetRefs[0].ID.Value)
}

func variantLabel(v answerfile.Variant, i int) string {
	if v.Name.Present && v.Name.Value != "" {
		return fmt.Sprintf("Variant %q", v.Name.Value)
	}
	return fmt.Sprintf("Variant #%d", i+1)
}
