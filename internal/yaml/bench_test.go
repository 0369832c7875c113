package yaml

import (
	"strconv"
	"strings"
	"testing"

	v3 "go.yaml.in/yaml/v3"
)

// largeSpec is a generate spec of n operators, in the layout MarshalSpec
// writes (block mappings, a sequence of mappings, flow mappings).
func largeSpec(n int) []byte {
	var b strings.Builder
	b.WriteString("# a large spec\nname: Big\nowner: Contoso\ndevice: {imsRetry: {attemptThresholdForIMS: 2, retryEnabled: true}}\noperators:\n")
	for i := range n {
		b.WriteString("  - name: Operator " + strconv.Itoa(i) + "\n    match:\n      - {mcc: \"" + strconv.Itoa(100+i/100) +
			"\", mnc: \"" + strconv.Itoa(i%100) + "\"}\n      - {mcc: \"310\", mnc: \"range:100, 199\", spn: 'Op " + strconv.Itoa(i) + "'}\n")
		b.WriteString("    imsRetry: {attemptThresholdForIMS: " + strconv.Itoa(1+i%5) + "}\n    mmsAutoRetry: true\n")
	}
	return []byte(b.String())
}

// BenchmarkParse reads a spec of 1,000 operators (about 170 KB) with this
// package and with go-yaml v3.
func BenchmarkParse(b *testing.B) {
	data := largeSpec(1000)
	b.Run("internal", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			var n Node
			if err := Unmarshal(data, &n); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("v3", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			var n v3.Node
			if err := v3.Unmarshal(data, &n); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func TestLargeSpecAgainstV3(t *testing.T) {
	if d := compareUnmarshal(largeSpec(300)); d != "" {
		t.Error(d)
	}
}
