package catalog

import (
	"strings"
	"testing"
)

// TestLookupFold checks the allocation-free comparisons of Groups, Setting
// and ByName against lower-case copies split in segments (what they did
// before): for every path and name of the catalog, and spellings of them in
// other cases, with letters outside ASCII, and near misses.
func TestLookupFold(t *testing.T) {
	spellings := func(s string) []string {
		return []string{s, strings.ToUpper(s), strings.ToLower(s), s + "x", s[:max(len(s)-1, 0)], s + "/x", "x/" + s,
			strings.ReplaceAll(s, "k", "\u212a"), // KELVIN SIGN lowers to k
			strings.ReplaceAll(s, "s", "\u017f"), // LONG S folds to s but does not lower to it
			strings.ReplaceAll(s, "/", "//"), strings.ReplaceAll(s, "{", ""), s + "\xff"}
	}
	wantGroups := func(path string) []Entry {
		lower := strings.ToLower(path)
		var out []Entry
		for _, k := range pathIndex {
			if k.key == lower {
				out = append(out, k.entry())
			}
		}
		if out != nil {
			return out
		}
		segs := strings.Split(lower, "/")
		for _, p := range patternIndex {
			if len(p.segs) != len(segs) {
				continue
			}
			match := true
			for i, ps := range p.segs {
				if len(ps) > 1 && ps[0] == '{' && ps[len(ps)-1] == '}' {
					match = match && segs[i] != ""
				} else {
					match = match && ps == segs[i]
				}
			}
			if match {
				out = append(out, groupKey{c: p.c, g: p.g}.entry())
			}
		}
		return out
	}
	same := func(a, b []Entry) bool {
		if len(a) != len(b) {
			return false
		}
		for i := range a {
			if a[i] != b[i] {
				return false
			}
		}
		return true
	}
	ix := Load()
	paths := append(ix.Paths(), "Photos/LensApps/{01234567-89AB}", "photos/lensapps/", "Photos/LensApps/x/y", "")
	for _, p := range paths {
		for _, s := range spellings(p) {
			if got, want := ix.Groups(s), wantGroups(s); !same(got, want) {
				t.Errorf("Groups(%q): got %d entries, want %d", s, len(got), len(want))
			}
		}
	}
	for _, name := range ix.Names() {
		for _, s := range spellings(name) {
			var want []Entry
			for _, k := range nameIndex {
				if k.key == strings.ToLower(s) {
					want = append(want, k.entry())
				}
			}
			if got := ix.ByName(s); !same(got, want) {
				t.Errorf("ByName(%q): got %d entries, want %d", s, len(got), len(want))
			}
		}
	}
	for c := range table {
		for gi := range table[c].Groups {
			g := &table[c].Groups[gi]
			for _, st := range g.Settings {
				for _, s := range append(spellings(st.Name), strings.ReplaceAll(st.Name, "{", "a{"), "Level1/"+st.Name) {
					var want *Setting
					for i := range g.Settings {
						if strings.EqualFold(g.Settings[i].Name, s) {
							want = &g.Settings[i]
							break
						}
					}
					if want == nil && (strings.Contains(s, "/") || strings.Contains(s, "{")) {
						for i := range g.Settings {
							n := &g.Settings[i]
							if strings.Contains(n.Name, "{") && patternName(n.Name, s) {
								want = n
								break
							}
						}
					}
					if got := g.Setting(s); want != nil && got != want {
						t.Errorf("%s: Setting(%q) = %v, want %s", g.Path, s, got, want.Name)
					} else if want == nil && got != nil && (strings.Contains(s, "/") || strings.Contains(s, "{")) {
						t.Errorf("%s: Setting(%q) = %s, want none", g.Path, s, got.Name)
					}
				}
			}
		}
	}
}

// TestNamesASCII: every settings path and setting name of the catalog is
// ASCII, which Setting's comparison by length relies on.
func TestNamesASCII(t *testing.T) {
	for c := range table {
		for _, g := range table[c].Groups {
			if !isASCII(g.Path) {
				t.Errorf("path %q is not ASCII", g.Path)
			}
			for _, s := range g.Settings {
				if !isASCII(s.Name) {
					t.Errorf("%s: setting name %q is not ASCII", g.Path, s.Name)
				}
			}
		}
	}
}

// patternName is the name match of Setting as it was: lower-case copies of
// both, compared segment by segment.
func patternName(pattern, name string) bool {
	ps, ns := strings.Split(strings.ToLower(pattern), "/"), strings.Split(strings.ToLower(name), "/")
	if len(ps) != len(ns) {
		return false
	}
	for i, p := range ps {
		if len(p) > 1 && p[0] == '{' && p[len(p)-1] == '}' {
			if ns[i] == "" {
				return false
			}
		} else if p != ns[i] {
			return false
		}
	}
	return true
}

// BenchmarkLookup looks up a per-IMSI setting as lint does for each Setting.
func BenchmarkLookup(b *testing.B) {
	ix := Load()
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := ix.Lookup("CellCore/PerIMSI/$(__IMSI)/SMS", "3GPP/IMS/AttemptThresholdForIMS"); !ok {
			b.Fatal("not found")
		}
	}
}
