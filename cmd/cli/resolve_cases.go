package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/mcsf-dev/mcsf/variant"
)

// writeCasesText prints how the answer depends on the facts the profile
// does not give: "Depends on Roaming (not given): 0 → …, 1 → …", the
// Variants applied and each setting that differs, per value.
func writeCasesText(w io.Writer, cases []variant.Case) {
	if len(cases) == 0 {
		return
	}
	var names, flags []string
	for _, f := range cases[0].Facts {
		names = append(names, f.Name)
		flags = append(flags, "--"+strings.ToLower(f.Name))
	}
	textf(w, "Depends on %s, which the SIM and device profile does not give (%s decides):\n",
		strings.Join(names, " and "), strings.Join(flags, " and "))
	label := func(c variant.Case) string {
		if len(c.Facts) == 1 {
			return c.Facts[0].Value
		}
		parts := make([]string, len(c.Facts))
		for i, f := range c.Facts {
			parts[i] = f.Name + "=" + f.Value
		}
		return strings.Join(parts, " ")
	}
	parts := make([]string, len(cases))
	for i, c := range cases {
		v := "none"
		if len(c.Variants) > 0 {
			v = strings.Join(c.Variants, ", ")
		}
		if c.Undecided > 0 {
			v += fmt.Sprintf(" (%d still undecided)", c.Undecided)
		}
		parts[i] = label(c) + " → " + v
	}
	textf(w, "  variants: %s\n", strings.Join(parts, "; "))
	if len(cases[0].Settings) == 0 && len(cases[0].Runtime) == 0 {
		fmt.Fprintln(w, "  settings: the same for every value")
		return
	}
	for si, s := range cases[0].Settings {
		for i, c := range cases {
			cs := c.Settings[si]
			switch {
			case !cs.Set:
				parts[i] = label(c) + " → unset"
			case cs.Variant != "":
				parts[i] = fmt.Sprintf("%s → %s (Variant %s)", label(c), cs.Value, cs.Variant)
			default:
				parts[i] = fmt.Sprintf("%s → %s (Static)", label(c), cs.Value)
			}
		}
		textf(w, "  %s %s: %s\n", s.Path, s.Name, strings.Join(parts, "; "))
	}
	for ri, rt := range cases[0].Runtime {
		for i, c := range cases {
			v := c.Runtime[ri]
			switch {
			case v.Value == "":
				parts[i] = label(c) + " → unset"
			case v.Forced:
				parts[i] = fmt.Sprintf("%s → %s (forced by the runtime)", label(c), v.Value)
			default:
				parts[i] = fmt.Sprintf("%s → %s (%s)", label(c), v.Value, v.Scope)
			}
		}
		textf(w, "  runtime %s %s: %s\n", orDash(rt.Customization), rt.Name, strings.Join(parts, "; "))
	}
}
