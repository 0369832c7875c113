package cli

import (
	"os"
	"path/filepath"
	"slices"

	"github.com/mcsf-dev/mcsf/report"
)

// checkout_paths.go: the file names that CI services read (SARIF, GitHub and
// Azure annotations, checkstyle, GitLab Code Quality) are relative to the
// checkout, not to the directory mcsf runs in: a step with
// working-directory: answers/ that prints a.xml would point the annotation
// at the checkout's a.xml.

// checkoutFormats are the formats whose paths a CI service resolves
// against the root of the checkout.
var checkoutFormats = []string{"sarif", "github", "azure", "checkstyle", "codeclimate"}

// gitRoot returns the nearest directory at or above dir that holds .git
// (a directory, or the file of a worktree), or "" when there is none.
func gitRoot(dir string) string {
	for d := dir; ; {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return ""
		}
		d = parent
	}
}

// checkoutPrefix is what to put before the relative file names of a run in
// wd so that they are relative to the checkout: --path-prefix when given,
// else wd's place in its git checkout; and the checkout's root, which
// absolute names are made relative to ("" to leave wd).
func checkoutPrefix(flag string, flagSet bool, wd string) (prefix, root string) {
	if flagSet {
		return filepath.FromSlash(flag), ""
	}
	top := gitRoot(wd)
	if top == "" || top == wd {
		return "", ""
	}
	rel, err := filepath.Rel(top, wd)
	if err != nil {
		return "", ""
	}
	return rel, top
}

// inCheckout returns a copy of r whose relative file names start with
// prefix, and whose Root is root when root is not "". r is not changed.
func inCheckout(r *report.Report, prefix, root string) *report.Report {
	if prefix == "" && root == "" {
		return r
	}
	name := func(f string) string {
		if f == "" || f == "-" || filepath.IsAbs(f) || prefix == "" {
			return f
		}
		return filepath.Join(prefix, f)
	}
	c := *r
	if root != "" {
		c.Root = root
	}
	c.FileNames = make([]string, len(r.FileNames))
	for i, f := range r.FileNames {
		c.FileNames[i] = name(f)
	}
	c.Diagnostics = slices.Clone(r.Diagnostics)
	for i := range c.Diagnostics {
		d := &c.Diagnostics[i]
		d.File = name(d.File)
		if len(d.Related) > 0 {
			d.Related = slices.Clone(d.Related)
			for j := range d.Related {
				d.Related[j].File = name(d.Related[j].File)
			}
		}
	}
	c.Sources = make(report.Sources, len(r.Sources))
	for f, s := range r.Sources {
		c.Sources[name(f)] = s
	}
	return &c
}
