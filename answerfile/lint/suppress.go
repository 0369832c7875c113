package lint

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/mcsf-dev/mcsf/answerfile"
)

// suppress.go applies suppression comments:
//
//	<!-- mcsf:ignore RULE[,RULE] reason -->       the next element and its children
//	<!-- mcsf:ignore-file RULE[,RULE] reason -->  the whole file
//
// The next element is the first one after the comment, with nothing but
// white space and other comments between them. A reason is required; a
// suppression without one has no effect and is itself a finding.

// suppression is one parsed mcsf: comment.
type suppression struct {
	start, end int      // byte offsets of the comment ("<!--" to after "-->")
	file       bool     // ignore-file
	rules      []string // known rule IDs it names
	from, to   int      // byte range of the element it covers (file: whole text)
	used       map[string]bool
}

// comments lists the byte ranges of the comments of a well-formed text,
// skipping CDATA sections and processing instructions, where "<!--" is not
// a comment.
func comments(text []byte) [][2]int {
	var out [][2]int
	for i := 0; i < len(text); {
		j := bytes.IndexByte(text[i:], '<')
		if j < 0 {
			break
		}
		i += j
		rest := text[i:]
		var end []byte
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			end = []byte("-->")
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			end = []byte("]]>")
		case bytes.HasPrefix(rest, []byte("<?")):
			end = []byte("?>")
		default:
			i++
			continue
		}
		k := bytes.Index(rest[2:], end)
		if k < 0 {
			break
		}
		stop := i + 2 + k + len(end)
		if end[0] == '-' {
			out = append(out, [2]int{i, stop})
		}
		i = stop
	}
	return out
}

// applySuppressions drops the diagnostics that suppression comments cover
// and adds findings about the comments themselves.
func applySuppressions(doc *answerfile.Document, diags []answerfile.Diagnostic, cfg Config) []answerfile.Diagnostic {
	text := doc.Text()
	if !bytes.Contains(text, []byte("mcsf:")) {
		return diags // no suppression comment can be there
	}
	cs := comments(text)
	if len(cs) == 0 {
		return diags
	}
	var sups []*suppression
	var extra []answerfile.Diagnostic
	report := func(start, end int, rule string, sev answerfile.Severity, format string, args ...any) {
		p, q := doc.PosAt(start), doc.PosAt(end)
		d := answerfile.Diagnostic{File: doc.Name, Line: p.Line, Column: p.Column, EndLine: q.Line, EndColumn: q.Column,
			Rule: rule, Severity: sev, Message: fmt.Sprintf(format, args...)}
		if q.Line != p.Line {
			d.EndLine, d.EndColumn = p.Line, utf8.RuneCountInString(doc.Line(p.Line))+1
		}
		extra = append(extra, d)
	}
	elems := doc.Elements()
	for _, c := range cs {
		fields := strings.Fields(string(text[c[0]+4 : c[1]-3]))
		if len(fields) == 0 || !strings.HasPrefix(fields[0], "mcsf:") {
			continue
		}
		directive, args := fields[0], strings.Join(fields[1:], " ")
		s := &suppression{start: c[0], end: c[1], used: map[string]bool{}}
		switch directive {
		case "mcsf:ignore":
		case "mcsf:ignore-file":
			s.file = true
		default:
			msg := fmt.Sprintf("unknown directive %q: write mcsf:ignore or mcsf:ignore-file", directive)
			if strings.HasPrefix(directive, "mcsf:ignore") {
				msg = fmt.Sprintf("unknown directive %q: write mcsf:ignore or mcsf:ignore-file, then a space", directive)
			}
			report(c[0], c[1], RuleInvalidSuppression, answerfile.Error, "%s", msg)
			continue
		}
		names, reason := splitRules(args)
		if len(names) == 0 {
			report(c[0], c[1], RuleInvalidSuppression, answerfile.Error,
				"%s names no rule: write %s RULE[,RULE] reason", directive, directive)
			continue
		}
		for _, n := range names {
			if err := CheckRuleID(n); err != nil {
				report(c[0], c[1], RuleInvalidSuppression, answerfile.Error, "%s: %v", directive, err)
				continue
			}
			s.rules = append(s.rules, n)
		}
		if reason == "" {
			report(c[0], c[1], RuleInvalidSuppression, answerfile.Error,
				"%s %s has no reason, so it has no effect: say after the rule why the finding does not apply",
				directive, strings.Join(names, ","))
			continue
		}
		if s.file {
			s.from, s.to = 0, len(text)
		} else {
			target := -1
			for i, e := range elems {
				if off := doc.OffsetOf(doc.Pos(e)); off >= c[1] {
					if onlySpaceAndComments(text[c[1]:off]) {
						target = i
					}
					break
				}
			}
			if target < 0 {
				report(c[0], c[1], RuleInvalidSuppression, answerfile.Error,
					"mcsf:ignore must stand right before an element (on the line above it); use mcsf:ignore-file for the whole file")
				continue
			}
			s.from, s.to = doc.OffsetOf(doc.Pos(elems[target])), doc.OffsetOf(doc.End(elems[target]))
		}
		sups = append(sups, s)
	}
	out := diags[:0]
	for _, d := range diags {
		off := doc.OffsetOf(answerfile.Position{Line: d.Line, Column: d.Column})
		suppressed := false
		for _, s := range sups {
			if !containsRule(s.rules, d.Rule) {
				continue
			}
			if s.file || (off >= 0 && s.from <= off && off < s.to) {
				s.used[d.Rule] = true
				suppressed = true
			}
		}
		if !suppressed {
			out = append(out, d)
		}
	}
	for _, s := range sups {
		for _, r := range s.rules {
			if !s.used[r] && !cfg.disabled(r) {
				where := "the element after it"
				if s.file {
					where = "this file"
				}
				report(s.start, s.end, RuleUnusedSuppression, answerfile.Warning,
					"suppression of %s is unused: %s has no %s finding; remove it", r, where, r)
			}
		}
	}
	return append(out, extra...)
}

func containsRule(rules []string, r string) bool {
	for _, x := range rules {
		if x == r {
			return true
		}
	}
	return false
}

// splitRules reads "a,b reason" (also "a, b reason") into rule IDs and the reason.
func splitRules(args string) (rules []string, reason string) {
	fields := strings.Fields(args)
	i := 0
	list := ""
	for i < len(fields) {
		f := fields[i]
		if list != "" && !strings.HasSuffix(list, ",") && !strings.HasPrefix(f, ",") {
			break
		}
		list += f
		i++
	}
	for _, r := range strings.Split(list, ",") {
		if r = strings.TrimSpace(r); r != "" {
			rules = append(rules, r)
		}
	}
	return rules, strings.Join(fields[i:], " ")
}

// onlySpaceAndComments reports whether b holds nothing but white space and comments.
func onlySpaceAndComments(b []byte) bool {
	for len(b) > 0 {
		b = bytes.TrimLeft(b, " \t\r\n")
		if len(b) == 0 {
			return true
		}
		if !bytes.HasPrefix(b, []byte("<!--")) {
			return false
		}
		k := bytes.Index(b[4:], []byte("-->"))
		if k < 0 {
			return false
		}
		b = b[4+k+3:]
	}
	return true
}
