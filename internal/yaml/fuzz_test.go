package yaml

import (
	"bytes"
	"errors"
	"io"
	"testing"

	v3 "go.yaml.in/yaml/v3"
)

// FuzzParse: no input makes the parser panic or hang, and where both this
// package and v3 read a document, the trees are the same.
func FuzzParse(f *testing.F) {
	for _, in := range edgeCases {
		f.Add([]byte(in))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var ours Node
		var theirs v3.Node
		errOurs := Unmarshal(data, &ours)
		if errOurs == nil && v3.Unmarshal(data, &theirs) == nil {
			if d := diffTree(&ours, &theirs); d != "" {
				t.Errorf("%q: %s", data, d)
			}
		}
		dec := NewDecoder(bytes.NewReader(data))
		for range 100 {
			var n Node
			if err := dec.Decode(&n); err != nil {
				if errors.Is(err, io.EOF) {
					return
				}
				return
			}
		}
	})
}
