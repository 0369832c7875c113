package lint

import (
	"fmt"
	"slices"
	"testing"

	"github.com/mcsf-dev/mcsf/answerfile"
)

// TestGatherDiagnostics: the findings gathered from jobs (in parts, by
// several goroutines, when there are many) are exactly the concatenation
// sorted by answerfile.SortDiagnostics: for jobs in order, for import
// graphs whose files interleave with other jobs' or repeat theirs
// (duplicates across jobs), and for a part boundary that falls between
// two such jobs. Failed is whether a finding is at or above its job's
// fail-on severity.
func TestGatherDiagnostics(t *testing.T) {
	// jobList makes n jobs of k findings each, in files named by file(i, m).
	jobList := func(n, k int, file func(i, m int) string) []*job {
		jobs := make([]*job, n)
		for i := range jobs {
			j := &job{failOn: answerfile.Error}
			for m := range k {
				j.diags = append(j.diags, answerfile.Diagnostic{File: file(i, m), Line: 1 + m%3, Column: m,
					Rule: "r", Severity: answerfile.Info, Message: "m", Path: "/ImageCustomizations"})
			}
			j.diags = answerfile.SortDiagnostics(j.diags)
			jobs[i] = j
		}
		return jobs
	}
	own := func(i, m int) string { return fmt.Sprintf("f%05d.xml", i) }
	cases := map[string][]*job{
		"none":           nil,
		"no findings":    jobList(5, 0, own),
		"few, in order":  jobList(10, 4, own),
		"many, in order": jobList(10000, 4, own),
		"many, graphs importing shared files": jobList(3000, 5, func(i, m int) string {
			if m == 4 {
				return "shared.xml" // the same finding in every graph
			}
			return fmt.Sprintf("f%05d.xml", i)
		}),
		"many, graphs interleaving": jobList(3000, 5, func(i, m int) string {
			return fmt.Sprintf("f%05d.xml", (i+m*997)%3000)
		}),
		"many, one finding out of order at the middle": jobList(8000, 2, func(i, m int) string {
			if i == 4000 && m == 0 {
				return "a.xml"
			}
			return fmt.Sprintf("f%05d.xml", i)
		}),
	}
	for name, jobs := range cases {
		t.Run(name, func(t *testing.T) {
			var all []answerfile.Diagnostic
			wantFailed := len(jobs) > 1000 // an error in a job of the first part
			if wantFailed {
				jobs[len(jobs)/4].diags[1].Severity = answerfile.Error
			}
			for _, j := range jobs {
				all = append(all, j.diags...)
			}
			want := answerfile.SortDiagnostics(slices.Clone(all))
			got, failed := gatherDiagnostics(jobs)
			if !slices.EqualFunc(got, want, func(a, b answerfile.Diagnostic) bool { return a.String() == b.String() && a.Path == b.Path }) {
				t.Errorf("got %d findings, want %d: %.5v..., want %.5v...", len(got), len(want), got, want)
			}
			if failed != wantFailed {
				t.Errorf("failed = %v, want %v", failed, wantFailed)
			}
		})
	}
}
