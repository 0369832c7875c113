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
// keeps it; the others complete by name from flagCompletions, and a flag
// that is in neither (a number, a duration, free text) completes nothing.

type completeFunc = func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective)

// flagCompletions completes the value of a flag by its name, on every
// command that has it.
var flagCompletions = map[string]completeFunc{
	"disable":  listCompletion(lintRuleIDs),
	"severity": severityCompletion,
	// files and directories
	"config":         cobra.FixedCompletions([]string{"yaml", "yml"}, cobra.ShellCompDirectiveFilterFileExt),
	"check":          cobra.FixedCompletions([]string{"xml"}, cobra.ShellCompDirectiveFilterFileExt),
	"file":           cobra.FixedCompletions([]string{"xml"}, cobra.ShellCompDirectiveFilterFileExt),
	"stdin-filename": cobra.FixedCompletions([]string{"xml"}, cobra.ShellCompDirectiveFilterFileExt),
	"sims":           cobra.FixedCompletions([]string{"csv", "json"}, cobra.ShellCompDirectiveFilterFileExt),
	"output":         cobra.FixedCompletions(nil, cobra.ShellCompDirectiveDefault),
	"dir":            cobra.FixedCompletions(nil, cobra.ShellCompDirectiveFilterDirs),
	// values from a fixed set
	"encoding":  cobra.FixedCompletions([]string{"keep", "utf-8", "utf-8-bom", "utf-16le", "utf-16be"}, cobra.ShellCompDirectiveNoFileComp),
	"line-ends": cobra.FixedCompletions([]string{"keep", "lf", "crlf"}, cobra.ShellCompDirectiveNoFileComp),
	"direction": cobra.FixedCompletions([]string{"MT", "MO", "DLR"}, cobra.ShellCompDirectiveNoFileComp),
	"dlr": func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return retry.DLRStatuses(), cobra.ShellCompDirectiveNoFileComp
	},
	"chain": func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return retry.RouteNames(), cobra.ShellCompDirectiveNoFileComp
	},
	"threshold":           cobra.FixedCompletions([]string{"unset", "0xFFFFFFFF"}, cobra.ShellCompDirectiveNoFileComp),
	"retry-enabled":       cobra.FixedCompletions([]string{"0", "1"}, cobra.ShellCompDirectiveNoFileComp),
	"auto-retry-download": cobra.FixedCompletions([]string{"0", "1"}, cobra.ShellCompDirectiveNoFileComp),
	"roaming":             cobra.FixedCompletions([]string{"0", "1"}, cobra.ShellCompDirectiveNoFileComp),
	"uiccslot":            cobra.FixedCompletions([]string{"0", "1"}, cobra.ShellCompDirectiveNoFileComp),
	"uicc":                cobra.FixedCompletions([]string{"0", "1", "2"}, cobra.ShellCompDirectiveNoFileComp),
	// NAME=VALUE lists of SIM conditions
	"sim":       conditionCompletion,
	"condition": conditionCompletion,
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
		fn, ok := flagCompletions[f.Name]
		if !ok {
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
