package answerfile

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// Rules of the merge of an import graph.
const (
	RuleImportConflict    = "import-conflict"
	RuleDuplicateTargetID = "duplicate-target-id"
)

// rankUnset is the rank of an imported file without a valid Priority: [policy]
// it is applied before (so loses to) every file with a Priority.
const rankUnset = math.MaxInt

// Rank orders files for the merge: the root file is 0 and wins over every
// import; an imported file ranks by its Priority (1 is highest); a file
// without a valid Priority ranks last.
func (f *File) Rank() int {
	if f.IsRoot() {
		return 0
	}
	if f.Doc != nil {
		if p, ok := f.Doc.Root.PriorityValue(); ok && p > 0 && p < rankUnset {
			return p
		}
	}
	return rankUnset
}

// RankName describes a file's rank in messages.
func (f *File) RankName() string {
	switch r := f.Rank(); r {
	case 0:
		return "the root file"
	case rankUnset:
		return "no Priority"
	default:
		return fmt.Sprintf("Priority %d", r)
	}
}

// SettingRef is one Setting with where it stands.
type SettingRef struct {
	File    *File
	Variant *Variant // nil for Static
	Group   *SettingsGroup
	Setting *Setting
}

// MergedTarget is a Target with its file.
type MergedTarget struct {
	File   *File
	Target *Target
}

// MergedVariant is a Variant with the settings that survive the merge.
type MergedVariant struct {
	File     *File
	Variant  *Variant
	Settings []SettingRef
}

// Merged is an import graph seen as one answer file, as ImageApp merges it:
// Static settings and Variants of every file, each setting kept only from the
// file that wins it (the root file over imports, a smaller Priority over a
// larger one), Target Ids global.
type Merged struct {
	Targets     []MergedTarget // first definition of each Id, in load order
	Static      []SettingRef
	Variants    []MergedVariant
	Diagnostics []Diagnostic // import-conflict, duplicate-target-id across files
}

// Merge merges the files of g that were read and parsed.
func Merge(g *Graph) *Merged {
	m := &Merged{}
	targetAt := map[string]MergedTarget{}
	byKey := map[string][]occurrence{}
	var keys []string
	add := func(scope string, ref SettingRef, fi int) {
		k := scope + "\x00" + strings.ToLower(ref.Group.Path.Value) + "\x00" + strings.ToLower(ref.Setting.Name.Value)
		if _, ok := byKey[k]; !ok {
			keys = append(keys, k)
		}
		byKey[k] = append(byKey[k], occurrence{ref, fi})
	}
	for fi, f := range g.Files {
		if f.Doc == nil {
			continue
		}
		root := f.Doc.Root
		for i := range root.Targets {
			t := &root.Targets[i]
			id := t.ID.Value
			if prev, ok := targetAt[id]; ok {
				if prev.File != f { // duplicates inside one file are the linter's
					d := f.Doc.AttrDiag(t.Elem, "Id", RuleDuplicateTargetID, Error, "Target Id %q is already defined in %s; Target Ids are global across imported files", id, prev.File.Path)
					d.Related = []Related{{File: prev.File.Path, Line: prev.Target.Pos().Line, Column: prev.Target.Pos().Column, Path: prev.Target.Path(), Message: "first defined here"}}
					m.Diagnostics = append(m.Diagnostics, d)
				}
				continue
			}
			targetAt[id] = MergedTarget{f, t}
			m.Targets = append(m.Targets, targetAt[id])
		}
		for si := range root.Statics {
			for gi := range root.Statics[si].Groups {
				grp := &root.Statics[si].Groups[gi]
				for i := range grp.Settings {
					add("static", SettingRef{File: f, Group: grp, Setting: &grp.Settings[i]}, fi)
				}
			}
		}
		for vi := range root.Variants {
			v := &root.Variants[vi]
			scope := "variant:" + v.Name.Value
			if len(v.TargetRefs) > 0 {
				scope = "target:" + v.TargetRefs[0].ID.Value
			}
			for gi := range v.Groups {
				grp := &v.Groups[gi]
				for i := range grp.Settings {
					add(scope, SettingRef{File: f, Variant: v, Group: grp, Setting: &grp.Settings[i]}, fi)
				}
			}
		}
	}
	// Decide the winner of every setting set in more than one file.
	lost := map[*Setting]bool{}
	for _, k := range keys {
		occ := byKey[k]
		files := map[int]bool{}
		for _, o := range occ {
			files[o.file] = true
		}
		if len(files) < 2 {
			continue
		}
		best := rankUnset
		for _, o := range occ {
			best = min(best, o.ref.File.Rank())
		}
		var top []occurrence
		winnerFile := -1
		for _, o := range occ {
			if o.ref.File.Rank() == best {
				top = append(top, o)
				winnerFile = o.file // the last file of the best rank, in load order
			}
		}
		var winner occurrence
		for _, o := range top {
			if o.file == winnerFile {
				winner = o
			}
		}
		related := func(os []occurrence, msg func(occurrence) string) []Related {
			var out []Related
			for _, o := range os {
				out = append(out, Related{File: o.ref.File.Path, Line: o.ref.Setting.Pos().Line, Column: o.ref.Setting.Pos().Column, Path: o.ref.Setting.Path(), Message: msg(o)})
			}
			return out
		}
		name := fmt.Sprintf("setting %s in %s", winner.ref.Setting.Name.Value, winner.ref.Group.Path.Value)
		if winner.ref.Variant != nil && len(winner.ref.Variant.TargetRefs) > 0 {
			name += fmt.Sprintf(" for Target %q", winner.ref.Variant.TargetRefs[0].ID.Value)
		} else if winner.ref.Variant == nil {
			name += " in Static"
		}
		topFiles := map[int]bool{}
		for _, o := range top {
			topFiles[o.file] = true
		}
		if len(topFiles) > 1 {
			values := map[string]bool{}
			for _, o := range top {
				values[o.ref.Setting.Value.Value] = true
			}
			others := slices.DeleteFunc(slices.Clone(top), func(o occurrence) bool { return o.file == winnerFile })
			var d Diagnostic
			if len(values) == 1 {
				d = winner.ref.File.Doc.Diag(winner.ref.Setting.Elem, RuleImportConflict, Warning,
					"%s is set in %d files of %s, all to %q: a harmless duplicate, but keep it in one file", name, len(topFiles), winner.ref.File.RankName(), winner.ref.Setting.Value.Value)
			} else {
				d = winner.ref.File.Doc.Diag(winner.ref.Setting.Elem, RuleImportConflict, Error,
					"%s is set to different values in %d files of %s (%s): the image build fails on this clash", name, len(topFiles), winner.ref.File.RankName(), describeValues(top))
				d.Fix = "set it in one file only, or give the files different Priority values"
			}
			d.Related = related(others, func(o occurrence) string { return fmt.Sprintf("also set to %q here", o.ref.Setting.Value.Value) })
			m.Diagnostics = append(m.Diagnostics, d)
		}
		for _, o := range occ {
			if o.file == winnerFile {
				continue
			}
			lost[o.ref.Setting] = true
			if o.ref.File.Rank() == best {
				continue // reported with the clash above
			}
			sev, why := Warning, fmt.Sprintf("%s wins over %s", winner.ref.File.RankName(), o.ref.File.RankName())
			if best == 0 {
				sev, why = Info, "the root file overrides imported files"
			}
			d := o.ref.File.Doc.Diag(o.ref.Setting.Elem, RuleImportConflict, sev, "%s = %q is overridden by %s = %q (%s)",
				name, o.ref.Setting.Value.Value, winner.ref.File.Path, winner.ref.Setting.Value.Value, why)
			d.Related = related([]occurrence{winner}, func(occurrence) string { return "the value that wins" })
			m.Diagnostics = append(m.Diagnostics, d)
		}
	}
	for _, f := range g.Files {
		if f.Doc == nil {
			continue
		}
		root := f.Doc.Root
		for si := range root.Statics {
			for gi := range root.Statics[si].Groups {
				grp := &root.Statics[si].Groups[gi]
				for i := range grp.Settings {
					if !lost[&grp.Settings[i]] {
						m.Static = append(m.Static, SettingRef{File: f, Group: grp, Setting: &grp.Settings[i]})
					}
				}
			}
		}
		for vi := range root.Variants {
			v := &root.Variants[vi]
			mv := MergedVariant{File: f, Variant: v}
			for gi := range v.Groups {
				grp := &v.Groups[gi]
				for i := range grp.Settings {
					if !lost[&grp.Settings[i]] {
						mv.Settings = append(mv.Settings, SettingRef{File: f, Variant: v, Group: grp, Setting: &grp.Settings[i]})
					}
				}
			}
			m.Variants = append(m.Variants, mv)
		}
	}
	SortDiagnostics(m.Diagnostics)
	return m
}

// occurrence is one Setting of the graph and the index of its file.
type occurrence struct {
	ref  SettingRef
	file int // index in Graph.Files
}

func describeValues(os []occurrence) string {
	var parts []string
	for _, o := range os {
		parts = append(parts, fmt.Sprintf("%q in %s", o.ref.Setting.Value.Value, o.ref.File.Path))
	}
	return strings.Join(parts, ", ")
}
