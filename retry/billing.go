package retry

import (
	"fmt"
	"strings"
	"time"
)

// Billing is a premium MT message at an aggregator that controls billing:
// a billing failure (the end user is out of credit) follows the billing
// schedule, any other error the general strategy (domain.md §5, seed 003).
type Billing struct {
	// Delays are the waits after each billing failure; the last one
	// repeats: +6 h, +18 h, then every 24 h.
	Delays []time.Duration
	// General is the strategy for errors that are not billing failures;
	// its Validity is not used (Validity below counts for both).
	General Aggregator
	// Validity is the message's validity period from its first attempt here.
	Validity time.Duration
	// SingleShot is single-shot billing: a billing failure is not retried.
	SingleShot bool
}

// DefaultBillingValidity is the validity used when none is given.
const DefaultBillingValidity = 3 * day

// NewBilling returns the typical schedule with a validity of 3 days.
func NewBilling() Billing {
	return Billing{Delays: []time.Duration{6 * time.Hour, 18 * time.Hour, 24 * time.Hour}, General: NewAggregator(),
		Validity: DefaultBillingValidity}
}

func (Billing) Name() string { return "billing" }

func (p Billing) Summary() string {
	var ds []string
	for _, d := range p.Delays {
		ds = append(ds, "+"+shortDuration(d))
	}
	billing := fmt.Sprintf("billing failures retried at %s (the last repeating)", strings.Join(ds, ", "))
	if p.SingleShot {
		billing = "single-shot billing: billing failures not retried"
	}
	return fmt.Sprintf("billing: premium MT; %s; other errors on the general strategy (first wait %s, ×%d, %d attempts); validity %s",
		billing, shortDuration(p.General.FirstDelay), p.General.Factor, p.General.MaxAttempts, shortDuration(p.Validity))
}

func (Billing) Kinds() []ErrorKind { return []ErrorKind{ErrNoCredit, ErrTemp, ErrPerm} }

func (Billing) DefaultOutcomes() []Outcome { return []Outcome{{Kind: ErrNoCredit}} }

func (p Billing) Parameters() map[string]any {
	ds := []any{}
	for _, d := range p.Delays {
		ds = append(ds, d.Seconds())
	}
	return map[string]any{"delays_seconds": ds, "validity_seconds": p.Validity.Seconds(), "single_shot": p.SingleShot,
		"general": map[string]any{"first_delay_seconds": p.General.FirstDelay.Seconds(), "factor": p.General.Factor,
			"max_attempts": p.General.MaxAttempts}}
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
	g := p.General
	g.Validity = 0
	return g.Validate()
}

func (p Billing) Choices() []Choice {
	return []Choice{
		{SourceVendor, "Only a billing failure (the user is out of credit, fail:nocredit) follows the billing schedule: a new attempt after 6 hours, then 18 hours more, then every 24 hours until the message expires. Any other error of the same message follows the general strategy (30 s, doubling, 10 attempts)."},
		{SourceVendor, "Single-shot billing (--single-shot), or a short validity period, turns the billing retries off; it only happens where the aggregator controls billing."},
		{SourceVendor, "A permanent error, the 10th failed attempt of the general strategy, or the end of the validity period during it ends with a REJECTED delivery report."},
		{SourceVendor, "Drop-down billing is not applied here: it lowers the price on the content provider's own resubmissions after NO_CREDIT (see provider), not on these automatic retries."},
		{SourcePolicy, "The two schedules count their own failures: billing failures move along +6 h, +18 h, +24 h; other failures count towards the general strategy's 10 attempts."},
		{SourcePolicy, "The default validity is 3 days (the description names no number). It counts from this stage's first attempt; when the next attempt would start at or after its end, the message ends then."},
		{SourcePolicy, "A message that ends out of credit (its validity over, or single-shot billing) gets the delivery report NO_CREDIT: domain.md names no status for it, and seed 004's advice after NO_CREDIT (retry after a couple of days) presumes this one."},
	}
}

func (p Billing) run(r *runner) error {
	start := r.now
	const ch = ChannelCarrier
	billingFails, otherFails := 0, 0
	for {
		o, _, err := r.take(false)
		if err != nil {
			return err
		}
		n := r.attempts + 1
		if err := r.attempt(ch, o, fmt.Sprintf("Attempt %d: the aggregator charges the user and submits the premium message to the carrier.", n)); err != nil {
			return err
		}
		if o.OK {
			return r.report(KindDelivered, "DELIVERED", ch, o, "The user is charged and the carrier accepts the message: DELIVERED.")
		}
		var w time.Duration
		var end EventKind
		var dlr, endWhy string
		switch o.Kind {
		case ErrPerm:
			if err := r.fail(ch, o, fmt.Sprintf("Attempt %d fails with a permanent error.", n)); err != nil {
				return err
			}
			return r.report(KindRejected, "REJECTED", ch, o, "A permanent error is not retried: REJECTED.")
		case ErrNoCredit:
			billingFails++
			if err := r.fail(ch, o, fmt.Sprintf("Attempt %d fails with %s: a billing failure.", n, o.Kind.describe(o.Code))); err != nil {
				return err
			}
			if p.SingleShot {
				return r.report(KindFailed, "NO_CREDIT", ch, o, "Single-shot billing: a billing failure is not retried: NO_CREDIT.")
			}
			w = p.Delays[min(billingFails-1, len(p.Delays)-1)]
			end, dlr, endWhy = KindFailed, "NO_CREDIT", "The validity period ends with the user out of credit: NO_CREDIT."
		default:
			otherFails++
			if err := r.fail(ch, o, fmt.Sprintf("Attempt %d fails with %s: not a billing failure, so the general strategy applies (failure %d of %d).", n, o.Kind.describe(o.Code), otherFails, p.General.MaxAttempts)); err != nil {
				return err
			}
			if otherFails >= p.General.MaxAttempts {
				return r.report(KindRejected, "REJECTED", ch, o, fmt.Sprintf("The general strategy's %d attempts have failed: REJECTED.", p.General.MaxAttempts))
			}
			w = p.General.wait(otherFails)
			end, dlr, endWhy = KindRejected, "REJECTED", "The validity period ends: REJECTED."
		}
		if r.now+w >= start+p.Validity {
			if err := r.waitToExpiry(w, start, p.Validity); err != nil {
				return err
			}
			return r.report(end, dlr, ch, o, endWhy)
		}
		schedule := "Billing retry"
		if o.Kind != ErrNoCredit {
			schedule = "General strategy"
		}
		if err := r.emit(Event{Kind: KindWait, Duration: w, Detail: fmt.Sprintf("%s: next attempt in %s.", schedule, humanDuration(w))}); err != nil {
			return err
		}
		r.advance(w)
	}
}
