package catalog

import "encoding/json"

// MarshalJSON writes the constraints as a list of their names ([] for None).
func (c Constraint) MarshalJSON() ([]byte, error) {
	out := []string{}
	for _, n := range constraintNames {
		if c&n.c != 0 {
			out = append(out, n.name)
		}
	}
	return json.Marshal(out)
}

// MarshalJSON writes "imsi-wins" or "device-wins".
func (p Precedence) MarshalJSON() ([]byte, error) {
	if p == DeviceWins {
		return []byte(`"device-wins"`), nil
	}
	return []byte(`"imsi-wins"`), nil
}

// MarshalJSON writes the setting with its bounds only where set.
func (s Setting) MarshalJSON() ([]byte, error) {
	type value struct {
		Value uint32 `json:"value"`
		Name  string `json:"name,omitempty"`
		Doc   string `json:"doc,omitempty"`
	}
	out := struct {
		Name        string      `json:"name"`
		Type        Type        `json:"type"`
		Values      []value     `json:"values,omitempty"`
		Min         *uint32     `json:"min,omitempty"`
		Max         *uint32     `json:"max,omitempty"`
		Unit        string      `json:"unit,omitempty"`
		Default     string      `json:"default,omitempty"`
		Precedence  *Precedence `json:"precedence,omitempty"` // only where the per-device value wins
		Constraints Constraint  `json:"constraints"`
		Doc         string      `json:"doc,omitempty"`
		Override    bool        `json:"override,omitempty"`
	}{Name: s.Name, Type: s.Type, Unit: s.Unit, Default: s.Default,
		Constraints: s.Constraints, Doc: s.Doc, Override: s.Override}
	if out.Type == Unknown {
		out.Type = "unknown"
	}
	for _, v := range s.Values {
		out.Values = append(out.Values, value(v))
	}
	if s.Precedence == DeviceWins {
		out.Precedence = &s.Precedence
	}
	if s.HasMin {
		out.Min = &s.Min
	}
	if s.HasMax {
		out.Max = &s.Max
	}
	return json.Marshal(out)
}

// MarshalJSON writes a group with its path, scope and settings.
func (g Group) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Path     string    `json:"path"`
		Scope    Scope     `json:"scope"`
		Settings []Setting `json:"settings"`
	}{g.Path, g.Scope, g.Settings})
}

// MarshalJSON writes a customization with its page URL.
func (c Customization) MarshalJSON() ([]byte, error) {
	scopes := c.Scopes
	if scopes == nil {
		scopes = []Scope{}
	}
	return json.Marshal(struct {
		ID          string     `json:"id"`
		Title       string     `json:"title"`
		URL         string     `json:"url"`
		Constraints Constraint `json:"constraints"`
		Stated      bool       `json:"constraintsStated"`
		Scopes      []Scope    `json:"scopes"`
		Groups      []Group    `json:"groups"`
	}{c.ID, c.Title, c.URL(), c.Constraints, c.Stated, scopes, c.Groups})
}
