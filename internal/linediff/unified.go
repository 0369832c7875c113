package linediff

import (
	"bytes"
	"strconv"
	"strings"
)

// context is the number of equal lines shown around each change; changes
// with at most 2·context equal lines between them share a hunk.
const context = 3

// Unified returns the unified diff that turns a into b, with 3 lines of
// context, under the headers "--- nameA" and "+++ nameB"; "" when a and b
// are equal. A hunk header gives each side's first line (1-based) and
// length, the length left out when it is 1, and "0,0" for an empty side,
// as GNU diff -u writes them.
func Unified(nameA, nameB string, a, b []byte) string {
	return unified(nameA, nameB, a, b, maxCost)
}

// unified is Unified with the search bound budget.
func unified(nameA, nameB string, a, b []byte, budget int) string {
	if bytes.Equal(a, b) {
		return ""
	}
	la, lb := splitLines(string(a)), splitLines(string(b))
	es := diff(la, lb, budget)
	var w strings.Builder
	w.Grow(len(nameA) + len(nameB) + len(a) + len(b) + 64)
	w.WriteString("--- " + nameA + "\n+++ " + nameB + "\n")
	for len(es) > 0 {
		n := 1
		for n < len(es) && es[n].a0-es[n-1].a1 <= 2*context {
			n++
		}
		writeHunk(&w, la, lb, es[:n])
		es = es[n:]
	}
	return w.String()
}

// writeHunk writes the hunk of the edits es, with their context.
func writeHunk(w *strings.Builder, a, b []string, es []edit) {
	first, last := es[0], es[len(es)-1]
	a0, a1 := max(first.a0-context, 0), min(last.a1+context, len(a))
	b0, b1 := first.b0-(first.a0-a0), last.b1+(a1-last.a1)
	w.WriteString("@@ -" + hunkRange(a0, a1) + " +" + hunkRange(b0, b1) + " @@\n")
	at := a0
	for _, e := range es {
		writeLines(w, ' ', a[at:e.a0])
		writeLines(w, '-', a[e.a0:e.a1])
		writeLines(w, '+', b[e.b0:e.b1])
		at = e.a1
	}
	writeLines(w, ' ', a[at:a1])
}

// hunkRange writes the lines [from, to) (0-based) of one side of a hunk.
func hunkRange(from, to int) string {
	switch to - from {
	case 0: // an empty side: the line before the hunk, 0 at the start
		return strconv.Itoa(from) + ",0"
	case 1:
		return strconv.Itoa(from + 1)
	}
	return strconv.Itoa(from+1) + "," + strconv.Itoa(to-from)
}

// writeLines writes lines, each after the mark op.
func writeLines(w *strings.Builder, op byte, lines []string) {
	for _, l := range lines {
		w.WriteByte(op)
		w.WriteString(l)
		if !strings.HasSuffix(l, "\n") {
			w.WriteString("\n\\ No newline at end of file\n")
		}
	}
}
