package variant

import (
	"cmp"
	"errors"
	"io"
	"runtime"
	"sync"
)

// batch.go: resolving a stream of SIMs against one compiled file in
// constant memory. The profiles are read one at a time, resolved in chunks
// on every core and handed back in input order; nothing holds more than a
// few chunks, so a batch of a million SIMs takes the memory of a thousand.

// ProfileSource yields SIM profiles one at a time: the profile, warnings
// that do not stop it, or io.EOF after the last. *ProfileReader is one.
type ProfileSource interface {
	Next() (Profile, []string, error)
}

// BatchItem is one resolved profile of a batch.
type BatchItem struct {
	Row      int      // 1-based position in the source
	Warnings []string // the source's warnings for this profile
	Result   Result
}

// BatchOptions tune ResolveStream.
type BatchOptions struct {
	// Explain resolves with Explain instead of Resolve.
	Explain bool
	// Workers is the number of goroutines that resolve; 0 means GOMAXPROCS.
	Workers int
	// Render, when set, turns an item into output on the goroutine that
	// resolved it, appending to buf (rendering is most of a batch's work,
	// so it runs on every core too); ResolveStream hands the bytes to
	// emit with the item.
	Render func(buf []byte, it *BatchItem) ([]byte, error)
}

// batchChunk is how many profiles travel together: large enough that the
// hand-offs cost nothing per SIM, small enough that the chunks in flight
// stay small.
const batchChunk = 256

// ResolveStream resolves every profile of src and calls emit with each
// item in input order, on the calling goroutine, with the bytes Render made
// of it (nil without Render). The item and the bytes are reused after emit
// returns: keep a copy of what must outlive the call. It stops at the first error of src (after
// emitting the items before it), of Render or of emit, and returns it;
// io.EOF from src is the normal end and returns nil. Memory does not grow
// with the number of profiles: at most a few chunks per worker are in
// flight.
func (c *Compiled) ResolveStream(src ProfileSource, opt BatchOptions, emit func(it *BatchItem, out []byte) error) error {
	workers := opt.Workers
	if workers <= 0 {
		workers = max(runtime.GOMAXPROCS(0), 1)
	}
	type chunk struct {
		items     []BatchItem
		outs      [][]byte // the rendered bytes of each item, slices of buf
		buf       []byte
		srcErr    error // of src, after the items
		renderErr error // of Render: items holds the ones rendered
		done      chan struct{}
	}
	jobs := make(chan *chunk)
	order := make(chan *chunk, 2*workers)
	// Chunks come back once emitted: their items and output buffer are
	// reused, not allocated and cleared again for every 256 SIMs.
	free := make(chan *chunk, 2*workers+workers+2)
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ch := range jobs {
				for i := range ch.items {
					it := &ch.items[i]
					if opt.Explain {
						it.Result = c.Explain(it.Result.SIM)
					} else {
						it.Result = c.Resolve(it.Result.SIM)
					}
					if opt.Render != nil {
						start := len(ch.buf)
						var err error
						if ch.buf, err = opt.Render(ch.buf, it); err != nil {
							ch.renderErr, ch.items = err, ch.items[:i]
							break
						}
						ch.outs = append(ch.outs, ch.buf[start:len(ch.buf):len(ch.buf)])
					}
				}
				close(ch.done)
			}
		}()
	}
	// The reader: one goroutine reads the source, in order.
	go func() {
		defer close(order)
		defer close(jobs)
		row := 0
		for {
			var ch *chunk
			select {
			case ch = <-free:
				ch.items, ch.outs, ch.buf = ch.items[:0], ch.outs[:0], ch.buf[:0]
				ch.srcErr, ch.renderErr, ch.done = nil, nil, make(chan struct{})
			default:
				ch = &chunk{items: make([]BatchItem, 0, batchChunk), done: make(chan struct{})}
			}
			for len(ch.items) < batchChunk {
				p, warnings, err := src.Next()
				if err != nil {
					if !errors.Is(err, io.EOF) {
						ch.srcErr = err
					}
					break
				}
				row++
				ch.items = append(ch.items, BatchItem{Row: row, Warnings: warnings, Result: Result{SIM: p}})
			}
			last := len(ch.items) < batchChunk
			select {
			case order <- ch:
			case <-stop:
				return
			}
			if len(ch.items) == 0 {
				close(ch.done) // nothing to resolve: only an end or an error
			} else {
				select {
				case jobs <- ch:
				case <-stop:
					close(ch.done) // never resolved: the consumer only drains it
					return
				}
			}
			if last {
				return
			}
		}
	}()
	var err error
	for ch := range order {
		<-ch.done
		if err != nil {
			continue
		}
		for i := range ch.items {
			var out []byte
			if opt.Render != nil {
				out = ch.outs[i]
			}
			if err = emit(&ch.items[i], out); err != nil {
				break
			}
		}
		if err == nil {
			err = cmp.Or(ch.renderErr, ch.srcErr)
		}
		if err != nil {
			close(stop)
			continue
		}
		select {
		case free <- ch:
		default:
		}
	}
	wg.Wait()
	return err
}
