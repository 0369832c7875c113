package lsp

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"

	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/answerfile/lint"
)

// diagnostics.go: lint a snapshot as `mcsf lint` would (the same rules,
// configuration and imports) and publish the findings.

// CodeConfig is the code of the diagnostic that reports an invalid
// .mcsf.yaml on the documents it configures.
const CodeConfig = "config"

// lint lints the current snapshot of d and publishes the findings. A
// newer change stops it between its stages (after reading, after linting):
// the lint that change scheduled publishes then.
func (s *server) lint(d *document) {
	d.lintMu.Lock()
	defer d.lintMu.Unlock()
	sn := d.snapshot()
	current := func() bool {
		d.mu.Lock()
		defer d.mu.Unlock()
		return !d.closed && d.cur == sn
	}
	if !current() || d.published == sn {
		return
	}
	diags, err := s.lintSnapshot(sn, current)
	if errors.Is(err, errOvertaken) {
		return
	}
	if err != nil {
		s.log.Printf("lint %s: %v", sn.uri, err)
		return
	}
	if !current() {
		return
	}
	d.published = sn
	s.publish(sn, diags)
}

// errOvertaken stops the lint of a snapshot that a newer change replaced.
var errOvertaken = errors.New("overtaken by a newer change")

// findings returns the lint findings of a snapshot, computed once.
func (s *server) findings(sn *snapshot) ([]answerfile.Diagnostic, error) {
	return s.lintSnapshot(sn, nil)
}

// lintSnapshot returns the findings of sn, computed once; current, when
// not nil, is asked between the stages, and a false stops the lint with
// errOvertaken (and nothing kept).
func (s *server) lintSnapshot(sn *snapshot, current func() bool) ([]answerfile.Diagnostic, error) {
	sn.lintMu.Lock()
	defer sn.lintMu.Unlock()
	if sn.linted {
		return sn.findings, sn.lintErr
	}
	diags, err := s.diagnose(sn, current)
	if errors.Is(err, errOvertaken) {
		return nil, err
	}
	sn.linted, sn.findings, sn.lintErr = true, diags, err
	return diags, err
}

// diagnose lints the snapshot: its findings, and those of the files it
// imports. Where the configuration is invalid, its error comes first and
// the file is linted with the default configuration. The parsed tree goes
// back to the document as soon as the rules ran, for the next reading to
// update (a snapshot holds its findings, not its tree).
func (s *server) diagnose(sn *snapshot, current func() bool) ([]answerfile.Diagnostic, error) {
	var cfg lint.Config
	var out []answerfile.Diagnostic
	if s.opts.Config != nil {
		path, _ := uriToPath(sn.uri)
		c, err := s.opts.Config(path)
		if err != nil {
			out = append(out, answerfile.Diagnostic{File: sn.name, Line: 1, Column: 1, Rule: CodeConfig,
				Severity: answerfile.Error, Message: err.Error()})
		} else {
			cfg = c
		}
	}
	if cfg.Cache == nil {
		// One cache for the session: an element shape validated once is
		// never validated again (a 5,000-target file: 6 s to 0.2 s a lint).
		cfg.Cache = s.schemaCache
	}
	r := sn.takeReading()
	data, doc, syntax := r.data, r.doc, r.syntax
	if r.err != nil {
		return nil, r.err
	}
	if current != nil && !current() {
		if doc != nil {
			sn.kept.put(doc)
		}
		return nil, errOvertaken
	}
	var found []answerfile.Diagnostic
	switch {
	case doc == nil:
		found = cfg.Finish(slices.Clone(syntax))
	case s.opts.Imports.NoFollow || !doc.IsAnswerFile() || len(doc.Root.Imports) == 0:
		found = lint.Lint(doc, cfg)
		sn.kept.put(doc)
	default:
		sn.kept.put(doc)
		g, err := answerfile.LoadGraph(sn.name, data, s.importOptions(sn.name))
		if err != nil {
			return nil, err
		}
		found = placeUnnamed(g, lint.Graph(g, answerfile.Merge(g), cfg))
	}
	if out == nil {
		return found, nil // no copy of a large file's thousands of findings
	}
	return append(out, found...), nil
}

// placeUnnamed moves the findings in a file that the graph names only by
// its Source as written (an environment variable went into its path, and
// such a path is never shown) to that Import's Source: the editor cannot
// open a file by that name, and the finding's edits are not the importing
// file's.
func placeUnnamed(g *answerfile.Graph, diags []answerfile.Diagnostic) []answerfile.Diagnostic {
	unnamed := map[string]*answerfile.File{}
	for _, f := range g.Files[1:] {
		if !filepath.IsAbs(f.Path) && f.Import != nil && f.From != nil && f.From.Doc != nil {
			unnamed[f.Path] = f
		}
	}
	for i := range diags {
		for range len(g.Files) { // up the chain of unnamed importers
			d := &diags[i]
			f, ok := unnamed[d.File]
			if !ok {
				break
			}
			_, at := f.From.Doc.AttrPos(f.Import.Elem, "Source")
			*d = answerfile.Diagnostic{File: f.From.Path, Line: at.Line, Column: at.Column, Rule: d.Rule, Severity: d.Severity,
				Message: fmt.Sprintf("in %s, line %d: %s", d.File, d.Line, d.Message), Fix: d.Fix}
		}
	}
	return diags
}

// publish sends the findings of a snapshot: those in the document itself,
// and those in the files it imports that are not open themselves. Each
// finding is converted as its publication is written, into the JSON
// directly (the 5,000-target file's 8,121 findings made 1.2 MB of
// protocol values first).
func (s *server) publish(sn *snapshot, diags []answerfile.Diagnostic) {
	enc := s.encoding()
	texts := fileTexts{s: s, texts: map[string]*text{sn.name: sn.text}}
	byURI := map[string][]answerfile.Diagnostic{sn.uri: diags}
	if slices.ContainsFunc(diags, func(d answerfile.Diagnostic) bool { return d.File != sn.name && d.File != "" }) {
		byURI[sn.uri] = nil
		for _, d := range diags {
			uri := sn.uri
			if d.File != sn.name && d.File != "" {
				uri = pathToURI(d.File)
			}
			byURI[uri] = append(byURI[uri], d)
		}
	}
	s.mu.Lock()
	var stale []string
	for o, root := range s.others {
		if root == sn.uri {
			if _, still := byURI[o]; !still {
				stale = append(stale, o)
				delete(s.others, o)
			}
		}
	}
	for u := range byURI {
		if u == sn.uri {
			continue
		}
		if _, open := s.docs[u]; open {
			delete(byURI, u) // an open file publishes its own findings
			continue
		}
		s.others[u] = sn.uri
	}
	s.mu.Unlock()
	for _, u := range stale {
		s.publishDiagnostics(publishDiagnosticsParams{URI: u, Diagnostics: []Diagnostic{}})
	}
	for u, ds := range byURI {
		var version *int
		if u == sn.uri {
			v := sn.version
			version = &v
		}
		s.publishFindings(u, version, len(ds), func(b []byte, i int) []byte {
			return appendDiagnostic(b, texts.convert(ds[i], sn, enc))
		})
	}
}

// publishDiagnostics sends one publication.
func (s *server) publishDiagnostics(p publishDiagnosticsParams) {
	s.publishFindings(p.URI, p.Version, len(p.Diagnostics),
		func(b []byte, i int) []byte { return appendDiagnostic(b, p.Diagnostics[i]) })
}

// publishFindings sends a publication of n diagnostics, the i-th of which
// appendDiag appends.
func (s *server) publishFindings(uri string, version *int, n int, appendDiag func(b []byte, i int) []byte) {
	// A diagnostic is ~370 bytes of JSON in the 5,000-target file.
	err := s.stream.notify("textDocument/publishDiagnostics", 128+400*n,
		func(b []byte) []byte { return appendPublicationOf(b, uri, version, n, appendDiag) })
	s.notified("textDocument/publishDiagnostics", err)
}

// fileTexts gives the text of the files findings are in, each read once.
type fileTexts struct {
	s     *server
	texts map[string]*text
}

func (ft fileTexts) get(name string) *text {
	if t, ok := ft.texts[name]; ok {
		return t
	}
	var t *text
	if data, err := ft.s.readFile(name); err == nil {
		if doc, _, _ := answerfile.Parse(name, data); doc != nil {
			t = newText(string(doc.Text())) // decoded, as the finding's columns are
		} else {
			t = newText(string(data))
		}
	} else {
		t = newText("")
	}
	ft.texts[name] = t
	return t
}

// rangeOf is the LSP range of a finding's span in file name; a finding
// without an end covers the rest of its line.
func (ft fileTexts) rangeOf(name string, line, col, endLine, endCol int, enc string) Range {
	t := ft.get(name)
	from, start := t.findingPosition(line, col, enc)
	switch {
	case endLine > 0:
		if to, end := t.findingPosition(endLine, endCol, enc); to > from {
			return Range{Start: start, End: end}
		}
	case line > 0 && line <= len(t.starts):
		off, ch, end := from, start.Character, t.lineEnd(line-1)
		for off < end {
			off, ch = t.nextRune(off, end, ch, enc)
		}
		return Range{Start: start, End: Position{Line: start.Line, Character: ch}}
	case line > 0:
		return t.rangeOf(from, t.lineEnd(t.line(from)), enc)
	}
	return Range{Start: start, End: start}
}

// convert makes an LSP diagnostic of a finding.
func (ft fileTexts) convert(d answerfile.Diagnostic, sn *snapshot, enc string) Diagnostic {
	name := d.File
	if name == "" {
		name = sn.name
	}
	msg := d.Message
	if d.Fix != "" {
		msg += "\nfix: " + d.Fix
	}
	out := Diagnostic{
		Range:    ft.rangeOf(name, d.Line, d.Column, d.EndLine, d.EndColumn, enc),
		Severity: lspSeverity(d.Severity),
		Code:     d.Rule,
		Source:   "mcsf",
		Message:  msg,
	}
	for _, r := range d.Related {
		file := r.File
		if file == "" {
			file = name
		}
		uri := sn.uri
		if file != sn.name {
			uri = pathToURI(file)
		}
		rg := ft.rangeOf(file, r.Line, r.Column, r.Line, r.Column, enc)
		out.RelatedInformation = append(out.RelatedInformation, diagnosticRelatedInformation{
			Location: Location{URI: uri, Range: rg}, Message: r.Message})
	}
	return out
}

func lspSeverity(s answerfile.Severity) int {
	switch s {
	case answerfile.Error:
		return severityError
	case answerfile.Warning:
		return severityWarning
	}
	return severityInformation
}

// String is the diagnostic as one line, for tests and logs.
func (d Diagnostic) String() string {
	return fmt.Sprintf("%d:%d-%d:%d %d %s: %s", d.Range.Start.Line, d.Range.Start.Character,
		d.Range.End.Line, d.Range.End.Character, d.Severity, d.Code, d.Message)
}
