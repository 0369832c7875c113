package lint

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/mcsf-dev/mcsf/answerfile"
)

// TestLowerEqual: lowerEqual is strings.ToLower equality, on ASCII, on
// letters whose lower case is ASCII or longer (KELVIN SIGN, LONG S, DOTTED
// CAPITAL I) and on bytes that are not UTF-8.
func TestLowerEqual(t *testing.T) {
	parts := []string{"a", "A", "k", "K", "\u212a", "s", "S", "\u017f", "i", "I", "\u0130", "\u00e9", "\u00c9", "/", "$(", "\xff", "\xc3", "0"}
	rng := rand.New(rand.NewPCG(15, 4))
	word := func() string {
		var b strings.Builder
		for range rng.IntN(5) {
			b.WriteString(parts[rng.IntN(len(parts))])
		}
		return b.String()
	}
	for range 20000 {
		a, b := word(), word()
		if rng.IntN(3) == 0 {
			b = strings.ToUpper(a)
		}
		if got, want := lowerEqual(a, b), lowerSame(a, b); got != want {
			t.Fatalf("lowerEqual(%q, %q) = %v, want %v", a, b, got, want)
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
				k := lowerKey(g.Path.Value, s.Name.Value)
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
			for i, s := range vb.settings {
				k := lowerKey(vb.paths[i], s.Name.Value)
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
			for _, c := range vb.conflicts(variantSettings(a)) {
				gotConf = append(gotConf, kv{c.later.Value.Value, c.earlier.Value.Value})
			}
			if diff := cmp.Diff(wantConf, gotConf); diff != "" {
				t.Fatalf("conflicts of %+v with %+v (-want +got):\n%s", b, a, diff)
			}
		}
	}
}
