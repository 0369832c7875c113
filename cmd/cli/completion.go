package cli

import (
	"slices"
	"strings"

	"github.com/mcsf-dev/mcsf/answerfile/lint"
	"github.com/mcsf-dev/mcsf/retry"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// completion.go: shell completion of flag values over the whole tree, so
// that no flag falls back to completing file names unless its value is one.
// A flag whose command registers a completion itself (enumFlag, formatFlag)
// keeps it; the others get flagCompletion's for their name, and a flag
// that is in neither (a number, a duration, free text) completes nothing.

type completeFunc = func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective)

// flagCompletion completes the value of a flag by its name, on every
// command that has it; nil for a flag it does not know. (A function, not a
// map: a map of completions was built by code at every start.)
func flagCompletion(name string) completeFunc {
	files := func(exts ...string) completeFunc {
		return cobra.FixedCompletions(exts, cobra.ShellCompDirectiveFilterFileExt)
	}
	values := func(vs ...string) completeFunc { return cobra.FixedCompletions(vs, cobra.ShellCompDirectiveNoFileComp) }
	switch name {
	case "disable":
		return listCompletion(lintRuleIDs)
	case "severity":
		return severityCompletion
	// files and directories
	case "config":
		return files("yaml", "yml")
	case "check", "file", "stdin-filename":
		return files("xml")
	case "sims":
		return files("csv", "json")
	case "output":
		return cobra.FixedCompletions(nil, cobra.ShellCompDirectiveDefault)
	case "dir":
		return cobra.FixedCompletions(nil, cobra.ShellCompDirectiveFilterDirs)
	// values from a fixed set
	case "encoding":
		return values("keep", "utf-8", "utf-8-bom", "utf-16le", "utf-16be")
	case "line-ends":
		return values("keep", "lf", "crlf")
	case "direction":
		return values("MT", "MO", "DLR")
	case "dlr":
		return func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
			return retry.DLRStatuses(), cobra.ShellCompDirectiveNoFileComp
		}
	case "chain":
		return func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
			return retry.RouteNames(), cobra.ShellCompDirectiveNoFileComp
		}
	case "threshold":
		return values("unset", "0xFFFFFFFF")
	case "retry-enabled", "auto-retry-download", "roaming", "uiccslot":
		return values("0", "1")
	case "uicc":
		return values("0", "1", "2")
	// NAME=VALUE lists of SIM conditions
	case "sim", "condition":
		return conditionCompletion
	}
	return nil
}

// registerCompletions gives every value flag of root's tree a completion.
func registerCompletions(c *cobra.Command) {
	register := func(f *pflag.Flag) {
		if f.Value.Type() == "bool" || f.Name == "help" {
			return
		}
		if _, ok := c.GetFlagCompletionFunc(f.Name); ok {
			return
		}
		fn := flagCompletion(f.Name)
		if fn == nil {
			fn = cobra.NoFileCompletions
		}
		_ = c.RegisterFlagCompletionFunc(f.Name, fn)
	}
	c.LocalNonPersistentFlags().VisitAll(register)
	c.PersistentFlags().VisitAll(register)
	for _, sub := range c.Commands() {
		registerCompletions(sub)
	}
}

// lintRuleIDs lists the rules lint runs (explain also knows generate's).
func lintRuleIDs() []string {
	ids := make([]string, len(lint.Rules))
	for i, r := range lint.Rules {
		ids[i] = r.ID
	}
	return ids
}

// listCompletion completes one more item of a comma-separated list of
// values, leaving out the ones already in it.
func listCompletion(values func() []string) completeFunc {
	return func(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		done := toComplete[:strings.LastIndex(toComplete, ",")+1]
		have := strings.Split(done, ",")
		var out []cobra.Completion
		for _, v := range values() {
			if !slices.Contains(have, v) {
				out = append(out, done+v)
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

// severityCompletion completes RULE=LEVEL: the rule ids, then the levels.
func severityCompletion(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if rule, _, ok := strings.Cut(toComplete, "="); ok {
		var out []cobra.Completion
		for _, level := range []string{"error", "warning", "info", "off"} {
			out = append(out, rule+"="+level)
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
	var out []cobra.Completion
	for _, id := range lintRuleIDs() {
		out = append(out, id+"=")
	}
	return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
}

// conditionCompletion completes the names of a 'name=value,...' SIM.
func conditionCompletion(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	done := toComplete[:strings.LastIndex(toComplete, ",")+1]
	if strings.Contains(toComplete[len(done):], "=") {
		return nil, cobra.ShellCompDirectiveNoFileComp // a value: free text
	}
	var out []cobra.Completion
	for _, f := range simFlagNames {
		if !strings.HasPrefix(done, f.flag+"=") && !strings.Contains(done, ","+f.flag+"=") {
			out = append(out, done+f.flag+"=")
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
}
