package cli

import (
	"encoding/json"
	"io"

	"github.com/mcsf-dev/mcsf/answerfile"
)

// jsonReport is the JSON form of a lint run; schema/lint-output.schema.json
// describes it (`mcsf schema lint-output`). Every field is always present,
// except fix, which only a diagnostic with a suggested fix carries.
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

// writeJSONReport writes r as one indented JSON object. Lists are [] when
// empty, never null, so consumers need no special case.
func writeJSONReport(w io.Writer, r *report) {
	t := countSeverities(r.Diagnostics)
	out := jsonReport{
		Files:       len(r.FileNames),
		Skipped:     r.Skipped,
		Diagnostics: make([]jsonDiagnostic, 0, len(r.Diagnostics)),
		Summary:     jsonSummary{Errors: t.errors, Warnings: t.warnings, Infos: t.infos},
	}
	for _, d := range r.Diagnostics {
		jd := jsonDiagnostic{
			File: d.File, Line: d.Line, Column: d.Column, EndLine: d.EndLine, EndColumn: d.EndColumn,
			Path: d.Path, Rule: d.Rule, Severity: d.Severity, Message: d.Message, Fix: d.Fix,
			Related: make([]jsonRelated, 0, len(d.Related)),
		}
		for _, rel := range d.Related {
			jd.Related = append(jd.Related, jsonRelated(rel))
		}
		out.Diagnostics = append(out.Diagnostics, jd)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	_ = enc.Encode(out) // only write errors are possible; writeReportIn checks them at Flush
}
