package report

import (
	"encoding/xml"
	"fmt"
	"github.com/mcsf-dev/mcsf/internal/english"
	"io"
	"slices"
	"strings"

	"github.com/mcsf-dev/mcsf/answerfile"
)

// JUnit XML as Jenkins, GitLab and Azure Pipelines' PublishTestResults read
// it: one testsuite, one testcase per file checked. A file fails when it has
// findings at error severity; its warnings and infos go to system-out, so
// they show in the test report without failing it.

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string          `xml:"name,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Skipped    int             `xml:"skipped,attr"`
	Properties []junitProperty `xml:"properties>property,omitempty"`
	Cases      []junitCase     `xml:"testcase"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	File      string        `xml:"file,attr"`
	Failure   *junitFailure `xml:"failure"`
	SystemOut *junitCDATA   `xml:"system-out"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",cdata"`
}

type junitCDATA struct {
	Text string `xml:",cdata"`
}

// writeJUnitReport writes r as JUnit XML. Findings in a file that was not
// among the files checked (a configuration file, say) get a testcase too.
// Text goes into CDATA sections (encoding/xml splits any "]]>"), after
// characters XML 1.0 cannot carry are replaced with U+FFFD; attributes are
// escaped by encoding/xml.
func writeJUnitReport(w io.Writer, r *Report) {
	byFile := map[string][]answerfile.Diagnostic{}
	names := slices.Clone(r.FileNames)
	for _, d := range r.Diagnostics {
		if _, ok := byFile[d.File]; !ok && !slices.Contains(names, d.File) {
			names = append(names, d.File)
		}
		byFile[d.File] = append(byFile[d.File], d)
	}
	slices.Sort(names)
	names = slices.Compact(names)

	suite := junitSuite{Name: "mcsf lint", Tests: len(names)}
	if r.Skipped > 0 {
		suite.Properties = []junitProperty{{Name: "skipped-xml-files", Value: fmt.Sprint(r.Skipped)}}
	}
	for _, name := range names {
		c := junitCase{Name: name, Classname: "mcsf.lint", File: name}
		var errs, others []string
		for _, d := range byFile[name] {
			text := junitLine(d)
			if d.Severity == answerfile.Error {
				errs = append(errs, text)
			} else {
				others = append(others, text)
			}
		}
		if len(errs) > 0 {
			c.Failure = &junitFailure{
				Message: english.Count(len(errs), "error"),
				Type:    "error",
				Text:    xmlChars(strings.Join(errs, "\n")),
			}
			suite.Failures++
		}
		if len(others) > 0 {
			c.SystemOut = &junitCDATA{Text: xmlChars(strings.Join(others, "\n"))}
		}
		suite.Cases = append(suite.Cases, c)
	}
	doc := junitSuites{Name: suite.Name, Tests: suite.Tests, Failures: suite.Failures, Suites: []junitSuite{suite}}
	io.WriteString(w, xml.Header)
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	_ = enc.Encode(doc) // only write errors are possible; writeReportIn checks them at Flush
	io.WriteString(w, "\n")
}

// junitLine is one finding in the text form, with its fix and related
// locations on indented lines below.
func junitLine(d answerfile.Diagnostic) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s: %s [%s]", locationString(d.File, d.Line, d.Column), d.Severity, cleanText(d.Message), d.Rule)
	for _, l := range extraLines(d, func(f string) string { return f }) {
		b.WriteString("\n  " + l)
	}
	return b.String()
}

// xmlChars replaces the characters XML 1.0 forbids (most C0 controls,
// surrogates, U+FFFE, U+FFFF) with U+FFFD.
func xmlChars(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return r
		case r < 0x20, r >= 0xD800 && r <= 0xDFFF, r == 0xFFFE, r == 0xFFFF:
			return '\uFFFD'
		}
		return r
	}, s)
}
