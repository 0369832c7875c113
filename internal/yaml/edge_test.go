package yaml

import (
	"strings"
	"testing"
	"unicode/utf16"
	"unsafe"

	v3 "go.yaml.in/yaml/v3"
)

// edgeCases are hand-written inputs for every construct the parser reads,
// the odd line ends and characters, and errors.
var edgeCases = []string{
	"", "\n", "# only a comment\n", "---\n", "--- \n...\n", "...\n", "---\n---\n", "a\n...\n---\nb\n",
	"a: 1\n", "a: 1", "a:\n", "a:", ":\n", ": v\n", "a: b: c\n", "a: 1\nb\nc: 2\n", "x\ny: 1\n",
	"a:\n  b: 1\n  c: 2\nd: 3\n", "a:\n- 1\n- 2\n", "a:\n  - 1\n  -\n  - 3\n", "- a: 1\n  b: 2\n- c\n",
	"- - a\n  - b\n- - c\n", "-\n-\n", "- \n- x\n", "key:\n  - a\n  -  b\n other: 1\n",
	"[a, b, c]\n", "[a, [b, c], {d: e}]\n", "{a: 1, b: [2, 3]}\n", "{a, b: c}\n", "[a: 1, b]\n",
	"[\n  a,\n  b\n]\n", "{\n  \"a\": 1,\n  \"b\": [true, false, null]\n}\n", "[a,]\n", "{a: 1,}\n",
	"[,]\n", "{,}\n", "[a b]\n", "[a\n b]\n", "{a: b c}\n", "{a:b}\n", "[a:b]\n", "[? a : b]\n", "[: b]\n",
	"{? a}\n", "{: b}\n", "{a: }\n", "[a, ]\n", "[\n", "{\n", "]\n", "}\n", "[a}\n", "{a]\n", "strict: [\n",
	"plain multi\n  line\n\n  folded\n", "a: plain\n  more\n", "a: b\n c\n", "a: 'single ''quoted'''\n",
	"a: 'multi\n  line\n\n  single'\n", "a: \"esc \\n \\t \\\" \\\\ \\0 \\a \\b \\e \\f \\r \\v \\N \\_ \\L \\P \\x41 \\u00e9 \\U0001F600\"\n",
	"a: \"line\\\n  continued\"\n", "a: \"fold\n  this\n\n  and\"\n", "a: \"bad \\q\"\n", "a: \"\\xZZ\"\n", "a: \"\\uD800\"\n",
	"a: \"unclosed\n", "a: 'unclosed\n", "a: \"x\n---\n\"\n",
	"a: |\n  lit\n  eral\n", "a: >\n  fol\n  ded\n\n  para\n", "a: |-\n  x\n\n", "a: |+\n  x\n\n", "a: >2\n   x\n  y\n",
	"a: |1-\n  x\n", "a: |0\n x\n", "a: |\n\tx\n", "a: | # c\n  x\n", "a: |x\n", "- |\n  a\n- >-\n  b\n",
	"a: |\n  x\n   y\n  z\n", "a: >\n  x\n   y\n  z\n", "|\n  top\n", ">\n\n  lead\n", "a: |\n\n\n", "a: |2+\n\n",
	"a: &x 1\nb: *x\n", "a: &x [1, 2]\nb: *x\n", "a: *nope\n", "&a [*a]\n", "a: &x\n  b: 1\nc: *x\n", "&a\n",
	"a: &x\nb: *x\n", "&x a: b\n", "a: !!str 1\nb: !!int '2'\nc: !custom x\nd: !<tag:yaml.org,2002:str> y\n",
	"a: ! 12\n", "a: !!map {b: 1}\n", "!!seq [a]\n", "a: !e!x y\n", "a: !\n", "a: !!str\n", "a: !!str &x\nb: *x\n",
	"a: !x%21 y\n", "a: !<x\n", "%YAML 1.2\n---\na\n",
	"? a\n: b\n", "? [a]\n: 1\n", "? a\n? b\n: c\n", "?\n:\n", "?\n", "a:\n  ? b\n# c\nd: 1\n", "a:\n  ? b\nd: 1\n", "- ? a\n- b\n",
	"\ufeff\ufeffa: 1\n", "\ufeff\ufeff", "0: 0\n[", "[\n0:  ]", "[a: ]\n", "[a:]\n", "[a: , b: ]\n", "a: 1\n{", "- a\n[b", "a: 1\r\nb: 2\r\n", "a: |\r\n  x\r\n  y\r\n", "a: 'x\r\n  y'\r\n", "a: 1\rb: 2\r", "\ufeffa: 1\n", "a: 1\n\ufeffb: 2\n",
	"a:\tb\n", "\ta: b\n", "a: b\t\n", "a: b  \n", "- a\t# c\n", "a: [b,\tc]\n", "a:\n\t- b\n", "a: b\n\t\n",
	"a: \"é\"\nbé: ü\n", "ключ: значение\nk2: 日本語\n", "- 😀: x\n  y: z\n", "a: x\u2028y\n", "a: x\u0085y\n",
	"a: ~\nb: null\nc: Null\nd: NULL\ne: nulL\nf: true\ng: True\nh: TRUE\ni: tRUE\nj: yes\nk: on\n",
	"- 1\n- -1\n- +1\n- 1_000\n- 0x1F\n- 0o17\n- 0b101\n- -0b101\n- -0o17\n- 0777\n- 09\n- 0x_1\n- 99999999999999999999\n- 18446744073709551615\n- -9223372036854775809\n",
	"- 1.5\n- .5\n- 5.\n- 1e3\n- 1E+3\n- -1.5e-3\n- .inf\n- -.Inf\n- +.INF\n- .nan\n- .NaN\n- 1_0.5\n- .5_0\n- 1e\n- .\n- -.\n- 0x1p3\n",
	"- 2001-12-14\n- 2001-12-14t21:59:43.10-05:00\n- 2001-12-14 21:59:43.10\n- 2001-12-14T21:59:43Z\n- 2001-1-2\n- 20011-12-14\n- 2001-13-14\n",
	"- <<\n- '<<'\n- << : x\n", "a: 1 # comment\n# full\nb: 2\n", "a: b#c\n", "a: b #c\n", "#c\na: 1\n",
	"a: [1, 2] # c\n", "a: {b: 1} #c\n", "a: 'x' #c\n", "a: \"x\"#c\n",
	"a: 1\n  b: 2\n", "a:\n  b: 1\n c: 2\n", "- a\nb: 1\n", "a: - b\n", "a: 1\n- b\n", "- a\n  - b\n",
	"---\na: 1\n---\nb: 2\n", "--- a\n--- b\n", "---a\n", "--- |\n  x\n", "a\n---\n", "... \n",
	"key: value with: colon\n", "url: http://x.y/z\n", "a: -1\nb: - 1\n", "a: [-1, - 1]\n", "- -\n", "? - a\n",
	"@a\n", "`a\n", "a: @b\n", "a: %b\n", "a: b\n%c\n", "'a': 1\n\"b\": 2\n", "'a\n  b': 1\n",
	"a: 1\n a: 2\n", "a:\n  - b\n  c: d\n", "{a: [b, {c: [d, e]}]}\n", "[[[[[]]]]]\n", "{{}}\n", "[{}, []]\n",
	strings.Repeat("[", 40) + strings.Repeat("]", 40) + "\n", strings.Repeat("- ", 30) + "x\n",
	"a: " + strings.Repeat("x", 2000) + ": b\n", strings.Repeat("k", 1100) + ": v\n", "[" + strings.Repeat("a", 1100) + ": b]\n",
	"a: 'x\n---\n'\n", "a: x\n...\nb\n", "- a\n...\n", "a\n--- \nb\n",
}

// utf16Cases are YAML in UTF-16 with a byte order mark, both byte orders.
func utf16Cases() []string {
	var out []string
	for _, text := range []string{"a: é\nb: [1, 2]\nc: 😀\n", "- x\r\n- 日本\r\n", "a: \"\\u00e9\"\n"} {
		var le, be []byte
		le, be = append(le, 0xFF, 0xFE), append(be, 0xFE, 0xFF)
		for _, u := range utf16.Encode([]rune(text)) {
			le = append(le, byte(u), byte(u>>8))
			be = append(be, byte(u>>8), byte(u))
		}
		out = append(out, string(le), string(be))
	}
	return append(out, "\xff\xfea\x00:", "\xff\xfe\x00\xd8a\x00")
}

func TestAgainstV3EdgeCases(t *testing.T) {
	for _, in := range append(edgeCases, utf16Cases()...) {
		if d := compareUnmarshal([]byte(in)); d != "" {
			t.Errorf("%q: %s", in, d)
		}
		if d := compareDecoder([]byte(in)); d != "" {
			t.Errorf("%q (decoder): %s", in, d)
		}
	}
}

// TestIntendedDifferences pins where this package differs from v3 on
// purpose: "\/" is an escape of YAML 1.2 (and of JSON) that v3 refuses;
// %TAG directives are refused with a message that says so (v3 reads
// them; %YAML, which v3 accepts only as 1.1, is refused too).
func TestIntendedDifferences(t *testing.T) {
	var n Node
	if err := Unmarshal([]byte(`{"url": "http:\/\/x"}`), &n); err != nil || n.Content[0].Content[1].Value != "http://x" {
		t.Errorf(`"\/" in double quotes: got %v, %+v`, err, n.Content)
	}
	for _, in := range []string{"%TAG ! tag:x,2000:\n---\na\n", "a: 1\n...\n%YAML 1.1\n---\nb\n", "%YAML 1.1\n---\na\n"} {
		d := NewDecoder(strings.NewReader(in))
		err := d.Decode(&n)
		for i := 0; err == nil && i < 3; i++ {
			err = d.Decode(&n)
		}
		if want := "found a %YAML or %TAG directive: directives are not supported"; err == nil || !strings.HasSuffix(err.Error(), want) {
			t.Errorf("%q: got %v, want ... %s", in, err, want)
		}
	}
}

// TestTokenSize: see the comment on token.
func TestTokenSize(t *testing.T) {
	if size := unsafe.Sizeof(token{}); size != 144 {
		t.Errorf("a token is %d bytes, want go-yaml's 144", size)
	}
}

// TestErrorMessagesAgainstV3: where both refuse an edge case, the message
// is v3's, but for the ones this package words on purpose: a line where
// v3 gives none, directives refused, UTF-16 errors.
func TestErrorMessagesAgainstV3(t *testing.T) {
	ours := map[string]string{
		"a: *nope\n":                  "yaml: line 1: unknown anchor 'nope' referenced",
		"%YAML 1.2\n---\na\n":         "yaml: found a %YAML or %TAG directive: directives are not supported",
		"a: b\n%c\n":                  "yaml: line 2: found a %YAML or %TAG directive: directives are not supported",
		"\xff\xfe\x00\xd8a\x00":       "yaml: invalid UTF-16 surrogate pair",
		"a: 1\nb: *x\n":               "yaml: line 2: unknown anchor 'x' referenced",
		"a: 1\nb: \"\x01\"\n":         "yaml: line 2: control characters are not allowed",
		"a: 1\n\nb: \xff\n":           "yaml: line 3: invalid UTF-8",
		"a: 1\r\nb: 2\r\nc: \x7f\r\n": "yaml: line 3: control characters are not allowed",
	}
	inputs := append(edgeCases, utf16Cases()...)
	for in := range ours {
		inputs = append(inputs, in)
	}
	for _, in := range inputs {
		var a Node
		var b v3.Node
		errA, errB := Unmarshal([]byte(in), &a), v3.Unmarshal([]byte(in), &b)
		if errA == nil || errB == nil {
			continue
		}
		want := errB.Error()
		if w, ok := ours[in]; ok {
			want = w
		}
		if errA.Error() != want {
			t.Errorf("%q: got %q, want %q", in, errA, want)
		}
	}
}
