package variant

import "github.com/mcsf-dev/mcsf/answerfile"

// ModelOfMerged reads an import graph merged as ImageApp merges it: Targets
// (first definition of each Id), the Static settings and the settings of
// each Variant that survive the merge, each with the file and line it comes
// from.
func ModelOfMerged(mg *answerfile.Merged) Model {
	var m Model
	src := func(f *answerfile.File, n answerfile.Node) Source { return Source{File: f.Path, Line: n.Pos().Line} }
	setting := func(r answerfile.SettingRef) (SettingDef, bool) {
		if !r.Group.Path.Present || !r.Setting.Name.Present {
			return SettingDef{}, false
		}
		return SettingDef{Path: r.Group.Path.Value, Name: r.Setting.Name.Value, Value: r.Setting.Value.Value, Source: src(r.File, r.Setting.Node)}, true
	}
	for _, mt := range mg.Targets {
		t := mt.Target
		td := TargetDef{ID: t.ID.Value, Source: src(mt.File, t.Node)}
		for _, st := range t.States {
			sd := StateDef{Source: src(mt.File, st.Node)}
			for _, c := range st.Conditions {
				sd.Conditions = append(sd.Conditions, ConditionDef{Name: c.Name.Value, Value: c.Value.Value, Source: src(mt.File, c.Node)})
			}
			td.States = append(td.States, sd)
		}
		m.Targets = append(m.Targets, td)
	}
	for _, r := range mg.Static {
		if sd, ok := setting(r); ok {
			m.Static = append(m.Static, sd)
		}
	}
	for _, mv := range mg.Variants {
		vd := VariantDef{Name: mv.Variant.Name.Value, Source: src(mv.File, mv.Variant.Node)}
		for _, r := range mv.Variant.TargetRefs {
			vd.TargetRefs = append(vd.TargetRefs, r.ID.Value)
		}
		for _, r := range mv.Settings {
			if sd, ok := setting(r); ok {
				vd.Settings = append(vd.Settings, sd)
			}
		}
		m.Variants = append(m.Variants, vd)
	}
	return m
}
