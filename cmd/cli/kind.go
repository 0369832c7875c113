package cli

import (
	"bytes"
	"encoding/binary"
	"io"
	"os"
	"slices"
	"unicode/utf16"

	"github.com/mcsf-dev/mcsf/internal/yaml"
)

// kind.go: recognising a file given to the wrong command (a spec to lint,
// an answer file to generate), so that the error names the right command
// instead of reporting the first byte the parser did not expect.

type fileKind int

const (
	kindUnknown    fileKind = iota
	kindAnswerFile          // XML whose root is ImageCustomizations
	kindOtherXML            // any other XML
	kindSpec                // a YAML or JSON mapping with the keys of a generate spec
	kindConfig              // a YAML mapping with the keys of .mcsf.yaml
)

// sniffKind tells what data is from its first bytes and, for YAML and
// JSON, its top-level keys. It never fails: kindUnknown when it cannot tell.
func sniffKind(data []byte) fileKind {
	text := bytes.TrimLeft(sniffText(data), " \t\r\n")
	if bytes.HasPrefix(text, []byte("<")) {
		if bytes.Contains(text[:min(len(text), 4096)], []byte("<ImageCustomizations")) {
			return kindAnswerFile
		}
		return kindOtherXML
	}
	top := topKeys(data)
	for _, k := range []string{"operators", "device", "ownerType"} {
		if slices.Contains(top, k) {
			return kindSpec
		}
	}
	for _, k := range []string{"fail-on", "disable", "severity", "strict"} {
		if slices.Contains(top, k) {
			return kindConfig
		}
	}
	return kindUnknown
}

// sniffText is the start of data as UTF-8: without a UTF-8 byte-order
// mark, and UTF-16 with a byte-order mark decoded (Notepad's "Unicode",
// which Windows editors write for answer files and specs alike), its first
// 4,096 units.
func sniffText(data []byte) []byte {
	var order binary.ByteOrder
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		order = binary.LittleEndian
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		order = binary.BigEndian
	default:
		return bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	}
	units := make([]uint16, min(len(data)-2, 8192)/2)
	for i := range units {
		units[i] = order.Uint16(data[2+2*i:])
	}
	return []byte(string(utf16.Decode(units)))
}

// topKeys returns the keys of the mapping that data's first YAML document
// is; none when it is not one, does not parse, or names a key twice.
func topKeys(data []byte) []string {
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil
	}
	m := doc.Content[0]
	keys := make([]string, 0, len(m.Content)/2)
	for i := 0; i+1 < len(m.Content); i += 2 {
		if k := m.Content[i]; k.Kind == yaml.ScalarNode {
			if slices.Contains(keys, k.Value) {
				return nil
			}
			keys = append(keys, k.Value)
		}
	}
	return keys
}

// wrongKindForAnswerFile returns a usage error when data, read from name
// for a command that takes answer files, is a spec or a configuration.
func wrongKindForAnswerFile(name string, data []byte) error {
	switch sniffKind(data) {
	case kindSpec:
		return usageError("%s is a spec, not an answer file: use mcsf generate %s to write its answer file", name, name)
	case kindConfig:
		return usageError("%s is an mcsf configuration, not an answer file: use mcsf lint --config %s FILE...", name, name)
	}
	return nil
}

// wrongKindForSpec returns a usage error when data, read from name for a
// command that takes a spec, is XML.
func wrongKindForSpec(name string, data []byte) error {
	switch sniffKind(data) {
	case kindAnswerFile:
		return usageError("%s is an answer file, not a spec: use mcsf lint %s to check it, or mcsf import-spec %s to write its spec", name, name, name)
	case kindOtherXML:
		return usageError("%s is XML, not a spec: a spec is YAML or JSON (see mcsf generate --help)", name)
	case kindConfig:
		return usageError("%s is an mcsf configuration, not a spec (see mcsf generate --help)", name)
	}
	return nil
}

// peek reads the first 64 KiB of the regular file at path, enough for
// sniffKind; nil when it is not a regular file or cannot be read (the
// command's own read reports why). A FIFO is never opened: that would wait
// for a writer.
func peek(path string) []byte {
	if st, err := os.Stat(path); err != nil || !st.Mode().IsRegular() {
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	b, _ := io.ReadAll(io.LimitReader(f, 64<<10))
	return b
}
