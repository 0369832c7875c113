package lint

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/fileio"
	"github.com/mcsf-dev/mcsf/internal/english"
	"github.com/mcsf-dev/mcsf/internal/lazy"
	"github.com/mcsf-dev/mcsf/internal/yaml"
	"github.com/mcsf-dev/mcsf/schema"
	"github.com/mcsf-dev/mcsf/variant"
)

// settings.go: the configuration of a run, from the command line and from
// .mcsf.yaml files (checked against the embedded "config" JSON Schema, every
// error at its line:column in the YAML), and how the two combine.

// ConfigFileName is the configuration file the Linter looks for in the
// directory of each file and its parents; ConfigFileAltName is the same
// file with the other spelling of the extension. A directory holding both
// is an error, since neither could be said to win.
const (
	ConfigFileName    = ".mcsf.yaml"
	ConfigFileAltName = ".mcsf.yml"
)

// Settings is one layer of configuration: the command line, or one
// configuration file. Nil pointers and empty lists are keys not given.
type Settings struct {
	File     string               // the configuration file ("" for the command line)
	Strict   *bool                // strict: unknown settings paths and names are errors
	FailOn   *answerfile.Severity // fail-on: the lowest severity that fails the run
	Disable  []string             // rules turned off (disable, and a severity of off)
	Severity map[string]answerfile.Severity
	// ImportRoots (import-root) are directories imports may read from
	// besides the root file's work tree, absolute; in a configuration file
	// each lies inside that file's own work tree. ImportEnv (import-env)
	// names the variables $(NAME) in an Import Source may expand.
	ImportRoots, ImportEnv []string
	// Patterns bound the pattern: conditions of a file (Config.Patterns).
	// Only the command line gives them: a configuration file, which a pull
	// request from a fork controls in CI, cannot raise a limit.
	Patterns variant.PatternLimits
}

// Over merges s, the command line, over file (nil when no configuration
// file applies): the command line's strict and fail-on replace the file's,
// its disabled rules add to the file's, and its severities override the
// file's rule by rule; a severity given on the command line turns on a rule
// the file (or the command line) disables. failOn is Error when neither
// gives one.
func (s Settings) Over(file *Settings) (cfg Config, failOn answerfile.Severity) {
	failOn = answerfile.Error
	cfg.Severity = map[string]answerfile.Severity{}
	for _, layer := range []*Settings{file, &s} {
		if layer == nil {
			continue
		}
		if layer.Strict != nil {
			cfg.Strict = *layer.Strict
		}
		if layer.FailOn != nil {
			failOn = *layer.FailOn
		}
		cfg.Disable = append(cfg.Disable, layer.Disable...)
	}
	if file != nil {
		for id, sev := range file.Severity {
			cfg.Severity[id] = sev
		}
	}
	cfg.Patterns = s.Patterns
	for id, sev := range s.Severity {
		cfg.Severity[id] = sev
		cfg.Disable = slices.DeleteFunc(cfg.Disable, func(d string) bool { return d == id })
	}
	return cfg, failOn
}

// ConfigError is a configuration file that cannot be used: every problem
// of its content, each as file:line:col: message, or (Msg) why it could
// not be read.
type ConfigError struct {
	Path  string
	Msg   string   // the file could not be read, or is not alone in its directory
	Lines []string // the problems of its content
}

func (e *ConfigError) Error() string {
	if e.Msg != "" {
		return e.Msg
	}
	return fmt.Sprintf("configuration %s is invalid:\n  %s", e.Path, strings.Join(e.Lines, "\n  "))
}

// maxConfigSize and maxConfigDepth bound a configuration file: the largest
// useful one (every rule given a severity) is a few kilobytes, four levels.
const (
	maxConfigSize  = 1 << 20
	maxConfigDepth = 16
)

// ReadSettings reads and checks the configuration file at path (a regular
// file of at most 1 MiB).
func ReadSettings(path string) (*Settings, error) {
	data, err := fileio.ReadFile(path, maxConfigSize)
	if err != nil {
		var big *fileio.TooLargeError
		var notRegular *fileio.NotRegularError
		msg := fileio.DescribeOpenError(path, err)
		switch {
		case errors.As(err, &big):
			msg = fmt.Sprintf("configuration %s is larger than the limit of %d bytes", path, big.Limit)
		case errors.As(err, &notRegular) && notRegular.Kind == "a directory":
			msg = fmt.Sprintf("%s is a directory", path)
		case errors.As(err, &notRegular):
			msg = fmt.Sprintf("%s is %s, not a regular file", path, notRegular.Kind)
		}
		return nil, &ConfigError{Path: path, Msg: msg}
	}
	return ParseSettings(path, data)
}

var ruleIDShape = lazy.Regexp{Expr: `^[a-z0-9]+(-[a-z0-9]+)*$`}

// ParseSettings reads a configuration file named name (for messages) from
// data. Its error is a *ConfigError listing every problem, or an internal
// failure (the embedded schema does not compile).
func ParseSettings(name string, data []byte) (*Settings, error) {
	cerr := &ConfigError{Path: name}
	fail := func(n *yaml.Node, format string, args ...any) {
		line, col := 1, 1
		if n != nil {
			line, col = n.Line, n.Column
		}
		cerr.Lines = append(cerr.Lines, fmt.Sprintf("%s:%d:%d: %s", name, line, col, fmt.Sprintf(format, args...)))
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		if line, msg := schema.YAMLSyntax(err); line > 0 {
			cerr.Lines = append(cerr.Lines, fmt.Sprintf("%s:%d: %s", name, line, msg))
		} else {
			cerr.Lines = append(cerr.Lines, fmt.Sprintf("%s: %s", name, msg))
		}
		return nil, cerr
	}
	s := &Settings{File: name}
	if len(doc.Content) == 0 {
		return s, nil // an empty file configures nothing
	}
	y, problems := schema.FromYAML(doc.Content[0], maxConfigDepth)
	for _, p := range problems {
		switch p.Kind {
		case schema.Alias:
			fail(p.Node, "YAML aliases (*%s) are not supported in a configuration: write the value out", p.Node.Value)
		case schema.TooDeep:
			fail(p.Node, "values nested deeper than %d levels", maxConfigDepth)
		case schema.DuplicateKey:
			fail(p.Node, "duplicate key %q (first at line %d)", p.Node.Value, p.First.Line)
		case schema.KeyNotScalar:
			fail(p.Node, "a key must be a plain name, not a YAML %s", keyKind(p.Node))
		}
	}
	if len(cerr.Lines) > 0 {
		return nil, cerr
	}
	v := y.Value
	errs, err := schema.Validate("config", v)
	if err != nil {
		return nil, err
	}
	root, _ := v.(map[string]any)
	for _, e := range errs {
		at := y.Node(e.InstanceLocation)
		what := pointerName(e.InstanceLocation)
		switch {
		case strings.HasSuffix(e.KeywordLocation, "/additionalProperties") && e.InstanceLocation == "":
			known := []string{"strict", "fail-on", "disable", "severity", "import-root", "import-env"}
			for k := range root {
				if !slices.Contains(known, k) {
					msg := fmt.Sprintf("unknown key %q", k)
					if s := english.Nearest(k, known); s != "" {
						msg += fmt.Sprintf(" (did you mean %q?)", s)
					}
					fail(y.Key("/"+schema.EscapeToken(k)), "%s; known keys: %s", msg, strings.Join(known, ", "))
				}
			}
		case strings.HasSuffix(e.KeywordLocation, "/$ref/enum"):
			// Only rule IDs are a $ref to an enum in the config schema.
			tokens := schema.SplitPointer(e.InstanceLocation)
			id := tokens[len(tokens)-1]
			if n := y.Node(e.InstanceLocation); n != nil && n.Kind == yaml.ScalarNode {
				id = n.Value
			}
			if strings.Contains(e.KeywordLocation, "propertyNames") {
				// A key of severity: the error is about the key, not its value.
				at = y.Key(e.InstanceLocation)
				id = tokens[len(tokens)-1]
				what = pointerName(e.InstanceLocation[:strings.LastIndex(e.InstanceLocation, "/")])
			}
			if ruleIDShape.Get().MatchString(id) {
				continue // an unknown rule: checkRule below names the nearest one
			}
			fail(at, "%s: %q is not a rule ID: rule IDs are lower case with dashes, as mcsf rules lists them", what, id)
		default:
			if what == "" {
				fail(at, "%s", e.Message)
			} else {
				fail(at, "%s: %s", what, e.Message)
			}
		}
	}
	if b, ok := root["strict"].(bool); ok {
		s.Strict = &b
	}
	s.importSettings(root, y, fail)
	if str, ok := root["fail-on"].(string); ok {
		sev, _ := answerfile.ParseSeverity(str)
		s.FailOn = &sev
	}
	checkRule := func(id string, n *yaml.Node) bool {
		if !ruleIDShape.Get().MatchString(id) {
			return false // the schema error says so
		}
		if err := CheckRuleID(id); err != nil {
			fail(n, "%v", err)
			return false
		}
		return true
	}
	list, _ := root["disable"].([]any)
	for i, item := range list {
		id, _ := item.(string)
		if checkRule(id, y.Node(fmt.Sprintf("/disable/%d", i))) {
			s.Disable = append(s.Disable, id)
		}
	}
	sevs, _ := root["severity"].(map[string]any)
	ids := make([]string, 0, len(sevs))
	for id := range sevs {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		if !checkRule(id, y.Key("/severity/"+schema.EscapeToken(id))) {
			continue
		}
		level, _ := sevs[id].(string)
		if level == "off" {
			s.Disable = append(s.Disable, id)
			continue
		}
		sev, _ := answerfile.ParseSeverity(level)
		if s.Severity == nil {
			s.Severity = map[string]answerfile.Severity{}
		}
		s.Severity[id] = sev
	}
	if len(cerr.Lines) > 0 {
		// By position, as numbers: line 10 after line 9.
		slices.SortStableFunc(cerr.Lines, func(a, b string) int {
			return slices.Compare(positionOf(name, a), positionOf(name, b))
		})
		return nil, cerr
	}
	return s, nil
}

// importSettings reads import-root and import-env. A root is relative to
// the configuration's directory and must stay inside its work tree
// (answerfile.DefaultImportRoot): a configuration is committed with the
// answer files, and in CI a pull request from a fork controls it, so it may
// not open the rest of the machine to imports; --import-root on the command
// line may.
func (s *Settings) importSettings(root map[string]any, y *schema.YAML, fail func(*yaml.Node, string, ...any)) {
	tree := answerfile.DefaultImportRoot(s.File)
	roots, _ := root["import-root"].([]any)
	for i, item := range roots {
		dir, _ := item.(string)
		abs := dir
		if !filepath.IsAbs(dir) {
			abs = filepath.Join(filepath.Dir(s.File), dir)
		}
		abs, err := filepath.Abs(abs)
		if err != nil || !answerfile.InsideDir(abs, tree) {
			fail(y.Node(fmt.Sprintf("/import-root/%d", i)), "import-root %s is outside %s, the git work tree of this configuration (its folder outside git): a configuration cannot let imports read beyond its repository; give --import-root %s on the command line instead",
				english.Quote(dir), tree, english.Clip(dir))
			continue
		}
		s.ImportRoots = append(s.ImportRoots, abs)
	}
	names, _ := root["import-env"].([]any)
	for _, item := range names {
		name, _ := item.(string)
		s.ImportEnv = append(s.ImportEnv, name)
	}
}

// keyKind names the kind of a YAML node used as a key.
func keyKind(n *yaml.Node) string {
	if n.Kind == yaml.SequenceNode {
		return "list"
	}
	return "mapping"
}

// pointerName writes a JSON pointer the way a YAML reader thinks of it:
// /severity/path-case as severity.path-case, /disable/0 as disable[0].
func pointerName(ptr string) string {
	var sb strings.Builder
	for _, tok := range schema.SplitPointer(ptr) {
		if _, err := strconv.Atoi(tok); err == nil {
			fmt.Fprintf(&sb, "[%s]", tok)
			continue
		}
		if sb.Len() > 0 {
			sb.WriteByte('.')
		}
		sb.WriteString(tok)
	}
	return sb.String()
}

// positionOf is the line and column of a configuration error line
// "name:line:col: message" (0, 0 when it has none).
func positionOf(name, line string) []int {
	var l, c int
	fmt.Sscanf(strings.TrimPrefix(line, name+":"), "%d:%d", &l, &c)
	return []int{l, c}
}

// ConfigFinder finds the configuration of each directory: the nearest
// configuration file in it or a parent, each file read once. It is not
// safe for concurrent use.
type ConfigFinder struct {
	explicit *Settings            // used for every directory
	byDir    map[string]*Settings // nil value: no file up to the root
	getwd    func() (string, error)
}

// NewConfigFinder returns a finder that looks for configuration files, or,
// when path is not "", that reads the configuration file at path and uses
// it for every directory.
func NewConfigFinder(path string) (*ConfigFinder, error) {
	f := &ConfigFinder{byDir: map[string]*Settings{}, getwd: os.Getwd}
	if path != "" {
		s, err := ReadSettings(path)
		if err != nil {
			return nil, err
		}
		f.explicit = s
	}
	return f, nil
}

// ForDir returns the configuration that applies in dir (nil when none).
func (f *ConfigFinder) ForDir(dir string) (*Settings, error) {
	if f.explicit != nil {
		return f.explicit, nil
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	var visited []string
	var found *Settings
	for d := abs; ; {
		if s, ok := f.byDir[d]; ok {
			found = s
			break
		}
		visited = append(visited, d)
		p, err := f.configIn(d)
		if err != nil {
			return nil, err
		}
		if p != "" {
			s, err := ReadSettings(f.relative(p))
			if err != nil {
				return nil, err
			}
			found = s
			break
		}
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	for _, d := range visited {
		f.byDir[d] = found
	}
	return found, nil
}

// configIn returns the configuration file of directory dir: "" when there
// is none, an error when there are two.
func (f *ConfigFinder) configIn(dir string) (string, error) {
	var found []string
	for _, name := range []string{ConfigFileName, ConfigFileAltName} {
		p := filepath.Join(dir, name)
		st, err := os.Stat(p)
		switch {
		case err == nil && !st.IsDir():
			found = append(found, p)
		case err != nil && !errors.Is(err, os.ErrNotExist):
			return "", &ConfigError{Path: p, Msg: fileio.DescribeOpenError(p, err)}
		}
	}
	switch len(found) {
	case 0:
		return "", nil
	case 1:
		return found[0], nil
	}
	return "", &ConfigError{Path: found[0],
		Msg: fmt.Sprintf("%s and %s are both in %s: keep one of them", ConfigFileName, ConfigFileAltName, f.relative(dir))}
}

// relative shows p relative to the working directory when it lies under
// it, as users wrote their paths.
func (f *ConfigFinder) relative(p string) string {
	wd, err := f.getwd()
	if err != nil {
		return p
	}
	if r, err := filepath.Rel(wd, p); err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return r
	}
	return p
}
