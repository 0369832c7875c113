package variant

import (
	"fmt"

	"github.com/mcsf-dev/mcsf/answerfile"
)

// Source is where something is defined: a file and a 1-based line (0 if unknown).
type Source struct {
	File string `json:"file"`
	Line int    `json:"line"`
}

func (s Source) String() string {
	if s.Line > 0 {
		return fmt.Sprintf("%s:%d", s.File, s.Line)
	}
	return s.File
}

// Model is the plain data that CompileModel works on: every Target, the
// Static settings and every Variant, each carrying its source. ModelOf
// fills it from one document; several documents merged by import priority
// fill one Model in application order (Static settings in the order they
// apply, Variants in definition order, which breaks priority ties).
type Model struct {
	Targets  []TargetDef
	Static   []SettingDef
	Variants []VariantDef
}

// TargetDef is one <Target>: an OR of states. IDs are case-sensitive.
type TargetDef struct {
	ID     string
	States []StateDef
	Source Source
}

// StateDef is one <TargetState>: an AND of conditions.
type StateDef struct {
	Conditions []ConditionDef
	Source     Source
}

// ConditionDef is one <Condition> as written.
type ConditionDef struct {
	Name, Value string
	Source      Source
}

// VariantDef is one <Variant>. MCSF supports exactly one TargetRef; a
// Variant with none never applies, one with several applies through the
// first (and resolve says so).
type VariantDef struct {
	Name       string
	TargetRefs []string
	Settings   []SettingDef
	Source     Source
}

// SettingDef is one <Setting> with the Path of its <Settings> group.
type SettingDef struct {
	Path, Name, Value string
	Source            Source
}

// ModelOf reads the typed view of doc. Settings without a Name and groups
// without a Path are left out (the linter reports them); a missing Value is
// read as "".
func ModelOf(doc *answerfile.Document) Model {
	var m Model
	if doc == nil || doc.Root == nil {
		return m
	}
	src := func(n answerfile.Node) Source { return Source{File: doc.Name, Line: n.Pos().Line} }
	for _, t := range doc.Root.Targets {
		td := TargetDef{ID: t.ID.Value, Source: src(t.Node)}
		for _, st := range t.States {
			sd := StateDef{Source: src(st.Node)}
			for _, c := range st.Conditions {
				sd.Conditions = append(sd.Conditions, ConditionDef{Name: c.Name.Value, Value: c.Value.Value, Source: src(c.Node)})
			}
			td.States = append(td.States, sd)
		}
		m.Targets = append(m.Targets, td)
	}
	settings := func(groups []answerfile.SettingsGroup) []SettingDef {
		var out []SettingDef
		for _, g := range groups {
			if !g.Path.Present {
				continue
			}
			for _, s := range g.Settings {
				if !s.Name.Present {
					continue
				}
				out = append(out, SettingDef{Path: g.Path.Value, Name: s.Name.Value, Value: s.Value.Value, Source: src(s.Node)})
			}
		}
		return out
	}
	for _, st := range doc.Root.Statics {
		m.Static = append(m.Static, settings(st.Groups)...)
	}
	for _, v := range doc.Root.Variants {
		vd := VariantDef{Name: v.Name.Value, Settings: settings(v.Groups), Source: src(v.Node)}
		for _, r := range v.TargetRefs {
			vd.TargetRefs = append(vd.TargetRefs, r.ID.Value)
		}
		m.Variants = append(m.Variants, vd)
	}
	return m
}
