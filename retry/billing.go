package retry

import (
	"fmt"
	"strings"
	"time"
)

// Billing is an aggregator's billing retry strategy for premium MT messages
// that cannot be charged (the end user is out of credit).
type Billing struct {
	// Delays are the waits between attempts; the last one repeats: +6 h,
	// +18 h, then every 24 h.
	Delays []time.Duration
	// Validity is the message's validity period from its first attempt here.
	Validity time.Duration
	// DropDown are the price points of attempt 1, 2, …; the last repeats.
	// Empty: no drop-down billing.
	DropDown []Price
}

// DefaultBillingValidity is the validity used when none is given.
const DefaultBillingValidity = 3 * day

// NewBilling returns the typical schedule with a validity of 3 days.
func NewBilling() Billing {
	return Billing{Delays: []time.Duration{6 * time.Hour, 18 * time.Hour, 24 * time.Hour}, Validity: DefaultBillingValidity}
}

func (Billing) Name() string { return "billing" }

func (p Billing) Summary() string {
	var ds []string
	for _, d := range p.Delays {
		ds = append(ds, "+"+shortDuration(d))
	}
	s := fmt.Sprintf("billing: retries at %s (the last repeating), validity %s", strings.Join(ds, ", "), humanDuration(p.Validity))
	if len(p.DropDown) > 0 {
		s += ", drop-down prices " + joinPrices(p.DropDown)
	}
	return s
}

func (Billing) Kinds() []ErrorKind { return []ErrorKind{ErrNoCredit, ErrTemp, ErrPerm} }

func (Billing) DefaultOutcomes() []Outcome { return []Outcome{{Kind: ErrNoCredit}} }

func (p Billing) Parameters() map[string]any {
	ds := []any{}
	for _, d := range p.Delays {
		ds = append(ds, d.Seconds())
	}
	prices := []any{}
	for _, pr := range p.DropDown {
		prices = append(prices, pr.String())
	}
	return map[string]any{"delays_seconds": ds, "validity_seconds": p.Validity.Seconds(), "drop_down": prices}
}

func (p Billing) Validate() error {
	if len(p.Delays) == 0 {
		return fmt.Errorf("no retry delays")
	}
	for _, d := range p.Delays {
		if d <= 0 {
			return fmt.Errorf("retry delays must be positive")
		}
	}
	if p.Validity <= 0 {
		return fmt.Errorf("the billing strategy needs a validity period (it retries until the message expires)")
	}
	if n := p.Validity / p.Delays[len(p.Delays)-1]; n > MaxEvents/4 {
		return fmt.Errorf("validity %s allows too many retries", humanDuration(p.Validity))
	}
	return checkPrices(p.DropDown)
}

func (p Billing) Choices() []Choice {
	return []Choice{
		{SourceVendor, "A premium message that cannot be charged is resubmitted after 6 hours, then after 18 hours more, then every 24 hours until the message expires."},
		{SourcePolicy, "The default validity is 3 days (the description names no number). It counts from this stage's first attempt; when the next attempt would start at or after its end, the message expires then (VALIDITY_EXPIRED)."},
		{SourcePolicy, "Any non-permanent failure stays on this schedule (as an out-of-credit failure); a permanent error is REJECTED at once."},
		{SourceVendor, "Drop-down billing lowers the price point on each NO_CREDIT retry."},
		{SourcePolicy, "With --drop-down P1,P2,…: attempt k is charged at Pk and every later attempt at the last price; prices must not rise."},
	}
}

func (p Billing) price(attempt int) string {
	if len(p.DropDown) == 0 {
		return ""
	}
	return fmt.Sprintf(" at price %s", DropDownPrice(p.DropDown, attempt))
}

func (p Billing) run(r *runner) error {
	start := r.now
	for {
		o, _, err := r.take(false)
		if err != nil {
			return err
		}
		n := r.attempts + 1
		if err := r.attempt(ChannelCarrier, o, fmt.Sprintf("Attempt %d: the message is submitted for billing%s.", n, p.price(n))); err != nil {
			return err
		}
		if o.OK {
			return r.success(ChannelCarrier, KindDelivered, fmt.Sprintf("The user is charged%s: DELIVERED.", p.price(n)), "The user is charged")
		}
		if o.Kind == ErrPerm {
			if err := r.fail(ChannelCarrier, o, fmt.Sprintf("Attempt %d fails with a permanent error.", n)); err != nil {
				return err
			}
			return r.end(KindRejected, ChannelCarrier, o, "A permanent error is not retried: REJECTED.")
		}
		if err := r.fail(ChannelCarrier, o, fmt.Sprintf("Attempt %d fails with %s.", n, o.Kind.describe(o.Code))); err != nil {
			return err
		}
		w := p.Delays[min(n-1, len(p.Delays)-1)]
		if done, err := r.expires(w, start, p.Validity, KindExpired, o, "The validity period ends: VALIDITY_EXPIRED."); done {
			return err
		}
		if err := r.emit(Event{Kind: KindWait, Duration: w, Detail: fmt.Sprintf("Next attempt in %s.", humanDuration(w))}); err != nil {
			return err
		}
		r.advance(w)
	}
}
