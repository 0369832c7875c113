package lsp

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sourcegraph/jsonrpc2"

	"github.com/mcsf-dev/mcsf/internal/testtool"
)

// The benchmarks of the issue, on the 5,000-target file of bench/gen:
//
//	go test ./lsp -run '^$' -bench 'After(Markup)?Edit' -benchtime 5x
//
// BenchmarkDiagnosticsAfterEdit: a one-character change to its diagnostics
// (the debounce included, decoded by the client; ms/received: until the
// publication has arrived, before the client decodes it), a change inside a
// value (BenchmarkDiagnosticsAfterMarkupEdit: in markup);
// BenchmarkCompletionAfterEdit: a change, then a completion of a Settings
// Path; BenchmarkMemoryAfterEdits:
// the heap after 100 and after 1,000 edits. Each reports the process's CPU
// time per operation too (cpu-ms/op), the measure of work that a loaded
// machine does not inflate as much as the wall time.

var largeFile = sync.OnceValues(func() (string, error) {
	data, err := testtool.Generate("large", "../bench/gen", "5000")
	return string(data), err
})

// benchClient is the editor of the benchmarks: it writes frames and
// decodes each message it receives once, as an editor does (the test
// client of the other tests decodes through jsonrpc2, three passes over a
// 3 MB publication, which would be the client's time, not the server's).
type benchClient struct {
	b    *testing.B
	conn net.Conn
	wmu  sync.Mutex
	next int

	mu      sync.Mutex
	version map[string]int // the version of each URI's last publication
	count   map[string]int // and how many diagnostics it had
	arrived time.Time      // when the last publication's last byte arrived (before decoding)
	replies map[int]chan benchReply
	wake    chan struct{}
}

type benchReply struct {
	result json.RawMessage
	err    *jsonrpc2.Error
}

// benchMessage is any message from the server; params are those of the
// only notification it sends, publishDiagnostics.
type benchMessage struct {
	ID     *int                     `json:"id"`
	Method string                   `json:"method"`
	Params publishDiagnosticsParams `json:"params"`
	Result json.RawMessage          `json:"result"`
	Error  *jsonrpc2.Error          `json:"error"`
}

func newBenchClient(b *testing.B, opts Options) *benchClient {
	serverEnd, clientEnd := net.Pipe()
	c := &benchClient{b: b, conn: clientEnd, version: map[string]int{}, count: map[string]int{},
		replies: map[int]chan benchReply{}, wake: make(chan struct{})}
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = newServer(opts).serve(context.Background(), serverEnd)
	}()
	go c.read()
	b.Cleanup(func() {
		clientEnd.Close()
		<-done
	})
	return c
}

func (c *benchClient) read() {
	r := bufio.NewReader(c.conn)
	for {
		body, err := readFrame(r)
		if err != nil {
			return
		}
		arrived := time.Now()
		var m benchMessage
		if err := json.Unmarshal(body, &m); err != nil {
			c.b.Errorf("a message that is not JSON: %v", err)
			return
		}
		c.mu.Lock()
		switch {
		case m.ID != nil:
			if ch := c.replies[*m.ID]; ch != nil {
				ch <- benchReply{m.Result, m.Error}
			}
		case m.Method == "textDocument/publishDiagnostics" && m.Params.Version != nil:
			c.version[m.Params.URI], c.count[m.Params.URI] = *m.Params.Version, len(m.Params.Diagnostics)
			c.arrived = arrived
			close(c.wake)
			c.wake = make(chan struct{})
		}
		c.mu.Unlock()
	}
}

// readFrame reads one message: its Content-Length header, a blank line,
// and the body.
func readFrame(r *bufio.Reader) ([]byte, error) {
	n := -1
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return nil, err
		}
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			break
		}
		if v, ok := strings.CutPrefix(line, "Content-Length: "); ok {
			if n, err = strconv.Atoi(v); err != nil {
				return nil, err
			}
		}
	}
	if n < 0 {
		return nil, errors.New("a message without Content-Length")
	}
	body := make([]byte, n)
	_, err := io.ReadFull(r, body)
	return body, err
}

func (c *benchClient) send(m map[string]any) {
	m["jsonrpc"] = "2.0"
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if err := (jsonrpc2.VSCodeObjectCodec{}).WriteObject(c.conn, m); err != nil {
		c.b.Fatal(err)
	}
}

func (c *benchClient) notify(method string, params any) {
	c.send(map[string]any{"method": method, "params": params})
}

func (c *benchClient) call(method string, params, result any) {
	c.mu.Lock()
	c.next++
	id := c.next
	ch := make(chan benchReply, 1)
	c.replies[id] = ch
	c.mu.Unlock()
	c.send(map[string]any{"id": id, "method": method, "params": params})
	select {
	case r := <-ch:
		if r.err != nil {
			c.b.Fatalf("%s: %v", method, r.err)
		}
		if err := json.Unmarshal(r.result, result); err != nil {
			c.b.Fatalf("%s: %v", method, err)
		}
	case <-time.After(30 * time.Second):
		c.b.Fatalf("%s: no answer", method)
	}
}

// change replaces the character at p by text.
func (c *benchClient) change(uri string, version int, p Position, text string) {
	c.changeRange(uri, version, Range{Start: p, End: Position{p.Line, p.Character + 1}}, text)
}

func (c *benchClient) changeRange(uri string, version int, rg Range, text string) {
	var params didChangeParams
	params.TextDocument.URI, params.TextDocument.Version = uri, version
	params.ContentChanges = []contentChange{{Range: &rg, Text: text}}
	c.notify("textDocument/didChange", params)
}

// waitDiags waits for the publication of version of uri and returns how
// many diagnostics it had.
func (c *benchClient) waitDiags(uri string, version int) int {
	deadline := time.After(60 * time.Second)
	for {
		c.mu.Lock()
		v, n, wake := c.version[uri], c.count[uri], c.wake
		c.mu.Unlock()
		if v == version {
			return n
		}
		select {
		case <-wake:
		case <-deadline:
			c.b.Fatalf("no diagnostics for %s version %d", uri, version)
		}
	}
}

// benchServer opens the large file in a server and waits for its first diagnostics.
func benchServer(b *testing.B, opts Options) (c *benchClient, uri, text string, edit Position) {
	text, err := largeFile()
	if err != nil {
		b.Skip(err)
	}
	c = newBenchClient(b, opts)
	var r initializeResult
	c.call("initialize", map[string]any{"processId": nil, "rootUri": nil, "capabilities": map[string]any{}}, &r)
	c.notify("initialized", map[string]any{})
	uri = "file:///bench/large.xml"
	c.notify("textDocument/didOpen", didOpenParams{TextDocument: textDocumentItem{URI: uri, LanguageID: "xml", Version: 1, Text: text}})
	c.waitDiags(uri, 1)
	// The edit point: inside the Description of the root element.
	off := strings.Index(text, `Description="`) + len(`Description="`)
	return c, uri, text, newText(text).position(off, encodingUTF16)
}

func BenchmarkDiagnosticsAfterEdit(b *testing.B) {
	c, uri, _, p := benchServer(b, Options{})
	benchmarkDiagnostics(b, c, uri, func(i int) (Range, string) {
		return Range{Start: p, End: Position{p.Line, p.Character + 1}}, string(rune('a' + i%2))
	})
}

// BenchmarkDiagnosticsAfterMarkupEdit is BenchmarkDiagnosticsAfterEdit
// with a one-character change in markup that keeps the file well-formed
// (a space before the root's Description attribute, put in and taken
// out): the server reads the whole file again instead of updating the
// value of the tree it keeps.
func BenchmarkDiagnosticsAfterMarkupEdit(b *testing.B) {
	c, uri, _, p := benchServer(b, Options{})
	p.Character -= len(`Description="`)
	benchmarkDiagnostics(b, c, uri, func(i int) (Range, string) {
		if i%2 == 0 {
			return Range{Start: p, End: p}, " "
		}
		return Range{Start: p, End: Position{p.Line, p.Character + 1}}, ""
	})
}

// benchmarkDiagnostics times b.N changes, the i-th replacing edit(i)'s
// range by its text, each until its diagnostics have arrived and been
// decoded.
func benchmarkDiagnostics(b *testing.B, c *benchClient, uri string, edit func(i int) (Range, string)) {
	cpu0, _ := testtool.CPUTime()
	gc0 := gcMetrics()
	var received time.Duration // from each change to its publication's last byte, before the client decodes it
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		v := i + 2
		sent := time.Now()
		rg, text := edit(i)
		c.changeRange(uri, v, rg, text)
		if c.waitDiags(uri, v) == 0 {
			b.Fatal("no diagnostics")
		}
		c.mu.Lock()
		received += c.arrived.Sub(sent)
		c.mu.Unlock()
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/diagnostics")
	b.ReportMetric(float64(received.Microseconds())/1000/float64(b.N), "ms/received")
	testtool.ReportCPU(b, cpu0)
	reportGC(b, gc0)
}

// gcMetrics are the garbage collector's CPU time (seconds) and cycles so far.
func gcMetrics() [2]float64 {
	s := []metrics.Sample{{Name: "/cpu/classes/gc/total:cpu-seconds"}, {Name: "/gc/cycles/total:gc-cycles"}}
	metrics.Read(s)
	return [2]float64{s[0].Value.Float64(), float64(s[1].Value.Uint64())}
}

// reportGC reports the collector's CPU time and cycles per operation since
// start, of the whole process (the benchmark's client collects there too).
// The CPU time is the runtime's estimate, from the time its workers held a
// processor: on a loaded machine it can exceed the process's CPU time.
func reportGC(b *testing.B, start [2]float64) {
	now := gcMetrics()
	b.ReportMetric((now[0]-start[0])*1000/float64(b.N), "gc-cpu-ms/op")
	b.ReportMetric((now[1]-start[1])/float64(b.N), "gcs/op")
}

func BenchmarkCompletionAfterEdit(b *testing.B) {
	c, uri, text, p := benchServer(b, Options{Debounce: time.Hour})
	pos := newText(text).position(strings.LastIndex(text, `<Settings Path="`)+len(`<Settings Path="`), encodingUTF16)
	// The first completion reads the file; the benchmark is what follows a
	// keystroke after that.
	var l completionList
	c.call("textDocument/completion", at(uri, pos), &l)
	cpu0, _ := testtool.CPUTime()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c.change(uri, i+2, p, string(rune('a'+i%2)))
		var l completionList
		c.call("textDocument/completion", at(uri, pos), &l)
		if len(l.Items) == 0 {
			b.Fatal("no completion items")
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/completion")
	testtool.ReportCPU(b, cpu0)
}

func BenchmarkMemoryAfterEdits(b *testing.B) {
	for i := 0; i < b.N; i++ {
		// Typing: edits come faster than the debounce, a completion every
		// 10, a pause every 100 lets the lint run and publish.
		c, uri, text, p := benchServer(b, Options{})
		pos := newText(text).position(strings.LastIndex(text, `<Settings Path="`)+len(`<Settings Path="`), encodingUTF16)
		heap := func() float64 {
			runtime.GC()
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			return float64(m.HeapInuse) / (1 << 20)
		}
		var at100 float64
		for e := 1; e <= 1000; e++ {
			c.change(uri, e+1, p, string(rune('a'+e%2)))
			if e%10 == 0 { // completion reads the text tolerantly, or moves the last reading
				var l completionList
				c.call("textDocument/completion", at(uri, pos), &l)
			}
			if e%100 == 0 {
				c.waitDiags(uri, e+1)
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

// BenchmarkReread compares what a keystroke in a value costs the tolerant
// reading and the line index: read again, or derived from the version
// before.
func BenchmarkReread(b *testing.B) {
	src, err := largeFile()
	if err != nil {
		b.Skip(err)
	}
	off := strings.Index(src, `Description="`) + len(`Description="`)
	t0, tree0 := newText(src), readTree(src)
	t1 := t0.edited(off, off, "a")
	edits := []byteEdit{{from: off, to: off, n: 1, kind: classify(src, off, off, "a")}}
	b.Run("read", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			readTree(t1.src)
		}
	})
	b.Run("derive", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, ok := tree0.edited(t1.src, edits); !ok {
				b.Fatal("not derived")
			}
		}
	})
	b.Run("lines-again", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			newText(t1.src)
		}
	})
	b.Run("lines-moved", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			t0.edited(off, off, "a")
		}
	})
}
