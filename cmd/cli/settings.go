package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/mcsf-dev/mcsf/catalog"
	"github.com/spf13/cobra"
)

const settingsLong = `List and search the customization catalog: every customization Microsoft's
MCSF pages document, with its constraints (ImageTimeOnly, FirstVariationOnly,
Atomic), the scopes it supports, its settings paths and its settings (value
type, allowed values or range, default, precedence, page link).

Without QUERY, one line per customization. With QUERY, every customization
whose id, page or title contains it (case-insensitively) with all its
settings, and every setting whose path or name contains it. No match exits 1.
mcsf explain PATH|NAME shows one setting in full.

Examples:
  mcsf settings AutoRetryDownload
  mcsf settings IMSRetry --format json
`

type settingsOptions struct{ format string }

func newSettingsCmd(io *streams) *cobra.Command {
	o := &settingsOptions{}
	cmd := &cobra.Command{
		Use:   "settings [QUERY]",
		Short: "List and search the documented customizations and their settings",
		Long:  settingsLong,
		Args:  cobra.MaximumNArgs(1),
		ValidArgsFunction: func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return catalogWords(true), cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(_ *cobra.Command, args []string) error {
			query := ""
			if len(args) == 1 {
				query = args[0]
			}
			return runSettings(o, query, io)
		},
	}
	formatFlag(cmd, &o.format, "", "text", "json")
	return cmd
}

// catalogWords lists what completion offers: settings paths and names, and
// customization ids when ids is set.
func catalogWords(ids bool) []string {
	ix := catalog.Load()
	var out []string
	if ids {
		for _, c := range catalog.Customizations() {
			out = append(out, c.ID+"\tcustomization: "+c.Title)
		}
	}
	for _, p := range ix.Paths() {
		out = append(out, p+"\tsettings path")
	}
	for _, n := range ix.Names() {
		// the description of the first entry of that name (shells show it)
		out = append(out, n+"\tsetting: "+ix.ByName(n)[0].Setting.Doc)
	}
	return out
}

func runSettings(o *settingsOptions, query string, io *streams) error {
	hits := catalog.Search(query)
	if len(hits) == 0 {
		fmt.Fprintf(io.err, "mcsf: no customization, settings path or setting name contains %q\n", query)
		return errFindings
	}
	if o.format == "json" {
		out := make([]catalog.Customization, len(hits))
		for i, h := range hits {
			out[i] = *h.Customization
			if len(h.Settings) < countSettings(h.Customization) {
				out[i].Groups = matchedGroups(h.Settings)
			}
		}
		enc := json.NewEncoder(io.out)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	if query == "" {
		tw := tabwriter.NewWriter(io.out, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tCONSTRAINTS\tSCOPES\tSETTINGS\tTITLE")
		for _, h := range hits {
			c := h.Customization
			fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\n", c.ID, constraintsText(c), orDash(scopesText(c.Scopes)), countSettings(c), c.Title)
		}
		tw.Flush()
		fmt.Fprintf(io.out, "\n%d customizations. 'mcsf settings QUERY' searches them; 'mcsf explain PATH|NAME' shows a setting.\n", len(hits))
		return nil
	}
	for i, h := range hits {
		if i > 0 {
			fmt.Fprintln(io.out)
		}
		writeCustomization(io.out, h)
	}
	return nil
}

func countSettings(c *catalog.Customization) int {
	n := 0
	for _, g := range c.Groups {
		n += len(g.Settings)
	}
	return n
}

// matchedGroups rebuilds the groups of a hit with only its matching settings.
func matchedGroups(es []catalog.Entry) []catalog.Group {
	var out []catalog.Group
	for _, e := range es {
		if len(out) == 0 || out[len(out)-1].Path != e.Group.Path {
			out = append(out, catalog.Group{Path: e.Group.Path, Scope: e.Group.Scope})
		}
		g := &out[len(out)-1]
		g.Settings = append(g.Settings, *e.Setting)
	}
	return out
}

func constraintsText(c *catalog.Customization) string {
	if !c.Stated {
		return "not stated"
	}
	return c.Constraints.String()
}

func scopesText(ss []catalog.Scope) string {
	var out []string
	for _, s := range ss {
		out = append(out, s.Label())
	}
	return strings.Join(out, ", ")
}

// writeCustomization prints one hit: the customization's facts, then its
// matching settings by group.
func writeCustomization(w io.Writer, h catalog.Hit) {
	c := h.Customization
	fmt.Fprintf(w, "%s: %s\n", c.ID, c.Title)
	fmt.Fprintf(w, "  constraints: %s", constraintsText(c))
	if len(c.Scopes) > 0 {
		fmt.Fprintf(w, "; supports %s", scopesText(c.Scopes))
	}
	fmt.Fprintf(w, "\n  %s\n", c.URL())
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	var group *catalog.Group
	for _, e := range h.Settings {
		if e.Group != group {
			group = e.Group
			fmt.Fprintf(tw, "  %s (%s)\n", group.Path, group.Scope.Label())
		}
		fmt.Fprintf(tw, "    %s\t%s\n", e.Setting.Name, e.Setting.Describe())
		if e.Setting.Doc != "" {
			fmt.Fprintf(tw, "    \t%s\n", e.Setting.Doc) // under the value column
		}
	}
	tw.Flush()
}

// explainSetting prints what the catalog knows of a settings path or a
// setting name; ok is false when it knows neither.
func explainSetting(w io.Writer, arg string) bool {
	es := catalog.Load().Explain(arg)
	for i, e := range es {
		if i > 0 {
			fmt.Fprintln(w)
		}
		s, g, c := e.Setting, e.Group, e.Customization
		fmt.Fprintf(w, "%s under %s\n", s.Name, g.Path)
		fmt.Fprintf(w, "  customization: %s (%s)\n", c.ID, c.Title)
		fmt.Fprintf(w, "  scope: %s, %s\n", g.Scope.Label(), placement(g.Scope, e.Constraints()))
		fmt.Fprintf(w, "  value: %s\n", s.Describe())
		for _, v := range s.Values {
			if v.Doc != "" {
				fmt.Fprintf(w, "    %d: %s\n", v.Value, v.Doc)
			}
		}
		if g.Scope == catalog.PerIMSI || g.Scope == catalog.PerDevice {
			if s.Precedence == catalog.DeviceWins {
				fmt.Fprintln(w, "  precedence: the per-device value wins; a per-IMSI value is ignored")
			} else {
				fmt.Fprintln(w, "  precedence: a per-IMSI value overrides the per-device one")
			}
		}
		cons := "not stated on the page"
		if c.Stated || s.Constraints != 0 {
			cons = e.Constraints().String()
		}
		fmt.Fprintf(w, "  constraints: %s\n", cons)
		if s.Doc != "" {
			fmt.Fprintf(w, "  about: %s\n", s.Doc)
		}
		if _, ok := catalog.RuntimeOf(c.ID); ok {
			fmt.Fprintln(w, "  runtime: the runtime does more than store it; mcsf resolve says what, per SIM")
		}
		fmt.Fprintf(w, "  page: %s\n", c.URL())
	}
	return len(es) > 0
}

// placement says where a group of scope s belongs.
func placement(s catalog.Scope, c catalog.Constraint) string {
	switch {
	case s == catalog.PerIMSI || s == catalog.PerSIM:
		return "in a <Variant> (keyed by the SIM)"
	case s == catalog.PerDevice:
		return "in <Static> (the device-wide fallback)"
	case c&catalog.ImageTimeOnly != 0:
		return "in <Static> only (ImageTimeOnly)"
	}
	return "in <Static>, or in a <Variant> to vary it by SIM"
}
