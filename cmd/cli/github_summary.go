package cli

import (
	"os"

	"github.com/mcsf-dev/mcsf/report"
)

// writeGitHubSummary appends the Markdown summary of r to the file GitHub
// Actions names in GITHUB_STEP_SUMMARY, when github is one of the formats
// and the variable is set: GitHub shows 10 annotations of a kind per step,
// the summary lists every finding.
func writeGitHubSummary(github bool, r *report.Report) error {
	path := os.Getenv("GITHUB_STEP_SUMMARY")
	if !github || path == "" {
		return nil
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return internal(err)
	}
	if err := report.WriteGitHubSummary(f, r); err != nil {
		f.Close()
		return internal(err)
	}
	return internal(f.Close())
}
