package yaml

import (
	"bytes"
	"errors"
	"io"
	"testing"
	"time"

	v3 "go.yaml.in/yaml/v3"
)

// FuzzParse: no input makes the parser panic or hang, and where both this
// package and v3 read a document, the trees are the same.
func FuzzParse(f *testing.F) {
	for _, in := range append(edgeCases, utf16Cases()...) {
		f.Add([]byte(in))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		done := make(chan struct{})
		go func() {
			defer close(done)
			fuzzOne(t, data)
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("%q: no result after 10 s", data)
		}
	})
}

func fuzzOne(t *testing.T, data []byte) {
	{
		var ours Node
		var theirs v3.Node
		errOurs := Unmarshal(data, &ours)
		// Known difference: go-yaml places the empty value of an explicit
		// key ("? a" without ":") that ends a block at a comment that
		// follows; this package keeps no comments and places it after the
		// key.
		explicitKeyAndComment := bytes.Contains(data, []byte("?")) && bytes.Contains(data, []byte("#"))
		if errOurs == nil && v3.Unmarshal(data, &theirs) == nil && !explicitKeyAndComment {
			if d := diffTree(&ours, &theirs); d != "" {
				t.Errorf("%q: %s", data, d)
			}
		}
		dec := NewDecoder(bytes.NewReader(data))
		for i := range 100 {
			var n Node
			if err := dec.Decode(&n); err != nil {
				if i == 0 && !errors.Is(err, io.EOF) && errOurs == nil {
					t.Errorf("%q: Unmarshal reads it, Decode fails: %v", data, err)
				}
				return
			}
		}
	}
}
