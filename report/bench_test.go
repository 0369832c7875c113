package report

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/mcsf-dev/mcsf/answerfile/lint"
)

// benchReport is the report of a lint run over n copies of the bench/
// corpus's first small file (bench/gen small, file 0), with sources kept
// as the text format needs them.
func benchReport(b *testing.B, n int) *Report {
	data, err := os.ReadFile(filepath.Join("..", "answerfile", "lint", "testdata", "bench-small.xml"))
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	for i := range n {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("f%05d.xml", i)), data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	l, err := lint.NewLinter(lint.LinterOptions{KeepSources: true})
	if err != nil {
		b.Fatal(err)
	}
	res, err := l.LintDir(dir)
	if err != nil {
		b.Fatal(err)
	}
	return &Report{FileNames: res.Files, Diagnostics: res.Diagnostics, Sources: res.Sources, Rules: lint.Rules}
}

// BenchmarkWriteSmall writes the report of 2,000 small files (8,000
// findings) in the text and JSON formats.
func BenchmarkWriteSmall(b *testing.B) {
	r := benchReport(b, 2000)
	for _, format := range []string{"text", "json"} {
		b.Run(format, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := Write(io.Discard, format, r); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
