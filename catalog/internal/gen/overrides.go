package gen

import (
	"bytes"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/mcsf-dev/mcsf/catalog"
)

// overrides is the hand-kept part of the catalog (catalog/overrides.yaml):
// what only reading a page's prose tells. Every entry names its page.
type overrides struct {
	Owners         []ownerEntry   `yaml:"owners"`
	Exclude        []excludeEntry `yaml:"exclude"`
	Customizations []custEntry    `yaml:"customizations"`
	Settings       []settingEntry `yaml:"settings"`

	customizations map[string]custEntry
	used           map[*settingEntry]bool
}

// ownerEntry gives a setting that every sample repeats (Multivariant/Enable)
// to the one page that documents it; the other pages' samples only repeat it.
type ownerEntry struct {
	Page string `yaml:"page"`
	Path string `yaml:"path"`
	Name string `yaml:"name"` // "" for every setting of the group
}

// excludeEntry keeps what a page's sample names out of the catalog, with the reason.
type excludeEntry struct {
	Page string `yaml:"page"`
	Path string `yaml:"path"`
	Name string `yaml:"name"` // "" for the whole group
	Why  string `yaml:"why"`
}

type custEntry struct {
	Page        string  `yaml:"page"`
	ID          string  `yaml:"id"`
	Constraints *string `yaml:"constraints"`
}

type settingEntry struct {
	Page        string       `yaml:"page"`
	Path        string       `yaml:"path"`
	Name        string       `yaml:"name"`
	Add         bool         `yaml:"add"` // the page documents it, no sample names it
	Type        string       `yaml:"type"`
	Values      []valueEntry `yaml:"values"`
	Min         *uint32      `yaml:"min"`
	Max         *uint32      `yaml:"max"`
	Unit        string       `yaml:"unit"`
	Default     string       `yaml:"default"`
	Precedence  string       `yaml:"precedence"`
	Constraints string       `yaml:"constraints"`
	Doc         string       `yaml:"doc"`
}

type valueEntry struct {
	Value uint32 `yaml:"value"`
	Name  string `yaml:"name"`
	Doc   string `yaml:"doc"`
}

func parseOverrides(b []byte) (*overrides, error) {
	ov := &overrides{customizations: map[string]custEntry{}, used: map[*settingEntry]bool{}}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(ov); err != nil {
		return nil, fmt.Errorf("overrides: %w", err)
	}
	for _, c := range ov.Customizations {
		if c.Page == "" {
			return nil, fmt.Errorf("overrides: a customization entry has no page")
		}
		ov.customizations[c.Page] = c
	}
	for i, s := range ov.Settings {
		if s.Page == "" || s.Path == "" || s.Name == "" {
			return nil, fmt.Errorf("overrides: settings entry %d needs page, path and name", i+1)
		}
	}
	for _, e := range ov.Exclude {
		if e.Page == "" || e.Why == "" {
			return nil, fmt.Errorf("overrides: exclude %s needs page and why", e.Path)
		}
	}
	return ov, nil
}

func (ov *overrides) excluded(page, path, name string) bool {
	for _, e := range ov.Exclude {
		if e.Page == page && strings.EqualFold(e.Path, path) && (e.Name == "" || strings.EqualFold(e.Name, name)) {
			return true
		}
	}
	return false
}

// owns reports whether page keeps the setting name under path: false when another page owns it.
func (ov *overrides) owns(page, path, name string) bool {
	for _, o := range ov.Owners {
		if strings.EqualFold(o.Path, path) && (o.Name == "" || strings.EqualFold(o.Name, name)) {
			return o.Page == page
		}
	}
	return true
}

func (ov *overrides) hasSettings(page string) bool {
	for _, s := range ov.Settings {
		if s.Page == page && s.Add {
			return true
		}
	}
	return false
}

// apply completes c with the overrides of its page.
func (ov *overrides) apply(c *catalog.Customization) error {
	for i := range ov.Settings {
		e := &ov.Settings[i]
		if e.Page != c.Page {
			continue
		}
		ov.used[e] = true
		var g *catalog.Group
		for gi := range c.Groups {
			if strings.EqualFold(c.Groups[gi].Path, e.Path) {
				g = &c.Groups[gi]
			}
		}
		if g == nil {
			if !e.Add {
				return fmt.Errorf("overrides: %s: no group %s (add: true for one no sample names)", e.Page, e.Path)
			}
			c.Groups = append(c.Groups, catalog.Group{Path: e.Path, Scope: scopeOf(e.Path)})
			g = &c.Groups[len(c.Groups)-1]
		}
		s := g.Setting(e.Name)
		if s != nil && !strings.EqualFold(s.Name, e.Name) {
			s = nil // a pattern matched: the override names a setting of its own
		}
		switch {
		case s == nil && !e.Add:
			return fmt.Errorf("overrides: %s: no setting %s under %s (add: true for one no sample names)", e.Page, e.Name, e.Path)
		case s != nil && e.Add:
			return fmt.Errorf("overrides: %s: %s under %s is in the samples already: drop add", e.Page, e.Name, e.Path)
		case s == nil:
			g.Settings = append(g.Settings, catalog.Setting{Name: e.Name})
			s = &g.Settings[len(g.Settings)-1]
		}
		if err := e.set(s); err != nil {
			return fmt.Errorf("overrides: %s: %s: %w", e.Page, e.Name, err)
		}
	}
	return nil
}

func (e *settingEntry) set(s *catalog.Setting) error {
	s.Override = true
	if e.Type != "" {
		t := catalog.Type(e.Type)
		switch t {
		case catalog.DWORD, catalog.Enum, catalog.String, catalog.Binary, catalog.MultiSZ, catalog.AssetFile, catalog.Bitmask:
		default:
			return fmt.Errorf("type %q", e.Type)
		}
		s.Type = t
	}
	if e.Values != nil {
		s.Values = nil
		for _, v := range e.Values {
			s.Values = append(s.Values, catalog.Value{Value: v.Value, Name: v.Name, Doc: v.Doc})
		}
	}
	if e.Min != nil {
		s.Min, s.HasMin = *e.Min, true
	}
	if e.Max != nil {
		s.Max, s.HasMax = *e.Max, true
	}
	if e.Unit != "" {
		s.Unit = e.Unit
	}
	if e.Default != "" {
		s.Default = e.Default
	}
	switch e.Precedence {
	case "":
	case "device-wins":
		s.Precedence = catalog.DeviceWins
	case "imsi-wins":
		s.Precedence = catalog.IMSIWins
	default:
		return fmt.Errorf("precedence %q (imsi-wins or device-wins)", e.Precedence)
	}
	if e.Constraints != "" {
		c, _, ok := parseConstraints(e.Constraints)
		if !ok {
			return fmt.Errorf("constraints %q", e.Constraints)
		}
		s.Constraints = c
	}
	if e.Doc != "" {
		s.Doc = e.Doc
	}
	return nil
}

// unused reports an override whose page is not a customization.
func (ov *overrides) unused() error {
	for i := range ov.Settings {
		if e := &ov.Settings[i]; !ov.used[e] {
			return fmt.Errorf("overrides: page %s is not a customization with settings", e.Page)
		}
	}
	return nil
}
