package change

import (
	"fmt"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/mcsf-dev/mcsf/catalog"
	"github.com/mcsf-dev/mcsf/variant"
)

// side is one version of the answer file, compiled for resolve, with its
// settings indexed by where they are defined (to read them back as written,
// macros unexpanded).
type side struct {
	model    variant.Model
	compiled *variant.Compiled
	defs     map[variant.Source][]ownedDef
}

// ownedDef is a setting definition and the Variant it is in ("" for Static).
type ownedDef struct {
	variant.SettingDef
	owner string
}

func newSide(m variant.Model) *side {
	s := &side{model: m, compiled: variant.CompileModel(m), defs: map[variant.Source][]ownedDef{}}
	add := func(d variant.SettingDef, owner string) {
		s.defs[d.Source] = append(s.defs[d.Source], ownedDef{d, owner})
	}
	for _, d := range m.Static {
		add(d, "")
	}
	for _, v := range m.Variants {
		for _, d := range v.Settings {
			add(d, v.Name)
		}
	}
	return s
}

// outcome is what one side gives one profile, settings keyed as written.
type outcome struct {
	settings  map[string]sideSetting
	runtime   []RuntimeValue
	undecided []undecidedState
	variants  []string // the Variants applied through an undecided TargetState
}

// undecidedState is a TargetState resolve could not evaluate: key tells it
// apart without where it is, text says why, at says where.
type undecidedState struct{ key, text, at string }

type sideSetting struct {
	path, name string
	value      SideValue
}

func (s *side) resolve(p variant.Profile) outcome {
	r := s.compiled.Resolve(p)
	o := outcome{settings: make(map[string]sideSetting, len(r.Settings))}
	for _, es := range r.Settings {
		def := s.def(es)
		o.settings[settingKey(def.Path, def.Name)] = sideSetting{def.Path, def.Name, SideValue{Value: def.Value, Source: es.Source}}
	}
	o.runtime = []RuntimeValue{
		runtimeValue(&r, "IMSRetry", variant.PathPerIMSISMS, variant.NameAttemptThreshold),
		runtimeValue(&r, "IMSRetry", variant.PathPerIMSISMS, variant.NameRetryEnabled),
		runtimeValue(&r, "AutoRetryDownloadForMMS", variant.PathPerSIMMessaging, variant.NameAutoRetry),
	}
	for _, u := range r.Undecided {
		o.undecided = append(o.undecided, undecidedState{
			key:  fmt.Sprintf("%s\x00%d\x00%s\x00%s", u.Target, u.TargetState, strings.ToLower(u.Condition), u.Value),
			text: fmt.Sprintf("Target %s, TargetState %d: condition %s=%q: %s", u.Target, u.TargetState, u.Condition, u.Value, u.Reason),
			at:   fmt.Sprintf("%s:%d", u.File, u.Line)})
		o.variants = append(o.variants, u.Variants...)
	}
	return o
}

// def finds the definition of an effective setting by its file and line;
// several settings on one line (a file written without line breaks) are
// told apart by their Static or Variant, their name, and their path (as
// written, or holding a macro that the profile expanded).
func (s *side) def(es variant.EffectiveSetting) variant.SettingDef {
	var best *ownedDef
	score := -1
	for i, d := range s.defs[variant.Source{File: es.Source.File, Line: es.Source.Line}] {
		n := 0
		if (d.owner == "") == (es.Source.Kind == variant.KindStatic) && (d.owner == "" || d.owner == es.Source.Variant) {
			n += 4
		}
		if strings.EqualFold(d.Name, es.Name) {
			n += 2
		}
		if settingKey(d.Path, "") == settingKey(es.Path, "") || strings.Contains(d.Path, "$(") {
			n++
		}
		if n > score {
			best, score = &s.defs[variant.Source{File: es.Source.File, Line: es.Source.Line}][i], n
		}
	}
	if best != nil {
		return best.SettingDef
	}
	return variant.SettingDef{Path: es.Path, Name: es.Name, Value: es.Value, Source: variant.Source{File: es.Source.File, Line: es.Source.Line}}
}

// runtimeValue is the runtime value of one setting of the customization
// id in r, named "IMSRetry AttemptThresholdForIMS"; where r has no row for
// it (the file does not touch the customization), its documented default.
func runtimeValue(r *variant.Result, id, group, name string) RuntimeValue {
	rv := RuntimeValue{Name: id + " " + path.Base(name)}
	v, ok := r.RuntimeValue(id, name)
	if !ok {
		v = variant.RuntimeSetting{Scope: variant.ScopeUnset}
		if e, found := catalog.Load().Lookup(group, name); found && e.Setting.Default != "" {
			v = variant.RuntimeSetting{Value: e.Setting.Default, Scope: variant.ScopeDefault}
		}
	}
	rv.Scope, rv.Source = v.Scope, v.Source
	switch n, ok := variant.ParseDWORD(v.Value); {
	case ok:
		rv.Value = fmt.Sprint(n)
	case v.Scope == variant.ScopeUnset:
		rv.Value = "unset"
	default:
		rv.Value = fmt.Sprintf("%q", v.Value)
	}
	return rv
}

// settingKey tells settings apart as the runtime does: path and name
// ignore case, '\' and '/' are one separator, a trailing one does not count.
func settingKey(path, name string) string {
	p := strings.Trim(strings.ReplaceAll(strings.ToLower(path), `\`, "/"), "/")
	return p + "\x00" + strings.ToLower(name)
}

// sameValue reports whether two setting values are the same for the
// runtime: equal text, or one DWORD written two ways (1 and 0x1).
func sameValue(a, b string) bool {
	if a == b {
		return true
	}
	x, ok1 := variant.ParseDWORD(a)
	y, ok2 := variant.ParseDWORD(b)
	return ok1 && ok2 && x == y
}

// compare returns the effect of the change on one profile; Status is ""
// when nothing changed. changedVariants are the Variants (lower-case names)
// whose definition changed: applied through an undecided TargetState, they
// make the outcome undecided.
func compare(old, new outcome, changedVariants map[string]bool) Effect {
	var e Effect
	keys := make([]string, 0, len(old.settings)+len(new.settings))
	for k := range old.settings {
		keys = append(keys, k)
	}
	for k := range new.settings {
		if _, ok := old.settings[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		o, inOld := old.settings[k]
		n, inNew := new.settings[k]
		if inOld && inNew && sameValue(o.value.Value, n.value.Value) {
			continue
		}
		sc := SettingChange{Path: n.path, Name: n.name}
		if inOld {
			v := o.value
			sc.Old = &v
			sc.Path, sc.Name = o.path, o.name
		}
		if inNew {
			v := n.value
			sc.New = &v
			sc.Path, sc.Name = n.path, n.name
		}
		sc.Scope = scopeOf(sc)
		e.Settings = append(e.Settings, sc)
	}
	for i := range old.runtime {
		if old.runtime[i].Value != new.runtime[i].Value {
			e.Runtime = append(e.Runtime, RuntimeChange{Name: old.runtime[i].Name, Old: old.runtime[i], New: new.runtime[i]})
			continue
		}
		// The runtime name ends with the setting's last path segment.
		_, last, _ := strings.Cut(old.runtime[i].Name, " ")
		if slices.ContainsFunc(e.Settings, func(s SettingChange) bool { return strings.HasSuffix(strings.ToLower(s.Name), strings.ToLower(last)) }) {
			e.Kept = append(e.Kept, new.runtime[i])
		}
	}
	undecided := len(old.undecided)+len(new.undecided) > 0
	switch {
	case undecided && (len(e.Settings) > 0 || len(e.Runtime) > 0 || !slices.EqualFunc(old.undecided, new.undecided, func(a, b undecidedState) bool { return a.key == b.key }) ||
		slices.ContainsFunc(append(slices.Clip(old.variants), new.variants...), func(v string) bool { return changedVariants[strings.ToLower(v)] })):
		e.Status = StatusUndecided
		e.Undecided = describeUndecided(old.undecided, new.undecided)
	case len(e.Settings) > 0 || len(e.Runtime) > 0:
		e.Status = StatusChanged
	}
	return e
}

// scopeOf says where a setting lives for the runtime.
func scopeOf(sc SettingChange) string {
	p := strings.ToLower(sc.Path)
	switch {
	case strings.Contains(p, strings.ToLower(variant.MacroIMSI)):
		return "per-IMSI"
	case strings.Contains(p, strings.ToLower(variant.MacroICCID)):
		return "per-SIM"
	case strings.Contains(p, "perdevice"):
		return "per-device"
	}
	src := sc.New
	if src == nil {
		src = sc.Old
	}
	if src.Source.Kind == variant.KindStatic {
		return "device (Static)"
	}
	return "device (Variant)"
}

// effects resolves both sides for the profile of every leaf, on every core,
// except leaves where both apply the same settings in the same order.
func (p *partition) effects(leaves []*node, old, new *side, changedVariants map[string]bool) {
	oa, na := newApplied(old.model), newApplied(new.model)
	var wg sync.WaitGroup
	next := make(chan *node)
	for range max(runtime.GOMAXPROCS(0), 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := range next {
				if fo, ok := p.fingerprint(oa, 0, n.matched); ok {
					if fn, ok := p.fingerprint(na, 1, n.matched); ok && fo == fn {
						continue
					}
				}
				n.effect = compare(old.resolve(n.profile), new.resolve(n.profile), changedVariants)
				n.sig = n.effect.signature()
			}
		}()
	}
	for _, n := range leaves {
		next <- n
	}
	close(next)
	wg.Wait()
}

// signature is a text that two effects share exactly when they are equal.
func (e *Effect) signature() string {
	if e.Status == "" {
		return ""
	}
	var b strings.Builder
	b.WriteString(e.Status)
	side := func(v *SideValue) {
		if v == nil {
			b.WriteString("\x00-")
			return
		}
		fmt.Fprintf(&b, "\x00%s\x00%s", v.Value, v.Source)
	}
	for _, s := range e.Settings {
		fmt.Fprintf(&b, "\x01%s\x00%s", s.Path, s.Name)
		side(s.Old)
		side(s.New)
	}
	for _, k := range e.Kept {
		fmt.Fprintf(&b, "\x01kept\x00%s\x00%s\x00%s", k.Name, k.Value, k.Scope)
	}
	for _, r := range e.Runtime {
		fmt.Fprintf(&b, "\x01%s\x00%s\x00%s\x00%v\x00%s\x00%s\x00%v", r.Name, r.Old.Value, r.Old.Scope, r.Old.Source, r.New.Value, r.New.Scope, r.New.Source)
	}
	for _, u := range e.Undecided {
		b.WriteString("\x01" + u)
	}
	return b.String()
}

// describeUndecided lists the undecided TargetStates of both sides, once
// when both have it: "Target T, TargetState 1: ... (old: a.xml:3, new: b.xml:4)".
func describeUndecided(old, new []undecidedState) []string {
	var out []string
	inNew := map[string]undecidedState{}
	for _, u := range new {
		inNew[u.key] = u
	}
	inOld := map[string]bool{}
	for _, u := range old {
		inOld[u.key] = true
		if n, ok := inNew[u.key]; ok {
			out = append(out, fmt.Sprintf("%s (old: %s, new: %s)", u.text, u.at, n.at))
		} else {
			out = append(out, fmt.Sprintf("%s (old only: %s)", u.text, u.at))
		}
	}
	for _, u := range new {
		if !inOld[u.key] {
			out = append(out, fmt.Sprintf("%s (new only: %s)", u.text, u.at))
		}
	}
	return out
}
