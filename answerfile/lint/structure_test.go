package lint

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/beevik/etree"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/mcsf-dev/mcsf/answerfile"
)

const rootOpen = `<ImageCustomizations xmlns="http://schemas.microsoft.com/embedded/2004/10/ImageUpdate" Name="n" Owner="o" OwnerType="OEM"`

// schemaFindings lints src and keeps only the schema rule's findings, as
// "line:col: message".
func schemaFindings(t *testing.T, src string) []string {
	t.Helper()
	ds, err := File("t.xml", []byte(src), Config{})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, d := range ds {
		if d.Rule == RuleSchema {
			out = append(out, fmt.Sprintf("%d:%d: %s", d.Line, d.Column, d.Message))
		}
	}
	return out
}

func TestStructure(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  string
		want []string
	}{
		{"xsi attribute on the root is allowed",
			rootOpen + ` xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="x y"/>`, nil},
		{"other prefixed attribute",
			rootOpen + ` xmlns:c="urn:c" c:note="x"/>`,
			[]string{`1:139: unknown attribute c:note on <ImageCustomizations>; allowed: Description, Name, Owner, OwnerType, Priority`}},
		{"text inside an element",
			rootOpen + ">\n<Static><Settings Path=\"p\"><Setting Name=\"a\" Value=\"1\">1</Setting></Settings></Static>\n</ImageCustomizations>",
			[]string{`2:28: text is not allowed inside <Setting>: answer files keep values in attributes`}},
		{"DataAssets only in Static",
			rootOpen + ">\n<Variant><DataAssets Type=\"MapData\"/></Variant>\n</ImageCustomizations>",
			[]string{`2:10: <DataAssets> is not allowed in <Variant>: it belongs in <Static>`}},
		{"Asset Type",
			rootOpen + ">\n<Static><Settings Path=\"p\"><Asset Name=\"a\" Source=\"s\" Type=\"Operator\"/></Settings></Static>\n</ImageCustomizations>",
			[]string{`2:55: attribute Type of <Asset> must be OEM, MO or MobileOperator`}},
		{"Import without Source",
			rootOpen + ">\n<Imports><Import/></Imports>\n</ImageCustomizations>",
			[]string{`2:10: <Import> has no Source attribute, which it needs`}},
		{"blank Source",
			rootOpen + ">\n<Imports><Import Source=\"  \"/></Imports>\n</ImageCustomizations>",
			[]string{`2:18: attribute Source of <Import> must not be empty`}},
		{"unknown root child with a near name",
			rootOpen + ">\n<Statc/>\n</ImageCustomizations>",
			[]string{`2:1: unknown element <Statc> in <ImageCustomizations> (did you mean <Static>?); allowed here: <Imports>, <Static>, <Targets> or <Variant>`}},
		{"element that takes no children",
			rootOpen + ">\n<Targets><Target Id=\"t\"><TargetState><Condition Name=\"MCC\" Value=\"310\"><Note/></Condition></TargetState></Target></Targets>\n</ImageCustomizations>",
			[]string{`2:72: unknown element <Note> in <Condition>; <Condition> has no child elements`}},
		{"every occurrence of a misplaced element",
			rootOpen + ">\n<Static/>\n<Setting Name=\"a\"/>\n<Setting Name=\"b\"/>\n</ImageCustomizations>",
			[]string{
				`3:1: <Setting> is not allowed in <ImageCustomizations>: it belongs in <Settings>`,
				`4:1: <Setting> is not allowed in <ImageCustomizations>: it belongs in <Settings>`,
			}},
		// elements by namespace, not by prefix (issue 19)
		{"element with a prefix of another namespace is foreign",
			rootOpen + ` xmlns:u="urn:u">` + "\n<u:Static/>\n</ImageCustomizations>",
			[]string{`2:1: <u:Static> is in namespace "urn:u", not in the namespace of <ImageCustomizations>: MCSF does not read it`}},
		{"element without a prefix in another default namespace is foreign",
			rootOpen + ">\n<Static xmlns=\"urn:other\"><Settings Path=\"p\"/></Static>\n</ImageCustomizations>",
			[]string{`2:1: <Static> is in namespace "urn:other", not in the namespace of <ImageCustomizations>: MCSF does not read it`}},
		{"element in no namespace under a namespaced root is foreign",
			rootOpen + ">\n<Static xmlns=\"\"/>\n</ImageCustomizations>",
			[]string{`2:1: <Static> is in no namespace, not in the namespace of <ImageCustomizations>: MCSF does not read it`}},
		{"element with a prefix bound to the answer-file namespace is read by its local name",
			rootOpen + ` xmlns:x="http://schemas.microsoft.com/embedded/2004/10/ImageUpdate">` +
				"\n<x:Static><x:Settings Path=\"p\"><x:Setting Name=\"a\" Value=\"1\"/><x:Bogus/></x:Settings></x:Static>\n</ImageCustomizations>",
			[]string{`2:63: unknown element <x:Bogus> in <x:Settings>; allowed here: <Asset> or <Setting>`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := schemaFindings(t, tc.src)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("input:\n%s\n-want +got:\n%s", tc.src, diff)
			}
		})
	}
}

// TestProjection pins the JSON form the schema sees for one element: its
// attributes, and its child tags as keys (each child is checked on its own).
func TestProjection(t *testing.T) {
	src := rootOpen + ">\n<!-- c --><Static><Settings Path=\"p\"><Setting Name=\"a\" Value=\"1\"/><Setting Name=\"b\"/></Settings></Static>\n</ImageCustomizations>"
	doc, diags, err := answerfile.Parse("t.xml", []byte(src))
	if err != nil || len(diags) > 0 {
		t.Fatalf("parse: %v %v", err, diags)
	}
	root := doc.Tree.Root()
	settings := root.ChildElements()[0].ChildElements()[0]
	for _, tc := range []struct {
		e    *etree.Element
		want map[string]any
	}{
		{root, map[string]any{"@Name": "n", "@Owner": "o", "@OwnerType": "OEM", "Static": []any{}}},
		{settings, map[string]any{"@Path": "p", "Setting": []any{}}},
		{settings.ChildElements()[1], map[string]any{"@Name": "b"}},
	} {
		if diff := cmp.Diff(tc.want, project(doc, tc.e)); diff != "" {
			t.Errorf("<%s> -want +got:\n%s", tc.e.Tag, diff)
		}
	}
}

// TestSchemaCache: a shared cache gives the same findings as none, for a
// file linted twice, and remembers only accepted elements.
func TestSchemaCache(t *testing.T) {
	src := rootOpen + ">\n<Static><Settings Path=\"p\"><Setting Name=\"a\" Value=\"1\"/><Setting Bogus=\"x\"/></Settings></Static>\n</ImageCustomizations>"
	doc, _, _ := answerfile.Parse("t.xml", []byte(src))
	want := Lint(doc, Config{})
	cache := NewSchemaCache()
	for i := range 2 {
		if diff := cmp.Diff(want, Lint(doc, Config{Cache: cache})); diff != "" {
			t.Errorf("run %d with a cache (-want +got):\n%s", i, diff)
		}
	}
	if n := len(cache.valid); n != 4 {
		t.Errorf("cache holds %d entries, want 4 (root, Static, Settings, the valid Setting)", n)
	}
}

// TestProjectionKey: elements with equal projections get equal keys, and
// any difference in an attribute, a child tag or the text changes the key.
func TestProjectionKey(t *testing.T) {
	key := func(xml string) string {
		doc, diags, err := answerfile.Parse("t.xml", []byte(xml))
		if err != nil || len(diags) > 0 {
			t.Fatalf("parse %s: %v %v", xml, err, diags)
		}
		k, _ := projectionKey(nil, nil, doc, "/$defs/X", attrKinds{{"free", anyString}, {"id", nonBlank}}, doc.Tree.Root())
		return string(k)
	}
	same := [][2]string{
		{`<a x="1"><b/><b/><c/></a>`, `<a x="1"><b/><c/><b/></a>`},
		{`<a x="1">  <b/> </a>`, `<a x="1"><b/></a>`},
		{`<a xmlns="u" x="1"/>`, `<a x="1"/>`},
		{`<a free="1"/>`, `<a free="2"/>`},
		{`<a id="x"/>`, `<a id=" y "/>`},
		{`<a id=""/>`, `<a id=" "/>`},
		// elements by namespace, not by prefix (issue 19)
		{`<a xmlns="u"><b/></a>`, `<a xmlns="u" xmlns:p="u"><p:b/></a>`},
	}
	for _, p := range same {
		if key(p[0]) != key(p[1]) {
			t.Errorf("%s and %s: keys differ", p[0], p[1])
		}
	}
	differ := [][2]string{
		{`<a x="1"/>`, `<a x="2"/>`},
		{`<a x="1"/>`, `<a y="1"/>`},
		{`<a x="1"/>`, `<a p:x="1" xmlns:p="u"/>`},
		{`<a><b/></a>`, `<a><c/></a>`},
		{`<a><b/></a>`, `<a><p:b xmlns:p="u"/></a>`},
		{`<a>t</a>`, `<a>u</a>`},
		{`<a>t</a>`, `<a/>`},
		{`<a x="1"/>`, `<a><x>1</x></a>`},
		{`<a free="1"/>`, `<a/>`},
		{`<a id="x"/>`, `<a id=" "/>`},
		{`<a id=""/>`, `<a/>`},
		{`<a p:free="1" xmlns:p="u"/>`, `<a p:free="2" xmlns:p="u"/>`},
		{`<a xmlns="u"><b/></a>`, `<a xmlns="u"><b xmlns="v"/></a>`},
	}
	for _, p := range differ {
		if key(p[0]) == key(p[1]) {
			t.Errorf("%s and %s: same key", p[0], p[1])
		}
	}
}

// TestAttrValueKinds: the cache key keeps of each attribute value exactly
// what the schema looks at.
func TestAttrValueKinds(t *testing.T) {
	as, err := loadAnswerSchema()
	if err != nil {
		t.Fatal(err)
	}
	for def, want := range map[string]map[string]valueKind{
		"/$defs/Condition": {"Name": anyString, "Value": anyString},
		"/$defs/Setting":   {"Name": nonBlank, "Value": anyString},
		"/$defs/Settings":  {"Path": nonBlank},
		"/$defs/Asset":     {"DisplayName": anyString, "Name": anyString, "Source": nonBlank, "TargetFileName": anyString}, // Type is an enum
		// patternProperties ^@xsi: applies to none of these: a file's own
		// Name does not make its root element a new cache entry
		"/$defs/ImageCustomizations": {"Name": anyString, "Description": anyString, "Owner": anyString, "OwnerType": anyString, "Priority": anyString},
	} {
		if diff := cmp.Diff(want, as.valueKinds[def]); diff != "" {
			t.Errorf("%s (-want +got):\n%s", def, diff)
		}
	}
}

// TestAnswerSchemaTables checks the tables loadAnswerSchema builds from the
// compiled schema against those read from the schema's JSON text, as they
// were before: which definitions hold which elements, and what each
// definition looks at of its attribute values.
func TestAnswerSchemaTables(t *testing.T) {
	as, err := loadAnswerSchema()
	if err != nil {
		t.Fatal(err)
	}
	root, err := parseAnswerSchema()
	if err != nil {
		t.Fatal(err)
	}
	parents, childDefs, valueKinds := map[string][]string{}, map[string]map[string]string{}, map[string]map[string]valueKind{}
	defs, _ := root["$defs"].(map[string]any)
	for _, parent := range slices.Sorted(maps.Keys(defs)) {
		def, _ := defs[parent].(map[string]any)
		props, _ := def["properties"].(map[string]any)
		kids := map[string]string{}
		for key, prop := range props {
			if !strings.HasPrefix(key, "@") && !strings.HasPrefix(key, "#") {
				parents[key] = append(parents[key], parent)
			}
			items, _ := prop.(map[string]any)["items"].(map[string]any)
			if ref, ok := items["$ref"].(string); ok {
				kids[key] = strings.TrimPrefix(ref, "#")
			}
		}
		childDefs["/$defs/"+parent] = kids
		valueKinds["/$defs/"+parent] = jsonValueKinds(def, defs)
	}
	for _, p := range parents {
		slices.Sort(p)
	}
	for _, p := range as.parents {
		slices.Sort(p)
	}
	ref, _ := root["$ref"].(string)
	if got, want := as.ref, strings.TrimPrefix(ref, "#"); got != want {
		t.Errorf("root definition: got %s, want %s", got, want)
	}
	empty := cmpopts.EquateEmpty()
	if diff := cmp.Diff(parents, as.parents, empty); diff != "" {
		t.Errorf("parents (-json +compiled):\n%s", diff)
	}
	if diff := cmp.Diff(childDefs, as.childDefs, empty); diff != "" {
		t.Errorf("childDefs (-json +compiled):\n%s", diff)
	}
	if diff := cmp.Diff(valueKinds, as.valueKinds, empty); diff != "" {
		t.Errorf("valueKinds (-json +compiled):\n%s", diff)
	}
}

// jsonValueKinds finds the attributes of an element definition (JSON text)
// whose schema is "a string" or "a string with a non-space", provided the
// definition holds nothing else that could look at values, and no
// patternProperties entry applies to them.
func jsonValueKinds(def map[string]any, defs map[string]any) map[string]valueKind {
	for k := range def {
		switch k {
		case "type", "description", "required", "properties", "patternProperties", "additionalProperties":
		default:
			return nil
		}
	}
	patterned := func(key string) bool {
		pats, _ := def["patternProperties"].(map[string]any)
		for p := range pats {
			if regexp.MustCompile(p).MatchString(key) {
				return true
			}
		}
		return false
	}
	kind := func(v any) valueKind {
		m, _ := v.(map[string]any)
		if m["type"] != "string" {
			return 0
		}
		k := anyString
		for key, x := range m {
			switch {
			case key == "type", key == "description", key == "errorMessage":
			case key == "pattern" && x == `\S`:
				k = nonBlank
			default:
				return 0
			}
		}
		return k
	}
	out := map[string]valueKind{}
	props, _ := def["properties"].(map[string]any)
	for key, prop := range props {
		name, ok := strings.CutPrefix(key, "@")
		if !ok || strings.Contains(name, ":") || patterned(key) {
			continue
		}
		p, _ := prop.(map[string]any)
		var k valueKind
		if ref, ok := p["$ref"].(string); ok {
			target, local := strings.CutPrefix(ref, "#/$defs/")
			if local && (len(p) == 1 || len(p) == 2 && p["description"] != nil) {
				k = kind(defs[target])
			}
		} else {
			k = kind(p)
		}
		if k != 0 {
			out[name] = k
		}
	}
	return out
}

// TestHasNonSpace agrees with the schema's pattern \S as the validator
// applies it.
func TestHasNonSpace(t *testing.T) {
	re := regexp.MustCompile(`\S`)
	for _, v := range []string{"", " ", "\t\n\r\f ", "\v", "\u00a0", " x ", "é", "\u2003"} {
		if got, want := hasNonSpace(v), re.MatchString(v); got != want {
			t.Errorf("hasNonSpace(%q) = %v, the pattern says %v", v, got, want)
		}
	}
}

// TestSchemaCacheCorpus: with one cache shared by every documentation
// sample (and the bench file), twice over, each file gets exactly the
// findings it gets without a cache.
func TestSchemaCacheCorpus(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(corpusDir(t, "mcsf"), "*.xml"))
	if err != nil {
		t.Fatal(err)
	}
	files = append(files, filepath.Join("testdata", "bench-small.xml"))
	cache := NewSchemaCache()
	for range 2 {
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			want, err1 := File(f, data, Config{})
			got, err2 := File(f, data, Config{Cache: cache})
			if err1 != nil || err2 != nil {
				t.Fatal(err1, err2)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s with a shared cache (-want +got):\n%s", f, diff)
			}
		}
	}
	if len(cache.valid) == 0 {
		t.Error("the cache accepted nothing")
	}
}

// TestBlank: blank(s) is strings.TrimSpace(s) == "", on ASCII and Unicode
// white space, other characters and bytes that are not UTF-8.
func TestBlank(t *testing.T) {
	parts := []string{" ", "\n", "\t", "\r", "\v", "\f", "\u0085", "\u00a0", "\u2003", "\u3000", "x", "\u00e9", "\xff", "\xc2", "\x00"}
	var walk func(s string, depth int)
	walk = func(s string, depth int) {
		if got, want := blank(s), strings.TrimSpace(s) == ""; got != want {
			t.Errorf("blank(%q) = %v, want %v", s, got, want)
		}
		if depth < 3 {
			for _, p := range parts {
				walk(s+p, depth+1)
			}
		}
	}
	walk("", 0)
}
