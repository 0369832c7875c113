package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/mcsf-dev/mcsf/fileio"
	"github.com/mcsf-dev/mcsf/internal/english"
	"io"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/answerfile/lint"
	"github.com/mcsf-dev/mcsf/report"
	"github.com/mcsf-dev/mcsf/templates"
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
  - Conditions match as follows: names case-insensitively; plain values as
    exact strings, but SPN and PNN case-insensitively; MNC 26 and 026 are
    different values; patterns anchored; ranges inclusive (overlapping-variants,
    mnc-form).
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
		Long:  lintLong + report.Help() + lintLongEnd,
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
	f.StringVar(&o.configPath, "config", "", "use this configuration file instead of looking for "+configName)
	f.IntVar(&o.excerptWidth, "excerpt-width", report.DefaultExcerptWidth, "quote at most this many characters of a source line (text and SARIF), cut around the column with …")
	addImportFlags(cmd, &o.importOptions, true)
	addInputFlags(cmd, &o.inputOptions)
	_ = cmd.RegisterFlagCompletionFunc("fail-on", cobra.FixedCompletions([]string{"error", "warning", "info"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// lintCmds returns lint and the two commands that print its rule table.
func lintCmds(io *streams) []*cobra.Command {
	return []*cobra.Command{newLintCmd(io), newRulesCmd(io), newExplainCmd(io)}
}

// flagConfig is what the command line says about rules, before any
// .mcsf.yaml is merged in.
type flagConfig struct {
	disable  []string
	severity map[string]answerfile.Severity
	off      []string // --severity RULE=off
}

func (o *lintOptions) flagConfig() (*flagConfig, error) {
	fc := &flagConfig{severity: map[string]answerfile.Severity{}}
	for _, id := range o.disable {
		id = strings.TrimSpace(id)
		if err := lint.CheckRuleID(id); err != nil {
			return nil, usageError("--disable: %v", err)
		}
		fc.disable = append(fc.disable, id)
	}
	for _, kv := range o.severity {
		id, level, ok := strings.Cut(kv, "=")
		if !ok {
			return nil, usageError("--severity %q: write RULE=LEVEL, e.g. --severity path-case=warning", kv)
		}
		id = strings.TrimSpace(id)
		if err := lint.CheckRuleID(id); err != nil {
			return nil, usageError("--severity: %v", err)
		}
		if strings.EqualFold(strings.TrimSpace(level), "off") {
			fc.off = append(fc.off, id)
			continue
		}
		sev, err := answerfile.ParseSeverity(level)
		if err != nil {
			return nil, usageError("--severity %s: %v (or off)", kv, err)
		}
		fc.severity[id] = sev
	}
	return fc, nil
}

// merge builds the lint configuration of one file from its .mcsf.yaml (nil
// when there is none) and the flags, which win.
func (o *lintOptions) merge(file *fileConfig, fc *flagConfig) (lint.Config, answerfile.Severity) {
	failOn, _ := answerfile.ParseSeverity(o.failOn)
	cfg := lint.Config{Strict: o.strict, Severity: map[string]answerfile.Severity{}}
	if file != nil {
		if file.strict != nil && !o.strictSet {
			cfg.Strict = *file.strict
		}
		if file.failOn != nil && !o.failOnSet {
			failOn = *file.failOn
		}
		cfg.Disable = append(cfg.Disable, file.disable...)
		for id, s := range file.severity {
			cfg.Severity[id] = s
		}
	}
	cfg.Disable = append(cfg.Disable, fc.disable...)
	cfg.Disable = append(cfg.Disable, fc.off...)
	for id, s := range fc.severity {
		cfg.Severity[id] = s
		// A severity given on the command line turns on a rule the file disables.
		cfg.Disable = slices.DeleteFunc(cfg.Disable, func(d string) bool { return d == id })
	}
	cfg.Limits = answerfile.DefaultLimits
	if o.maxFileSize > 0 && o.maxFileSize < int64(^uint(0)>>1) {
		cfg.Limits.MaxBytes = int(o.maxFileSize)
	}
	return cfg, failOn
}

// lintJob is one input and what linting it found.
type lintJob struct {
	in       input
	imports  *importOptions
	imported []string       // files this root imports (checked with it)
	sources  report.Sources // the files with findings, for excerpts (made by the worker)
	explicit bool           // named on the command line (not found in a directory or by a glob)
	data     []byte
	readErr  error
	cfg      lint.Config
	failOn   answerfile.Severity
	skipped  bool
	diags    []answerfile.Diagnostic
	err      error
	// deferred: the file has Import elements, naming targets (canonical
	// paths); it is linted after the roots are chosen, unless covered (an
	// input imports it, so it is linted in that input's graph).
	deferred, covered bool
	targets           []string
	// With --fix or --diff, for a file that fixes changed: its text as read,
	// its fixed text (diags are its findings) and how many findings the
	// fixes removed.
	original, fixedData []byte
	fixed               int
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
	fc, err := o.flagConfig()
	if err != nil {
		return err
	}
	finder := &configFinder{}
	if o.configPath != "" {
		c, err := loadConfig(o.configPath)
		if err != nil {
			return configUsage(err)
		}
		finder.explicit = c
	}
	inputs, err := o.collect(args)
	if err != nil {
		return err
	}
	mem := newMemoryLimit(workerCount(len(inputs)))
	mem.onlyLimit()
	explicit := map[string]bool{}
	for _, a := range args {
		if st, err := os.Stat(a); a == "-" || (err == nil && !st.IsDir()) {
			explicit[a] = true
			if err := wrongKindForAnswerFile(a, peek(a)); a != "-" && err != nil {
				return err // kind.go
			}
		}
	}
	cache := lint.NewSchemaCache()
	// The files of one directory share one configuration, merged once
	// (lint reads a Config and never changes it, so the workers share its
	// slice and map).
	type dirConfig struct {
		cfg    lint.Config
		failOn answerfile.Severity
	}
	byDir := map[string]dirConfig{}
	jobs := make([]*lintJob, len(inputs))
	for i, in := range inputs {
		j := &lintJob{in: in, explicit: explicit[in.path], imports: &o.importOptions}
		dir := "."
		if in.path != "-" {
			dir = filepath.Dir(in.path)
		}
		dc, ok := byDir[dir]
		if !ok {
			fileCfg, err := finder.forDir(dir)
			if err != nil {
				return configUsage(err)
			}
			dc.cfg, dc.failOn = o.merge(fileCfg, fc)
			dc.cfg.Cache = cache
			byDir[dir] = dc
		}
		j.cfg, j.failOn = dc.cfg, dc.failOn
		if in.path == "-" {
			// Standard input is read once, here, not by a worker.
			j.data, j.readErr = o.read(in, io.in)
		}
		jobs[i] = j
	}
	work := func(j *lintJob) {
		mem.add(len(j.data))
		lintOne(j)
		if o.fix || o.diff {
			j.fix()
		}
		// Only the text and SARIF reports quote source lines; for the
		// others the file's text is let go at once.
		if len(j.diags) > 0 && j.data != nil && (hasFormat(o.outputs, "text") || hasFormat(o.outputs, "sarif")) {
			j.addSource(j.in.display, j.data)
		}
		j.data = nil
	}
	// Files that import nothing are linted at once; files with imports once
	// every file is read, as roots of their graphs, each file once.
	runJobs(jobs, func(j *lintJob) {
		if j.in.path != "-" {
			j.data, j.readErr = o.read(j.in, nil)
		}
		if j.readErr == nil && !o.noImports && mayImport(j.data) {
			j.deferred = true
			j.targets = importTargets(j)
			return
		}
		work(j)
	})
	chooseRoots(jobs)
	runJobs(slices.DeleteFunc(slices.Clone(jobs), func(j *lintJob) bool { return !j.deferred || j.covered }), work)
	if o.fix || o.diff {
		if done, err := o.applyFixes(jobs, io); done || err != nil {
			return err
		}
	}
	// The report's lists are sized up front: 10,000 files make 41,000
	// diagnostics, which growing by appends copied several times over.
	nDiags, nSources := 0, 0
	for _, j := range jobs {
		nDiags += len(j.diags)
		nSources += len(j.sources)
	}
	r := &report.Report{
		FileNames:    make([]string, 0, len(jobs)),
		Diagnostics:  make([]answerfile.Diagnostic, 0, nDiags),
		Rules:        lint.Rules,
		Sources:      make(report.Sources, nSources),
		Color:        colorOn(io.out, os.Getenv),
		ExcerptWidth: o.excerptWidth,
	}
	// A file that a root imports is checked as part of that root's graph.
	imported := map[string]bool{}
	for _, j := range jobs {
		for _, p := range j.imported {
			imported[canonicalPath(p)] = true
		}
	}
	names := make(map[string]bool, len(jobs))
	addName := func(name string) {
		if !names[name] {
			names[name] = true
			r.FileNames = append(r.FileNames, name)
		}
	}
	failed := false
	for _, j := range jobs {
		if j.err != nil {
			return j.err
		}
		if j.skipped {
			r.Skipped++
			continue
		}
		if j.covered {
			continue
		}
		if len(imported) > 0 && len(j.imported) == 0 && j.in.path != "-" && imported[canonicalPath(j.in.path)] {
			continue
		}
		addName(j.in.display)
		for _, name := range j.imported {
			addName(name)
		}
		r.Diagnostics = append(r.Diagnostics, j.diags...)
		maps.Copy(r.Sources, j.sources)
		for _, d := range j.diags {
			if d.Severity >= j.failOn {
				failed = true
			}
		}
	}
	if len(r.FileNames) == 0 {
		msg := fmt.Sprintf("no answer file found in %s", strings.Join(args, " "))
		if r.Skipped > 0 {
			msg += fmt.Sprintf(" (%s skipped: root is not ImageCustomizations)", english.Count(r.Skipped, "XML file"))
		}
		return usageError("%s", msg)
	}
	slices.Sort(r.FileNames)
	r.Diagnostics = answerfile.SortDiagnostics(r.Diagnostics)
	r.Root, _ = os.Getwd() // "" when unknown
	r.ToolVersion = currentVersion().SemanticVersion
	r.Hostname, _ = os.Hostname()
	r.Started, r.Elapsed = started, time.Since(started)
	read := make([]string, 0, len(inputs))
	for _, in := range inputs {
		read = append(read, in.path)
	}
	prefix, top := checkoutPrefix(o.pathPrefix, o.pathPrefixSet, r.Root)
	if err := writeOutputs(o.outputs, r, read, inCheckout(r, prefix, top), io); err != nil {
		return err
	}
	if err := writeGitHubSummary(hasFormat(o.outputs, "github"), r); err != nil { // github_summary.go
		return err
	}
	if failed {
		return errFindings
	}
	return nil
}

// configUsage makes an invalid configuration a usage error (exit 2).
func configUsage(err error) error {
	var ce *configError
	if errors.As(err, &ce) {
		return &exitError{code: ExitUsage, err: ce}
	}
	return err
}

// runJobs calls work on every job, at most runtime.NumCPU() at a time.
func runJobs(jobs []*lintJob, work func(*lintJob)) {
	// Workers take the next job by an atomic counter: no channel hand-off,
	// so no wake-up per file.
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workerCount(len(jobs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := next.Add(1) - 1; i < int64(len(jobs)); i = next.Add(1) - 1 {
				work(jobs[i])
			}
		}()
	}
	wg.Wait()
}

// workerCount is how many workers runJobs starts for n jobs.
func workerCount(n int) int { return min(runtime.NumCPU(), n) }

// addSource keeps the text of a file with findings, for excerpts.
func (j *lintJob) addSource(name string, data []byte) {
	if j.sources == nil {
		j.sources = report.Sources{}
	}
	j.sources[name] = answerfile.NewSource(data)
}

// lintOne reads, parses and lints one input, or marks it skipped.
// mayImport reports whether data may hold an Import element (in UTF-8 or
// UTF-16).
func mayImport(data []byte) bool {
	return bytes.Contains(data, []byte("Import")) || bytes.Contains(data, []byte("I\x00m\x00p\x00o\x00r\x00t"))
}

// importTargets parses the file of j and returns the canonical paths its
// Import elements name.
func importTargets(j *lintJob) []string {
	doc, _, err := answerfile.ParseLimits(j.in.display, j.data, j.cfg.Limits)
	if err != nil || doc == nil {
		return nil
	}
	defer doc.Release()
	opts, err := j.imports.options(j.in.display, int64(j.cfg.Limits.MaxBytes))
	if err != nil {
		return nil
	}
	return answerfile.ImportPaths(j.in.display, doc, opts)
}

// chooseRoots marks the files that another input imports as covered: they
// are linted as part of that input's import graph, so that each file is
// linted once (a chain of 1,000 files importing each other was linted
// 1,000 times, 500,000 findings). A file no other input imports is a root;
// of a cycle of inputs, the first in order is.
func chooseRoots(jobs []*lintJob) {
	index := make(map[string]int, len(jobs))
	for i, j := range jobs {
		if j.in.path != "-" {
			index[canonicalPath(j.in.path)] = i
		}
	}
	importedBy := make([]bool, len(jobs))
	for i, j := range jobs {
		for _, t := range j.targets {
			if k, ok := index[t]; ok && k != i {
				importedBy[k] = true
			}
		}
	}
	cover := func(root int) {
		stack := []int{root}
		for len(stack) > 0 {
			i := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, t := range jobs[i].targets {
				if k, ok := index[t]; ok && k != root && !jobs[k].covered {
					jobs[k].covered = true
					stack = append(stack, k)
				}
			}
		}
	}
	for i, j := range jobs {
		if j.deferred && !importedBy[i] {
			cover(i)
		}
	}
	for i, j := range jobs {
		if j.deferred && !j.covered {
			cover(i)
		}
	}
}

func lintOne(j *lintJob) {
	var big *fileTooBig
	switch {
	case errors.As(j.readErr, &big):
		j.diags = j.cfg.Finish([]answerfile.Diagnostic{{File: j.in.display, Rule: lint.RuleXMLSyntax, Severity: answerfile.Error,
			Message: fmt.Sprintf("file is larger than the limit of %d bytes: not checked", big.limit),
			Fix:     "raise the limit with --max-file-size if the file is really an answer file"}})
		j.data = nil
		return
	case j.readErr != nil:
		j.err = j.readErr
		return
	}
	doc, syntax, err := answerfile.ParseLimits(j.in.display, j.data, j.cfg.Limits)
	if err != nil {
		j.err = internal(err)
		return
	}
	if !j.explicit {
		// Found by walking a directory or by a glob: only answer files count.
		if doc != nil && !doc.IsAnswerFile() {
			doc.Release()
			j.skipped = true
			return
		}
		if doc == nil && !bytes.Contains(j.data, []byte("ImageCustomizations")) && !utf16Answer(j.data) {
			j.skipped = true
			return
		}
	}
	if doc == nil {
		j.diags = j.cfg.Finish(syntax)
		return
	}
	if j.imports == nil || j.imports.noImports || len(doc.Root.Imports) == 0 || !doc.IsAnswerFile() {
		j.diags = lint.Lint(doc, j.cfg)
		doc.Release() // the next file parses into its memory
		return
	}
	g, err := j.imports.loadGraph(j.in.display, j.data, int64(j.cfg.Limits.MaxBytes))
	if err != nil {
		j.err = err
		return
	}
	j.diags = lint.Graph(g, answerfile.Merge(g), j.cfg)
	for _, f := range g.Files[1:] {
		j.imported = append(j.imported, f.Path)
		if f.Doc != nil {
			j.addSource(f.Path, f.Doc.Text())
		}
	}
}

// fix applies the fixes of j's findings to its text and lints the result,
// keeping the text read in j.original; nothing when no finding has edits.
func (j *lintJob) fix() {
	if j.err != nil || j.skipped || j.data == nil || !slices.ContainsFunc(j.diags, func(d answerfile.Diagnostic) bool { return len(d.Edits) > 0 }) {
		return
	}
	res, err := lint.Fix(j.in.display, j.data, j.cfg)
	if err != nil {
		j.err = internal(err)
		return
	}
	if bytes.Equal(res.Data, j.data) {
		return
	}
	j.original, j.fixedData, j.fixed, j.data = j.data, res.Data, res.Fixed, res.Data
	j.imported, j.sources = nil, nil
	lintOne(j)
}

// applyFixes writes the fixed files (--fix) or prints their diffs (--diff),
// in the order of the inputs. done is true when nothing more is to be
// printed (--diff).
func (o *lintOptions) applyFixes(jobs []*lintJob, io *streams) (done bool, err error) {
	files, findings := 0, 0
	for _, j := range jobs {
		if j.err != nil {
			return true, j.err
		}
		if j.original == nil {
			continue
		}
		files, findings = files+1, findings+j.fixed
		if o.diff {
			d, err := unifiedDiff("a/"+j.in.display, "b/"+j.in.display, j.original, j.fixedData)
			if err != nil {
				return true, err
			}
			fmt.Fprint(io.out, d)
			continue
		}
		if err := writeFile(io.err, j.in.path, j.fixedData, fileio.WriteOptions{Expect: j.original}); err != nil {
			return true, err
		}
	}
	if o.diff {
		if files > 0 {
			return true, errFindings
		}
		return true, nil
	}
	if files > 0 {
		fmt.Fprintf(io.err, "mcsf: fixed %s in %s\n", english.Count(findings, "finding"), english.Count(files, "file"))
	}
	return false, nil
}

// utf16Answer reports whether UTF-16 data (with a byte-order mark) mentions
// ImageCustomizations, so that a broken UTF-16 answer file is not skipped.
func utf16Answer(data []byte) bool {
	if len(data) < 2 || !((data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF)) {
		return false
	}
	var ascii []byte
	for i := 2; i+1 < len(data); i += 2 {
		c := data[i]
		if data[0] == 0xFE {
			c = data[i+1]
		}
		ascii = append(ascii, c)
	}
	return bytes.Contains(ascii, []byte("ImageCustomizations"))
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
				return usageError("%q is no rule, settings path or setting name of the catalog (mcsf settings searches it)", args[0])
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

var basisText = map[string]string{
	"doc":    "Microsoft's published MCSF documentation",
	"tool":   "Microsoft's imaging tools (their validator), observed",
	"policy": "a policy of this project (Microsoft documents nothing here)",
}

func writeExplain(w io.Writer, r lint.Rule) {
	fmt.Fprintf(w, "%s (%s by default)\n\n", r.ID, r.Severity)
	fmt.Fprintf(w, "%s\n\n", wrap(capitalize(r.Summary)+".", 76, ""))
	fmt.Fprintf(w, "Why:\n%s\n\n", wrap(r.Rationale, 76, "  "))
	fmt.Fprintf(w, "Basis: %s.\n", basisText[r.Basis])
	if r.Policy != "" {
		fmt.Fprintf(w, "\nPolicy:\n%s\n", wrap(r.Policy, 76, "  "))
	}
	fmt.Fprintf(w, "\nBad:\n  %s\n\nGood:\n  %s\n\n", r.Bad, r.Good)
	fmt.Fprintf(w, "Turn it off: --disable %s, or in .mcsf.yaml \"disable: [%s]\".\n", r.ID, r.ID)
	fmt.Fprintf(w, "Silence one place: <!-- mcsf:ignore %s reason --> on the line before the element.\n", r.ID)
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

// canonicalPath is the identity of a local file: absolute, symbolic links resolved.
func canonicalPath(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		p = abs
	}
	if real, err := filepath.EvalSymlinks(p); err == nil {
		p = real
	}
	return p
}
