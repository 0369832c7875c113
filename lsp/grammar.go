package lsp

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/mcsf-dev/mcsf/internal/lazy"
	"github.com/mcsf-dev/mcsf/schema"
)

// grammar.go: which elements and attributes may stand where, read from the
// embedded answerfile JSON Schema (the one lint applies), so that
// completion offers exactly what lint accepts.

// elementRule is one element of the grammar.
type elementRule struct {
	Doc      string
	Attrs    []attrRule
	Children []string // the child elements' names, sorted
}

type attrRule struct {
	Name     string
	Required bool
	Doc      string
	Enum     []string
}

// grammar maps element names to their rules; "" holds the root element.
type grammar map[string]elementRule

// loadGrammar reads the grammar once; an embedded schema that does not read
// is a bug the tests catch, and gives an empty grammar.
func loadGrammar() grammar { return grammarV.Get(readGrammar) }

var grammarV lazy.Value[grammar]

func readGrammar() grammar {
	g := grammar{}
	b, err := schema.Bytes("answerfile")
	if err != nil {
		return g
	}
	var doc struct {
		Ref  string `json:"$ref"`
		Defs map[string]struct {
			Description string                     `json:"description"`
			Required    []string                   `json:"required"`
			Properties  map[string]json.RawMessage `json:"properties"`
		} `json:"$defs"`
	}
	if json.Unmarshal(b, &doc) != nil {
		return g
	}
	refName := func(ref string) string { return strings.TrimPrefix(ref, "#/$defs/") }
	for name, def := range doc.Defs {
		if def.Properties == nil {
			continue // text, nonEmpty: value types, not elements
		}
		r := elementRule{Doc: def.Description}
		for key, raw := range def.Properties {
			var prop struct {
				Description string   `json:"description"`
				Enum        []string `json:"enum"`
				Items       struct {
					Ref string `json:"$ref"`
				} `json:"items"`
			}
			json.Unmarshal(raw, &prop)
			if attr, ok := strings.CutPrefix(key, "@"); ok {
				r.Attrs = append(r.Attrs, attrRule{Name: attr, Required: slices.Contains(def.Required, key), Doc: prop.Description, Enum: prop.Enum})
				continue
			}
			if prop.Items.Ref != "" && refName(prop.Items.Ref) == key {
				r.Children = append(r.Children, key)
			}
		}
		slices.SortFunc(r.Attrs, func(a, b attrRule) int { return strings.Compare(a.Name, b.Name) })
		slices.Sort(r.Children)
		g[name] = r
	}
	g[""] = elementRule{Children: []string{refName(doc.Ref)}}
	return g
}
