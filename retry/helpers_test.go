package retry

import (
	"fmt"
	"strings"
	"testing"
)

// brief writes each event on one line: time, stage, kind, then channel,
// attempt number, duration and error when the event has them.
func brief(t *Timeline) []string {
	var out []string
	for _, e := range t.Events {
		parts := []string{FormatElapsed(e.At), e.Stage, string(e.Kind)}
		if e.Channel != "" {
			parts = append(parts, string(e.Channel))
		}
		if e.Attempt > 0 {
			parts = append(parts, fmt.Sprintf("#%d", e.Attempt))
		}
		if e.Kind.hasSpan() {
			parts = append(parts, shortDuration(e.Duration))
		}
		if e.Error != "" {
			parts = append(parts, "err="+string(e.Error))
			if e.Code != "" {
				parts[len(parts)-1] += "=" + e.Code
			}
		}
		if e.DLR != "" {
			parts = append(parts, "dlr="+e.DLR)
		}
		out = append(out, strings.Join(parts, " "))
	}
	return out
}

func mustOutcomes(t testing.TB, s string) []Outcome {
	t.Helper()
	if s == "" {
		return nil
	}
	os, err := ParseOutcomes(s)
	if err != nil {
		t.Fatalf("ParseOutcomes(%q): %v", s, err)
	}
	return os
}

func run(t testing.TB, chain []Policy, outcomes string) *Timeline {
	t.Helper()
	tl, err := Run(chain, mustOutcomes(t, outcomes), Options{})
	if err != nil {
		t.Fatalf("Run(%s, %q): %v", chainString(chain), outcomes, err)
	}
	return tl
}

// flag is a setting given on the command line.
func flag(name string, v uint32) Setting {
	return Setting{Name: name, Value: v, Set: true, From: "--flag"}
}

// mmsOn is NewMMS with AutoRetryDownload=1 from a flag.
func mmsOn() MMS {
	p := NewMMS()
	p.AutoRetry = flag("AutoRetryDownload", 1)
	return p
}
