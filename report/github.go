package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/internal/english"
)

// githubAnnotationsPerKind is how many annotations of one kind (error,
// warning, notice) GitHub shows for a step; a job shows 50 in all
// (actions/toolkit, docs/problem-matchers.md, "Limitations").
const githubAnnotationsPerKind = 10

// writeGitHubReport writes the findings as GitHub Actions workflow commands:
//
//	::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=RULE::message
//
// (::warning for warnings, ::notice for infos), which the runner turns into
// annotations on the changed lines. Columns are only given for a span on
// one line, as GitHub's annotations allow; a finding without a line is an
// annotation on the file. The fix and related locations follow the message
// on lines of their own.
//
// GitHub shows 10 annotations of each kind per step and drops the rest
// without a word, so at most 10 of each kind are written as commands: when
// there are more, the first 9 are, the others are written to the log as
// plain lines (file:line:col: severity: message [rule]), and the 10th
// annotation says how many of that kind are only in the log. Every finding
// is written; a run annotates at most 30, within the job's 50.
func writeGitHubReport(w io.Writer, r *Report) {
	root := r.Root
	name := func(f string) string { rel, _ := reportPath(f, root); return rel }
	total := map[string]int{}
	for _, d := range r.Diagnostics {
		total[githubCommand(d.Severity)]++
	}
	annotated := map[string]int{}
	var rest []answerfile.Diagnostic
	for _, d := range r.Diagnostics {
		kind := githubCommand(d.Severity)
		if total[kind] > githubAnnotationsPerKind && annotated[kind] >= githubAnnotationsPerKind-1 {
			rest = append(rest, d)
			continue
		}
		annotated[kind]++
		writeGitHubAnnotation(w, d, name)
	}
	if len(rest) == 0 {
		return
	}
	fmt.Fprintf(w, "mcsf: %d findings are not annotated (GitHub shows %d annotations of each kind per step); all of them follow:\n", len(rest), githubAnnotationsPerKind)
	for _, d := range rest {
		fmt.Fprintf(w, "%s: %s: %s [%s]\n", githubPosition(name(d.File), d), d.Severity, cleanText(d.Message), d.Rule)
	}
	for _, kind := range []string{"error", "warning", "notice"} {
		if n := total[kind] - annotated[kind]; n > 0 {
			noun := map[string]string{"error": "error", "warning": "warning", "notice": "info"}[kind]
			msg := fmt.Sprintf("%s in all, %d annotated: GitHub shows %d %s annotations per step; the step's log lists every finding",
				english.Count(total[kind], noun), annotated[kind], githubAnnotationsPerKind, kind)
			fmt.Fprintf(w, "::%s title=%s::%s\n", kind, githubProperty("mcsf: "+english.Count(n, noun)+" not annotated"), githubData(msg))
		}
	}
}

// githubPosition is file:line:col as the plain log lines give it.
func githubPosition(file string, d answerfile.Diagnostic) string {
	switch {
	case d.Line > 0 && d.Column > 0:
		return fmt.Sprintf("%s:%d:%d", file, d.Line, d.Column)
	case d.Line > 0:
		return fmt.Sprintf("%s:%d", file, d.Line)
	}
	return file
}

// writeGitHubAnnotation writes one finding as a workflow command.
func writeGitHubAnnotation(w io.Writer, d answerfile.Diagnostic, name func(string) string) {
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
