package lsp

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// The benchmarks of the issue, on the 5,000-target file of bench/gen:
//
//	go test ./lsp -run '^$' -bench . -benchtime 20x
//
// BenchmarkDiagnosticsAfterEdit: a one-character change to its diagnostics
// (the debounce included); BenchmarkCompletionAfterEdit: a change, then a
// completion of a Settings Path; BenchmarkMemoryAfterEdits: the server's
// heap after 100 and after 1,000 edits.

var largeFile = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "mcsf-lsp-bench")
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, "large.xml")
	out, err := exec.Command("go", "run", "../bench/gen", "large", path, "5000").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("bench/gen: %v\n%s", err, out)
	}
	data, err := os.ReadFile(path)
	return string(data), err
})

// benchServer opens the large file in a server and waits for its first diagnostics.
func benchServer(b *testing.B, opts Options) (c *testClient, uri, text string, edit Position) {
	text, err := largeFile()
	if err != nil {
		b.Skip(err)
	}
	c = startServer(b, opts)
	c.initialize()
	uri = "file:///bench/large.xml"
	c.open(uri, text)
	c.waitDiags(uri, 1)
	// The edit point: inside the Description of the root element.
	off := strings.Index(text, `Description="`) + len(`Description="`)
	return c, uri, text, newText(text).position(off, encodingUTF16)
}

func BenchmarkDiagnosticsAfterEdit(b *testing.B) {
	c, uri, _, p := benchServer(b, Options{Debounce: DefaultDebounce})
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		v := i + 2
		c.change(uri, v, &Range{Start: p, End: Position{p.Line, p.Character + 1}}, string(rune('a'+i%2)))
		if d := c.waitDiags(uri, v); len(d) == 0 {
			b.Fatal("no diagnostics")
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/diagnostics")
}

func BenchmarkCompletionAfterEdit(b *testing.B) {
	c, uri, text, p := benchServer(b, Options{Debounce: time.Hour})
	pos := newText(text).position(strings.LastIndex(text, `<Settings Path="`)+len(`<Settings Path="`), encodingUTF16)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c.change(uri, i+2, &Range{Start: p, End: Position{p.Line, p.Character + 1}}, string(rune('a'+i%2)))
		var l completionList
		if err := c.call("textDocument/completion", at(uri, pos), &l); err != nil || len(l.Items) == 0 {
			b.Fatalf("completion: %v, %d items", err, len(l.Items))
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/completion")
}

func BenchmarkMemoryAfterEdits(b *testing.B) {
	for i := 0; i < b.N; i++ {
		// Typing: edits come faster than the debounce, a pause every 100
		// lets the lint run and publish.
		c, uri, _, p := benchServer(b, Options{Debounce: DefaultDebounce})
		heap := func() float64 {
			runtime.GC()
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			return float64(m.HeapInuse) / (1 << 20)
		}
		var at100 float64
		for e := 1; e <= 1000; e++ {
			c.change(uri, e+1, &Range{Start: p, End: Position{p.Line, p.Character + 1}}, string(rune('a'+e%2)))
			if e%100 == 0 {
				c.waitDiags(uri, e+1)
				c.mu.Lock()
				c.diags = map[string][]publishDiagnosticsParams{} // the test client keeps nothing: the heap is the server's
				c.mu.Unlock()
			}
			if e == 100 {
				at100 = heap()
			}
			if e%200 == 0 && testing.Verbose() {
				b.Logf("heap after %d edits: %.1f MB", e, heap())
			}
		}
		b.ReportMetric(at100, "MB-heap-after-100-edits")
		b.ReportMetric(heap(), "MB-heap-after-1000-edits")
	}
}
