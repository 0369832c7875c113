package cli

import (
	"encoding/json"
	"fmt"
	"github.com/mcsf-dev/mcsf/internal/english"
	"io"
	"os"
	"strings"

	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/report"
	"github.com/spf13/cobra"
)

type graphOptions struct {
	inputOptions
	importOptions
	format string
}

const graphLong = `Show the import tree of a root answer file: every file it imports, with its
Priority, and how many targets, variants and settings each file contributes
after the merge (settings that another file overrides are counted apart).
Import problems (missing file, cycle, relative path, ...) are printed on
standard error; they make the exit code 1 when they are errors.

Formats: text (a tree), dot (Graphviz), json.

Examples:
  mcsf graph root.xml
  mcsf graph --format dot root.xml | dot -Tsvg > imports.svg
  mcsf graph --path-map 'C:\build=.' --format json root.xml`

func newGraphCmd(io *streams) *cobra.Command {
	o := &graphOptions{}
	cmd := &cobra.Command{
		Use:   "graph ROOT.xml",
		Short: "Show the import tree of an answer file with priorities and contributions",
		Long:  graphLong,
		Args:  exactArgs("ROOT.xml", nil),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runGraph(o, args[0], io)
		},
	}
	formatFlag(cmd, &o.format, "", "text", "dot", "json")
	addInputFlags(cmd, &o.inputOptions)
	addImportFlags(cmd, &o.importOptions, false)
	return cmd
}

// fileStats is what one file contributes to the merged answer file.
type fileStats struct {
	Path       string `json:"path"`
	Priority   string `json:"priority"` // "root", "1", ..., or "none"
	Depth      int    `json:"depth"`
	ImportedBy string `json:"importedBy,omitempty"`
	ImportLine int    `json:"importLine,omitempty"`
	Readable   bool   `json:"readable"`
	Targets    int    `json:"targets"`
	Variants   int    `json:"variants"`
	Settings   int    `json:"settings"`
	Overridden int    `json:"overridden"`
}

func graphStats(g *answerfile.Graph, m *answerfile.Merged) []fileStats {
	var out []fileStats
	index := map[*answerfile.File]int{}
	for i, f := range g.Files {
		s := fileStats{Path: f.Path, Depth: f.Depth, Readable: f.Doc != nil, Priority: "root"}
		if !f.IsRoot() {
			s.ImportedBy, s.ImportLine = f.From.Path, f.Import.Pos().Line
			s.Priority = "none"
			if r := f.Rank(); r > 0 && r < 1<<31-1 {
				s.Priority = fmt.Sprint(r)
			}
		}
		if f.Doc != nil {
			for _, st := range f.Doc.Root.Statics {
				for _, grp := range st.Groups {
					s.Overridden += len(grp.Settings)
				}
			}
			for _, v := range f.Doc.Root.Variants {
				for _, grp := range v.Groups {
					s.Overridden += len(grp.Settings)
				}
			}
		}
		index[f] = i
		out = append(out, s)
	}
	for _, t := range m.Targets {
		out[index[t.File]].Targets++
	}
	for _, r := range m.Static {
		out[index[r.File]].Settings++
		out[index[r.File]].Overridden--
	}
	for _, v := range m.Variants {
		out[index[v.File]].Variants++
		out[index[v.File]].Settings += len(v.Settings)
		out[index[v.File]].Overridden -= len(v.Settings)
	}
	return out
}

func runGraph(o *graphOptions, arg string, io *streams) error {
	in := input{path: arg, display: arg}
	if arg == "-" {
		in = o.stdinInput()
	}
	data, err := o.read(in, io.in)
	if err != nil {
		return err
	}
	g, err := o.loadGraph(in.display, data, o.maxFileSize)
	if err != nil {
		return err
	}
	m := answerfile.Merge(g)
	stats := graphStats(g, m)
	diags := answerfile.SortDiagnostics(append(g.Diagnostics, m.Diagnostics...))
	switch o.format {
	case "text":
		writeGraphText(textOut(io.out, o.format), stats)
	case "dot":
		writeGraphDot(io.out, stats)
	case "json":
		enc := json.NewEncoder(io.out)
		enc.SetIndent("", "  ")
		if diags == nil {
			diags = []answerfile.Diagnostic{}
		}
		if err := enc.Encode(map[string]any{"files": stats, "diagnostics": diags}); err != nil {
			return internal(err)
		}
	}
	if o.format != "json" && len(diags) > 0 {
		src := report.Sources{}
		for _, f := range g.Files {
			if f.Doc != nil {
				src[f.Path] = answerfile.NewSource(f.Doc.Text())
			}
		}
		report.WriteDiagnostics(io.err, diags, src, colorOn(io.err, os.Getenv))
	}
	for _, d := range diags {
		if d.Severity == answerfile.Error {
			return errFindings
		}
	}
	return nil
}

func describeStats(s fileStats) string {
	if !s.Readable {
		return "not read"
	}
	text := fmt.Sprintf("%s, %s, %s", english.Count(s.Targets, "target"), english.Count(s.Variants, "variant"), english.Count(s.Settings, "setting"))
	if s.Overridden > 0 {
		text += fmt.Sprintf(" (%d overridden)", s.Overridden)
	}
	return text
}

func writeGraphText(w io.Writer, stats []fileStats) {
	for i, s := range stats {
		prio := "root file"
		if s.Depth > 0 {
			prio = "Priority " + s.Priority
			if s.Priority == "none" {
				prio = "no Priority"
			}
		}
		indent := ""
		if s.Depth > 0 {
			// └─ for the last child of its parent at this depth, ├─ otherwise.
			last := true
			for _, next := range stats[i+1:] {
				if next.Depth < s.Depth {
					break
				}
				if next.Depth == s.Depth {
					last = false
					break
				}
			}
			branch := "├─ "
			if last {
				branch = "└─ "
			}
			indent = strings.Repeat("   ", s.Depth-1) + branch
		}
		textf(w, "%s%s [%s]: %s\n", indent, s.Path, prio, describeStats(s))
	}
}

func writeGraphDot(w io.Writer, stats []fileStats) {
	fmt.Fprintln(w, "digraph imports {")
	fmt.Fprintln(w, "  rankdir=LR;")
	fmt.Fprintln(w, "  node [shape=box, fontname=\"Helvetica\"];")
	for _, s := range stats {
		prio := "root"
		if s.Depth > 0 {
			prio = "Priority " + s.Priority
		}
		fmt.Fprintf(w, "  %q [label=%q];\n", s.Path, s.Path+"\n"+prio+"\n"+describeStats(s))
	}
	for _, s := range stats {
		if s.ImportedBy != "" {
			fmt.Fprintf(w, "  %q -> %q [label=%q];\n", s.ImportedBy, s.Path, fmt.Sprintf("line %d", s.ImportLine))
		}
	}
	fmt.Fprintln(w, "}")
}
