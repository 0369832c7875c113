package retry

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestRunErrors(t *testing.T) {
	badNow := NewNowSMS()
	badNow.MaxAttempts = 0
	badBill := NewBilling()
	badBill.Validity = 0
	riseProv := NewProvider()
	riseProv.DropDown = []Price{500, 600}
	hugeNow := NewNowSMS()
	hugeNow.Multiplier, hugeNow.MaxAttempts = 1000, 10000
	badSMS := NewSMS()
	badSMS.UserDelay = -time.Second
	cases := []struct {
		name     string
		chain    []Policy
		outcomes string
		want     string
	}{
		{"empty chain", nil, "", "no policy to run"},
		// issue 13, domain.md §5: direction decides which strategies a message meets.
		{"MO SMS cannot be billed", []Policy{NewSMS(), NewBilling()}, "", "chain sms,billing mixes directions: sms is the handset sending its own SMS: mobile-originated (MO); billing charges a premium mobile-terminated (MT) message to the receiving handset's user: a device's own SMS cannot be billed for NO_CREDIT; chains that exist: sms; sms,aggregator; aggregator; aggregator,mms; aggregator,provider; nowsms; nowsms,mms; mms; billing; billing,provider; provider"},
		{"MO SMS never meets NowSMS", []Policy{NewSMS(), NewNowSMS()}, "", "chain sms,nowsms mixes directions: sms is the handset sending its own SMS: mobile-originated (MO); nowsms is a gateway submitting messages to an SMSC for delivery to handsets: mobile-terminated (MT); chains that exist: sms; sms,aggregator; aggregator; aggregator,mms; aggregator,provider; nowsms; nowsms,mms; mms; billing; billing,provider; provider"},
		{"MO then provider", []Policy{NewSMS(), NewAggregator(), NewProvider()}, "", "chain sms,aggregator,provider mixes directions: sms is the handset sending its own SMS: mobile-originated (MO); provider is the content provider acting on the delivery report of an MT message it sent; chains that exist: sms; sms,aggregator; aggregator; aggregator,mms; aggregator,provider; nowsms; nowsms,mms; mms; billing; billing,provider; provider"},
		{"aggregator set to MT after sms", []Policy{NewSMS(), Aggregator{FirstDelay: 1, Factor: 2, MaxAttempts: 1, Direction: DirMT}}, "", "chain sms,aggregator carries a message of direction MO; the aggregator is set to MT"},
		{"mms not last", []Policy{mmsOn(), NewNowSMS()}, "", "chain mms,nowsms: mms, the handset's download, ends a message's path and can only come last; chains that exist: sms; sms,aggregator; aggregator; aggregator,mms; aggregator,provider; nowsms; nowsms,mms; mms; billing; billing,provider; provider"},
		{"sms not first", []Policy{NewNowSMS(), NewSMS()}, "", "chain nowsms,sms: sms is the handset's own message and can only come first; chains that exist: sms; sms,aggregator; aggregator; aggregator,mms; aggregator,provider; nowsms; nowsms,mms; mms; billing; billing,provider; provider"},
		{"twice", []Policy{NewNowSMS(), NewNowSMS()}, "", "chain nowsms,nowsms: nowsms appears twice; chains that exist: sms; sms,aggregator; aggregator; aggregator,mms; aggregator,provider; nowsms; nowsms,mms; mms; billing; billing,provider; provider"},
		{"no such path", []Policy{NewNowSMS(), NewAggregator()}, "", "chain nowsms,aggregator is not a path one message takes in its direction (domain.md §5); chains that exist: sms; sms,aggregator; aggregator; aggregator,mms; aggregator,provider; nowsms; nowsms,mms; mms; billing; billing,provider; provider"},
		{"provider needs a report", []Policy{NewProvider()}, "", "provider: no delivery report to act on: give --dlr"},
		{"kind not known to sms", []Policy{NewSMS()}, "fail:down", "sms, step 1: outcome fail:down: error kind down does not apply to sms (it knows temp, imstemp, perm)"},
		{"kind not known to the second stage", []Policy{NewSMS(), NewAggregator()}, "ok,fail:nocredit", "aggregator, step 1: outcome fail:nocredit: error kind nocredit does not apply to aggregator (it knows temp, perm)"},
		// domain.md §5: NowSMS reject codes are decimal; 0B is no code.
		{"reject code not decimal", []Policy{NowSMS{RetryDelay: 1, Multiplier: 1, AfterAttempts: 2, MaxAttempts: 1, RejectCodes: []int{-1}}}, "", "nowsms: reject code -1 is not a decimal error code"},
		{"user step checks the kind too", []Policy{mmsOn()}, "fail:perm,fail:imstemp", "mms, step 2: outcome fail:imstemp: error kind imstemp does not apply to mms (it knows temp, perm)"},
		{"bad parameters", []Policy{badNow}, "", "nowsms: max attempts 0 is out of range 1..10000"},
		{"billing without validity", []Policy{badBill}, "", "billing: the billing strategy needs a validity period (it retries until the message expires)"},
		{"rising prices", []Policy{riseProv}, "", "provider: drop-down prices must not rise: 5.00 then 6.00"},
		{"negative user delay", []Policy{badSMS}, "", "sms: user delay must not be negative"},
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
		{"repeat last, user step not taken", []Policy{mmsOn()}, "fail:11s,fail:18s,fail:5s", "manual-link at 00:02:39", []int{4}},
		// mms used no outcome from the list: it takes its default (fail) 4 times.
		{"second stage defaults", []Policy{NewAggregator(), mmsOn()}, "ok", "manual-link at 00:02:00", []int{1, 4}},
		// A trailing down is not repeated: the default (fail) follows it.
		{"down not repeated", []Policy{NewNowSMS()}, "fail:down:1m", "failed at 01:26:30", []int{20}},
		// No list at all: sms fail:imstemp then ok, aggregator fail.
		{"all defaults", []Policy{NewSMS(), NewAggregator()}, "", "failed at 04:15:30", []int{2, 10}},
		{"billing default nocredit", []Policy{NewBilling()}, "", "failed at 3d 00:00:00", []int{4}},
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
		got := starts(run(t, []Policy{mmsOn()}, "fail:11s,fail:18s,fail:5s"))
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

// TestDropDownOnProviderResubmissions: drop-down billing lowers the price on
// the content provider's own resubmissions after NO_CREDIT, days later
// (seed 004: "retry the message after a couple of days"), never on the
// aggregator's automatic +6 h / +18 h billing retries (domain.md §5).
func TestDropDownOnProviderResubmissions(t *testing.T) {
	prov := NewProvider()
	prov.DropDown = []Price{1000, 500, 450}
	tl := run(t, []Policy{NewBilling(), prov}, "fail:nocredit*4,fail:nocredit,ok")
	type priced struct {
		stage, at, detail string
	}
	var got []priced
	for _, e := range tl.Events {
		if e.Kind == KindAttempt {
			got = append(got, priced{e.Stage, FormatElapsed(e.At), e.Detail})
		}
	}
	want := []priced{
		{"billing", "00:00:00", "Attempt 1: the aggregator charges the user and submits the premium message to the carrier."},
		{"billing", "06:00:00", "Attempt 2: the aggregator charges the user and submits the premium message to the carrier."},
		{"billing", "1d 00:00:00", "Attempt 3: the aggregator charges the user and submits the premium message to the carrier."},
		{"billing", "2d 00:00:00", "Attempt 4: the aggregator charges the user and submits the premium message to the carrier."},
		{"provider", "5d 00:00:00", "Resubmission 1: the content provider sends a new message, drop-down billing at the price 5.00."},
		{"provider", "7d 00:00:00", "Resubmission 2: the content provider sends a new message, drop-down billing at the price 4.50."},
	}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(priced{})); diff != "" {
		t.Errorf("attempts (-want +got):\n%s", diff)
	}
	if f := tl.Final(); f.Kind != KindDelivered || f.DLR != "DELIVERED" || !strings.Contains(f.Detail, "4.50") {
		t.Errorf("final = %+v, want delivered at 4.50", f)
	}
}

// TestIMSRetryRuntime: while AttemptThresholdForIMS is not configured
// (absent, or 0xFFFFFFFF) the runtime forces RetryEnabled to 1 (domain.md
// §4, [tool] decompiled runtime); RetryEnabled=2 is unknown to the
// documentation and never read as 0 or 1 (domain.md §4).
func TestIMSRetryRuntime(t *testing.T) {
	cases := []struct {
		name       string
		threshold  Setting
		retry      Setting
		wantFinal  EventKind
		wantEvents int
	}{
		{"unset, RetryEnabled=0: forced to 1", Setting{Name: "AttemptThresholdForIMS"}, flag("RetryEnabled", 0), KindSent, 5},
		{"0xFFFFFFFF, RetryEnabled=0: forced to 1", flag("AttemptThresholdForIMS", NotConfigured), flag("RetryEnabled", 0), KindSent, 5},
		{"unset, RetryEnabled=2: forced to 1", Setting{Name: "AttemptThresholdForIMS"}, flag("RetryEnabled", 2), KindSent, 5},
		{"threshold 3, RetryEnabled=0: the user resends", flag("AttemptThresholdForIMS", 3), flag("RetryEnabled", 0), KindSent, 6},
		{"threshold 3, RetryEnabled=2: undecided", flag("AttemptThresholdForIMS", 3), flag("RetryEnabled", 2), KindUndecided, 3},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := NewSMS()
			p.Threshold, p.RetryEnabled = c.threshold, c.retry
			tl := run(t, []Policy{p}, "fail:imstemp,ok")
			// The automatic retry ends in 5 events (attempt, fail, retry,
			// attempt, sent); without it the user resends (6 events).
			if f := tl.Final(); f.Kind != c.wantFinal || len(tl.Events) != c.wantEvents {
				t.Errorf("final %s after %d events, want %s after %d:\n%s", f.Kind, len(tl.Events), c.wantFinal, c.wantEvents, strings.Join(brief(tl), "\n"))
			}
		})
	}
}
