package lint

import (
	"bytes"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/mcsf-dev/mcsf/answerfile"
)

// TestCleanGroups: a settings group the run's cache knows as clean is
// skipped only where checking it again would find nothing: the same group
// in <Static> (scope-mismatch) and a group whose finding a file's
// configuration disabled get their findings, with the cache shared as a
// run shares it, as without it.
func TestCleanGroups(t *testing.T) {
	file := func(container, name string) []byte {
		return []byte(rootOpen + `>
  <Targets><Target Id="A"><TargetState><Condition Name="MCC" Value="310"/></TargetState></Target></Targets>
  <Static>
    <Settings Path="Multivariant"><Setting Name="Enable" Value="1"/></Settings>
    <Settings Path="AutoDataConfig"><Setting Name="Enable" Value="0"/></Settings>
  </Static>
  <` + container + `>
    <Settings Path="CellCore/PerIMSI/$(__IMSI)/SMS"><Setting Name="` + name + `" Value="2"/></Settings>
  </` + container[:min(len(container), len("Variant"))] + `>
</ImageCustomizations>
`)
	}
	variant := `Variant Name="V"><TargetRefs><TargetRef Id="A"/></TargetRefs`
	tests := []struct {
		name  string
		first []byte // linted first, with a configuration that disables unknown-setting
		then  []byte
	}{
		{"variant then static", file(variant+">", "3GPP/IMS/AttemptThresholdForIMS"), file("Static", "3GPP/IMS/AttemptThresholdForIMS")},
		{"disabled then enabled", file(variant+">", "3GPP/IMS/Bogus"), file(variant+">", "3GPP/IMS/Bogus")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cache := NewSchemaCache()
			if _, err := File("a.xml", tt.first, Config{Cache: cache, Disable: []string{RuleUnknownSetting}}); err != nil {
				t.Fatal(err)
			}
			want, err1 := File("b.xml", tt.then, Config{})
			got, err2 := File("b.xml", tt.then, Config{Cache: cache})
			if err1 != nil || err2 != nil {
				t.Fatal(err1, err2)
			}
			if len(want) == 0 {
				t.Fatal("the second file has no findings: the test tests nothing")
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("with the first file's cache (-want +got):\n%s", diff)
			}
		})
	}
}

// TestGroupKey: two groups have the same key exactly when checkGroup reads
// the same of them: the container, and the presence and text of the Path
// and of each setting's Name and Value. Random groups draw texts that are
// prefixes of each other, empty and absent attributes.
func TestGroupKey(t *testing.T) {
	texts := []string{"", "a", "ab", "b", "\x01", "\x00a"}
	rng := rand.New(rand.NewPCG(15, 7))
	attr := func() answerfile.Attr {
		if rng.IntN(4) == 0 {
			return answerfile.Attr{}
		}
		return answerfile.Attr{Value: texts[rng.IntN(len(texts))], Present: true}
	}
	type group struct {
		variant bool
		path    answerfile.Attr
		names   []answerfile.Attr
		values  []answerfile.Attr
	}
	draw := func() group {
		g := group{variant: rng.IntN(2) == 0, path: attr()}
		for range rng.IntN(3) {
			g.names, g.values = append(g.names, attr()), append(g.values, attr())
		}
		return g
	}
	key := func(g group) []byte {
		sg := answerfile.SettingsGroup{Path: g.path}
		for i := range g.names {
			sg.Settings = append(sg.Settings, answerfile.Setting{Name: g.names[i], Value: g.values[i]})
		}
		return groupKey(nil, g.variant, sg)
	}
	same := 0
	for range 20000 {
		a, b := draw(), draw()
		equal := cmp.Equal(a, b, cmp.AllowUnexported(group{}))
		if equal {
			same++
		}
		if got := bytes.Equal(key(a), key(b)); got != equal {
			t.Fatalf("groups %+v and %+v: equal keys %v, equal groups %v", a, b, got, equal)
		}
	}
	if same < 100 {
		t.Errorf("only %d of 20000 pairs equal: the test compares too few", same)
	}
}

// TestCheckerRelease: a checker handed back to the run's cache keeps its
// conditions table's memory, cleared, and nothing else of its file; the
// next file's checker that reuses it finds what a new one finds (the
// shared-cache corpus tests lint every sample so).
func TestCheckerRelease(t *testing.T) {
	doc, _, err := answerfile.Parse("t.xml", []byte(rootOpen+`>
  <Targets><Target Id="A"><TargetState><Condition Name="MCC" Value="310"/><Condition Name="MNC" Value="26"/></TargetState></Target></Targets>
</ImageCustomizations>
`))
	if err != nil {
		t.Fatal(err)
	}
	cache := NewSchemaCache()
	ck := cache.checker()
	*ck = checker{doc: doc, cfg: Config{Cache: cache}, index: ruleIndex(), scratch: ck.scratch}
	ck.run()
	if len(ck.scratch.checked) != 2 || len(ck.diags) == 0 {
		t.Fatalf("the file's checks: %d conditions, %d findings", len(ck.scratch.checked), len(ck.diags))
	}
	cache.release(ck)
	if ck.doc != nil || ck.diags != nil || ck.conds != nil || ck.attempts != 0 || ck.scratch.conds.states != nil {
		t.Errorf("released checker keeps its file: %+v", ck)
	}
	if len(ck.scratch.checked) != 2 || !reflect.ValueOf(ck.scratch.checked[0]).IsZero() || !reflect.ValueOf(ck.scratch.checked[1]).IsZero() {
		t.Errorf("released checker keeps the file's conditions: %+v", ck.scratch.checked)
	}
}
