package lint

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/fileio"
	"github.com/mcsf-dev/mcsf/internal/english"
)

// linter.go: a run over many files — inputs, configuration files,
// concurrency, import graphs, fixes and the fail-on decision.

// LinterOptions configure a Linter. The zero value lints with the defaults:
// configuration files looked for next to each file, imports followed.
type LinterOptions struct {
	// Settings are the command line's: they win over configuration files
	// (see Settings.Over).
	Settings Settings
	// ConfigFile, when set, is read once and used for every file instead
	// of looking for ConfigFileName next to each.
	ConfigFile string
	// Imports says how Import elements are followed (NoFollow: not at
	// all). Its Roots are directories imports may read from besides the
	// default root of each root file (answerfile.DefaultImportRoot); its
	// Limits are replaced by MaxFileSize's.
	Imports answerfile.ImportOptions
	// MaxFileSize is the largest file read, in bytes (0: the answerfile
	// default); a larger file is reported, not read.
	MaxFileSize int64
	// Stdin is what "-" reads; StdinName names it in findings ("<stdin>"
	// when empty), and its configuration is the working directory's.
	Stdin     io.Reader
	StdinName string
	// Fix applies the fixes of fixable findings (see Fix) and reports what
	// is left; the fixed texts are in Result.Fixed, for the caller to write.
	Fix bool
	// KeepSources keeps the lines that the findings of each file quote in
	// Result.Sources, for reports that quote source lines.
	KeepSources bool
	// OnStart is called once the inputs are known, with the number of files
	// read and parsed at once (in a directory, files are already being read
	// while it is walked); OnRead after each file is read, with its size. The mcsf binary steers its garbage collector by them; a library
	// call never changes process-wide settings itself.
	OnStart func(workers int)
	OnRead  func(bytes int)
}

// A Linter lints answer files as `mcsf lint` does: it expands directories
// and globs, finds the configuration of each directory and merges it with
// its Settings, lints the files in parallel, follows imports (each file
// once: a file another input imports is linted as part of that input's
// graph), applies fixes, and sorts the findings. A Linter is for one run at
// a time; it keeps the configuration files it read.
type Linter struct {
	opts   LinterOptions
	finder *ConfigFinder
	cache  *SchemaCache
	limits answerfile.Limits
}

// NewLinter returns a Linter. Its error is a *ConfigError when
// opts.ConfigFile cannot be used, or an unknown rule in opts.Settings.
func NewLinter(opts LinterOptions) (*Linter, error) {
	cfg, _ := opts.Settings.Over(nil)
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	finder, err := NewConfigFinder(opts.ConfigFile)
	if err != nil {
		return nil, err
	}
	lim := answerfile.DefaultLimits
	if opts.MaxFileSize > 0 && opts.MaxFileSize < int64(^uint(0)>>1) {
		lim.MaxBytes = int(opts.MaxFileSize)
	}
	return &Linter{opts: opts, finder: finder, cache: NewSchemaCache(), limits: lim}, nil
}

// InputError is an input that cannot be linted: a file that cannot be
// read, or arguments that name no answer file. Its message is complete.
type InputError struct{ Msg string }

func (e *InputError) Error() string { return e.Msg }

// Result is what a run found.
type Result struct {
	// Files are the names of the answer files checked (inputs and the
	// files they import), sorted.
	Files []string
	// Inputs are the paths read as inputs ("-" for standard input).
	Inputs []string
	// Skipped counts the XML files found in directories or by globs whose
	// root is not ImageCustomizations: not answer files, not checked.
	Skipped int
	// Diagnostics are the findings, sorted (answerfile.SortDiagnostics).
	Diagnostics []answerfile.Diagnostic
	// Sources are the lines of the files with findings that the findings
	// and their related locations quote (KeepSources; see
	// answerfile.Source.Excerpt).
	Sources map[string]*answerfile.Source
	// Failed is true when a finding is at or above the fail-on severity
	// of its file's configuration.
	Failed bool
	// Fixed are the inputs whose fixes changed them (Fix), sorted by name.
	// A file is fixed in the context its findings are reported in: a file
	// of an import graph with the graph's findings (a Multivariant group
	// another file of the graph sets is not added to it).
	Fixed []FixedFile
	// NotFixed names the files with fixable findings that Fix leaves: files
	// reached only through an Import, not given as inputs (named, or found
	// in a directory or by a glob), which a run does not change. Sorted.
	NotFixed []string
}

// FixedFile is an input that fixes changed.
type FixedFile struct {
	Path     string // as given ("-" for standard input)
	Name     string // as in findings
	Original []byte // the text read
	Data     []byte // the fixed text
	Findings int    // how many findings the fixes removed
}

// LintFiles lints the files, directories (walked for *.xml files; XML
// files whose root is not ImageCustomizations are skipped and counted) and
// globs (with **) named by paths, "-" being Stdin. A file named directly is
// linted whatever its root. The error is a *fileio.ArgError, an
// *InputError or a *ConfigError for inputs or configuration that cannot be
// used; anything else is a failure of the linter.
func (l *Linter) LintFiles(paths []string) (*Result, error) {
	if len(paths) == 0 {
		return nil, &InputError{"no input: name files or directories, or - for standard input"}
	}
	named := map[string]bool{}
	stream := false // a directory or a glob: files are linted while it is walked
	for _, p := range paths {
		st, err := os.Stat(p)
		switch {
		case p == "-" || (err == nil && !st.IsDir()):
			named[p] = true
		default:
			stream = true
		}
	}
	walk := func(add func(input) error) error {
		stdin := false
		return fileio.Walk(paths, ".xml", func(p string) error {
			in := input{path: p, name: p, named: named[p]}
			if p == "-" {
				if stdin {
					return nil // read once
				}
				stdin, in.name = true, l.stdinName()
			}
			return add(in)
		})
	}
	return l.run(walk, stream, paths, l.opts.Stdin)
}

// LintDir lints the answer files in dir and its subdirectories.
func (l *Linter) LintDir(dir string) (*Result, error) { return l.LintFiles([]string{dir}) }

// LintStdin lints the answer file read from r, named name in findings
// ("<stdin>" when empty).
func (l *Linter) LintStdin(r io.Reader, name string) (*Result, error) {
	if name == "" {
		name = "<stdin>"
	}
	in := input{path: "-", name: name, named: true}
	return l.run(func(add func(input) error) error { return add(in) }, false, []string{"-"}, r)
}

func (l *Linter) stdinName() string {
	if l.opts.StdinName != "" {
		return l.opts.StdinName
	}
	return "<stdin>"
}

// input is one file of a run.
type input struct {
	path  string // "-" for standard input
	name  string // the name in findings
	named bool   // named as an argument, not found in a directory or by a glob
}

// job is one input and what linting it found.
type job struct {
	in      input
	data    []byte
	readErr error
	// source is the Source of data when it was parsed (its line index
	// already made); nil when data was not parsed as it is now.
	source   *answerfile.Source
	cfg      Config
	failOn   answerfile.Severity
	skipped  bool
	diags    []answerfile.Diagnostic
	imported []string // files this root imports (checked with it)
	sources  map[string]*answerfile.Source
	err      error
	// deferred: the file has Import elements, naming targets (canonical
	// paths); it is linted after the roots are chosen, unless covered (an
	// input imports it, so it is linted in that input's graph).
	deferred, covered bool
	targets           []string
	// With Fix: the inputs the fixes changed, and the files (of j's
	// import graph) with fixable findings that are not inputs.
	fixed    []FixedFile
	notFixed []string
	// readFile, when set, reads the imported files of j's graph (their
	// fixed texts).
	readFile func(string) ([]byte, error)
	// import-root and import-env of the configuration file of j's directory
	importRoots, importEnv []string
}

// run lints the inputs that walk finds (calling add with each, unsorted,
// a path perhaps twice), and gathers their findings. With stream, files
// are linted while walk still runs (a directory of 10,000 files took 30
// ms to walk and set up before the first was read); else, and with Fix,
// once it is done.
func (l *Linter) run(walk func(add func(input) error) error, stream bool, args []string, stdin io.Reader) (*Result, error) {
	// The files of one directory share one configuration, merged once
	// (lint reads a Config and never changes it, so the workers share its
	// slice and map).
	type dirConfig struct {
		cfg         Config
		failOn      answerfile.Severity
		importRoots []string // of the configuration file
		importEnv   []string
	}
	byDir := map[string]dirConfig{}
	var jobs []*job
	var free []job // jobs are allocated a few hundred at a time, not one by one
	newJob := func(in input) (*job, error) {
		if len(free) == 0 {
			free = make([]job, 256)
		}
		j := &free[0]
		free = free[1:]
		j.in = in
		dir := "."
		if in.path != "-" {
			dir = filepath.Dir(in.path)
		}
		dc, ok := byDir[dir]
		if !ok {
			file, err := l.finder.ForDir(dir)
			if err != nil {
				return nil, err
			}
			dc.cfg, dc.failOn = l.opts.Settings.Over(file)
			dc.cfg.Limits, dc.cfg.Cache = l.limits, l.cache
			if file != nil {
				dc.importRoots, dc.importEnv = file.ImportRoots, file.ImportEnv
			}
			byDir[dir] = dc
		}
		j.cfg, j.failOn = dc.cfg, dc.failOn
		j.importRoots, j.importEnv = dc.importRoots, dc.importEnv
		if in.path == "-" {
			// Standard input is read once, here, not by a worker.
			j.data, j.readErr = l.read(in, stdin, nil)
		}
		jobs = append(jobs, j)
		return j, nil
	}
	// walked sorts the jobs once every input is known.
	walked := func() {
		jobs = sortJobs(jobs)
		if l.opts.OnStart != nil {
			l.opts.OnStart(workerCount(len(jobs)))
		}
	}
	stream = stream && !l.opts.Fix // Fix must know every input first
	if !stream {
		if err := walk(func(in input) error { _, err := newJob(in); return err }); err != nil {
			return nil, err
		}
		walked()
	}
	var isInput func(string) bool // by canonical path; only Fix needs it
	if l.opts.Fix {
		set := make(map[string]bool, len(jobs))
		for _, j := range jobs {
			if j.in.path != "-" {
				set[canonicalPath(j.in.path)] = true
			}
		}
		isInput = func(p string) bool { return set[canonicalPath(p)] }
	}
	// finish keeps what a linted file's job needs past it: its fixes and
	// the lines its findings quote.
	finish := func(j *job) {
		if l.opts.Fix {
			l.fix(j, isInput)
		}
		if len(j.diags) > 0 && j.data != nil && l.opts.KeepSources {
			j.addSource(j.in.name, j.data, j.source)
		}
		j.keepExcerpts()
		j.data, j.source = nil, nil // the text is not kept past its excerpts
	}
	// Files that import nothing are linted at once; files with imports once
	// every file is read, as roots of their graphs, each file once (lint
	// defers them). A file's bytes are read into the worker's buffer, reused for the
	// next file once its job is done, unless Fix keeps them
	// (FixedFile.Original).
	reuse := !l.opts.Fix
	first := func(w *worker, j *job) {
		if j.in.path != "-" {
			var buf []byte
			if reuse {
				buf = w.buf
			}
			j.data, j.readErr = l.read(j.in, nil, buf)
		}
		if l.opts.OnRead != nil {
			l.opts.OnRead(len(j.data))
		}
		l.lint(j)
		if j.deferred {
			j.data = w.own(j.data) // kept until its graph is linted
			return
		}
		data := j.data
		finish(j)
		if reuse {
			w.reuse(j, data)
		}
	}
	if stream {
		err := runStream(runtime.NumCPU(), func(emit func(*job)) error {
			err := walk(func(in input) error {
				j, err := newJob(in)
				if err == nil {
					emit(j)
				}
				return err
			})
			if err == nil {
				// While the workers lint: the walk of 10,000 files ends
				// when a few hundred are linted.
				walked()
			}
			return err
		}, first)
		if err != nil {
			return nil, err
		}
	} else {
		runJobs(jobs, first)
	}
	chooseRoots(jobs)
	runJobs(slices.DeleteFunc(slices.Clone(jobs), func(j *job) bool { return !j.deferred || j.covered }),
		func(_ *worker, j *job) {
			l.lint(j)
			finish(j)
		})
	return l.result(jobs, args)
}

// sortJobs sorts jobs by name (then path: standard input may be given a
// file's name), and drops a path's second job (a file named twice, or
// named and found in a directory; linted twice when streamed, with the
// same findings).
func sortJobs(jobs []*job) []*job {
	slices.SortFunc(jobs, func(a, b *job) int {
		return cmp.Or(strings.Compare(a.in.name, b.in.name), strings.Compare(a.in.path, b.in.path))
	})
	return slices.CompactFunc(jobs, func(a, b *job) bool { return a.in.path == b.in.path })
}

// result gathers the findings of jobs into a Result.
func (l *Linter) result(jobs []*job, args []string) (*Result, error) {
	nSources := 0
	for _, j := range jobs {
		nSources += len(j.sources)
	}
	r := &Result{
		Files:   make([]string, 0, len(jobs)),
		Inputs:  make([]string, 0, len(jobs)),
		Sources: make(map[string]*answerfile.Source, nSources),
	}
	// A file that a root imports is checked as part of that root's graph.
	imported := map[string]bool{}
	for _, j := range jobs {
		for _, p := range j.imported {
			imported[canonicalPath(p)] = true
		}
	}
	reported := make([]*job, 0, len(jobs)) // the jobs whose findings count
	for _, j := range jobs {
		r.Inputs = append(r.Inputs, j.in.path)
		if j.err != nil {
			return nil, j.err
		}
		if j.skipped {
			r.Skipped++
			continue
		}
		if j.covered {
			continue
		}
		if len(imported) > 0 && len(j.imported) == 0 && j.in.path != "-" && imported[canonicalPath(j.in.path)] {
			continue // and so are its fixes
		}
		reported = append(reported, j)
		r.Fixed = append(r.Fixed, j.fixed...)
		r.NotFixed = append(r.NotFixed, j.notFixed...)
		r.Files = append(append(r.Files, j.in.name), j.imported...)
	}
	if len(r.Files) == 0 {
		msg := fmt.Sprintf("no answer file found in %s", strings.Join(args, " "))
		if r.Skipped > 0 {
			msg += fmt.Sprintf(" (%s skipped: root is not ImageCustomizations)", english.Count(r.Skipped, "XML file"))
		}
		return nil, &InputError{msg}
	}
	// The findings are gathered (by the workers) while this goroutine
	// merges the sources and sorts the names: 10,000 files' maps took
	// 8 ms after the last file was linted.
	var gathered sync.WaitGroup
	gathered.Go(func() { r.Diagnostics, r.Failed = gatherDiagnostics(reported) })
	for _, j := range reported {
		for name, src := range j.sources {
			if prev := r.Sources[name]; prev != nil {
				src = prev.Join(src) // a file two import graphs share
			}
			r.Sources[name] = src
		}
	}
	slices.Sort(r.Files)
	r.Files = slices.Compact(r.Files) // a file two import graphs share
	slices.SortFunc(r.Fixed, func(a, b FixedFile) int { return strings.Compare(a.Name, b.Name) })
	slices.Sort(r.NotFixed)
	r.NotFixed = slices.Compact(r.NotFixed)
	gathered.Wait()
	return r, nil
}

// gatherDiagnostics returns the findings of jobs, sorted as
// answerfile.SortDiagnostics sorts them, and whether one is at or above
// its job's fail-on severity.
//
// The findings of each job are sorted, and the jobs by name, so their
// concatenation is mostly sorted already: the copying and checking is split
// between the workers (41,000 findings of 10,000 files are 7 MB, which one
// goroutine copied while every other core idled), and only a list out of
// order (import graphs that share files, or interleave) is sorted whole.
func gatherDiagnostics(jobs []*job) ([]answerfile.Diagnostic, bool) {
	n := 0
	for _, j := range jobs {
		n += len(j.diags)
	}
	out := make([]answerfile.Diagnostic, n)
	// Parts of about equal numbers of findings, one a worker; a part's
	// first finding starts at offset off.
	type part struct {
		jobs           []*job
		off            int
		sorted, failed bool
	}
	workers := 1
	if n >= minGatherPart {
		workers = workerCount(n / (minGatherPart / 2))
	}
	parts := make([]part, 0, workers)
	lo, off, count := 0, 0, 0
	for i, j := range jobs {
		count += len(j.diags)
		if len(parts) < workers-1 && count >= n*(len(parts)+1)/workers {
			parts = append(parts, part{jobs: jobs[lo : i+1], off: off})
			lo, off = i+1, count
		}
	}
	parts = append(parts, part{jobs: jobs[lo:], off: off})
	gather := func(p *part) {
		at := p.off
		for _, j := range p.jobs {
			at += copy(out[at:], j.diags)
			for k := range j.diags {
				if j.diags[k].Severity >= j.failOn {
					p.failed = true
					break
				}
			}
		}
		p.sorted = answerfile.DiagnosticsSorted(out[p.off:at])
	}
	var wg sync.WaitGroup
	for k := range parts {
		if k == len(parts)-1 {
			gather(&parts[k]) // on this goroutine
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			gather(&parts[k])
		}()
	}
	wg.Wait()
	sorted, failed := true, false
	for k, p := range parts {
		across := k == 0 || p.off == 0 || p.off == n || answerfile.DiagnosticsSorted(out[p.off-1:p.off+1])
		sorted = sorted && p.sorted && across
		failed = failed || p.failed
	}
	if !sorted {
		out = answerfile.SortDiagnostics(out)
	}
	return out, failed
}

// minGatherPart is the fewest findings worth a goroutine of their own in
// gatherDiagnostics.
const minGatherPart = 4096

// read returns the bytes of in (from stdin for "-"), at most MaxFileSize;
// a file is read into buf when it has room (see fileio.ReadFileInto).
func (l *Linter) read(in input, stdin io.Reader, buf []byte) ([]byte, error) {
	var data []byte
	var err error
	if in.path == "-" {
		if stdin == nil {
			stdin = bytes.NewReader(nil)
		}
		data, err = fileio.ReadAll(stdin, in.name, l.opts.MaxFileSize)
	} else {
		data, err = fileio.ReadFileInto(buf, in.path, l.opts.MaxFileSize)
	}
	var big *fileio.TooLargeError
	var notRegular *fileio.NotRegularError
	switch {
	case err == nil, errors.As(err, &big):
		return data, err
	case errors.As(err, &notRegular) && notRegular.Kind == "a directory":
		return nil, &InputError{fmt.Sprintf("%s is a directory", in.name)}
	case errors.As(err, &notRegular):
		return nil, &InputError{fmt.Sprintf("%s is %s, not a regular file", in.name, notRegular.Kind)}
	}
	return nil, &InputError{fileio.DescribeOpenError(in.name, err)}
}

// addSource keeps the text of a file with findings, for excerpts: src
// when it is not nil (the Source of the parsed data), else data's.
func (j *job) addSource(name string, data []byte, src *answerfile.Source) {
	if j.sources == nil {
		j.sources = map[string]*answerfile.Source{}
	}
	if src == nil {
		src = answerfile.NewSource(data)
	}
	j.sources[name] = src
}

// keepExcerpts keeps of each source of j only the lines its findings
// quote: a file's text is read once, by the worker that linted it, and a
// run over many files does not hold all of them until the report is
// written (the text report of 10,000 small files cost 14 % more CPU than
// without sources, and the JSON one).
func (j *job) keepExcerpts() {
	if len(j.sources) == 0 {
		return
	}
	if len(j.sources) == 1 {
		// A file alone (the usual job): the lines of its findings, without
		// a map of them.
		for name, src := range j.sources {
			var buf [64]int
			lines := buf[:0]
			for _, d := range j.diags {
				if d.File == name {
					lines = append(lines, d.Line)
				}
				for _, r := range d.Related {
					if r.File == name {
						lines = append(lines, r.Line)
					}
				}
			}
			j.sources[name] = src.ExcerptOwned(lines)
		}
		return
	}
	lines := map[string][]int{}
	for _, d := range j.diags {
		lines[d.File] = append(lines[d.File], d.Line)
		for _, r := range d.Related {
			lines[r.File] = append(lines[r.File], r.Line)
		}
	}
	for name, src := range j.sources {
		j.sources[name] = src.ExcerptOwned(lines[name])
	}
}

// imports are the import options of the root file of j: the command
// line's, with the import-root and import-env of j's configuration file.
func (l *Linter) imports(j *job) answerfile.ImportOptions {
	opts := l.opts.Imports
	if roots := slices.Concat(opts.Roots, j.importRoots); len(roots) > 0 {
		opts.Roots = append([]string{answerfile.DefaultImportRoot(j.in.name)}, roots...)
	}
	if len(j.importEnv) > 0 {
		opts.AllowEnv = slices.Concat(opts.AllowEnv, j.importEnv)
	}
	opts.Limits = l.limits
	return opts
}

// chooseRoots marks the files that another input imports as covered: they
// are linted as part of that input's import graph, so that each file is
// linted once (a chain of 1,000 files importing each other was linted
// 1,000 times, 500,000 findings). A file no other input imports is a root;
// of a cycle of inputs, the first in order is.
func chooseRoots(jobs []*job) {
	if !slices.ContainsFunc(jobs, func(j *job) bool { return j.deferred }) {
		return // no file imports: canonicalPath costs 6 stats a file
	}
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

// lint parses and lints the input of j with its imports, or marks it
// skipped (found in a directory or by a glob, and not an answer file).
func (l *Linter) lint(j *job) {
	var big *fileio.TooLargeError
	switch {
	case errors.As(j.readErr, &big):
		j.diags = j.cfg.Finish([]answerfile.Diagnostic{{File: j.in.name, Rule: RuleXMLSyntax, Severity: answerfile.Error,
			Message: fmt.Sprintf("file is larger than the limit of %d bytes: not checked", big.Limit),
			Fix:     "raise the limit with --max-file-size if the file is really an answer file"}})
		j.data = nil
		return
	case j.readErr != nil:
		j.err = j.readErr
		return
	}
	doc, syntax, err := answerfile.ParseLimits(j.in.name, j.data, j.cfg.Limits)
	if err != nil {
		j.err = err
		return
	}
	if !j.deferred && doc != nil && !l.opts.Imports.NoFollow && len(doc.Root.Imports) > 0 {
		// A file that imports is linted once every input is read, as the
		// root of its graph unless another input imports it (chooseRoots):
		// for now only the files it imports are known. (This parse tells
		// it, where a search of every file's text for "Import" took 1 % of
		// the CPU of a lint of 10,000 small files.)
		j.deferred = true
		j.targets = answerfile.ImportPaths(j.in.name, doc, l.imports(j))
		doc.Release()
		return
	}
	j.source = nil
	if doc != nil {
		j.source = doc.Source() // its lines for excerpts, without decoding the text again
	}
	if !j.in.named {
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
	if doc == nil || l.opts.Imports.NoFollow || len(doc.Root.Imports) == 0 || !doc.IsAnswerFile() {
		j.diags = lintParsed(doc, syntax, j.cfg) // releases doc
		return
	}
	doc.Release()
	opts := l.imports(j)
	opts.ReadFile = j.readFile
	g, err := answerfile.LoadGraph(j.in.name, j.data, opts)
	if err != nil {
		j.err = err
		return
	}
	j.diags = Graph(g, answerfile.Merge(g), j.cfg)
	for _, f := range g.Files[1:] {
		j.imported = append(j.imported, f.Path)
		if f.Doc != nil && l.opts.KeepSources {
			j.addSource(f.Path, f.Doc.Text(), nil)
		}
	}
}

// fix applies the fixes of j's findings and lints the result; nothing when
// no finding has edits. A file linted alone is fixed alone (Fix); the root
// of an import graph is fixed with its graph (fixGraph).
func (l *Linter) fix(j *job, isInput func(string) bool) {
	if j.err != nil || j.skipped || j.data == nil || !slices.ContainsFunc(j.diags, hasEdits) {
		return
	}
	if len(j.imported) > 0 {
		l.fixGraph(j, isInput)
		return
	}
	// j.diags are the findings of j.data alone (lint gives a file without
	// imports those of File), and so are the findings Fix returns.
	res, err := fixLinted(j.in.name, j.data, j.diags, j.cfg)
	if err != nil {
		j.err = err
		return
	}
	if bytes.Equal(res.Data, j.data) {
		return
	}
	j.fixed = []FixedFile{{Path: j.in.path, Name: j.in.name, Original: j.data, Data: res.Data, Findings: res.Fixed}}
	j.data, j.diags, j.sources, j.source = res.Data, res.Diagnostics, nil, nil
}

func hasEdits(d answerfile.Diagnostic) bool { return len(d.Edits) > 0 }

// fixGraph fixes the root of j and the inputs of its import graph with the
// findings of the graph, pass after pass as Fix does, and lints the graph
// of the fixed texts. A file of the graph that is not an input keeps its
// fixable findings (j.notFixed).
func (l *Linter) fixGraph(j *job, isInput func(string) bool) {
	root := j.in.name
	key := func(file string) string {
		if file == root {
			return "" // the root, which may be standard input
		}
		return canonicalPath(file)
	}
	current := map[string][]byte{"": j.data} // by key: the text now
	original := map[string][]byte{"": j.data}
	name := map[string]string{"": root}
	fixed := map[string]int{}
	readFile := func(p string) ([]byte, error) {
		k := key(p)
		if data, ok := current[k]; ok {
			return data, nil
		}
		data, err := fileio.ReadFile(p, int64(l.limits.MaxBytes))
		if err == nil {
			current[k], original[k] = data, data
		}
		return data, err
	}
	fixable := func(file string) bool { return file == root || isInput(file) }
	opts := l.imports(j)
	opts.ReadFile = readFile
	for range maxFixPasses {
		g, err := answerfile.LoadGraph(root, current[""], opts)
		if err != nil {
			j.err = err
			return
		}
		edits, n := pickEdits(Graph(g, answerfile.Merge(g), j.cfg), fixable)
		applied := false
		for file, es := range edits {
			k := key(file)
			text, enc, ok := answerfile.DecodeText(current[k])
			if !ok {
				continue
			}
			out, err := ApplyEdits(text, es)
			if err != nil {
				j.err = fmt.Errorf("fix %s: %w", file, err)
				return
			}
			current[k], name[k], fixed[k], applied = enc.EncodeText(out), file, fixed[k]+n[file], true
		}
		if !applied {
			break
		}
	}
	for k, data := range current {
		if bytes.Equal(data, original[k]) {
			continue
		}
		path := name[k]
		if k == "" {
			path = j.in.path
		}
		j.fixed = append(j.fixed, FixedFile{Path: path, Name: name[k], Original: original[k], Data: data, Findings: fixed[k]})
	}
	j.data, j.imported, j.sources, j.readFile = current[""], nil, nil, readFile
	l.lint(j)
	for _, d := range j.diags {
		if hasEdits(d) && !fixable(d.File) {
			j.notFixed = append(j.notFixed, d.File)
		}
	}
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
