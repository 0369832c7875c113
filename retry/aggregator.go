package retry

import (
	"fmt"
	"time"
)

// Aggregator is an SMS aggregator's general retry strategy (MX Telecom's
// description): exponential back-off for unexpected errors, with a limit on
// attempts and the message's validity period.
type Aggregator struct {
	FirstDelay  time.Duration // wait after the first failure: 30 s
	Factor      int           // each wait is Factor times the one before: 2
	MaxAttempts int           // attempts in all: 10
	Validity    time.Duration // the message's validity period from its first attempt here; 0 = not limited
	Permanent   bool          // every failure is a permanent error (unknown number, barred, unsupported binary)
}

// NewAggregator returns the general strategy's published numbers: 30 s,
// doubling, 10 attempts, no validity limit.
func NewAggregator() Aggregator {
	return Aggregator{FirstDelay: 30 * time.Second, Factor: 2, MaxAttempts: 10}
}

func (Aggregator) Name() string { return "aggregator" }

func validityText(v time.Duration) string {
	if v == 0 {
		return "not limited"
	}
	return humanDuration(v)
}

func (p Aggregator) Summary() string {
	s := fmt.Sprintf("aggregator: general strategy, first wait %s, each wait ×%d, %d attempts, validity %s",
		humanDuration(p.FirstDelay), p.Factor, p.MaxAttempts, validityText(p.Validity))
	if p.Permanent {
		s += ", errors permanent"
	}
	return s
}

func (Aggregator) Kinds() []ErrorKind { return []ErrorKind{ErrTemp, ErrPerm} }

func (Aggregator) DefaultOutcomes() []Outcome { return []Outcome{{Kind: ErrTemp}} }

func (p Aggregator) Parameters() map[string]any {
	var v any
	if p.Validity > 0 {
		v = p.Validity.Seconds()
	}
	return map[string]any{"first_delay_seconds": p.FirstDelay.Seconds(), "factor": p.Factor,
		"max_attempts": p.MaxAttempts, "validity_seconds": v, "permanent": p.Permanent}
}

func (p Aggregator) Validate() error {
	switch {
	case p.FirstDelay < 0 || p.FirstDelay > 365*day:
		return fmt.Errorf("first delay %s is out of range 0..365 days", shortDuration(p.FirstDelay))
	case p.Factor < 1 || p.Factor > 16:
		return fmt.Errorf("factor %d is out of range 1..16", p.Factor)
	case p.MaxAttempts < 1 || p.MaxAttempts > 40:
		return fmt.Errorf("max attempts %d is out of range 1..40", p.MaxAttempts)
	case p.Validity < 0:
		return fmt.Errorf("validity must not be negative")
	}
	return nil
}

func (p Aggregator) Choices() []Choice {
	return []Choice{
		{SourceVendor, "Unexpected errors are retried with exponential back-off: about 30 s, then 60, 120, … doubling, 10 attempts in all; the 10th comes about four hours after the first (4 h 15 min 30 s when attempts take no time)."},
		{SourceVendor, "Permanent errors (unknown number, barred, unsupported binary) fail at once with REJECTED; --permanent makes every failure one, fail:perm one failure."},
		{SourceVendor, "Retrying stops early when the message's validity period ends."},
		{SourcePolicy, "Each wait starts when the failed attempt ends."},
		{SourcePolicy, "The validity period counts from this stage's first attempt (when the message reaches the aggregator). When the next attempt would start at or after its end, the message is REJECTED at the moment the validity ends."},
		{SourcePolicy, "After the last attempt fails the message is FAILED."},
	}
}

// wait returns the wait after the n-th failure (1-based).
func (p Aggregator) wait(n int) time.Duration {
	d := p.FirstDelay
	for range n - 1 {
		d *= time.Duration(p.Factor)
	}
	return d
}

func (p Aggregator) run(r *runner) error {
	start := r.now
	for {
		o, _, err := r.take(false)
		if err != nil {
			return err
		}
		if err := r.attempt(ChannelCarrier, o, fmt.Sprintf("Attempt %d of %d: the aggregator submits the message to the carrier.", r.attempts+1, p.MaxAttempts)); err != nil {
			return err
		}
		if o.OK {
			return r.success(ChannelCarrier, KindDelivered, "The carrier accepts the message: DELIVERED.", "The carrier accepts the message")
		}
		if p.Permanent || o.Kind == ErrPerm {
			o.Kind = ErrPerm
			if err := r.fail(ChannelCarrier, o, fmt.Sprintf("Attempt %d fails with a permanent error.", r.attempts)); err != nil {
				return err
			}
			return r.end(KindRejected, ChannelCarrier, o, "A permanent error is not retried: REJECTED.")
		}
		if err := r.fail(ChannelCarrier, o, fmt.Sprintf("Attempt %d fails with %s.", r.attempts, o.Kind.describe(o.Code))); err != nil {
			return err
		}
		if r.attempts >= p.MaxAttempts {
			return r.end(KindFailed, ChannelCarrier, o, fmt.Sprintf("%d attempts made: FAILED.", r.attempts))
		}
		w := p.wait(r.attempts)
		if p.Validity > 0 {
			if done, err := r.expires(w, start, p.Validity, KindRejected, o, "The validity period ends: REJECTED."); done {
				return err
			}
		}
		if err := r.emit(Event{Kind: KindWait, Duration: w, Detail: fmt.Sprintf("Wait %d starts and is scheduled for %s.", r.attempts, humanDuration(w))}); err != nil {
			return err
		}
		r.advance(w)
	}
}
