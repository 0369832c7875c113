package yaml

import (
	"bytes"
	"testing"

	v3 "go.yaml.in/yaml/v3"
)

// FuzzEncode: the tree of every input this package reads is written as v3
// writes it.
func FuzzEncode(f *testing.F) {
	for _, in := range edgeCases {
		f.Add([]byte(in))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var n Node
		if Unmarshal(data, &n) != nil || n.Kind == 0 {
			return
		}
		var a, b bytes.Buffer
		ea, eb := NewEncoder(&a), v3.NewEncoder(&b)
		ea.SetIndent(2)
		eb.SetIndent(2)
		errA, errB := ea.Encode(&n), eb.Encode(toV3(&n, map[*Node]*v3.Node{}))
		if errB != nil {
			return // v3 refuses some trees (aliases to unknown anchors, ...)
		}
		if errA != nil || a.String() != b.String() {
			t.Errorf("%q:\nours (%v):\n%s\nv3:\n%s", data, errA, a.String(), b.String())
		}
	})
}
