package retry_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/mcsf-dev/mcsf/retry"
)

// Microsoft's worked example for AutoRetryDownloadForMMS: downloads that
// fail after 11, 18 and 5 seconds.
func ExampleRun() {
	outcomes, err := retry.ParseOutcomes("fail:11s,fail:18s,fail:5s")
	if err != nil {
		fmt.Println(err)
		return
	}
	mms := retry.NewMMS()
	mms.AutoRetry = retry.Setting{Name: "AutoRetryDownload", Value: 1, Set: true, From: "ims.xml:31, per-SIM"}
	tl, err := retry.Run([]retry.Policy{mms}, outcomes, retry.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range tl.Events {
		if e.Kind == retry.KindAttempt {
			fmt.Println(retry.FormatElapsed(e.At), e.Detail)
		}
	}
	fmt.Println(tl.Final().Kind, "at", retry.FormatElapsed(tl.End()))
	// Output:
	// 00:00:00 Initial download starts.
	// 00:00:31 First wait times out, first retry download starts.
	// 00:01:29 Second wait times out, second retry download starts.
	// 00:02:34 Third wait times out, third retry download starts.
	// manual-link at 00:02:39
}

// An SMS whose IMS attempt fails temporarily, then the aggregator
// delivering the MO message to a content provider.
func ExampleWriteText() {
	sms := retry.NewSMS()
	sms.Threshold = retry.Setting{Name: "AttemptThresholdForIMS", Value: 1, Set: true, From: "--threshold"}
	outcomes, _ := retry.ParseOutcomes("fail:imstemp,ok,fail,ok")
	tl, err := retry.Run([]retry.Policy{sms, retry.NewAggregator()}, outcomes, retry.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	retry.WriteText(os.Stdout, tl)
	// Output:
	// message: MO, mobile-originated: the handset's own message
	// [handset] sms: AttemptThresholdForIMS=1 (from --threshold), RetryEnabled=1 (the documented default; assumed: no flag, no file)
	// [aggregator] aggregator: general strategy, first wait 30s, each wait ×2, 10 attempts, validity not limited
	//
	// ELAPSED   STAGE       ACTIVITY
	// 00:00:00  sms         Attempt 1 starts over IMS (1 of 1 allowed over IMS). Attempt 1 over IMS fails with RIL_E_IMSTEMPFAILURE (a temporary IMS failure). RetryEnabled=1: the device retries once, not over IMS, without telling the user.
	// 00:00:00  sms         Attempt 2 starts over 3GPP/3GPP2 (automatic retry: the user is not told of attempt 1). The message leaves the device over 3GPP/3GPP2; aggregator takes over.
	// 00:00:00  aggregator  Attempt 1 of 10: the aggregator submits the MO message to the content provider's server. Attempt 1 fails with a temporary error. Wait 1 starts and is scheduled for 30 seconds.
	// 00:00:30  aggregator  Attempt 2 of 10: the aggregator submits the MO message to the content provider's server. The content provider's server accepts the MO message.
	//
	// final: delivered at 00:00:30 after 4 attempts (sms 2, aggregator 2)
}

func ExampleLookupDLR() {
	d, _ := retry.LookupDLR("acknowledged")
	fmt.Println(d.Status, d.Retry, d.Final)
	// Output: ACKNOWLEDGED wait false
}

func ExampleParsePrices() {
	prices, err := retry.ParsePrices("10.00,5.00,4.50")
	if err != nil {
		fmt.Println(err)
		return
	}
	for n := 1; n <= 4; n++ {
		fmt.Println(n, retry.DropDownPrice(prices, n))
	}
	// Output:
	// 1 10.00
	// 2 5.00
	// 3 4.50
	// 4 4.50
}

// A handset's own SMS is mobile-originated: it never meets the billing of a
// premium MT message.
func ExampleRouteOf() {
	r, err := retry.RouteOf([]retry.Policy{retry.NewSMS(), retry.NewAggregator()})
	fmt.Println(r.Direction, err)
	_, err = retry.RouteOf([]retry.Policy{retry.NewSMS(), retry.NewBilling()})
	fmt.Println(strings.SplitN(err.Error(), ";", 2)[0])
	// Output:
	// MO <nil>
	// chain sms,billing mixes directions: sms is the handset sending its own SMS: mobile-originated (MO)
}

// NowSMS reads its reject codes as decimal numbers.
func ExampleParseRejectCodes() {
	codes, all, err := retry.ParseRejectCodes("05, 24")
	fmt.Println(codes, all, err)
	_, _, err = retry.ParseRejectCodes("0B")
	fmt.Println(err)
	// Output:
	// [5 24] false <nil>
	// entry 1 ("0B") is not a decimal error code: NowSMS reads the list as decimal numbers, or All
}
