package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/mcsf-dev/mcsf/answerfile"
)

// writeGitHubReport writes one GitHub Actions workflow command per finding:
//
//	::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=RULE::message
//
// (::warning for warnings, ::notice for infos), which the runner turns into
// annotations on the changed lines. Columns are only given for a span on
// one line, as GitHub's annotations allow; a finding without a line is an
// annotation on the file. The fix and related locations follow the message
// on lines of their own.
func writeGitHubReport(w io.Writer, r *Report) {
	root := r.Root
	name := func(f string) string { rel, _ := reportPath(f, root); return rel }
	for _, d := range r.Diagnostics {
		props := []string{"file=" + githubProperty(name(d.File))}
		if d.Line > 0 {
			props = append(props, fmt.Sprintf("line=%d", d.Line))
			endLine := max(d.EndLine, d.Line)
			if endLine == d.Line && d.Column > 0 {
				props = append(props, fmt.Sprintf("col=%d", d.Column))
				if d.EndColumn > d.Column {
					props = append(props, fmt.Sprintf("endLine=%d", endLine), fmt.Sprintf("endColumn=%d", d.EndColumn))
				}
			} else if endLine > d.Line {
				props = append(props, fmt.Sprintf("endLine=%d", endLine))
			}
		}
		props = append(props, "title="+githubProperty(d.Rule))
		msg := strings.Join(append([]string{cleanText(d.Message)}, extraLines(d, name)...), "\n")
		fmt.Fprintf(w, "::%s %s::%s\n", githubCommand(d.Severity), strings.Join(props, ","), githubData(msg))
	}
}

func githubCommand(s answerfile.Severity) string {
	switch s {
	case answerfile.Error:
		return "error"
	case answerfile.Warning:
		return "warning"
	}
	return "notice"
}

// githubData escapes a workflow command's message as @actions/core does.
func githubData(s string) string {
	return replaceEach(s, githubEscapeData)
}

// githubProperty escapes a property value: also ":" and ",", which would
// end the value.
func githubProperty(s string) string {
	return replaceEach(s, func(r rune) string {
		switch r {
		case ':':
			return "%3A"
		case ',':
			return "%2C"
		}
		return githubEscapeData(r)
	})
}

func githubEscapeData(r rune) string {
	switch r {
	case '%':
		return "%25"
	case '\r':
		return "%0D"
	case '\n':
		return "%0A"
	}
	return ""
}
