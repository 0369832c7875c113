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

// read reads the snapshot's bytes with the strict reader: by updating the
// document's kept reading when the text changed only inside an attribute
// value since, else from scratch.
func (sn *snapshot) read() reading {
	data := sn.bytes()
	if doc := sn.kept.take(); doc != nil {
		if doc.Update(data, answerfile.DefaultLimits) {
			return reading{data: data, doc: doc}
		}
		doc.Release()
	}
	doc, syntax, err := sn.kept.parse(sn.name, data)
	return reading{data: data, doc: doc, syntax: syntax, err: err}
}

// keptDoc is a document's strict reading kept from one lint to the next.
// A keystroke in a value (most keystrokes) then costs the next reading an
// update of the tree, not a parse of the whole text: on the 5,000-target
// file 12 CPU-ms and 1 MB instead of 88-104 CPU-ms and 15 MB with a Parser
// (BenchmarkUpdateLarge, BenchmarkParseGenLarge in answerfile). The slot
// holds a document no one uses; whoever takes it owns it until it puts it
// back, so an update never runs under a lint that reads the tree. A nil
// *keptDoc (a snapshot made outside a document, in tests) keeps nothing.
type keptDoc struct {
	// parser reads the document when its kept reading cannot be updated,
	// into the memory of the readings released before (answerfile.Parser).
	parser *answerfile.Parser

	mu     sync.Mutex
	doc    *answerfile.Document
	closed bool
}

func newKeptDoc() *keptDoc { return &keptDoc{parser: answerfile.NewParser(answerfile.DefaultLimits)} }

// parse reads data with the document's parser.
func (k *keptDoc) parse(name string, data []byte) (*answerfile.Document, []answerfile.Diagnostic, error) {
	if k == nil {
		return answerfile.Parse(name, data)
	}
	return k.parser.Parse(name, data)
}

// take empties the slot and returns what it held (nil if nothing).
func (k *keptDoc) take() *answerfile.Document {
	if k == nil {
		return nil
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	doc := k.doc
	k.doc = nil
	return doc
}

// put keeps doc for the next reading, and releases what the slot held
// (or doc itself, once the document is closed).
func (k *keptDoc) put(doc *answerfile.Document) {
	if k == nil {
		doc.Release()
		return
	}
	k.mu.Lock()
	old := k.doc
	if k.closed {
		old = doc
	} else {
		k.doc = doc
	}
	k.mu.Unlock()
	if old != nil {
		old.Release()
	}
}

// close releases the kept reading: the document was closed.
func (k *keptDoc) close() {
	if k == nil {
		return
	}
	k.mu.Lock()
	k.closed = true
	k.mu.Unlock()
	if doc := k.take(); doc != nil {
		doc.Release()
	}
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

// discardReading keeps, for the next reading, a reading ahead that no lint
// took (the snapshot was overtaken before its debounce ended); a lint of
// the snapshot, should one still come, reads for itself.
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
		sn.kept.put(r.doc)
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
