package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/variant"
)

// resolve.go: the mcsf.resolve command (what a SIM gets from the file, as
// `mcsf resolve` computes it, imports included) and the code lenses that
// offer it on each Target for the SIM its first TargetState describes.

// resolveResult is the answer to mcsf.resolve: the result as text, for a
// person, and in the JSON form of `mcsf resolve --format json`.
type resolveResult struct {
	Text   string          `json:"text"`
	Result json.RawMessage `json:"result"`
}

func (s *server) executeCommand(ctx context.Context, params *json.RawMessage) (any, error) {
	var p executeCommandParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	if p.Command != CommandResolve {
		return nil, fmt.Errorf("unknown command %q (the server has %s)", p.Command, CommandResolve)
	}
	var uri, sim string
	if len(p.Arguments) != 2 || json.Unmarshal(p.Arguments[0], &uri) != nil || json.Unmarshal(p.Arguments[1], &sim) != nil {
		return nil, &paramsError{errors.New(CommandResolve + ` takes the document URI and the SIM, e.g. "mcc=310,mnc=410"`)}
	}
	d, err := s.doc(uri)
	if err != nil {
		return nil, err
	}
	profile, err := variant.ParseProfile(sim)
	if err != nil {
		return nil, fmt.Errorf("SIM: %w", err)
	}
	if profile.Len() == 0 {
		return nil, errors.New(`give the SIM as condition values, e.g. "mcc=310,mnc=410"`)
	}
	sn := d.snapshot()
	c, err := s.compile(sn)
	if err != nil {
		return nil, err
	}
	r := c.Resolve(profile)
	return resolveResult{Text: resultText(&r), Result: r.AppendJSON(nil)}, nil
}

// compile prepares the snapshot, with what it imports, for resolution.
func (s *server) compile(sn *snapshot) (*variant.Compiled, error) {
	g := s.graph(sn)
	for _, d := range g.Diagnostics {
		if d.Rule == answerfile.RuleXMLSyntax {
			return nil, fmt.Errorf("%s:%d: %s: resolve reads the file once it is well-formed XML", d.File, d.Line, d.Message)
		}
	}
	root := g.Root().Doc
	if root == nil || !root.IsAnswerFile() {
		return nil, errors.New("this is not an answer file (its root is not <ImageCustomizations>)")
	}
	if len(g.Files) == 1 {
		return variant.Compile(root)
	}
	return variant.CompileModel(variant.ModelOfMerged(answerfile.Merge(g))), nil
}

// resultText writes a result for a person.
func resultText(r *variant.Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "SIM %s\n", r.SIM)
	if len(r.Matched) == 0 {
		b.WriteString("no Variant applies: the SIM gets Static only\n")
	}
	for _, m := range r.Matched {
		fmt.Fprintf(&b, "applies Variant %s through Target %s, TargetState %d (priority %d SIM, %d device conditions)\n",
			m.Variant, m.Target, m.TargetState, m.Priority[0], m.Priority[1])
	}
	fmt.Fprintf(&b, "\neffective settings (%d):\n", len(r.Settings))
	for _, st := range r.Settings {
		fmt.Fprintf(&b, "  %s/%s = %s    (%s)\n", st.Path, st.Name, st.Value, st.Source)
	}
	for _, c := range r.Conflicts {
		fmt.Fprintf(&b, "\nconflict: %s/%s is %s from %s and %s from %s at equal priority: the order in the file decides\n",
			c.Path, c.Name, c.Winner.Value, c.Winner.Source, c.Other.Value, c.Other.Source)
	}
	for _, u := range r.Undecided {
		fmt.Fprintf(&b, "\nundecided: Target %s, TargetState %d: condition %s=%q cannot be evaluated: %s\n",
			u.Target, u.TargetState, u.Condition, u.Value, u.Reason)
	}
	if len(r.Notes) > 0 {
		b.WriteString("\nnotes:\n")
	}
	for _, n := range r.Notes {
		fmt.Fprintf(&b, "  - %s\n", n)
	}
	return b.String()
}

// codeLenses offers, on each Target whose first TargetState has plain
// conditions, to resolve the file for the SIM they describe.
func (s *server) codeLenses(ctx context.Context, params *json.RawMessage) (any, error) {
	sn, err := s.snapshotOf(params)
	if err != nil {
		return nil, err
	}
	enc := s.encoding()
	out := []codeLens{}
	t := sn.tree()
	for _, tg := range t.named("Target") {
		sim := simOf(t, tg)
		if sim == "" {
			continue
		}
		out = append(out, codeLens{
			Range:   sn.text.rangeOf(t.off(tg), t.nameEnd(tg), enc),
			Command: &command{Title: "resolve for " + sim, Command: CommandResolve, Arguments: []any{sn.uri, sim}},
		})
	}
	return out, nil
}

// simOf is the SIM a Target's first TargetState describes, from its plain
// conditions ("mcc=310,mnc=410"); "" when it has none.
func simOf(t *tree, tg *node) string {
	for _, st := range tg.children {
		if st.local() != "TargetState" {
			continue
		}
		var parts []string
		for _, c := range st.children {
			name, value := t.value(c, "Name"), t.value(c, "Value")
			cond, err := variant.ParseCondition(name, value)
			if c.local() != "Condition" || err != nil || cond.Kind != variant.Exact || cond.Negate || strings.ContainsAny(value, ",") || name == "" {
				continue
			}
			parts = append(parts, strings.ToLower(name)+"="+value)
		}
		return strings.Join(parts, ",")
	}
	return ""
}
