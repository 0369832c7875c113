package templates

import (
	"slices"
	"strconv"
	"strings"

	"github.com/beevik/etree"
	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/catalog"
	"github.com/mcsf-dev/mcsf/internal/english"
	"github.com/mcsf-dev/mcsf/variant"
)

// ImportSpec is the reverse of Generate: it returns the spec whose generated
// file is equivalent to doc, meaning the same root attributes, the same
// Targets (each TargetState's Conditions in the fixed order of Match.List),
// the same Static and Variant settings with the same values, Variants in the
// same order. Comments, Target Ids and Variant Names may differ: Generate
// writes its own comments and derives Ids from operator names (OperatorIDs).
//
// Settings beyond the two short forms (imsRetry, mmsAutoRetry) become the
// spec's settings, under the catalog's spelling of their path, checked as
// ReadSpec checks them. Whatever a spec cannot express (a setting the
// catalog does not know, Assets, Imports, a Priority, a Variant with several
// TargetRefs, empty values, ...) is an
// import-unsupported Error at its place in doc, and the Spec is then nil.
// What is left out because it changes nothing on a device (unused Targets,
// comments) is an import-dropped Info.
func ImportSpec(doc *answerfile.Document) (*Spec, []answerfile.Diagnostic) {
	im := &importer{doc: doc}
	s := im.run()
	if im.failed() {
		return nil, answerfile.SortDiagnostics(im.diags)
	}
	return s, answerfile.SortDiagnostics(im.diags)
}

type importer struct {
	doc   *answerfile.Document
	diags []answerfile.Diagnostic
}

// at builds a diagnostic at element e, its span the element's name.
func (im *importer) at(e *etree.Element, rule string, sev answerfile.Severity, format string, args ...any) answerfile.Diagnostic {
	d := im.doc.Diag(e, rule, sev, format, args...)
	d.EndLine, d.EndColumn = d.Line, d.Column+1+len([]rune(e.FullTag()))
	return d
}

func (im *importer) unsupported(e *etree.Element, format string, args ...any) {
	im.diags = append(im.diags, im.at(e, RuleImportUnsupported, answerfile.Error, format, args...))
}

func (im *importer) unsupportedAttr(e *etree.Element, key, format string, args ...any) {
	im.diags = append(im.diags, im.doc.AttrDiag(e, key, RuleImportUnsupported, answerfile.Error, format, args...))
}

func (im *importer) dropped(e *etree.Element, format string, args ...any) {
	im.diags = append(im.diags, im.at(e, RuleImportDropped, answerfile.Info, format, args...))
}

func (im *importer) run() *Spec {
	doc := im.doc
	rootEl := doc.Tree.Root()
	if !doc.IsAnswerFile() || doc.RootNamespace() != answerfile.Namespace {
		im.unsupported(rootEl, "the root is not <ImageCustomizations xmlns=%q>: not an MCSF answer file", answerfile.Namespace)
		return nil
	}
	c := doc.Root
	s := &Spec{Name: c.Name.Value, Description: c.Description.Value, Owner: c.Owner.Value, OwnerType: c.OwnerType.Value}
	for _, a := range []struct {
		key  string
		attr answerfile.Attr
	}{{"Name", c.Name}, {"Owner", c.Owner}} {
		if strings.TrimSpace(a.attr.Value) == "" {
			im.unsupportedAttr(rootEl, a.key, "%s is empty or missing: a spec needs one; set it in the file and import again", a.key)
		}
	}
	switch {
	case !c.OwnerType.Present:
		s.OwnerType = DefaultOwnerType
		im.dropped(rootEl, "OwnerType is missing: the spec writes OwnerType=%q", DefaultOwnerType)
	case !slices.Contains([]string{"OEM", "Microsoft", "SiliconVendor", "MobileOperator"}, c.OwnerType.Value):
		im.unsupportedAttr(rootEl, "OwnerType", "OwnerType %s is none of OEM, Microsoft, SiliconVendor, MobileOperator", english.Quote(c.OwnerType.Value))
	}
	if c.Description.Present && c.Description.Value == "" {
		im.diags = append(im.diags, im.doc.AttrDiag(rootEl, "Description", RuleImportDropped, answerfile.Info,
			"the empty Description is left out"))
	}
	if c.Priority.Present {
		im.unsupportedAttr(rootEl, "Priority", "a spec cannot express Priority: it describes a single, root answer file")
	}
	for _, a := range rootEl.Attr {
		if a.Space == "" && !slices.Contains([]string{"xmlns", "Name", "Description", "Owner", "OwnerType", "Priority"}, a.Key) {
			im.unsupportedAttr(rootEl, a.Key, "a spec cannot express the attribute %s", a.Key)
		}
	}
	im.checkComments(rootEl)
	for _, ch := range rootEl.ChildElements() {
		switch ch.Tag {
		case "Imports":
			im.unsupported(ch, "a spec cannot express Imports: import-spec reads one file; import each file on its own")
		case "Targets", "Static", "Variant":
		default:
			im.unsupported(ch, "a spec cannot express <%s>", ch.Tag)
		}
	}
	if len(c.Statics) > 1 {
		im.unsupported(c.Statics[1].Elem, "a second Static: an answer file has at most one")
	}
	targets := im.targets(c.Targets)
	used := map[string]int{} // Target Id → index of the Variant using it
	for i, v := range c.Variants {
		op, ok := im.operator(v, targets, used, i)
		if ok {
			s.Operators = append(s.Operators, op)
		}
	}
	for _, t := range c.Targets {
		if _, ok := used[t.ID.Value]; !ok && t.ID.Present {
			im.dropped(t.Elem, "Target %s is used by no Variant and is left out: it changes nothing", english.Quote(t.ID.Value))
		}
	}
	if len(c.Statics) > 0 {
		s.Device = im.static(c.Statics[0], len(c.Variants) > 0)
	}
	if len(c.Variants) > 0 && (len(c.Statics) == 0 || !im.hasMultivariant(c.Statics[0])) {
		im.unsupported(rootEl, "the file has Variants but its Static does not set Multivariant/Enable=1 and AutoDataConfig/Enable=0: a spec always writes both with operators")
	}
	if s.Device == nil && len(s.Operators) == 0 && len(c.Variants) == 0 {
		im.unsupported(rootEl, "the file sets no setting: there is nothing a spec can express")
	}
	if !im.failed() {
		im.renamed(s)
	}
	return s
}

// checkComments notes once, at the root, that comments are not carried over.
func (im *importer) checkComments(root *etree.Element) {
	var has func(tokens []etree.Token) bool
	has = func(tokens []etree.Token) bool {
		for _, tok := range tokens {
			switch t := tok.(type) {
			case *etree.Comment:
				return true
			case *etree.Element:
				if has(t.Child) {
					return true
				}
			}
		}
		return false
	}
	if has(im.doc.Tree.Child) {
		im.dropped(root, "comments are not carried over: the generated file writes its own")
	}
}

// targets indexes the Targets by Id and reports the ones a spec cannot hold.
func (im *importer) targets(ts []answerfile.Target) map[string]*answerfile.Target {
	out := map[string]*answerfile.Target{}
	for i := range ts {
		t := &ts[i]
		if _, dup := out[t.ID.Value]; dup {
			im.unsupportedAttr(t.Elem, "Id", "Target Id %s is used twice", english.Quote(t.ID.Value))
			continue
		}
		out[t.ID.Value] = t
	}
	return out
}

// operator turns Variant v (the i-th) and its Target into an operator.
func (im *importer) operator(v answerfile.Variant, targets map[string]*answerfile.Target, used map[string]int, i int) (Operator, bool) {
	ok := true
	op := Operator{Name: v.Name.Value}
	if strings.TrimSpace(op.Name) == "" {
		im.unsupportedAttr(v.Elem, "Name", "the Variant has no Name: a spec names each operator")
		ok = false
	}
	for _, ch := range v.Elem.ChildElements() {
		if ch.Tag != "TargetRefs" && ch.Tag != "Settings" {
			im.unsupported(ch, "a spec cannot express <%s> in a Variant", ch.Tag)
			ok = false
		}
	}
	if len(v.TargetRefs) != 1 {
		im.unsupported(v.Elem, "the Variant has %d TargetRefs: a spec gives each operator exactly one Target", len(v.TargetRefs))
		return op, false
	}
	ref := v.TargetRefs[0]
	t, found := targets[ref.ID.Value]
	if !found {
		im.unsupportedAttr(ref.Elem, "Id", "TargetRef %s names no Target", english.Quote(ref.ID.Value))
		return op, false
	}
	if j, dup := used[ref.ID.Value]; dup {
		im.unsupportedAttr(ref.Elem, "Id", "Target %s is used by Variant %d too: a spec gives each operator a Target of its own", english.Quote(ref.ID.Value), j+1)
		return op, false
	}
	used[ref.ID.Value] = i
	if len(t.States) == 0 {
		im.unsupported(t.Elem, "Target %s has no TargetState: a spec needs at least one match entry", english.Quote(t.ID.Value))
		ok = false
	}
	for _, st := range t.States {
		m, good := im.match(st)
		ok = ok && good
		op.Match = append(op.Match, m)
	}
	ss := Settings{}
	seen := map[string]bool{}
	for _, g := range v.Groups {
		if path := strings.ToLower(g.Path.Value); seen[path] {
			im.unsupported(g.Elem, "a second %s group in this Variant", g.Path.Value)
			ok = false
			continue
		} else {
			seen[path] = true
		}
		switch {
		case strings.EqualFold(g.Path.Value, PathPerIMSISMS):
			r, good := im.imsRetry(g, ss, true)
			op.IMSRetry, ok = r, ok && good
		case strings.EqualFold(g.Path.Value, PathPerSIMMessage):
			b, good := im.autoRetry(g, ss)
			op.MMSAutoRetry, ok = b, ok && good
		default:
			ok = im.group(g, true, ss, nil, nil) && ok
		}
	}
	if len(ss) > 0 {
		op.Settings = ss
	}
	if ok && !op.HasSettings() {
		im.unsupported(v.Elem, "Variant %q sets nothing: a spec operator sets imsRetry, mmsAutoRetry or settings", op.Name)
		ok = false
	}
	return op, ok
}

// match turns a TargetState into a match entry.
func (im *importer) match(st answerfile.TargetState) (Match, bool) {
	var m Match
	ok := true
	if len(st.Conditions) == 0 {
		im.unsupported(st.Elem, "a TargetState without Conditions: a spec match entry has at least one")
		return m, false
	}
	for _, ch := range st.Elem.ChildElements() {
		if ch.Tag != "Condition" {
			im.unsupported(ch, "a spec cannot express <%s> in a TargetState", ch.Tag)
			ok = false
		}
	}
	seen := map[string]bool{}
	for _, c := range st.Conditions {
		name, value := strings.TrimSpace(c.Name.Value), c.Value.Value
		switch {
		case name == "" && value == "":
			im.unsupportedAttr(c.Elem, "Name", "the Condition has neither Name nor Value: fill them in")
			ok = false
			continue
		case name == "":
			im.unsupportedAttr(c.Elem, "Name", "the Condition has no Name: fill it in")
			ok = false
			continue
		case value == "":
			im.unsupportedAttr(c.Elem, "Value", "Condition %s has no Value: fill it in", name)
			ok = false
			continue
		case strings.ContainsFunc(value, isControl) || strings.ContainsFunc(name, isControl):
			im.unsupported(c.Elem, "Condition %s has a control character (tab, line break) that a spec cannot hold", name)
			ok = false
			continue
		case seen[strings.ToLower(name)]:
			im.unsupported(c.Elem, "Condition %s is given twice in this TargetState: a spec match entry holds each name once", name)
			ok = false
			continue
		}
		seen[strings.ToLower(name)] = true
		for _, p := range variant.CheckCondition(name, value) {
			if p.Kind == variant.ProblemInvalidValue || p.Kind == variant.ProblemReservedName {
				im.unsupported(c.Elem, "generate would refuse this condition: %s", p.Message)
				ok = false
			}
		}
		m.set(name, value)
	}
	if ok && !variant.Satisfiable(m.Pairs()) {
		im.unsupported(st.Elem, "no SIM can meet all the conditions of this TargetState: generate would refuse it")
		ok = false
	}
	return m, ok
}

// static reads Static: the per-device IMSRetry values, the generator's
// Multivariant/AutoDataConfig switches (with Variants) and every other
// setting, checked as the spec reader checks a spec's settings.
func (im *importer) static(st answerfile.Static, hasVariants bool) *Device {
	dev := &Device{}
	ss := Settings{}
	seen := map[string]bool{}
	for _, ch := range st.Elem.ChildElements() {
		if ch.Tag != "Settings" {
			im.unsupported(ch, "a spec cannot express <%s> in Static", ch.Tag)
		}
	}
	for _, g := range st.Groups {
		path := strings.ToLower(g.Path.Value)
		if seen[path] {
			im.unsupported(g.Elem, "the settings group %s is given twice in Static", english.Quote(g.Path.Value))
			continue
		}
		seen[path] = true
		switch {
		case strings.EqualFold(g.Path.Value, PathPerDeviceSMS):
			dev.IMSRetry, _ = im.imsRetry(g, ss, false)
		case hasVariants && (strings.EqualFold(g.Path.Value, PathMultivariant) || strings.EqualFold(g.Path.Value, PathAutoDataConfig)):
			// Enable is the generator's with operators (hasMultivariant checks its value)
			im.group(g, false, ss, []string{SettingEnable}, func(answerfile.Setting) bool { return true })
		default:
			im.group(g, false, ss, nil, nil)
		}
	}
	if len(st.Groups) == 0 {
		im.dropped(st.Elem, "the empty Static is left out")
	}
	if len(ss) > 0 {
		dev.Settings = ss
	}
	if dev.IMSRetry == nil && dev.Settings == nil {
		return nil
	}
	return dev
}

// hasMultivariant reports whether Static sets Multivariant/Enable=1 and
// AutoDataConfig/Enable=0, as Generate writes them with operators.
func (im *importer) hasMultivariant(st answerfile.Static) bool {
	want := map[string]bool{PathMultivariant: true, PathAutoDataConfig: false}
	found := 0
	for _, g := range st.Groups {
		for path, on := range want {
			if !strings.EqualFold(g.Path.Value, path) {
				continue
			}
			for _, set := range g.Settings {
				if v, ok := parseBool(set.Value.Value); ok && strings.EqualFold(set.Name.Value, SettingEnable) && v == on {
					found++
				}
			}
		}
	}
	return found == 2
}

// imsRetry reads an IMSRetry settings group: its two settings in short
// form (nil when it has neither), the others into ss. ok is false when a
// spec cannot hold something of it.
func (im *importer) imsRetry(g answerfile.SettingsGroup, ss Settings, inVariant bool) (*IMSRetry, bool) {
	r := &IMSRetry{}
	ok := im.group(g, inVariant, ss, []string{SettingAttemptThreshold, SettingRetryEnabled}, func(set answerfile.Setting) bool {
		if strings.EqualFold(set.Name.Value, SettingRetryEnabled) {
			b, good := im.boolSetting(set, SettingRetryEnabled)
			if good {
				r.RetryEnabled = &b
			}
			return good
		}
		n, err := parseDWORD(set.Value.Value)
		switch {
		case set.Value.Value == "":
			im.unsupportedAttr(set.Elem, "Value", "%s has no Value: fill it in (1 or more)", SettingAttemptThreshold)
		case err != nil:
			im.unsupportedAttr(set.Elem, "Value", "%s %s is not a DWORD (decimal, or hex with 0x)", SettingAttemptThreshold, english.Quote(set.Value.Value))
		case n == 0:
			im.unsupportedAttr(set.Elem, "Value", "%s=0 never attempts SMS over IMS; a spec takes 1 or more", SettingAttemptThreshold)
		default:
			v := uint32(n)
			r.AttemptThresholdForIMS = &v
			return true
		}
		return false
	})
	if r.AttemptThresholdForIMS == nil && r.RetryEnabled == nil {
		return nil, ok
	}
	return r, ok
}

// autoRetry reads the per-SIM messaging group: AutoRetryDownload in short
// form (nil when absent), the others into ss.
func (im *importer) autoRetry(g answerfile.SettingsGroup, ss Settings) (*bool, bool) {
	var out *bool
	ok := im.group(g, true, ss, []string{SettingAutoRetryDownload}, func(set answerfile.Setting) bool {
		b, good := im.boolSetting(set, SettingAutoRetryDownload)
		out = &b
		return good
	})
	return out, ok
}

// group reads settings group g (in a Variant when inVariant): a setting
// named in short goes to read (a short form's), every other one into ss
// under the catalog's spelling of the path, checked as the spec reader
// checks a spec's settings (pathFault, settingFault). It reports whether a
// spec can hold the whole group.
func (im *importer) group(g answerfile.SettingsGroup, inVariant bool, ss Settings, short []string, read func(answerfile.Setting) bool) bool {
	ok := true
	for _, a := range g.Assets {
		im.unsupported(a.Elem, "a spec cannot express an Asset")
		ok = false
	}
	if len(g.Settings) == 0 && len(g.Assets) == 0 {
		im.unsupported(g.Elem, "the %s group sets nothing", g.Path.Value)
		return false
	}
	seen := map[string]bool{}
	var others []answerfile.Setting
	for _, set := range g.Settings {
		lower := strings.ToLower(set.Name.Value)
		switch {
		case seen[lower]:
			im.unsupported(set.Elem, "%s is set twice in this group", set.Name.Value)
			ok = false
		case slices.ContainsFunc(short, func(n string) bool { return strings.EqualFold(n, set.Name.Value) }):
			ok = read(set) && ok
		default:
			others = append(others, set)
		}
		seen[lower] = true
	}
	if len(others) == 0 {
		return ok
	}
	if msg, stop := pathFault(g.Path.Value, inVariant); msg != "" {
		im.unsupportedAttr(g.Elem, "Path", "generate would refuse this group: %s", msg)
		if stop {
			return false
		}
		ok = false
	}
	path := CanonicalPath(g.Path.Value)
	for _, set := range others {
		name, value := set.Name.Value, set.Value.Value
		if strings.TrimSpace(name) == "" {
			im.unsupportedAttr(set.Elem, "Name", "the Setting has no Name: fill it in")
			ok = false
			continue
		}
		if strings.ContainsFunc(value, isControl) || strings.ContainsFunc(name, isControl) {
			im.unsupported(set.Elem, "%s has a control character (tab, line break) that a spec cannot hold", name)
			ok = false
			continue
		}
		e, _ := catalog.Load().Lookup(path, name)
		switch at, msg := settingFault(e, path, name, value, inVariant); at {
		case atName:
			im.unsupportedAttr(set.Elem, "Name", "generate would refuse this setting: %s", msg)
			ok = false
		case atValue:
			im.unsupportedAttr(set.Elem, "Value", "generate would refuse this value: %s", msg)
			ok = false
		default:
			if ss[path] == nil {
				ss[path] = map[string]SettingValue{}
			}
			ss[path][name] = SettingValue(value)
		}
	}
	return ok
}

func (im *importer) boolSetting(set answerfile.Setting, name string) (bool, bool) {
	if set.Value.Value == "" {
		im.unsupportedAttr(set.Elem, "Value", "%s has no Value: fill it in (1 or 0)", name)
		return false, false
	}
	b, ok := parseBool(set.Value.Value)
	if !ok {
		im.unsupportedAttr(set.Elem, "Value", "%s %s is neither 1 nor 0", name, english.Quote(set.Value.Value))
	}
	return b, ok
}

// renamed notes where the generated Target Id or Variant Name will differ.
// Without errors, the Variants and the operators correspond one to one.
func (im *importer) renamed(s *Spec) {
	ids := OperatorIDs(s)
	for i, v := range im.doc.Root.Variants {
		ref := v.TargetRefs[0].ID.Value
		if ids[i] != v.Name.Value || ids[i] != ref {
			im.diags = append(im.diags, im.doc.AttrDiag(v.Elem, "Name", RuleImportDropped, answerfile.Info,
				"Variant %q and its Target %q are written as %q, the Id generate derives from the operator name", v.Name.Value, ref, ids[i]))
		}
	}
}

func (im *importer) failed() bool {
	return slices.ContainsFunc(im.diags, func(d answerfile.Diagnostic) bool { return d.Severity == answerfile.Error })
}

// parseDWORD reads a DWORD as MCSF writes it: decimal, or hex with 0x.
func parseDWORD(s string) (uint64, error) {
	if h, ok := strings.CutPrefix(strings.ToLower(s), "0x"); ok {
		return strconv.ParseUint(h, 16, 32)
	}
	return strconv.ParseUint(s, 10, 32)
}

// parseBool reads a 0/1 DWORD.
func parseBool(s string) (bool, bool) {
	n, err := parseDWORD(s)
	if err != nil || n > 1 {
		return false, false
	}
	return n == 1, true
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f }
