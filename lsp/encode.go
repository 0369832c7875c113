package lsp

import (
	"strconv"

	"github.com/mcsf-dev/mcsf/schema"
)

// encode.go: the JSON of a publication, written by hand. A publication of
// the 5,000-target file's 8,121 diagnostics is 3 MB; encoding/json built
// it through reflection in ~13 ms of CPU and ~23 MB of garbage a keystroke
// (pprof of BenchmarkDiagnosticsAfterEdit), which the garbage collector
// then paid for again. The fields and their order are those of the types'
// json tags; TestAppendPublication checks that every publication decodes
// to what encoding/json's encoding of it decodes to.

// appendPublication appends the JSON of p; nil Diagnostics are an empty
// array, as the protocol requires (encoding/json would write null).
func appendPublication(b []byte, p publishDiagnosticsParams) []byte {
	return appendPublicationOf(b, p.URI, p.Version, len(p.Diagnostics),
		func(b []byte, i int) []byte { return appendDiagnostic(b, p.Diagnostics[i]) })
}

// appendPublicationOf appends the JSON of a publication of n diagnostics,
// the i-th of which appendDiag appends.
func appendPublicationOf(b []byte, uri string, version *int, n int, appendDiag func(b []byte, i int) []byte) []byte {
	b = append(b, `{"uri":`...)
	b = appendJSONString(b, uri)
	if version != nil {
		b = append(b, `,"version":`...)
		b = strconv.AppendInt(b, int64(*version), 10)
	}
	b = append(b, `,"diagnostics":[`...)
	for i := range n {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendDiag(b, i)
	}
	return append(b, "]}"...)
}

func appendDiagnostic(b []byte, d Diagnostic) []byte {
	b = append(b, `{"range":`...)
	b = appendRange(b, d.Range)
	b = append(b, `,"severity":`...)
	b = strconv.AppendInt(b, int64(d.Severity), 10)
	b = append(b, `,"code":`...)
	b = appendJSONString(b, d.Code)
	if d.CodeDescription != nil {
		b = append(b, `,"codeDescription":{"href":`...)
		b = appendJSONString(b, d.CodeDescription.Href)
		b = append(b, '}')
	}
	b = append(b, `,"source":`...)
	b = appendJSONString(b, d.Source)
	b = append(b, `,"message":`...)
	b = appendJSONString(b, d.Message)
	if len(d.RelatedInformation) > 0 {
		b = append(b, `,"relatedInformation":[`...)
		for i, r := range d.RelatedInformation {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"location":{"uri":`...)
			b = appendJSONString(b, r.Location.URI)
			b = append(b, `,"range":`...)
			b = appendRange(b, r.Location.Range)
			b = append(b, `},"message":`...)
			b = appendJSONString(b, r.Message)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	return append(b, '}')
}

func appendRange(b []byte, r Range) []byte {
	b = append(b, `{"start":`...)
	b = appendPosition(b, r.Start)
	b = append(b, `,"end":`...)
	b = appendPosition(b, r.End)
	return append(b, '}')
}

func appendPosition(b []byte, p Position) []byte {
	b = append(b, `{"line":`...)
	b = strconv.AppendInt(b, int64(p.Line), 10)
	b = append(b, `,"character":`...)
	b = strconv.AppendInt(b, int64(p.Character), 10)
	return append(b, '}')
}

// appendJSONString appends s as a JSON string, as encoding/json writes it
// but for <, > and &, which need no escape outside HTML.
func appendJSONString(b []byte, s string) []byte { return schema.AppendJSONString(b, s, false) }
