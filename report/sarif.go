package report

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/answerfile/lint"
)

// The SARIF 2.1.0 output, in the subset GitHub code scanning reads
// (docs.github.com, "SARIF support for code scanning"), written with plain
// encoding/json structs so that output is compact and deterministic.

const (
	sarifSchemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	sarifVersion   = "2.1.0"
	// sarifSrcRoot names the directory relative artifact URIs are resolved
	// against: the working directory of the run, normally the checkout.
	sarifSrcRoot = "%SRCROOT%"
	// sarifFingerprintKey versions the partial fingerprint: change the
	// suffix when the hash inputs change, so old alerts are not matched
	// against new fingerprints by accident.
	sarifFingerprintKey = "mcsf/v1"
	mcsfInformationURI  = "https://github.com/mcsf-dev/mcsf"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                        `json:"tool"`
	OriginalURIBaseIDs map[string]sarifArtifactLocation `json:"originalUriBaseIds,omitempty"`
	ColumnKind         string                           `json:"columnKind"`
	Results            []sarifResult                    `json:"results"`
	Invocations        []sarifInvocation                `json:"invocations,omitempty"`
	Properties         sarifRunProperties               `json:"properties"`
}

type sarifRunProperties struct {
	Files   int `json:"files"`
	Skipped int `json:"skipped"`
	// Set when the results are split over several runs (GitHub takes
	// at most sarifMaxResults per run): this run's part, 1-based, of Parts.
	Part  int `json:"part,omitempty"`
	Parts int `json:"parts,omitempty"`
	// Dropped counts results left out because even sarifMaxRuns runs
	// could not hold them all, by level; nil when none were.
	Dropped map[string]int `json:"dropped,omitempty"`
}

// GitHub code scanning's hard limits on an uploaded SARIF file
// (docs.github.com, "SARIF results exceed limit"): a run with more results,
// or a file with more runs, is rejected whole. It shows only the top 5,000
// results of a run, by severity, and takes files of at most 10 MB
// compressed; mcsf leaves those two to the upload.
const (
	sarifMaxResults = 25_000
	sarifMaxRuns    = 20
)

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level   string    `json:"level"`
	Message sarifText `json:"message"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name            string      `json:"name"`
	Version         string      `json:"version"`
	SemanticVersion string      `json:"semanticVersion,omitempty"`
	InformationURI  string      `json:"informationUri"`
	Rules           []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string             `json:"id"`
	Name                 string             `json:"name,omitempty"`
	ShortDescription     sarifText          `json:"shortDescription"`
	FullDescription      sarifText          `json:"fullDescription"`
	Help                 sarifHelp          `json:"help"`
	DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
	Properties           sarifRuleProps     `json:"properties"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifHelp struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown"`
}

type sarifConfiguration struct {
	Level string `json:"level"`
}

type sarifRuleProps struct {
	Tags []string `json:"tags"`
	// ProblemSeverity is what GitHub shows for results that are not
	// security alerts: error, warning or recommendation.
	ProblemSeverity string `json:"problem.severity"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	RelatedLocations    []sarifLocation   `json:"relatedLocations,omitempty"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Fixes               []sarifFix        `json:"fixes,omitempty"`
	Properties          *sarifResultProps `json:"properties,omitempty"`
}

// sarifFix is a fix made of text edits: a finding's Edits, as replacements of
// regions (columns in code points, like every region of the log).
type sarifFix struct {
	Description     sarifText             `json:"description"`
	ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
}

type sarifArtifactChange struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Replacements     []sarifReplacement    `json:"replacements"`
}

type sarifReplacement struct {
	DeletedRegion   sarifRegion `json:"deletedRegion"`
	InsertedContent *sarifText  `json:"insertedContent,omitempty"`
}

type sarifResultProps struct {
	Fix string `json:"fix"`
}

type sarifLocation struct {
	ID               int                    `json:"id,omitempty"` // related locations only, from 1
	PhysicalLocation sarifPhysicalLocation  `json:"physicalLocation"`
	LogicalLocations []sarifLogicalLocation `json:"logicalLocations,omitempty"`
	Message          *sarifText             `json:"message,omitempty"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
	ContextRegion    *sarifRegion          `json:"contextRegion,omitempty"`
}

type sarifArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int        `json:"startLine"`
	StartColumn int        `json:"startColumn,omitempty"`
	EndLine     int        `json:"endLine,omitempty"`
	EndColumn   int        `json:"endColumn,omitempty"`
	Snippet     *sarifText `json:"snippet,omitempty"`
}

type sarifLogicalLocation struct {
	FullyQualifiedName string `json:"fullyQualifiedName"`
	Kind               string `json:"kind"`
}

// writeSARIFReport writes r as a SARIF 2.1.0 log with one run. root is the
// working directory (absolute, "" if unknown): it becomes %SRCROOT%, and
// artifact URIs are relative to it.
//
// The results, nearly all of the log (70 MB for 10,000 files), are encoded
// one by one into the text of the rest: the same bytes as encoding the log
// at once, without a buffer of the whole and its indented copy (which took
// three quarters of a 1.9 s run).
func writeSARIFReport(w io.Writer, r *Report) {
	log := buildSARIF(r, r.Root)
	results := make([][]sarifResult, len(log.Runs))
	for i := range log.Runs {
		results[i] = log.Runs[i].Results
		log.Runs[i].Results = []sarifResult{}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	_ = enc.Encode(log) // cannot fail: plain structs
	// Structure, not text: a quote inside a string is escaped, so the
	// empty lists are the runs' results, in order.
	rest := buf.Bytes()
	for _, rs := range results {
		head, tail, _ := bytes.Cut(rest, []byte(`"results": []`))
		_, _ = w.Write(head) // only write errors are possible; Write checks them at Flush
		writeSARIFResults(w, rs)
		rest = tail
	}
	_, _ = w.Write(rest)
}

// writeSARIFResults writes the results list of one run.
func writeSARIFResults(w io.Writer, results []sarifResult) {
	if len(results) == 0 {
		_, _ = io.WriteString(w, `"results": []`)
		return
	}
	// A result stands at depth 4: runs, its run, results, itself.
	const indent = "        "
	_, _ = io.WriteString(w, `"results": [`)
	var one bytes.Buffer
	enc := json.NewEncoder(&one)
	enc.SetIndent(indent, "  ")
	enc.SetEscapeHTML(false)
	for i := range results {
		one.Reset()
		_ = enc.Encode(&results[i])
		sep := ",\n" + indent
		if i == 0 {
			sep = "\n" + indent
		}
		_, _ = io.WriteString(w, sep)
		_, _ = w.Write(bytes.TrimSuffix(one.Bytes(), []byte("\n")))
	}
	_, _ = io.WriteString(w, "\n"+indent[:6]+"]")
}

func buildSARIF(r *Report, root string) sarifLog {
	rules, index := sarifRules(r.Rules, r.Diagnostics)
	version := r.ToolVersion // numeric even for a development build (Multitool SARIF2005)
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:            "mcsf",
			Version:         version,
			SemanticVersion: version,
			InformationURI:  mcsfInformationURI,
			Rules:           rules,
		}},
		ColumnKind: "unicodeCodePoints",
		Results:    make([]sarifResult, 0, len(r.Diagnostics)),
		Properties: sarifRunProperties{Files: len(r.FileNames), Skipped: r.Skipped},
	}
	if root != "" {
		run.OriginalURIBaseIDs = map[string]sarifArtifactLocation{
			sarifSrcRoot: {URI: strings.TrimSuffix(fileURI(strings.ReplaceAll(root, `\`, "/")), "/") + "/"},
		}
	}
	seen := map[string]int{} // fingerprint hash -> occurrences so far
	for _, d := range r.Diagnostics {
		art := sarifArtifact(d.File, root)
		res := sarifResult{
			RuleID:    d.Rule,
			RuleIndex: index[d.Rule],
			Level:     sarifLevel(d.Severity),
			Message:   sarifText{Text: sarifMessage(d)},
			Locations: []sarifLocation{{
				PhysicalLocation: sarifPhysical(art, d.Line, d.Column, d.EndLine, d.EndColumn, r.Sources[d.File], r.excerptWidth()),
				LogicalLocations: sarifLogical(d.Path),
			}},
		}
		for i, rel := range d.Related {
			msg := sarifText{Text: rel.Message}
			res.RelatedLocations = append(res.RelatedLocations, sarifLocation{
				ID:               i + 1,
				PhysicalLocation: sarifPhysical(sarifArtifact(rel.File, root), rel.Line, rel.Column, 0, 0, r.Sources[rel.File], r.excerptWidth()),
				LogicalLocations: sarifLogical(rel.Path),
				Message:          &msg,
			})
		}
		h := fingerprint(d.Rule, art.URI, d.Path, d.Message)
		seen[h]++
		res.PartialFingerprints = map[string]string{sarifFingerprintKey: fmt.Sprintf("%s:%d", h, seen[h])}
		if d.Fix != "" {
			res.Properties = &sarifResultProps{Fix: d.Fix}
		}
		if len(d.Edits) > 0 {
			change := sarifArtifactChange{ArtifactLocation: art}
			for _, e := range d.Edits {
				rep := sarifReplacement{DeletedRegion: sarifRegion{StartLine: e.From.Line, StartColumn: e.From.Column,
					EndLine: e.To.Line, EndColumn: e.To.Column}}
				if e.NewText != "" {
					rep.InsertedContent = &sarifText{Text: e.NewText}
				}
				change.Replacements = append(change.Replacements, rep)
			}
			res.Fixes = []sarifFix{{Description: sarifText{Text: d.Fix}, ArtifactChanges: []sarifArtifactChange{change}}}
		}
		run.Results = append(run.Results, res)
	}
	return sarifLog{Schema: sarifSchemaURI, Version: sarifVersion, Runs: splitSARIFRun(run)}
}

// splitSARIFRun keeps run within GitHub's limits: more than sarifMaxResults
// results are split over runs of the same tool, at most sarifMaxRuns of
// them; what even those cannot hold is dropped, notes first, then
// warnings, and the last run says what was dropped, in its properties and
// as a tool execution notification that viewers show.
func splitSARIFRun(run sarifRun) []sarifRun {
	results := run.Results
	if len(results) <= sarifMaxResults {
		return []sarifRun{run}
	}
	dropped := map[string]int{}
	if max := sarifMaxResults * sarifMaxRuns; len(results) > max {
		rank := map[string]int{"error": 0, "warning": 1, "note": 2}
		keep := slices.Clone(results)
		slices.SortStableFunc(keep, func(a, b sarifResult) int { return rank[a.Level] - rank[b.Level] })
		for _, res := range keep[max:] {
			dropped[res.Level]++
		}
		// Keep the original order (by file) among the results kept.
		cut := keep[max-1]
		n := max - slices.IndexFunc(keep, func(r sarifResult) bool { return r.Level == cut.Level }) // results of cut's level kept
		kept := make([]sarifResult, 0, max)
		for _, res := range results {
			switch {
			case rank[res.Level] < rank[cut.Level]:
				kept = append(kept, res)
			case res.Level == cut.Level && n > 0:
				kept = append(kept, res)
				n--
			}
		}
		results = kept
	}
	parts := (len(results) + sarifMaxResults - 1) / sarifMaxResults
	runs := make([]sarifRun, 0, parts)
	for i := 0; i < parts; i++ {
		r := run
		r.Results = results[i*sarifMaxResults : min((i+1)*sarifMaxResults, len(results))]
		r.Properties.Part, r.Properties.Parts = i+1, parts
		runs = append(runs, r)
	}
	if len(dropped) > 0 {
		last := &runs[len(runs)-1]
		last.Properties.Dropped = dropped
		total := 0
		for _, n := range dropped {
			total += n
		}
		msg := fmt.Sprintf("%d results were left out (errors %d, warnings %d, notes %d): GitHub code scanning rejects a SARIF file with more than %d runs of %d results; the kept ones are the most severe",
			total, dropped["error"], dropped["warning"], dropped["note"], sarifMaxRuns, sarifMaxResults)
		last.Invocations = []sarifInvocation{{ExecutionSuccessful: true, ToolExecutionNotifications: []sarifNotification{{Level: "warning", Message: sarifText{Text: msg}}}}}
	}
	return runs
}

// sarifRules describes every rule of the table, then any rule a diagnostic
// names that the table lacks (so every ruleIndex is valid), and returns the
// index of each ID.
func sarifRules(table []lint.Rule, ds []answerfile.Diagnostic) ([]sarifRule, map[string]int) {
	index := map[string]int{}
	rules := make([]sarifRule, 0, len(table))
	for _, r := range table {
		if _, dup := index[r.ID]; dup {
			continue
		}
		index[r.ID] = len(rules)
		rules = append(rules, sarifRuleFor(r))
	}
	var extra []string
	for _, d := range ds {
		if _, ok := index[d.Rule]; !ok && !slices.Contains(extra, d.Rule) {
			extra = append(extra, d.Rule)
		}
	}
	slices.Sort(extra)
	for _, id := range extra {
		index[id] = len(rules)
		rules = append(rules, sarifRuleFor(lint.Rule{ID: id, Severity: answerfile.Error}))
	}
	return rules, index
}

func sarifRuleFor(r lint.Rule) sarifRule {
	summary := r.Summary
	if summary == "" {
		summary = "rule " + r.ID
	}
	full := r.Rationale
	if full == "" {
		full = helpSentence(summary)
	}
	var text, md strings.Builder
	fmt.Fprintf(&text, "%s\n\n%s\n", helpSentence(summary), r.Rationale)
	fmt.Fprintf(&md, "**%s**\n\n%s\n", markdownEscape(helpSentence(summary)), markdownEscape(r.Rationale))
	if r.Bad != "" {
		fmt.Fprintf(&text, "\nBad:\n%s\n", helpIndent(r.Bad, "    "))
		fmt.Fprintf(&md, "\nBad:\n\n%s\n", markdownCode(r.Bad))
	}
	if r.Good != "" {
		fmt.Fprintf(&text, "\nGood:\n%s\n", helpIndent(r.Good, "    "))
		fmt.Fprintf(&md, "\nGood:\n\n%s\n", markdownCode(r.Good))
	}
	fmt.Fprintf(&text, "\nmcsf explain %s prints this help.", r.ID)
	fmt.Fprintf(&md, "\n`mcsf explain %s` prints this help.", r.ID)
	return sarifRule{
		ID:                   r.ID,
		Name:                 pascalCase(r.ID),
		ShortDescription:     sarifText{Text: summary},
		FullDescription:      sarifText{Text: full},
		Help:                 sarifHelp{Text: text.String(), Markdown: md.String()},
		DefaultConfiguration: sarifConfiguration{Level: sarifLevel(r.Severity)},
		Properties:           sarifRuleProps{Tags: []string{"mcsf", "correctness"}, ProblemSeverity: problemSeverity(r.Severity)},
	}
}

// sarifArtifact locates file for SARIF: relative to %SRCROOT% when it lies
// under the working directory, an absolute file: URI otherwise.
func sarifArtifact(file, root string) sarifArtifactLocation {
	rel, abs := reportPath(file, root)
	if abs != "" {
		return sarifArtifactLocation{URI: fileURI(abs)}
	}
	return sarifArtifactLocation{URI: relativeURI(rel), URIBaseID: sarifSrcRoot}
}

// sarifPhysical builds a physical location. A line of 0 (unknown) leaves the
// region out: the finding is about the whole file. When the source is known
// and the span lies on one line, the region carries the spanned text and the
// context region the whole line.
func sarifPhysical(art sarifArtifactLocation, line, col, endLine, endCol int, src *answerfile.Source, width int) sarifPhysicalLocation {
	p := sarifPhysicalLocation{ArtifactLocation: art}
	if line <= 0 {
		return p
	}
	reg := &sarifRegion{StartLine: line}
	if col > 0 {
		reg.StartColumn = col
	}
	if endLine > line || (endLine == line && col > 0 && endCol > col) {
		reg.EndLine = endLine
		if endCol > 0 {
			reg.EndColumn = endCol
		}
	}
	p.Region = reg
	if src == nil {
		return p
	}
	text := src.Line(line)
	if len(text) > width && utf8.RuneCountInString(text) > width {
		// A snippet is the exact text of its region: a line too long to
		// quote gets none (the region still locates the finding).
		return p
	}
	n := utf8.RuneCountInString(text)
	// Only a span inside one line has a snippet and a context region, which
	// SARIF wants to be a proper superset of the region: the whole line.
	if col <= 0 || reg.EndLine != line || reg.EndColumn <= col || reg.EndColumn-1 > n {
		return p
	}
	reg.Snippet = &sarifText{Text: string([]rune(text)[col-1 : reg.EndColumn-1])}
	if col > 1 || reg.EndColumn <= n {
		p.ContextRegion = &sarifRegion{StartLine: line, StartColumn: 1, EndLine: line, EndColumn: n + 1, Snippet: &sarifText{Text: text}}
	}
	return p
}

// sarifLogical names the XML node a finding is about: an element path, or
// an attribute path ending in "/@Name".
func sarifLogical(path string) []sarifLogicalLocation {
	if path == "" {
		return nil
	}
	kind := "element"
	if i := strings.LastIndexByte(path, '/'); strings.HasPrefix(path[i+1:], "@") {
		kind = "attribute"
	}
	return []sarifLogicalLocation{{FullyQualifiedName: path, Kind: kind}}
}

// sarifMessage is the result message: the diagnostic's message, with links
// to its related locations in SARIF's embedded-link syntax "[text](id)",
// which GitHub renders as links to the other place in the code, and the
// suggested fix on a line of its own (GitHub shows only the message; the
// fix is also in the result's properties for programs).
func sarifMessage(d answerfile.Diagnostic) string {
	msg := d.Message
	if strings.Contains(msg, "](") {
		msg = escapeSARIFLinkText(msg)
	}
	for i, r := range d.Related {
		text := r.Message
		if text == "" {
			text = "related location"
		}
		msg += fmt.Sprintf(" ([%s](%d))", escapeSARIFLinkText(text), i+1)
	}
	if d.Fix != "" {
		msg += "\nfix: " + d.Fix
	}
	return msg
}

// escapeSARIFLinkText escapes the characters that would end or open an
// embedded link (SARIF 2.1.0, 3.11.6).
func escapeSARIFLinkText(s string) string {
	return replaceEach(s, func(r rune) string {
		switch r {
		case '\\', '[', ']':
			return `\` + string(r)
		}
		return ""
	})
}

// fingerprint identifies a finding without its position, so that it keeps
// its identity when lines are added above it: rule, file, element path and
// message. The caller appends the occurrence number among equal hashes.
func fingerprint(rule, uri, path, message string) string {
	var msg []byte
	for _, s := range []string{rule, uri, path, message} {
		msg = append(append(msg, s...), 0)
	}
	sum := sha256Sum(msg)
	return hex.EncodeToString(sum[:16])
}

func sarifLevel(s answerfile.Severity) string {
	switch s {
	case answerfile.Error:
		return "error"
	case answerfile.Warning:
		return "warning"
	}
	return "note"
}

func problemSeverity(s answerfile.Severity) string {
	switch s {
	case answerfile.Error:
		return "error"
	case answerfile.Warning:
		return "warning"
	}
	return "recommendation"
}

// pascalCase turns a rule ID (kebab-case) into the rule's SARIF name, or ""
// for a one-word ID: SARIF 3.49.7 wants no name that only repeats the ID (the
// SARIF Multitool's SARIF1001 compares them ignoring case).
func pascalCase(id string) string {
	var b strings.Builder
	for _, part := range strings.FieldsFunc(id, func(r rune) bool { return r == '-' || r == '_' || r == '/' }) {
		r, n := utf8.DecodeRuneInString(part)
		b.WriteString(strings.ToUpper(string(r)) + part[n:])
	}
	if strings.EqualFold(b.String(), id) {
		return ""
	}
	return b.String()
}

// helpSentence capitalises s and ends it with a period.
func helpSentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	s = strings.ToUpper(string(r)) + s[n:]
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}

func helpIndent(s, prefix string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		lines[i] = prefix + l
	}
	return strings.Join(lines, "\n")
}

// markdownCode fences s as an XML code block, with a fence longer than any
// run of backticks inside it.
func markdownCode(s string) string {
	fence := "```"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	return fence + "xml\n" + strings.TrimRight(s, "\n") + "\n" + fence
}

// markdownEscape keeps element names in prose from being read as HTML
// (GitHub would drop "<Static>" as an unknown tag). Text in `code spans` is
// left alone: backslashes would show there.
func markdownEscape(s string) string {
	var b strings.Builder
	inCode := false
	for _, r := range s {
		switch {
		case r == '`':
			inCode = !inCode
		case !inCode && (r == '<' || r == '>'):
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
