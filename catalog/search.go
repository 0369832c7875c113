package catalog

import "strings"

// Hit is a customization found by Search, with the settings of it that matched.
type Hit struct {
	Customization *Customization
	// Settings are the matching entries; all of the customization's when
	// the query matched the customization itself (id, page or title).
	Settings []Entry
}

// Search finds query, case-insensitively, as a substring of a
// customization's id, page or title, a settings path or a setting name.
// An empty query finds every customization. Hits are in catalog order.
func Search(query string) []Hit {
	q := strings.ToLower(strings.TrimSpace(query))
	cs := Customizations()
	var out []Hit
	for i := range cs {
		c := &cs[i]
		whole := q == "" || contains(c.ID, q) || contains(c.Page, q) || contains(c.Title, q)
		h := Hit{Customization: c}
		for gi := range c.Groups {
			g := &c.Groups[gi]
			for si := range g.Settings {
				s := &g.Settings[si]
				if whole || contains(g.Path, q) || contains(s.Name, q) || contains(g.Path+"/"+s.Name, q) {
					h.Settings = append(h.Settings, Entry{c, g, s})
				}
			}
		}
		if whole || len(h.Settings) > 0 {
			out = append(out, h)
		}
	}
	return out
}

func contains(s, lowerQuery string) bool { return strings.Contains(strings.ToLower(s), lowerQuery) }

// Explain finds what a path or name given on the command line names: the
// entries of a settings path (exact, case-insensitive, patterns matching),
// else of a setting name, else of "PATH/NAME" split at any slash.
func (ix *Index) Explain(arg string) []Entry {
	if gs := ix.Groups(arg); len(gs) > 0 {
		var out []Entry
		for _, g := range gs {
			for si := range g.Group.Settings {
				out = append(out, Entry{g.Customization, g.Group, &g.Group.Settings[si]})
			}
		}
		return out
	}
	if es := ix.ByName(arg); len(es) > 0 {
		return es
	}
	for i := strings.LastIndex(arg, "/"); i > 0; i = strings.LastIndex(arg[:i], "/") {
		if e, ok := ix.Lookup(arg[:i], arg[i+1:]); ok {
			return []Entry{e}
		}
	}
	return nil
}
