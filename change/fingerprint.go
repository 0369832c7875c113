package change

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/mcsf-dev/mcsf/variant"
)

// applied is what one version applies, reduced to what decides the
// effective values: the Static settings and, per referenced Target, the
// Variants applied through it, each as a text of its settings in order.
// Two versions that apply the same texts in the same order give every
// setting the same value, so a leaf whose fingerprints agree is not
// resolved (on the 5,000-target benchmark, 10,000 of 10,261 classes).
type applied struct {
	static   string
	variants [][]appliedVariant // by referenced Target
}

type appliedVariant struct {
	order    int
	settings string
}

func newApplied(m variant.Model) applied {
	a := applied{static: settingsText(m.Static)}
	targets := referencedTargets(m)
	index := make(map[string]int, len(targets))
	for i, t := range targets {
		index[t.ID] = i
	}
	a.variants = make([][]appliedVariant, len(targets))
	for vi, v := range m.Variants {
		if len(v.TargetRefs) == 0 {
			continue
		}
		if ti, ok := index[v.TargetRefs[0]]; ok {
			a.variants[ti] = append(a.variants[ti], appliedVariant{vi, settingsText(v.Settings)})
		}
	}
	return a
}

// settingsText is the settings in order, keys as the runtime compares
// them, DWORD values as numbers.
func settingsText(defs []variant.SettingDef) string {
	var b strings.Builder
	for _, d := range defs {
		b.WriteString(settingKey(d.Path, d.Name))
		b.WriteByte(0)
		if n, ok := variant.ParseDWORD(d.Value); ok {
			b.WriteString(strconv.FormatUint(uint64(n), 10))
		} else {
			b.WriteString("\x01" + d.Value)
		}
		b.WriteByte(0)
	}
	return b.String()
}

// fingerprint is what version side applies to the states matched at a
// leaf, in application order; ok is false when a matched state has a
// condition that cannot be evaluated (resolve must say so).
func (p *partition) fingerprint(a applied, side int, matched []int) (string, bool) {
	type hit struct {
		target, index int
		priority      [2]int
	}
	var hits []hit
	for _, s := range matched {
		st := &p.states[s]
		if st.side != side {
			continue
		}
		if st.undecidable {
			return "", false
		}
		h := hit{st.target, st.index, st.priority}
		i := slices.IndexFunc(hits, func(x hit) bool { return x.target == h.target })
		switch {
		case i < 0:
			hits = append(hits, h)
		case cmp.Or(cmp.Compare(h.priority[0], hits[i].priority[0]), cmp.Compare(h.priority[1], hits[i].priority[1]), cmp.Compare(hits[i].index, h.index)) > 0:
			hits[i] = h
		}
	}
	type app struct {
		priority [2]int
		v        appliedVariant
	}
	var apps []app
	for _, h := range hits {
		for _, v := range a.variants[h.target] {
			apps = append(apps, app{h.priority, v})
		}
	}
	slices.SortFunc(apps, func(x, y app) int {
		return cmp.Or(cmp.Compare(x.priority[0], y.priority[0]), cmp.Compare(x.priority[1], y.priority[1]), cmp.Compare(x.v.order, y.v.order))
	})
	var b strings.Builder
	b.WriteString(a.static)
	for _, x := range apps {
		b.WriteByte(2)
		b.WriteString(x.v.settings)
	}
	return b.String(), true
}
