package lint

import (
	"fmt"
	"testing"

	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/internal/testtool"
)

// BenchmarkChecksSmall runs the checks alone (Lint of a parsed document),
// one operation per file, over the well-formed ones of 200 small files of
// bench/gen, with a schema cache shared by the iterations as the CLI shares
// it between files: the per-file CPU and allocations of the checks,
// without reading and parsing.
//
//	go test ./answerfile/lint -run '^$' -bench ChecksSmall -benchtime 20000x
func BenchmarkChecksSmall(b *testing.B) {
	texts, err := testtool.GenerateDir("small", "../../bench/gen", "200")
	if err != nil {
		b.Skip(err)
	}
	var docs []*answerfile.Document
	for i, text := range texts {
		doc, _, err := answerfile.ParseLimits(fmt.Sprintf("small%d.xml", i), text, answerfile.DefaultLimits)
		if err != nil {
			b.Fatal(err)
		}
		if doc != nil {
			docs = append(docs, doc)
		}
	}
	cfg := Config{Cache: NewSchemaCache()}
	for _, doc := range docs {
		Lint(doc, cfg) // fills the cache, as the first files of a run
	}
	b.ReportAllocs()
	cpu0, _ := testtool.CPUTime()
	for i := 0; b.Loop(); i++ {
		Lint(docs[i%len(docs)], cfg)
	}
	testtool.ReportCPU(b, cpu0)
}
