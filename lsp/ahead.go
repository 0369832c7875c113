package lsp

import (
	"sync"

	"github.com/mcsf-dev/mcsf/answerfile"
)

// ahead.go: the strict reading of a changed document starts with the
// change, not after the debounce. On the 5,000-target file the reading is
// about a third of a lint (~110 of ~300 CPU-ms), and the debounce (50 ms)
// is time the server would otherwise wait idle; reading during it takes the
// debounce off the time from a keystroke to its diagnostics. The rules
// still wait for the debounce, so a burst of keystrokes costs at most one
// reading at a time, of the newest text.

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

// readAhead reads the current snapshot of d in the background, one reading
// per document at a time: when it ends and a newer change came meanwhile,
// its reading is dropped and the newest snapshot is read.
func (s *server) readAhead(d *document) {
	d.mu.Lock()
	if d.reading || d.closed {
		d.mu.Unlock()
		return
	}
	d.reading = true
	d.mu.Unlock()
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		for {
			sn := d.snapshot()
			sn.readAhead()
			d.mu.Lock()
			if d.closed || d.cur == sn {
				d.reading = false
				closed := d.closed
				d.mu.Unlock()
				if closed {
					sn.discardReading()
				}
				return
			}
			d.mu.Unlock()
			sn.discardReading()
		}
	}()
}
