package retry

import (
	"fmt"
	"strconv"
	"strings"
)

// RetryAdvice says whether a message with a given delivery-report status may
// be sent again.
type RetryAdvice string

// The possible advices.
const (
	RetryNo    RetryAdvice = "no"
	RetryYes   RetryAdvice = "yes"
	RetryLater RetryAdvice = "later" // yes, but not soon: hours or days
	RetryWait  RetryAdvice = "wait"  // no: the status is not final yet
)

// DLR is one premium-SMS delivery-report status and what to do about it.
type DLR struct {
	Status string      // as the report writes it: DELIVERED, NO_CREDIT, ...
	Retry  RetryAdvice // may the message be sent again
	Final  bool        // the status will not change by itself
	Reason string
}

// DLRs is the delivery-report table, in the order reports are usually
// listed.
func DLRs() []DLR {
	return []DLR{
		{"DELIVERED", RetryNo, true, "the message reached the handset and was charged; sending it again would deliver and charge it twice"},
		{"NO_CREDIT", RetryLater, true, "the user is out of credit; retry the message after a couple of days, and with drop-down billing at a lower price point on each such resubmission"},
		{"FAILED", RetryYes, true, "delivery failed for a reason that may pass; retry with back-off"},
		{"VALIDITY_EXPIRED", RetryYes, true, "the message expired before it could be delivered; a new submission gets a new validity period"},
		{"REJECTED", RetryNo, true, "the aggregator gave up on the message (a permanent error such as an unknown number, barred or unsupported content; its 10th failed attempt; or the end of its validity period)"},
		{"INVALID_MSISDN", RetryNo, true, "the number does not exist: no retry can succeed"},
		{"ACKNOWLEDGED", RetryWait, false, "the carrier took the message but the outcome is not final; wait for the final report, since a retry now risks charging the user twice"},
		{"UNKNOWN", RetryYes, true, "the outcome is unknown; retry, preferably after checking the message was not charged"},
		{"OPERATOR_ERROR", RetryYes, true, "an error in the operator's network, usually temporary; retry with back-off"},
	}
}

// Advice says in words what the content provider may do: "do not retry".
func (d DLR) Advice() string {
	switch d.Retry {
	case RetryNo:
		return "do not retry"
	case RetryYes:
		return "retry"
	case RetryLater:
		return "retry later, after days"
	}
	return "do not retry yet: wait for the final report"
}

// dlrNext joins a delivery report to the table: "Delivery report
// REJECTED; the content provider's next step (DLR table, seed 004): do not
// retry."
func dlrNext(status string) string {
	d, ok := LookupDLR(status)
	if !ok {
		return ""
	}
	return fmt.Sprintf("Delivery report %s; the content provider's next step (DLR table, seed 004): %s.", d.Status, d.Advice())
}

// LookupDLR finds a status, case-insensitively; "-" and " " count as "_".
func LookupDLR(status string) (DLR, bool) {
	norm := strings.ToUpper(strings.NewReplacer("-", "_", " ", "_").Replace(strings.TrimSpace(status)))
	for _, d := range DLRs() {
		if d.Status == norm {
			return d, true
		}
	}
	return DLR{}, false
}

// DLRStatuses lists the known statuses.
func DLRStatuses() []string {
	var out []string
	for _, d := range DLRs() {
		out = append(out, d.Status)
	}
	return out
}

// Price is an amount in hundredths of the currency unit (1000 is 10.00).
type Price int64

// String writes the price with two decimals.
func (p Price) String() string { return fmt.Sprintf("%d.%02d", p/100, p%100) }

// maxPrice bounds prices to keep arithmetic and output sane.
const maxPrice = 1_000_000_00

// ParsePrices reads a comma-separated list of prices such as
// "10.00,5.00,4.50" (at most two decimals). The prices must be positive and
// must not rise from one to the next: drop-down billing only lowers them.
func ParsePrices(s string) ([]Price, error) {
	if strings.TrimSpace(s) == "" {
		return nil, fmt.Errorf("no prices: give e.g. 10.00,5.00,4.50")
	}
	var out []Price
	for i, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		p, err := parsePrice(f)
		if err != nil {
			return nil, fmt.Errorf("price %d (%q): %v", i+1, f, err)
		}
		out = append(out, p)
	}
	return out, checkPrices(out)
}

func parsePrice(f string) (Price, error) {
	whole, frac, dot := strings.Cut(f, ".")
	if whole == "" || strings.Trim(whole, "0123456789") != "" || strings.Trim(frac, "0123456789") != "" || (dot && frac == "") {
		return 0, fmt.Errorf("want a number with at most two decimals, e.g. 4.50")
	}
	if len(frac) > 2 {
		return 0, fmt.Errorf("more than two decimals")
	}
	if len(whole) > 9 {
		return 0, fmt.Errorf("too large")
	}
	w, _ := strconv.ParseInt(whole, 10, 64)
	c := int64(0)
	if frac != "" {
		c, _ = strconv.ParseInt((frac + "0")[:2], 10, 64)
	}
	p := Price(w*100 + c)
	if p <= 0 {
		return 0, fmt.Errorf("a price must be more than 0")
	}
	if p > maxPrice {
		return 0, fmt.Errorf("too large")
	}
	return p, nil
}

func checkPrices(ps []Price) error {
	for i := 1; i < len(ps); i++ {
		if ps[i] > ps[i-1] {
			return fmt.Errorf("drop-down prices must not rise: %s then %s", ps[i-1], ps[i])
		}
	}
	for _, p := range ps {
		if p <= 0 || p > maxPrice {
			return fmt.Errorf("price %s is out of range", p)
		}
	}
	return nil
}

// DropDownPrice is the price of attempt n (1-based): the n-th price, or the
// last one for every later attempt.
func DropDownPrice(prices []Price, n int) Price {
	if len(prices) == 0 {
		return 0
	}
	return prices[min(max(n, 1), len(prices))-1]
}

func joinPrices(ps []Price) string {
	var s []string
	for _, p := range ps {
		s = append(s, p.String())
	}
	return strings.Join(s, ", ")
}
