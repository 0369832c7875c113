package report

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/mcsf-dev/mcsf/answerfile"
)

// manyFilesReport is the fixture's findings repeated under n directories:
// findings in files of their own and with related locations in others,
// lines with tabs and non-ASCII characters, every file a Source of its own
// that indexes its text on first use.
func manyFilesReport(t *testing.T, n int) *Report {
	t.Helper()
	fix := fixtureReport(t)
	texts := map[string]string{}
	for name, src := range fix.Sources {
		var lines []string
		for i := 1; i <= 20; i++ {
			lines = append(lines, src.Line(i))
		}
		texts[name] = strings.Join(lines, "\n")
	}
	r := &Report{Sources: Sources{}, Color: fix.Color}
	for k := range n {
		dir := fmt.Sprintf("d%04d/", k)
		for _, d := range fix.Diagnostics {
			d.File = dir + d.File
			d.Related = slices.Clone(d.Related)
			for i := range d.Related {
				d.Related[i].File = dir + d.Related[i].File
			}
			r.Diagnostics = append(r.Diagnostics, d)
		}
		for name, text := range texts {
			r.Sources[dir+name] = answerfile.NewSource([]byte(text))
		}
	}
	return r
}

// TestTextInParts: the text of a list formatted in parts by several
// goroutines is byte for byte the text one goroutine writes, with and
// without colour, for sorted findings and for findings out of order (a
// file's findings in several parts, read by several goroutines).
func TestTextInParts(t *testing.T) {
	for _, color := range []bool{false, true} {
		for _, order := range []string{"sorted", "reversed"} {
			t.Run(fmt.Sprintf("%s color=%v", order, color), func(t *testing.T) {
				serial, parallel := manyFilesReport(t, 400), manyFilesReport(t, 400)
				if order == "reversed" {
					slices.Reverse(serial.Diagnostics)
					slices.Reverse(parallel.Diagnostics)
				}
				var want, got bytes.Buffer
				if err := writeDiagnostics(&want, serial.Diagnostics, serial.Sources, color, 40, 1); err != nil {
					t.Fatal(err)
				}
				if err := writeDiagnostics(&got, parallel.Diagnostics, parallel.Sources, color, 40, 4); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got.Bytes(), want.Bytes()) {
					t.Errorf("in parts: %d bytes, serially: %d bytes; first difference at byte %d",
						got.Len(), want.Len(), firstDifference(got.Bytes(), want.Bytes()))
				}
				if !bytes.Contains(want.Bytes(), []byte("d0399/answers/base.xml:4:")) || !bytes.Contains(want.Bytes(), []byte("^~")) {
					t.Errorf("the text lacks the last directory's related location or a caret:\n%.2000s", want.Bytes())
				}
			})
		}
	}
}

func firstDifference(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// TestCutParts: parts cover the list in order, each but the last holds
// partSize items, and an empty list is one empty part.
func TestCutParts(t *testing.T) {
	for _, n := range []int{0, 1, partSize - 1, partSize, partSize + 1, 5*partSize + 7} {
		parts := cutParts(n)
		next := 0
		for k, p := range parts {
			if p.lo != next || (k < len(parts)-1 && p.hi-p.lo != partSize) || p.hi <= p.lo && n > 0 {
				t.Fatalf("n=%d: part %d is %v after %d: %v", n, k, p, next, parts)
			}
			next = p.hi
		}
		if next != n || len(parts) != max(1, (n+partSize-1)/partSize) {
			t.Errorf("n=%d: parts end at %d: %v", n, next, parts)
		}
	}
}

// failAfter fails its write number n (1-based) and every later one.
type failAfter struct {
	n, writes int
	buf       bytes.Buffer
}

func (w *failAfter) Write(p []byte) (int, error) {
	w.writes++
	if w.writes >= w.n {
		return 0, errors.New("disk full")
	}
	return w.buf.Write(p)
}

// TestWritePartsError: a write error stops writeParts (no later part is
// written, no goroutine is left waiting) and is returned; what was written
// before it is the start of the whole text.
func TestWritePartsError(t *testing.T) {
	parts := cutParts(40 * partSize)
	appendPart := func(b []byte, p span) []byte { return fmt.Appendf(b, "%d-%d;", p.lo, p.hi) }
	var whole bytes.Buffer
	if err := writeParts(&whole, parts, 1, appendPart); err != nil {
		t.Fatal(err)
	}
	for _, workers := range []int{1, 2, 8} {
		for _, n := range []int{1, 3, len(parts)} {
			w := &failAfter{n: n}
			err := writeParts(w, parts, workers, appendPart)
			if err == nil || err.Error() != "disk full" {
				t.Errorf("workers=%d, write %d fails: got %v, want disk full", workers, n, err)
			}
			if w.writes != n || !bytes.HasPrefix(whole.Bytes(), w.buf.Bytes()) {
				t.Errorf("workers=%d, write %d fails: %d writes of %q", workers, n, w.writes, w.buf.Bytes())
			}
		}
	}
}

// TestTextReportWriteError: the text and JSON reports of many findings
// (formatted in parts) report a write error.
func TestTextReportWriteError(t *testing.T) {
	r := manyFilesReport(t, 400)
	for _, format := range []string{"text", "json"} {
		w := &failAfter{n: 2}
		if err := Write(w, format, r); err == nil || err.Error() != "write report: disk full" {
			t.Errorf("--format %s: got %v, want write report: disk full", format, err)
		}
	}
}
