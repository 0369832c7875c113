package report

import (
	"io"
	"runtime"
	"sync"
)

// parts.go: the text and JSON reports of a large run are formatted in parts
// by several goroutines and written in order. At the end of a lint run over
// 10,000 files (41,000 findings) the report was formatted by one goroutine
// while every other core idled.

// partSize is about how many findings a part of a report holds: enough
// that handing it to a goroutine costs little beside formatting it, few
// enough that the parts being formatted or written are a small share of
// the report (about 160 KB of text each).
const partSize = 512

// span is the items [lo, hi) of a list.
type span struct{ lo, hi int }

// cutParts splits the items [0, n) into parts of partSize items (the last
// one fewer).
func cutParts(n int) []span {
	parts := make([]span, 0, n/partSize+1)
	for lo := 0; lo < n || lo == 0; lo += partSize {
		parts = append(parts, span{lo, min(lo+partSize, n)})
	}
	return parts
}

// writeParts writes to w, in order, the bytes that appendPart appends for
// each part, formatting up to workers parts at once ahead of the writer
// (at most two a worker, so the memory held is a few parts, not the
// report). appendPart is called concurrently for different parts. It
// stops at the first write error, which it returns.
func writeParts(w io.Writer, parts []span, workers int, appendPart func(b []byte, p span) []byte) error {
	workers = min(workers, len(parts))
	if workers <= 1 {
		var b []byte
		for _, p := range parts {
			b = appendPart(b[:0], p)
			if _, err := w.Write(b); err != nil {
				return err
			}
		}
		return nil
	}
	type task struct {
		i int
		b []byte
	}
	done := make([]chan []byte, len(parts))
	for i := range done {
		done[i] = make(chan []byte, 1) // a worker never waits for the writer
	}
	free := make(chan []byte, 2*workers) // buffers, one a part being formatted or written
	for range cap(free) {
		free <- nil
	}
	todo := make(chan task)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // hands out the parts in order, each with a free buffer
		defer wg.Done()
		defer close(todo)
		for i := range parts {
			select {
			case b := <-free:
				todo <- task{i, b}
			case <-stop:
				return
			}
		}
	}()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for t := range todo {
				done[t.i] <- appendPart(t.b[:0], parts[t.i])
			}
		}()
	}
	var err error
	for i := range parts {
		b := <-done[i]
		if _, err = w.Write(b); err != nil {
			break
		}
		free <- b
	}
	close(stop)
	wg.Wait()
	return err
}

// reportWorkers is how many goroutines format a report's parts.
func reportWorkers() int { return runtime.GOMAXPROCS(0) }
