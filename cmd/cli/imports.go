package cli

import (
	"io"
	"os"
	"slices"

	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/fileio"
	"github.com/mcsf-dev/mcsf/report"
	"github.com/mcsf-dev/mcsf/variant"
	"github.com/spf13/cobra"
)

// importOptions are the flags of commands that follow Import elements.
type importOptions struct {
	pathMaps       []string
	noImports      bool
	roots, env     []string
	maxFiles       int
	maxImportBytes int64
	// patterns are --max-pattern-size and --max-patterns, on the commands
	// that register them (addPatternFlags); zero (the defaults) elsewhere
	patterns variant.PatternLimits
}

func addImportFlags(cmd *cobra.Command, o *importOptions, withNoImports bool) {
	f := cmd.Flags()
	f.StringArrayVar(&o.pathMaps, "path-map", nil, `map a Windows path prefix in Import Source to a local directory, e.g. 'C:\build=/src' (repeatable)`)
	f.StringArrayVar(&o.roots, "import-root", nil, "also read imports from `DIR` (default: only the git work tree of the root file, else its folder; repeatable)")
	f.StringArrayVar(&o.env, "import-env", nil, "expand the environment variable `NAME` in Import Source as $(NAME) (none is by default; repeatable)")
	f.IntVar(&o.maxFiles, "max-import-files", answerfile.DefaultMaxImportFiles, "read at most this many files of one import graph")
	f.Int64Var(&o.maxImportBytes, "max-import-bytes", answerfile.DefaultMaxImportBytes, "read at most this many bytes of imported files of one import graph")
	if withNoImports {
		cmd.Flags().BoolVar(&o.noImports, "no-imports", false, "check each file alone, without following its Import elements")
	}
}

// loadGraph parses a root answer file and, unless --no-imports, what it imports.
func (o *importOptions) loadGraph(name string, data []byte, maxFileSize int64) (*answerfile.Graph, error) {
	return o.loadGraphWith(name, data, maxFileSize, nil)
}

// loadGraphWith is loadGraph reading imported files with readFile (nil:
// from the file system).
func (o *importOptions) loadGraphWith(name string, data []byte, maxFileSize int64, readFile func(string) ([]byte, error)) (*answerfile.Graph, error) {
	opts, err := o.options(name, maxFileSize)
	if err != nil {
		return nil, err
	}
	opts.ReadFile = readFile
	g, err := answerfile.LoadGraph(name, data, opts)
	if err != nil {
		return nil, internal(err)
	}
	return g, nil
}

// options are the answerfile.ImportOptions of the flags, for the root file name.
func (o *importOptions) options(name string, maxFileSize int64) (answerfile.ImportOptions, error) {
	opts, err := o.linterImports()
	if len(o.roots) > 0 {
		opts.Roots = append([]string{answerfile.DefaultImportRoot(name)}, o.roots...)
	}
	if maxFileSize > 0 {
		opts.Limits.MaxBytes = int(maxFileSize)
	}
	return opts, err
}

// linterImports are the answerfile.ImportOptions of the flags as
// lint.LinterOptions takes them: Roots are the --import-root directories
// only.
func (o *importOptions) linterImports() (answerfile.ImportOptions, error) {
	opts := answerfile.ImportOptions{Getenv: os.LookupEnv, Limits: answerfile.DefaultLimits,
		AllowEnv: o.env, MaxFiles: o.maxFiles, MaxTotalBytes: o.maxImportBytes, Roots: o.roots, NoFollow: o.noImports}
	for _, s := range o.pathMaps {
		pm, err := answerfile.ParsePathMap(s)
		if err != nil {
			return opts, usageError("--path-map: %v", err)
		}
		opts.PathMaps = append(opts.PathMaps, pm)
	}
	return opts, nil
}

// compile loads a root answer file with what it imports (unless
// --no-imports) and prepares it for resolve. A file of the graph that is not
// well-formed XML stops it: its diagnostics go to errOut and the error is
// errFindings. merged is nil when the file imports nothing.
func (o *importOptions) compile(in input, data []byte, maxFileSize int64, errOut io.Writer) (*variant.Compiled, *answerfile.Graph, *answerfile.Merged, error) {
	g, err := o.loadGraph(in.display, data, maxFileSize)
	if err != nil {
		return nil, nil, nil, err
	}
	if err := stopOnSyntax(g, data, func(name string) ([]byte, error) { return fileio.ReadFile(name, maxFileSize) }, errOut); err != nil {
		return nil, nil, nil, err
	}
	if len(g.Files) == 1 {
		c, err := variant.CompileLimits(g.Root().Doc, o.patterns)
		if err != nil {
			return nil, nil, nil, internal(err)
		}
		return c, g, nil, nil
	}
	m := answerfile.Merge(g)
	return variant.CompileModelLimits(variant.ModelOfMerged(m), o.patterns), g, m, nil
}

// stopOnSyntax writes the xml-syntax diagnostics of g to errOut and returns
// errFindings when a file of g is not well-formed XML or not an answer file; data is the root
// file's text, readFile reads the imported files again to quote them.
func stopOnSyntax(g *answerfile.Graph, data []byte, readFile func(string) ([]byte, error), errOut io.Writer) error {
	syntax := slices.DeleteFunc(slices.Clone(g.Diagnostics), func(d answerfile.Diagnostic) bool {
		return d.Rule != answerfile.RuleXMLSyntax && d.Rule != answerfile.RuleImportNotAnswerFile
	})
	if len(syntax) == 0 && g.Root().Doc != nil {
		return nil
	}
	src := report.Sources{g.Root().Path: answerfile.NewSource(data)}
	for _, f := range g.Files[1:] {
		if data, err := readFile(f.Path); err == nil {
			src[f.Path] = answerfile.NewSource(data)
		}
	}
	report.WriteDiagnostics(errOut, answerfile.SortDiagnostics(syntax), src, colorOn(errOut, os.Getenv))
	return errFindings
}
