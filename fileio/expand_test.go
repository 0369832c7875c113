package fileio

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestExpand: a walk keeps files of the extension (any case) in every
// subdirectory but hidden ones, never follows a link it finds, walks a
// directory named through a link, and returns each path once, sorted.
func TestExpand(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"b.xml", "a.XML", "notes.txt", "sub/c.xml", "sub/deep/d.xml", ".git/e.xml"} {
		p := filepath.Join(dir, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for link, target := range map[string]string{"sub/loop": "..", "sub/l.xml": "../b.xml", "../tree": filepath.Base(dir)} {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(filepath.Dir(dir))
	root := filepath.Base(dir)
	got, err := Expand([]string{root, root + "/b.xml", "tree", "-", root + "/notes.txt", root + "/**/c.xml"}, ".xml")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"-"}
	for _, r := range []string{root, "tree"} {
		want = append(want, r+"/a.XML", r+"/b.xml", r+"/sub/c.xml", r+"/sub/deep/d.xml")
	}
	want = append(want, root+"/notes.txt")
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("Expand:\n got %q\nwant %q", got, want)
	}
	if _, err := Expand([]string{"nosuch"}, ".xml"); err == nil || err.Error() != "nosuch: no such file or directory" {
		t.Errorf("Expand(nosuch) error = %v", err)
	}
	// Walk stops at found's first error and returns it as it is.
	stop := errors.New("stop")
	n := 0
	err = Walk([]string{root}, ".xml", func(string) error {
		if n++; n == 2 {
			return stop
		}
		return nil
	})
	if err != stop || n != 2 {
		t.Errorf("Walk: error %v after %d files, want %v after 2", err, n, stop)
	}
}
