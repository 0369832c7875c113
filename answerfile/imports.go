package answerfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/mcsf-dev/mcsf/fileio"
	"github.com/mcsf-dev/mcsf/internal/lazy"
)

// Rules of import resolution (the Import element carries them).
const (
	RuleImportNotFound      = "import-not-found"
	RuleImportCycle         = "import-cycle"
	RuleImportNotAbsolute   = "import-not-absolute"
	RuleImportInNonRoot     = "import-in-non-root"
	RuleImportNotAnswerFile = "import-not-answer-file"
	RuleImportOutsideRoot   = "import-outside-root"
	RuleImportEnvNotAllowed = "import-env-not-allowed"
	RuleImportLimit         = "import-limit"
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
	// AllowEnv names the variables $(NAME) may expand (compared without
	// case, as Windows does); any other $(NAME) is refused
	// (import-env-not-allowed) without being looked up. In CI the answer
	// files may come from a pull request, and a variable may hold a secret.
	// An expanded value is never shown: a diagnostic names the Source as
	// written instead of the path it became.
	AllowEnv []string
	// Roots are the directories an import may read from; a Source that
	// resolves outside all of them (after "..", symbolic links and
	// --path-map) is refused (import-outside-root) without being opened.
	// The directory of every PathMaps.To is a root too. Nil means
	// DefaultImportRoot of the root file.
	Roots []string
	// MaxFiles and MaxTotalBytes bound the import graph (0: the defaults,
	// DefaultMaxImportFiles and DefaultMaxImportBytes).
	MaxFiles      int
	MaxTotalBytes int64
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

// Default bounds of an import graph: far above the largest real product
// (a root and a few dozen operator files).
const (
	DefaultMaxImportFiles       = 1000
	DefaultMaxImportBytes int64 = 256 << 20
)

// DefaultImportRoot is the directory imports of the answer file at path may
// read from by default: the git work tree that contains it (the nearest
// directory upward with a .git entry), else the file's own directory.
func DefaultImportRoot(path string) string {
	dir, err := filepath.Abs(filepath.Dir(path))
	if err != nil {
		return filepath.Dir(path)
	}
	for d := dir; ; {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return dir
		}
		d = parent
	}
}

// realPath is p absolute, cleaned, with its symbolic links resolved as far
// as they exist (a missing file keeps the rest of its path as written).
func realPath(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return filepath.Clean(p)
	}
	rest := ""
	for d := abs; ; {
		if real, err := filepath.EvalSymlinks(d); err == nil {
			return filepath.Join(real, rest)
		}
		parent := filepath.Dir(d)
		if parent == d {
			return abs
		}
		rest = filepath.Join(filepath.Base(d), rest)
		d = parent
	}
}

// InsideDir reports whether path is dir or inside it, with symbolic links
// resolved as far as they exist (a configuration's import-root must stay
// inside the configuration's own work tree).
func InsideDir(path, dir string) bool { return within(realPath(path), realPath(dir)) }

// within reports whether path is dir or inside it (both real paths).
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// sourceError is a Source that cannot become a local path, reported under rule.
type sourceError struct {
	rule string
	msg  string
}

func (e *sourceError) Error() string { return e.msg }

// Macro returns the expression that matches a $(NAME) macro of an answer
// file ($(CurrentFileDir), $(__IMSI), an environment variable); group 1 is
// NAME. Import sources and setting values use the one syntax. It is
// compiled on first use, not when a program that never needs it starts.
func Macro() *regexp.Regexp { return macro.Get() }

var (
	macro      = lazy.Regexp{Expr: `\$\(([^)]*)\)`}
	windowsAbs = lazy.Regexp{Expr: `^(?:[A-Za-z]:[\\/]|\\\\)`}
)

// resolveSource turns an Import Source into a local path. relative is true
// when Source was neither absolute nor based on $(CurrentFileDir); secret is
// true when an environment variable was expanded into it, and then the path
// must not be shown.
func (o *ImportOptions) resolveSource(source, currentDir string) (local string, relative, secret bool, err error) {
	var missing, refused []string
	usedCurrentDir := false
	expanded := Macro().ReplaceAllStringFunc(source, func(m string) string {
		name := m[2 : len(m)-1]
		if strings.EqualFold(name, "CurrentFileDir") {
			usedCurrentDir = true
			return "\x00CFD\x00"
		}
		if !slices.ContainsFunc(o.AllowEnv, func(a string) bool { return strings.EqualFold(a, name) }) {
			refused = append(refused, name)
			return m
		}
		if o.Getenv != nil {
			if v, ok := o.Getenv(name); ok {
				secret = true
				return v
			}
		}
		missing = append(missing, name)
		return m
	})
	if len(refused) > 0 {
		return "", false, false, &sourceError{RuleImportEnvNotAllowed, fmt.Sprintf(
			"$(%s) in the Source is not expanded: environment variables are expanded only when allowed (--import-env %s)", refused[0], refused[0])}
	}
	if len(missing) > 0 {
		return "", false, false, fmt.Errorf("environment variable %s is not set (used as $(%s) in the Source)", missing[0], missing[0])
	}
	shown := expanded
	if secret {
		shown = source
	}
	// $(CurrentFileDir) is a local directory; everything after it uses Windows separators.
	if usedCurrentDir {
		before, after, _ := strings.Cut(expanded, "\x00CFD\x00")
		if strings.TrimSpace(before) != "" {
			return "", false, secret, fmt.Errorf("$(CurrentFileDir) must start the Source")
		}
		after = strings.ReplaceAll(after, "\x00CFD\x00", "")
		return filepath.Join(currentDir, filepath.FromSlash(strings.ReplaceAll(after, `\`, "/"))), false, secret, nil
	}
	if windowsAbs.Get().MatchString(expanded) {
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
			if secret {
				return "", false, secret, fmt.Errorf("%s is a Windows path; map it to a local directory with --path-map", shown)
			}
			return "", false, secret, fmt.Errorf("%s is a Windows path; map it to a local directory with --path-map, e.g. --path-map '%s=.'", shown, prefix)
		}
		m := o.PathMaps[best]
		rest := norm[len(strings.TrimRight(strings.ReplaceAll(m.From, "/", `\`), `\`)):]
		return filepath.Join(m.To, filepath.FromSlash(strings.ReplaceAll(rest, `\`, "/"))), false, secret, nil
	}
	p := filepath.FromSlash(strings.ReplaceAll(expanded, `\`, "/"))
	if filepath.IsAbs(p) {
		return filepath.Clean(p), false, secret, nil
	}
	return filepath.Join(currentDir, p), true, secret, nil
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
	maxFiles, maxBytes := opts.MaxFiles, opts.MaxTotalBytes
	if maxFiles <= 0 {
		maxFiles = DefaultMaxImportFiles
	}
	if maxBytes <= 0 {
		maxBytes = DefaultMaxImportBytes
	}
	roots := opts.Roots
	if roots == nil {
		roots = []string{DefaultImportRoot(rootPath)}
	}
	for _, m := range opts.PathMaps {
		roots = append(roots, m.To)
	}
	realRoots := make([]string, len(roots))
	for i, r := range roots {
		realRoots[i] = realPath(r)
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
	var totalBytes int64
	stopped := false // a limit of the graph was reached: nothing more is read
	// stack holds the canonical paths of the files being imported, names their display paths.
	var visit func(f *File, stack, names []string) error
	visit = func(f *File, stack, names []string) error {
		if f.Doc == nil || !f.Doc.IsAnswerFile() {
			return nil
		}
		for i := range f.Doc.Root.Imports {
			if stopped {
				return nil
			}
			im := &f.Doc.Root.Imports[i]
			if !f.IsRoot() {
				g.Diagnostics = append(g.Diagnostics, f.Doc.Diag(im.Elem, RuleImportInNonRoot, Error,
					"Import in an imported file: only the root answer file may import (this import is followed here, but the image build rejects it)"))
			}
			if !im.Source.Present || strings.TrimSpace(im.Source.Value) == "" {
				g.Diagnostics = append(g.Diagnostics, f.Doc.Diag(im.Elem, RuleImportNotFound, Error, "Import has no Source"))
				continue
			}
			local, relative, secret, err := opts.resolveSource(im.Source.Value, filepath.Dir(f.Path))
			if err != nil {
				rule := RuleImportNotFound
				var se *sourceError
				if errors.As(err, &se) {
					rule = se.rule
				}
				g.Diagnostics = append(g.Diagnostics, f.Doc.AttrDiag(im.Elem, "Source", rule, Error, "%v", err))
				continue
			}
			// shown names the file in diagnostics: never a path an
			// environment variable went into.
			shown := local
			if secret {
				shown = im.Source.Value
			}
			if relative {
				d := f.Doc.AttrDiag(im.Elem, "Source", RuleImportNotAbsolute, Warning,
					"Source %q is a relative path; the image build needs an absolute path or $(CurrentFileDir) (followed here relative to the importing file)", im.Source.Value)
				d.Fix = `write Source="$(CurrentFileDir)\` + strings.ReplaceAll(im.Source.Value, "/", `\`) + `"`
				g.Diagnostics = append(g.Diagnostics, d)
			}
			if real := realPath(local); !slices.ContainsFunc(realRoots, func(r string) bool { return within(real, r) }) {
				g.Diagnostics = append(g.Diagnostics, f.Doc.AttrDiag(im.Elem, "Source", RuleImportOutsideRoot, Error,
					"%s is outside the import root %s: not read (allow its directory with --import-root DIR)", shown, strings.Join(roots, ", ")))
				continue
			}
			key := canonical(local)
			if i := slices.Index(stack, key); i >= 0 {
				d := f.Doc.AttrDiag(im.Elem, "Source", RuleImportCycle, Error, "import cycle: %s imports %s, which is already being imported (%s)",
					f.Path, shown, strings.Join(append(slices.Clone(names[i:]), shown), " -> "))
				g.Diagnostics = append(g.Diagnostics, d)
				continue
			}
			if prev, ok := loaded[key]; ok {
				d := f.Doc.AttrDiag(im.Elem, "Source", RuleImportCycle, Warning, "%s is imported more than once; it is read once", shown)
				if prev.Import != nil {
					d.Related = []Related{{File: prev.From.Path, Line: prev.Import.Pos().Line, Column: prev.Import.Pos().Column, Message: "first imported here"}}
				}
				g.Diagnostics = append(g.Diagnostics, d)
				continue
			}
			if len(g.Files) >= maxFiles {
				g.Diagnostics = append(g.Diagnostics, f.Doc.AttrDiag(im.Elem, "Source", RuleImportLimit, Error,
					"the import graph has more than %d files: %s and the imports after it are not read (--max-import-files)", maxFiles, shown))
				stopped = true
				return nil
			}
			data, err := opts.ReadFile(local)
			if err != nil {
				g.Diagnostics = append(g.Diagnostics, f.Doc.AttrDiag(im.Elem, "Source", RuleImportNotFound, Error, "%s", describeReadError(shown, err)))
				continue
			}
			if totalBytes += int64(len(data)); totalBytes > maxBytes {
				g.Diagnostics = append(g.Diagnostics, f.Doc.AttrDiag(im.Elem, "Source", RuleImportLimit, Error,
					"the import graph has more than %d bytes: %s and the imports after it are not read (--max-import-bytes)", maxBytes, shown))
				stopped = true
				return nil
			}
			child := &File{Path: shown, Import: im, From: f, Depth: f.Depth + 1}
			doc, ds, err := ParseLimits(shown, data, lim)
			if err != nil {
				return err
			}
			child.Doc = doc
			if doc == nil && startsAnswerFile(data) {
				// An answer file with a syntax error: its own diagnostics
				// say where.
				g.Diagnostics = append(g.Diagnostics, ds...)
			} else if doc == nil || !doc.IsAnswerFile() {
				// Nothing of a file that is not an answer file is shown: it
				// may be any readable file (a key, a password list).
				g.Diagnostics = append(g.Diagnostics, f.Doc.AttrDiag(im.Elem, "Source", RuleImportNotAnswerFile, Error,
					"%s is not an answer file (%s); its content is not shown: check it with mcsf lint", shown, notAnswerFileReason(doc, ds)))
				child.Doc = nil
			} else {
				g.Diagnostics = append(g.Diagnostics, ds...)
			}
			loaded[key] = child
			g.Files = append(g.Files, child)
			if err := visit(child, append(stack, key), append(names, shown)); err != nil {
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

// ImportPaths returns the files the Import elements of doc (the answer file
// at path, as a root) name, as canonical paths (absolute, symbolic links
// resolved), resolved as LoadGraph resolves them without reading any:
// Sources that cannot be resolved or lie outside the import root are left
// out. A linter uses it to lint each importing file once, as part of the
// graph of a file that imports it.
func ImportPaths(path string, doc *Document, opts ImportOptions) []string {
	if doc == nil || !doc.IsAnswerFile() {
		return nil
	}
	roots := opts.Roots
	if roots == nil {
		roots = []string{DefaultImportRoot(path)}
	}
	for _, m := range opts.PathMaps {
		roots = append(roots, m.To)
	}
	var out []string
	for _, im := range doc.Root.Imports {
		if !im.Source.Present {
			continue
		}
		local, _, _, err := opts.resolveSource(im.Source.Value, filepath.Dir(path))
		if err != nil {
			continue
		}
		real := realPath(local)
		if slices.ContainsFunc(roots, func(r string) bool { return within(real, realPath(r)) }) {
			out = append(out, canonical(local))
		}
	}
	return out
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

// notAnswerFileReason says why an imported file is not an answer file,
// without a word of its content: the position of its first XML error, or
// that its root element is another.
func notAnswerFileReason(doc *Document, ds []Diagnostic) string {
	if doc != nil {
		return "its root element is not <ImageCustomizations>"
	}
	for _, d := range ds {
		if d.Severity == Error {
			return fmt.Sprintf("not well-formed XML: first error at line %d, column %d", d.Line, d.Column)
		}
	}
	return "not well-formed XML"
}

// startsAnswerFile reports whether data, in UTF-8, starts (after a
// byte-order mark, the XML declaration, comments and a DOCTYPE) with the
// start tag of ImageCustomizations: a file meant as an answer file, whose
// syntax errors may be quoted. Another file is never quoted.
func startsAnswerFile(data []byte) bool {
	s := strings.TrimPrefix(string(data[:min(len(data), 64<<10)]), "\ufeff")
	for {
		s = strings.TrimLeft(s, " \t\r\n")
		var end string
		switch {
		case strings.HasPrefix(s, "<?"):
			end = "?>"
		case strings.HasPrefix(s, "<!--"):
			end = "-->"
		case strings.HasPrefix(s, "<!"):
			end = ">"
		default:
			rest, ok := strings.CutPrefix(s, "<ImageCustomizations")
			return ok && rest != "" && strings.ContainsRune(" \t\r\n/>", rune(rest[0]))
		}
		i := strings.Index(s, end)
		if i < 0 {
			return false
		}
		s = s[i+len(end):]
	}
}
