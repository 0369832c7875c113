package templates

import (
	"bytes"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/mcsf-dev/mcsf/internal/yaml"
)

// MarshalSpec writes s as a YAML spec in the layout of the documented
// example: the keys in the order of the format, imsRetry values and match
// entries in flow style ({mcc: "310", mnc: "410"}), condition values always
// quoted. header, when not empty, becomes a comment at the top (one "# "
// line per line). ReadSpec reads the result back to an equal Spec.
func MarshalSpec(s *Spec, header string) ([]byte, error) {
	root := mapping(false)
	if header != "" {
		root.HeadComment = header
	}
	add(root, "name", str(s.Name))
	if s.Description != "" {
		add(root, "description", str(s.Description))
	}
	add(root, "owner", str(s.Owner))
	add(root, "ownerType", str(s.OwnerType))
	if s.Device != nil && (s.Device.IMSRetry != nil || len(s.Device.Settings) > 0) {
		device := mapping(false)
		if s.Device.IMSRetry != nil {
			add(device, "imsRetry", imsRetryNode(s.Device.IMSRetry))
		}
		if len(s.Device.Settings) > 0 {
			add(device, "settings", settingsNode(s.Device.Settings))
		}
		add(root, "device", device)
	}
	if len(s.Operators) > 0 {
		ops := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		for _, op := range s.Operators {
			o := mapping(false)
			add(o, "name", str(op.Name))
			match := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
			for _, m := range op.Match {
				match.Content = append(match.Content, matchNode(&m))
			}
			add(o, "match", match)
			if op.IMSRetry != nil {
				add(o, "imsRetry", imsRetryNode(op.IMSRetry))
			}
			if op.MMSAutoRetry != nil {
				add(o, "mmsAutoRetry", boolean(*op.MMSAutoRetry))
			}
			if len(op.Settings) > 0 {
				add(o, "settings", settingsNode(op.Settings))
			}
			ops.Content = append(ops.Content, o)
		}
		add(root, "operators", ops)
	}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func mapping(flow bool) *yaml.Node {
	n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	if flow {
		n.Style = yaml.FlowStyle
	}
	return n
}

func add(m *yaml.Node, key string, v *yaml.Node) {
	m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key}, v)
}

// yaml11Bools are the words YAML 1.1 readers take for booleans; quoting
// them keeps the spec a string for every reader.
var yaml11Bools = []string{"y", "n", "yes", "no", "on", "off"}

// str is a string scalar, quoted where a YAML reader could take it for
// something else.
func str(v string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v}
	if slices.Contains(yaml11Bools, strings.ToLower(v)) {
		n.Style = yaml.DoubleQuotedStyle
	}
	return n
}

func quoted(v string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v, Style: yaml.DoubleQuotedStyle}
}

func boolean(b bool) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(b)}
}

func imsRetryNode(r *IMSRetry) *yaml.Node {
	n := mapping(true)
	if r.AttemptThresholdForIMS != nil {
		add(n, "attemptThresholdForIMS", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int",
			Value: strconv.FormatUint(uint64(*r.AttemptThresholdForIMS), 10)})
	}
	if r.RetryEnabled != nil {
		add(n, "retryEnabled", boolean(*r.RetryEnabled))
	}
	return n
}

func matchNode(m *Match) *yaml.Node {
	n := mapping(true)
	var other *yaml.Node
	for _, c := range m.List() {
		if name, ok := strings.CutPrefix(c.Key, "conditions/"); ok {
			if other == nil {
				other = mapping(true)
			}
			add(other, name, quoted(m.Conditions[name]))
			continue
		}
		add(n, c.Key, quoted(c.Value))
	}
	if other != nil {
		add(n, "conditions", other)
	}
	return n
}

// settingsNode writes settings one path a line, sorted, each a flow mapping
// of its settings sorted by name: {HideCallForwarding: 1}. A value is a
// number where it is a plain decimal DWORD, else a quoted string (so "0x1"
// and "01" stay as written).
func settingsNode(ss Settings) *yaml.Node {
	n := mapping(false)
	for _, path := range slices.Sorted(maps.Keys(ss)) {
		group := mapping(true)
		for _, name := range slices.Sorted(maps.Keys(ss[path])) {
			add(group, name, settingValueNode(string(ss[path][name])))
		}
		add(n, path, group)
	}
	return n
}

func settingValueNode(v string) *yaml.Node {
	if n, err := strconv.ParseUint(v, 10, 32); err == nil && strconv.FormatUint(n, 10) == v {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: v}
	}
	return quoted(v)
}
