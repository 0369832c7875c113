package lint

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/variant"
)

// TestSameKey: two settings have the same key when strings.ToLower makes
// their paths and names equal: on ASCII, on letters whose lower case is
// ASCII or longer (KELVIN SIGN, LONG S, DOTTED CAPITAL I) and on bytes that
// are not UTF-8.
func TestSameKey(t *testing.T) {
	parts := []string{"a", "A", "k", "K", "\u212a", "s", "S", "\u017f", "i", "I", "\u0130", "\u00e9", "\u00c9", "/", "$(", "\xff", "\xc3", "0"}
	rng := rand.New(rand.NewPCG(15, 4))
	word := func() string {
		var b strings.Builder
		for range rng.IntN(5) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		return b.String()
	}
	entry := func(path, name string) *setEntry {
		return &setEntry{Setting: answerfile.Setting{Name: answerfile.Attr{Value: name}}, path: path, ascii: isASCII(path) && isASCII(name)}
	}
	for range 20000 {
		a, b := entry(word(), word()), entry(word(), word())
		switch rng.IntN(4) {
		case 0:
			b.path, b.Name.Value, b.ascii = strings.ToUpper(a.path), strings.ToUpper(a.Name.Value), isASCII(a.path+a.Name.Value)
		case 1:
			b.path, b.ascii = a.path, isASCII(a.path+b.Name.Value)
		}
		want := lowerSame(a.path, b.path) && lowerSame(a.Name.Value, b.Name.Value)
		if got := sameKey(a, b); got != want {
			t.Fatalf("sameKey(%q %q, %q %q) = %v, want %v", a.path, a.Name.Value, b.path, b.Name.Value, got, want)
		}
	}
}

// TestVariantSettings: the settings of a variant and the conflicts of two
// are those of maps keyed by the lower-case path and name (the last
// setting of a key wins, keys in the order they first appear), searched in
// order or through the index.
func TestVariantSettings(t *testing.T) {
	paths := []string{"A/B", "a/b", "A/\u212a", "a/k", "C"}
	names := []string{"X", "x", "Y", "\u017f", "S", "s"}
	rng := rand.New(rand.NewPCG(15, 5))
	draw := func(n int) answerfile.Variant {
		var v answerfile.Variant
		for range 1 + rng.IntN(3) {
			g := answerfile.SettingsGroup{Path: answerfile.Attr{Value: paths[rng.IntN(len(paths))], Present: true}}
			for range rng.IntN(n) {
				g.Settings = append(g.Settings, answerfile.Setting{
					Name:  answerfile.Attr{Value: names[rng.IntN(len(names))] + fmt.Sprint(rng.IntN(n/2+1)), Present: true},
					Value: answerfile.Attr{Value: []string{"1", "0x1", "2", "", " "}[rng.IntN(5)], Present: rng.IntN(8) > 0},
				})
			}
			v.Groups = append(v.Groups, g)
		}
		return v
	}
	type kv struct{ Key, Value string }
	// want is the map-based reading: keys in first-appearance order, the last value of each.
	want := func(v answerfile.Variant) ([]settingKey, map[settingKey]string) {
		var order []settingKey
		last := map[settingKey]string{}
		for _, g := range v.Groups {
			for _, s := range g.Settings {
				if !s.Value.Present || strings.TrimSpace(s.Value.Value) == "" {
					continue
				}
				k := settingKey{strings.ToLower(g.Path.Value), strings.ToLower(s.Name.Value)}
				if _, ok := last[k]; !ok {
					order = append(order, k)
				}
				last[k] = s.Value.Value
			}
		}
		return order, last
	}
	for _, n := range []int{4, 40} { // searched in order; indexed
		for range 500 {
			a, b := draw(n), draw(n)
			_, lastA := want(a)
			orderB, lastB := want(b)
			var wantSet []kv
			for _, k := range orderB {
				wantSet = append(wantSet, kv{k.path + "|" + k.name, lastB[k]})
			}
			vb := variantSettings(b)
			var gotSet []kv
			for _, s := range vb.settings {
				k := s.lowerKey()
				gotSet = append(gotSet, kv{k.path + "|" + k.name, s.Value.Value})
			}
			if diff := cmp.Diff(wantSet, gotSet); diff != "" {
				t.Fatalf("settings of %+v (-want +got):\n%s", b, diff)
			}
			var wantConf, gotConf []kv
			for _, k := range orderB {
				if e, ok := lastA[k]; ok && !sameValue(e, lastB[k]) {
					wantConf = append(wantConf, kv{lastB[k], e})
				}
			}
			for _, c := range vb.conflicts(variantSettings(a), nil) {
				gotConf = append(gotConf, kv{c.later.Value.Value, c.earlier.Value.Value})
			}
			if diff := cmp.Diff(wantConf, gotConf); diff != "" {
				t.Fatalf("conflicts of %+v with %+v (-want +got):\n%s", b, a, diff)
			}
		}
	}
}

// TestAllPinnedApart: when allPinnedApart lets the overlap check leave a
// pair of variants out, tiedOverlap of their prepared states (all at one
// priority, so that each pair is decided) is Disjoint: the pair would give
// no finding. Random targets of one or two states mix plain values (often
// the same), negations, patterns, ranges, repeated and invalid names.
func TestAllPinnedApart(t *testing.T) {
	pool := [][2]string{{"MCC", "310"}, {"MCC", "311"}, {"mcc", "311"}, {"MNC", "26"}, {"MNC", "026"}, {"MNC", "27"},
		{"SPN", "Contoso"}, {"spn", "CONTOSO"}, {"MCC", "!310"}, {"MCC", "pattern:31[01]"}, {"MNC", "range:20, 30"},
		{"SPN", "pattern:con.*"}, {"Bogus", "1"}, {"", "1"}, {"MCC", "31"}, {"MNC", "range:1..5"}}
	rng := rand.New(rand.NewPCG(15, 5))
	target := func() [][]variant.Checked {
		states := make([][]variant.Checked, 1+rng.IntN(2))
		for k := range states {
			states[k] = make([]variant.Checked, rng.IntN(4))
			for i := range states[k] {
				p := pool[rng.IntN(8)] // mostly plain values
				if rng.IntN(3) == 0 {
					p = pool[rng.IntN(len(pool))]
				}
				states[k][i] = variant.CheckParse(p[0], p[1], variant.PatternLimits{})
			}
		}
		return states
	}
	s := variant.NewSolver()
	prepared := func(states [][]variant.Checked) []stateInfo {
		out := make([]stateInfo, len(states))
		for k := range states {
			out[k] = stateInfo{conj: s.PrepareChecked(states[k])}
		}
		return out
	}
	apart := 0
	for range 10000 {
		a, b := target(), target()
		if !allPinnedApart(a, b) {
			continue
		}
		apart++
		if d := tiedOverlap(s, prepared(a), prepared(b)); d.Verdict != variant.Disjoint {
			t.Fatalf("allPinnedApart, but tiedOverlap: %+v", d)
		}
	}
	if apart < 200 {
		t.Errorf("only %d of 10000 pairs pinned apart: the test decides too few", apart)
	}
}
