package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

// args.go: positional-argument checks whose errors say what is expected,
// and list the choices where there is a fixed set, instead of cobra's
// "accepts 1 arg(s), received 0".

// exactArgs accepts exactly one argument called name (as in the command's
// Use line). choices, when not nil, returns the values it can take, listed
// when the argument is missing; checking the value is left to the command,
// which knows how to say what is wrong with it.
func exactArgs(name string, choices func() []string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		sub := strings.TrimPrefix(cmd.CommandPath(), cmd.Root().Name()+" ")
		switch {
		case len(args) == 1:
			return nil
		case len(args) == 0 && choices != nil:
			return usageError("%s needs %s, one of: %s", sub, name, strings.Join(choices(), ", "))
		case len(args) == 0:
			return usageError("%s needs %s (run '%s --help' for usage)", sub, name, cmd.CommandPath())
		}
		return usageError("%s takes one %s, got %d: %s", sub, name, len(args), quoteAll(args))
	}
}

func quoteAll(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = fmt.Sprintf("%q", a)
	}
	return strings.Join(q, " ")
}

// suggestFor names the words users of other tools type for a command;
// cobra's "Did you mean this?" then names the command.
func suggestFor(command string) []string {
	switch command {
	case "lint":
		return []string{"validate", "check", "verify"}
	case "fmt":
		return []string{"format"}
	case "generate":
		return []string{"build"}
	}
	return nil
}

// addSuggestions sets SuggestFor on the top-level commands of root.
func addSuggestions(root *cobra.Command) {
	for _, c := range root.Commands() {
		c.SuggestFor = append(c.SuggestFor, suggestFor(c.Name())...)
	}
}

// ruleIDs lists every lint rule id, sorted.
func ruleIDs() []string {
	var ids []string
	for _, r := range allRules() {
		ids = append(ids, r.ID)
	}
	return ids
}
