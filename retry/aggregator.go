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
	// Direction is the message's: DirMT (to the carrier), DirMO or DirDLR
	// (to a content provider's server); "" takes it from the chain.
	Direction Direction
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
	return shortDuration(v)
}

func (p Aggregator) Summary() string {
	s := fmt.Sprintf("aggregator: general strategy, first wait %s, each wait ×%d, %d attempts, validity %s",
		shortDuration(p.FirstDelay), p.Factor, p.MaxAttempts, validityText(p.Validity))
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
		"max_attempts": p.MaxAttempts, "validity_seconds": v, "permanent": p.Permanent, "direction": p.Direction}
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
	case p.Direction != "" && p.Direction != DirMT && p.Direction != DirMO && p.Direction != DirDLR:
		return fmt.Errorf("direction %q: want MT, MO or DLR", p.Direction)
	}
	return nil
}

func (p Aggregator) Choices() []Choice {
	return []Choice{
		{SourceVendor, "Unexpected errors are retried with exponential back-off: about 30 s, then 60, 120, … doubling, 10 attempts in all; the 10th comes about four hours after the first (4 h 15 min 30 s when attempts take no time)."},
		{SourceVendor, "MT messages go to the carrier; MO messages and delivery reports go to a content provider's server, always with this general strategy (seed 003)."},
		{SourceVendor, "For an MT message the strategy ends with a REJECTED delivery report: after the 10th failed attempt, when the validity period ends, and at once on a permanent error (unknown number, barred, unsupported binary). --permanent makes every failure one, fail:perm one failure."},
		{SourceVendor, "Single-shot billing does not affect the general strategy."},
		{SourcePolicy, "An MO message or a delivery report the content provider's server does not take after the 10th attempt (or at once on a permanent error) is failed; no delivery report follows, since reports are for MT messages."},
		{SourcePolicy, "Each wait starts when the failed attempt ends."},
		{SourcePolicy, "The validity period counts from this stage's first attempt (when the message reaches the aggregator). When the next attempt would start at or after its end, the strategy ends at the moment the validity ends."},
		{SourcePolicy, "ok on an MT message means the carrier took it: modelled as delivered (DELIVERED report); a real carrier may still report later."},
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
	mt := r.dir == DirMT
	ch, to := ChannelCarrier, "the carrier"
	if !mt {
		ch, to = ChannelProvider, "the content provider's server"
	}
	what := map[Direction]string{DirMT: "the MT message", DirMO: "the MO message", DirDLR: "the delivery report"}[r.dir]
	// give up ends the strategy: a REJECTED delivery report for an MT
	// message, failed otherwise.
	giveUp := func(o Outcome, why string) error {
		if mt {
			return r.report(KindRejected, "REJECTED", ch, o, why+": REJECTED.")
		}
		return r.end(KindFailed, ch, o, why+": "+what+" is not delivered.")
	}
	for {
		o, _, err := r.take(false)
		if err != nil {
			return err
		}
		if err := r.attempt(ch, o, fmt.Sprintf("Attempt %d of %d: the aggregator submits %s to %s.", r.attempts+1, p.MaxAttempts, what, to)); err != nil {
			return err
		}
		if o.OK {
			if !mt {
				return r.success(ch, KindDelivered, fmt.Sprintf("The content provider's server accepts %s.", what), "The content provider's server accepts it")
			}
			if r.last {
				return r.report(KindDelivered, "DELIVERED", ch, o, "The carrier accepts the message: DELIVERED.")
			}
			return r.success(ch, KindDelivered, "", "The carrier accepts the message")
		}
		if p.Permanent || o.Kind == ErrPerm {
			o.Kind = ErrPerm
			if err := r.fail(ch, o, fmt.Sprintf("Attempt %d fails with a permanent error.", r.attempts)); err != nil {
				return err
			}
			return giveUp(o, "A permanent error is not retried")
		}
		if err := r.fail(ch, o, fmt.Sprintf("Attempt %d fails with %s.", r.attempts, o.Kind.describe(o.Code))); err != nil {
			return err
		}
		if r.attempts >= p.MaxAttempts {
			return giveUp(o, fmt.Sprintf("No attempt is left (%d in all)", p.MaxAttempts))
		}
		w := p.wait(r.attempts)
		if p.Validity > 0 && r.now+w >= start+p.Validity {
			if err := r.waitToExpiry(w, start, p.Validity); err != nil {
				return err
			}
			return giveUp(o, "The validity period ends")
		}
		if err := r.emit(Event{Kind: KindWait, Duration: w, Detail: fmt.Sprintf("Wait %d starts and is scheduled for %s.", r.attempts, humanDuration(w))}); err != nil {
			return err
		}
		r.advance(w)
	}
}
