package gen

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/mcsf-dev/mcsf/catalog"
)

// renderIndex writes the lookup tables of catalog.Index, sorted ahead of
// time, so that the binary builds no map at start-up: every group by its
// lower-case path, the groups whose path has an OEM-chosen {NAME} segment,
// every setting by its lower-case name (ties in table order: first
// documented first), and the sorted lists of paths and names.
func renderIndex(b *bytes.Buffer, cs []catalog.Customization) {
	type key struct {
		key     string
		c, g, s int
	}
	var paths, names []key
	var patterns []key
	var all, allNames []string
	seenPath, seenName := map[string]bool{}, map[string]bool{}
	for ci, c := range cs {
		for gi, g := range c.Groups {
			paths = append(paths, key{strings.ToLower(g.Path), ci, gi, 0})
			if strings.Contains(g.Path, "{") {
				patterns = append(patterns, key{strings.ToLower(g.Path), ci, gi, 0})
			}
			if !seenPath[g.Path] {
				seenPath[g.Path] = true
				all = append(all, g.Path)
			}
			for si, s := range g.Settings {
				lower := strings.ToLower(s.Name)
				names = append(names, key{lower, ci, gi, si})
				if !seenName[lower] {
					seenName[lower] = true
					allNames = append(allNames, s.Name)
				}
			}
		}
	}
	byKey := func(a, b key) int { return strings.Compare(a.key, b.key) }
	slices.SortStableFunc(paths, byKey)
	slices.SortStableFunc(names, byKey)
	slices.Sort(all)
	slices.Sort(allNames)

	b.WriteString("\n// The index (see Index), sorted by the generator.\n")
	b.WriteString("var pathIndex = [...]groupKey{\n")
	for _, k := range paths {
		fmt.Fprintf(b, "{%q, %d, %d},\n", k.key, k.c, k.g)
	}
	b.WriteString("}\n\nvar patternIndex = [...]patternKey{\n")
	for _, k := range patterns {
		fmt.Fprintf(b, "{%#v, %d, %d},\n", strings.Split(k.key, "/"), k.c, k.g)
	}
	b.WriteString("}\n\nvar nameIndex = [...]settingKey{\n")
	for _, k := range names {
		fmt.Fprintf(b, "{%q, %d, %d, %d},\n", k.key, k.c, k.g, k.s)
	}
	b.WriteString("}\n\nvar allPaths = [...]string{\n")
	for _, p := range all {
		fmt.Fprintf(b, "%q,\n", p)
	}
	b.WriteString("}\n\nvar allNames = [...]string{\n")
	for _, n := range allNames {
		fmt.Fprintf(b, "%q,\n", n)
	}
	b.WriteString("}\n")
}
