// Package report writes the findings of a lint run in every output format
// of `mcsf lint --format`: text (with source excerpts), JSON, SARIF 2.1.0,
// JUnit XML, GitHub Actions annotations and Azure Pipelines issues.
//
// [Formats] is the one list of formats: a format is a file with its writer
// and one entry there; [Names] and [Help] give the values and the help text
// of the --format flag, and [Write] writes a [Report] in a format. The
// package only formats: it never reads files, lints, exits or touches the
// standard streams. [WriteDiagnostics] is the text form of a list of
// diagnostics, for every command that prints findings.
//
// The JSON writer appends its bytes by hand instead of marshalling: a run
// over 10,000 files reports 41,000 findings (22 MB) and encoding/json, which
// reflects over every value and re-indents the whole text, took 0.24 s of a
// 0.5 s budget for it. A test holds it to the bytes encoding/json writes for
// the same types. SARIF is encoded with encoding/json, one result at a time.
//
// The text and JSON writers format a long list in parts of about 512
// findings on GOMAXPROCS goroutines and write the parts in order (parts.go):
// the report is written after the last file is linted, and one goroutine
// formatting the 41,000 findings of 10,000 files left every other core idle
// for a sixth of the run. The output is byte for byte the serial one (a
// text part starts only where the file changes, so each Source is read by
// one goroutine).
package report
