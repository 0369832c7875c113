package lsp

import (
	"net/url"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/mcsf-dev/mcsf/answerfile"
)

// document.go: the open documents. Each change makes a new immutable
// snapshot; requests and the linter work on the snapshot current when they
// start, and a snapshot parses its text at most once, when first asked.

// snapshot is one version of an open document.
type snapshot struct {
	uri     string
	name    string // the local path for a file: URI, else the URI; findings name it
	version int
	text    *text
	disk    *diskForm // how the file is stored on disk

	ahead readAheadState // the strict reading, started by a change (see ahead.go)
	kept  *keptDoc       // the document's strict reading between lints

	lintMu   sync.Mutex
	linted   bool // findings and lintErr are computed
	findings []answerfile.Diagnostic
	lintErr  error

	treeOnce sync.Once

	treeMu   sync.Mutex
	tolerant *tree // nil until tree is first called
	// base and edits, until tree is first called: an older version's
	// tolerant reading, and the edits that made this text of that one's.
	base  *tree
	edits []byteEdit
}

// tree returns the tolerant reading of the text: derived from an older
// version's when the edits since leave the markup alone, read otherwise.
func (sn *snapshot) tree() *tree {
	sn.treeOnce.Do(func() {
		base, edits := sn.treeBase()
		t, ok := (*tree)(nil), false
		if base != nil {
			t, ok = base.edited(sn.text.src, edits)
		}
		if !ok {
			t = readTree(sn.text.src)
		}
		sn.treeMu.Lock()
		sn.tolerant, sn.base, sn.edits = t, nil, nil
		sn.treeMu.Unlock()
	})
	return sn.tolerant
}

// treeBase is what the next version's tree can be derived from: this
// version's tree when it is read, else what this one's would be derived
// from, and the edits from that tree's text to this one.
func (sn *snapshot) treeBase() (*tree, []byteEdit) {
	sn.treeMu.Lock()
	defer sn.treeMu.Unlock()
	if sn.tolerant != nil {
		return sn.tolerant, nil
	}
	return sn.base, sn.edits
}

// document is an open document.
type document struct {
	uri  string
	name string

	kept *keptDoc // the strict reading its snapshots update

	mu     sync.Mutex
	cur    *snapshot
	disk   *diskForm
	timer  *time.Timer
	closed bool
	// readTimer starts the reading ahead of the current snapshot, and sets
	// readDue; reading is set while a reading ahead runs.
	readTimer *time.Timer
	readDue   bool
	reading   bool

	lintMu    sync.Mutex // one lint of the document at a time
	published *snapshot  // the last snapshot whose findings were published; under lintMu
}

func (d *document) snapshot() *snapshot {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.cur
}

func (d *document) stop() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.timer != nil {
		d.timer.Stop()
		d.readTimer.Stop()
	}
	d.closed = true
	d.kept.close()
}

func (s *server) open(item textDocumentItem) {
	name := item.URI
	if p, ok := uriToPath(item.URI); ok {
		name = p
	}
	d := &document{uri: item.URI, name: name, kept: newKeptDoc()}
	if name != item.URI {
		d.disk = s.readDiskForm(name)
	}
	d.cur = &snapshot{uri: item.URI, name: name, version: item.Version, text: newText(item.Text), disk: d.disk, kept: d.kept}
	s.mu.Lock()
	if old := s.docs[item.URI]; old != nil {
		old.stop()
	}
	s.docs[item.URI] = d
	delete(s.others, item.URI)
	s.mu.Unlock()
	s.lintNow(d)
}

func (s *server) change(p didChangeParams) {
	s.mu.Lock()
	d := s.docs[p.TextDocument.URI]
	enc := s.enc
	s.mu.Unlock()
	if d == nil {
		return
	}
	d.mu.Lock()
	t := d.cur.text
	base, edits := d.cur.treeBase()
	edits = slices.Clip(edits) // appended to below: never into the older snapshot's
	for _, c := range p.ContentChanges {
		if c.Range == nil {
			t, base, edits = newText(c.Text), nil, nil
			continue
		}
		from, to := t.offset(c.Range.Start, enc), t.offset(c.Range.End, enc)
		if to < from {
			from, to = to, from
		}
		if base != nil {
			edits = append(edits, byteEdit{from: from, to: to, n: len(c.Text), kind: classify(t.src, from, to, c.Text)})
			if len(edits) > maxPendingEdits || edits[len(edits)-1].kind == editMarkup {
				base, edits = nil, nil
			}
		}
		t = t.edited(from, to, c.Text)
	}
	old := d.cur
	d.cur = &snapshot{uri: d.uri, name: d.name, version: p.TextDocument.Version, text: t, disk: d.disk, kept: d.kept,
		base: base, edits: edits}
	if d.timer != nil {
		d.timer.Stop()
		d.readTimer.Stop()
	}
	d.readDue = false
	if !d.closed {
		d.timer = time.AfterFunc(s.opts.Debounce, func() { s.lint(d) })
		d.readTimer = time.AfterFunc(s.opts.readAhead, func() { s.readAhead(d) })
	}
	old.discardReading() // a reading of the text before is of no more use
	d.mu.Unlock()
}

func (s *server) close(uri string) {
	s.mu.Lock()
	d := s.docs[uri]
	delete(s.docs, uri)
	var others []string
	for o, root := range s.others {
		if root == uri {
			others = append(others, o)
			delete(s.others, o)
		}
	}
	s.mu.Unlock()
	if d == nil {
		return
	}
	d.stop()
	// The findings of a closed document go with it.
	for _, u := range append(others, uri) {
		s.publishDiagnostics(publishDiagnosticsParams{URI: u, Diagnostics: []Diagnostic{}})
	}
}

// lintNow lints d in the background, without waiting for the debounce.
func (s *server) lintNow(d *document) {
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		s.lint(d)
	}()
}

// relintAll lints every open document again (a file on disk changed: a
// .mcsf.yaml, an imported file). A snapshot keeps its findings, so each
// document gets a new one of the same text.
func (s *server) relintAll() {
	for _, u := range s.openURIs() {
		if d, err := s.doc(u); err == nil {
			d.renew()
			s.lintNow(d)
		}
	}
}

// renew replaces the current snapshot by one of the same text and version
// whose findings are computed again.
func (d *document) renew() {
	d.mu.Lock()
	defer d.mu.Unlock()
	old := d.cur
	sn := &snapshot{uri: old.uri, name: old.name, version: old.version, text: old.text, disk: d.disk, kept: d.kept}
	sn.base, sn.edits = old.treeBase()
	if sn.edits == nil && sn.base != nil {
		t := sn.base // the same text: the same reading
		sn.treeOnce.Do(func() { sn.tolerant, sn.base = t, nil })
	}
	d.cur = sn
}

// readDisk reads again how the document's file is stored.
func (d *document) readDisk(s *server) {
	if d.name == d.uri {
		return // not a file
	}
	disk := s.readDiskForm(d.name)
	d.mu.Lock()
	d.disk = disk
	d.mu.Unlock()
}

// uriToPath returns the local path of a file: URI.
func uriToPath(uri string) (string, bool) {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" {
		return "", false
	}
	p := u.Path
	if runtime.GOOS == "windows" {
		p = strings.TrimPrefix(p, "/") // /C:/x -> C:/x
		if u.Host != "" {
			p = `\\` + u.Host + "/" + p // a UNC path
		}
	}
	return filepath.FromSlash(p), true
}

// pathToURI returns the file: URI of a local path.
func pathToURI(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}
