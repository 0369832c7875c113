package cli

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/mcsf-dev/mcsf/internal/english"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/answerfile/lint"
	"github.com/mcsf-dev/mcsf/variant"
	"github.com/spf13/cobra"
)

type resolveOptions struct {
	inputOptions
	importOptions
	conditions []string // --condition NAME=VALUE
	sims       []string // --sim, once per slot
	simsFile   string   // --sims
	simLimits  variant.ProfileLimits
	explain    bool
	quiet      bool // --quiet: no lint summary on stderr
	lint       bool // --lint: lint whatever the file's size
	format     string
	simFlags   map[string]*string // --mcc ... --roaming, by condition name
}

// simFlagNames are the single-SIM flags, each setting the condition of the
// same name.
var simFlagNames = []struct{ flag, name, usage string }{
	{"mcc", "MCC", "mobile country code, e.g. 310"},
	{"mnc", "MNC", "mobile network code, e.g. 410 (26 and 026 differ)"},
	{"spn", "SPN", "service provider name"},
	{"pnn", "PNN", "PLMN network name"},
	{"gid1", "GID1", "group identifier 1 (hexadecimal)"},
	{"iccid", "ICCID", "SIM card number, expands $(__ICCID)"},
	{"imsi", "IMSI", "subscriber identity, expands $(__IMSI)"},
	{"uiccslot", "UICCSLOT", "slot of the SIM, 0 or 1"},
	{"uicc", "UICC", "SIM state: 0 empty, 1 ready, 2 locked"},
	{"roaming", "Roaming", "1 when roaming, else 0"},
	{"lang", "Lang", "device language, e.g. en-US"},
	{"region", "Region", "device region, e.g. US"},
	{"processor-type", "ProcessorType", "device processor type"},
	{"processor-name", "ProcessorName", "device processor name"},
	{"architecture", "Architecture", "device architecture, e.g. ARM"},
	{"aoac", "AoAc", "device AoAc (always on, always connected)"},
	{"power-platform-role", "PowerPlatformRole", "device power platform role"},
	{"server", "Server", "device Server condition"},
}

const resolveLong = `Show what a device with a given SIM gets from an answer file: the runtime
value of every setting the file sets, per scope (the per-IMSI value over the
per-device one, or the reverse where Microsoft's page says so, e.g.
ShowVoLTEToggle; the documented default where the file sets a customization
but not that setting), what the runtime does with customizations that have
runtime semantics (IMSRetry, AutoRetryDownloadForMMS), every effective setting with
the Static block or Variant it comes from (file:line), the variants that
matched and in what order they apply, settings that two variants of equal
priority set differently (conflicts), and conditions mcsf cannot evaluate
(undecided). A device fact the SIM does not give (Roaming, UICC, UICCSLOT)
is answered for each of its values ("Depends on Roaming": 0 → ..., 1 → ...).
--explain adds every Target and the condition that decided it.

The SIM is given with flags (--mcc, --mnc, ... and --condition NAME=VALUE for
any other condition, e.g. device conditions such as Lang), with --sim
'mcc=310,mnc=410,imsi=...' once per slot of a dual-SIM device (each slot is
resolved on its own; UICCSLOT is set to 0 and 1 unless given), or with
--sims FILE for a batch: CSV with a header row of condition names, or a JSON
array of objects. The single flags apply to every --sim and --sims row.
With two --sim, text shows the slots side by side, one row per setting.
A batch is resolved as it is read, on every core, and written in input
order, so memory does not grow with the number of SIMs; its text is a
matrix with a column per SIM field and per setting the file sets (the
value and the scope it is read from), widths known before the first row.
A bad row stops the batch (exit 2); rows before it may have been written.
A line on standard error counts lint findings of a file up to 1 MB (or
several that import each other, up to 1 MB in all); a larger one is not
linted (lint takes longer than resolve: 0.5 s on 4.5 MB) and the line says
so. --lint lints whatever the size; --quiet neither lints nor prints the
line.

How resolve decides (Microsoft documents the first part):
  - Conditions in a TargetState are ANDed, TargetStates of a Target are ORed.
  - A match's priority is the number of P0 (SIM) conditions, then of P1
    (device) conditions, of the best matching TargetState; at equal
    priority, the variant defined later applies later and wins. Static
    applies first, under every variant.
  - IMSRetry: the per-IMSI value (CellCore/PerIMSI/$(__IMSI)/SMS) for this
    SIM, else the per-device value (CellCore/PerDevice/SMS); RetryEnabled
    defaults to 1, AttemptThresholdForIMS is otherwise unset.
    AutoRetryDownload: the per-SIM value (Messaging/PerSimSettings/$(__ICCID)),
    else 0. DWORDs are decimal or 0x-hexadecimal.
Matching policy [policy] (not documented by Microsoft; this tool's choice):
  - MATCHING-POLICY
  - range: bounds are decimal integers of any length (ICCIDs);
  - a pattern .NET and Go's RE2 do not read alike (look-around,
    back-references, POSIX classes, class subtraction; \d, \w, '.' on a value
    that is not ASCII), a malformed range or a condition name ImageApp does
    not know (e.g. IMSI) makes its TargetState undecided: reported, and its
    variants are not applied through it, never guessed.
What ImageApp does [tool]: a capitalised Pattern: or Range: is part of a plain
value (on MCC, MNC and GID1 the build fails: undecided); a condition name
repeated in a TargetState fails the build and counts once for priority;
settings in Static under $(__IMSI) or $(__ICCID) are lint errors and are not
applied.

A file with <Imports> is resolved with everything it imports, merged as
ImageApp merges them (the root file over imports, Priority 1 over 2); each
setting's source names the file it comes from. --path-map maps Windows paths
in Import Source to local directories; --no-imports resolves the file alone.

A file that is not well-formed XML is not resolved (exit 1, with the
diagnostics); other lint findings do not stop resolve and are counted on
standard error.

Examples:
  mcsf resolve answers.xml --mcc 310 --mnc 410 --imsi 310410123456789
  mcsf resolve answers.xml --mcc 310 --mnc 410 --explain
  mcsf resolve answers.xml --sim 'mcc=310,mnc=410,imsi=310410123456789' --sim 'mcc=310,mnc=260'
  mcsf resolve answers.xml --sims sims.csv
  mcsf resolve answers.xml --sims sims.csv --format json
  mcsf resolve answers.xml --mcc 310 --mnc 410 --condition Lang=en-US --format json
  cat answers.xml | mcsf resolve - --stdin-filename answers.xml --mcc 310 --mnc 410`

func newResolveCmd(io *streams) *cobra.Command {
	o := &resolveOptions{simFlags: map[string]*string{}}
	cmd := &cobra.Command{
		Use:   "resolve FILE|- [--mcc MCC --mnc MNC ...]",
		Short: "Show the effective settings a device gets for a given SIM",
		Long:  withMatchingPolicy(resolveLong),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runResolve(o, args, cmd.Flags().Changed, io)
		},
	}
	f := cmd.Flags()
	for _, sf := range simFlagNames {
		o.simFlags[sf.name] = f.String(sf.flag, "", sf.usage)
	}
	f.StringArrayVar(&o.conditions, "condition", nil, "set any condition, NAME=VALUE (repeatable)")
	f.StringArrayVar(&o.sims, "sim", nil, "a SIM as 'name=value,...'; give twice for the two slots of a dual-SIM device")
	f.StringVar(&o.simsFile, "sims", "", "resolve every SIM of a CSV or JSON `FILE` (- for standard input)")
	f.IntVar(&o.simLimits.MaxRows, "max-sims", variant.DefaultMaxSIMs, "refuse a --sims batch of more than `N` SIMs")
	f.Int64Var(&o.simLimits.MaxBytes, "max-sim-bytes", variant.DefaultMaxSIMBytes, "refuse a --sims row (CSV line, JSON object) longer than `N` bytes")
	addPatternFlags(cmd, &o.patterns)
	f.BoolVar(&o.explain, "explain", false, "also list every Target and why it did or did not match")
	f.BoolVarP(&o.quiet, "quiet", "q", false, "do not lint, nor print the lint summary line on standard error")
	f.BoolVar(&o.lint, "lint", false, "count lint findings also of a file over 1 MB")
	formatFlag(cmd, &o.format, "", "text", "json")
	addInputFlags(cmd, &o.inputOptions)
	addImportFlags(cmd, &o.importOptions, true)
	return cmd
}

// runResolve resolves args[0]; changed reports whether a flag was given
// (an empty --spn "" is a value, an absent --spn is not).
func runResolve(o *resolveOptions, args []string, changed func(flag string) bool, io *streams) error {
	if len(args) != 1 {
		return usageError("resolve needs exactly one answer file (or - for standard input), got %d", len(args))
	}
	if len(o.sims) > 2 {
		return usageError("--sim given %d times: a device has two SIM slots", len(o.sims))
	}
	if len(o.sims) > 0 && o.simsFile != "" {
		return usageError("--sim and --sims cannot be combined")
	}
	if o.explain && o.simsFile != "" && o.format == "text" {
		return usageError("--explain with --sims needs --format json")
	}
	if args[0] == "-" && o.simsFile == "-" {
		return usageError("standard input cannot be both the answer file and --sims")
	}
	if o.lint && o.quiet {
		return usageError("--lint and --quiet cannot be combined")
	}
	if o.simLimits.MaxRows < 1 || o.simLimits.MaxBytes < 1 {
		return usageError("--max-sims and --max-sim-bytes must be at least 1")
	}
	if err := checkPatternLimits(o.patterns); err != nil {
		return err
	}

	base, err := o.baseProfile(changed)
	if err != nil {
		return err
	}
	var sims *simSource // --sims: read one row at a time while resolving
	var profiles []variant.Profile
	if o.simsFile != "" {
		if sims, err = o.openSims(base, io.in, io.err); err != nil {
			return err
		}
		defer sims.close()
	} else if profiles, err = o.profiles(base, io.err); err != nil {
		return err
	}

	in := input{path: args[0], display: args[0]}
	if args[0] == "-" {
		in = o.stdinInput()
	}
	data, err := o.read(in, io.in)
	if err == nil {
		// Collect only at the soft limit (from the answer file's size, as
		// lint does), not each time the heap doubles: a batch makes much
		// short-lived garbage over a small live heap, and one SIM reads
		// and compiles a file whose garbage is small next to the limit
		// (the 5,000-target file: 34 MB allocated in all, so never
		// collected).
		mem := io.memoryLimit(1)
		mem.add(len(data))
		mem.onlyLimit()
	}
	var big *fileTooBig
	if errors.As(err, &big) {
		fmt.Fprintf(io.err, "mcsf: %v\n", err)
		return errFindings
	}
	if err != nil {
		return err
	}
	// Lint counts findings for the line on standard error: not with
	// --quiet, always with --lint, else when the file (with what it
	// imports) is at most lintAutoBytes. Without lint no tree is needed: a
	// file that imports nothing is read without one.
	size := len(data)
	lintIt := !o.quiet && (o.lint || size <= lintAutoBytes)
	var compiled *variant.Compiled
	var g *answerfile.Graph
	var merged *answerfile.Merged
	if !lintIt {
		compiled, err = o.compileTreeless(in, data)
	}
	if compiled == nil && err == nil {
		compiled, g, merged, err = o.compile(in, data, o.maxFileSize, io.err)
		if g != nil {
			size = graphBytes(g)
			lintIt = !o.quiet && (o.lint || size <= lintAutoBytes)
		}
	}
	if compiled != nil {
		compiled.ReportMissingFacts() // a device fact not given is "depends on", never "not matched" (issue 13)
	}
	if err != nil {
		return err
	}
	// Lint only counts findings here, with the schema cache lint uses
	// (repeated elements are validated once), and not at all with --quiet.
	// For one SIM it runs on the other core while the SIM is resolved
	// (Resolve does not read the tree). A batch waits for it: the tree is
	// then garbage before the first SIM, and the collector does not mark
	// it again and again under the batch's garbage (measured on 100,000
	// SIMs against the 5,000-target file: 0.6 s less CPU).
	lintCount := make(chan int, 1)
	if lintIt {
		go func(g *answerfile.Graph, merged *answerfile.Merged) {
			cfg := lint.Config{Cache: lint.NewSchemaCache()}
			if merged != nil {
				lintCount <- len(lint.Graph(g, merged, cfg))
			} else {
				lintCount <- len(lint.Lint(g.Root().Doc, cfg))
			}
		}(g, merged)
	}
	g, merged, data = nil, nil, nil
	findings := -1
	if sims != nil && lintIt {
		findings = <-lintCount
	}

	w := bufio.NewWriterSize(textOut(io.out, o.format), 64<<10)
	switch {
	case sims != nil:
		err = o.writeBatch(w, compiled, sims, io.err)
	case o.format == "json" && len(o.sims) == 0:
		err = writeJSONLine(w, o.resolveOne(compiled, profiles[0]))
	case o.format == "json":
		results := make([]variant.Result, len(profiles))
		for i, p := range profiles {
			results[i] = o.resolveOne(compiled, p)
		}
		err = writeJSONLine(w, results)
	case len(profiles) == 2 && !o.explain:
		writeSlotsText(w, [2]variant.Result{o.resolveOne(compiled, profiles[0]), o.resolveOne(compiled, profiles[1])})
	default:
		for i, p := range profiles {
			if len(o.sims) > 0 {
				if i > 0 {
					fmt.Fprintln(w)
				}
				fmt.Fprintf(w, "== Slot %d ==\n", i)
			}
			writeResolveText(w, o.resolveOne(compiled, p), o.explain)
		}
	}
	var ee *exitError
	if errors.As(err, &ee) {
		return err // a bad --sims row: what is still buffered is not written
	}
	if err != nil {
		return internal(err)
	}
	if err := w.Flush(); err != nil {
		return internal(err)
	}
	switch {
	case lintIt:
		if findings < 0 {
			findings = <-lintCount
		}
		if n := findings; n > 0 {
			fmt.Fprintf(io.err, "%s: run mcsf lint for %s\n", in.display, english.Count(n, "finding"))
		}
	case !o.quiet:
		fmt.Fprintf(io.err, "%s: not linted (%.1f MB; resolve lints files up to %d MB): run mcsf lint, or resolve --lint, for its findings\n",
			in.display, float64(size)/1e6, lintAutoBytes/1_000_000)
	}
	return nil
}

// lintAutoBytes is the size up to which resolve lints a file (with what
// it imports) by default, for the line that counts its findings. Lint
// takes longer than resolve: about 0.1 s a MB on one core (mcsf lint of
// the 5,000-target file of bench/gen, 4.5 MB: 0.43-0.55 s of CPU; mcsf
// resolve -q of it: see compileTreeless).
const lintAutoBytes = 1_000_000

// compileTreeless compiles a file that imports nothing (or everything
// with --no-imports) with variant.ReadCompiled: no tree, which only lint
// needs, and its targets compiled on the other core while the rest is
// read. It returns nil when the file cannot be read so, or is not an
// answer file: compile then reads it, and reports what stands in the way
// as it always does.
func (o *resolveOptions) compileTreeless(in input, data []byte) (*variant.Compiled, error) {
	opts, err := o.options(in.display, o.maxFileSize)
	if err != nil {
		return nil, err
	}
	c, m, ds, err := variant.ReadCompiled(in.display, data, opts.Limits, o.patterns)
	if ds != nil || err != nil || !m.AnswerFile || (m.Imports > 0 && !o.noImports) {
		return nil, nil
	}
	return c, nil
}

// graphBytes is the size of the text of the files of g.
func graphBytes(g *answerfile.Graph) int {
	n := 0
	for _, f := range g.Files {
		if f.Doc != nil {
			n += len(f.Doc.Text())
		}
	}
	return n
}

func (o *resolveOptions) resolveOne(c *variant.Compiled, p variant.Profile) variant.Result {
	if o.explain {
		return c.Explain(p)
	}
	return c.Resolve(p)
}

// baseProfile is the SIM given by the single flags and --condition.
func (o *resolveOptions) baseProfile(changed func(string) bool) (variant.Profile, error) {
	var p variant.Profile
	for _, sf := range simFlagNames {
		if changed(sf.flag) {
			v := *o.simFlags[sf.name]
			if problem, _ := variant.CheckProfileValue(sf.name, v); problem != "" {
				return variant.Profile{}, usageError("--%s: %s", sf.flag, problem)
			}
			p.Set(sf.name, v)
		}
	}
	for _, c := range o.conditions {
		name, value, ok := strings.Cut(c, "=")
		if !ok || strings.TrimSpace(name) == "" {
			return variant.Profile{}, usageError("--condition %q: want NAME=VALUE, e.g. --condition Lang=en-US", c)
		}
		p.Set(strings.TrimSpace(name), value)
	}
	return p, nil
}

// profiles lists the SIMs to resolve: the base alone, or each --sim over
// the base (with its slot). Every profile is validated
// (variant.ValidateProfile): a bad one is a usage error naming it; warnings
// go to errOut.
func (o *resolveOptions) profiles(base variant.Profile, errOut io.Writer) ([]variant.Profile, error) {
	ws, err := variant.ValidateProfile("SIM flags", base)
	if err != nil {
		return nil, usageError("%v", err)
	}
	warn(errOut, ws)
	if len(o.sims) == 0 {
		return []variant.Profile{base}, nil
	}
	var out []variant.Profile
	for slot, s := range o.sims {
		p, err := variant.ParseProfile(s)
		if err != nil {
			return nil, usageError("--sim: %v", err)
		}
		p = base.Merge(p).WithDefault("UICCSLOT", fmt.Sprint(slot))
		ws, err := variant.ValidateProfile(fmt.Sprintf("--sim %q", s), p)
		if err != nil {
			return nil, usageError("%v", err)
		}
		warn(errOut, ws)
		out = append(out, p)
	}
	return out, nil
}

func warn(errOut io.Writer, ws []string) {
	for _, w := range ws {
		fmt.Fprintf(errOut, "mcsf: warning: %s\n", w)
	}
}

func writeJSONLine(w io.Writer, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// issues summarises what needs a look in one result of a batch.
func issues(r *variant.Result) string {
	var parts []string
	if n := len(r.Conflicts); n > 0 {
		parts = append(parts, english.Count(n, "conflict"))
	}
	if n := len(r.Undecided); n > 0 {
		parts = append(parts, fmt.Sprintf("%d undecided", n))
	}
	return strings.Join(parts, ", ")
}

// writeResolveText prints one result for people.
func writeResolveText(w io.Writer, r variant.Result, explain bool) {
	textf(w, "SIM: %s\n\n", r.SIM)

	writeRuntimeText(w, r)
	fmt.Fprintln(w)
	if len(r.Matched) == 0 {
		fmt.Fprintln(w, "Matched variants: none (only Static applies)")
	} else {
		fmt.Fprintln(w, "Matched variants (applied in this order; later wins)")
		for i, m := range r.Matched {
			textf(w, "  %d. %s via Target %s, TargetState %d, priority P0=%d P1=%d (%s)\n",
				i+1, m.Variant, m.Target, m.TargetState, m.Priority[0], m.Priority[1], m.Source)
		}
	}

	fmt.Fprintln(w)
	if len(r.Settings) == 0 {
		fmt.Fprintln(w, "Settings: none")
	} else {
		textf(w, "Settings (%d)\n", len(r.Settings))
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		lastPath := ""
		for _, s := range r.Settings {
			if s.Path != lastPath || lastPath == "" {
				textf(tw, "  %s\n", s.Path)
				lastPath = s.Path
			}
			textf(tw, "    %s = %s\t%s\n", s.Name, s.Value, s.Source)
		}
		tw.Flush()
	}

	fmt.Fprintln(w)
	if len(r.Conflicts) == 0 {
		fmt.Fprintln(w, "Conflicts: none")
	} else {
		textf(w, "Conflicts (%d): equal priority, decided only by order in the file\n", len(r.Conflicts))
		for _, c := range r.Conflicts {
			textf(w, "  %s %s: %q wins (%s)\n    over %q (%s)\n", c.Path, c.Name, c.Winner.Value, c.Winner.Source, c.Other.Value, c.Other.Source)
		}
	}
	if len(r.Undecided) == 0 {
		fmt.Fprintln(w, "Undecided: none")
	} else {
		textf(w, "Undecided (%d): not evaluated, variants not applied through them\n", len(r.Undecided))
		for _, u := range r.Undecided {
			textf(w, "  Target %s, TargetState %d (%s:%d): condition %s=%q: %s\n", u.Target, u.TargetState, u.File, u.Line, u.Condition, u.Value, u.Reason)
			switch {
			case u.TargetMatched:
				fmt.Fprintln(w, "    the Target matched through another TargetState; this one might give it a higher priority")
			case len(u.Variants) > 0:
				textf(w, "    not applied: Variant %s\n", strings.Join(u.Variants, ", "))
			}
		}
	}
	writeCasesText(w, r.Cases)
	if len(r.Notes) > 0 {
		fmt.Fprintln(w, "Notes")
		for _, n := range r.Notes {
			textf(w, "  - %s\n", n)
		}
	}
	if explain {
		writeExplainText(w, r)
	}
}

// writeRuntimeText prints every setting as the device reads it, and what
// the runtime does with the customizations that have runtime semantics.
func writeRuntimeText(w io.Writer, r variant.Result) {
	textf(w, "Runtime values (%d): what the device reads, per scope\n", len(r.Runtime))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, s := range r.Runtime {
		from := "documented default"
		switch {
		case s.Source != nil:
			from = s.Source.String()
		case s.Scope == "unset":
			from = "not set, no documented default"
		}
		if s.Shadowed != nil {
			from += fmt.Sprintf("; over %s %q (%s)", s.Shadowed.Scope, s.Shadowed.Value, s.Shadowed.Source)
		}
		value := orDash(s.Value)
		if s.Forced != "" {
			value += " forced " + s.Forced
		}
		if s.Note != "" {
			from += "; " + s.Note
		}
		textf(tw, "  %s\t%s\t%s\t%s\t%s\n", orDash(s.Customization), runtimeName(s), value, s.Scope, from)
	}
	tw.Flush()
	for _, e := range r.Effects {
		for _, line := range e.Effects {
			textf(w, "  %s: %s\n", e.Customization, line)
		}
	}
}

// runtimeName names a runtime row: its path and setting name.
func runtimeName(s variant.RuntimeSetting) string {
	return s.Path + " " + s.Name
}

// writeSlotsText prints the two slots of a dual-SIM device side by side:
// one row per setting, one column per slot.
func writeSlotsText(w io.Writer, rs [2]variant.Result) {
	for i, r := range rs {
		textf(w, "Slot %d: %s\n", i, r.SIM)
		if len(r.Matched) == 0 {
			fmt.Fprintln(w, "  matched: none (only Static applies)")
		}
		for _, m := range r.Matched {
			textf(w, "  matched: %s via Target %s, TargetState %d (%s)\n", m.Variant, m.Target, m.TargetState, m.Source)
		}
	}
	type cell struct{ value, scope string }
	type row struct {
		cust, name string
		slot       [2]cell
	}
	var rows []*row
	index := map[string]*row{}
	for i, r := range rs {
		for _, s := range r.Runtime {
			// the slots may read one setting through different scopes' paths: pair them by name
			k := s.Customization + "\x00" + strings.ToLower(pairedName(s))
			rw, ok := index[k]
			if !ok {
				rw = &row{cust: orDash(s.Customization), name: pairedName(s)}
				index[k] = rw
				rows = append(rows, rw)
			}
			rw.slot[i] = cell{orDash(s.Value), s.Scope}
		}
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "CUSTOMIZATION\tSETTING\tSLOT 0\tSLOT 1")
	for _, rw := range rows {
		c := func(x cell) string {
			if x.scope == "" {
				return "not set"
			}
			return fmt.Sprintf("%s (%s)", x.value, x.scope)
		}
		textf(tw, "%s\t%s\t%s\t%s\n", rw.cust, rw.name, c(rw.slot[0]), c(rw.slot[1]))
	}
	tw.Flush()
	for i, r := range rs {
		for _, e := range r.Effects {
			for _, line := range e.Effects {
				textf(w, "slot %d: %s: %s\n", i, e.Customization, line)
			}
		}
		for _, n := range r.Notes {
			textf(w, "slot %d: note: %s\n", i, n)
		}
		for _, c := range r.Conflicts {
			textf(w, "slot %d: conflict: %s %s: %q wins (%s) over %q (%s)\n", i, c.Path, c.Name, c.Winner.Value, c.Winner.Source, c.Other.Value, c.Other.Source)
		}
		for _, u := range r.Undecided {
			textf(w, "slot %d: undecided: Target %s, TargetState %d: condition %s=%q: %s\n", i, u.Target, u.TargetState, u.Condition, u.Value, u.Reason)
		}
	}
}

// pairedName is a runtime row's setting with the scope part of a per-IMSI
// or per-device path cut, so that both slots' rows meet.
func pairedName(s variant.RuntimeSetting) string {
	for _, p := range []string{"CellCore/PerIMSI/$(__IMSI)/", "CellCore/PerDevice/"} {
		if rest, ok := strings.CutPrefix(s.Path, p); ok {
			return "CellCore/…/" + rest + " " + s.Name
		}
	}
	return runtimeName(s)
}

// writeExplainText prints every Target and Variant with the reason for its outcome.
func writeExplainText(w io.Writer, r variant.Result) {
	fmt.Fprintln(w)
	textf(w, "Targets (%d)\n", len(r.Targets))
	for _, t := range r.Targets {
		used := "no variant uses it"
		if len(t.Variants) > 0 {
			used = "used by Variant " + strings.Join(t.Variants, ", ")
		}
		outcome := t.Outcome.String()
		if t.Outcome == variant.Matched {
			outcome = fmt.Sprintf("matched through TargetState %d, priority P0=%d P1=%d", t.TargetState, t.Priority[0], t.Priority[1])
		}
		textf(w, "  %s (%s), %s: %s\n", t.Target, t.Source, used, outcome)
		for _, s := range t.States {
			textf(w, "    TargetState %d (line %d): %s: %s\n", s.TargetState, s.Source.Line, s.Outcome, s.Reason)
		}
	}
	textf(w, "Variants (%d)\n", len(r.Variants))
	for _, v := range r.Variants {
		textf(w, "  %s (%s): %s: %s\n", v.Variant, v.Source, v.Outcome, v.Reason)
	}
	fmt.Fprintln(w, "Matching policy [policy]: names ignore case; plain values are exact strings except SPN and PNN (case-insensitive);")
	fmt.Fprintln(w, "patterns match the whole value; ranges are inclusive integers; a condition on a name the SIM does not set")
	fmt.Fprintln(w, "does not match, with or without !; a pattern RE2 cannot evaluate is undecided, never guessed")
}
