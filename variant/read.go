package variant

import (
	"bytes"

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
	r.sizeFor(data)
	ds, err := answerfile.Walk(name, data, lim, r.element)
	if ds != nil || err != nil {
		return FileModel{}, ds, err
	}
	return r.model(), nil, nil
}

// ReadCompiled is CompileModelLimits(ReadModel(...).Model, plim), with
// the targets compiled on a second goroutine while the rest of the file is
// read (a large file's targets come before its variants). It returns the
// FileModel too; diagnostics or an error leave both empty. A file with
// patterns over plim is compiled again, in one piece, once it
// is read (the count is known only then).
func ReadCompiled(name string, data []byte, lim answerfile.Limits, plim PatternLimits) (*Compiled, FileModel, []answerfile.Diagnostic, error) {
	r := modelReader{name: name, batches: make(chan []TargetDef, 16)}
	r.sizeFor(data)
	k := newCompiler(plim, 0, 0, cap(r.out.Targets), cap(r.states), cap(r.conds))
	done := make(chan bool)
	go func() {
		// Compile each part handed over, until the patterns seen exceed
		// the limit (nothing of this compile is used then).
		patterns, total, over := 0, 0, false
		for tds := range r.batches {
			for i := range tds {
				for _, st := range tds[i].States {
					for _, c := range st.Conditions {
						patterns, total = Cost(patterns, total, c.Value)
					}
				}
			}
			if _, o := plim.Over(patterns, total); !over && !o {
				k.addTargets(tds)
			} else {
				over = true
			}
		}
		done <- over
	}()
	ds, err := answerfile.Walk(name, data, lim, r.element)
	if ds != nil || err != nil {
		close(r.batches)
		<-done
		return nil, FileModel{}, ds, err
	}
	fm := r.model()
	close(r.batches)
	if over := <-done; over {
		return CompileModelLimits(fm.Model, plim), fm, nil, nil
	}
	return k.finish(fm.Model), fm, nil, nil
}

// targetsPerPart is how many targets ReadCompiled hands over at a time.
const targetsPerPart = 256

// handOver cuts the lists of the targets from r.sent up to to and sends
// them to be compiled; the reader does not write them again.
func (r *modelReader) handOver(to int) {
	m := &r.out.Model
	for i := r.sent; i < to; i++ {
		sp := r.targetStates[i]
		for j := sp.from; j < sp.from+sp.n; j++ {
			r.states[j].Conditions = cut(r.conds, r.stateConds[j])
		}
		m.Targets[i].States = cut(r.states, sp)
	}
	if to > r.sent {
		r.batches <- m.Targets[r.sent:to:to]
	}
	r.sent = to
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

// modelReader builds a FileModel from the elements Walk reads. The
// conditions of every state, the states of every target and the settings
// and TargetRefs of every variant are appended to one slice each (an
// element's lists are contiguous in them: they come in document order)
// and cut into the Model's slices at the end: a large file's model then
// costs a few allocations, not one or more per list.
type modelReader struct {
	name  string
	out   FileModel
	parts []part // of the open elements, by depth
	// the <Settings> group being read: its Path, whether it has one, and
	// whether it is in a Variant (the last one) or in Static
	path              string
	hasPath, inStatic bool

	conds    []ConditionDef
	states   []StateDef
	settings []SettingDef
	refs     []string
	// where each state's conditions, each target's states and each
	// variant's settings and TargetRefs start in the slices above, and
	// how many there are
	stateConds                   []span
	targetStates                 []span
	variantSettings, variantRefs []span

	// batches, for ReadCompiled, receives the targets (the first sent)
	// as they are read.
	batches chan []TargetDef
	sent    int
}

type span struct{ from, n int }

// sizeFor gives the lists room for the <Target>, <TargetState>,
// <Condition>, <Variant> and <Setting> elements that data appears to hold
// (it does not tell comments from elements, nor sees a prefix): a hint
// that spares a large file's lists the copies and garbage of growing.
func (r *modelReader) sizeFor(data []byte) {
	targets, states, conds, variants, settings := 0, 0, 0, 0, 0
	for i := 0; ; {
		j := bytes.IndexByte(data[i:], '<')
		if j < 0 {
			break
		}
		i += j + 1
		if i >= len(data) {
			break
		}
		// The first letter tells most tags apart (end tags, comments)
		// before any comparison.
		switch rest := data[i:]; rest[0] {
		case 'C':
			if bytes.HasPrefix(rest, []byte("Condition")) {
				conds++
			}
		case 'T':
			switch {
			case bytes.HasPrefix(rest, []byte("TargetState")):
				states++
			case bytes.HasPrefix(rest, []byte("Target ")), bytes.HasPrefix(rest, []byte("Target>")):
				targets++
			}
		case 'V':
			if bytes.HasPrefix(rest, []byte("Variant ")) || bytes.HasPrefix(rest, []byte("Variant>")) {
				variants++
			}
		case 'S':
			if bytes.HasPrefix(rest, []byte("Setting ")) || bytes.HasPrefix(rest, []byte("Setting/")) {
				settings++
			}
		}
	}
	r.states, r.stateConds = make([]StateDef, 0, states), make([]span, 0, states)
	r.conds = make([]ConditionDef, 0, conds)
	r.settings = make([]SettingDef, 0, settings)
	m := &r.out.Model
	m.Targets, r.targetStates = make([]TargetDef, 0, targets), make([]span, 0, targets)
	m.Variants = make([]VariantDef, 0, variants)
	r.variantSettings, r.variantRefs = make([]span, 0, variants), make([]span, 0, variants)
}

// cut is the part of all that s spans; nil when it is empty, as append
// leaves a list that nothing was appended to.
func cut[T any](all []T, s span) []T {
	if s.n == 0 {
		return nil
	}
	return all[s.from : s.from+s.n : s.from+s.n]
}

// model cuts the lists into the Model's slices (those of the targets not
// handed over yet) and, for ReadCompiled, hands the rest of the targets
// over.
func (r *modelReader) model() FileModel {
	m := &r.out.Model
	if r.batches != nil {
		r.handOver(len(m.Targets))
	}
	from := len(r.states) // the first state of a target not handed over
	if r.sent < len(m.Targets) {
		from = r.targetStates[r.sent].from
	}
	for i := from; i < len(r.states); i++ {
		r.states[i].Conditions = cut(r.conds, r.stateConds[i])
	}
	for i := r.sent; i < len(m.Targets); i++ {
		m.Targets[i].States = cut(r.states, r.targetStates[i])
	}
	if len(m.Targets) == 0 {
		m.Targets = nil // as ModelOf leaves it
	}
	if len(m.Variants) == 0 {
		m.Variants = nil
	}
	for i := range m.Variants {
		m.Variants[i].Settings = cut(r.settings, r.variantSettings[i])
		m.Variants[i].TargetRefs = cut(r.refs, r.variantRefs[i])
	}
	return r.out
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
			r.variantSettings = append(r.variantSettings, span{from: len(r.settings)})
			r.variantRefs = append(r.variantRefs, span{from: len(r.refs)})
		}
	case parent == importsPart && e.Tag == "Import":
		r.out.Imports++
	case parent == targetsPart && e.Tag == "Target":
		p = targetPart
		if r.batches != nil && len(m.Targets)-r.sent >= targetsPerPart {
			r.handOver(len(m.Targets)) // those before this one are read
		}
		m.Targets = append(m.Targets, TargetDef{ID: e.Attr("Id").Value, Source: src})
		r.targetStates = append(r.targetStates, span{from: len(r.states)})
	case parent == targetPart && e.Tag == "TargetState":
		p = statePart
		r.states = append(r.states, StateDef{Source: src})
		r.stateConds = append(r.stateConds, span{from: len(r.conds)})
		r.targetStates[len(r.targetStates)-1].n++
	case parent == statePart && e.Tag == "Condition":
		r.conds = append(r.conds, ConditionDef{Name: e.Attr("Name").Value, Value: e.Attr("Value").Value, Source: src})
		r.stateConds[len(r.stateConds)-1].n++
	case (parent == staticPart || parent == variantPart) && e.Tag == "Settings":
		p = groupPart
		path := e.Attr("Path")
		r.path, r.hasPath, r.inStatic = path.Value, path.Present, parent == staticPart
	case parent == variantPart && e.Tag == "TargetRefs":
		p = refsPart
	case parent == refsPart && e.Tag == "TargetRef":
		r.refs = append(r.refs, e.Attr("Id").Value)
		r.variantRefs[len(r.variantRefs)-1].n++
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
			r.settings = append(r.settings, s)
			r.variantSettings[len(r.variantSettings)-1].n++
		}
	}
	r.parts = append(r.parts[:e.Depth-1], p)
}
