//go:build unix

package fileio_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/mcsf-dev/mcsf/fileio"
)

// writeCase sets up a directory and returns the path to write and the options.
type writeCase struct {
	name  string
	setup func(t *testing.T, dir string) (string, fileio.WriteOptions)
	want  string // error, or "" for success
	check func(t *testing.T, dir string, res fileio.WriteResult)
}

func mustWrite(t *testing.T, path, content string, perm os.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), perm); err != nil {
		t.Fatal(err)
	}
}

func content(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestWriteFile(t *testing.T) {
	tests := []writeCase{
		{name: "new file", setup: func(t *testing.T, dir string) (string, fileio.WriteOptions) {
			return filepath.Join(dir, "out.xml"), fileio.WriteOptions{}
		}, check: func(t *testing.T, dir string, _ fileio.WriteResult) {
			st, _ := os.Stat(filepath.Join(dir, "out.xml"))
			if got := content(t, filepath.Join(dir, "out.xml")); got != "new" || st.Mode().Perm() != 0o644 {
				t.Errorf("got %q mode %v, want \"new\" mode 0644", got, st.Mode().Perm())
			}
		}},
		{name: "output is the input", setup: func(t *testing.T, dir string) (string, fileio.WriteOptions) {
			p := filepath.Join(dir, "spec.yaml")
			mustWrite(t, p, "old", 0o644)
			return p, fileio.WriteOptions{Inputs: []string{p}}
		}, want: "spec.yaml: it is the input spec.yaml (write the result to another file); not written"},
		{name: "output is a hard link of the input", setup: func(t *testing.T, dir string) (string, fileio.WriteOptions) {
			p := filepath.Join(dir, "spec.yaml")
			mustWrite(t, p, "old", 0o644)
			os.Link(p, filepath.Join(dir, "hard.yaml"))
			return filepath.Join(dir, "hard.yaml"), fileio.WriteOptions{Inputs: []string{p}}
		}, want: "hard.yaml: it is the same file as the input spec.yaml (write the result to another file); not written"},
		{name: "output is a symlink to the input", setup: func(t *testing.T, dir string) (string, fileio.WriteOptions) {
			p := filepath.Join(dir, "spec.yaml")
			mustWrite(t, p, "old", 0o644)
			os.Symlink("spec.yaml", filepath.Join(dir, "link.yaml"))
			return filepath.Join(dir, "link.yaml"), fileio.WriteOptions{Inputs: []string{p}}
		}, want: "link.yaml: it is the same file as the input spec.yaml (write the result to another file); not written"},
		{name: "fifo", setup: func(t *testing.T, dir string) (string, fileio.WriteOptions) {
			p := filepath.Join(dir, "fifo")
			syscall.Mkfifo(p, 0o644)
			return p, fileio.WriteOptions{}
		}, want: "fifo: it is a named pipe (FIFO), not a regular file; not written"},
		{name: "directory", setup: func(t *testing.T, dir string) (string, fileio.WriteOptions) {
			p := filepath.Join(dir, "d")
			os.Mkdir(p, 0o755)
			return p, fileio.WriteOptions{}
		}, want: "d: it is a directory, not a regular file; not written"},
		{name: "symlink to a fifo", setup: func(t *testing.T, dir string) (string, fileio.WriteOptions) {
			syscall.Mkfifo(filepath.Join(dir, "fifo"), 0o644)
			os.Symlink("fifo", filepath.Join(dir, "l"))
			return filepath.Join(dir, "l"), fileio.WriteOptions{}
		}, want: "l: it is a named pipe (FIFO), not a regular file; not written"},
		{name: "symlink written through, link kept", setup: func(t *testing.T, dir string) (string, fileio.WriteOptions) {
			os.Mkdir(filepath.Join(dir, "sub"), 0o755)
			mustWrite(t, filepath.Join(dir, "sub", "real.xml"), "old", 0o640)
			os.Symlink("sub/real.xml", filepath.Join(dir, "l.xml"))
			return filepath.Join(dir, "l.xml"), fileio.WriteOptions{Expect: []byte("old")}
		}, check: func(t *testing.T, dir string, res fileio.WriteResult) {
			if st, err := os.Lstat(filepath.Join(dir, "l.xml")); err != nil || st.Mode()&os.ModeSymlink == 0 {
				t.Errorf("l.xml is no longer a symbolic link")
			}
			st, _ := os.Stat(filepath.Join(dir, "sub", "real.xml"))
			if got := content(t, filepath.Join(dir, "sub", "real.xml")); got != "new" || st.Mode().Perm() != 0o640 {
				t.Errorf("target: got %q mode %v, want \"new\" mode 0640", got, st.Mode().Perm())
			}
			if res.Target != filepath.Join(dir, "sub", "real.xml") {
				t.Errorf("Target: got %s", res.Target)
			}
		}},
		{name: "dangling symlink creates its target", setup: func(t *testing.T, dir string) (string, fileio.WriteOptions) {
			os.Symlink("made.xml", filepath.Join(dir, "l.xml"))
			return filepath.Join(dir, "l.xml"), fileio.WriteOptions{}
		}, check: func(t *testing.T, dir string, _ fileio.WriteResult) {
			if got := content(t, filepath.Join(dir, "made.xml")); got != "new" {
				t.Errorf("made.xml: got %q", got)
			}
		}},
		{name: "symlink loop", setup: func(t *testing.T, dir string) (string, fileio.WriteOptions) {
			os.Symlink("b", filepath.Join(dir, "a"))
			os.Symlink("a", filepath.Join(dir, "b"))
			return filepath.Join(dir, "a"), fileio.WriteOptions{}
		}, want: "a: more than 40 symbolic links; not written"},
		{name: "hard link refused", setup: func(t *testing.T, dir string) (string, fileio.WriteOptions) {
			p := filepath.Join(dir, "a.xml")
			mustWrite(t, p, "old", 0o644)
			os.Link(p, filepath.Join(dir, "b.xml"))
			return p, fileio.WriteOptions{}
		}, want: "a.xml: the file has 1 other hard link, which would keep the old content (--force replaces it anyway); not written"},
		{name: "hard link broken when allowed", setup: func(t *testing.T, dir string) (string, fileio.WriteOptions) {
			p := filepath.Join(dir, "a.xml")
			mustWrite(t, p, "old", 0o644)
			os.Link(p, filepath.Join(dir, "b.xml"))
			return p, fileio.WriteOptions{BreakLinks: true}
		}, check: func(t *testing.T, dir string, res fileio.WriteResult) {
			if res.BrokenLinks != 1 || content(t, filepath.Join(dir, "b.xml")) != "old" || content(t, filepath.Join(dir, "a.xml")) != "new" {
				t.Errorf("got BrokenLinks %d, b.xml %q, a.xml %q; want 1, old, new", res.BrokenLinks, content(t, filepath.Join(dir, "b.xml")), content(t, filepath.Join(dir, "a.xml")))
			}
		}},
		{name: "changed since read", setup: func(t *testing.T, dir string) (string, fileio.WriteOptions) {
			p := filepath.Join(dir, "a.xml")
			mustWrite(t, p, "edited", 0o644)
			return p, fileio.WriteOptions{Expect: []byte("old")}
		}, want: "a.xml: the file changed since it was read; not written"},
		{name: "grown since read", setup: func(t *testing.T, dir string) (string, fileio.WriteOptions) {
			p := filepath.Join(dir, "a.xml")
			mustWrite(t, p, "old and more", 0o644)
			return p, fileio.WriteOptions{Expect: []byte("old")}
		}, want: "a.xml: the file changed since it was read; not written"},
		{name: "read-only", setup: func(t *testing.T, dir string) (string, fileio.WriteOptions) {
			p := filepath.Join(dir, "a.xml")
			mustWrite(t, p, "old", 0o444)
			return p, fileio.WriteOptions{}
		}, want: "a.xml: the file is read-only; not written"},
		{name: "mode and setgid kept", setup: func(t *testing.T, dir string) (string, fileio.WriteOptions) {
			p := filepath.Join(dir, "a.xml")
			mustWrite(t, p, "old", 0o600)
			os.Chmod(p, 0o620|os.ModeSetgid)
			return p, fileio.WriteOptions{}
		}, check: func(t *testing.T, dir string, _ fileio.WriteResult) {
			st, _ := os.Stat(filepath.Join(dir, "a.xml"))
			if st.Mode()&(os.ModePerm|os.ModeSetgid) != 0o620|os.ModeSetgid {
				t.Errorf("mode: got %v, want 0620 with setgid", st.Mode())
			}
		}},
		{name: "stale temporary files removed, live and foreign ones kept", setup: func(t *testing.T, dir string) (string, fileio.WriteOptions) {
			mustWrite(t, filepath.Join(dir, ".a.xml.mcsf-tmp-2147483646-123"), "x", 0o600) // no such process
			mustWrite(t, filepath.Join(dir, ".a.xml.mcsf-tmp-1-123"), "x", 0o600)          // init runs
			mustWrite(t, filepath.Join(dir, ".b.xml.mcsf-tmp-2147483646-123"), "x", 0o600) // another file's
			mustWrite(t, filepath.Join(dir, ".a.xml.mcsf-tmp-x-123"), "x", 0o600)          // not of the naming
			return filepath.Join(dir, "a.xml"), fileio.WriteOptions{}
		}, check: func(t *testing.T, dir string, res fileio.WriteResult) {
			if len(res.Removed) != 1 || filepath.Base(res.Removed[0]) != ".a.xml.mcsf-tmp-2147483646-123" {
				t.Errorf("Removed: got %v, want the one of process 2147483646", res.Removed)
			}
			entries, _ := os.ReadDir(dir)
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			if got := strings.Join(names, " "); got != ".a.xml.mcsf-tmp-1-123 .a.xml.mcsf-tmp-x-123 .b.xml.mcsf-tmp-2147483646-123 a.xml" {
				t.Errorf("directory: got %s", got)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path, opts := tt.setup(t, dir)
			res, err := fileio.WriteFile(path, []byte("new"), opts)
			got := ""
			if err != nil {
				got = strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), "")
			}
			if got != tt.want {
				t.Fatalf("got error %q, want %q", got, tt.want)
			}
			if tt.want != "" {
				var re *fileio.RefusedError
				if !errors.As(err, &re) {
					t.Errorf("error %T is not a RefusedError", err)
				}
			}
			if tt.check != nil {
				tt.check(t, dir, res)
			}
		})
	}
}

// TestWriteFileDevice checks that a device node is refused, not replaced; it
// makes its own node, which only root may.
func TestWriteFileDevice(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "null")
	if err := syscall.Mknod(p, syscall.S_IFCHR|0o666, 1<<8|3); err != nil {
		t.Skipf("mknod needs root: %v", err)
	}
	_, err := fileio.WriteFile(p, []byte("new"), fileio.WriteOptions{})
	if want := p + ": it is a character device, not a regular file; not written"; err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
	if st, err := os.Lstat(p); err != nil || st.Mode()&os.ModeCharDevice == 0 {
		t.Errorf("the device node was replaced: %v", st.Mode())
	}
}

// TestWriteFileOwner checks that the owner and group survive a rewrite by
// root (who may set them).
func TestWriteFileOwner(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("only root can give a file another owner")
	}
	p := filepath.Join(t.TempDir(), "a.xml")
	mustWrite(t, p, "old", 0o644)
	if err := os.Chown(p, 1234, 5678); err != nil {
		t.Fatal(err)
	}
	if _, err := fileio.WriteFile(p, []byte("new"), fileio.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(p)
	s := st.Sys().(*syscall.Stat_t)
	if s.Uid != 1234 || s.Gid != 5678 {
		t.Errorf("owner: got %d:%d, want 1234:5678", s.Uid, s.Gid)
	}
}
