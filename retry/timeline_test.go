package retry

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestTimelines pins the exact timeline of every policy and edge. Outcomes
// without a duration take no time, so times are the sums of the waits.
func TestTimelines(t *testing.T) {
	sms2 := NewSMS()
	sms2.Threshold, sms2.ThresholdSet = 2, true
	smsOff := NewSMS()
	smsOff.RetryEnabled = false
	sms0 := NewSMS()
	sms0.ThresholdSet = true
	mmsOff := NewMMS()
	mmsOff.AutoRetry = false
	nowFixed := NewNowSMS()
	nowFixed.Multiplier = 0
	nowCap := NewNowSMS()
	nowCap.MaxDelay = time.Minute
	nowRej := NewNowSMS()
	nowRej.RejectCodes = []string{"24", "0B"}
	nowAll := NewNowSMS()
	nowAll.RejectAll = true
	now3 := NewNowSMS()
	now3.MaxAttempts = 3
	aggV := NewAggregator()
	aggV.Validity = time.Hour
	aggP := NewAggregator()
	aggP.Permanent = true
	bill30 := NewBilling()
	bill30.Validity = 30 * time.Hour
	billDD := NewBilling()
	billDD.DropDown = []Price{1000, 500, 450}
	cases := []struct {
		name     string
		chain    []Policy
		outcomes string
		want     []string
	}{
		{"mms/worked example", []Policy{NewMMS()}, "fail:11s,fail:18s,fail:5s", []string{
			"00:00:00 mms attempt MMSC #1 11s",
			"00:00:11 mms fail MMSC #1 err=temp",
			"00:00:11 mms wait 20s",
			"00:00:31 mms attempt MMSC #2 18s",
			"00:00:49 mms fail MMSC #2 err=temp",
			"00:00:49 mms wait 40s",
			"00:01:29 mms attempt MMSC #3 5s",
			"00:01:34 mms fail MMSC #3 err=temp",
			"00:01:34 mms wait 60s",
			"00:02:34 mms attempt MMSC #4 5s",
			"00:02:39 mms fail MMSC #4 err=temp",
			"00:02:39 mms manual-link MMSC #4 err=temp",
		}},
		{"mms/worked example then success", []Policy{NewMMS()}, "fail:11s,fail:18s,fail:5s,ok:7s", []string{
			"00:00:00 mms attempt MMSC #1 11s",
			"00:00:11 mms fail MMSC #1 err=temp",
			"00:00:11 mms wait 20s",
			"00:00:31 mms attempt MMSC #2 18s",
			"00:00:49 mms fail MMSC #2 err=temp",
			"00:00:49 mms wait 40s",
			"00:01:29 mms attempt MMSC #3 5s",
			"00:01:34 mms fail MMSC #3 err=temp",
			"00:01:34 mms wait 60s",
			"00:02:34 mms attempt MMSC #4 7s",
			"00:02:41 mms delivered MMSC #4",
		}},
		{"mms/disabled shows the link at once", []Policy{mmsOff}, "fail:10s,ok:5s", []string{
			"00:00:00 mms attempt MMSC #1 10s",
			"00:00:10 mms fail MMSC #1 err=temp",
			"00:00:10 mms manual-link MMSC #1",
			"00:00:10 mms user-wait 30s",
			"00:00:40 mms attempt MMSC #2 5s",
			"00:00:45 mms delivered MMSC #2",
		}},
		{"mms/failed manual retry restarts the cycle", []Policy{NewMMS()}, "fail,fail,fail,fail,fail,ok", []string{
			"00:00:00 mms attempt MMSC #1 0s",
			"00:00:00 mms fail MMSC #1 err=temp",
			"00:00:00 mms wait 20s",
			"00:00:20 mms attempt MMSC #2 0s",
			"00:00:20 mms fail MMSC #2 err=temp",
			"00:00:20 mms wait 40s",
			"00:01:00 mms attempt MMSC #3 0s",
			"00:01:00 mms fail MMSC #3 err=temp",
			"00:01:00 mms wait 60s",
			"00:02:00 mms attempt MMSC #4 0s",
			"00:02:00 mms fail MMSC #4 err=temp",
			"00:02:00 mms manual-link MMSC #4",
			"00:02:00 mms user-wait 30s",
			"00:02:30 mms attempt MMSC #5 0s",
			"00:02:30 mms fail MMSC #5 err=temp",
			"00:02:30 mms wait 20s",
			"00:02:50 mms attempt MMSC #6 0s",
			"00:02:50 mms delivered MMSC #6",
		}},
		{"mms/permanent error shows the link", []Policy{NewMMS()}, "fail:perm", []string{
			"00:00:00 mms attempt MMSC #1 0s",
			"00:00:00 mms fail MMSC #1 err=perm",
			"00:00:00 mms manual-link MMSC #1 err=perm",
		}},
		{"sms/defaults: silent fallback succeeds", []Policy{NewSMS()}, "", []string{
			"00:00:00 sms attempt IMS #1 0s",
			"00:00:00 sms fail IMS #1 err=imstemp",
			"00:00:00 sms retry 3GPP/3GPP2 #1",
			"00:00:00 sms attempt 3GPP/3GPP2 #2 0s",
			"00:00:00 sms sent 3GPP/3GPP2 #2",
		}},
		{"sms/threshold 2 then 3GPP", []Policy{sms2}, "fail:imstemp,fail,fail,fail,ok", []string{
			"00:00:00 sms attempt IMS #1 0s",
			"00:00:00 sms fail IMS #1 err=imstemp",
			"00:00:00 sms retry 3GPP/3GPP2 #1",
			"00:00:00 sms attempt 3GPP/3GPP2 #2 0s",
			"00:00:00 sms fail 3GPP/3GPP2 #2 err=temp",
			"00:00:00 sms notify 3GPP/3GPP2 #2",
			"00:00:00 sms user-wait 30s",
			"00:00:30 sms attempt IMS #3 0s",
			"00:00:30 sms fail IMS #3 err=temp",
			"00:00:30 sms notify IMS #3",
			"00:00:30 sms user-wait 30s",
			"00:01:00 sms attempt 3GPP/3GPP2 #4 0s",
			"00:01:00 sms fail 3GPP/3GPP2 #4 err=temp",
			"00:01:00 sms notify 3GPP/3GPP2 #4",
			"00:01:00 sms user-wait 30s",
			"00:01:30 sms attempt 3GPP/3GPP2 #5 0s",
			"00:01:30 sms sent 3GPP/3GPP2 #5",
		}},
		{"sms/RetryEnabled=0 tells the user", []Policy{smsOff}, "fail:imstemp,ok", []string{
			"00:00:00 sms attempt IMS #1 0s",
			"00:00:00 sms fail IMS #1 err=imstemp",
			"00:00:00 sms notify IMS #1",
			"00:00:00 sms user-wait 30s",
			"00:00:30 sms attempt IMS #2 0s",
			"00:00:30 sms sent IMS #2",
		}},
		{"sms/threshold 0 never uses IMS", []Policy{sms0}, "fail:imstemp", []string{
			"00:00:00 sms attempt 3GPP/3GPP2 #1 0s",
			"00:00:00 sms fail 3GPP/3GPP2 #1 err=temp",
			"00:00:00 sms failed 3GPP/3GPP2 #1 err=temp",
		}},
		{"sms/automatic retry once per send", []Policy{NewSMS()}, "fail:imstemp,fail,fail:imstemp,ok", []string{
			"00:00:00 sms attempt IMS #1 0s",
			"00:00:00 sms fail IMS #1 err=imstemp",
			"00:00:00 sms retry 3GPP/3GPP2 #1",
			"00:00:00 sms attempt 3GPP/3GPP2 #2 0s",
			"00:00:00 sms fail 3GPP/3GPP2 #2 err=temp",
			"00:00:00 sms notify 3GPP/3GPP2 #2",
			"00:00:00 sms user-wait 30s",
			"00:00:30 sms attempt IMS #3 0s",
			"00:00:30 sms fail IMS #3 err=imstemp",
			"00:00:30 sms retry 3GPP/3GPP2 #3",
			"00:00:30 sms attempt 3GPP/3GPP2 #4 0s",
			"00:00:30 sms sent 3GPP/3GPP2 #4",
		}},
		{"sms/non-temporary IMS failure", []Policy{NewSMS()}, "fail:perm", []string{
			"00:00:00 sms attempt IMS #1 0s",
			"00:00:00 sms fail IMS #1 err=perm",
			"00:00:00 sms failed IMS #1 err=perm",
		}},
		{"sms/list runs out on the automatic retry", []Policy{NewSMS()}, "fail:imstemp", []string{
			"00:00:00 sms attempt IMS #1 0s",
			"00:00:00 sms fail IMS #1 err=imstemp",
			"00:00:00 sms retry 3GPP/3GPP2 #1",
			"00:00:00 sms attempt 3GPP/3GPP2 #2 0s",
			"00:00:00 sms fail 3GPP/3GPP2 #2 err=temp",
			"00:00:00 sms failed 3GPP/3GPP2 #2 err=temp",
		}},
		{"nowsms/defaults", []Policy{NewNowSMS()}, "fail*4,ok", []string{
			"00:00:00 nowsms attempt SMSC #1 0s",
			"00:00:00 nowsms fail SMSC #1 err=temp",
			"00:00:00 nowsms retry SMSC #1",
			"00:00:00 nowsms attempt SMSC #2 0s",
			"00:00:00 nowsms fail SMSC #2 err=temp",
			"00:00:00 nowsms wait 30s",
			"00:00:30 nowsms attempt SMSC #3 0s",
			"00:00:30 nowsms fail SMSC #3 err=temp",
			"00:00:30 nowsms wait 60s",
			"00:01:30 nowsms attempt SMSC #4 0s",
			"00:01:30 nowsms fail SMSC #4 err=temp",
			"00:01:30 nowsms wait 90s",
			"00:03:00 nowsms attempt SMSC #5 0s",
			"00:03:00 nowsms delivered SMSC #5",
		}},
		{"nowsms/multiplier 0 is fixed", []Policy{nowFixed}, "fail*4,ok", []string{
			"00:00:00 nowsms attempt SMSC #1 0s",
			"00:00:00 nowsms fail SMSC #1 err=temp",
			"00:00:00 nowsms retry SMSC #1",
			"00:00:00 nowsms attempt SMSC #2 0s",
			"00:00:00 nowsms fail SMSC #2 err=temp",
			"00:00:00 nowsms wait 30s",
			"00:00:30 nowsms attempt SMSC #3 0s",
			"00:00:30 nowsms fail SMSC #3 err=temp",
			"00:00:30 nowsms wait 30s",
			"00:01:00 nowsms attempt SMSC #4 0s",
			"00:01:00 nowsms fail SMSC #4 err=temp",
			"00:01:00 nowsms wait 30s",
			"00:01:30 nowsms attempt SMSC #5 0s",
			"00:01:30 nowsms delivered SMSC #5",
		}},
		{"nowsms/max delay caps", []Policy{nowCap}, "fail*5,ok", []string{
			"00:00:00 nowsms attempt SMSC #1 0s",
			"00:00:00 nowsms fail SMSC #1 err=temp",
			"00:00:00 nowsms retry SMSC #1",
			"00:00:00 nowsms attempt SMSC #2 0s",
			"00:00:00 nowsms fail SMSC #2 err=temp",
			"00:00:00 nowsms wait 30s",
			"00:00:30 nowsms attempt SMSC #3 0s",
			"00:00:30 nowsms fail SMSC #3 err=temp",
			"00:00:30 nowsms wait 60s",
			"00:01:30 nowsms attempt SMSC #4 0s",
			"00:01:30 nowsms fail SMSC #4 err=temp",
			"00:01:30 nowsms wait 60s",
			"00:02:30 nowsms attempt SMSC #5 0s",
			"00:02:30 nowsms fail SMSC #5 err=temp",
			"00:02:30 nowsms wait 60s",
			"00:03:30 nowsms attempt SMSC #6 0s",
			"00:03:30 nowsms delivered SMSC #6",
		}},
		{"nowsms/reject codes", []Policy{nowRej}, "fail:code=25,fail:code=0b", []string{
			"00:00:00 nowsms attempt SMSC #1 0s",
			"00:00:00 nowsms fail SMSC #1 err=code=25",
			"00:00:00 nowsms retry SMSC #1",
			"00:00:00 nowsms attempt SMSC #2 0s",
			"00:00:00 nowsms fail SMSC #2 err=code=0b",
			"00:00:00 nowsms failed SMSC #2 err=code=0b",
		}},
		{"nowsms/reject All", []Policy{nowAll}, "fail:drop,fail", []string{
			"00:00:00 nowsms attempt SMSC #1 0s",
			"00:00:00 nowsms fail SMSC #1 err=drop",
			"00:00:00 nowsms retry SMSC #1",
			"00:00:00 nowsms attempt SMSC #2 0s",
			"00:00:00 nowsms fail SMSC #2 err=temp",
			"00:00:00 nowsms failed SMSC #2 err=temp",
		}},
		{"nowsms/perm fails at once", []Policy{NewNowSMS()}, "fail:perm", []string{
			"00:00:00 nowsms attempt SMSC #1 0s",
			"00:00:00 nowsms fail SMSC #1 err=perm",
			"00:00:00 nowsms failed SMSC #1 err=perm",
		}},
		{"nowsms/link down is not an attempt", []Policy{NewNowSMS()}, "fail:down:5m,ok", []string{
			"00:00:00 nowsms link-down SMSC 5m err=down",
			"00:05:00 nowsms attempt SMSC #1 0s",
			"00:05:00 nowsms delivered SMSC #1",
		}},
		{"nowsms/drop is an attempt", []Policy{NewNowSMS()}, "fail:drop,fail:drop,ok", []string{
			"00:00:00 nowsms attempt SMSC #1 0s",
			"00:00:00 nowsms fail SMSC #1 err=drop",
			"00:00:00 nowsms retry SMSC #1",
			"00:00:00 nowsms attempt SMSC #2 0s",
			"00:00:00 nowsms fail SMSC #2 err=drop",
			"00:00:00 nowsms wait 30s",
			"00:00:30 nowsms attempt SMSC #3 0s",
			"00:00:30 nowsms delivered SMSC #3",
		}},
		{"nowsms/max attempts", []Policy{now3}, "", []string{
			"00:00:00 nowsms attempt SMSC #1 0s",
			"00:00:00 nowsms fail SMSC #1 err=temp",
			"00:00:00 nowsms retry SMSC #1",
			"00:00:00 nowsms attempt SMSC #2 0s",
			"00:00:00 nowsms fail SMSC #2 err=temp",
			"00:00:00 nowsms wait 30s",
			"00:00:30 nowsms attempt SMSC #3 0s",
			"00:00:30 nowsms fail SMSC #3 err=temp",
			"00:00:30 nowsms failed SMSC #3 err=temp",
		}},
		{"aggregator/validity cuts short", []Policy{aggV}, "", []string{
			"00:00:00 aggregator attempt carrier #1 0s",
			"00:00:00 aggregator fail carrier #1 err=temp",
			"00:00:00 aggregator wait 30s",
			"00:00:30 aggregator attempt carrier #2 0s",
			"00:00:30 aggregator fail carrier #2 err=temp",
			"00:00:30 aggregator wait 60s",
			"00:01:30 aggregator attempt carrier #3 0s",
			"00:01:30 aggregator fail carrier #3 err=temp",
			"00:01:30 aggregator wait 120s",
			"00:03:30 aggregator attempt carrier #4 0s",
			"00:03:30 aggregator fail carrier #4 err=temp",
			"00:03:30 aggregator wait 4m",
			"00:07:30 aggregator attempt carrier #5 0s",
			"00:07:30 aggregator fail carrier #5 err=temp",
			"00:07:30 aggregator wait 8m",
			"00:15:30 aggregator attempt carrier #6 0s",
			"00:15:30 aggregator fail carrier #6 err=temp",
			"00:15:30 aggregator wait 16m",
			"00:31:30 aggregator attempt carrier #7 0s",
			"00:31:30 aggregator fail carrier #7 err=temp",
			"00:31:30 aggregator wait 28m30s",
			"01:00:00 aggregator rejected carrier #7 err=temp",
		}},
		{"aggregator/permanent", []Policy{aggP}, "", []string{
			"00:00:00 aggregator attempt carrier #1 0s",
			"00:00:00 aggregator fail carrier #1 err=perm",
			"00:00:00 aggregator rejected carrier #1 err=perm",
		}},
		{"aggregator/fail:perm", []Policy{NewAggregator()}, "fail,fail:perm", []string{
			"00:00:00 aggregator attempt carrier #1 0s",
			"00:00:00 aggregator fail carrier #1 err=temp",
			"00:00:00 aggregator wait 30s",
			"00:00:30 aggregator attempt carrier #2 0s",
			"00:00:30 aggregator fail carrier #2 err=perm",
			"00:00:30 aggregator rejected carrier #2 err=perm",
		}},
		{"aggregator/third attempt succeeds", []Policy{NewAggregator()}, "fail,fail,ok", []string{
			"00:00:00 aggregator attempt carrier #1 0s",
			"00:00:00 aggregator fail carrier #1 err=temp",
			"00:00:00 aggregator wait 30s",
			"00:00:30 aggregator attempt carrier #2 0s",
			"00:00:30 aggregator fail carrier #2 err=temp",
			"00:00:30 aggregator wait 60s",
			"00:01:30 aggregator attempt carrier #3 0s",
			"00:01:30 aggregator delivered carrier #3",
		}},
		{"billing/defaults expire after 3 days", []Policy{NewBilling()}, "", []string{
			"00:00:00 billing attempt carrier #1 0s",
			"00:00:00 billing fail carrier #1 err=nocredit",
			"00:00:00 billing wait 6h",
			"06:00:00 billing attempt carrier #2 0s",
			"06:00:00 billing fail carrier #2 err=nocredit",
			"06:00:00 billing wait 18h",
			"1d 00:00:00 billing attempt carrier #3 0s",
			"1d 00:00:00 billing fail carrier #3 err=nocredit",
			"1d 00:00:00 billing wait 1d",
			"2d 00:00:00 billing attempt carrier #4 0s",
			"2d 00:00:00 billing fail carrier #4 err=nocredit",
			"2d 00:00:00 billing wait 1d",
			"3d 00:00:00 billing expired carrier #4 err=nocredit",
		}},
		{"billing/validity 30h", []Policy{bill30}, "", []string{
			"00:00:00 billing attempt carrier #1 0s",
			"00:00:00 billing fail carrier #1 err=nocredit",
			"00:00:00 billing wait 6h",
			"06:00:00 billing attempt carrier #2 0s",
			"06:00:00 billing fail carrier #2 err=nocredit",
			"06:00:00 billing wait 18h",
			"1d 00:00:00 billing attempt carrier #3 0s",
			"1d 00:00:00 billing fail carrier #3 err=nocredit",
			"1d 00:00:00 billing wait 6h",
			"1d 06:00:00 billing expired carrier #3 err=nocredit",
		}},
		{"billing/drop-down", []Policy{billDD}, "fail:nocredit,fail,ok", []string{
			"00:00:00 billing attempt carrier #1 0s",
			"00:00:00 billing fail carrier #1 err=nocredit",
			"00:00:00 billing wait 6h",
			"06:00:00 billing attempt carrier #2 0s",
			"06:00:00 billing fail carrier #2 err=temp",
			"06:00:00 billing wait 18h",
			"1d 00:00:00 billing attempt carrier #3 0s",
			"1d 00:00:00 billing delivered carrier #3",
		}},
		{"billing/permanent", []Policy{NewBilling()}, "fail:perm", []string{
			"00:00:00 billing attempt carrier #1 0s",
			"00:00:00 billing fail carrier #1 err=perm",
			"00:00:00 billing rejected carrier #1 err=perm",
		}},
		{"chain/sms,nowsms", []Policy{NewSMS(), NewNowSMS()}, "fail:imstemp,ok,fail,fail,ok", []string{
			"00:00:00 sms attempt IMS #1 0s",
			"00:00:00 sms fail IMS #1 err=imstemp",
			"00:00:00 sms retry 3GPP/3GPP2 #1",
			"00:00:00 sms attempt 3GPP/3GPP2 #2 0s",
			"00:00:00 sms handed-over 3GPP/3GPP2 #2",
			"00:00:00 nowsms attempt SMSC #1 0s",
			"00:00:00 nowsms fail SMSC #1 err=temp",
			"00:00:00 nowsms retry SMSC #1",
			"00:00:00 nowsms attempt SMSC #2 0s",
			"00:00:00 nowsms fail SMSC #2 err=temp",
			"00:00:00 nowsms wait 30s",
			"00:00:30 nowsms attempt SMSC #3 0s",
			"00:00:30 nowsms delivered SMSC #3",
		}},
		{"chain/sms,billing offsets validity", []Policy{NewSMS(), NewBilling()}, "fail:imstemp:2s,ok:3s", []string{
			"00:00:00 sms attempt IMS #1 2s",
			"00:00:02 sms fail IMS #1 err=imstemp",
			"00:00:02 sms retry 3GPP/3GPP2 #1",
			"00:00:02 sms attempt 3GPP/3GPP2 #2 3s",
			"00:00:05 sms handed-over 3GPP/3GPP2 #2",
			"00:00:05 billing attempt carrier #1 0s",
			"00:00:05 billing fail carrier #1 err=nocredit",
			"00:00:05 billing wait 6h",
			"06:00:05 billing attempt carrier #2 0s",
			"06:00:05 billing fail carrier #2 err=nocredit",
			"06:00:05 billing wait 18h",
			"1d 00:00:05 billing attempt carrier #3 0s",
			"1d 00:00:05 billing fail carrier #3 err=nocredit",
			"1d 00:00:05 billing wait 1d",
			"2d 00:00:05 billing attempt carrier #4 0s",
			"2d 00:00:05 billing fail carrier #4 err=nocredit",
			"2d 00:00:05 billing wait 1d",
			"3d 00:00:05 billing expired carrier #4 err=nocredit",
		}},
		{"chain/device fails: network never starts", []Policy{NewSMS(), NewAggregator()}, "fail:perm", []string{
			"00:00:00 sms attempt IMS #1 0s",
			"00:00:00 sms fail IMS #1 err=perm",
			"00:00:00 sms failed IMS #1 err=perm",
		}},
		{"chain/three stages", []Policy{NewSMS(), NewNowSMS(), NewAggregator()}, "ok,fail,ok,fail:perm", []string{
			"00:00:00 sms attempt IMS #1 0s",
			"00:00:00 sms handed-over IMS #1",
			"00:00:00 nowsms attempt SMSC #1 0s",
			"00:00:00 nowsms fail SMSC #1 err=temp",
			"00:00:00 nowsms retry SMSC #1",
			"00:00:00 nowsms attempt SMSC #2 0s",
			"00:00:00 nowsms handed-over SMSC #2",
			"00:00:00 aggregator attempt carrier #1 0s",
			"00:00:00 aggregator fail carrier #1 err=perm",
			"00:00:00 aggregator rejected carrier #1 err=perm",
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tl := run(t, c.chain, c.outcomes)
			if diff := cmp.Diff(c.want, brief(tl)); diff != "" {
				t.Errorf("Run(%s, %q) timeline (-want +got):\n%s", chainString(c.chain), c.outcomes, diff)
			}
			checkInvariants(t, tl)
		})
	}
}

// checkInvariants checks what every timeline promises: time order, a start
// at 0, a final last event and nothing final before it, and stages that
// cover the events.
func checkInvariants(t *testing.T, tl *Timeline) {
	t.Helper()
	if len(tl.Events) == 0 || tl.Events[0].At != 0 {
		t.Fatalf("timeline does not start at 0: %v", brief(tl))
	}
	for i, e := range tl.Events {
		if i > 0 && e.At < tl.Events[i-1].At {
			t.Errorf("event %d at %s is before event %d at %s", i, FormatElapsed(e.At), i-1, FormatElapsed(tl.Events[i-1].At))
		}
		last := i == len(tl.Events)-1
		if e.Kind.Final() && !last && e.Kind != KindManualLink {
			t.Errorf("final event %d (%s) is not the last", i, e.Kind)
		}
		if last && !e.Kind.Final() {
			t.Errorf("last event is %s, not a final state", e.Kind)
		}
		if strings.TrimSpace(e.Detail) == "" {
			t.Errorf("event %d (%s) has no detail", i, e.Kind)
		}
	}
	n := 0
	for _, e := range tl.Events {
		if e.Kind == KindAttempt {
			n++
		}
	}
	if n != tl.Attempts() {
		t.Errorf("got %d attempt events, stages count %d", n, tl.Attempts())
	}
}
