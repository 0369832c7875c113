package report

import (
	"encoding/xml"
	"io"
	"slices"
)

// Checkstyle XML, which Jenkins' Warnings Next Generation, reviewdog,
// SonarQube and many CI systems read: <checkstyle> holds a <file name=..>
// per file checked (empty when clean) with an <error line column severity
// message source> per finding. Paths are relative to the checkout.

type checkstyleReport struct {
	XMLName xml.Name         `xml:"checkstyle"`
	Version string           `xml:"version,attr"`
	Files   []checkstyleFile `xml:"file"`
}

type checkstyleFile struct {
	Name   string            `xml:"name,attr"`
	Errors []checkstyleError `xml:"error"`
}

type checkstyleError struct {
	Line     int    `xml:"line,attr"`
	Column   int    `xml:"column,attr,omitempty"`
	Severity string `xml:"severity,attr"`
	Message  string `xml:"message,attr"`
	Source   string `xml:"source,attr"`
}

// writeCheckstyleReport writes r as Checkstyle XML; the source of a finding
// is mcsf.RULE.
func writeCheckstyleReport(w io.Writer, r *Report) {
	name := func(f string) string { rel, _ := reportPath(f, r.Root); return rel }
	byFile := map[string][]checkstyleError{}
	var names []string
	for _, f := range r.FileNames {
		names = append(names, name(f))
	}
	for _, d := range r.Diagnostics {
		n := name(d.File)
		names = append(names, n)
		byFile[n] = append(byFile[n], checkstyleError{
			Line: d.Line, Column: d.Column, Severity: d.Severity.String(),
			Message: xmlChars(cleanText(d.Message)), Source: "mcsf." + d.Rule,
		})
	}
	slices.Sort(names)
	doc := checkstyleReport{Version: "4.3"}
	for _, n := range slices.Compact(names) {
		doc.Files = append(doc.Files, checkstyleFile{Name: xmlChars(n), Errors: byFile[n]})
	}
	io.WriteString(w, xml.Header)
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	_ = enc.Encode(doc) // only write errors are possible; Write checks them at Flush
	io.WriteString(w, "\n")
}
