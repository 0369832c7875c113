package retry

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestRunErrors(t *testing.T) {
	badNow := NewNowSMS()
	badNow.MaxAttempts = 0
	badBill := NewBilling()
	badBill.Validity = 0
	riseBill := NewBilling()
	riseBill.DropDown = []Price{500, 600}
	hugeNow := NewNowSMS()
	hugeNow.Multiplier, hugeNow.MaxAttempts = 1000, 10000
	badSMS := NewSMS()
	badSMS.Threshold, badSMS.ThresholdSet = -1, true
	cases := []struct {
		name     string
		chain    []Policy
		outcomes string
		want     string
	}{
		{"empty chain", nil, "", "no policy to run"},
		{"mms in a chain", []Policy{NewMMS(), NewNowSMS()}, "", "chain mms,nowsms: mms (a download on the receiving device) can only stand alone"},
		{"sms not first", []Policy{NewNowSMS(), NewSMS()}, "", "chain nowsms,sms: sms is the device's part and can only come first"},
		{"twice", []Policy{NewNowSMS(), NewNowSMS()}, "", "chain nowsms,nowsms: nowsms appears twice"},
		{"kind not known to sms", []Policy{NewSMS()}, "fail:down", "sms, step 1: outcome fail:down: error kind down does not apply to sms (it knows temp, imstemp, perm)"},
		{"kind not known to the second stage", []Policy{NewSMS(), NewAggregator()}, "ok,fail:nocredit", "aggregator, step 1: outcome fail:nocredit: error kind nocredit does not apply to aggregator (it knows temp, perm)"},
		{"user step checks the kind too", []Policy{NewMMS()}, "fail:perm,fail:imstemp", "mms, step 2: outcome fail:imstemp: error kind imstemp does not apply to mms (it knows temp, perm)"},
		{"bad parameters", []Policy{badNow}, "", "nowsms: max attempts 0 is out of range 1..10000"},
		{"billing without validity", []Policy{badBill}, "", "billing: the billing strategy needs a validity period (it retries until the message expires)"},
		{"rising prices", []Policy{riseBill}, "", "billing: drop-down prices must not rise: 5.00 then 6.00"},
		{"negative threshold", []Policy{badSMS}, "", "sms: AttemptThresholdForIMS -1 is negative"},
		{"past 100 years", []Policy{hugeNow}, "", "nowsms: the timeline runs past 100 years; give shorter delays or fewer attempts"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Run(c.chain, mustOutcomes(t, c.outcomes), Options{})
			if err == nil || err.Error() != c.want {
				t.Errorf("Run(%s, %q): got error %v, want %q", chainString(c.chain), c.outcomes, err, c.want)
			}
		})
	}
}

// TestOutcomeSupply pins how outcomes are handed out: repeating the last
// one, defaults per stage, user steps only from the list, down not repeated.
func TestOutcomeSupply(t *testing.T) {
	cases := []struct {
		name     string
		chain    []Policy
		outcomes string
		wantEnd  string
		wantN    []int // attempts per stage
	}{
		// The 4th MMS download repeats fail:5s; the manual tap is not taken.
		{"repeat last, user step not taken", []Policy{NewMMS()}, "fail:11s,fail:18s,fail:5s", "manual-link at 00:02:39", []int{4}},
		// nowsms used no outcome from the list: it takes its default (fail) 20 times.
		{"second stage defaults", []Policy{NewSMS(), NewNowSMS()}, "ok", "failed at 01:25:30", []int{1, 20}},
		// A trailing down is not repeated: the default (fail) follows it.
		{"down not repeated", []Policy{NewNowSMS()}, "fail:down:1m", "failed at 01:26:30", []int{20}},
		// No list at all: sms fail:imstemp then ok, aggregator fail.
		{"all defaults", []Policy{NewSMS(), NewAggregator()}, "", "failed at 04:15:30", []int{2, 10}},
		{"billing default nocredit", []Policy{NewBilling()}, "", "expired at 3d 00:00:00", []int{4}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tl := run(t, c.chain, c.outcomes)
			f := tl.Final()
			if got := string(f.Kind) + " at " + FormatElapsed(f.At); got != c.wantEnd {
				t.Errorf("final: got %s, want %s", got, c.wantEnd)
			}
			var n []int
			for _, s := range tl.Stages {
				n = append(n, s.Attempts)
			}
			if diff := cmp.Diff(c.wantN, n); diff != "" {
				t.Errorf("attempts per stage (-want +got):\n%s", diff)
			}
		})
	}
}

// TestPublishedNumbers checks the schedules the strategies' own texts give.
func TestPublishedNumbers(t *testing.T) {
	starts := func(tl *Timeline) []time.Duration {
		var out []time.Duration
		for _, e := range tl.Events {
			if e.Kind == KindAttempt {
				out = append(out, e.At)
			}
		}
		return out
	}
	t.Run("mms worked example", func(t *testing.T) {
		got := starts(run(t, []Policy{NewMMS()}, "fail:11s,fail:18s,fail:5s"))
		want := []time.Duration{0, 31 * time.Second, 89 * time.Second, 154 * time.Second} // 00:00:31, 00:01:29, 00:02:34
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("download starts (-want +got):\n%s", diff)
		}
	})
	t.Run("nowsms defaults", func(t *testing.T) {
		tl := run(t, []Policy{NewNowSMS()}, "")
		got := starts(tl)
		if len(got) != 20 {
			t.Fatalf("got %d attempts, want 20", len(got))
		}
		for k, at := range got {
			// attempt k+1 starts after the delays 0, 30, 60, ... of the errors before it
			want := time.Duration(30*k*(k-1)/2) * time.Second
			if k == 0 {
				want = 0
			}
			if at != want {
				t.Errorf("attempt %d at %s, want %s", k+1, FormatElapsed(at), FormatElapsed(want))
			}
		}
		if f := tl.Final(); f.Kind != KindFailed || f.At != 5130*time.Second {
			t.Errorf("final %s at %s, want failed at 01:25:30", f.Kind, FormatElapsed(f.At))
		}
	})
	t.Run("aggregator 10th attempt", func(t *testing.T) {
		got := starts(run(t, []Policy{NewAggregator()}, ""))
		if len(got) != 10 || got[9] != 4*time.Hour+15*time.Minute+30*time.Second {
			t.Errorf("got %d attempts, the last at %s; want 10, the last at 04:15:30", len(got), FormatElapsed(got[len(got)-1]))
		}
	})
	t.Run("billing", func(t *testing.T) {
		b := NewBilling()
		b.Validity = 5 * day
		got := starts(run(t, []Policy{b}, ""))
		want := []time.Duration{0, 6 * time.Hour, day, 2 * day, 3 * day, 4 * day}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("attempt starts (-want +got):\n%s", diff)
		}
	})
}

func TestNowSMSDelay(t *testing.T) {
	cases := []struct {
		name        string
		mult, after int
		maxDelay    time.Duration
		want        []int // seconds after errors 1..6
	}{
		{"defaults", 1, 2, 0, []int{0, 30, 60, 90, 120, 150}},
		{"fixed", 0, 2, 0, []int{0, 30, 30, 30, 30, 30}},
		{"capped", 1, 2, 70 * time.Second, []int{0, 30, 60, 70, 70, 70}},
		{"multiplier 2", 2, 2, 0, []int{0, 60, 120, 180, 240, 300}},
		{"after 1", 1, 1, 0, []int{30, 60, 90, 120, 150, 180}},
		{"after 0 is after 1", 1, 0, 0, []int{30, 60, 90, 120, 150, 180}},
		{"after 4", 1, 4, 0, []int{0, 0, 0, 30, 60, 90}},
	}
	for _, c := range cases {
		p := NewNowSMS()
		p.Multiplier, p.AfterAttempts, p.MaxDelay = c.mult, c.after, c.maxDelay
		var got []int
		for n := 1; n <= 6; n++ {
			got = append(got, int(p.Delay(n)/time.Second))
		}
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("%s: delays (-want +got):\n%s", c.name, diff)
		}
	}
}

func TestAttemptDuration(t *testing.T) {
	tl, err := Run([]Policy{NewAggregator()}, mustOutcomes(t, "fail,fail:3s,ok"), Options{AttemptDuration: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	// 0-2 fail, wait 30 → 32-35 fail, wait 60 → 95-97 delivered
	if f := tl.Final(); f.At != 97*time.Second {
		t.Errorf("delivered at %s, want 00:01:37", FormatElapsed(f.At))
	}
	if _, err := Run([]Policy{NewSMS()}, nil, Options{AttemptDuration: -time.Second}); err == nil {
		t.Errorf("negative attempt duration: no error")
	}
}
