package answerfile

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Severity ranks a Diagnostic. Higher values are more severe.
type Severity int

// Severities, from least to most severe.
const (
	Info Severity = iota + 1
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return "unknown"
}

// ParseSeverity reads "error", "warning" or "info" (also "warn", "note", "off" is not a severity).
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "error":
		return Error, nil
	case "warning", "warn":
		return Warning, nil
	case "info", "note":
		return Info, nil
	}
	return 0, fmt.Errorf("unknown severity %q (want error, warning or info)", s)
}

// MarshalText writes the severity name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a severity name.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	*s = v
	return err
}

// Position is a place in a file. Line and Column are 1-based; 0 means unknown.
// Column counts characters (Unicode code points), not bytes; a tab is one character.
type Position struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

// IsValid reports whether the position is known.
func (p Position) IsValid() bool { return p.Line > 0 }

func (p Position) String() string {
	if p.Column > 0 {
		return fmt.Sprintf("%d:%d", p.Line, p.Column)
	}
	return fmt.Sprint(p.Line)
}

// Related is a second location that explains a Diagnostic (the other
// definition of a duplicate, the outer comment of a nested one, ...).
type Related struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Path    string `json:"path,omitempty"`
	Message string `json:"message"`
}

// Diagnostic is one finding about one file. It is the only finding type of
// the project: the reader, the linter, the spec reader and import resolution
// all report with it.
type Diagnostic struct {
	File      string    `json:"file"`
	Line      int       `json:"line"`   // 1-based; 0 if unknown
	Column    int       `json:"column"` // 1-based, in characters; 0 if unknown
	EndLine   int       `json:"endLine"`
	EndColumn int       `json:"endColumn"` // exclusive
	Path      string    `json:"path"`      // element path, e.g. /ImageCustomizations/Variant[2]/Settings[1]
	Rule      string    `json:"rule"`
	Severity  Severity  `json:"severity"`
	Message   string    `json:"message"`
	Related   []Related `json:"related,omitempty"`
	// Fix is the suggested fix in words, for a human. With Edits it is
	// also mechanical: applying Edits does what Fix says, and nothing else.
	Fix   string     `json:"fix,omitempty"`
	Edits []TextEdit `json:"edits,omitempty"`
}

// TextEdit replaces the bytes [Start, End) of a file's text with NewText.
// Offsets count bytes of the text as Document.Text and DecodeText hold it:
// UTF-8 after any byte-order mark, line ends as in the file (the file's
// own bytes for UTF-8 without a mark); Encoding.EncodeText turns the edited
// text back into the file's bytes. From and To are the same places as
// positions (1-based; columns in characters), for SARIF and editors.
// Start == End inserts. The edits of one Diagnostic never overlap.
type TextEdit struct {
	Start   int      `json:"start"`
	End     int      `json:"end"`
	NewText string   `json:"newText"`
	From    Position `json:"from"`
	To      Position `json:"to"`
}

func (d Diagnostic) String() string {
	return fmt.Sprintf("%s:%d:%d: %s: %s [%s]", d.File, d.Line, d.Column, d.Severity, d.Message, d.Rule)
}

// CompareDiagnostics orders diagnostics by file, line, column, rule, then message.
func CompareDiagnostics(a, b Diagnostic) int {
	return cmp.Or(
		cmp.Compare(a.File, b.File),
		cmp.Compare(a.Line, b.Line),
		cmp.Compare(a.Column, b.Column),
		cmp.Compare(a.Rule, b.Rule),
		cmp.Compare(a.Message, b.Message),
	)
}

// SortDiagnostics sorts ds in place and drops exact duplicates.
func SortDiagnostics(ds []Diagnostic) []Diagnostic {
	if !slices.IsSortedFunc(ds, CompareDiagnostics) {
		slices.SortStableFunc(ds, CompareDiagnostics)
	}
	return slices.CompactFunc(ds, func(a, b Diagnostic) bool {
		return CompareDiagnostics(a, b) == 0 && a.Path == b.Path
	})
}

// RuleXMLSyntax is the rule of every well-formedness diagnostic of the reader.
const RuleXMLSyntax = "xml-syntax"
