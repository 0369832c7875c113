package cli

import (
	"os"
	"runtime/debug"
	"sync"
)

// memoryLimit keeps the soft memory limit of a run in step with the input
// read so far, unless the user set GOMEMLIMIT: the garbage collector works
// harder as the heap nears the limit, which keeps the peak of a large file
// well below twice what it needs. It is a process setting: applied only
// when the command runs as the entry point of the mcsf binary
// (MainProcess), never by the library or by an in-process test.
//
// The limit follows the bytes read (add), not the sizes of all inputs up
// front, which took a stat of every file before any work began (10,000
// stats, 12 ms, for 10,000 small files). A file is read before it is
// parsed, so its bytes count before it needs memory.
type memoryLimit struct {
	mu      sync.Mutex
	user    bool  // GOMEMLIMIT is set, or not the process's entry point: leave the collector alone
	workers int64 // how many files are parsed at once
	largest int64 // bytes of the largest file read
	total   int64 // bytes read
	limit   int64 // the limit set
	set     func(int64) int64
}

// The soft limit is the largest of: minMemoryLimit; memoryPerFileByte
// times the largest file, for each worker (a file's tree while it is
// linted); memoryPerByte times all bytes read (what a report keeps of
// every file: its text and findings, about twice its size).
const (
	minMemoryLimit    = 128 << 20
	memoryPerFileByte = 24
	memoryPerByte     = 4
)

// memoryLimit is the memory policy of a command that parses workers files
// at once: newMemoryLimit's when the command runs as its process's entry
// point (MainProcess), else one that changes nothing (Main, called by tests
// and other programs, leaves their process alone).
func (io *streams) memoryLimit(workers int) *memoryLimit {
	if !io.process {
		return &memoryLimit{user: true}
	}
	return newMemoryLimit(workers)
}

// newMemoryLimit sets the limit for a run that parses workers files at
// once and has read nothing yet.
func newMemoryLimit(workers int) *memoryLimit {
	m := &memoryLimit{user: os.Getenv("GOMEMLIMIT") != "", workers: int64(max(workers, 1)), limit: minMemoryLimit,
		set: debug.SetMemoryLimit}
	if !m.user {
		m.set(m.limit)
	}
	return m
}

// onlyLimit turns off the collector's other trigger (GOGC, the heap
// doubling since the last collection), unless the user set GOGC or
// GOMEMLIMIT: the heap then grows to the soft limit before it is
// collected.
//
// Linting many files makes much short-lived garbage (each file's tree)
// while the live heap grows slowly (findings, and texts for the text and
// SARIF reports); GOGC collects most often early, on a small heap, and
// lets the heap grow to a multiple of what is live at the end. Measured
// on lint bench/out/small (34 MB; 2 cores; median of 12-15 interleaved
// runs): with the JSON report GOGC 100 0.53 s, GOGC 300 0.47 s (peak
// memory 105 MB), GOGC off under this limit (137 MB there) 0.46 s
// (132 MB); with the text report GOGC 300 0.585 s (189 MB), GOGC off
// 0.575 s (133 MB). Before documents were released to a pool the margin
// was larger: GOGC 300 0.62 s, off 0.55-0.57 s. The large file
// (large-5000.xml) keeps to its limit: 0.15 s and 106 MB, against 0.18 s
// and 104 MB with GOGC 300. A live heap larger than the limit only costs
// time: the runtime gives the collector at most half the CPU.
func (m *memoryLimit) onlyLimit() {
	if !m.user && os.Getenv("GOGC") == "" {
		debug.SetGCPercent(-1)
	}
}

// setWorkers says how many files the run parses at once, once it knows.
func (m *memoryLimit) setWorkers(n int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.workers = int64(max(n, 1))
}

// add counts a file of n bytes read. The limit is raised in steps of an
// eighth, not for every file, so that it lags at most an eighth behind.
func (m *memoryLimit) add(n int) {
	if m.user {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.total += int64(n)
	m.largest = max(m.largest, int64(n))
	if want := max(memoryPerFileByte*m.largest*m.workers, memoryPerByte*m.total); want >= m.limit+m.limit/8 {
		m.limit = want
		m.set(want)
	}
}
