package answerfile

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/mcsf-dev/mcsf/fileio"
)

// Rules of import resolution (the Import element carries them).
const (
	RuleImportNotFound      = "import-not-found"
	RuleImportCycle         = "import-cycle"
	RuleImportNotAbsolute   = "import-not-absolute"
	RuleImportInNonRoot     = "import-in-non-root"
	RuleImportNotAnswerFile = "import-not-answer-file"
)

// PathMap maps a Windows path prefix (C:\build) to a local directory (/src).
type PathMap struct {
	From string // Windows prefix, compared case-insensitively, either separator
	To   string // local directory
}

// ParsePathMap reads "C:\build=/src".
func ParsePathMap(s string) (PathMap, error) {
	from, to, ok := strings.Cut(s, "=")
	if !ok || strings.TrimSpace(from) == "" || strings.TrimSpace(to) == "" {
		return PathMap{}, fmt.Errorf("path map %q: want WINDOWS_PREFIX=LOCAL_DIR, e.g. 'C:\\build=/src'", s)
	}
	return PathMap{From: strings.TrimSpace(from), To: strings.TrimSpace(to)}, nil
}

// ImportOptions controls how Import Source paths become local files.
type ImportOptions struct {
	PathMaps []PathMap
	// Getenv looks up $(NAME) macros; nil means no variable is set.
	Getenv func(string) (string, bool)
	// ReadFile reads an imported file; nil means fileio.ReadFile with
	// Limits.MaxBytes (regular files only, size-capped).
	ReadFile func(string) ([]byte, error)
	Limits   Limits
	// NoFollow loads the root file alone, ignoring its Import elements.
	NoFollow bool
}

// File is one answer file of an import graph.
type File struct {
	Path   string    // local path, as used in diagnostics
	Doc    *Document // nil when the file could not be read or parsed
	Import *Import   // the Import element that brought it in; nil for the root
	From   *File     // the importing file; nil for the root
	Depth  int       // 0 for the root
}

// IsRoot reports whether f is the root file of its graph.
func (f *File) IsRoot() bool { return f.From == nil }

// Graph is the root answer file and everything it imports, in load order
// (depth first, in the order of the Import elements).
type Graph struct {
	Files       []*File
	Diagnostics []Diagnostic // import problems and the parse diagnostics of imported files
}

// Root is the root file.
func (g *Graph) Root() *File { return g.Files[0] }

var macroRe = regexp.MustCompile(`\$\(([^)]*)\)`)

var windowsAbs = regexp.MustCompile(`^(?:[A-Za-z]:[\\/]|\\\\)`)

// resolveSource turns an Import Source into a local path. relative is true
// when Source was neither absolute nor based on $(CurrentFileDir).
func (o *ImportOptions) resolveSource(source, currentDir string) (local string, relative bool, err error) {
	var missing []string
	usedCurrentDir := false
	expanded := macroRe.ReplaceAllStringFunc(source, func(m string) string {
		name := m[2 : len(m)-1]
		if strings.EqualFold(name, "CurrentFileDir") {
			usedCurrentDir = true
			return "\x00CFD\x00"
		}
		if o.Getenv != nil {
			if v, ok := o.Getenv(name); ok {
				return v
			}
		}
		missing = append(missing, name)
		return m
	})
	if len(missing) > 0 {
		return "", false, fmt.Errorf("environment variable %s is not set (used as $(%s) in the Source)", missing[0], missing[0])
	}
	// $(CurrentFileDir) is a local directory; everything after it uses Windows separators.
	if usedCurrentDir {
		before, after, _ := strings.Cut(expanded, "\x00CFD\x00")
		if strings.TrimSpace(before) != "" {
			return "", false, fmt.Errorf("$(CurrentFileDir) must start the Source")
		}
		after = strings.ReplaceAll(after, "\x00CFD\x00", "")
		return filepath.Join(currentDir, filepath.FromSlash(strings.ReplaceAll(after, `\`, "/"))), false, nil
	}
	if windowsAbs.MatchString(expanded) {
		norm := strings.ReplaceAll(expanded, "/", `\`)
		best := -1
		for i, m := range o.PathMaps {
			from := strings.TrimRight(strings.ReplaceAll(m.From, "/", `\`), `\`)
			if len(norm) >= len(from) && strings.EqualFold(norm[:len(from)], from) &&
				(len(norm) == len(from) || norm[len(from)] == '\\') && (best < 0 || len(from) > len(strings.TrimRight(o.PathMaps[best].From, `\/`))) {
				best = i
			}
		}
		if best < 0 {
			// Suggest the drive and first folder as the prefix to map.
			prefix := norm
			if i := strings.IndexByte(norm[3:], '\\'); i >= 0 {
				prefix = norm[:3+i]
			}
			return "", false, fmt.Errorf("%s is a Windows path; map it to a local directory with --path-map, e.g. --path-map '%s=.'", expanded, prefix)
		}
		m := o.PathMaps[best]
		rest := norm[len(strings.TrimRight(strings.ReplaceAll(m.From, "/", `\`), `\`)):]
		return filepath.Join(m.To, filepath.FromSlash(strings.ReplaceAll(rest, `\`, "/"))), false, nil
	}
	p := filepath.FromSlash(strings.ReplaceAll(expanded, `\`, "/"))
	if filepath.IsAbs(p) {
		return filepath.Clean(p), false, nil
	}
	return filepath.Join(currentDir, p), true, nil
}

// LoadGraph parses the root file (rootData, reported as rootPath) and follows
// its Import elements. Only files that Import elements name are read. Imports
// in imported files are reported (import-in-non-root: the documentation
// allows them only in the root file) and still followed, so that the whole
// graph can be shown; a file already on the import path is an import cycle
// and is not read again. The error is only for what keeps the loader from
// working (a bug in the reader).
func LoadGraph(rootPath string, rootData []byte, opts ImportOptions) (*Graph, error) {
	lim := opts.Limits
	if lim == (Limits{}) {
		lim = DefaultLimits
	}
	if opts.ReadFile == nil {
		opts.ReadFile = func(name string) ([]byte, error) { return fileio.ReadFile(name, int64(lim.MaxBytes)) }
	}
	g := &Graph{}
	doc, ds, err := ParseLimits(rootPath, rootData, lim)
	if err != nil {
		return nil, err
	}
	root := &File{Path: rootPath, Doc: doc}
	g.Files = append(g.Files, root)
	g.Diagnostics = append(g.Diagnostics, ds...)
	loaded := map[string]*File{canonical(rootPath): root}
	// stack holds the canonical paths of the files being imported, names their display paths.
	var visit func(f *File, stack, names []string) error
	visit = func(f *File, stack, names []string) error {
		if f.Doc == nil || !f.Doc.IsAnswerFile() {
			return nil
		}
		for i := range f.Doc.Root.Imports {
			im := &f.Doc.Root.Imports[i]
			if !f.IsRoot() {
				g.Diagnostics = append(g.Diagnostics, f.Doc.Diag(im.Elem, RuleImportInNonRoot, Error,
					"Import in an imported file: only the root answer file may import (this import is followed here, but the image build rejects it)"))
			}
			if !im.Source.Present || strings.TrimSpace(im.Source.Value) == "" {
				g.Diagnostics = append(g.Diagnostics, f.Doc.Diag(im.Elem, RuleImportNotFound, Error, "Import has no Source"))
				continue
			}
			local, relative, err := opts.resolveSource(im.Source.Value, filepath.Dir(f.Path))
			if err != nil {
				g.Diagnostics = append(g.Diagnostics, f.Doc.AttrDiag(im.Elem, "Source", RuleImportNotFound, Error, "%v", err))
				continue
			}
			if relative {
				d := f.Doc.AttrDiag(im.Elem, "Source", RuleImportNotAbsolute, Warning,
					"Source %q is a relative path; the image build needs an absolute path or $(CurrentFileDir) (followed here relative to the importing file)", im.Source.Value)
				d.Fix = `write Source="$(CurrentFileDir)\` + strings.ReplaceAll(im.Source.Value, "/", `\`) + `"`
				g.Diagnostics = append(g.Diagnostics, d)
			}
			key := canonical(local)
			if i := slices.Index(stack, key); i >= 0 {
				d := f.Doc.AttrDiag(im.Elem, "Source", RuleImportCycle, Error, "import cycle: %s imports %s, which is already being imported (%s)",
					f.Path, local, strings.Join(append(slices.Clone(names[i:]), local), " -> "))
				g.Diagnostics = append(g.Diagnostics, d)
				continue
			}
			if prev, ok := loaded[key]; ok {
				d := f.Doc.AttrDiag(im.Elem, "Source", RuleImportCycle, Warning, "%s is imported more than once; it is read once", local)
				if prev.Import != nil {
					d.Related = []Related{{File: prev.From.Path, Line: prev.Import.Pos().Line, Column: prev.Import.Pos().Column, Message: "first imported here"}}
				}
				g.Diagnostics = append(g.Diagnostics, d)
				continue
			}
			data, err := opts.ReadFile(local)
			if err != nil {
				g.Diagnostics = append(g.Diagnostics, f.Doc.AttrDiag(im.Elem, "Source", RuleImportNotFound, Error, "%s", describeReadError(local, err)))
				continue
			}
			child := &File{Path: local, Import: im, From: f, Depth: f.Depth + 1}
			doc, ds, err := ParseLimits(local, data, lim)
			if err != nil {
				return err
			}
			child.Doc = doc
			g.Diagnostics = append(g.Diagnostics, ds...)
			if doc != nil && !doc.IsAnswerFile() {
				g.Diagnostics = append(g.Diagnostics, f.Doc.AttrDiag(im.Elem, "Source", RuleImportNotAnswerFile, Error,
					"%s is not an answer file: its root is <%s>, not <ImageCustomizations>", local, doc.Tree.Root().Tag))
				child.Doc = nil
			}
			loaded[key] = child
			g.Files = append(g.Files, child)
			if err := visit(child, append(stack, key), append(names, local)); err != nil {
				return err
			}
		}
		return nil
	}
	if opts.NoFollow {
		return g, nil
	}
	if err := visit(root, []string{canonical(rootPath)}, []string{rootPath}); err != nil {
		return nil, err
	}
	return g, nil
}

// canonical is the identity of a local file for cycle detection.
func canonical(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		p = abs
	}
	if real, err := filepath.EvalSymlinks(p); err == nil {
		p = real
	}
	return p
}

// describeReadError says why the imported file local could not be read.
func describeReadError(local string, err error) string {
	var notRegular *fileio.NotRegularError
	var big *fileio.TooLargeError
	msg := err.Error()
	switch {
	case errors.As(err, &notRegular):
		return fmt.Sprintf("imported file %s is %s, not a regular file", local, notRegular.Kind)
	case errors.As(err, &big):
		return fmt.Sprintf("imported file %s is larger than the limit of %d bytes", local, big.Limit)
	case errors.Is(err, fs.ErrNotExist):
		msg = "no such file"
	case errors.Is(err, fs.ErrPermission):
		msg = "permission denied"
	}
	return fmt.Sprintf("cannot read imported file %s: %s", local, msg)
}
