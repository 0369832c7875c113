package lint

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/beevik/etree"
	"github.com/mcsf-dev/mcsf/answerfile"
)

// fix.go: the text edits of fixable findings, and applying them.

// maxFixPasses bounds Fix: every pass applies the edits that do not overlap
// and lints again, so that a fix that moves text (element-order) and a fix
// inside the moved text both get done.
const maxFixPasses = 8

// FixResult is what Fix did to one file.
type FixResult struct {
	Data        []byte                  // the fixed file, in the file's encoding; the input when nothing was fixed
	Fixed       int                     // findings whose edits were applied, over all passes
	Diagnostics []answerfile.Diagnostic // the findings of the fixed file
}

// Fix lints data as the file name, applies the edits of every fixable
// finding and lints again, until nothing fixable is left (at most a few
// passes). The edits of one finding are applied together or not at all;
// a finding whose edits overlap another's waits for the next pass. The
// error is only for what keeps the linter from working, as with File.
func Fix(name string, data []byte, cfg Config) (FixResult, error) {
	ds, err := File(name, data, cfg)
	if err != nil {
		return FixResult{Data: data}, err
	}
	return fixLinted(name, data, ds, cfg)
}

// fixLinted is Fix of data whose findings, ds, are known already.
func fixLinted(name string, data []byte, ds []answerfile.Diagnostic, cfg Config) (FixResult, error) {
	res := FixResult{Data: data}
	for pass := range maxFixPasses {
		if pass > 0 {
			var err error
			if ds, err = File(name, res.Data, cfg); err != nil {
				return res, err
			}
		}
		res.Diagnostics = ds
		text, enc, ok := answerfile.DecodeText(res.Data)
		if !ok {
			return res, nil
		}
		edits, n := pickEdits(ds, func(string) bool { return true })
		if n[name] == 0 {
			return res, nil
		}
		fixed, err := ApplyEdits(text, edits[name])
		if err != nil {
			return res, fmt.Errorf("fix %s: %w", name, err)
		}
		res.Data, res.Fixed = enc.EncodeText(fixed), res.Fixed+n[name]
	}
	ds, err := File(name, res.Data, cfg)
	res.Diagnostics = ds
	return res, err
}

// pickEdits gathers, file by file, the edits of the findings in ds of the
// files fixable accepts, leaving out a finding whose edits overlap those
// already taken (it waits for the next pass); n counts the findings taken.
func pickEdits(ds []answerfile.Diagnostic, fixable func(file string) bool) (edits map[string][]answerfile.TextEdit, n map[string]int) {
	edits, n = map[string][]answerfile.TextEdit{}, map[string]int{}
	for _, d := range ds {
		if len(d.Edits) == 0 || !fixable(d.File) || overlaps(edits[d.File], d.Edits) {
			continue
		}
		edits[d.File] = append(edits[d.File], d.Edits...)
		n[d.File]++
	}
	return edits, n
}

// overlaps reports whether an edit of b overlaps one of a. Two inserts at
// one offset overlap (their order would be a guess).
func overlaps(a, b []answerfile.TextEdit) bool {
	for _, x := range a {
		for _, y := range b {
			if x.Start < y.End && y.Start < x.End || x.Start == y.Start {
				return true
			}
		}
	}
	return false
}

// ApplyEdits returns text with edits applied (offsets as in
// answerfile.TextEdit), in a new slice. The edits may come in any order:
// they are applied by Start, an insert before a replacement that starts at
// the same offset, and inserts at one offset in the order given. An edit
// outside text, or two that overlap, is an error and nothing is applied.
func ApplyEdits(text []byte, edits []answerfile.TextEdit) ([]byte, error) {
	byStart := func(x, y answerfile.TextEdit) int {
		return cmp.Or(cmp.Compare(x.Start, y.Start), cmp.Compare(x.End, y.End))
	}
	if !slices.IsSortedFunc(edits, byStart) {
		edits = slices.Clone(edits)
		slices.SortStableFunc(edits, byStart)
	}
	size, at := len(text), 0
	for i, e := range edits {
		if e.Start < 0 || e.Start > e.End || e.End > len(text) {
			return nil, fmt.Errorf("edit of bytes [%d,%d) is outside the text (%d bytes)", e.Start, e.End, len(text))
		}
		if e.Start < at {
			return nil, fmt.Errorf("edits of bytes [%d,%d) and [%d,%d) overlap", edits[i-1].Start, edits[i-1].End, e.Start, e.End)
		}
		size += len(e.NewText) - (e.End - e.Start)
		at = e.End
	}
	out := make([]byte, 0, size)
	at = 0
	for _, e := range edits {
		out = append(append(out, text[at:e.Start]...), e.NewText...)
		at = e.End
	}
	return append(out, text[at:]...), nil
}

// withEdits sets the edits of d, which make its Fix mechanical; no edits
// (nil) leave d as it is.
func withEdits(d answerfile.Diagnostic, edits []answerfile.TextEdit) answerfile.Diagnostic {
	if len(edits) > 0 {
		d.Edits = edits
	}
	return d
}

// setAttr is the edit that sets attribute key of e to value, when the value
// is written plainly (no entity reference in it or in value); nil otherwise.
func (c *checker) setAttr(e *etree.Element, key, value string) []answerfile.TextEdit {
	start, end, ok := c.doc.AttrValueSpan(e, key)
	if !ok || string(c.doc.Text()[start:end]) != e.SelectAttrValue(key, "") || strings.ContainsAny(value, `&<"'`) {
		return nil
	}
	return []answerfile.TextEdit{c.doc.Edit(start, end, value)}
}

// replaceInAttr is the edit that replaces the bytes [from, to) of attribute
// key's value of e with s, under the same condition as setAttr.
func (c *checker) replaceInAttr(e *etree.Element, key string, from, to int, s string) []answerfile.TextEdit {
	start, end, ok := c.doc.AttrValueSpan(e, key)
	if !ok || string(c.doc.Text()[start:end]) != e.SelectAttrValue(key, "") || start+to > end || strings.ContainsAny(s, `&<"'`) {
		return nil
	}
	return []answerfile.TextEdit{c.doc.Edit(start+from, start+to, s)}
}

// lines is where element e stands as whole lines: from the start of its
// first line to just past the line end of its last, with the indentation
// of its first line. ok is false when e shares a line with other text.
func (c *checker) lines(e *etree.Element) (start, end int, indent string, ok bool) {
	text := c.doc.Text()
	s, t, ok := c.doc.ElementSpan(e)
	if !ok {
		return 0, 0, "", false
	}
	start = bytes.LastIndexByte(text[:s], '\n') + 1
	if strings.TrimLeft(string(text[start:s]), " \t") != "" {
		return 0, 0, "", false
	}
	end = t
	for end < len(text) && (text[end] == ' ' || text[end] == '\t' || text[end] == '\r') {
		end++
	}
	switch {
	case end == len(text):
	case text[end] == '\n':
		end++
	default:
		return 0, 0, "", false
	}
	return start, end, string(text[start:s]), true
}

// deleteLines is the edit that deletes element e with its lines; nil when
// e shares a line with other text.
func (c *checker) deleteLines(e *etree.Element) []answerfile.TextEdit {
	start, end, _, ok := c.lines(e)
	if !ok {
		return nil
	}
	return []answerfile.TextEdit{c.doc.Edit(start, end, "")}
}

// newline is the line end the file uses.
func (c *checker) newline() string {
	if bytes.Contains(c.doc.Text(), []byte("\r\n")) {
		return "\r\n"
	}
	return "\n"
}

// indentUnit is the indentation step of the file: the indentation of the
// root's first child line, or two spaces.
func (c *checker) indentUnit() string {
	for _, ch := range c.doc.Root.Elem.ChildElements() {
		if _, _, ind, ok := c.lines(ch); ok && ind != "" {
			return ind
		}
	}
	return "  "
}

// block indents the lines of xml (written with a two-space step and no
// line end) by indent, with the file's step and line ends.
func (c *checker) block(xml, indent string) string {
	unit, nl := c.indentUnit(), c.newline()
	var b strings.Builder
	for _, l := range strings.Split(xml, "\n") {
		trimmed := strings.TrimLeft(l, " ")
		b.WriteString(indent + strings.Repeat(unit, (len(l)-len(trimmed))/2) + trimmed + nl)
	}
	return b.String()
}
