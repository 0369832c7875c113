package variant

import (
	"bufio"
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/mcsf-dev/mcsf/answerfile"
)

// readModelEdges are files whose typed view is easy to get wrong without
// a tree: foreign elements (by prefix, by a default namespace set again
// below the root, inside a foreign element), prefixed attributes, groups
// without a Path, settings without a Name, several Targets and TargetRefs
// blocks, unknown elements, Imports, and files that cannot be read.
var readModelEdges = map[string]string{
	"namespaces.xml": `<?xml version="1.0" encoding="utf-8"?>
<u:ImageCustomizations xmlns:u="` + answerfile.Namespace + `" xmlns:o="urn:other" Name="N">
  <u:Targets>
    <u:Target Id="A"><u:TargetState><u:Condition Name="MCC" Value="310"/><o:Condition Name="MNC" Value="1"/>
      <Condition Name="MNC" Value="2"/></u:TargetState></u:Target>
    <Target xmlns="` + answerfile.Namespace + `" Id="B"><TargetState><Condition Name="MCC" o:Value="x" Value="311"/></TargetState></Target>
    <u:Target Id="C" xmlns:u="urn:moved"><u:TargetState><u:Condition Name="MCC" Value="312"/></u:TargetState></u:Target>
  </u:Targets>
  <o:Static><u:Settings Path="P"><u:Setting Name="S" Value="1"/></u:Settings></o:Static>
  <u:Static><u:Settings Path="Q"><u:Setting Name="S" Value="&amp;&#10;x	y"/><u:Setting Value="no name"/>
    <u:Asset Name="a" Source="b"/></u:Settings><u:Settings><u:Setting Name="no path" Value="1"/></u:Settings></u:Static>
</u:ImageCustomizations>`,
	"structure.xml": `<ImageCustomizations xmlns="` + answerfile.Namespace + `">
  <Imports><Import Source="a.xml"/><Import/></Imports>
  <Targets><Target Id="T1"/><Target><TargetState/></Target></Targets>
  <Targets><Target Id="T2"><TargetState><Condition/><Unknown><Condition Name="MCC" Value="1"/></Unknown></TargetState></Target></Targets>
  <Variant Name="V"><TargetRefs><TargetRef Id="T1"/></TargetRefs><Settings Path="X"><Setting Name="A" Value="1"/></Settings>
    <TargetRefs><TargetRef Id="T2"/><TargetRef/></TargetRefs><Settings Path="Y"><Setting Name="B"/></Settings></Variant>
  <Variant/>
  <Settings Path="Z"><Setting Name="top" Value="1"/></Settings>
  <Static><Static><Settings Path="W"><Setting Name="deep" Value="1"/></Settings></Static></Static>
</ImageCustomizations>`,
	"default-ns-again.xml": `<ImageCustomizations xmlns="` + answerfile.Namespace + `"><Static xmlns="urn:x"><Settings Path="P"><Setting Name="S" Value="1"/></Settings></Static>
<Static><Settings Path="P" xmlns=""><Setting Name="S" Value="2"/></Settings><Settings Path="R"><Setting Name="S" Value="3"/></Settings></Static></ImageCustomizations>`,
	"not-answer-file.xml": `<foo><Targets><Target Id="T"/></Targets></foo>`,
	"crlf.xml":            "<ImageCustomizations>\r\n<Static>\r\n<Settings Path=\"A\r\nB\">\r\n<Setting Name=\"N\" Value=\"v\"/>\r\n</Settings></Static></ImageCustomizations>\r\n",
	"cr.xml":              "<ImageCustomizations>\r<Static>\r\r<Settings Path=\"A\">\r<Setting Name=\"N\" Value=\"v\"/>\n</Settings></Static></ImageCustomizations>",
	"syntax.xml":          "<ImageCustomizations><Targets><Target Id=\"T\"></Targets></ImageCustomizations>",
	"nested-comment.xml":  "<ImageCustomizations>\n<Static/>\n<!-- a\n<!-- b -->\n-->\n</ImageCustomizations>",
	"bad-char-later.xml":  "<ImageCustomizations>\n<Static>\uFFFE</Static>\n<!-- \u00e9 <!-- -->\n</ImageCustomizations>",
	"bad-char.xml":        "<ImageCustomizations><Static>\x01</Static></ImageCustomizations>",
	"empty.xml":           "",
}

// readModelInputs are every file ReadModel is checked on: the edges, the
// answer files of the corpus and of the repository's testdata, and the
// fuzz seeds of the readers.
func readModelInputs(t testing.TB) map[string][]byte {
	in := map[string][]byte{}
	for name, text := range readModelEdges {
		in[name] = []byte(text)
	}
	utf16File := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(readModelEdges["structure.xml"])) {
		utf16File = append(utf16File, byte(u), byte(u>>8))
	}
	in["utf16.xml"] = utf16File
	add := func(root string, keep func(path string) bool) {
		filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !keep(path) {
				return nil
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(path, string(filepath.Separator)+"fuzz"+string(filepath.Separator)) {
				for i, seed := range fuzzSeeds(data) {
					in[path+"#"+strconv.Itoa(i)] = seed
				}
				return nil
			}
			in[path] = data
			return nil
		})
	}
	add(filepath.Join("..", "..", "shared", "corpus"), func(path string) bool {
		return strings.HasSuffix(path, ".xml") && !strings.Contains(path, string(filepath.Separator)+"pages"+string(filepath.Separator))
	})
	add("..", func(path string) bool {
		return strings.Contains(path, "testdata") && (strings.HasSuffix(path, ".xml") || strings.Contains(path, "fuzz"))
	})
	return in
}

// fuzzSeeds are the []byte and string values of a Go fuzz corpus file.
func fuzzSeeds(data []byte) [][]byte {
	var out [][]byte
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		line := sc.Text()
		for _, p := range []string{"[]byte(", "string("} {
			if lit, ok := strings.CutPrefix(line, p); ok {
				if s, err := strconv.Unquote(strings.TrimSuffix(lit, ")")); err == nil {
					out = append(out, []byte(s))
				}
			}
		}
	}
	return out
}

// checkReadModel: ReadModel reads what ParseLimits and ModelOf read, and
// ReadCompiled compiles what CompileModelLimits compiles of it.
func checkReadModel(t *testing.T, name string, data []byte, lim answerfile.Limits) {
	t.Helper()
	checkReadCompiled(t, name, data, lim, PatternLimits{})
	doc, ds, err := answerfile.ParseLimits(name, data, lim)
	got, gotDs, gotErr := ReadModel(name, data, lim)
	if (err != nil) != (gotErr != nil) || !reflect.DeepEqual(ds, gotDs) {
		t.Fatalf("%s: ReadModel diagnostics %+v, error %v; ParseLimits: %+v, %v", name, gotDs, gotErr, ds, err)
	}
	if doc == nil {
		if !reflect.DeepEqual(got, FileModel{}) {
			t.Fatalf("%s: ReadModel of a file that cannot be read = %+v, want nothing", name, got)
		}
		return
	}
	want := FileModel{AnswerFile: doc.IsAnswerFile(), Imports: len(doc.Root.Imports)}
	if want.AnswerFile {
		want.Model = ModelOf(doc)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s: ReadModel =\n%+v\nwant (ModelOf)\n%+v", name, got, want)
	}
}

// checkReadCompiled: ReadCompiled gives what ReadModel and
// CompileModelLimits give.
func checkReadCompiled(t *testing.T, name string, data []byte, lim answerfile.Limits, plim PatternLimits) {
	t.Helper()
	m, ds, err := ReadModel(name, data, lim)
	c, got, gotDs, gotErr := ReadCompiled(name, data, lim, plim)
	if (err != nil) != (gotErr != nil) || !reflect.DeepEqual(ds, gotDs) || !reflect.DeepEqual(m, got) {
		t.Fatalf("%s: ReadCompiled read %+v, %+v, %v; ReadModel %+v, %+v, %v", name, got, gotDs, gotErr, m, ds, err)
	}
	if ds != nil || err != nil {
		if c != nil {
			t.Fatalf("%s: ReadCompiled compiled a file that cannot be read", name)
		}
		return
	}
	if want := CompileModelLimits(m.Model, plim); !reflect.DeepEqual(c, want) {
		t.Fatalf("%s: ReadCompiled compiled\n%+v\nwant (CompileModelLimits)\n%+v", name, c, want)
	}
}

// TestReadCompiledInParts: a file of many targets is compiled in parts
// while it is read, duplicate Ids across parts included; over the pattern
// limit it is compiled again in one piece.
func TestReadCompiledInParts(t *testing.T) {
	xml, _ := generateFile(3*targetsPerPart+17, 3)
	dup := strings.Replace(xml, `<Target Id="T`, `<Target Id="T0"><TargetState><Condition Name="MCC" Value="pattern:3[0-9]{2}"/></TargetState></Target>
    <Target Id="T`, 1)
	dup = strings.Replace(dup, "</Targets>", `<Target Id="T0"/><Target Id="P"><TargetState><Condition Name="SPN" Value="pattern:A.*"/></TargetState></Target></Targets>`, 1)
	for _, data := range []string{xml, dup} {
		for _, plim := range []PatternLimits{{}, {MaxCount: 1}} {
			checkReadCompiled(t, "parts.xml", []byte(data), answerfile.DefaultLimits, plim)
		}
	}
	c, _, _, _ := ReadCompiled("parts.xml", []byte(dup), answerfile.DefaultLimits, PatternLimits{MaxCount: 1})
	if !slices.ContainsFunc(c.Notes(), func(n string) bool { return strings.Contains(n, "pattern") }) {
		t.Errorf("notes %q: want the note of the pattern limit", c.Notes())
	}
}

func TestReadModelIsModelOf(t *testing.T) {
	in := readModelInputs(t)
	if _, err := os.Stat(filepath.Join("..", "..", "shared", "corpus")); err != nil {
		t.Logf("note: corpus not found at ../shared/corpus: checked the repository's files only")
	} else if len(in) < 300 {
		t.Fatalf("got %d inputs, want the corpus's 216 files and more", len(in))
	}
	read := 0
	for name, data := range in {
		checkReadModel(t, name, data, answerfile.DefaultLimits)
		if m, _, _ := ReadModel(name, data, answerfile.DefaultLimits); m.AnswerFile {
			read++
		}
	}
	t.Logf("%d inputs, %d answer files", len(in), read)
	// The limits stop both readers at the same place.
	for _, lim := range []answerfile.Limits{{MaxDepth: 3}, {MaxElements: 5}, {MaxAttributes: 1}, {MaxBytes: 100}} {
		checkReadModel(t, "structure.xml", []byte(readModelEdges["structure.xml"]), lim)
	}
}

// TestReadModelEdges pins what the edges read to, so that a change that
// broke both readers alike would show.
func TestReadModelEdges(t *testing.T) {
	m, ds, err := ReadModel("namespaces.xml", []byte(readModelEdges["namespaces.xml"]), answerfile.DefaultLimits)
	if err != nil || ds != nil {
		t.Fatal(ds, err)
	}
	var conds []string
	for _, td := range m.Targets {
		for _, st := range td.States {
			for _, c := range st.Conditions {
				conds = append(conds, td.ID+":"+c.Name+"="+c.Value)
			}
		}
	}
	if got, want := strings.Join(conds, " "), "A:MCC=310 B:MCC=311"; got != want {
		t.Errorf("conditions %q, want %q (o:Condition, a default namespace of another URI and u: bound again are foreign; Target B is not)", got, want)
	}
	if len(m.Static) != 1 || m.Static[0].Value != "&\nx y" || m.Static[0].Source.Line != 10 {
		t.Errorf("Static = %+v, want the one setting of Path Q, value \"&\\nx y\" (line 10)", m.Static)
	}
	s, _, _ := ReadModel("structure.xml", []byte(readModelEdges["structure.xml"]), answerfile.DefaultLimits)
	if s.Imports != 2 || len(s.Targets) != 3 || len(s.Variants) != 2 || !reflect.DeepEqual(s.Variants[0].TargetRefs, []string{"T1", "T2", ""}) || len(s.Static) != 0 {
		t.Errorf("structure.xml = %+v", s)
	}
}

// FuzzReadModel: on any input, ReadModel reads what ParseLimits and
// ModelOf read.
func FuzzReadModel(f *testing.F) {
	for name, data := range readModelInputs(f) {
		if !strings.Contains(name, "corpus") || len(data) < 4096 {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkReadModel(t, "fuzz.xml", data, answerfile.DefaultLimits)
	})
}
