package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"github.com/mcsf-dev/mcsf/internal/english"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/answerfile/lint"
	"github.com/mcsf-dev/mcsf/fileio"
	"github.com/mcsf-dev/mcsf/schema"
	"go.yaml.in/yaml/v3"
)

// config.go reads .mcsf.yaml, the optional lint configuration: checked
// against the embedded "config" JSON Schema, with every error at its
// line:column in the YAML.

// configName is the file mcsf looks for, upward from each linted file.
const configName = ".mcsf.yaml"

// fileConfig is one .mcsf.yaml. Nil pointers are keys the file leaves out.
type fileConfig struct {
	path     string
	strict   *bool
	failOn   *answerfile.Severity
	disable  []string
	severity map[string]answerfile.Severity
}

// configError lists every problem of one configuration file, each as
// file:line:col: message.
type configError struct {
	path  string
	lines []string
}

func (e *configError) Error() string {
	return fmt.Sprintf("configuration %s is invalid:\n  %s", e.path, strings.Join(e.lines, "\n  "))
}

// maxConfigSize and maxConfigDepth bound a configuration file: the largest
// useful one (every rule given a severity) is a few kilobytes, four levels.
const (
	maxConfigSize  = 1 << 20
	maxConfigDepth = 16
)

// loadConfig reads and checks the configuration file at path (a regular file
// of at most maxConfigSize bytes).
func loadConfig(path string) (*fileConfig, error) {
	data, err := fileio.ReadFile(path, maxConfigSize)
	if err != nil {
		var big *fileio.TooLargeError
		if errors.As(err, &big) {
			return nil, usageError("configuration %s is larger than the limit of %d bytes", path, big.Limit)
		}
		return nil, readError(input{path: path, display: path}, err)
	}
	return parseConfig(path, data)
}

var (
	yamlLine    = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
	ruleIDShape = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
)

// parseConfig reads a configuration named name (for messages) from data.
func parseConfig(name string, data []byte) (*fileConfig, error) {
	cerr := &configError{path: name}
	fail := func(n *yaml.Node, format string, args ...any) {
		line, col := 1, 1
		if n != nil {
			line, col = n.Line, n.Column
		}
		cerr.lines = append(cerr.lines, fmt.Sprintf("%s:%d:%d: %s", name, line, col, fmt.Sprintf(format, args...)))
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
			cerr.lines = append(cerr.lines, fmt.Sprintf("%s:%s: %s", name, m[1], m[2]))
		} else {
			cerr.lines = append(cerr.lines, fmt.Sprintf("%s: %s", name, msg))
		}
		return nil, cerr
	}
	cfg := &fileConfig{path: name}
	if len(doc.Content) == 0 {
		return cfg, nil // an empty file configures nothing
	}
	nodes := map[string]*yaml.Node{} // JSON pointer -> value node
	keys := map[string]*yaml.Node{}  // JSON pointer -> key node
	v := yamlToValue(doc.Content[0], "", nodes, keys, fail)
	if len(cerr.lines) > 0 {
		return nil, cerr
	}
	errs, err := schema.Validate("config", v)
	if err != nil {
		return nil, internal(err)
	}
	root, _ := v.(map[string]any)
	for _, e := range errs {
		at := nodes[e.InstanceLocation]
		what := pointerName(e.InstanceLocation)
		switch {
		case strings.HasSuffix(e.KeywordLocation, "/additionalProperties") && e.InstanceLocation == "":
			known := []string{"strict", "fail-on", "disable", "severity"}
			for k := range root {
				if !slices.Contains(known, k) {
					msg := fmt.Sprintf("unknown key %q", k)
					if s := english.Nearest(k, known); s != "" {
						msg += fmt.Sprintf(" (did you mean %q?)", s)
					}
					fail(keys["/"+k], "%s; known keys: %s", msg, strings.Join(known, ", "))
				}
			}
		case strings.HasSuffix(e.KeywordLocation, "/$ref/enum"):
			// Only rule IDs are a $ref to an enum in the config schema.
			id := lastToken(e.InstanceLocation, nodes)
			if strings.Contains(e.KeywordLocation, "propertyNames") {
				// A key of severity: the error is about the key, not its value.
				at = keys[e.InstanceLocation]
				id = strings.NewReplacer("~1", "/", "~0", "~").Replace(e.InstanceLocation[strings.LastIndex(e.InstanceLocation, "/")+1:])
				what = pointerName(e.InstanceLocation[:strings.LastIndex(e.InstanceLocation, "/")])
			}
			if ruleIDShape.MatchString(id) {
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
		cfg.strict = &b
	}
	if s, ok := root["fail-on"].(string); ok {
		sev, _ := answerfile.ParseSeverity(s)
		cfg.failOn = &sev
	}
	checkRule := func(id string, n *yaml.Node) bool {
		if !ruleIDShape.MatchString(id) {
			return false // the schema error says so
		}
		if err := lint.CheckRuleID(id); err != nil {
			fail(n, "%v", err)
			return false
		}
		return true
	}
	list, _ := root["disable"].([]any)
	for i, item := range list {
		id, _ := item.(string)
		if checkRule(id, nodes[fmt.Sprintf("/disable/%d", i)]) {
			cfg.disable = append(cfg.disable, id)
		}
	}
	sevs, _ := root["severity"].(map[string]any)
	ids := make([]string, 0, len(sevs))
	for id := range sevs {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		if !checkRule(id, keys["/severity/"+escapePointerToken(id)]) {
			continue
		}
		level, _ := sevs[id].(string)
		if level == "off" {
			cfg.disable = append(cfg.disable, id)
			continue
		}
		sev, _ := answerfile.ParseSeverity(level)
		if cfg.severity == nil {
			cfg.severity = map[string]answerfile.Severity{}
		}
		cfg.severity[id] = sev
	}
	if len(cerr.lines) > 0 {
		// By position, as numbers: line 10 after line 9.
		slices.SortStableFunc(cerr.lines, func(a, b string) int {
			return slices.Compare(positionOf(name, a), positionOf(name, b))
		})
		return nil, cerr
	}
	return cfg, nil
}

// yamlToValue converts a YAML node to the JSON-like value the schema
// validator takes, recording the node of every value and mapping key by
// JSON pointer. Duplicate keys are reported through fail.
func yamlToValue(n *yaml.Node, ptr string, nodes, keys map[string]*yaml.Node, fail func(*yaml.Node, string, ...any)) any {
	if n.Kind == yaml.AliasNode {
		// Aliases are refused, not followed: a few hundred bytes of nested
		// aliases expand to billions of values.
		fail(n, "YAML aliases (*%s) are not supported in a configuration: write the value out", n.Value)
		return nil
	}
	if strings.Count(ptr, "/") > maxConfigDepth {
		fail(n, "values nested deeper than %d levels", maxConfigDepth)
		return nil
	}
	nodes[ptr] = n
	switch n.Kind {
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			p := ptr + "/" + escapePointerToken(k.Value)
			if prev, dup := keys[p]; dup {
				fail(k, "duplicate key %q (first at line %d)", k.Value, prev.Line)
				continue
			}
			keys[p] = k
			m[k.Value] = yamlToValue(val, p, nodes, keys, fail)
		}
		return m
	case yaml.SequenceNode:
		out := make([]any, len(n.Content))
		for i, c := range n.Content {
			out[i] = yamlToValue(c, fmt.Sprintf("%s/%d", ptr, i), nodes, keys, fail)
		}
		return out
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!bool":
			var b bool
			if n.Decode(&b) == nil {
				return b
			}
		case "!!int", "!!float":
			var f float64
			if n.Decode(&f) == nil {
				return json.Number(strconv.FormatFloat(f, 'g', -1, 64))
			}
		case "!!null":
			return nil
		}
		return n.Value
	}
	return nil
}

func escapePointerToken(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// pointerName writes a JSON pointer the way a YAML reader thinks of it:
// /severity/path-case as severity.path-case, /disable/0 as disable[0].
func pointerName(ptr string) string {
	var sb strings.Builder
	for _, tok := range strings.Split(strings.TrimPrefix(ptr, "/"), "/") {
		if tok == "" {
			continue
		}
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
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

// lastToken is the value at ptr when it is a scalar, else the pointer's last key.
func lastToken(ptr string, nodes map[string]*yaml.Node) string {
	if n := nodes[ptr]; n != nil && n.Kind == yaml.ScalarNode {
		return n.Value
	}
	tok := ptr[strings.LastIndex(ptr, "/")+1:]
	return strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
}

// configFinder finds the configuration of each directory: the nearest
// .mcsf.yaml in it or a parent. Each file is read once.
type configFinder struct {
	explicit *fileConfig            // --config: used for every file
	byDir    map[string]*fileConfig // nil value: no file up to the root
}

// forDir returns the configuration that applies in dir (nil when none).
func (f *configFinder) forDir(dir string) (*fileConfig, error) {
	if f.explicit != nil {
		return f.explicit, nil
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, internal(err)
	}
	if f.byDir == nil {
		f.byDir = map[string]*fileConfig{}
	}
	var visited []string
	var found *fileConfig
	for d := abs; ; {
		if c, ok := f.byDir[d]; ok {
			found = c
			break
		}
		visited = append(visited, d)
		p, err := configIn(d) // config_file.go: .mcsf.yaml or .mcsf.yml
		if err != nil {
			return nil, err
		}
		if p != "" {
			c, err := loadConfig(relativeName(p))
			if err != nil {
				return nil, err
			}
			found = c
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

// relativeName shows p relative to the working directory when it lies
// under it, as users wrote their paths.
func relativeName(p string) string {
	wd, err := os.Getwd()
	if err != nil {
		return p
	}
	if r, err := filepath.Rel(wd, p); err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return r
	}
	return p
}

// positionOf is the line and column of a configuration error line
// "name:line:col: message" (0, 0 when it has none).
func positionOf(name, line string) []int {
	var l, c int
	fmt.Sscanf(strings.TrimPrefix(line, name+":"), "%d:%d", &l, &c)
	return []int{l, c}
}
