package lint

import (
	"testing"

	"github.com/mcsf-dev/mcsf/internal/testtool"
)

// BenchmarkLintLarge lints the 5,000-target file of bench/gen (the file of
// the lsp diagnostics benchmark) with a schema cache shared by the
// iterations, as the language server shares it between lints:
//
//	go test ./answerfile/lint -run '^$' -bench LintLarge -benchtime 10x
func BenchmarkLintLarge(b *testing.B) {
	data, err := testtool.Generate("large", "../../bench/gen", "5000")
	if err != nil {
		b.Skip(err)
	}
	cfg := Config{Cache: NewSchemaCache()}
	if _, err := File("large.xml", data, cfg); err != nil { // fills the cache, as the first lint of a session
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	cpu0, _ := testtool.CPUTime()
	for b.Loop() {
		if _, err := File("large.xml", data, cfg); err != nil {
			b.Fatal(err)
		}
	}
	testtool.ReportCPU(b, cpu0)
}
