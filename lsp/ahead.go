package lsp

import (
	"sync"

	"github.com/mcsf-dev/mcsf/answerfile"
)

// ahead.go: the strict reading of a changed document starts halfway
// through the debounce, not after it. On the 5,000-target file the reading
// is about a third of a lint (~110 of ~300 CPU-ms), and the debounce (50
// ms) is time the server would otherwise wait idle; reading during its
// second half takes that off the time from a keystroke to its diagnostics.
// The first half is left to the requests an editor sends right after a
// keystroke (completion, hover): a reading started at once made a
// completion after a change 16-34 -> 51-77 ms (BenchmarkCompletionAfterEdit,
// load 12). Like the lint, a newer change restarts the wait, so a burst of
// keystrokes reads only its last text, and at most one reading of a
// document runs at a time.

// reading is the strict reader's result for a snapshot's bytes.
type reading struct {
	data   []byte
	doc    *answerfile.Document // nil when not well-formed
	syntax []answerfile.Diagnostic
	err    error
}

// A snapshot's reading ahead goes idle -> running -> ready -> taken, or
// straight from idle to taken when the linter comes first (it reads for
// itself). Whoever takes a ready reading owns its document and releases it.
type readState int

const (
	readIdle readState = iota
	readRunning
	readReady
	readTaken
)

// readAheadState is a snapshot's reading ahead.
type readAheadState struct {
	mu    sync.Mutex
	state readState
	done  chan struct{} // closed when a running reading ends
	r     reading
}

// read reads the snapshot's bytes with the strict reader.
func (sn *snapshot) read() reading {
	data := sn.bytes()
	doc, syntax, err := answerfile.Parse(sn.name, data)
	return reading{data: data, doc: doc, syntax: syntax, err: err}
}

// readAhead reads the snapshot and keeps the reading for the linter,
// unless a reading of it is under way, done or taken already.
func (sn *snapshot) readAhead() {
	a := &sn.ahead
	a.mu.Lock()
	if a.state != readIdle {
		a.mu.Unlock()
		return
	}
	a.state, a.done = readRunning, make(chan struct{})
	a.mu.Unlock()
	r := sn.read()
	a.mu.Lock()
	a.state, a.r = readReady, r
	close(a.done)
	a.mu.Unlock()
}

// takeReading returns the snapshot's reading: the one read ahead (waiting
// for it when it is under way), else a reading of its own. The caller owns
// the document and releases it.
func (sn *snapshot) takeReading() reading {
	a := &sn.ahead
	a.mu.Lock()
	if a.state == readRunning {
		done := a.done
		a.mu.Unlock()
		<-done
		a.mu.Lock()
	}
	if a.state == readReady {
		r := a.r
		a.state, a.r = readTaken, reading{}
		a.mu.Unlock()
		return r
	}
	a.state = readTaken
	a.mu.Unlock()
	return sn.read()
}

// discardReading releases a reading ahead that no lint took (the snapshot
// was overtaken before its debounce ended); a lint of the snapshot, should
// one still come, reads for itself.
func (sn *snapshot) discardReading() {
	a := &sn.ahead
	a.mu.Lock()
	if a.state != readReady {
		a.mu.Unlock()
		return
	}
	r := a.r
	a.state, a.r = readTaken, reading{}
	a.mu.Unlock()
	if r.doc != nil {
		r.doc.Release()
	}
}

// readAhead reads the current snapshot of d in the background (its
// change's wait is over), one reading per document at a time: a reading
// that a newer change overtook is dropped, and when the newer one's wait
// ended meanwhile, it is read next.
func (s *server) readAhead(d *document) {
	d.mu.Lock()
	if d.closed {
		d.mu.Unlock()
		return
	}
	d.readDue = true
	if d.reading {
		d.mu.Unlock()
		return
	}
	d.reading = true
	d.mu.Unlock()
	// Not in s.wg, like the lint a debounce starts: a timer may start it
	// while the session ends; once the document is closed it stops after
	// the reading under way.
	go func() {
		for {
			d.mu.Lock()
			if d.closed || !d.readDue {
				d.reading = false
				d.mu.Unlock()
				return
			}
			d.readDue = false
			sn := d.cur
			d.mu.Unlock()
			sn.readAhead()
			d.mu.Lock()
			stale := d.closed || d.cur != sn
			d.mu.Unlock()
			if stale {
				sn.discardReading()
			}
		}
	}()
}
