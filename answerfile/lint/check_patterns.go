package lint

import (
	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/variant"
)

// check_patterns.go: the limits of a file's pattern: conditions.

// tooManyPatterns returns, when the file's pattern: conditions are over
// Config.Patterns (their count or their total size), what the targets
// check reports once as pattern-limit, and the first pattern over the
// limit, where it reports it; then no pattern of the file is compiled.
func (c *checker) tooManyPatterns() (string, *answerfile.Condition) {
	var over *answerfile.Condition
	n, total := 0, 0
	for _, t := range c.doc.Root.Targets {
		for _, st := range t.States {
			for i, cond := range st.Conditions {
				n, total = variant.Cost(n, total, cond.Value.Value)
				if _, o := c.cfg.Patterns.Over(n, total); o && over == nil {
					over = &st.Conditions[i]
				}
			}
		}
	}
	msg, _ := c.cfg.Patterns.Over(n, total)
	return msg, over
}
