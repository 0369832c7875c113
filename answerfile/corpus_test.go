package answerfile

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/beevik/etree"
)

// corpusDir finds ../shared/corpus from the repository root; tests skip with
// a note when it is absent (a fresh clone of the project alone).
func corpusDir(t testing.TB) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "..", "shared", "corpus"))
	if err == nil {
		if st, err := os.Stat(dir); err == nil && st.IsDir() {
			return dir
		}
	}
	t.Skipf("note: corpus not found at ../shared/corpus (from the repository root); skipping")
	return ""
}

type manifestRow struct {
	file  string
	expat string // "ok" or expat's message with (line N, col M)
	line  int
}

func readManifest(t *testing.T, dir string) []manifestRow {
	f, err := os.Open(filepath.Join(dir, "MANIFEST.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	lineRe := regexp.MustCompile(`\(line (\d+), col \d+\)`)
	var rows []manifestRow
	sc := bufio.NewScanner(f)
	var cols []string
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		if cols == nil {
			cols = fields
			continue
		}
		row := map[string]string{}
		for i, c := range cols {
			if i < len(fields) {
				row[c] = fields[i]
			}
		}
		r := manifestRow{file: row["file"], expat: row["xml_wellformed(expat)"]}
		if m := lineRe.FindStringSubmatch(r.expat); m != nil {
			fmt.Sscan(m[1], &r.line)
		}
		rows = append(rows, r)
	}
	if len(rows) < 270 {
		t.Fatalf("MANIFEST.tsv has %d rows, want the whole corpus", len(rows))
	}
	return rows
}

// TestCorpusAgreesWithExpat parses every corpus file: no panic; each file
// expat rejects gets one xml-syntax diagnostic on the line expat names (one
// exception: for a comment never closed, we point at where it opens, expat
// at where it gave up); each file expat accepts parses cleanly, and its
// round trip keeps the tree.
func TestCorpusAgreesWithExpat(t *testing.T) {
	dir := corpusDir(t)
	unclosedComment := map[string]int{"mcsf/settings-for-ims-services.xml": 72}
	for _, row := range readManifest(t, dir) {
		t.Run(row.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, row.file))
			if err != nil {
				t.Fatal(err)
			}
			doc, ds, err := Parse(row.file, data)
			if err != nil {
				t.Fatalf("Parse error: %v", err)
			}
			if row.expat == "ok" {
				if len(ds) > 0 {
					t.Fatalf("expat accepts it, we report %v", ds)
				}
				checkRoundTrip(t, doc)
				return
			}
			if len(ds) != 1 || ds[0].Rule != RuleXMLSyntax || ds[0].Line == 0 || ds[0].Column == 0 {
				t.Fatalf("expat rejects it (%s), we report %v", row.expat, ds)
			}
			want := row.line
			if l, ok := unclosedComment[row.file]; ok {
				want = l
			}
			if ds[0].Line != want {
				t.Errorf("got line %d (%s), expat says %s", ds[0].Line, ds[0].Message, row.expat)
			}
		})
	}
}

// TestIMSRetrySample pins the message a user gets for Microsoft's own IMSRetry sample.
func TestIMSRetrySample(t *testing.T) {
	dir := corpusDir(t)
	data, err := os.ReadFile(filepath.Join(dir, "mcsf", "ims-retry.xml"))
	if err != nil {
		t.Fatal(err)
	}
	_, ds, _ := Parse("ims-retry.xml", data)
	want := `ims-retry.xml:10:3: error: comment inside a comment: "<!--" opens a comment inside the comment that starts at line 8 [xml-syntax]`
	if len(ds) != 1 || ds[0].String() != want {
		t.Fatalf("got %v\nwant %s", ds, want)
	}
	if !strings.Contains(ds[0].Fix, "keep the one case you need") || len(ds[0].Related) != 1 || ds[0].Related[0].Line != 8 {
		t.Errorf("fix or related location missing: %+v", ds[0])
	}
}

// checkRoundTrip: parse → write → parse keeps the tree exactly; parse →
// format → parse keeps it up to layout white space; formatting is idempotent.
func checkRoundTrip(t testing.TB, doc *Document) {
	t.Helper()
	out, err := doc.Bytes()
	if err != nil {
		t.Fatalf("Bytes: %v", err)
	}
	back, ds, err := Parse(doc.Name, out)
	if err != nil || len(ds) > 0 {
		t.Fatalf("written output does not parse: %v %v\n%s", ds, err, out)
	}
	if diff := treeDiff(doc, back, false); diff != "" {
		t.Fatalf("round trip changed the tree: %s", diff)
	}
	formatted, err := doc.Format()
	if err != nil {
		t.Fatalf("Format: %v", err)
	}
	if want := formatByCopy(doc); string(formatted) != string(want) {
		t.Fatalf("Format differs from the etree re-indent:\n%s\nwant:\n%s", formatted, want)
	}
	fdoc, ds, err := Parse(doc.Name, formatted)
	if err != nil || len(ds) > 0 {
		t.Fatalf("formatted output does not parse: %v %v\n%s", ds, err, formatted)
	}
	if diff := treeDiff(doc, fdoc, true); diff != "" {
		t.Fatalf("format changed the tree: %s", diff)
	}
	again, _ := fdoc.Format()
	if string(again) != string(formatted) {
		t.Fatalf("format is not idempotent")
	}
}

// treeDiff describes the first difference between two trees ("" if none).
// With layout set, text is compared trimmed and blank text is ignored.
func treeDiff(a, b *Document, layout bool) string {
	fa, fb := flatten(&a.Tree.Element, layout), flatten(&b.Tree.Element, layout)
	for i := range min(len(fa), len(fb)) {
		if fa[i] != fb[i] {
			return fmt.Sprintf("token %d: %q != %q", i, fa[i], fb[i])
		}
	}
	if len(fa) != len(fb) {
		return fmt.Sprintf("%d tokens != %d tokens", len(fa), len(fb))
	}
	return ""
}

func flatten(e *etree.Element, layout bool) []string {
	var out []string
	for _, tok := range e.Child {
		switch c := tok.(type) {
		case *etree.Element:
			s := "<" + c.FullTag()
			for _, a := range c.Attr {
				s += fmt.Sprintf(" %s=%q", a.FullKey(), a.Value)
			}
			out = append(out, s+">")
			out = append(out, flatten(c, layout)...)
			out = append(out, "</"+c.FullTag()+">")
		case *etree.CharData:
			text := c.Data
			if layout {
				text = strings.TrimSpace(text)
				if text == "" {
					continue
				}
			}
			out = append(out, "text:"+text)
		case *etree.Comment:
			out = append(out, "comment:"+c.Data)
		case *etree.ProcInst:
			out = append(out, "pi:"+c.Target+" "+strings.Join(strings.Fields(c.Inst), " "))
		case *etree.Directive:
			out = append(out, "directive:"+c.Data)
		}
	}
	return out
}
