package variant

import (
	"github.com/mcsf-dev/mcsf/answerfile"
)

// FileModel is what ReadModel reads of one answer file.
type FileModel struct {
	Model
	// AnswerFile is set when the root element is <ImageCustomizations>
	// (in any namespace, as Document.IsAnswerFile); Model is empty
	// otherwise.
	AnswerFile bool
	// Imports counts the Import elements, whose files ReadModel does not
	// read (answerfile.LoadGraph does).
	Imports int
}

// ReadModel reads an answer file into the Model that ModelOf gives of its
// answerfile.ParseLimits, without building the tree (answerfile.Walk):
// the same reader, so the same checks and the same diagnostics, in a
// fraction of the time and memory. Diagnostics (the file cannot be read)
// or an error leave the FileModel empty. Its equality with ModelOf is
// tested on every corpus file and fuzz seed.
func ReadModel(name string, data []byte, lim answerfile.Limits) (FileModel, []answerfile.Diagnostic, error) {
	r := modelReader{name: name}
	ds, err := answerfile.Walk(name, data, lim, r.element)
	if ds != nil || err != nil {
		return FileModel{}, ds, err
	}
	return r.out, nil, nil
}

// part is what an element is to the typed view (answerfile.Customizations),
// by its local name and its parent's part; other elements, foreign ones
// and everything inside them are none.
type part uint8

const (
	none part = iota
	rootPart
	importsPart
	targetsPart
	targetPart
	statePart
	staticPart
	variantPart
	refsPart
	groupPart
)

// modelReader builds a FileModel from the elements Walk reads.
type modelReader struct {
	name  string
	out   FileModel
	parts []part // of the open elements, by depth
	// the <Settings> group being read: its Path, whether it has one, and
	// whether it is in a Variant (the last one) or in Static
	path              string
	hasPath, inStatic bool
}

func (r *modelReader) element(e *answerfile.Element) {
	p := none
	src := Source{File: r.name, Line: e.Line}
	if e.Depth == 1 {
		if r.out.AnswerFile = e.Tag == "ImageCustomizations"; r.out.AnswerFile {
			p = rootPart
		}
		r.parts = append(r.parts[:0], p)
		return
	}
	m := &r.out.Model
	switch parent := r.parts[e.Depth-2]; {
	case e.Foreign || parent == none:
	case parent == rootPart:
		switch e.Tag {
		case "Imports":
			p = importsPart
		case "Targets":
			p = targetsPart
		case "Static":
			p = staticPart
		case "Variant":
			p = variantPart
			m.Variants = append(m.Variants, VariantDef{Name: e.Attr("Name").Value, Source: src})
		}
	case parent == importsPart && e.Tag == "Import":
		r.out.Imports++
	case parent == targetsPart && e.Tag == "Target":
		p = targetPart
		m.Targets = append(m.Targets, TargetDef{ID: e.Attr("Id").Value, Source: src})
	case parent == targetPart && e.Tag == "TargetState":
		p = statePart
		t := &m.Targets[len(m.Targets)-1]
		t.States = append(t.States, StateDef{Source: src})
	case parent == statePart && e.Tag == "Condition":
		t := &m.Targets[len(m.Targets)-1]
		st := &t.States[len(t.States)-1]
		st.Conditions = append(st.Conditions, ConditionDef{Name: e.Attr("Name").Value, Value: e.Attr("Value").Value, Source: src})
	case (parent == staticPart || parent == variantPart) && e.Tag == "Settings":
		p = groupPart
		path := e.Attr("Path")
		r.path, r.hasPath, r.inStatic = path.Value, path.Present, parent == staticPart
	case parent == variantPart && e.Tag == "TargetRefs":
		p = refsPart
	case parent == refsPart && e.Tag == "TargetRef":
		v := &m.Variants[len(m.Variants)-1]
		v.TargetRefs = append(v.TargetRefs, e.Attr("Id").Value)
	case parent == groupPart && e.Tag == "Setting":
		// ModelOf leaves out groups without a Path and settings without a Name.
		name := e.Attr("Name")
		if !r.hasPath || !name.Present {
			break
		}
		s := SettingDef{Path: r.path, Name: name.Value, Value: e.Attr("Value").Value, Source: src}
		if r.inStatic {
			m.Static = append(m.Static, s)
		} else {
			v := &m.Variants[len(m.Variants)-1]
			v.Settings = append(v.Settings, s)
		}
	}
	r.parts = append(r.parts[:e.Depth-1], p)
}
