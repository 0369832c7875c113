package yaml

import (
	"bytes"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	v3 "go.yaml.in/yaml/v3"
)

// encode_test.go: the Encoder against go-yaml v3's on trees of the shapes
// templates.MarshalSpec builds, on random values, and on the trees of the
// repository's YAML files read back.

// toV3 copies a tree into v3's nodes.
func toV3(n *Node, seen map[*Node]*v3.Node) *v3.Node {
	if m, ok := seen[n]; ok {
		return m
	}
	m := &v3.Node{Kind: v3.Kind(n.Kind), Style: v3.Style(n.Style), Tag: n.Tag, Value: n.Value, Anchor: n.Anchor,
		HeadComment: n.HeadComment, Line: n.Line, Column: n.Column}
	seen[n] = m
	if n.Alias != nil {
		m.Alias = toV3(n.Alias, seen)
	}
	for _, c := range n.Content {
		m.Content = append(m.Content, toV3(c, seen))
	}
	return m
}

// encodeBoth encodes n with both encoders, indent 2, as MarshalSpec does.
func encodeBoth(t *testing.T, n *Node) (ours, theirs string) {
	t.Helper()
	var a, b bytes.Buffer
	ea := NewEncoder(&a)
	ea.SetIndent(2)
	if err := ea.Encode(n); err != nil {
		t.Fatal(err)
	}
	if err := ea.Close(); err != nil {
		t.Fatal(err)
	}
	eb := v3.NewEncoder(&b)
	eb.SetIndent(2)
	if err := eb.Encode(toV3(n, map[*Node]*v3.Node{})); err != nil {
		t.Fatal(err)
	}
	if err := eb.Close(); err != nil {
		t.Fatal(err)
	}
	return a.String(), b.String()
}

// tricky are values a spec may hold: plain, numeric, boolean-looking,
// with indicators, quotes, spaces, unicode, control characters.
var tricky = []string{
	"Contoso", "Fabrikam Mobile", "310", "01", "0x1", "1e3", "1.5", ".5", "true", "False", "yes", "No", "on", "off", "null", "~", "",
	"a: b", "a:b", "a #b", "a#b", "#a", "- a", "-a", "-", "?", "? a", ":", "[a]", "{a}", "a, b", "&a", "*a", "!a", "|", ">", "'a'", "\"a\"",
	"%a", "@a", "`a", " lead", "trail ", "two  spaces", "tab\there", "line\nbreak", "cr\rhere", "nul\x00", "bell\a", "esc\x1b", "del\x7f",
	"é", "日本語", "😀", "\u0085", "\u00a0", "\u2028", "\ufeffbom", "back\\slash", "quote\"d", "it's", "---", "...", "--- a", "a ---",
	"2001-12-14", "1_000", "0o17", "0b1", ".inf", "-.inf", ".nan", "<<", "=", "a\u00e9b", "x\ufffdy", "\ufffe", "range:1, 5", "pattern:31[0-6]",
	"Software\\Microsoft\\Messaging", "a\u2028b", "c\rd", "e\u0085f", "g\nh", "multi\nline\n", "keep\n\n", " x\ny", "\nlead", "k" + strings.Repeat("y", 130), "HKLM\\Software\\Microsoft\\Windows NT\\CurrentVersion",
}

func randomSpecTree(r *rand.Rand) *Node {
	str := func() *Node {
		v := tricky[r.IntN(len(tricky))]
		n := &Node{Kind: ScalarNode, Tag: "!!str", Value: v}
		if r.IntN(3) == 0 {
			n.Style = DoubleQuotedStyle
		}
		return n
	}
	mapping := func(flow bool) *Node {
		n := &Node{Kind: MappingNode, Tag: "!!map"}
		if flow {
			n.Style = FlowStyle
		}
		return n
	}
	add := func(m *Node, key string, v *Node) {
		m.Content = append(m.Content, &Node{Kind: ScalarNode, Tag: "!!str", Value: key}, v)
	}
	number := func() *Node {
		return &Node{Kind: ScalarNode, Tag: "!!int", Value: strconv.Itoa(r.IntN(5000))}
	}
	boolean := func() *Node {
		return &Node{Kind: ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(r.IntN(2) == 0)}
	}
	retry := func() *Node {
		m := mapping(true)
		if r.IntN(3) > 0 {
			add(m, "attemptThresholdForIMS", number())
		}
		if r.IntN(3) > 0 {
			add(m, "retryEnabled", boolean())
		}
		return m
	}
	settings := func() *Node {
		m := mapping(false)
		for range r.IntN(3) + 1 {
			g := mapping(true)
			for range r.IntN(3) {
				if r.IntN(2) == 0 {
					add(g, tricky[r.IntN(len(tricky))], number())
				} else {
					add(g, tricky[r.IntN(len(tricky))], str())
				}
			}
			add(m, tricky[r.IntN(len(tricky))], g)
		}
		return m
	}
	root := mapping(false)
	if r.IntN(2) == 0 {
		root.HeadComment = "Spec imported from a.xml by mcsf import-spec.\nmcsf generate spec.yaml writes an equivalent answer file."
	}
	add(root, "name", str())
	if r.IntN(2) == 0 {
		add(root, "description", str())
	}
	add(root, "owner", str())
	add(root, "ownerType", str())
	if r.IntN(2) == 0 {
		d := mapping(false)
		add(d, "imsRetry", retry())
		if r.IntN(2) == 0 {
			add(d, "settings", settings())
		}
		add(root, "device", d)
	}
	if r.IntN(4) > 0 {
		ops := &Node{Kind: SequenceNode, Tag: "!!seq"}
		for range r.IntN(3) + 1 {
			o := mapping(false)
			add(o, "name", str())
			match := &Node{Kind: SequenceNode, Tag: "!!seq"}
			for range r.IntN(3) + 1 {
				m := mapping(true)
				for range r.IntN(3) + 1 {
					v := str()
					v.Style = DoubleQuotedStyle
					add(m, tricky[r.IntN(len(tricky))], v)
				}
				if r.IntN(3) == 0 {
					c := mapping(true)
					add(c, "Custom", str())
					add(m, "conditions", c)
				}
				match.Content = append(match.Content, m)
			}
			add(o, "match", match)
			if r.IntN(2) == 0 {
				add(o, "imsRetry", retry())
			}
			if r.IntN(2) == 0 {
				add(o, "mmsAutoRetry", boolean())
			}
			if r.IntN(2) == 0 {
				add(o, "settings", settings())
			}
			ops.Content = append(ops.Content, o)
		}
		add(root, "operators", ops)
	}
	return root
}

func TestEncoderAgainstV3SpecShapes(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 15))
	for i := range 3000 {
		n := randomSpecTree(r)
		if ours, theirs := encodeBoth(t, n); ours != theirs {
			t.Fatalf("tree %d:\nours:\n%s\nv3:\n%s", i, ours, theirs)
		}
	}
}

// TestEncoderAgainstV3RepoFiles writes back the tree of every YAML and
// JSON file of the repository and of its testscripts as both encoders do.
func TestEncoderAgainstV3RepoFiles(t *testing.T) {
	written := 0
	for name, data := range repoInputs(t) {
		var n Node
		if Unmarshal(data, &n) != nil || n.Kind == 0 {
			continue
		}
		written++
		if ours, theirs := encodeBoth(t, &n); ours != theirs {
			t.Errorf("%s:\nours:\n%s\nv3:\n%s", name, ours, theirs)
		}
	}
	if written < 50 {
		t.Errorf("wrote back %d files, expected the repository's YAML files", written)
	}
}

// TestEncoderAgainstV3Anchors: anchors, aliases, tags and empty values,
// which MarshalSpec does not write, as v3 writes them.
func TestEncoderAgainstV3Anchors(t *testing.T) {
	for _, in := range []string{
		"a: &x 1\nb: *x\n", "a: &x\nb: *x\n", "a: &x [1, 2]\nb: &y {c: d}\ne: [*x, *y]\n", "a: !!str\nb: !custom x\nc: !!int '1'\n",
		"- \n- &a\n- !!null\n- ''\n", "a:\n  - &s\n    b: 1\n  - *s\n", "&m\na: 1\n", "? [a]\n: 1\n", "? - a\n  - b\n: 1\n? {a: b}\n: 2\n? []\n: 3\n? c: d\n: 4\n", "[a, {b: c}, [d]]\n", "!!map\na: 1\n", "!t\n- a\n",
		"a: |\n  x\n  y\n", "a: >-\n  x\n", "- |+\n  x\n\n- y\n",
	} {
		var n Node
		if err := Unmarshal([]byte(in), &n); err != nil {
			t.Fatal(err)
		}
		if ours, theirs := encodeBoth(t, &n); ours != theirs {
			t.Errorf("%q:\nours:\n%s\nv3:\n%s", in, ours, theirs)
		}
	}
}

// TestEncoderAgainstV3Documents: several documents on one Encoder, the
// last of them ending in a kept line break.
func TestEncoderAgainstV3Documents(t *testing.T) {
	docs := []string{"a: 1\n", "- x\n", "plain\n", "a: |+\n  x\n\n", "b: 2\n", "|+\n  x\n\n"}
	var a, b bytes.Buffer
	ea, eb := NewEncoder(&a), v3.NewEncoder(&b)
	ea.SetIndent(2)
	eb.SetIndent(2)
	for _, d := range docs {
		var n Node
		if err := Unmarshal([]byte(d), &n); err != nil {
			t.Fatal(err)
		}
		if err := ea.Encode(&n); err != nil {
			t.Fatal(err)
		}
		if err := eb.Encode(toV3(&n, map[*Node]*v3.Node{})); err != nil {
			t.Fatal(err)
		}
	}
	if err := ea.Close(); err != nil {
		t.Fatal(err)
	}
	if err := eb.Close(); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Errorf("ours:\n%s\nv3:\n%s", a.String(), b.String())
	}
}
