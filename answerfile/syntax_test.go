package answerfile

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

const hdr = `<?xml version="1.0" encoding="utf-8"?>` + "\n"

// TestSyntaxErrors pins the first well-formedness error of each kind: its
// line, column and message.
func TestSyntaxErrors(t *testing.T) {
	tests := []struct {
		name, src string
		line, col int
		msg       string
	}{
		{"dash dash in comment", hdr + "<a>\n<!-- a -- b -->\n</a>", 3, 8, `"--" is not allowed inside a comment`},
		{"nested comment", hdr + "<!-- outer\n  <!-- inner -->\n-->\n<a/>", 3, 3, `comment inside a comment: "<!--" opens a comment inside the comment that starts at line 2`},
		{"comment ending --->", hdr + "<a><!-- x ---></a>", 2, 11, `"--" is not allowed inside a comment`},
		{"unclosed comment", hdr + "<a>\n  <!-- never closed\n</a>", 3, 3, `comment is never closed: no "-->" follows it up to the end of the file`},
		{"dash typo", hdr + "<a>\n  <-- note -->\n</a>", 3, 3, `"<--" is not a comment: a comment opens with "<!--"`},
		{"space before declaration", "  " + hdr + "<a/>", 1, 3, "XML declaration not at the start of the file"},
		{"text before root", hdr + "junk<a/>", 2, 1, `text "junk" before the root element: only comments, processing instructions and white space may stand outside it`},
		{"nbsp after declaration", strings.TrimSuffix(hdr, "\n") + "\u00a0\n<a/>", 1, 39, "a non-breaking space (U+00A0) before the root element: only comments, processing instructions and white space may stand outside it"},
		{"two roots", hdr + "<a/>\n<b/>", 3, 1, "a second root element: an XML document has exactly one root element"},
		{"text after root", hdr + "<a/>\n-->", 3, 1, `text "-->" after the root element: only comments, processing instructions and white space may stand outside it`},
		{"duplicate attribute", hdr + `<a x="1" y="2" x="3"/>`, 2, 16, "duplicate attribute x on <a>"},
		{"undeclared element prefix", hdr + "<a>\n <p:b/>\n</a>", 3, 3, "namespace prefix p of <p:b> is not declared"},
		{"undeclared attribute prefix", hdr + `<a q:x="1"/>`, 2, 4, "namespace prefix q of attribute q:x is not declared"},
		{"declared prefix is fine", hdr + `<a xmlns:p="urn:x"><p:b p:c="1"/></a>`, 0, 0, ""},
		{"missing end tag", hdr + "<a>\n <b>\n</a>", 4, 1, "end tag </a> does not match the open element <b>"},
		{"file ends inside element", hdr + "<a>\n <b/>\n", 4, 1, "missing end tag </a>: the file ends inside <a>"},
		{"stray end tag", hdr + "</a>", 2, 1, "end tag with no matching start tag"},
		{"control character", hdr + "<a>\x01</a>", 2, 4, "control character U+0001 is not allowed in XML"},
		{"NUL byte", hdr + "<a>\x00</a>", 2, 4, "NUL byte in the file: this is not an XML text file"},
		{"invalid UTF-8", hdr + "<a>\xff</a>", 2, 4, "invalid UTF-8 byte 0xFF: the file is not UTF-8 text"},
		{"unknown entity", hdr + "<a>&nbsp;</a>", 2, 4, "unknown entity &nbsp; (only &amp; &lt; &gt; &quot; &apos; are defined)"},
		{"bare ampersand in attribute", hdr + `<a x="R&D"/>`, 2, 8, `"&" must start an entity or character reference (write & as &amp;)`},
		{"lt in attribute", hdr + `<a x="<"/>`, 2, 7, `"<" is not allowed in the value of attribute x`},
		{"unquoted attribute", hdr + `<a x=1/>`, 2, 6, "value of attribute x must be in quotes, found '1'"},
		{"smart quotes", hdr + "<a x=\u201cv\u201d/>", 2, 6, "value of attribute x must be in quotes, found '\u201c'"},
		{"attributes not separated", hdr + `<a x="1"y="2"/>`, 2, 9, "attribute y must be separated from what precedes it by white space"},
		{"entity DOCTYPE", hdr + "<!DOCTYPE a [<!ENTITY x \"y\">]>\n<a>&x;</a>", 2, 1, "DOCTYPE with entity declarations is refused: entities can expand without bound or read other files"},
		{"attribute defaults", hdr + "<!DOCTYPE a [<!ATTLIST Setting Value CDATA \"1\">]>\n<a/>", 2, 1, "DOCTYPE with attribute-list declarations is refused: a DTD-aware reader gives attributes their defaults (a Value mcsf would not see)"},
		{"plain DOCTYPE is fine", hdr + "<!DOCTYPE a>\n<a/>", 0, 0, ""},
		{"empty file", "", 1, 1, "the file is empty: no root element"},
		{"only white space", " \n\t\n", 3, 1, "the file is empty: no root element"},
		{"only a declaration", hdr, 2, 1, "no root element"},
		{"bad character reference", hdr + "<a>&#1;</a>", 2, 4, "character reference &#1; is not a valid XML character"},
		{"cdata end in text", hdr + "<a>]]></a>", 2, 4, `"]]>" is not allowed in text`},
		{"cdata is fine", hdr + "<a><![CDATA[<&>]]></a>", 0, 0, ""},
		{"cdata outside the root", "<![CDATA[]]>", 1, 1, `"<![CDATA[" is not allowed outside the root element: only comments, processing instructions and a DOCTYPE may stand there`},
		{"cdata after the root", hdr + "<a/><![CDATA[x]]>", 2, 5, `"<![CDATA[" is not allowed outside the root element: only comments, processing instructions and a DOCTYPE may stand there`},
		{"columns count characters", hdr + "<a é=\"1\" é=\"2\"/>", 2, 10, "duplicate attribute é on <a>"},
		{"UTF-16 without BOM", "<\x00?\x00x\x00", 1, 1, "the file looks like UTF-16 LE without a byte-order mark"},
		{"UTF-8 BOM declares UTF-16", "\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"utf-16\"?><a/>", 1, 1, `the XML declaration says encoding="utf-16" but the file starts with a UTF-8 byte-order mark`},
		{"unsupported encoding", `<?xml version="1.0" encoding="windows-1252"?><a/>`, 1, 1, `encoding "windows-1252" is not supported`},
		{"CR line ends count", "<?xml version=\"1.0\"?>\r<a>\r<--x--></a>", 3, 1, `"<--" is not a comment: a comment opens with "<!--"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, ds, err := Parse("t.xml", []byte(tt.src))
			if err != nil {
				t.Fatalf("Parse error: %v", err)
			}
			if tt.msg == "" {
				if len(ds) != 0 || doc == nil {
					t.Fatalf("got %v, want a document and no diagnostics\ninput:\n%s", ds, tt.src)
				}
				return
			}
			if len(ds) != 1 {
				t.Fatalf("got %d diagnostics %v, want 1\ninput:\n%s", len(ds), ds, tt.src)
			}
			d := ds[0]
			if doc != nil {
				t.Errorf("got a document despite a syntax error")
			}
			if d.Rule != RuleXMLSyntax || d.Severity != Error || d.Line != tt.line || d.Column != tt.col || d.Message != tt.msg {
				t.Errorf("got %d:%d %s %v %q, want %d:%d xml-syntax error %q\ninput:\n%s", d.Line, d.Column, d.Rule, d.Severity, d.Message, tt.line, tt.col, tt.msg, tt.src)
			}
			if d.Fix == "" {
				t.Errorf("no fix for %q", d.Message)
			}
		})
	}
}

func TestNestedCommentRelated(t *testing.T) {
	_, ds, _ := Parse("f.xml", []byte(hdr+"<a>\n<!-- outer\n  <!-- inner -->\n-->\n</a>"))
	if len(ds) != 1 || len(ds[0].Related) != 1 {
		t.Fatalf("got %v, want one diagnostic with one related location", ds)
	}
	r := ds[0].Related[0]
	if r.Line != 3 || r.Column != 1 || r.File != "f.xml" || r.Message != "the outer comment starts here" {
		t.Errorf("got related %+v, want f.xml:3:1 the outer comment starts here", r)
	}
	if !strings.Contains(ds[0].Fix, "remove the outer") {
		t.Errorf("fix %q does not say how to fix it", ds[0].Fix)
	}
}

func TestLimits(t *testing.T) {
	deep := hdr + strings.Repeat("<a>", 100_000) + strings.Repeat("</a>", 100_000)
	tests := []struct {
		name string
		src  string
		lim  Limits
		msg  string
	}{
		{"depth", deep, DefaultLimits, "elements nested deeper than 256 levels"},
		{"attributes", hdr + "<a" + strings.Repeat(` x="1"`, 1) + ` y="1" z="1"/>`, Limits{MaxAttributes: 2}, "more than 2 attributes on <a>"},
		{"elements", hdr + "<a><b/><b/></a>", Limits{MaxElements: 2}, "more than 2 elements"},
		{"bytes", hdr + "<a/>", Limits{MaxBytes: 10}, "file is 43 bytes, over the limit of 10"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ds, err := ParseLimits("t.xml", []byte(tt.src), tt.lim)
			if err != nil || len(ds) != 1 || ds[0].Message != tt.msg {
				t.Fatalf("got %v, %v; want one diagnostic %q", ds, err, tt.msg)
			}
		})
	}
}

// TestBadCharacterAtEveryOffset: the character check reads eight bytes at a
// time; a bad character is found wherever it falls in a word.
func TestBadCharacterAtEveryOffset(t *testing.T) {
	// DEL (0x7F) is allowed: the error is at the NUL after it.
	for _, bad := range []struct {
		text  string
		shift int
	}{{"\x01", 0}, {"\x7f\x00", 1}, {"\xff", 0}, {"\uFFFE", 0}} {
		for i := range 20 {
			text := strings.Repeat("x", i) + bad.text + strings.Repeat("y", 20-i)
			_, ds, err := Parse("c.xml", []byte(hdr+"<a>"+text+"</a>"))
			if col := 4 + i + bad.shift; err != nil || len(ds) != 1 || ds[0].Line != 2 || ds[0].Column != col {
				t.Errorf("%q at offset %d: got %v %v, want one error at 2:%d", bad.text, i, ds, err, col)
			}
		}
	}
}

// TestCheckCharsFirstError: checkChars, which skips eight bytes at a time,
// finds the first character that XML refuses where a plain loop over the
// characters finds it, in texts of every mix of printable ASCII, line
// ends, tabs, control characters, NUL, non-ASCII and invalid UTF-8.
func TestCheckCharsFirstError(t *testing.T) {
	pieces := []string{"a", "<b c=\"d\"/>", "        ", "\n", "\r\n", "\r", "\t", "\x01", "\x00", "\x7f", "é", "☃", "\xff", "\xed\xa0\x80", "\uFFFE", "😀"}
	first := func(src []byte) int {
		for i := 0; i < len(src); {
			r, n := utf8.DecodeRune(src[i:])
			if (r == utf8.RuneError && n == 1) || !isXMLChar(r) {
				return i
			}
			i += n
		}
		return -1
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b []byte
		for range rng.IntN(24) {
			p := pieces[rng.IntN(len(pieces))]
			if rng.IntN(4) > 0 {
				p = pieces[rng.IntN(3)] // mostly text, as a file is
			}
			b = append(b, p...)
		}
		s := &scanner{src: b}
		s.checkChars()
		got := -1
		if s.err != nil {
			got = s.err.off
		}
		if want := first(b); got != want {
			t.Fatalf("checkChars(%q): first error at %d, want %d", b, got, want)
		}
	}
}
