package retry

import (
	"fmt"
	"github.com/mcsf-dev/mcsf/internal/english"
	"io"
	"strings"
)

// WriteText writes the timeline as a table in the manner of Microsoft's
// worked example: elapsed time (hh:mm:ss, with days in front past 24 hours)
// and the activity. A header names each stage's parameters; a chain adds a
// STAGE column; the last line names the final state. Events of one stage at
// one moment share a row, and every attempt starts a row of its own.
func WriteText(w io.Writer, t *Timeline) error {
	var b strings.Builder
	fmt.Fprintf(&b, "message: %s\n", t.Direction.Describe())
	for _, s := range t.Stages {
		fmt.Fprintf(&b, "[%s] %s\n", s.Owner, s.Policy.Summary())
	}
	fmt.Fprintln(&b)
	type row struct{ at, stage, text string }
	var rows []row
	for i, e := range t.Events {
		if i > 0 {
			prev := t.Events[i-1]
			if prev.At == e.At && prev.Stage == e.Stage && e.Kind != KindAttempt {
				rows[len(rows)-1].text += " " + e.Detail
				continue
			}
		}
		rows = append(rows, row{FormatElapsed(e.At), e.Stage, e.Detail})
	}
	chain := len(t.Stages) > 1
	atW, stW := len("ELAPSED"), len("STAGE")
	for _, r := range rows {
		atW, stW = max(atW, len(r.at)), max(stW, len(r.stage))
	}
	line := func(at, stage, text string) {
		if chain {
			fmt.Fprintf(&b, "%-*s  %-*s  %s\n", atW, at, stW, stage, text)
		} else {
			fmt.Fprintf(&b, "%-*s  %s\n", atW, at, text)
		}
	}
	line("ELAPSED", "STAGE", "ACTIVITY")
	for _, r := range rows {
		line(r.at, r.stage, r.text)
	}
	fmt.Fprintln(&b)
	fmt.Fprintln(&b, finalLine(t))
	_, err := io.WriteString(w, b.String())
	return err
}

// finalLine is "final: delivered at 00:02:41 after 4 attempts (sms 2, nowsms 2)".
func finalLine(t *Timeline) string {
	f := t.Final()
	s := fmt.Sprintf("final: %s at %s after %s", f.Kind, FormatElapsed(f.At), english.Count(t.Attempts(), "attempt"))
	if len(t.Stages) > 1 {
		var parts []string
		for _, st := range t.Stages {
			parts = append(parts, fmt.Sprintf("%s %d", st.Policy.Name(), st.Attempts))
		}
		s += " (" + strings.Join(parts, ", ") + ")"
	}
	if d, ok := LookupDLR(f.DLR); ok && f.DLR != "" {
		s += fmt.Sprintf("; delivery report %s → content provider: %s (DLR table)", d.Status, d.Advice())
	}
	return s
}
