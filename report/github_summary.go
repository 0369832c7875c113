package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/mcsf-dev/mcsf/internal/english"
)

// GitHubSummaryLimit is the size GitHub accepts for one step's summary
// ($GITHUB_STEP_SUMMARY): 1 MiB; a larger summary is not shown at all.
const GitHubSummaryLimit = 1 << 20

// WriteGitHubSummary writes r as the Markdown of a GitHub step summary: the
// counts, then a table of every finding, as many rows as fit in
// GitHubSummaryLimit with room for the line that says how many were left
// out.
func WriteGitHubSummary(w io.Writer, r *Report) error {
	name := func(f string) string { rel, _ := reportPath(f, r.Root); return rel }
	t := Count(r.Diagnostics)
	var b strings.Builder
	fmt.Fprintf(&b, "### mcsf lint\n\n%s checked: %s, %s, %s\n",
		english.Count(len(r.FileNames), "file"), english.Count(t.Errors, "error"), english.Count(t.Warnings, "warning"), english.Count(t.Infos, "info"))
	if len(r.Diagnostics) > 0 {
		b.WriteString("\n| file | line | severity | rule | message |\n|---|---:|---|---|---|\n")
	}
	const reserve = 256 // for the closing line
	for i, d := range r.Diagnostics {
		line := ""
		if d.Line > 0 {
			line = fmt.Sprint(d.Line)
		}
		row := fmt.Sprintf("| %s | %s | %s | `%s` | %s |\n", markdownCell(name(d.File)), line, d.Severity, d.Rule, markdownCell(cleanText(d.Message)))
		if b.Len()+len(row) > GitHubSummaryLimit-reserve {
			fmt.Fprintf(&b, "\n%s more not listed: a step summary is limited to 1 MiB; the step's log has them all.\n",
				english.Count(len(r.Diagnostics)-i, "finding"))
			break
		}
		b.WriteString(row)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// markdownCell escapes text for one cell of a Markdown table: no line
// breaks, no column separator, no HTML.
func markdownCell(s string) string {
	return MarkdownText(strings.ReplaceAll(s, "&", "&amp;"))
}
