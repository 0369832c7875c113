package templates

import (
	"fmt"
	"strings"
	"testing"
)

// bigSpec is a spec of n operators in n/100+1 countries, each with two
// match entries that no other operator's can meet.
func bigSpec(n int) []byte {
	var b strings.Builder
	b.WriteString("name: Big\nowner: Contoso\ndevice: {imsRetry: {attemptThresholdForIMS: 2, retryEnabled: true}}\noperators:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - name: Operator %d\n    match:\n      - {mcc: \"%03d\", mnc: \"%02d\"}\n      - {mcc: \"%03d\", mnc: \"range:100, 199\", spn: \"Op%d\"}\n",
			i, 100+i/100, i%100, 100+i/100, i)
		fmt.Fprintf(&b, "    imsRetry: {attemptThresholdForIMS: %d}\n    mmsAutoRetry: %v\n", 1+i%5, i%2 == 0)
	}
	return []byte(b.String())
}

func BenchmarkReadSpec(b *testing.B) {
	for _, n := range []int{2, 100, 1000} {
		data := bigSpec(n)
		b.Run(fmt.Sprintf("operators=%d", n), func(b *testing.B) {
			for b.Loop() {
				if s, ds, err := ReadSpec("big.yaml", data); s == nil || err != nil {
					b.Fatal(ds, err)
				}
			}
		})
	}
}

func BenchmarkGenerate(b *testing.B) {
	for _, n := range []int{2, 100, 1000} {
		s, ds, err := ReadSpec("big.yaml", bigSpec(n))
		if s == nil || err != nil {
			b.Fatal(ds, err)
		}
		b.Run(fmt.Sprintf("operators=%d", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := Generate(s); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
