package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"github.com/mcsf-dev/mcsf/fileio"
	"github.com/mcsf-dev/mcsf/internal/english"
	"github.com/mcsf-dev/mcsf/internal/linediff"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/answerfile/lint"
	"github.com/mcsf-dev/mcsf/report"
	"github.com/mcsf-dev/mcsf/templates"
	"github.com/mcsf-dev/mcsf/variant"
	"github.com/spf13/cobra"
)

// lint.go: the lint command, and rules and explain, which print the rule table.

type lintOptions struct {
	inputOptions
	outputs    []output // --format (outputs.go)
	strict     bool
	disable    []string
	severity   []string
	failOn     string
	configPath string
	fix, diff  bool
	pathPrefix string // --path-prefix (checkout_paths.go)
	// excerptWidth is the most characters of a source line quoted (0: the default)
	excerptWidth int
	importOptions
	// set by runLint from the flags that were given
	strictSet, failOnSet, pathPrefixSet bool
}

const lintLong = `Check MCSF answer files for every mistake Microsoft's ImageApp would reject,
and for the ones it accepts but that make a device behave wrongly: a Variant
that can never apply, a per-IMSI setting in Static, an empty Value left from a
documentation sample, an IMS retry threshold of 0, targets that overlap at
equal priority, and more. 'mcsf rules' lists the rules; 'mcsf explain RULE'
explains one.

Directories are walked for *.xml files; XML files whose root is not
<ImageCustomizations> are skipped and counted. Naming a file checks it
whatever its root. - reads standard input. Files are checked in parallel;
the output is sorted by file, line, column and rule.

A file with <Imports> is linted with everything it imports, merged as
ImageApp merges them (the root file over imports, Priority 1 over 2, a clash
at equal Priority is an error), and each finding names the file it is in.
Target Ids are global across the files. An imported file that is also given
on its own is checked once, as part of its root. --path-map maps Windows
paths in Import Source to local directories; --no-imports lints each file
alone.

Configuration: --strict (unknown settings paths and names become errors, as
ImageApp's +StrictSettingPolicies), --disable RULE, --severity RULE=LEVEL
(error, warning, info or off), --fail-on LEVEL (the lowest severity that
fails the run; default error). The same keys can live in a .mcsf.yaml found
in the directory of each file or the nearest parent (the working directory
for standard input); its schema is 'mcsf schema config'. Flags override the
file: --strict and --fail-on replace its values, --disable adds to its list,
--severity overrides it rule by rule.

Suppression: <!-- mcsf:ignore RULE[,RULE] reason --> on the line before an
element silences those rules for the element and its children;
<!-- mcsf:ignore-file RULE reason --> for the whole file. The reason is
required; a suppression that silences nothing is reported.

Policies (choices of this project where Microsoft documents nothing; see
'mcsf explain' of each rule):
  - Pattern: and Range: are accepted, but warned about: Microsoft's validator
    knows only pattern: and range: (condition-prefix-case).
  - MATCHING-POLICY
  - Patterns are evaluated with Go's RE2; a .NET-only pattern is reported and
    never guessed (pattern-unsupported).

`

// lintLongEnd follows the output formats in lint's long help.
const lintLongEnd = `

Fixes: --fix applies the fixes of the findings whose fix is mechanical and
changes nothing else (rules marked fixable in 'mcsf rules --format json':
spelling of paths, names, OwnerType and condition prefixes, element order,
an exact duplicate setting, missing Multivariant/AutoDataConfig groups, the
documentation samples' nested comment), lints again, and writes each file
as fmt -w does: atomically, keeping its mode, refusing a file changed since
it was read. The report then shows what is left. --diff shows the changes
as a unified diff instead of writing them (exit 1 when there are some).
The files of an import graph are fixed with the graph's findings (a group
another file of the graph sets is not added); only the files given, named
or in a folder, are written: a file reached only through an Import is
named on standard error and left as it is.

Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it,
2 usage error (bad flag, unknown rule, invalid .mcsf.yaml, no answer file
found), 3 internal error.

Examples:
  mcsf lint answers.xml
  mcsf lint answers/
  mcsf lint --format sarif answers/ > mcsf.sarif
  mcsf lint --strict --fail-on warning answers/
  mcsf lint --disable path-case --severity unknown-settings-path=info answers.xml
  mcsf lint --fix answers.xml
  cat answers.xml | mcsf lint - --stdin-filename answers.xml`

func newLintCmd(io *streams) *cobra.Command {
	o := &lintOptions{}
	cmd := &cobra.Command{
		Use:   "lint [FILE|DIR|GLOB|- ...]",
		Short: "Check answer files for errors ImageApp rejects and mistakes it accepts",
		Long:  withMatchingPolicy(lintLong) + report.Help() + lintLongEnd,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.strictSet = cmd.Flags().Changed("strict")
			o.pathPrefixSet = cmd.Flags().Changed("path-prefix")
			o.failOnSet = cmd.Flags().Changed("fail-on")
			return runLint(o, args, io)
		},
	}
	f := cmd.Flags()
	addOutputsFlag(cmd, &o.outputs)
	cmd.Flags().StringVar(&o.pathPrefix, "path-prefix", "", "put `DIR/` before relative file names in sarif, github, azure, checkstyle and codeclimate output (default: where the working directory is in its git checkout)")
	f.BoolVar(&o.strict, "strict", false, "make unknown settings paths and names errors")
	f.StringSliceVar(&o.disable, "disable", nil, "do not run RULE (repeatable, or comma-separated)")
	f.StringArrayVar(&o.severity, "severity", nil, "set the severity of RULE: RULE=error|warning|info|off (repeatable)")
	f.StringVar(&o.failOn, "fail-on", "error", "lowest severity that makes the run fail: error, warning or info")
	f.BoolVar(&o.fix, "fix", false, "apply the mechanical fixes and write the files")
	f.BoolVar(&o.diff, "diff", false, "with or without --fix: print the fixes as a unified diff, write nothing")
	f.StringVar(&o.configPath, "config", "", "use this configuration file instead of looking for "+lint.ConfigFileName)
	f.IntVar(&o.excerptWidth, "excerpt-width", report.DefaultExcerptWidth, "quote at most this many characters of a source line (text and SARIF), cut around the column with …")
	addImportFlags(cmd, &o.importOptions, true)
	addPatternFlags(cmd, &o.patterns)
	addInputFlags(cmd, &o.inputOptions)
	_ = cmd.RegisterFlagCompletionFunc("fail-on", cobra.FixedCompletions([]string{"error", "warning", "info"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// settings is what the command line says about rules (lint.Settings: it
// wins over .mcsf.yaml). strictSet and failOnSet tell which flags were given.
func (o *lintOptions) settings() (lint.Settings, error) {
	s := lint.Settings{Severity: map[string]answerfile.Severity{}, Patterns: o.patterns}
	if err := checkPatternLimits(o.patterns); err != nil {
		return s, err
	}
	if o.strictSet {
		s.Strict = &o.strict
	}
	if o.failOnSet {
		sev, err := answerfile.ParseSeverity(o.failOn)
		if err != nil {
			return s, usageError("--fail-on: %v", err)
		}
		s.FailOn = &sev
	}
	for _, id := range o.disable {
		id = strings.TrimSpace(id)
		if err := lint.CheckRuleID(id); err != nil {
			return s, usageError("--disable: %v", err)
		}
		s.Disable = append(s.Disable, id)
	}
	var off []string
	for _, kv := range o.severity {
		id, level, ok := strings.Cut(kv, "=")
		if !ok {
			return s, usageError("--severity %q: write RULE=LEVEL, e.g. --severity path-case=warning", kv)
		}
		id = strings.TrimSpace(id)
		if err := lint.CheckRuleID(id); err != nil {
			return s, usageError("--severity: %v", err)
		}
		if strings.EqualFold(strings.TrimSpace(level), "off") {
			off = append(off, id)
			continue
		}
		sev, err := answerfile.ParseSeverity(level)
		if err != nil {
			return s, usageError("--severity %s: %v (or off)", kv, err)
		}
		s.Severity[id] = sev
	}
	s.Disable = append(s.Disable, off...)
	return s, nil
}

// linterOptions are the lint.LinterOptions of the flags.
func (o *lintOptions) linterOptions(io *streams) (lint.LinterOptions, error) {
	settings, err := o.settings()
	if err != nil {
		return lint.LinterOptions{}, err
	}
	imports, err := o.importOptions.linterImports()
	if err != nil {
		return lint.LinterOptions{}, err
	}
	opts := lint.LinterOptions{Settings: settings, ConfigFile: o.configPath, Imports: imports,
		MaxFileSize: o.maxFileSize, Stdin: io.in, StdinName: o.stdinInput().display,
		Fix: o.fix || o.diff,
		// Only the text and SARIF reports quote source lines.
		KeepSources: hasFormat(o.outputs, "text") || hasFormat(o.outputs, "sarif")}
	// memory.go: the binary's garbage-collector policy, from the start: the
	// walk of a directory of 10,000 files collected twice before it.
	mem := io.memoryLimit(1)
	mem.onlyLimit()
	opts.OnStart = mem.setWorkers
	opts.OnRead = mem.add
	return opts, nil
}

func runLint(o *lintOptions, args []string, io *streams) error {
	started := time.Now()
	if len(args) == 0 {
		return usageError("no input: name files or directories, or - for standard input")
	}
	if o.fix && !o.diff && slices.Contains(args, "-") {
		return usageError("--fix writes files, and standard input is none: add --diff to see the fixes")
	}
	if _, err := answerfile.ParseSeverity(o.failOn); err != nil {
		return usageError("--fail-on: %v", err)
	}
	opts, err := o.linterOptions(io)
	if err != nil {
		return err
	}
	l, err := lint.NewLinter(opts)
	if err != nil {
		return lintError(err)
	}
	for _, a := range args {
		if err := wrongKindForAnswerFile(a, peek(a)); a != "-" && err != nil {
			return err // kind.go
		}
	}
	res, err := l.LintFiles(args)
	if err != nil {
		return lintError(err)
	}
	if o.fix || o.diff {
		if done, err := o.applyFixes(res.Fixed, res.NotFixed, io); done || err != nil {
			return err
		}
	}
	r := &report.Report{
		FileNames:    res.Files,
		Skipped:      res.Skipped,
		Diagnostics:  res.Diagnostics,
		Rules:        lint.Rules,
		Sources:      res.Sources,
		Color:        colorOn(io.out, os.Getenv),
		ExcerptWidth: o.excerptWidth,
	}
	r.Root, _ = os.Getwd() // "" when unknown
	r.ToolVersion = currentVersion().SemanticVersion
	r.Hostname, _ = os.Hostname()
	r.Started, r.Elapsed = started, time.Since(started)
	inCI := r // a copy with other names only for the formats that need them (41,000 findings, 7 MB)
	if slices.ContainsFunc(o.outputs, func(out output) bool { return slices.Contains(checkoutFormats, out.format) }) {
		prefix, top := checkoutPrefix(o.pathPrefix, o.pathPrefixSet, r.Root)
		inCI = inCheckout(r, prefix, top)
	}
	if err := writeOutputs(o.outputs, r, res.Inputs, inCI, io); err != nil {
		return err
	}
	if err := writeGitHubSummary(hasFormat(o.outputs, "github"), r); err != nil { // github_summary.go
		return err
	}
	if res.Failed {
		return errFindings
	}
	return nil
}

// lintError gives an error of the Linter its exit code: inputs or a
// configuration that cannot be used are usage errors (2), anything else is
// internal (3).
func lintError(err error) error {
	var ce *lint.ConfigError
	var ie *lint.InputError
	var ae *fileio.ArgError
	if errors.As(err, &ce) || errors.As(err, &ie) || errors.As(err, &ae) {
		return &exitError{code: ExitUsage, err: err}
	}
	return internal(err)
}

// applyFixes writes the fixed files (--fix) or prints their diffs (--diff),
// in the order of the inputs. done is true when nothing more is to be
// printed (--diff).
func (o *lintOptions) applyFixes(fixed []lint.FixedFile, notFixed []string, io *streams) (done bool, err error) {
	for _, name := range notFixed {
		fmt.Fprintf(io.err, "mcsf: %s is not fixed: it is only imported; name it, or its folder, to fix it\n", name)
	}
	findings := 0
	for _, f := range fixed {
		findings += f.Findings
		if o.diff {
			fmt.Fprint(patchOut(io.out), linediff.Unified("a/"+f.Name, "b/"+f.Name, f.Original, f.Data))
			continue
		}
		if err := writeFile(io.err, f.Path, f.Data, fileio.WriteOptions{Expect: f.Original}); err != nil {
			return true, err
		}
	}
	if o.diff {
		if len(fixed) > 0 {
			return true, errFindings
		}
		return true, nil
	}
	if len(fixed) > 0 {
		fmt.Fprintf(io.err, "mcsf: fixed %s in %s\n", english.Count(findings, "finding"), english.Count(len(fixed), "file"))
	}
	return false, nil
}

const rulesLong = `List the lint rules: ID, default severity and what each finds. The same
table drives 'mcsf explain', the SARIF rule metadata and .mcsf.yaml checks.

Examples:
  mcsf rules
  mcsf rules --format json`

func newRulesCmd(io *streams) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List the lint rules",
		Long:  rulesLong,
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return writeRules(io.out, format)
		},
	}
	formatFlag(cmd, &format, "", "text", "json")
	return cmd
}

func writeRules(w io.Writer, format string) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false) // the examples are XML
		enc.SetIndent("", "  ")
		if err := enc.Encode(allRules()); err != nil {
			return internal(fmt.Errorf("write rules: %w", err))
		}
		return nil
	case "text":
		rules := allRules()
		width := 0
		for _, r := range rules {
			width = max(width, len(r.ID))
		}
		for _, r := range rules {
			fmt.Fprintf(w, "%-*s  %-7s  %s\n", width, r.ID, r.Severity, r.Summary)
		}
		fmt.Fprintf(w, "\n%d rules. 'mcsf explain RULE' shows a rule in full.\n", len(rules))
		return nil
	}
	return internal(fmt.Errorf("unknown --format %q", format)) // the flag accepts text and json only
}

const explainLong = `Explain a lint rule: what it finds, why it matters, where the fact comes
from (Microsoft's documentation, Microsoft's imaging tools, or a policy of
this project, stated in full), a bad and a good example, and how to turn
it off. Given a settings path or a setting name instead (or PATH/NAME), show
what the customization catalog knows of it: customization, scope and where
it belongs, values, default, precedence, constraints and the page.

Examples:
  mcsf explain empty-value
  mcsf explain condition-prefix-case
  mcsf explain AutoRetryDownload
  mcsf explain CellCore/PerDevice/SMS`

func newExplainCmd(io *streams) *cobra.Command {
	return &cobra.Command{
		Use:   "explain RULE|PATH|NAME",
		Short: "Explain a lint rule, a settings path or a setting",
		Long:  explainLong,
		Args:  exactArgs("RULE", ruleIDs), // args.go: a settings path or name is taken too
		ValidArgsFunction: func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			var ids []string
			for _, r := range allRules() {
				ids = append(ids, r.ID)
			}
			return append(ids, catalogWords(false)...), cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			for _, r := range allRules() {
				if r.ID == args[0] {
					writeExplain(io.out, r)
					return nil
				}
			}
			if explainSetting(io.out, args[0]) {
				return nil
			}
			if strings.ContainsAny(args[0], "/$") || strings.ToLower(args[0]) != args[0] {
				return usageError("%s is no rule, settings path or setting name of the catalog (mcsf settings searches it)", english.Quote(args[0]))
			}
			return usageError("%v", lint.CheckRuleID(args[0]))
		},
	}
}

// allRules is every rule mcsf reports: the lint rules, then the rules of
// the spec reader (generate, import-spec), sorted by ID.
func allRules() []lint.Rule {
	rules := slices.Clone(lint.Rules)
	for _, r := range templates.Rules {
		rules = append(rules, lint.Rule{ID: r.ID, Severity: r.Severity, Summary: r.Summary, Rationale: r.Rationale,
			Bad: r.Bad, Good: r.Good, Basis: r.Basis, Policy: r.Policy})
	}
	slices.SortFunc(rules, func(a, b lint.Rule) int { return strings.Compare(a.ID, b.ID) })
	return rules
}

// basisText says what a rule's basis ([doc], [tool], [policy]) stands on.
func basisText(basis string) string {
	switch basis {
	case "doc":
		return "Microsoft's published MCSF documentation"
	case "tool":
		return "Microsoft's imaging tools (their validator), observed"
	case "policy":
		return "a policy of this project (Microsoft documents nothing here)"
	}
	return ""
}

func writeExplain(w io.Writer, r lint.Rule) {
	fmt.Fprintf(w, "%s (%s by default)\n\n", r.ID, r.Severity)
	fmt.Fprintf(w, "%s\n\n", wrap(capitalize(r.Summary)+".", 76, ""))
	fmt.Fprintf(w, "Why:\n%s\n\n", wrap(r.Rationale, 76, "  "))
	fmt.Fprintf(w, "Basis: %s.\n", basisText(r.Basis))
	if r.Policy != "" {
		fmt.Fprintf(w, "\nPolicy:\n%s\n", wrap(r.Policy, 76, "  "))
	}
	fmt.Fprintf(w, "\nBad:\n  %s\n\nGood:\n  %s\n\n", r.Bad, r.Good)
	fmt.Fprintf(w, "Turn it off: --disable %s, or in .mcsf.yaml \"disable: [%s]\".\n", r.ID, r.ID)
	fmt.Fprintf(w, "Silence one place: <!-- mcsf:ignore %s reason --> on the line before the element.\n", r.ID)
}

// matchingPolicyLine marks where a long help states the matching policy of
// conditions (variant.MatchingPolicy, the one text of it).
const matchingPolicyLine = "  - MATCHING-POLICY\n"

// withMatchingPolicy puts the matching policy, as a list item, in place of
// matchingPolicyLine in long.
func withMatchingPolicy(long string) string {
	item := "  - " + strings.TrimPrefix(wrap(variant.MatchingPolicy, 78, "    "), "    ") + "\n"
	return strings.Replace(long, matchingPolicyLine, item, 1)
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// wrap breaks text into lines of at most width characters (words longer than
// that stand alone), each starting with indent.
func wrap(text string, width int, indent string) string {
	var lines []string
	line := indent
	for _, word := range strings.Fields(text) {
		if len(line) > len(indent) && len(line)+1+len(word) > width {
			lines = append(lines, line)
			line = indent
		}
		if len(line) > len(indent) {
			line += " "
		}
		line += word
	}
	if len(line) > len(indent) {
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}
