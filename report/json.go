package report

import (
	"io"
	"strconv"

	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/schema"
)

// jsonReport is the JSON form of a lint run; schema/lint-output.schema.json
// describes it (`mcsf schema lint-output`). Every field is always present,
// except fix and edits, which only a diagnostic with a suggested fix carries.
//
// writeJSONReport does not marshal these types: it appends the same bytes
// by hand. They stay as the definition of the form, and the test holds
// writeJSONReport to what encoding/json makes of them.
type jsonReport struct {
	Files       int              `json:"files"`
	Skipped     int              `json:"skipped"`
	Diagnostics []jsonDiagnostic `json:"diagnostics"`
	Summary     jsonSummary      `json:"summary"`
}

type jsonDiagnostic struct {
	File      string              `json:"file"`
	Line      int                 `json:"line"`
	Column    int                 `json:"column"`
	EndLine   int                 `json:"endLine"`
	EndColumn int                 `json:"endColumn"`
	Path      string              `json:"path"`
	Rule      string              `json:"rule"`
	Severity  answerfile.Severity `json:"severity"`
	Message   string              `json:"message"`
	Related   []jsonRelated       `json:"related"`
	Fix       string              `json:"fix,omitempty"`
	Edits     []jsonEdit          `json:"edits,omitempty"`
}

type jsonEdit struct {
	Start      int    `json:"start"`
	End        int    `json:"end"`
	NewText    string `json:"newText"`
	FromLine   int    `json:"fromLine"`
	FromColumn int    `json:"fromColumn"`
	ToLine     int    `json:"toLine"`
	ToColumn   int    `json:"toColumn"`
}

type jsonRelated struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Path    string `json:"path"`
	Message string `json:"message"`
}

type jsonSummary struct {
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Infos    int `json:"infos"`
}

// writeJSONReport writes r as one indented JSON object: byte for byte what
// an encoding/json Encoder with SetIndent("", "  ") and SetEscapeHTML(false)
// writes for a jsonReport. Lists are [] when empty, never null, so
// consumers need no special case.
//
// It appends by hand because the report of a large run is big (22 MB for
// 41,000 findings in 10,000 files) and encoding/json, which reflects over
// every value and then re-indents the whole text, took 0.24 s of a 0.5 s
// budget for it. The findings are formatted in parts by several goroutines
// (writeParts).
func writeJSONReport(w io.Writer, r *Report) {
	t := Count(r.Diagnostics)
	b := append([]byte(nil), "{\n  \"files\": "...)
	b = strconv.AppendInt(b, int64(len(r.FileNames)), 10)
	b = append(b, ",\n  \"skipped\": "...)
	b = strconv.AppendInt(b, int64(r.Skipped), 10)
	b = append(b, ",\n  \"diagnostics\": ["...)
	if _, err := w.Write(b); err != nil {
		return // the caller's bufio.Writer keeps the error
	}
	ds := r.Diagnostics
	parts := cutParts(len(ds))
	err := writeParts(w, parts, reportWorkers(), func(b []byte, p span) []byte {
		for i := p.lo; i < p.hi; i++ {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONDiagnostic(b, &ds[i])
		}
		return b
	})
	if err != nil {
		return
	}
	b = b[:0]
	if len(ds) > 0 {
		b = append(b, "\n  "...)
	}
	b = append(b, "],\n  \"summary\": {\n    \"errors\": "...)
	b = strconv.AppendInt(b, int64(t.Errors), 10)
	b = append(b, ",\n    \"warnings\": "...)
	b = strconv.AppendInt(b, int64(t.Warnings), 10)
	b = append(b, ",\n    \"infos\": "...)
	b = strconv.AppendInt(b, int64(t.Infos), 10)
	b = append(b, "\n  }\n}\n"...)
	_, _ = w.Write(b)
}

// appendJSONDiagnostic appends d as an element of the diagnostics list,
// starting with the line end before it.
func appendJSONDiagnostic(b []byte, d *answerfile.Diagnostic) []byte {
	b = append(b, "\n    {\n      \"file\": "...)
	b = appendJSONString(b, d.File)
	b = append(b, ",\n      \"line\": "...)
	b = strconv.AppendInt(b, int64(d.Line), 10)
	b = append(b, ",\n      \"column\": "...)
	b = strconv.AppendInt(b, int64(d.Column), 10)
	b = append(b, ",\n      \"endLine\": "...)
	b = strconv.AppendInt(b, int64(d.EndLine), 10)
	b = append(b, ",\n      \"endColumn\": "...)
	b = strconv.AppendInt(b, int64(d.EndColumn), 10)
	b = append(b, ",\n      \"path\": "...)
	b = appendJSONString(b, d.Path)
	b = append(b, ",\n      \"rule\": "...)
	b = appendJSONString(b, d.Rule)
	b = append(b, ",\n      \"severity\": "...)
	b = appendJSONString(b, d.Severity.String())
	b = append(b, ",\n      \"message\": "...)
	b = appendJSONString(b, d.Message)
	b = append(b, ",\n      \"related\": ["...)
	for i, r := range d.Related {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, "\n        {\n          \"file\": "...)
		b = appendJSONString(b, r.File)
		b = append(b, ",\n          \"line\": "...)
		b = strconv.AppendInt(b, int64(r.Line), 10)
		b = append(b, ",\n          \"column\": "...)
		b = strconv.AppendInt(b, int64(r.Column), 10)
		b = append(b, ",\n          \"path\": "...)
		b = appendJSONString(b, r.Path)
		b = append(b, ",\n          \"message\": "...)
		b = appendJSONString(b, r.Message)
		b = append(b, "\n        }"...)
	}
	if len(d.Related) > 0 {
		b = append(b, "\n      "...)
	}
	b = append(b, ']')
	if d.Fix != "" {
		b = append(b, ",\n      \"fix\": "...)
		b = appendJSONString(b, d.Fix)
	}
	if len(d.Edits) > 0 {
		b = append(b, ",\n      \"edits\": ["...)
		for i, e := range d.Edits {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, "\n        {\n          \"start\": "...)
			b = strconv.AppendInt(b, int64(e.Start), 10)
			b = append(b, ",\n          \"end\": "...)
			b = strconv.AppendInt(b, int64(e.End), 10)
			b = append(b, ",\n          \"newText\": "...)
			b = appendJSONString(b, e.NewText)
			for _, f := range []struct {
				key string
				n   int
			}{{"fromLine", e.From.Line}, {"fromColumn", e.From.Column}, {"toLine", e.To.Line}, {"toColumn", e.To.Column}} {
				b = append(b, ",\n          \""...)
				b = append(b, f.key...)
				b = append(b, "\": "...)
				b = strconv.AppendInt(b, int64(f.n), 10)
			}
			b = append(b, "\n        }"...)
		}
		b = append(b, "\n      ]"...)
	}
	return append(b, "\n    }"...)
}

// appendJSONString appends s as a JSON string, as an Encoder with
// SetEscapeHTML(false) writes it (the report quotes XML).
func appendJSONString(b []byte, s string) []byte { return schema.AppendJSONString(b, s, false) }
