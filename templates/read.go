package templates

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/internal/lazy"
	"github.com/mcsf-dev/mcsf/internal/yaml"
	"github.com/mcsf-dev/mcsf/schema"
)

// SchemaName is the name of the embedded JSON Schema of the spec format
// (`mcsf schema spec`).
const SchemaName = "spec"

// ReadSpec reads a spec in YAML or JSON (JSON is read as YAML, which it
// is), checks it against the embedded JSON Schema and with the semantic
// checks, and fills in defaults. Every problem is a Diagnostic located at
// the spec's own line and column; name is the file name they carry.
//
// The Spec is nil when a diagnostic is an Error; warnings come with a Spec
// that Generate can use. The error is only for what keeps the reader from
// working (the embedded schema does not compile).
func ReadSpec(name string, data []byte) (*Spec, []answerfile.Diagnostic, error) {
	return ReadSpecLimits(name, data, SpecLimits{})
}

// DefaultMaxNumberLength is the default of SpecLimits.MaxNumberLength: the
// numbers of a spec are attempt counts (a DWORD has 10 digits), and a number
// of millions of digits costs seconds to convert and is echoed in messages.
const DefaultMaxNumberLength = 100

// SpecLimits bound what ReadSpecLimits reads; zero fields mean the defaults.
type SpecLimits struct {
	// MaxNumberLength is the most characters of an unquoted number
	// (mcsf generate --max-number-length); a longer one is an error at its
	// position, found before any number is converted.
	MaxNumberLength int
}

// ReadSpecLimits is ReadSpec within lim.
func ReadSpecLimits(name string, data []byte, lim SpecLimits) (*Spec, []answerfile.Diagnostic, error) {
	if lim.MaxNumberLength <= 0 {
		lim.MaxNumberLength = DefaultMaxNumberLength
	}
	r := &reader{file: name, lim: lim}
	root := r.parse(bytes.TrimPrefix(data, []byte("\ufeff")))
	if root == nil || r.failed() {
		return nil, r.result(), nil
	}
	v := r.convert(root)
	if r.failed() {
		return nil, r.result(), nil
	}
	errs, err := schema.Validate(SchemaName, v)
	if err != nil {
		return nil, nil, fmt.Errorf("spec schema: %w", err)
	}
	for _, e := range errs {
		r.diags = append(r.diags, r.schemaDiags(e)...)
	}
	if r.failed() {
		return nil, r.result(), nil
	}
	spec, err := decodeSpec(v)
	if err != nil {
		// The schema admits only what decodes; getting here is a bug.
		return nil, nil, fmt.Errorf("read %s: %w", name, err)
	}
	r.check(spec)
	if r.failed() {
		return nil, r.result(), nil
	}
	for i := range spec.Operators {
		for j := range spec.Operators[i].Match {
			spec.Operators[i].Match[j].nameConditions()
		}
	}
	return spec, r.result(), nil
}

// decodeSpec turns a schema-valid plain value into a Spec with defaults.
func decodeSpec(v any) (*Spec, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var s Spec
	if err := dec.Decode(&s); err != nil {
		return nil, err
	}
	if s.OwnerType == "" {
		s.OwnerType = DefaultOwnerType
	}
	for i := range s.Operators {
		for j := range s.Operators[i].Match {
			normalizePrefixes(&s.Operators[i].Match[j])
		}
	}
	return &s, nil
}

// normalizePrefixes writes the `pattern:` and `range:` prefixes in lower
// case: the documentation writes `Pattern:`, but ImageApp's validator only
// knows the lower-case form.
func normalizePrefixes(m *Match) {
	fix := func(v string) string {
		neg := strings.HasPrefix(v, "!")
		rest := strings.TrimPrefix(v, "!")
		for _, p := range []string{"pattern:", "range:"} {
			if len(rest) >= len(p) && strings.EqualFold(rest[:len(p)], p) {
				rest = p + rest[len(p):]
			}
		}
		if neg {
			return "!" + rest
		}
		return rest
	}
	for _, k := range matchKeys {
		if f := k.field(m); *f != "" {
			*f = fix(*f)
		}
	}
	for n, v := range m.Conditions {
		m.Conditions[n] = fix(v)
	}
}

// reader holds the state of one ReadSpec call.
type reader struct {
	file  string
	lim   SpecLimits
	diags []answerfile.Diagnostic
	y     *schema.YAML // the spec's value, and where each value and key stands
}

func (r *reader) failed() bool {
	for _, d := range r.diags {
		if d.Severity == answerfile.Error {
			return true
		}
	}
	return false
}

func (r *reader) result() []answerfile.Diagnostic { return answerfile.SortDiagnostics(r.diags) }

// at builds a diagnostic at node n (at 1:1 when n is nil).
func (r *reader) at(n *yaml.Node, rule string, sev answerfile.Severity, format string, args ...any) answerfile.Diagnostic {
	d := answerfile.Diagnostic{File: r.file, Line: 1, Column: 1, EndLine: 1, EndColumn: 2,
		Rule: rule, Severity: sev, Message: fmt.Sprintf(format, args...)}
	if n != nil && n.Line > 0 {
		d.Line, d.Column = n.Line, max(n.Column, 1)
		d.EndLine, d.EndColumn = d.Line, d.Column+nodeWidth(n)
	}
	return d
}

// diag reports a diagnostic at node n and returns it for related locations.
func (r *reader) diag(n *yaml.Node, rule string, sev answerfile.Severity, format string, args ...any) *answerfile.Diagnostic {
	r.diags = append(r.diags, r.at(n, rule, sev, format, args...))
	return &r.diags[len(r.diags)-1]
}

// related adds a related location at node n to d.
func (r *reader) related(d *answerfile.Diagnostic, n *yaml.Node, msg string) {
	if n == nil {
		return
	}
	d.Related = append(d.Related, answerfile.Related{File: r.file, Line: n.Line, Column: n.Column, Message: msg})
}

// nodeWidth is the width of n's first line as written, in characters, for
// the caret under it: a scalar's text (and quotes), one character for a
// collection.
func nodeWidth(n *yaml.Node) int {
	if n.Kind != yaml.ScalarNode || strings.Contains(n.Value, "\n") {
		return 1
	}
	w := utf8.RuneCountInString(n.Value)
	if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
		w += 2
	}
	return max(w, 1)
}

// parse reads the single YAML document of data.
func (r *reader) parse(data []byte) *yaml.Node {
	syntax := func(err error) {
		line, msg := schema.YAMLSyntax(err)
		line = max(line, 1)
		r.diags = append(r.diags, answerfile.Diagnostic{File: r.file, Line: line, Column: 1, EndLine: line, EndColumn: 2,
			Rule: RuleSyntax, Severity: answerfile.Error, Message: "the spec is not valid YAML or JSON: " + msg})
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			r.diag(nil, RuleSyntax, answerfile.Error, "the spec is empty: write at least name, owner and one operator or device value")
			return nil
		}
		syntax(err)
		return nil
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == nil:
		d := r.diag(&next, RuleSyntax, answerfile.Error, "the spec holds more than one YAML document: keep one, without a second ---")
		d.Column = 1
	case !errors.Is(err, io.EOF):
		syntax(err)
	}
	if len(doc.Content) == 0 {
		r.diag(nil, RuleSyntax, answerfile.Error, "the spec is empty: write at least name, owner and one operator or device value")
		return nil
	}
	return doc.Content[0]
}

// convert turns node n into the plain value schema.Validate takes
// (schema.FromYAML), reporting what it cannot take; a number longer than
// the limit stops it before any number is converted.
func (r *reader) convert(n *yaml.Node) any {
	if r.longNumbers(n); r.failed() {
		return nil
	}
	y, problems := schema.FromYAML(n, 0)
	r.y = y
	for _, p := range problems {
		switch p.Kind {
		case schema.Alias:
			r.diag(p.Node, RuleSyntax, answerfile.Error, "YAML aliases (*%s) are not supported in a spec: write the value out", p.Node.Value)
		case schema.KeyNotScalar:
			r.diag(p.Node, RuleSyntax, answerfile.Error, "a key must be a plain name, not a %s", kindName(p.Node))
		case schema.DuplicateKey:
			d := r.diag(p.Node, RuleDuplicateKey, answerfile.Error, "key %q is given twice in this mapping: keep one", p.Node.Value)
			r.related(d, p.First, "first given here")
		}
	}
	return y.Value
}

// longNumbers reports every unquoted number under n longer than
// r.lim.MaxNumberLength. A number too long for a float (over 309 digits)
// is resolved by YAML as a string: digits alone say it is a number.
func (r *reader) longNumbers(n *yaml.Node) {
	for _, c := range n.Content {
		r.longNumbers(c)
	}
	if n.Kind != yaml.ScalarNode || n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) != 0 ||
		len(n.Value) <= r.lim.MaxNumberLength || !looksNumeric(n.Value) {
		return
	}
	d := r.diag(n, RuleSyntax, answerfile.Error, "a number of %d characters, longer than the limit of %d (--max-number-length): a spec's numbers are attempt counts; quote it if it is text",
		len(n.Value), r.lim.MaxNumberLength)
	d.EndColumn = d.Column + 1 // the caret marks where it starts, not millions of columns
}

// looksNumeric reports whether s is written as a YAML decimal number:
// digits (and underscores), with a sign, a fraction, an exponent.
func looksNumeric(s string) bool {
	return numberShape.Get().MatchString(s) && strings.ContainsAny(s, "0123456789")
}

var numberShape = lazy.Regexp{Expr: `^[-+]?[0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?$`}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "mapping"
	case yaml.SequenceNode:
		return "list"
	case yaml.AliasNode:
		return "alias"
	}
	return "value"
}

// displayPath writes a JSON pointer as the reader would name the place:
// operators[0].match[1].mcc; "the spec" for the root.
func displayPath(ptr string) string {
	parts := schema.SplitPointer(ptr)
	if len(parts) == 0 {
		return "the spec"
	}
	var b strings.Builder
	for _, p := range parts {
		if _, err := strconv.Atoi(p); err == nil {
			b.WriteString("[" + p + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		if plainKey.Get().MatchString(p) {
			b.WriteString(p)
		} else {
			b.WriteString(strconv.Quote(p))
		}
	}
	return b.String()
}

var plainKey = lazy.Regexp{Expr: `^[A-Za-z_][A-Za-z0-9_-]*$`}
