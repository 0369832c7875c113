package lsp

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/answerfile/lint"
)

// waitRead waits until the reading ahead of sn is ready.
func waitRead(t *testing.T, sn *snapshot) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		sn.ahead.mu.Lock()
		state := sn.ahead.state
		sn.ahead.mu.Unlock()
		if state == readReady {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the reading ahead of version %d is %d, not ready", sn.version, state)
		}
		time.Sleep(time.Millisecond)
	}
}

// TestReadAhead: a change starts the strict reading of the new text before
// the debounce ends (here at once, and the debounce never ends); the linter takes that reading, and
// its findings are those of a reading of its own. Of a burst of changes,
// the newest text is read and the readings of the older ones are dropped.
func TestReadAhead(t *testing.T) {
	c := startServer(t, Options{Debounce: time.Hour, readAhead: time.Nanosecond})
	c.initialize()
	_, uri, text := testFile(t, "contoso.xml")
	c.open(uri, text)
	c.waitDiags(uri, 1)
	d, err := c.server(uri)
	if err != nil {
		t.Fatal(err)
	}
	// Fill the empty value (line 27): its empty-value finding goes.
	at := Position{26, 64}
	var burst []*snapshot
	for v := 2; v <= 6; v++ {
		c.change(uri, v, &Range{Start: at, End: at}, "1")
		at.Character++
		for d.snapshot().version != v {
			time.Sleep(time.Millisecond)
		}
		burst = append(burst, d.snapshot())
	}
	last := burst[len(burst)-1]
	waitRead(t, last)
	for _, sn := range burst[:len(burst)-1] {
		sn.ahead.mu.Lock()
		if sn.ahead.state == readReady || sn.ahead.r.doc != nil {
			t.Errorf("version %d: an older version's reading is kept (state %d)", sn.version, sn.ahead.state)
		}
		sn.ahead.mu.Unlock()
	}
	got, err := c.srv.findings(last)
	if err != nil {
		t.Fatal(err)
	}
	if last.ahead.state != readTaken {
		t.Errorf("after the lint the reading ahead is %d, not taken", last.ahead.state)
	}
	own := &snapshot{uri: last.uri, name: last.name, version: last.version, text: last.text, disk: last.disk}
	want, err := c.srv.findings(own)
	if err != nil {
		t.Fatal(err)
	}
	if len(want) != 1 || want[0].Rule != lint.RuleInvalidSettingValue || want[0].Line != 27 || want[0].Column != 57 {
		t.Errorf("findings of the file filled with 11111: %v, want one invalid-setting-value at 27:57", want)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings from the reading ahead (-own reading +ahead):\n%s", diff)
	}
	c.shutdown()
}

// TestKeptReadingUpdated: a document's strict reading is kept from one lint
// to the next and updated when a change stays inside a value; on the doc
// samples, a run of random changes (inside values mostly, anywhere
// sometimes, some of them breaking the file) gives after each change the
// findings of a reading from scratch, and the kept reading is the same
// document for a change inside a value that stays well-formed.
func TestKeptReadingUpdated(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "corpus", "mcsf")
	files, _ := filepath.Glob(filepath.Join(dir, "*.xml"))
	if len(files) == 0 {
		t.Skipf("the documentation samples are not at %s (they live next to the repository): skipped", dir)
	}
	_, _, contoso := testFile(t, "contoso.xml")
	texts := []string{contoso}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if doc, _, _ := answerfile.Parse(f, data); doc != nil && doc.Encoding.Charset == answerfile.UTF8 && !doc.Encoding.BOM {
			texts = append(texts, string(data))
		}
	}
	c := startServer(t, Options{Debounce: time.Hour})
	c.initialize()
	inserts := []string{"1", "é", "𝄞", "&amp;", " ", "\n", "<", "&", `"`, "$(__MCC)", ""}
	rng := rand.New(rand.NewPCG(17, 2))
	updated := 0
	for i, text := range texts {
		uri := fmt.Sprintf("file:///kept/%d.xml", i)
		c.open(uri, text)
		c.waitDiags(uri, 1)
		d, err := c.server(uri)
		if err != nil {
			t.Fatal(err)
		}
		for v := 2; v <= 6; v++ {
			// A span inside a value, or (one time in four) anywhere.
			sn := d.snapshot()
			t0 := sn.text
			var from, to int
			if doc, _, _ := answerfile.Parse("x.xml", []byte(t0.src)); doc != nil && rng.IntN(4) > 0 {
				els := doc.Elements()
				e := els[rng.IntN(len(els))]
				if len(e.Attr) > 0 {
					a := e.Attr[rng.IntN(len(e.Attr))]
					vs, ve, _ := doc.AttrValueSpan(e, a.FullKey())
					from = vs + rng.IntN(ve-vs+1)
					to = from + rng.IntN(ve-from+1)
				}
			} else {
				from = rng.IntN(len(t0.src) + 1)
				to = min(len(t0.src), from+rng.IntN(3))
			}
			for from > 0 && !utf8.RuneStart(t0.src[from]) {
				from--
			}
			for to < len(t0.src) && !utf8.RuneStart(t0.src[to]) {
				to++
			}
			before := d.kept.take()
			d.kept.put(before)
			c.change(uri, v, &Range{Start: t0.position(from, encodingUTF16), End: t0.position(to, encodingUTF16)},
				inserts[rng.IntN(len(inserts))])
			for d.snapshot().version != v {
				time.Sleep(time.Millisecond)
			}
			sn = d.snapshot()
			got, err := c.srv.findings(sn)
			if err != nil {
				t.Fatal(err)
			}
			if after := d.kept.take(); after != nil {
				if after == before {
					updated++
				}
				d.kept.put(after)
			}
			own := &snapshot{uri: sn.uri, name: sn.name, version: sn.version, text: sn.text, disk: sn.disk}
			want, err := c.srv.findings(own)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("file %d, version %d: findings of the kept reading (-from scratch +kept):\n%s", i, v, diff)
			}
		}
	}
	t.Logf("%d of %d readings were updates", updated, 5*len(texts))
	if updated < len(texts) {
		t.Errorf("only %d readings were updates of the kept one", updated)
	}
	c.shutdown()
}
