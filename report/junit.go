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

// JUnit XML as Jenkins (JUnit and xUnit plugins), GitLab and Azure
// Pipelines' PublishTestResults read it, valid against both Apache Ant's
// JUnit.xsd and the JUnit XSD of Jenkins' xUnit plugin (testdata/xsd; the
// tests check it with xmllint): one testsuite, one testcase per file
// checked. A file fails when it has findings at error severity. Warnings and
// infos go to the testsuite's system-out, as Ant's schema allows no output
// inside a testcase, so they show in the report without failing it. Neither
// schema has a place for a testcase's file (the name is the file) or for
// skipped files (a property says how many). mcsf does not time files one by
// one: a testcase's time is 0 and the suite's is the whole run.

type junitSuites struct {
	XMLName xml.Name     `xml:"testsuites"`
	Suites  []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name       string          `xml:"name,attr"`
	Package    string          `xml:"package,attr"`
	ID         int             `xml:"id,attr"`
	Hostname   string          `xml:"hostname,attr"`
	Timestamp  string          `xml:"timestamp,attr"`
	Tests      int             `xml:"tests,attr"`
	Failures   int             `xml:"failures,attr"`
	Errors     int             `xml:"errors,attr"`
	Time       string          `xml:"time,attr"`
	Properties []junitProperty `xml:"properties>property"`
	Cases      []junitCase     `xml:"testcase"`
	SystemOut  junitCDATA      `xml:"system-out"`
	SystemErr  junitCDATA      `xml:"system-err"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitFailure `xml:"failure"`
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

	host := r.Hostname
	if host == "" {
		host = "localhost"
	}
	suite := junitSuite{
		Name: "mcsf lint", Package: "mcsf", Hostname: host, Tests: len(names),
		// Ant's pattern: local time without a zone.
		Timestamp: r.Started.Format("2006-01-02T15:04:05"),
		Time:      fmt.Sprintf("%.3f", r.Elapsed.Seconds()),
		Properties: []junitProperty{
			{Name: "mcsf.version", Value: r.ToolVersion},
			{Name: "skipped-xml-files", Value: fmt.Sprint(r.Skipped)},
		},
	}
	var others []string
	for _, name := range names {
		c := junitCase{Name: name, Classname: "mcsf.lint", Time: "0"}
		var errs []string
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
		suite.Cases = append(suite.Cases, c)
	}
	suite.SystemOut.Text = xmlChars(strings.Join(others, "\n"))
	io.WriteString(w, xml.Header)
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	_ = enc.Encode(junitSuites{Suites: []junitSuite{suite}}) // only write errors are possible; Write checks them at Flush
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
