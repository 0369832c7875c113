package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReadFile holds readFile (plain system calls on Unix) to what reading
// through os.Open gives: the same bytes, the same errors.
func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	big := strings.Repeat("<a/>\n", 3000)
	cases := []struct {
		name  string
		path  string
		limit int64
	}{
		{"small", write("small.xml", "<a/>\n"), 100},
		{"empty", write("empty.xml", ""), 100},
		{"at the limit", write("ten.xml", "0123456789"), 10},
		{"over the limit", write("eleven.xml", "0123456789a"), 10},
		{"larger than one read", write("big.xml", big), int64(len(big))},
		{"directory", dir, 100},
		{"missing", filepath.Join(dir, "nosuch.xml"), 100},
		{"under a file", filepath.Join(dir, "small.xml", "x.xml"), 100},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := input{path: c.path, display: "shown-" + filepath.Base(c.path)}
			got, gotErr := readFile(in, c.limit)
			want, wantErr := readByOS(in, c.limit)
			if !bytes.Equal(got, want) || fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
				t.Errorf("readFile(%s, limit %d): got %q, %v; want %q, %v", c.name, c.limit, got, gotErr, want, wantErr)
			}
		})
	}
}
