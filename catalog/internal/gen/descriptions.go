package gen

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/mcsf-dev/mcsf/catalog"
)

// descriptions are the one-line descriptions of catalog/descriptions.yaml,
// in mcsf's words: page -> setting name (as the catalog spells it) -> line.
// One line serves every group of the page that has the setting (its per-IMSI
// and per-device groups alike); an overrides entry's doc wins over it.
type descriptions struct {
	lines map[string]map[string]string
	used  map[[2]string]bool
}

func parseDescriptions(b []byte) (*descriptions, error) {
	d := &descriptions{used: map[[2]string]bool{}}
	if err := yaml.NewDecoder(bytes.NewReader(b)).Decode(&d.lines); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("descriptions: %w", err)
	}
	for page, names := range d.lines {
		for name, line := range names {
			switch {
			case strings.TrimSpace(line) == "":
				return nil, fmt.Errorf("descriptions: %s: %s is empty", page, name)
			case strings.ContainsAny(line, "\n"):
				return nil, fmt.Errorf("descriptions: %s: %s is more than one line", page, name)
			}
		}
	}
	return d, nil
}

// apply gives every setting of c without a doc the page's line for its name.
func (d *descriptions) apply(c *catalog.Customization) {
	names := d.lines[c.Page]
	for gi := range c.Groups {
		for si := range c.Groups[gi].Settings {
			s := &c.Groups[gi].Settings[si]
			line, ok := names[s.Name]
			if ok {
				d.used[[2]string{c.Page, s.Name}] = true
			}
			if ok && s.Doc == "" {
				s.Doc = line
			}
		}
	}
}

// unused reports a line whose page and name are no setting of the catalog
// (a misspelt key would otherwise go unnoticed).
func (d *descriptions) unused() error {
	var out []string
	for page, names := range d.lines {
		for name := range names {
			if !d.used[[2]string{page, name}] {
				out = append(out, page+": "+name)
			}
		}
	}
	if len(out) == 0 {
		return nil
	}
	slices.Sort(out)
	return fmt.Errorf("descriptions: no such setting in the catalog: %s", strings.Join(out, ", "))
}
