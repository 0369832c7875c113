package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/mcsf-dev/mcsf/internal/english"
	"github.com/mcsf-dev/mcsf/internal/linediff"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/answerfile/lint"
	"github.com/mcsf-dev/mcsf/catalog"
	"github.com/mcsf-dev/mcsf/fileio"
	"github.com/mcsf-dev/mcsf/report"
	"github.com/mcsf-dev/mcsf/templates"
	"github.com/mcsf-dev/mcsf/variant"
	"github.com/spf13/cobra"
)

// This file holds the commands that write answer files: generate, new,
// import-spec and demo (all built on the templates package).

type generateOptions struct {
	inputOptions
	specLimits            templates.SpecLimits
	output, check, format string
	force                 bool
}

const generateLong = `Write the MCSF answer file described by a short spec (YAML or JSON; - reads
standard input). The spec names the customization, its per-device IMSRetry
values and, per operator, the SIMs it matches and its per-IMSI IMSRetry and
per-SIM AutoRetryDownload values; ` + "`mcsf schema spec`" + ` prints its JSON Schema.

  name: ContosoMessaging
  owner: Contoso
  device:
    imsRetry: {attemptThresholdForIMS: 2, retryEnabled: true}
  operators:
    - name: Fabrikam
      match:                      # each entry is a TargetState (ORed)
        - {mcc: "310", mnc: "410"}  # the keys of one entry are ANDed
      imsRetry: {attemptThresholdForIMS: 3, retryEnabled: false}
      mmsAutoRetry: true

Match keys: mcc, mnc, spn, pnn, gid1, iccid, imsi, uiccslot, uicc, roaming,
and conditions: {NAME: VALUE} for any other condition. Values are strings
(quote numbers) in the MCSF syntax [!][pattern:|range:]value.

Every problem of the spec is reported at its own line and column, in the
format of mcsf lint, and nothing is written (exit 1): schema errors (unknown
keys, wrong types), duplicate operators, an operator that sets nothing, a
condition value ImageApp refuses, a match entry no SIM can satisfy, two
operators that can match one SIM at equal priority and set a setting to
different values. Warnings (an undocumented condition name, an overlap that
merges settings) are printed and the file is still written.

The file is the same bytes for the same spec: one Target and one Variant per
operator (Id and Name from the operator's name, made safe and unique), one
TargetState per match entry with its conditions in a fixed order, Static
with Multivariant/Enable=1 and AutoDataConfig/Enable=0 when there are
operators and the per-device values, booleans written 1/0, a comment on
every block, in the layout of mcsf fmt. For a spec read without warnings the
file has no lint finding at warning or above, and a SIM that satisfies a
match entry of an operator (and no other operator's) resolves to that
operator's values, per-IMSI over per-device, defaults where unset.

Policies of this tool (not documented by Microsoft):
  - pattern: and range: are written in lower case even where the spec
    writes Pattern: or Range: (the documentation's spelling): ImageApp's
    validator only knows the lower-case prefixes;
  - MATCHING-POLICY
    The overlap check matches so, as mcsf resolve does.

--check FILE compares FILE with what the spec generates and exits 1 with a
unified diff when they differ: run it in CI to catch hand edits of the
generated file. --format json prints the spec as read, defaults filled in.

Examples:
  mcsf generate spec.yaml
  mcsf generate spec.yaml -o ContosoMessaging.xml
  mcsf generate spec.yaml --check ContosoMessaging.xml
  mcsf generate spec.yaml --format json
  mcsf import-spec ContosoMessaging.xml | mcsf generate -`

func newGenerateCmd(io *streams) *cobra.Command {
	o := &generateOptions{}
	cmd := &cobra.Command{
		Use:   "generate SPEC",
		Short: "Write an answer file from a short YAML or JSON spec",
		Long:  withMatchingPolicy(generateLong),
		Args:  exactArgs("SPEC", nil),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runGenerate(o, args[0], io)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.output, "output", "o", "", "write the result to `FILE` (atomically) instead of standard output")
	f.StringVar(&o.check, "check", "", "exit 1 with a diff when `FILE` is not what SPEC generates")
	formatFlag(cmd, &o.format, "what to print: xml (the answer file) or json (the spec as read)", "xml", "json")
	f.IntVar(&o.specLimits.MaxNumberLength, "max-number-length", templates.DefaultMaxNumberLength, "refuse an unquoted number in SPEC longer than `N` characters")
	addInputFlags(cmd, &o.inputOptions)
	addForceFlag(cmd, &o.force)
	return cmd
}

// readSpec reads and checks the spec at path (- for standard input),
// printing its diagnostics; the error ends the command.
func readSpec(o *inputOptions, lim templates.SpecLimits, path string, io *streams) (*templates.Spec, string, error) {
	in := input{path: path, display: path}
	if path == "-" {
		in = o.stdinInput()
	}
	data, err := o.read(in, io.in)
	if err != nil {
		var big *fileTooBig
		if errors.As(err, &big) {
			return nil, "", usageError("%v", err)
		}
		return nil, "", err
	}
	spec, err := checkSpec(in.display, data, lim, io)
	return spec, in.display, err
}

// checkSpec reads spec data and prints its diagnostics; the error ends the
// command.
func checkSpec(name string, data []byte, lim templates.SpecLimits, io *streams) (*templates.Spec, error) {
	if err := wrongKindForSpec(name, data); err != nil {
		return nil, err
	}
	spec, diags, err := templates.ReadSpecLimits(name, data, lim)
	if err != nil {
		return nil, internal(err)
	}
	report.WriteDiagnostics(io.err, diags, report.Sources{name: answerfile.NewSource(data)}, colorOn(io.err, os.Getenv))
	if spec == nil {
		t := report.Count(diags)
		return nil, &exitError{code: ExitFindings, err: fmt.Errorf("%s: %s, nothing generated", name, english.Count(t.Errors, "error"))}
	}
	return spec, nil
}

func runGenerate(o *generateOptions, path string, io *streams) error {
	switch {
	case o.check != "" && o.output != "":
		return usageError("--check and -o exclude each other: --check only compares")
	case o.check != "" && o.format != "xml":
		return usageError("--check compares the answer file: it takes --format xml")
	case o.specLimits.MaxNumberLength < 1:
		return usageError("--max-number-length must be at least 1")
	}
	spec, name, err := readSpec(&o.inputOptions, o.specLimits, path, io)
	if err != nil {
		return err
	}
	var out []byte
	if o.format == "json" {
		out, err = json.MarshalIndent(spec, "", "  ")
		out = append(out, '\n')
	} else {
		out, err = templates.Generate(spec)
	}
	if err != nil {
		return internal(err)
	}
	if o.check != "" {
		return checkGenerated(&o.inputOptions, o.check, name, out, io)
	}
	if o.output != "" {
		return writeOutput(io, o.output, out, fileio.WriteOptions{Inputs: []string{path}, BreakLinks: o.force})
	}
	_, err = io.out.Write(out)
	return err
}

// writeOutput writes an -o file atomically, creating its directory, as a
// build step expects.
func writeOutput(io *streams, path string, data []byte, o fileio.WriteOptions) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return usageError("%v", err)
	}
	return writeFile(io.err, path, data, o)
}

// checkGenerated compares file with what spec generates (want).
func checkGenerated(o *inputOptions, file, spec string, want []byte, io *streams) error {
	have, err := fileio.ReadFile(file, o.maxFileSize)
	if errors.Is(err, fs.ErrNotExist) {
		return &exitError{code: ExitFindings, err: fmt.Errorf("%s does not exist: write it with mcsf generate %s -o %s", file, spec, file)}
	}
	if err := readError(input{path: file, display: file}, err); err != nil {
		var big *fileTooBig
		if errors.As(err, &big) {
			return usageError("%v", err)
		}
		return err
	}
	if bytes.Equal(have, want) {
		return nil
	}
	d := linediff.Unified("a/"+filepath.ToSlash(file), "b/"+filepath.ToSlash(file), have, want)
	// A report, not a patch: the file checked may come from a pull request,
	// and a control character of it must not act on the terminal or log.
	fmt.Fprint(report.TerminalSafe(io.out), d)
	return &exitError{code: ExitFindings, err: fmt.Errorf("%s is not what %s generates: regenerate it with mcsf generate %s -o %s", file, spec, spec, file)}
}

type newOptions struct {
	scope, owner, output string
}

const newLong = `Print a commented answer-file skeleton for one customization, like the
sample of Microsoft's documentation but well-formed XML (the documentation's
IMSRetry sample nests comments and does not parse), with a TODO comment at
every value to fill in. The values are left empty, so mcsf lint reports
each one (empty-value, invalid-condition-value, owner-missing) until it is
set.

Skeletons and scopes (the first is the default):
  imsretry  per-imsi    Targets, Static (Multivariant on), a Variant with
                        CellCore/PerIMSI/$(__IMSI)/SMS
            per-device  Static with CellCore/PerDevice/SMS
  mms       per-sim     Targets, Static (Multivariant on), a Variant with
                        Messaging/PerSimSettings/$(__ICCID) AutoRetryDownload

Any other customization of the catalog (mcsf settings lists them) by its id
or page name: its settings groups of the chosen scope (default: the first the
page supports) with a TODO stating each setting's values and default,
Targets and a Variant for per-IMSI and per-SIM scopes, and settings not keyed
by SIM in Static.

For answer files with several operators, write a spec and use mcsf generate.

Examples:
  mcsf new imsretry
  mcsf new TelecoilAndTTY --owner Contoso
  mcsf new settings-for-ims-services --scope per-device
  mcsf new imsretry --scope per-device --owner Contoso
  mcsf new mms --owner Contoso -o AutoRetryDownloadForMMS.xml`

// newKinds are what 'mcsf new' takes, for its argument error.
func newKinds() []string {
	return append(templates.Kinds(), "a customization id that 'mcsf settings' lists")
}

func newNewCmd(io *streams) *cobra.Command {
	o := &newOptions{}
	cmd := &cobra.Command{
		Use:   "new imsretry|mms|CUSTOMIZATION",
		Short: "Print a commented answer-file skeleton to fill in",
		Long:  newLong,
		Args:  exactArgs("KIND", newKinds), // args.go
		ValidArgsFunction: func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			kinds := templates.Kinds()
			for _, c := range catalog.Customizations() {
				kinds = append(kinds, c.ID+"\t"+c.Title)
			}
			return kinds, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runNew(o, args[0], io)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.scope, "scope", "", "per-imsi or per-device (imsretry), per-sim (mms); per-imsi, per-device, per-sim or device for a catalog customization")
	f.StringVar(&o.owner, "owner", "", "the Owner to write (left empty, with a TODO, otherwise)")
	f.StringVarP(&o.output, "output", "o", "", "write the skeleton to `FILE`, which must not exist yet")
	_ = cmd.RegisterFlagCompletionFunc("scope", func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
		var scopes []string
		for _, k := range templates.Kinds() {
			if len(args) == 0 || args[0] == k {
				scopes = append(scopes, templates.Scopes(k)...)
			}
		}
		return scopes, cobra.ShellCompDirectiveNoFileComp
	})
	return cmd
}

func runNew(o *newOptions, kind string, io *streams) error {
	out, err := templates.New(kind, o.scope, o.owner)
	var ue *templates.UsageError
	if errors.As(err, &ue) {
		return usageError("%v", ue)
	}
	if err != nil {
		return internal(err)
	}
	if o.output == "" {
		_, err := io.out.Write(out)
		return err
	}
	if _, err := os.Lstat(o.output); err == nil {
		return usageError("%s exists: not overwritten (remove it or choose another name)", o.output)
	}
	return writeOutput(io, o.output, out, fileio.WriteOptions{})
}

type importSpecOptions struct {
	inputOptions
	output string
	force  bool
}

const importSpecLong = `Write the spec that generates an answer file equivalent to FILE: the same
root attributes, Targets and Conditions, the same per-device, per-IMSI and
per-SIM values, the Variants in the same order. IMSRetry and
AutoRetryDownloadForMMS become the short forms (imsRetry, mmsAutoRetry);
every other documented setting goes to the spec's settings, its path as the
catalog spells it. Comments are not carried over (the generated file writes
its own), Targets no Variant uses are left out, and Target Ids and Variant
Names become the Ids mcsf generate derives from operator names; each of
these is noted (info) on standard error.

What a spec cannot express is listed, each at its line and column in FILE,
and nothing is written (exit 1): a setting the catalog does not know, one in
the wrong scope or with a value mcsf generate would refuse, Imports, a
Priority, Applications or assets, a Variant without exactly one TargetRef of
its own, empty values (most documentation samples ship them), an empty
Owner, a condition mcsf generate would refuse.

The spec is checked before it is written: it reads back without errors and
generates a file that imports back to the same spec.

Examples:
  mcsf import-spec ContosoMessaging.xml
  mcsf import-spec ContosoMessaging.xml -o spec.yaml
  mcsf import-spec ContosoMessaging.xml | mcsf generate - --check ContosoMessaging.xml`

func newImportSpecCmd(io *streams) *cobra.Command {
	o := &importSpecOptions{}
	cmd := &cobra.Command{
		Use:   "import-spec FILE",
		Short: "Write the spec that generates an existing answer file",
		Long:  importSpecLong,
		Args:  exactArgs("FILE", nil),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runImportSpec(o, args[0], io)
		},
	}
	cmd.Flags().StringVarP(&o.output, "output", "o", "", "write the spec to `FILE` (atomically) instead of standard output")
	addInputFlags(cmd, &o.inputOptions)
	addForceFlag(cmd, &o.force)
	return cmd
}

func runImportSpec(o *importSpecOptions, path string, io *streams) error {
	in := input{path: path, display: path}
	if path == "-" {
		in = o.stdinInput()
	}
	data, err := o.read(in, io.in)
	if err != nil {
		var big *fileTooBig
		if errors.As(err, &big) {
			return usageError("%v", err)
		}
		return err
	}
	if err := wrongKindForAnswerFile(in.display, data); err != nil {
		return err
	}
	color := colorOn(io.err, os.Getenv)
	doc, diags, err := answerfile.ParseLimits(in.display, data, o.parseLimits())
	if err != nil {
		return internal(err)
	}
	if doc == nil {
		report.WriteDiagnostics(io.err, diags, report.Sources{in.display: answerfile.NewSource(data)}, color)
		return errFindings
	}
	spec, diags := templates.ImportSpec(doc)
	report.WriteDiagnostics(io.err, diags, report.Sources{in.display: answerfile.NewSource(data)}, color)
	if spec == nil {
		t := report.Count(diags)
		return &exitError{code: ExitFindings, err: fmt.Errorf("%s: a spec cannot express %s; no spec written",
			in.display, english.Count(t.Errors, "thing"))}
	}
	specName := o.output
	if specName == "" {
		specName = "spec.yaml"
	}
	header := fmt.Sprintf("Spec imported from %s by mcsf import-spec.\nmcsf generate %s writes an equivalent answer file.",
		filepath.Base(in.display), filepath.Base(specName))
	out, err := templates.MarshalSpec(spec, header)
	if err != nil {
		return internal(err)
	}
	// The spec must read back and generate a file that imports back to it.
	back, specDiags, err := templates.ReadSpec(specName, out)
	if err != nil {
		return internal(err)
	}
	if back == nil || len(specDiags) > 0 {
		report.WriteDiagnostics(io.err, specDiags, report.Sources{specName: answerfile.NewSource(out)}, color)
		if back == nil {
			return &exitError{code: ExitFindings, err: fmt.Errorf("the spec of %s does not pass mcsf generate's checks; no spec written", in.display)}
		}
	}
	if err := checkRoundTrip(back); err != nil {
		return internal(fmt.Errorf("import-spec %s: %w", in.display, err))
	}
	if o.output != "" {
		return writeOutput(io, o.output, out, fileio.WriteOptions{Inputs: []string{path}, BreakLinks: o.force})
	}
	_, err = io.out.Write(out)
	return err
}

// checkRoundTrip generates the file of spec and imports it back: the same
// spec comes back, operators named by their Target Ids.
func checkRoundTrip(spec *templates.Spec) error {
	xml, err := templates.Generate(spec)
	if err != nil {
		return err
	}
	// The file is this command's own output: no size limit applies to it
	// (a valid 58 MB answer file generates more than the default 64 MiB).
	lim := answerfile.DefaultLimits
	lim.MaxBytes = max(lim.MaxBytes, len(xml))
	doc, _, err := answerfile.ParseLimits("generated.xml", xml, lim)
	if err != nil || doc == nil {
		return fmt.Errorf("the generated file does not parse: %v", err)
	}
	again, _ := templates.ImportSpec(doc)
	named := *spec
	named.Operators = slices.Clone(spec.Operators)
	for i, id := range templates.OperatorIDs(spec) {
		named.Operators[i].Name = id
	}
	a, _ := json.Marshal(&named)
	b, _ := json.Marshal(again)
	if !bytes.Equal(a, b) {
		return fmt.Errorf("the generated file imports to a different spec:\n%s\n%s", a, b)
	}
	return nil
}

type demoOptions struct {
	inputOptions
	dir string
}

const demoLong = `Show the whole workflow on an example: write a spec, generate its answer
file, lint it, and resolve it for two SIMs, one of an operator of the spec
and one of no operator. Each step is printed with the command that does it
by hand. Without SPEC the embedded example spec is used (written into the
directory as example-spec.yaml).

The files go to a new temporary directory (printed on one line, and kept so
that the commands can be run there), or to --dir. The SIM of an operator is
built from its first match entry; the SIM of no operator is the first of
262/01, 001/01 and 999/999 that no operator matches. SIMs are matched as
mcsf resolve does (a policy of this tool: see mcsf resolve --help).

Examples:
  mcsf demo
  mcsf demo --dir demo
  mcsf demo spec.yaml`

func newDemoCmd(io *streams) *cobra.Command {
	o := &demoOptions{}
	cmd := &cobra.Command{
		Use:   "demo [SPEC]",
		Short: "Generate, lint and resolve an example answer file, step by step",
		Long:  demoLong,
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runDemo(o, args, io)
		},
	}
	cmd.Flags().StringVar(&o.dir, "dir", "", "write the files to `DIR` (created if missing) instead of a new temporary directory")
	addInputFlags(cmd, &o.inputOptions)
	return cmd
}

func runDemo(o *demoOptions, args []string, io *streams) error {
	specName, data := templates.ExampleSpecName, templates.ExampleSpec()
	if len(args) == 1 {
		in := input{path: args[0], display: args[0]}
		if args[0] == "-" {
			in = o.stdinInput()
		}
		var err error
		if data, err = o.read(in, io.in); err != nil {
			return err
		}
		specName = filepath.Base(in.display)
		if args[0] == "-" {
			specName = "spec.yaml"
		}
	}
	spec, err := checkSpec(specName, data, templates.SpecLimits{}, io)
	if err != nil {
		return err
	}
	xml, err := templates.Generate(spec)
	if err != nil {
		return internal(err)
	}
	dir := o.dir
	if dir == "" {
		if dir, err = os.MkdirTemp("", "mcsf-demo-"); err != nil {
			return internal(err)
		}
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		return usageError("%v", err)
	}
	xmlName := templates.SafeID(spec.Name) + ".xml"
	for _, f := range []struct {
		name string
		data []byte
	}{{specName, data}, {xmlName, xml}} {
		if err := writeFile(io.err, filepath.Join(dir, f.name), f.data, fileio.WriteOptions{Inputs: args}); err != nil {
			return err
		}
	}
	doc, _, err := answerfile.Parse(xmlName, xml)
	if err != nil || doc == nil {
		return internal(fmt.Errorf("demo: the generated file does not parse: %v", err))
	}
	findings := lint.Lint(doc, lint.Config{})
	compiled, err := variant.Compile(doc)
	if err != nil {
		return internal(err)
	}

	w := io.out
	fmt.Fprintln(w, "mcsf demo: an answer file from a spec, linted, and resolved for two SIMs.")
	fmt.Fprintf(w, "Files are in %s\n", dir)
	fmt.Fprintln(w, "(kept; cd there to run the commands below)")
	fmt.Fprintln(w)
	fmt.Fprintf(w, "1. The spec %s: %s.\n", specName, describeSpec(spec))
	fmt.Fprintf(w, "2. Generated %s (%d lines): %d Targets, %d Variants.\n", xmlName, bytes.Count(xml, []byte("\n")),
		len(doc.Root.Targets), len(doc.Root.Variants))
	fmt.Fprintf(w, "     mcsf generate %s -o %s\n", shellQuote(specName), shellQuote(xmlName))
	fmt.Fprintf(w, "3. Linted it: %s.\n", describeFindings(findings))
	serious := slices.DeleteFunc(slices.Clone(findings), func(d answerfile.Diagnostic) bool { return d.Severity < answerfile.Warning })
	report.WriteDiagnostics(w, serious, report.Sources{xmlName: answerfile.NewSource(xml)}, false)
	fmt.Fprintf(w, "     mcsf lint %s\n", shellQuote(xmlName))
	step := "4. Resolved it for"
	for _, sim := range demoSIMs(spec) {
		res := compiled.Resolve(variant.NewProfile(sim.pairs...))
		fmt.Fprintf(w, "%s a SIM of %s (%s):\n", step, sim.who, describePairs(sim.pairs))
		fmt.Fprintf(w, "     %s\n", describeRetryValues(&res))
		fmt.Fprintf(w, "     mcsf resolve %s%s\n", shellQuote(xmlName), resolveFlags(sim.pairs))
		step = "   and for"
	}
	fmt.Fprintln(w, "5. In CI, fail the build when someone edits the XML by hand:")
	fmt.Fprintf(w, "     mcsf generate %s --check %s\n", shellQuote(specName), shellQuote(xmlName))
	return nil
}

// demoSIM is a SIM the demo resolves, and whose it is.
type demoSIM struct {
	who   string
	pairs []variant.Pair
}

// noOperatorSIMs are candidate SIMs of no operator, tried in order.
var noOperatorSIMs = [][]variant.Pair{
	{{Name: "MCC", Value: "262"}, {Name: "MNC", Value: "01"}},
	{{Name: "MCC", Value: "001"}, {Name: "MNC", Value: "01"}},
	{{Name: "MCC", Value: "999"}, {Name: "MNC", Value: "999"}, {Name: "SPN", Value: "mcsf demo"}},
}

// demoSIMs picks a SIM of the first operator that has one (built from its
// first match entry) and a SIM that no operator matches.
func demoSIMs(s *templates.Spec) []demoSIM {
	var out []demoSIM
	for _, op := range s.Operators {
		if pairs, ok := templates.SampleSIM(&op.Match[0]); ok {
			out = append(out, demoSIM{op.Name, pairs})
			break
		}
	}
	for _, pairs := range noOperatorSIMs {
		if !matchesAnyOperator(s, pairs) {
			out = append(out, demoSIM{"no operator", pairs})
			break
		}
	}
	return out
}

func matchesAnyOperator(s *templates.Spec, pairs []variant.Pair) bool {
	sim := variant.NewProfile(pairs...)
	for _, op := range s.Operators {
		for _, m := range op.Match {
			all := true
			for _, c := range m.List() {
				cond, err := variant.ParseCondition(c.Name, c.Value)
				v, set := sim.Get(c.Name)
				if err != nil || cond.Eval(v, set) != variant.Matched {
					all = false
					break
				}
			}
			if all {
				return true
			}
		}
	}
	return false
}

func describeSpec(s *templates.Spec) string {
	var parts []string
	if s.Device != nil {
		parts = append(parts, "device values")
	}
	if n := len(s.Operators); n > 0 {
		names := make([]string, n)
		for i, op := range s.Operators {
			names[i] = op.Name
		}
		parts = append(parts, fmt.Sprintf("%s (%s)", english.Count(n, "operator"), strings.Join(names, ", ")))
	}
	return strings.Join(parts, " and ")
}

// describeFindings counts lint findings; infos are only counted.
func describeFindings(ds []answerfile.Diagnostic) string {
	t := report.Count(ds)
	s := "no errors or warnings"
	if t.Errors+t.Warnings > 0 {
		s = fmt.Sprintf("%s and %s", english.Count(t.Errors, "error"), english.Count(t.Warnings, "warning"))
	}
	if t.Infos > 0 {
		s += fmt.Sprintf(" (%s, which mcsf lint shows)", english.Count(t.Infos, "info"))
	}
	return s
}

func describePairs(pairs []variant.Pair) string {
	parts := make([]string, len(pairs))
	for i, p := range pairs {
		parts[i] = p.Name + "=" + p.Value
	}
	return strings.Join(parts, " ")
}

// describeRetryValues writes the retry values a SIM reads, as resolve
// shows them: "AttemptThresholdForIMS=2 (per-device), ...".
func describeRetryValues(r *variant.Result) string {
	v := func(id, name string) string {
		rs, ok := r.RuntimeValue(id, name)
		switch {
		case !ok || rs.Scope == variant.ScopeUnset:
			return path.Base(name) + " unset"
		case rs.Forced != "":
			return fmt.Sprintf("%s=%s (%s, forced to %s by the runtime)", path.Base(name), rs.Value, rs.Scope, rs.Forced)
		}
		return fmt.Sprintf("%s=%s (%s)", path.Base(name), rs.Value, rs.Scope)
	}
	return strings.Join([]string{
		v("IMSRetry", variant.NameAttemptThreshold),
		v("IMSRetry", variant.NameRetryEnabled),
		v("AutoRetryDownloadForMMS", variant.NameAutoRetry),
	}, ", ")
}

// resolveFlags writes the mcsf resolve flags that give the same SIM.
func resolveFlags(pairs []variant.Pair) string {
	var b strings.Builder
	for _, p := range pairs {
		i := slices.IndexFunc(simFlagNames, func(f struct{ flag, name, usage string }) bool {
			return strings.EqualFold(f.name, p.Name)
		})
		if i >= 0 {
			fmt.Fprintf(&b, " --%s %s", simFlagNames[i].flag, shellQuote(p.Value))
			continue
		}
		fmt.Fprintf(&b, " --condition %s", shellQuote(p.Name+"="+p.Value))
	}
	return b.String()
}

// shellQuote quotes s for a POSIX shell when it holds anything but safe
// characters.
func shellQuote(s string) string {
	if s != "" && !strings.ContainsFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./=:,+@%", r))
	}) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
