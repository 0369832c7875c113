package lint

import (
	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/variant"
)

// check_patterns.go: the limits of a file's pattern: conditions.

// tooManyPatterns returns the number of the file's pattern: conditions and,
// when it is more than Config.Patterns allows, the first pattern over the
// limit, where the targets check reports pattern-limit once; then no
// pattern of the file is compiled.
func (c *checker) tooManyPatterns() (int, *answerfile.Condition) {
	var over *answerfile.Condition
	n := 0
	for _, t := range c.doc.Root.Targets {
		for _, st := range t.States {
			for i, cond := range st.Conditions {
				if variant.IsPattern(cond.Value.Value) {
					if n++; n == c.cfg.Patterns.Count()+1 {
						over = &st.Conditions[i]
					}
				}
			}
		}
	}
	return n, over
}
