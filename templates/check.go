package templates

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/catalog"
	"github.com/mcsf-dev/mcsf/schema"
	"github.com/mcsf-dev/mcsf/variant"
)

// check runs the semantic checks of a schema-valid spec: what the schema
// cannot say.
func (r *reader) check(s *Spec) {
	if s.Device == nil && len(s.Operators) == 0 {
		r.diag(r.y.Node(""), RuleNoSettings, answerfile.Error,
			"the spec sets nothing: add operators, or device values (device: {imsRetry: {...}})")
	}
	if s.Device != nil {
		r.checkSettings(s.Device.Settings, "/device/settings", false, len(s.Operators) > 0)
	}
	firstName := map[string]int{}
	broken := map[[2]int]bool{} // match entries with an error: left out of the overlap check
	for i := range s.Operators {
		op := &s.Operators[i]
		opPtr := "/operators/" + strconv.Itoa(i)
		key := strings.ToLower(strings.TrimSpace(op.Name))
		if j, dup := firstName[key]; dup {
			d := r.diag(r.y.Node(opPtr+"/name"), RuleDuplicateOperator, answerfile.Error,
				"operator %q is named twice (names compare case-insensitively): merge the two into one operator with several match entries", op.Name)
			r.related(d, r.y.Node("/operators/"+strconv.Itoa(j)+"/name"), "first named here")
		} else {
			firstName[key] = i
		}
		if !op.HasSettings() {
			r.diag(r.y.Node(opPtr+"/name"), RuleNoSettings, answerfile.Error,
				"operator %q sets nothing: add imsRetry, mmsAutoRetry or settings", op.Name)
		}
		r.checkSettings(op.Settings, opPtr+"/settings", true, true)
		for j := range op.Match {
			if !r.checkEntry(&op.Match[j], opPtr+"/match/"+strconv.Itoa(j)) {
				broken[[2]int{i, j}] = true
			}
		}
	}
	r.checkOverlaps(s, broken)
	r.checkRetryForced(s)
}

// checkRetryForced reports a retryEnabled: false the device does not honour:
// with AttemptThresholdForIMS not configured for the SIM (neither the
// operator's nor the device's), the runtime forces RetryEnabled to 1 (lint's
// ims-retry-forced on the generated file).
func (r *reader) checkRetryForced(s *Spec) {
	configured := func(ir *IMSRetry) bool {
		return ir != nil && ir.AttemptThresholdForIMS != nil && *ir.AttemptThresholdForIMS != catalog.NotConfigured
	}
	off := func(ir *IMSRetry) bool { return ir != nil && ir.RetryEnabled != nil && !*ir.RetryEnabled }
	var device *IMSRetry
	if s.Device != nil {
		device = s.Device.IMSRetry
	}
	if configured(device) {
		return // every SIM has a threshold: every retryEnabled is honoured
	}
	if off(device) {
		r.diag(r.y.Node("/device/imsRetry/retryEnabled"), RuleRetryForced, answerfile.Warning,
			"retryEnabled: false is not what the device does for a SIM whose operator configures no attemptThresholdForIMS: the device configures none either, so the runtime forces RetryEnabled to 1; set device.imsRetry.attemptThresholdForIMS (1 or more)")
	}
	for i := range s.Operators {
		if op := &s.Operators[i]; off(op.IMSRetry) && !configured(op.IMSRetry) {
			r.diag(r.y.Node("/operators/"+strconv.Itoa(i)+"/imsRetry/retryEnabled"), RuleRetryForced, answerfile.Warning,
				"retryEnabled: false is not what operator %q's SIMs get: neither it nor device configures attemptThresholdForIMS, so the runtime forces RetryEnabled to 1; set attemptThresholdForIMS (1 or more) here or in device", op.Name)
		}
	}
}

// checkEntry checks one match entry at JSON pointer ptr and reports whether
// it is free of errors.
func (r *reader) checkEntry(m *Match, ptr string) bool {
	ok := true
	seen := map[string]Condition{}
	for _, c := range m.List() {
		cptr := ptr + "/" + conditionPointer(c.Key)
		lower := strings.ToLower(c.Name)
		if prev, dup := seen[lower]; dup {
			d := r.diag(r.y.Key(cptr), RuleDuplicateCondition, answerfile.Error,
				"condition %s is set twice in this match entry (names compare case-insensitively): keep one", c.Name)
			r.related(d, r.y.Key(ptr+"/"+conditionPointer(prev.Key)), "first set here")
			ok = false
			continue
		}
		seen[lower] = c
		for _, p := range variant.CheckCondition(c.Name, c.Value) {
			switch p.Kind {
			case variant.ProblemUnknownName:
				msg := p.Message
				if c.Key == "imsi" {
					msg = "IMSI is not a documented condition name: ImageApp warns on it and lint reports unknown-condition-name; an IMSI starts with the MCC and MNC, match those (or iccid) instead"
				}
				r.diag(r.y.Key(cptr), RuleUnknownCondition, answerfile.Warning, "%s", msg)
			case variant.ProblemPatternUnsupported, variant.ProblemPatternDiffers:
				r.diag(r.y.Node(cptr), RulePatternUnsupported, answerfile.Warning, "%s", p.Message)
			case variant.ProblemReservedName, variant.ProblemEmptyName:
				r.diag(r.y.Key(cptr), RuleInvalidCondition, answerfile.Error, "%s", p.Message)
				ok = false
			case variant.ProblemPrefixCase:
				// normalizePrefixes wrote the prefix in lower case already.
			default:
				rule := RuleInvalidCondition
				if !variant.Satisfiable([]variant.Pair{{Name: c.Name, Value: c.Value}}) {
					rule = RuleUnsatisfiable
				}
				r.diag(r.y.Node(cptr), rule, answerfile.Error, "%s", p.Message)
				ok = false
			}
		}
	}
	if ok && !variant.Satisfiable(m.Pairs()) {
		r.diag(r.y.Node(ptr), RuleUnsatisfiable, answerfile.Error,
			"no SIM can meet all the conditions of %s at once: this match entry never applies", displayPath(ptr))
		ok = false
	}
	return ok
}

// conditionPointer is the JSON pointer suffix of a Condition.Key.
func conditionPointer(key string) string {
	if name, ok := strings.CutPrefix(key, "conditions/"); ok {
		return "conditions/" + schema.EscapeToken(name)
	}
	return key
}

// checkOverlaps reports pairs of operators that one SIM can match at equal
// priority, once per pair, at the later operator's entry.
func (r *reader) checkOverlaps(s *Spec, broken map[[2]int]bool) {
	for _, p := range overlappingPairs(s, broken) {
		a, b := &s.Operators[p.a], &s.Operators[p.b]
		aPtr := fmt.Sprintf("/operators/%d/match/%d", p.a, p.x)
		bPtr := fmt.Sprintf("/operators/%d/match/%d", p.b, p.y)
		prio := a.Match[p.x].priority()
		if diff := conflicts(a, b); len(diff) > 0 {
			d := r.diag(r.y.Node(bPtr), RuleOverlap, answerfile.Error,
				"operators %q and %q can match the same SIM at equal priority (%s) and set %s to different values: the later one in the file would win; make one match more specific or give both the same value",
				a.Name, b.Name, describePriority(prio), strings.Join(diff, " and "))
			r.related(d, r.y.Node(aPtr), fmt.Sprintf("%s of operator %q", displayPath(aPtr), a.Name))
			continue
		}
		d := r.diag(r.y.Node(bPtr), RuleOverlapMerged, answerfile.Warning,
			"operators %q and %q can match the same SIM at equal priority (%s): such a SIM gets the settings of both",
			a.Name, b.Name, describePriority(prio))
		r.related(d, r.y.Node(aPtr), fmt.Sprintf("%s of operator %q", displayPath(aPtr), a.Name))
	}
}

// overlap is a pair of operators a < b with entries x of a and y of b that
// one SIM can satisfy at equal priority.
type overlap struct{ a, b, x, y int }

// entry is a match entry prepared for the overlap check.
type entry struct {
	op, idx int
	prio    [2]int
	plain   map[string]string // lower-case name → plain, non-negated value (folded for SPN/PNN)
	pairs   []variant.Pair
}

// overlappingPairs finds, for every pair of operators, the first pair of
// their entries (in spec order) that can overlap at equal priority. Entries
// are grouped by priority and by their plain MCC, so that operators of
// different countries are never compared; two entries that pin one
// condition to different plain values are disjoint without further work.
func overlappingPairs(s *Spec, broken map[[2]int]bool) []overlap {
	type groupKey struct {
		prio [2]int
		mcc  string // "" when the entry has no plain MCC: compared with every group of its priority
	}
	groups := map[groupKey][]*entry{}
	var wild []*entry
	for i := range s.Operators {
		for j := range s.Operators[i].Match {
			if broken[[2]int{i, j}] {
				continue
			}
			m := &s.Operators[i].Match[j]
			e := &entry{op: i, idx: j, prio: m.priority(), plain: plainValues(m), pairs: m.Pairs()}
			k := groupKey{e.prio, e.plain["mcc"]}
			groups[k] = append(groups[k], e)
			if k.mcc == "" {
				wild = append(wild, e)
			}
		}
	}
	found := map[[2]int][2]int{} // operator pair → first entry pair
	try := func(a, b *entry) {
		if a.op == b.op {
			return
		}
		if a.op > b.op {
			a, b = b, a
		}
		key := [2]int{a.op, b.op}
		if prev, ok := found[key]; ok && (prev[0] < a.idx || prev[0] == a.idx && prev[1] <= b.idx) {
			return
		}
		if a.prio != b.prio || pinnedApart(a, b) || !variant.CanOverlap(a.pairs, b.pairs) {
			return
		}
		found[key] = [2]int{a.idx, b.idx}
	}
	for k, es := range groups {
		for x := range es {
			for y := x + 1; y < len(es); y++ {
				try(es[x], es[y])
			}
		}
		if k.mcc == "" {
			continue
		}
		for _, w := range wild {
			if w.prio == k.prio {
				for _, e := range es {
					try(w, e)
				}
			}
		}
	}
	out := make([]overlap, 0, len(found))
	for k, v := range found {
		out = append(out, overlap{a: k[0], b: k[1], x: v[0], y: v[1]})
	}
	slices.SortFunc(out, func(p, q overlap) int {
		if p.b != q.b {
			return p.b - q.b
		}
		return p.a - q.a
	})
	return out
}

// plainValues maps the entry's plain, non-negated conditions to their
// values, the SPN and PNN ones case-folded as they match.
func plainValues(m *Match) map[string]string {
	out := map[string]string{}
	for _, c := range m.List() {
		cond, err := variant.ParseCondition(c.Name, c.Value)
		if err != nil || cond.Kind != variant.Exact || cond.Negate {
			continue
		}
		key, v := strings.ToLower(c.Name), cond.Text
		if key == "spn" || key == "pnn" {
			v = strings.ToLower(v)
		}
		out[key] = v
	}
	return out
}

// pinnedApart reports whether a and b set one condition to two different
// plain values, so that no SIM meets both.
func pinnedApart(a, b *entry) bool {
	for k, v := range a.plain {
		if w, ok := b.plain[k]; ok && w != v {
			return true
		}
	}
	return false
}

func describePriority(p [2]int) string {
	s := fmt.Sprintf("%d SIM condition", p[0])
	if p[0] != 1 {
		s += "s"
	}
	if p[1] > 0 {
		s += fmt.Sprintf(", %d device condition", p[1])
		if p[1] != 1 {
			s += "s"
		}
	}
	return s + " each"
}

// conflicts names the settings a and b both set, to different values.
func conflicts(a, b *Operator) []string {
	var out []string
	ia, ib := a.IMSRetry, b.IMSRetry
	if ia != nil && ib != nil {
		if x, y := ia.AttemptThresholdForIMS, ib.AttemptThresholdForIMS; x != nil && y != nil && *x != *y {
			out = append(out, "imsRetry.attemptThresholdForIMS")
		}
		if x, y := ia.RetryEnabled, ib.RetryEnabled; x != nil && y != nil && *x != *y {
			out = append(out, "imsRetry.retryEnabled")
		}
	}
	if x, y := a.MMSAutoRetry, b.MMSAutoRetry; x != nil && y != nil && *x != *y {
		out = append(out, "mmsAutoRetry")
	}
	for _, path := range slices.Sorted(maps.Keys(a.Settings)) {
		for _, name := range slices.Sorted(maps.Keys(a.Settings[path])) {
			for bname, bv := range b.Settings[path] { // paths are the catalog's spelling by now
				if strings.EqualFold(name, bname) && !sameValue(string(a.Settings[path][name]), string(bv)) {
					out = append(out, path+"/"+name)
				}
			}
		}
	}
	return out
}

// sameValue reports whether two setting values are the same for the
// device: equal text, or the same DWORD written two ways (1 and 0x1).
func sameValue(a, b string) bool {
	if a == b {
		return true
	}
	x, errA := catalog.ParseDWORD(a)
	y, errB := catalog.ParseDWORD(b)
	return errA == nil && errB == nil && x == y
}

// checkSettings checks the settings of the device (Static) or of an
// operator (its Variant) against the catalog: known path and name, a scope
// that belongs there, a value of the setting's type.
func (r *reader) checkSettings(ss Settings, ptr string, inVariant bool, operators bool) {
	ix := catalog.Load()
	canonical := map[string]string{} // canonical path -> the key that spelt it first
	for _, path := range slices.Sorted(maps.Keys(ss)) {
		pathPtr := ptr + "/" + schema.EscapeToken(path)
		msg, stop := pathFault(path, inVariant)
		if msg != "" {
			r.diag(r.y.Key(pathPtr), RuleSpecSetting, answerfile.Error, "%s", msg)
		}
		if stop {
			continue
		}
		if first, dup := canonical[CanonicalPath(path)]; dup {
			r.diag(r.y.Key(pathPtr), RuleSpecSetting, answerfile.Error,
				"settings path %q is given twice (as %q too; paths compare case-insensitively): merge the two", path, first)
			continue
		}
		canonical[CanonicalPath(path)] = path
		names := map[string]string{}
		for _, name := range slices.Sorted(maps.Keys(ss[path])) {
			namePtr := pathPtr + "/" + schema.EscapeToken(name)
			if first, dup := names[strings.ToLower(name)]; dup {
				r.diag(r.y.Key(namePtr), RuleSpecSetting, answerfile.Error,
					"setting %q is given twice under %s (as %q too; names compare case-insensitively): keep one", name, path, first)
				continue
			}
			names[strings.ToLower(name)] = name
			if operators && !inVariant && generatorWrites(path, name) {
				r.diag(r.y.Key(namePtr), RuleSpecSetting, answerfile.Error,
					"%s/%s is written by generate itself when the spec has operators (Multivariant/Enable=1, AutoDataConfig/Enable=0): leave it out", path, name)
				continue
			}
			e, _ := ix.Lookup(path, name)
			switch at, msg := settingFault(e, path, name, string(ss[path][name]), inVariant); at {
			case atName:
				r.diag(r.y.Key(namePtr), RuleSpecSetting, answerfile.Error, "%s", msg)
			case atValue:
				r.diag(r.y.Node(namePtr), RuleSpecSetting, answerfile.Error, "%s", msg)
			}
		}
	}
	// Generate writes a path as the catalog spells it: so does the spec read
	// back, and import-spec gives the same spec again.
	for _, path := range slices.Sorted(maps.Keys(ss)) {
		if c := CanonicalPath(path); c != path && ss[c] == nil {
			ss[c] = ss[path]
			delete(ss, path)
		}
	}
}

// CanonicalPath is path as the catalog spells it (ImageApp compares paths
// case-insensitively); a path with an OEM-chosen segment ({GUID}) or one the
// catalog does not know is returned as it is.
func CanonicalPath(path string) string {
	if gs := catalog.Load().Groups(path); len(gs) > 0 && !strings.Contains(gs[0].Group.Path, "{") {
		return gs[0].Group.Path
	}
	return path
}

// generatorWrites reports whether Generate writes path/name itself for a
// spec with operators.
func generatorWrites(path, name string) bool {
	return (strings.EqualFold(path, PathMultivariant) || strings.EqualFold(path, PathAutoDataConfig)) && strings.EqualFold(name, SettingEnable)
}

// pathFault says why a spec cannot hold a settings group of path (in a
// Variant when inVariant); stop is true when its settings cannot be checked
// either (the catalog does not know the path).
func pathFault(path string, inVariant bool) (msg string, stop bool) {
	groups := catalog.Load().Groups(path)
	if len(groups) == 0 {
		return fmt.Sprintf("settings path %q is not in the catalog (mcsf settings lists every documented path)", path), true
	}
	switch scope := groups[0].Group.Scope; {
	case !inVariant && (scope == catalog.PerIMSI || scope == catalog.PerSIM):
		return fmt.Sprintf("%s is a %s path: give it to an operator, whose Variant has a SIM; device settings go in Static", path, scope), false
	case inVariant && scope == catalog.PerDevice:
		return fmt.Sprintf("%s is a per-device path (the fallback in Static): give it to device, or use the per-IMSI path for this operator", path), false
	}
	return "", false
}

// faultAt says which part of a setting a fault is in.
type faultAt int

const (
	atNone faultAt = iota
	atName
	atValue
)

// settingFault says why a spec cannot hold the setting name=value under
// path (in a Variant when inVariant); e is its catalog entry, the zero Entry
// when the catalog does not know it.
func settingFault(e catalog.Entry, path, name, value string, inVariant bool) (faultAt, string) {
	switch {
	case e.Setting == nil:
		return atName, fmt.Sprintf("setting %q is not in the catalog under %s (mcsf settings %q lists its settings)", name, path, path)
	case e.Customization.ID == "IMSRetry" || e.Customization.ID == "AutoRetryDownloadForMMS":
		return atName, fmt.Sprintf("%s has a short form in the spec: write it as imsRetry or mmsAutoRetry", name)
	case inVariant && e.Constraints()&catalog.ImageTimeOnly != 0:
		return atName, fmt.Sprintf("%s is ImageTimeOnly (%s): it cannot vary by operator; give it to device", name, e.Customization.ID)
	}
	if msg := e.Setting.CheckValue(value); msg != "" {
		return atValue, msg
	}
	if strings.TrimSpace(value) == "" {
		return atValue, fmt.Sprintf("%s has an empty value: it takes %s", name, e.Setting.Describe())
	}
	return atNone, ""
}
