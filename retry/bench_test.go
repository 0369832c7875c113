package retry

import (
	"io"
	"testing"
)

// BenchmarkRun plays a long chain: the device, then 20 gateway errors.
func BenchmarkRun(b *testing.B) {
	chain := []Policy{NewSMS(), NewNowSMS()}
	outcomes := mustOutcomes(b, "fail:imstemp,ok")
	for b.Loop() {
		if _, err := Run(chain, outcomes, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteSVG draws the longest default timeline (nowsms, 20 attempts).
func BenchmarkWriteSVG(b *testing.B) {
	tl := run(b, []Policy{NewNowSMS()}, "")
	for b.Loop() {
		if err := WriteSVG(io.Discard, tl); err != nil {
			b.Fatal(err)
		}
	}
}
