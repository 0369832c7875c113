package lsp

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

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
