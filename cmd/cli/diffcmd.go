package cli

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/change"
	"github.com/mcsf-dev/mcsf/fileio"
	"github.com/mcsf-dev/mcsf/internal/lazy"
	"github.com/mcsf-dev/mcsf/variant"
)

type diffOptions struct {
	inputOptions
	importOptions
	git      string // --git REV
	format   string
	exitCode bool
	simsFile string
}

const diffLong = `Show what a change to an answer file does, for code review: which SIMs now
get which settings, and how, rather than which lines changed.

Structure: Targets, TargetStates, Conditions, Variants and settings added,
removed or changed, matched by identity (Target Id case-sensitive; Variant
Name, Settings Path and Setting Name ignoring case; a TargetState by its
conditions), never by line. Moving or reformatting XML, reordering
attributes, conditions or settings, and comments are not changes. A
reorder of Variants is reported when it flips a tie: two Variants that can
match one SIM at equal priority and set one setting differently (the one
defined later wins). A value rewritten as the same DWORD (1 as 0x1) is no
change. Assets, Applications and DataAssets are not compared.

Effect on SIMs: the SIM and device space is split by every condition of
both versions into classes that both treat alike (each class in words,
e.g. "MCC 310, MNC 410, any SPN"); both versions are resolved for one SIM
of each class, and every class whose effective settings or runtime values
(IMSRetry, AutoRetryDownloadForMMS) change is listed with old → new, the
scope, and where each value comes from. Classes that change alike are
merged ("any SPN": the SPN splits the class, but every part changes the
same way). A class that depends on a condition mcsf cannot evaluate (a
pattern Go's RE2 and .NET read differently) is reported as undecided,
never guessed. With --sims FILE, the SIMs of a CSV or JSON file are
resolved one by one instead (the format of mcsf resolve --sims).

Inputs: two files (each a root file whose Imports are merged, as in mcsf
resolve), or --git REV and files of the working tree: the old version is
read with git show REV:PATH (imports too), without a checkout.

As a git diff driver (git passes PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE
NEW-HEX NEW-MODE; imports are not followed there, and the exit code is 0):
  git config diff.mcsf.command 'mcsf diff'
  echo '*.xml diff=mcsf' >> .gitattributes
  git diff            # answer files are shown by mcsf diff
  git diff --no-ext-diff   # the line diff again

Formats: text (colour on a terminal unless NO_COLOR is set), markdown (a
pull-request comment: summary line, a table per class, collapsed details),
json (mcsf schema diff-output). --exit-code exits 1 when the effect on any
SIM changed or cannot be decided, 0 when only the structure without effect,
formatting or comments changed.

Examples:
  mcsf diff old.xml new.xml
  mcsf diff --format markdown old.xml new.xml
  mcsf diff --exit-code old.xml new.xml
  mcsf diff --git HEAD answers.xml
  mcsf diff --sims sims.csv old.xml new.xml`

func newDiffCmd(io *streams) *cobra.Command {
	o := &diffOptions{}
	cmd := &cobra.Command{
		Use:   "diff OLD NEW | --git REV FILE...",
		Short: "Show which SIMs a change to an answer file affects, and how",
		Long:  diffLong,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runDiff(o, args, io)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.git, "git", "", "compare FILEs with their version at git revision `REV`")
	formatFlag(cmd, &o.format, "", "text", "markdown", "json")
	f.BoolVar(&o.exitCode, "exit-code", false, "exit 1 when the effect on any SIM changed or cannot be decided")
	f.StringVar(&o.simsFile, "sims", "", "resolve the SIMs of a CSV or JSON `FILE` instead of the classes")
	addInputFlags(cmd, &o.inputOptions)
	addImportFlags(cmd, &o.importOptions, true)
	return cmd
}

// diffPair is one comparison: the two versions, and notes on how they were read.
type diffPair struct {
	old, new change.Version
	notes    []string
}

// hexRE and modeRE recognise the object names and modes git passes to an
// external diff driver.
var (
	hexRE  = lazy.Regexp{Expr: `^(?:[0-9a-f]{40}|[0-9a-f]{64}|\.)$`}
	modeRE = lazy.Regexp{Expr: `^(?:[0-7]{6}|\.)$`}
)

// gitDriverArgs reports whether args are what git passes an external diff
// driver: PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE.
func gitDriverArgs(args []string) bool {
	return len(args) == 7 && hexRE.Get().MatchString(args[2]) && modeRE.Get().MatchString(args[3]) &&
		hexRE.Get().MatchString(args[5]) && modeRE.Get().MatchString(args[6])
}

func runDiff(o *diffOptions, args []string, io *streams) error {
	var opts change.Options
	if o.simsFile != "" {
		sims, err := readSIMs(o.simsFile, io.in, o.maxFileSize)
		if err != nil {
			return err
		}
		opts.SIMs = sims
	}
	var pairs []diffPair
	driver := false
	switch {
	case o.git != "":
		if len(args) == 0 {
			return usageError("--git %s: name the files to compare with that revision", o.git)
		}
		if strings.HasPrefix(o.git, "-") {
			// git show would read it as an option (--output=FILE writes a file)
			return usageError("--git %q: a revision does not start with -", o.git)
		}
		for _, path := range args {
			p, err := o.gitPair(path, io)
			if err != nil {
				return err
			}
			pairs = append(pairs, p)
		}
	case gitDriverArgs(args):
		driver = true
		p, err := o.driverPair(args, io)
		if err != nil {
			return err
		}
		pairs = append(pairs, p)
	case len(args) == 2 && args[0] == "-" && args[1] == "-":
		return usageError("standard input cannot be both OLD and NEW")
	case len(args) == 2:
		// Read and parse both versions at once (a large file takes a
		// third of the run).
		var new change.Version
		newErr := make(chan error, 1)
		go func() {
			var err error
			new, err = o.side(args[1], args[1], nil, io)
			newErr <- err
		}()
		old, err := o.side(args[0], args[0], nil, io)
		if err := cmp.Or(err, <-newErr); err != nil {
			return err
		}
		pairs = append(pairs, diffPair{old: old, new: new})
	default:
		return usageError("diff needs OLD and NEW files, or --git REV and files, got %d arguments", len(args))
	}

	var reports []*change.Report
	for _, p := range pairs {
		r := change.Diff(p.old, p.new, opts)
		r.Notes = append(r.Notes, p.notes...)
		reports = append(reports, r)
	}
	if err := writeDiff(io.out, o.format, reports); err != nil {
		return internal(err)
	}
	if o.exitCode && !driver {
		for _, r := range reports {
			if r.Changed() {
				return errFindings
			}
		}
	}
	return nil
}

func writeDiff(w io.Writer, format string, reports []*change.Report) error {
	if format == "json" {
		if len(reports) == 1 {
			return reports[0].WriteJSON(w)
		}
		return writeJSONLine(w, reports)
	}
	for i, r := range reports {
		if i > 0 {
			fmt.Fprintln(w)
		}
		var err error
		if format == "markdown" {
			err = r.WriteMarkdown(w)
		} else {
			err = r.WriteText(w, colorOn(w, os.Getenv))
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// readSIMs reads --sims through fileio: a regular file (or -) of at most
// limit bytes, with the batch limits of variant.ReadProfiles.
func readSIMs(name string, stdin io.Reader, limit int64) ([]variant.Profile, error) {
	r := fileio.LimitReader(stdin, "standard input", limit)
	if name != "-" {
		f, err := fileio.Open(name, limit)
		if err != nil {
			return nil, usageError("--sims: %v", readError(input{path: name, display: name}, err))
		}
		defer f.Close()
		r = f
	}
	sims, err := variant.ReadProfiles(r)
	if err != nil {
		return nil, usageError("--sims %s: %v", name, err)
	}
	if len(sims) == 0 {
		return nil, usageError("--sims %s: no SIMs in the file", name)
	}
	return sims, nil
}

// side reads one version of an answer file: path on disk (or "-"), named
// name in sources; readFile reads its imports (nil: the file system).
func (o *diffOptions) side(path, name string, readFile func(string) ([]byte, error), io *streams) (change.Version, error) {
	in := input{path: path, display: name}
	if path == "-" {
		in = o.stdinInput()
	}
	data, err := o.read(in, io.in)
	if err != nil {
		return change.Version{}, err
	}
	return o.version(in.display, data, readFile, io)
}

// version parses data (and, unless --no-imports, what it imports, merged).
func (o *diffOptions) version(name string, data []byte, readFile func(string) ([]byte, error), io *streams) (change.Version, error) {
	v := change.Version{Name: name}
	g, err := o.loadGraphWith(name, data, o.maxFileSize, readFile)
	if err != nil {
		return v, err
	}
	if readFile == nil {
		readFile = func(name string) ([]byte, error) { return fileio.ReadFile(name, o.maxFileSize) }
	}
	if err := stopOnSyntax(g, data, readFile, io.err); err != nil {
		return v, err
	}
	if !g.Root().Doc.IsAnswerFile() {
		return v, usageError("%s: the root element is <%s>, not <ImageCustomizations>", name, g.Root().Doc.Tree.Root().Tag)
	}
	if len(g.Files) == 1 {
		v.Model = variant.ModelOf(g.Root().Doc)
		return v, nil
	}
	v.Model = variant.ModelOfMerged(answerfile.Merge(g))
	dir := filepath.Dir(name)
	for _, f := range g.Files {
		rel, err := filepath.Rel(dir, f.Path)
		if err != nil {
			rel = f.Path
		}
		rank := "none"
		switch r := f.Rank(); {
		case f.IsRoot():
			rank = "root"
		case f.RankName() != "no Priority":
			rank = fmt.Sprint(r)
		}
		v.Files = append(v.Files, change.File{Path: filepath.ToSlash(rel), Rank: rank})
	}
	return v, nil
}

// gitPair compares the working file path with its version at --git REV,
// read with git show (imports too).
func (o *diffOptions) gitPair(path string, io *streams) (diffPair, error) {
	show := func(p string) ([]byte, error) {
		dir, base := filepath.Split(p)
		if dir == "" {
			dir = "."
		}
		cmd := exec.Command("git", "-C", dir, "show", o.git+":./"+base)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := gitOutput(cmd, o.git+":"+p, o.maxFileSize)
		var big *fileio.TooLargeError
		if errors.As(err, &big) {
			return nil, err
		}
		if err != nil {
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				return nil, fmt.Errorf("git show %s:%s: %s", o.git, p, strings.TrimSpace(stderr.String()))
			}
			return nil, fmt.Errorf("git show %s:%s: %v", o.git, p, err)
		}
		return out, nil
	}
	oldData, err := show(path)
	if err != nil {
		return diffPair{}, usageError("%v", err)
	}
	old, err := o.version(path, oldData, show, io)
	if err != nil {
		return diffPair{}, err
	}
	old.Name = o.git + ":" + path
	new, err := o.side(path, path, nil, io)
	if err != nil {
		return diffPair{}, err
	}
	return diffPair{old: old, new: new}, nil
}

// gitOutput runs cmd and returns its standard output, read as a file is
// (fileio.ReadAll): a blob over limit bytes, from a revision a pull request
// chose, stops git and is a TooLargeError naming name.
func gitOutput(cmd *exec.Cmd, name string, limit int64) ([]byte, error) {
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	out, readErr := fileio.ReadAll(stdout, name, limit)
	if readErr != nil {
		cmd.Process.Kill()
		cmd.Wait()
		return nil, readErr
	}
	return out, cmd.Wait()
}

// driverPair reads the two files git hands an external diff driver. A
// missing side (/dev/null: the file was added or deleted) is empty. The
// files are git's temporary copies, so their imports are not followed.
func (o *diffOptions) driverPair(args []string, io *streams) (diffPair, error) {
	o.noImports = true
	p := diffPair{old: change.Version{Name: "a/" + args[0]}, new: change.Version{Name: "b/" + args[0]}}
	var imports bool
	for i, file := range []string{args[1], args[4]} {
		if file == os.DevNull || args[2+3*i] == "." {
			continue
		}
		data, err := o.read(input{path: file, display: args[0]}, io.in)
		if err != nil {
			return diffPair{}, err
		}
		v, err := o.version(args[0], data, nil, io)
		if err != nil {
			return diffPair{}, err
		}
		imports = imports || bytes.Contains(data, []byte("<Import "))
		if i == 0 {
			p.old.Model = v.Model
		} else {
			p.new.Model = v.Model
		}
	}
	if imports {
		p.notes = append(p.notes, "as a git diff driver mcsf sees one file at a time: its imports are not followed; run mcsf diff --git REV "+args[0]+" to merge them")
	}
	return p, nil
}
