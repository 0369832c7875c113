package answerfile

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf16"
)

const sample = `<?xml version="1.0" encoding="utf-8"?>
<ImageCustomizations xmlns="http://schemas.microsoft.com/embedded/2004/10/ImageUpdate"
    Name="Demo" Owner="Contoso" OwnerType="OEM" Priority="2">
  <Targets>
    <Target Id="Fabrikam">
      <TargetState>
        <Condition Name="MCC" Value="310" /><Condition Name="MNC" Value="410" />
      </TargetState>
    </Target>
  </Targets>
  <Static>
    <Settings Path="Multivariant"><Setting Name="Enable" Value="1" /></Settings>
  </Static>
  <Variant Name="A"><TargetRefs><TargetRef Id="Fabrikam" /></TargetRefs></Variant>
  <Variant Name="Ünïcode">
    <TargetRefs><TargetRef Id="Fabrikam" /></TargetRefs>
    <Settings Path="CellCore/PerIMSI/$(__IMSI)/SMS">
      <Setting Name="3GPP/IMS/AttemptThresholdForIMS" Value="3" />
      <Asset Name="a" Source="b" />
    </Settings>
  </Variant>
</ImageCustomizations>
`

func TestTypedView(t *testing.T) {
	doc, ds, err := Parse("s.xml", []byte(sample))
	if err != nil || len(ds) > 0 {
		t.Fatalf("Parse: %v %v", ds, err)
	}
	r := doc.Root
	if r.Name.Value != "Demo" || r.Owner.Value != "Contoso" || r.Description.Present || attrPos(doc, r.Node, "Priority") != (Position{3, 49}) {
		t.Errorf("root attrs: got %+v", r)
	}
	if n, ok := r.PriorityValue(); !ok || n != 2 {
		t.Errorf("PriorityValue: got %d %v, want 2 true", n, ok)
	}
	if len(r.Targets) != 1 || len(r.Targets[0].States) != 1 || len(r.Targets[0].States[0].Conditions) != 2 {
		t.Fatalf("targets: got %+v", r.Targets)
	}
	mnc := r.Targets[0].States[0].Conditions[1]
	if mnc.Name.Value != "MNC" || mnc.Pos() != (Position{7, 45}) || attrPos(doc, mnc.Node, "Value") != (Position{7, 67}) ||
		mnc.Path() != "/ImageCustomizations/Targets[1]/Target[1]/TargetState[1]/Condition[2]" {
		t.Errorf("MNC condition: got %+v", mnc)
	}
	if len(r.Variants) != 2 || r.Variants[1].Name.Value != "Ünïcode" {
		t.Fatalf("variants: got %+v", r.Variants)
	}
	g := r.Variants[1].Groups[0]
	if g.Path.Value != "CellCore/PerIMSI/$(__IMSI)/SMS" || g.Path != (Attr{Value: g.Path.Value, Present: true}) || attrPos(doc, g.Node, "Path") != (Position{17, 15}) {
		t.Errorf("group: got %+v", g.Path)
	}
	s := g.Settings[0]
	if s.Path() != "/ImageCustomizations/Variant[2]/Settings[1]/Setting[1]" || s.Pos() != (Position{18, 7}) || s.Value.Value != "3" {
		t.Errorf("setting: got %+v", s)
	}
	if len(g.Assets) != 1 || g.Assets[0].Source.Value != "b" {
		t.Errorf("assets: got %+v", g.Assets)
	}
	// Columns are characters: the TargetRef after "Ünïcode" is counted in runes.
	if p := r.Variants[1].TargetRefs[0].Pos(); p != (Position{16, 17}) {
		t.Errorf("TargetRef pos: got %v, want 16:17", p)
	}
	if got := doc.End(r.Statics[0].Elem); got != (Position{13, 12}) {
		t.Errorf("End of Static: got %v, want 13:12", got)
	}
}

func TestDiagSpans(t *testing.T) {
	doc, _, _ := Parse("s.xml", []byte(sample))
	s := doc.Root.Variants[1].Groups[0].Settings[0].Elem
	d := doc.AttrDiag(s, "Value", "empty-value", Warning, "value %s", "x")
	want := Diagnostic{File: "s.xml", Line: 18, Column: 55, EndLine: 18, EndColumn: 64,
		Path: "/ImageCustomizations/Variant[2]/Settings[1]/Setting[1]/@Value", Rule: "empty-value", Severity: Warning, Message: "value x"}
	if d.String() != want.String() || d.EndLine != want.EndLine || d.EndColumn != want.EndColumn || d.Path != want.Path {
		t.Errorf("got %+v\nwant %+v", d, want)
	}
}

func utf16le(s string, bom bool) []byte {
	var b []byte
	if bom {
		b = append(b, 0xFF, 0xFE)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

func utf16be(s string) []byte {
	b := []byte{0xFE, 0xFF}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u>>8), byte(u))
	}
	return b
}

// TestEncodings reads each encoding Windows editors write and writes it back
// unchanged in encoding, byte-order mark and line ends.
func TestEncodings(t *testing.T) {
	src16 := strings.Replace(sample, `encoding="utf-8"`, `encoding="utf-16"`, 1)
	crlf := strings.ReplaceAll(sample, "\n", "\r\n")
	tests := []struct {
		name string
		data []byte
		enc  Encoding
	}{
		{"utf-8", []byte(sample), Encoding{Charset: UTF8}},
		{"utf-8 BOM", append([]byte{0xEF, 0xBB, 0xBF}, sample...), Encoding{Charset: UTF8, BOM: true}},
		{"utf-8 CRLF", []byte(crlf), Encoding{Charset: UTF8, CRLF: true}},
		{"utf-16le BOM", utf16le(src16, true), Encoding{Charset: UTF16LE, BOM: true}},
		{"utf-16le BOM CRLF", utf16le(strings.ReplaceAll(src16, "\n", "\r\n"), true), Encoding{Charset: UTF16LE, BOM: true, CRLF: true}},
		{"utf-16be BOM", utf16be(src16), Encoding{Charset: UTF16BE, BOM: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, ds, err := Parse("e.xml", tt.data)
			if err != nil || len(ds) > 0 {
				t.Fatalf("Parse: %v %v", ds, err)
			}
			if doc.Encoding != tt.enc {
				t.Errorf("encoding: got %+v, want %+v", doc.Encoding, tt.enc)
			}
			if p := doc.Root.Variants[1].Groups[0].Settings[0].Pos(); p != (Position{18, 7}) {
				t.Errorf("position: got %v, want 18:7", p)
			}
			out, err := doc.Bytes()
			if err != nil {
				t.Fatal(err)
			}
			back, ds, err := Parse("e.xml", out)
			if err != nil || len(ds) > 0 {
				t.Fatalf("Bytes output does not parse: %v %v", ds, err)
			}
			if back.Encoding != tt.enc {
				t.Errorf("Bytes changed the encoding: got %+v, want %+v", back.Encoding, tt.enc)
			}
			if diff := treeDiff(doc, back, false); diff != "" {
				t.Errorf("Bytes changed the tree: %s", diff)
			}
			formatted, err := doc.Format()
			if err != nil {
				t.Fatal(err)
			}
			again, _, _ := Parse("e.xml", formatted)
			if again == nil || again.Encoding != tt.enc {
				t.Fatalf("Format changed the encoding")
			}
		})
	}
}

func TestUTF16Errors(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		msg  string
	}{
		{"odd length", append(utf16le("<a/>", true), 'x'), "UTF-16 file has an odd number of bytes (11): it is truncated"},
		{"unpaired surrogate", append(utf16le("<a>", true), 0x00, 0xD8, '<', 0), "invalid UTF-16: unpaired surrogate 0xD800 at byte 8"},
		{"declares utf-8", utf16le(`<?xml version="1.0" encoding="utf-8"?><a/>`, true), `the file is utf-16le (byte-order mark) but its XML declaration says encoding="utf-8"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ds, err := Parse("u.xml", tt.data)
			if err != nil || len(ds) != 1 || ds[0].Message != tt.msg {
				t.Fatalf("got %v %v, want %q", ds, err, tt.msg)
			}
		})
	}
}

func TestFormat(t *testing.T) {
	in := "<?xml version=\"1.0\"   encoding=\"utf-8\" ?>\n<!-- head -->\n<ImageCustomizations Name=\"a &amp; b\"><Static>\n\n<Settings Path=\"x\">  </Settings><!-- tail --></Static>\n<Variant Name='q\"t'><Data>keep  this</Data></Variant></ImageCustomizations>"
	want := `<?xml version="1.0" encoding="utf-8"?>
<!-- head -->
<ImageCustomizations Name="a &amp; b">
  <Static>
    <Settings Path="x"/>
    <!-- tail -->
  </Static>
  <Variant Name="q&quot;t">
    <Data>keep  this</Data>
  </Variant>
</ImageCustomizations>
`
	doc, ds, err := Parse("f.xml", []byte(in))
	if err != nil || len(ds) > 0 {
		t.Fatalf("Parse: %v %v", ds, err)
	}
	got, _ := doc.Format()
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	doc2, _, _ := Parse("f.xml", got)
	again, _ := doc2.Format()
	if !bytes.Equal(again, got) {
		t.Errorf("Format is not idempotent:\n%s", again)
	}
	if b, _ := doc.Bytes(); !bytes.Contains(b, []byte("<Settings Path=\"x\">  </Settings>")) {
		t.Errorf("Format changed the Document: %s", b)
	}
}

// TestPosAtOffsetOf: positions and byte offsets convert both ways, on ASCII
// lines and on lines with multi-byte characters.
func TestPosAtOffsetOf(t *testing.T) {
	doc, _, _ := Parse("s.xml", []byte(sample))
	text := doc.Text()
	for off := range text {
		if off > 0 && text[off]&0xC0 == 0x80 {
			continue // inside a character
		}
		p := doc.PosAt(off)
		if got := doc.OffsetOf(p); got != off {
			t.Fatalf("OffsetOf(PosAt(%d) = %v) = %d", off, p, got)
		}
	}
	if got := doc.OffsetOf(Position{Line: 999, Column: 1}); got != -1 {
		t.Errorf("OffsetOf past the end: got %d, want -1", got)
	}
}

func attrPos(d *Document, n Node, key string) Position {
	p, _ := d.AttrPos(n.Elem, key)
	return p
}

// TestAttributeWhiteSpace: XML 1.0 §3.3.3, attribute-value normalization as
// every conforming reader (ImageApp's .NET one too) does it: a literal tab,
// line feed, carriage return or CR LF pair is one space; a character
// reference keeps its character. Writing and reading again keeps the value.
func TestAttributeWhiteSpace(t *testing.T) {
	src := "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<ImageCustomizations xmlns=\"" + Namespace +
		"\" Name=\"N\" Owner=\"a\tb\r\nc\rd\ne\" OwnerType=\"x&#10;y&#13;z&#9;w &#13;&#10;\"/>\n"
	doc, ds, err := Parse("ws.xml", []byte(src))
	if err != nil || len(ds) > 0 {
		t.Fatal(ds, err)
	}
	want := map[string]string{"Owner": "a b c d e", "OwnerType": "x\ny\rz\tw \r\n"}
	check := func(doc *Document, when string) {
		for name, v := range want {
			if got := doc.Tree.Root().SelectAttrValue(name, "?"); got != v {
				t.Errorf("%s: %s = %q, want %q", when, name, got, v)
			}
		}
	}
	check(doc, "read")
	out, err := doc.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	again, ds, err := Parse("ws.xml", out)
	if err != nil || len(ds) > 0 {
		t.Fatal(ds, err)
	}
	check(again, "written and read again")
}
