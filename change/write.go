package change

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/mcsf-dev/mcsf/report"
)

// Summary is the report in one line: "2 of 7 classes of SIMs change, 1
// undecided; 3 structural changes".
func (r *Report) Summary() string {
	changed, undecided := r.counts()
	var parts []string
	if r.SIMs != nil {
		parts = append(parts, fmt.Sprintf("%d of %s change", changed, plural(len(r.SIMs), "SIM")))
	} else {
		parts = append(parts, fmt.Sprintf("%d of %s of SIMs change", changed, plural(r.Classes, "class")))
	}
	if undecided > 0 {
		parts[0] += fmt.Sprintf(", %d undecided", undecided)
	}
	switch n := len(r.Structure); n {
	case 0:
		parts = append(parts, "no structural change")
	default:
		parts = append(parts, plural(n, "structural change"))
	}
	return strings.Join(parts, "; ")
}

// counts returns how many classes (or SIMs) changed and how many are
// undecided; merged classes count as many as they stand for.
func (r *Report) counts() (changed, undecided int) {
	add := func(e Effect, n int) {
		switch e.Status {
		case StatusChanged:
			changed += n
		case StatusUndecided:
			undecided += n
		}
	}
	for _, e := range r.Effects {
		for _, c := range e.Classes {
			add(e, c.Merged)
		}
	}
	for _, s := range r.SIMs {
		add(s.Effect, 1)
	}
	return changed, undecided
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	if strings.HasSuffix(word, "s") {
		return fmt.Sprintf("%d %ses", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// effects lists the effects to print: of the classes, or of the SIMs.
func (r *Report) effects() []Effect {
	if r.SIMs == nil {
		return r.Effects
	}
	var out []Effect
	for _, s := range r.SIMs {
		if s.Effect.Status != "" {
			e := s.Effect
			e.Classes = []Class{e.Classes[0]}
			e.Classes[0].Description = fmt.Sprintf("SIM %d: %s", s.Row, e.Classes[0].Description)
			out = append(out, e)
		}
	}
	return out
}

func (v *SideValue) text() string {
	if v == nil {
		return "not set"
	}
	return v.Value
}

func (v *SideValue) source() string {
	if v == nil {
		return "not set"
	}
	return v.Source.String()
}

func (v RuntimeValue) text() string { return fmt.Sprintf("%s (%s)", v.Value, v.Scope) }

// Colours of the text form.
const (
	ansiReset = "\x1b[0m"
	ansiBold  = "\x1b[1m"
	ansiRed   = "\x1b[31m"
	ansiGreen = "\x1b[32m"
	ansiYel   = "\x1b[33m"
)

// WriteText writes the report for a terminal; color adds ANSI colours.
// Every value, name, path and message is printed through report.Inline:
// a Variant Name with U+009B, a setting value with &#10; or a --sims cell
// with ESC must neither drive the terminal nor start a line of its own.
// (The whole output cannot pass through report.TerminalSafe: its colours
// are escape sequences too.)
func (r *Report) WriteText(w io.Writer, color bool) error {
	bw := bufio.NewWriter(w)
	in := report.Inline
	paint := func(code, s string) string {
		if !color {
			return in(s)
		}
		return code + in(s) + ansiReset
	}
	fmt.Fprintf(bw, "%s\n", paint(ansiBold, fmt.Sprintf("mcsf diff %s %s: %s", r.Old, r.New, r.Summary())))
	fmt.Fprintln(bw)
	if len(r.Structure) == 0 {
		fmt.Fprintln(bw, "Structure: no change (only formatting or comments differ, if anything)")
	} else {
		fmt.Fprintf(bw, "Structure (%d)\n", len(r.Structure))
		for _, c := range r.Structure {
			mark := map[string]string{Added: paint(ansiGreen, "+"), Removed: paint(ansiRed, "-"), Changed: paint(ansiYel, "~"), Reordered: paint(ansiYel, "↕")}[c.Kind]
			fmt.Fprintf(bw, "  %s %s%s\n", mark, in(c.Message), in(sources(c)))
		}
	}
	fmt.Fprintln(bw)
	effects := r.effects()
	if len(effects) == 0 {
		fmt.Fprintln(bw, "Effect on SIMs: none")
	} else {
		fmt.Fprintln(bw, "Effect on SIMs")
	}
	for _, e := range effects {
		for i, c := range e.Classes {
			head := paint(ansiBold, c.Description)
			if i == len(e.Classes)-1 && e.Status == StatusUndecided {
				head += paint(ansiYel, " (undecided)")
			}
			fmt.Fprintf(bw, "  %s\n", head)
		}
		for _, s := range e.Settings {
			fmt.Fprintf(bw, "    %s %s: %s → %s (%s)\n", in(s.Path), in(s.Name), paint(ansiRed, s.Old.text()), paint(ansiGreen, s.New.text()), in(s.Scope))
			fmt.Fprintf(bw, "      old: %s\n      new: %s\n", in(s.Old.source()), in(s.New.source()))
		}
		for _, rc := range e.Runtime {
			fmt.Fprintf(bw, "    runtime %s: %s → %s\n", in(rc.Name), in(rc.Old.text()), in(rc.New.text()))
		}
		for _, k := range e.Kept {
			fmt.Fprintf(bw, "    runtime %s: unchanged, %s\n", in(k.Name), in(k.text()))
		}
		for _, u := range e.Undecided {
			fmt.Fprintf(bw, "    cannot decide: %s\n", in(u))
		}
	}
	for _, n := range r.Notes {
		fmt.Fprintf(bw, "note: %s\n", in(n))
	}
	return bw.Flush()
}

// sources is " (old.xml:3 → new.xml:4)" for a structural change.
func sources(c Change) string {
	switch {
	case c.OldSource != nil && c.NewSource != nil:
		return fmt.Sprintf(" (%s → %s)", c.OldSource, c.NewSource)
	case c.OldSource != nil:
		return fmt.Sprintf(" (%s)", c.OldSource)
	case c.NewSource != nil:
		return fmt.Sprintf(" (%s)", c.NewSource)
	}
	return ""
}

// WriteMarkdown writes the report as a pull-request comment: the summary
// line, a table per affected class, provenance and the structural changes
// in collapsed details.
func (r *Report) WriteMarkdown(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "**mcsf diff** `%s` → `%s`: %s\n", r.Old, r.New, r.Summary())
	for _, e := range r.effects() {
		status := ""
		if e.Status == StatusUndecided {
			status = " (undecided)"
		}
		var heads []string
		for _, c := range e.Classes {
			heads = append(heads, mdEscape(c.Description))
		}
		fmt.Fprintf(bw, "\n#### %s%s\n\n", strings.Join(heads, "; "), status)
		if len(e.Settings)+len(e.Runtime) > 0 {
			fmt.Fprintln(bw, "| setting | scope | old | new |")
			fmt.Fprintln(bw, "|---|---|---|---|")
			for _, s := range e.Settings {
				fmt.Fprintf(bw, "| %s %s | %s | %s | %s |\n", mdCode(s.Path), mdCode(s.Name), s.Scope, mdCode(s.Old.text()), mdCode(s.New.text()))
			}
			for _, rc := range e.Runtime {
				fmt.Fprintf(bw, "| runtime: %s | | %s (%s) | %s (%s) |\n", mdEscape(rc.Name), mdCode(rc.Old.Value), rc.Old.Scope, mdCode(rc.New.Value), rc.New.Scope)
			}
			for _, k := range e.Kept {
				fmt.Fprintf(bw, "| runtime: %s | | %s (%s) | unchanged |\n", mdEscape(k.Name), mdCode(k.Value), k.Scope)
			}
		}
		for _, u := range e.Undecided {
			fmt.Fprintf(bw, "- cannot decide: %s\n", mdEscape(u))
		}
		if len(e.Settings) > 0 {
			fmt.Fprintf(bw, "\n<details><summary>where the values come from</summary>\n\n")
			for _, s := range e.Settings {
				fmt.Fprintf(bw, "- %s %s: old %s; new %s\n", mdCode(s.Path), mdCode(s.Name), mdEscape(s.Old.source()), mdEscape(s.New.source()))
			}
			fmt.Fprintf(bw, "\nA SIM of this class: %s\n</details>\n", mdCode(e.Classes[0].SIM.String()))
		}
	}
	if len(r.Structure) > 0 {
		fmt.Fprintf(bw, "\n<details><summary>%s</summary>\n\n", plural(len(r.Structure), "structural change"))
		for _, c := range r.Structure {
			fmt.Fprintf(bw, "- %s%s\n", mdEscape(c.Message), mdEscape(sources(c)))
		}
		fmt.Fprintln(bw, "</details>")
	}
	for _, n := range r.Notes {
		fmt.Fprintf(bw, "\n> note: %s\n", mdEscape(n))
	}
	return bw.Flush()
}

// mdCode writes s as inline code (report.MarkdownCode) in a table cell.
func mdCode(s string) string { return report.MarkdownCode(strings.ReplaceAll(s, "|", `\|`)) }

// mdEscape keeps text from being read as Markdown or HTML, and on its line.
func mdEscape(s string) string { return report.MarkdownText(s) }

// WriteJSON writes the report as indented JSON (schema diff-output).
func (r *Report) WriteJSON(w io.Writer) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}
