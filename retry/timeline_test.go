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
	sms2.Threshold = flag("AttemptThresholdForIMS", 2)
	smsOff := NewSMS()
	smsOff.Threshold = flag("AttemptThresholdForIMS", 3)
	smsOff.RetryEnabled = flag("RetryEnabled", 0)
	sms0 := NewSMS()
	sms0.Threshold = flag("AttemptThresholdForIMS", 0)
	mmsOff := NewMMS()
	nowFixed := NewNowSMS()
	nowFixed.Multiplier = 0
	nowCap := NewNowSMS()
	nowCap.MaxDelay = time.Minute
	nowRej := NewNowSMS()
	nowRej.RejectCodes = []int{24, 11}
	nowAll := NewNowSMS()
	nowAll.RejectAll = true
	now3 := NewNowSMS()
	now3.MaxAttempts = 3
	aggV := NewAggregator()
	aggV.Validity = time.Hour
	agg2 := NewAggregator()
	agg2.MaxAttempts = 2
	aggP := NewAggregator()
	aggP.Permanent = true
	bill30 := NewBilling()
	bill30.Validity = 30 * time.Hour
	billSingle := NewBilling()
	billSingle.SingleShot = true
	prov := NewProvider()
	prov.DropDown = []Price{1000, 500, 450}
	cases := []struct {
		name     string
		chain    []Policy
		outcomes string
		want     []string
	}{
		{"mms/worked example", []Policy{mmsOn()}, "fail:11s,fail:18s,fail:5s", []string{
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
		{"mms/worked example then success", []Policy{mmsOn()}, "fail:11s,fail:18s,fail:5s,ok:7s", []string{
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
		{"mms/failed manual retry restarts the cycle", []Policy{mmsOn()}, "fail,fail,fail,fail,fail,ok", []string{
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
		{"mms/permanent error shows the link", []Policy{mmsOn()}, "fail:perm", []string{
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
		{"nowsms/reject codes are decimal: 011 is 11, 0b no code (domain.md §5)", []Policy{nowRej}, "fail:code=0b,fail:code=011", []string{
			"00:00:00 nowsms attempt SMSC #1 0s",
			"00:00:00 nowsms fail SMSC #1 err=code=0b",
			"00:00:00 nowsms retry SMSC #1",
			"00:00:00 nowsms attempt SMSC #2 0s",
			"00:00:00 nowsms fail SMSC #2 err=code=011",
			"00:00:00 nowsms failed SMSC #2 err=code=011",
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
			"01:00:00 aggregator rejected carrier #7 err=temp dlr=REJECTED",
		}},
		{"aggregator/permanent", []Policy{aggP}, "", []string{
			"00:00:00 aggregator attempt carrier #1 0s",
			"00:00:00 aggregator fail carrier #1 err=perm",
			"00:00:00 aggregator rejected carrier #1 err=perm dlr=REJECTED",
		}},
		{"aggregator/fail:perm", []Policy{NewAggregator()}, "fail,fail:perm", []string{
			"00:00:00 aggregator attempt carrier #1 0s",
			"00:00:00 aggregator fail carrier #1 err=temp",
			"00:00:00 aggregator wait 30s",
			"00:00:30 aggregator attempt carrier #2 0s",
			"00:00:30 aggregator fail carrier #2 err=perm",
			"00:00:30 aggregator rejected carrier #2 err=perm dlr=REJECTED",
		}},
		{"aggregator/third attempt succeeds", []Policy{NewAggregator()}, "fail,fail,ok", []string{
			"00:00:00 aggregator attempt carrier #1 0s",
			"00:00:00 aggregator fail carrier #1 err=temp",
			"00:00:00 aggregator wait 30s",
			"00:00:30 aggregator attempt carrier #2 0s",
			"00:00:30 aggregator fail carrier #2 err=temp",
			"00:00:30 aggregator wait 60s",
			"00:01:30 aggregator attempt carrier #3 0s",
			"00:01:30 aggregator delivered carrier #3 dlr=DELIVERED",
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
			"3d 00:00:00 billing failed carrier #4 err=nocredit dlr=NO_CREDIT",
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
			"1d 06:00:00 billing failed carrier #3 err=nocredit dlr=NO_CREDIT",
		}},
		{"billing/other errors follow the general strategy (domain.md §5, seed 003)", []Policy{NewBilling()}, "fail:nocredit,fail,fail,ok", []string{
			"00:00:00 billing attempt carrier #1 0s",
			"00:00:00 billing fail carrier #1 err=nocredit",
			"00:00:00 billing wait 6h",
			"06:00:00 billing attempt carrier #2 0s",
			"06:00:00 billing fail carrier #2 err=temp",
			"06:00:00 billing wait 30s",
			"06:00:30 billing attempt carrier #3 0s",
			"06:00:30 billing fail carrier #3 err=temp",
			"06:00:30 billing wait 60s",
			"06:01:30 billing attempt carrier #4 0s",
			"06:01:30 billing delivered carrier #4 dlr=DELIVERED",
		}},
		{"billing/permanent", []Policy{NewBilling()}, "fail:perm", []string{
			"00:00:00 billing attempt carrier #1 0s",
			"00:00:00 billing fail carrier #1 err=perm",
			"00:00:00 billing rejected carrier #1 err=perm dlr=REJECTED",
		}},
		{"billing/single-shot billing: no billing retry (domain.md §5)", []Policy{billSingle}, "", []string{
			"00:00:00 billing attempt carrier #1 0s",
			"00:00:00 billing fail carrier #1 err=nocredit",
			"00:00:00 billing failed carrier #1 err=nocredit dlr=NO_CREDIT",
		}},
		{"chain/billing,provider: drop-down on the provider resubmissions (seed 004)", []Policy{NewBilling(), prov}, "fail:nocredit:2s,fail:nocredit*3,fail:nocredit,ok", []string{
			"00:00:00 billing attempt carrier #1 2s",
			"00:00:02 billing fail carrier #1 err=nocredit",
			"00:00:02 billing wait 6h",
			"06:00:02 billing attempt carrier #2 0s",
			"06:00:02 billing fail carrier #2 err=nocredit",
			"06:00:02 billing wait 18h",
			"1d 00:00:02 billing attempt carrier #3 0s",
			"1d 00:00:02 billing fail carrier #3 err=nocredit",
			"1d 00:00:02 billing wait 1d",
			"2d 00:00:02 billing attempt carrier #4 0s",
			"2d 00:00:02 billing fail carrier #4 err=nocredit",
			"2d 00:00:02 billing wait 23h59m",
			"3d 00:00:00 billing report carrier #4 err=nocredit dlr=NO_CREDIT",
			"3d 00:00:00 provider wait content provider 2d dlr=NO_CREDIT",
			"5d 00:00:00 provider attempt content provider #1 0s",
			"5d 00:00:00 provider fail content provider #1 err=nocredit",
			"5d 00:00:00 provider wait content provider 2d dlr=NO_CREDIT",
			"7d 00:00:00 provider attempt content provider #2 0s",
			"7d 00:00:00 provider delivered content provider #2 dlr=DELIVERED",
		}},
		{"chain/aggregator,provider: REJECTED after the last attempt (domain.md §5, seed 003)", []Policy{agg2, prov}, "fail*2", []string{
			"00:00:00 aggregator attempt carrier #1 0s",
			"00:00:00 aggregator fail carrier #1 err=temp",
			"00:00:00 aggregator wait 30s",
			"00:00:30 aggregator attempt carrier #2 0s",
			"00:00:30 aggregator fail carrier #2 err=temp",
			"00:00:30 aggregator report carrier #2 err=temp dlr=REJECTED",
			"00:00:30 provider rejected content provider dlr=REJECTED",
		}},
		{"chain/device fails: network never starts", []Policy{NewSMS(), NewAggregator()}, "fail:perm", []string{
			"00:00:00 sms attempt IMS #1 0s",
			"00:00:00 sms fail IMS #1 err=perm",
			"00:00:00 sms failed IMS #1 err=perm",
		}},
		{"chain/nowsms,mms: MT notification, then the download (domain.md §5)", []Policy{NewNowSMS(), mmsOn()}, "fail,ok,fail:11s,ok:4s", []string{
			"00:00:00 nowsms attempt SMSC #1 0s",
			"00:00:00 nowsms fail SMSC #1 err=temp",
			"00:00:00 nowsms retry SMSC #1",
			"00:00:00 nowsms attempt SMSC #2 0s",
			"00:00:00 nowsms handed-over SMSC #2",
			"00:00:00 mms attempt MMSC #1 11s",
			"00:00:11 mms fail MMSC #1 err=temp",
			"00:00:11 mms wait 20s",
			"00:00:31 mms attempt MMSC #2 4s",
			"00:00:35 mms delivered MMSC #2",
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
