package report

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/mcsf-dev/mcsf/answerfile"
)

// GitLab Code Quality (the subset of Code Climate's issue format GitLab
// reads, docs.gitlab.com "Code Quality", "Code Quality report format"): a
// JSON array of issues, each with description, check_name, fingerprint
// (unique per issue), severity (info, minor, major, critical or blocker)
// and location.path with location.lines.begin. Paths are relative to the
// checkout, as GitLab matches them against the merge request's files.

type codeClimateIssue struct {
	Type        string              `json:"type"`
	Description string              `json:"description"`
	CheckName   string              `json:"check_name"`
	Fingerprint string              `json:"fingerprint"`
	Severity    string              `json:"severity"`
	Categories  []string            `json:"categories"`
	Location    codeClimateLocation `json:"location"`
}

type codeClimateLocation struct {
	Path  string           `json:"path"`
	Lines codeClimateLines `json:"lines"`
}

type codeClimateLines struct {
	Begin int `json:"begin"`
	End   int `json:"end,omitempty"`
}

// writeCodeClimateReport writes r as a GitLab Code Quality report. Errors
// are major, warnings minor, infos info; a finding without a line is put on
// line 1, as GitLab requires one. The fingerprint is SARIF's partial
// fingerprint (rule, file, element path, message, occurrence), so it
// survives line moves and is unique.
func writeCodeClimateReport(w io.Writer, r *Report) {
	issues := make([]codeClimateIssue, 0, len(r.Diagnostics))
	seen := map[string]int{}
	for _, d := range r.Diagnostics {
		path, _ := reportPath(d.File, r.Root)
		h := fingerprint(d.Rule, path, d.Path, d.Message)
		seen[h]++
		begin := max(d.Line, 1)
		lines := codeClimateLines{Begin: begin}
		if d.EndLine > begin {
			lines.End = d.EndLine
		}
		issues = append(issues, codeClimateIssue{
			Type:        "issue",
			Description: cleanText(d.Message),
			CheckName:   d.Rule,
			Fingerprint: fmt.Sprintf("%s-%d", h, seen[h]),
			Severity:    codeClimateSeverity(d.Severity),
			Categories:  []string{"Bug Risk"},
			Location:    codeClimateLocation{Path: path, Lines: lines},
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	_ = enc.Encode(issues) // only write errors are possible; Write checks them at Flush
}

func codeClimateSeverity(s answerfile.Severity) string {
	switch s {
	case answerfile.Error:
		return "major"
	case answerfile.Warning:
		return "minor"
	}
	return "info"
}
