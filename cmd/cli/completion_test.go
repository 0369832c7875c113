package cli

import (
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// TestEveryFlagCompletes walks the command tree: every flag that takes a
// value has a completion function, so that no flag falls back to file names
// unless it was registered to.
func TestEveryFlagCompletes(t *testing.T) {
	root := NewRoot(nil, nil, nil)
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		check := func(f *pflag.Flag) {
			if f.Value.Type() == "bool" || f.Name == "help" {
				return
			}
			if _, ok := c.GetFlagCompletionFunc(f.Name); !ok {
				t.Errorf("%s --%s (%s): no completion", c.CommandPath(), f.Name, f.Value.Type())
			}
		}
		c.LocalNonPersistentFlags().VisitAll(check)
		if c == root {
			c.PersistentFlags().VisitAll(check)
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}
