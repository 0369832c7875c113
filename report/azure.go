package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/mcsf-dev/mcsf/answerfile"
)

// writeAzureReport writes one Azure Pipelines logging command per finding:
//
//	##vso[task.logissue type=error;sourcepath=F;linenumber=L;columnnumber=C;code=RULE]message
//
// Azure knows only the issue types error and warning, so an info is logged
// as a warning whose message starts with "info: ": it stays visible in the
// run summary, and a build that fails only on errors is not affected. The
// fix and related locations follow the message on lines of their own.
func writeAzureReport(w io.Writer, r *Report) {
	root := r.Root
	name := func(f string) string { rel, _ := reportPath(f, root); return rel }
	for _, d := range r.Diagnostics {
		typ, prefix := "warning", ""
		switch d.Severity {
		case answerfile.Error:
			typ = "error"
		case answerfile.Warning:
		default:
			prefix = "info: "
		}
		props := []string{"type=" + typ, "sourcepath=" + azureEscape(name(d.File))}
		if d.Line > 0 {
			props = append(props, fmt.Sprintf("linenumber=%d", d.Line))
			if d.Column > 0 {
				props = append(props, fmt.Sprintf("columnnumber=%d", d.Column))
			}
		}
		props = append(props, "code="+azureEscape(d.Rule))
		msg := strings.Join(append([]string{prefix + cleanText(d.Message)}, extraLines(d, name)...), "\n")
		fmt.Fprintf(w, "##vso[task.logissue %s]%s\n", strings.Join(props, ";"), azureEscape(msg))
	}
}

// azureEscape escapes a logging command's property value or message as the
// Azure Pipelines agent unescapes it: "%" as "%AZP25" (the agent decodes
// it by default since March 2021), then ";", CR, LF and "]".
func azureEscape(s string) string {
	return replaceEach(s, func(r rune) string {
		switch r {
		case '%':
			return "%AZP25"
		case ';':
			return "%3B"
		case '\r':
			return "%0D"
		case '\n':
			return "%0A"
		case ']':
			return "%5D"
		}
		return ""
	})
}
