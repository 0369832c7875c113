package yaml

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	v3 "go.yaml.in/yaml/v3"
)

// diff_test.go: this package against go-yaml v3 on the same inputs: the
// whole node trees (kind, tag, value, style, anchor, alias target, line,
// column, content) and, for input both refuse, the line of the error.

// diffTree returns the first difference between our tree and v3's, "" for
// none.
func diffTree(ours *Node, theirs *v3.Node) string {
	seen := map[*Node]*v3.Node{}
	var walk func(a *Node, b *v3.Node, path string) string
	walk = func(a *Node, b *v3.Node, path string) string {
		if a == nil || b == nil {
			if a == nil && b == nil {
				return ""
			}
			return path + ": one node is nil"
		}
		seen[a] = b
		if uint32(a.Kind) != uint32(b.Kind) || uint32(a.Style) != uint32(b.Style) || a.Tag != b.Tag ||
			a.ShortTag() != b.ShortTag() || a.Value != b.Value || a.Anchor != b.Anchor || a.Line != b.Line || a.Column != b.Column {
			return path + ": ours " + describeNode(a.Kind, a.Style, a.Tag, a.ShortTag(), a.Value, a.Anchor, a.Line, a.Column) +
				", v3 " + describeNode(Kind(b.Kind), Style(b.Style), b.Tag, b.ShortTag(), b.Value, b.Anchor, b.Line, b.Column)
		}
		if (a.Alias == nil) != (b.Alias == nil) || a.Alias != nil && seen[a.Alias] != b.Alias {
			return path + ": alias targets differ"
		}
		if len(a.Content) != len(b.Content) {
			return path + ": " + strconv.Itoa(len(a.Content)) + " children, v3 " + strconv.Itoa(len(b.Content))
		}
		for i := range a.Content {
			if d := walk(a.Content[i], b.Content[i], path+"/"+strconv.Itoa(i)); d != "" {
				return d
			}
		}
		return ""
	}
	return walk(ours, theirs, "")
}

func describeNode(k Kind, st Style, tag, short, value, anchor string, line, col int) string {
	return "{kind " + strconv.Itoa(int(k)) + " style " + strconv.Itoa(int(st)) + " tag " + tag + " (" + short + ") value " +
		strconv.Quote(value) + " anchor " + anchor + " at " + strconv.Itoa(line) + ":" + strconv.Itoa(col) + "}"
}

// errLine is the line an error names, 0 for none.
func errLine(err error) int {
	msg := strings.TrimPrefix(err.Error(), "yaml: line ")
	if n, _, ok := strings.Cut(msg, ":"); ok {
		if l, err := strconv.Atoi(n); err == nil {
			return l
		}
	}
	return 0
}

// compareUnmarshal reads data with both; "" when they agree.
func compareUnmarshal(data []byte) string {
	var ours Node
	var theirs v3.Node
	errOurs := Unmarshal(data, &ours)
	errTheirs := v3.Unmarshal(data, &theirs)
	switch {
	case errOurs == nil && errTheirs == nil:
		return diffTree(&ours, &theirs)
	case errOurs != nil && errTheirs != nil:
		if l := errLine(errTheirs); l != 0 && l != errLine(errOurs) {
			return "errors on different lines: ours " + errOurs.Error() + ", v3 " + errTheirs.Error()
		}
		return ""
	case errOurs != nil:
		return "ours fails, v3 does not: " + errOurs.Error()
	}
	return "v3 fails, ours does not: " + errTheirs.Error()
}

// compareDecoder reads every document of data with both decoders.
func compareDecoder(data []byte) string {
	ours := NewDecoder(bytes.NewReader(data))
	theirs := v3.NewDecoder(bytes.NewReader(data))
	for i := 0; ; i++ {
		var a Node
		var b v3.Node
		errA, errB := ours.Decode(&a), theirs.Decode(&b)
		if errors.Is(errA, io.EOF) != errors.Is(errB, io.EOF) || (errA == nil) != (errB == nil) {
			return "document " + strconv.Itoa(i) + ": ours " + errString(errA) + ", v3 " + errString(errB)
		}
		if errA != nil {
			if l := errLine(errB); l != 0 && !errors.Is(errA, io.EOF) && l != errLine(errA) {
				return "document " + strconv.Itoa(i) + ": errors on different lines: ours " + errA.Error() + ", v3 " + errB.Error()
			}
			return ""
		}
		if d := diffTree(&a, &b); d != "" {
			return "document " + strconv.Itoa(i) + d
		}
	}
}

func errString(err error) string {
	if err == nil {
		return "no error"
	}
	return err.Error()
}

// repoInputs returns every YAML and JSON file of the repository's testdata
// and templates, and every file of the testscripts that is YAML or JSON.
func repoInputs(t *testing.T) map[string][]byte {
	inputs := map[string][]byte{}
	root := filepath.Join("..", "..")
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		switch filepath.Ext(path) {
		case ".yaml", ".yml", ".json":
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			inputs[path] = data
		case ".txtar":
			a, err := txtar.ParseFile(path)
			if err != nil {
				return err
			}
			for _, f := range a.Files {
				switch filepath.Ext(f.Name) {
				case ".yaml", ".yml", ".json", ".txt", "":
					inputs[path+":"+f.Name] = f.Data
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return inputs
}

func TestAgainstV3RepoFiles(t *testing.T) {
	inputs := repoInputs(t)
	if len(inputs) < 100 {
		t.Fatalf("found %d inputs, expected the repository's YAML files and testscripts", len(inputs))
	}
	for name, data := range inputs {
		if d := compareUnmarshal(data); d != "" {
			t.Errorf("%s: %s", name, d)
		}
		if d := compareDecoder(data); d != "" {
			t.Errorf("%s (decoder): %s", name, d)
		}
	}
}

func TestDiffTreeSeesDifferences(t *testing.T) {
	var ours Node
	var theirs v3.Node
	if err := Unmarshal([]byte("a: 1\n"), &ours); err != nil {
		t.Fatal(err)
	}
	if err := v3.Unmarshal([]byte("a: 2\n"), &theirs); err != nil {
		t.Fatal(err)
	}
	if diffTree(&ours, &theirs) == "" {
		t.Error("diffTree found no difference between a: 1 and a: 2")
	}
}
