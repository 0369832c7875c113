package lint

import (
	"bytes"
	"runtime"
	"strings"
	"sync"
	"unsafe"
)

// worker.go: the goroutines of a run, and the memory each reuses from one
// file to the next.

// runJobs calls work on every job, at most workerCount at a time, each
// worker with its own memory.
func runJobs(jobs []*job, work func(*worker, *job)) {
	n := workerCount(len(jobs))
	if n <= 1 {
		// One file (or one core): no goroutine to start and whose stack
		// to grow, on the command's own.
		var w worker
		for _, j := range jobs {
			work(&w, j)
		}
		return
	}
	_ = runStream(n, func(emit func(*job)) error {
		for _, j := range jobs {
			emit(j)
		}
		return nil
	}, work)
}

// runStream calls work on every job that produce emits, at most workers at
// a time, while produce still runs (walks a directory); it returns
// produce's error once every job emitted is done. produce never waits for
// the workers: it is done long before them, and may go on with other work
// while they lint.
func runStream(workers int, produce func(emit func(*job)) error, work func(*worker, *job)) error {
	var q jobQueue
	q.more.L = &q.mu
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var w worker
			for j := q.pop(); j != nil; j = q.pop() {
				work(&w, j)
			}
		}()
	}
	err := produce(q.push)
	q.close()
	wg.Wait()
	return err
}

// jobQueue is runStream's queue of jobs, of any length.
type jobQueue struct {
	mu   sync.Mutex
	more sync.Cond // a job was pushed, or the queue closed
	jobs []*job
	next int // jobs[next] is the next to pop
	done bool
}

func (q *jobQueue) push(j *job) {
	q.mu.Lock()
	q.jobs = append(q.jobs, j)
	q.mu.Unlock()
	q.more.Signal()
}

func (q *jobQueue) close() {
	q.mu.Lock()
	q.done = true
	q.mu.Unlock()
	q.more.Broadcast()
}

// pop returns the next job, waiting for one; nil once the queue is closed
// and empty.
func (q *jobQueue) pop() *job {
	q.mu.Lock()
	defer q.mu.Unlock()
	for q.next == len(q.jobs) && !q.done {
		q.more.Wait()
	}
	if q.next == len(q.jobs) {
		return nil
	}
	j := q.jobs[q.next]
	q.jobs[q.next] = nil // done with by the queue
	q.next++
	return j
}

// workerCount is how many workers runJobs starts for n jobs (a stream
// starts runtime.NumCPU()).
func workerCount(n int) int { return min(runtime.NumCPU(), n) }

// worker is what one goroutine of runJobs keeps from job to job: the
// buffer the next file is read into. A file's bytes are needed only while
// its job runs (its findings and excerpts are copies), so the bytes of
// 10,000 small files (34 MB of bench/gen's, a fifth of all the memory the
// run allocated) need not each be new memory.
type worker struct {
	buf []byte
}

// maxWorkerBuffer is the largest buffer a worker keeps for the next file:
// a large file's memory is not held for the small ones after it.
const maxWorkerBuffer = 1 << 20

// own returns data, copied when it is in the worker's buffer: for a job
// whose bytes are kept past it.
func (w *worker) own(data []byte) []byte {
	if w.holds(unsafe.SliceData(data)) {
		return bytes.Clone(data)
	}
	return data
}

// holds reports whether p points into the worker's buffer.
func (w *worker) holds(p *byte) bool {
	if cap(w.buf) == 0 || p == nil {
		return false
	}
	lo := uintptr(unsafe.Pointer(unsafe.SliceData(w.buf)))
	at := uintptr(unsafe.Pointer(p))
	return at >= lo && at < lo+uintptr(cap(w.buf))
}

// reuse takes back data, the bytes of the job j just done, as the buffer
// of the next file: data is the buffer, or becomes it when it is larger
// (up to maxWorkerBuffer). The strings of j's findings that point into the
// buffer are copied first: a check may put a name or value of the
// document, which the parser reads in place, into a finding as it is.
func (w *worker) reuse(j *job, data []byte) {
	if !w.holds(unsafe.SliceData(data)) {
		if cap(data) <= cap(w.buf) || cap(data) > maxWorkerBuffer {
			return // new memory, for the collector
		}
		w.buf = data[:0]
	}
	keep := func(s *string) {
		if w.holds(unsafe.StringData(*s)) {
			*s = strings.Clone(*s)
		}
	}
	for i := range j.diags {
		d := &j.diags[i]
		keep(&d.File)
		keep(&d.Path)
		keep(&d.Rule)
		keep(&d.Message)
		keep(&d.Fix)
		for k := range d.Related {
			keep(&d.Related[k].File)
			keep(&d.Related[k].Path)
			keep(&d.Related[k].Message)
		}
		for k := range d.Edits {
			keep(&d.Edits[k].NewText)
		}
	}
}
