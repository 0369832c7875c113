package report

import "strings"

// MarkdownText returns s fit for Markdown prose (a pull-request comment, an
// editor's hover): on one line (Inline), and with what Markdown or HTML
// would read in it escaped, so that a value from an answer file cannot
// make a link, an image, a tag, emphasis or a heading.
func MarkdownText(s string) string {
	r := strings.NewReplacer(`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "|", `\|`, "<", "&lt;", ">", "&gt;", "[", `\[`, "]", `\]`, "#", `\#`, "!", `\!`)
	return r.Replace(Inline(s))
}

// MarkdownCode returns s as an inline code span that nothing in s can end:
// its fence is longer than any run of backquotes in s, and s is on one line
// (Inline).
func MarkdownCode(s string) string {
	s = Inline(s)
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	pad := ""
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		pad = " "
	}
	return fence + pad + s + pad + fence
}
