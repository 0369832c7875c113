package retry

import (
	"fmt"
	"github.com/mcsf-dev/mcsf/internal/english"
	"time"
)

// Provider is the content provider's own decision after the final delivery
// report of a premium MT message it sent (the DLR table, seed 004), with
// drop-down billing on its resubmissions after NO_CREDIT.
type Provider struct {
	// Incoming is the delivery report when the provider stands alone
	// (--dlr); in a chain the previous stage's report is used.
	Incoming string
	// DropDown are the price points of the original message and of each
	// resubmission after NO_CREDIT; the last repeats. Empty: no drop-down.
	DropDown []Price
	// NoCreditDelay is how long the provider waits after NO_CREDIT before
	// resubmitting ("a couple of days", seed 004): 2 days.
	NoCreditDelay time.Duration
	// RetryDelay is how long it waits after another report that may be
	// retried (FAILED, VALIDITY_EXPIRED, UNKNOWN, OPERATOR_ERROR): 1 hour.
	RetryDelay time.Duration
	// MaxResubmissions bounds the provider's resubmissions: 2.
	MaxResubmissions int
}

// NewProvider returns the provider with this project's defaults: NO_CREDIT
// resubmitted after 2 days, other retryable reports after 1 hour, at most 2
// resubmissions, no drop-down prices.
func NewProvider() Provider {
	return Provider{NoCreditDelay: 2 * day, RetryDelay: time.Hour, MaxResubmissions: 2}
}

func (Provider) Name() string { return "provider" }

func (p Provider) Summary() string {
	s := fmt.Sprintf("provider: acts on the delivery report (DLR table, seed 004); after NO_CREDIT resubmits in %s, after other retryable reports in %s; at most %d resubmissions",
		shortDuration(p.NoCreditDelay), shortDuration(p.RetryDelay), p.MaxResubmissions)
	if len(p.DropDown) > 0 {
		s += "; drop-down prices " + joinPrices(p.DropDown)
	}
	if p.Incoming != "" {
		s += "; report " + p.Incoming
	}
	return s
}

func (Provider) Kinds() []ErrorKind { return []ErrorKind{ErrNoCredit, ErrTemp, ErrPerm} }

func (Provider) DefaultOutcomes() []Outcome { return []Outcome{{Kind: ErrNoCredit}} }

func (p Provider) Parameters() map[string]any {
	prices := []any{}
	for _, pr := range p.DropDown {
		prices = append(prices, pr.String())
	}
	m := map[string]any{"no_credit_delay_seconds": p.NoCreditDelay.Seconds(), "retry_delay_seconds": p.RetryDelay.Seconds(),
		"max_resubmissions": p.MaxResubmissions, "drop_down": prices}
	if p.Incoming != "" {
		m["incoming"] = p.Incoming
	}
	return m
}

func (p Provider) Validate() error {
	switch {
	case p.NoCreditDelay <= 0 || p.RetryDelay <= 0:
		return fmt.Errorf("resubmission delays must be positive")
	case p.MaxResubmissions < 0 || p.MaxResubmissions > 100:
		return fmt.Errorf("max resubmissions %d is out of range 0..100", p.MaxResubmissions)
	}
	if p.Incoming != "" {
		if _, ok := LookupDLR(p.Incoming); !ok {
			return fmt.Errorf("unknown delivery-report status %q", p.Incoming)
		}
	}
	return checkPrices(p.DropDown)
}

func (p Provider) Choices() []Choice {
	return []Choice{
		{SourceVendor, "After a final delivery report the content provider decides by the DLR table: DELIVERED, REJECTED, INVALID_MSISDN: no retry; NO_CREDIT: retry later (after a couple of days); FAILED, VALIDITY_EXPIRED, UNKNOWN, OPERATOR_ERROR: retry; ACKNOWLEDGED: not final, wait (a retry risks charging twice)."},
		{SourceVendor, "Drop-down billing lowers the price point on the provider's own resubmissions after NO_CREDIT, not on the aggregator's automatic billing retries."},
		{SourcePolicy, "\"A couple of days\" is 2 days (--resubmit-after); other retryable reports are resubmitted after 1 hour; at most 2 resubmissions (--resubmissions)."},
		{SourcePolicy, "Each resubmission is drawn as one attempt whose outcome is its final delivery report (ok: DELIVERED, fail:nocredit: NO_CREDIT, fail: FAILED, fail:perm: REJECTED); the aggregator's own retries of it are not drawn again."},
		{SourcePolicy, "With --drop-down P1,P2,…: the original message is charged at P1 and the k-th resubmission after NO_CREDIT at P(k+1), the last price repeating; a resubmission after another report keeps the price; prices must not rise."},
		{SourcePolicy, "The delivery report reaches the provider at once (its own delivery, with the general strategy, is not drawn)."},
	}
}

// reportOf is the final delivery report of a resubmission with outcome o.
func reportOf(o Outcome) string {
	switch {
	case o.OK:
		return "DELIVERED"
	case o.Kind == ErrNoCredit:
		return "NO_CREDIT"
	case o.Kind == ErrPerm:
		return "REJECTED"
	}
	return "FAILED"
}

func (p Provider) run(r *runner) error {
	status := p.Incoming
	if r.prev.DLR != "" {
		status = r.prev.DLR
	}
	if status == "" {
		return fmt.Errorf("provider: no delivery report to act on: give --dlr")
	}
	const ch = ChannelProvider
	priceStep := 0 // resubmissions after NO_CREDIT so far
	price := func() string {
		if len(p.DropDown) == 0 {
			return ""
		}
		return fmt.Sprintf(" at the price %s", DropDownPrice(p.DropDown, priceStep+1))
	}
	for resub := 0; ; resub++ {
		d, ok := LookupDLR(status)
		if !ok {
			return fmt.Errorf("provider: unknown delivery-report status %q", status)
		}
		decision := fmt.Sprintf("The content provider reads the delivery report %s: %s. DLR table (seed 004): %s.", d.Status, d.Advice(), d.Reason)
		switch d.Retry {
		case RetryNo:
			kind := KindRejected
			if d.Status == "DELIVERED" {
				kind = KindDelivered
			}
			return r.emit(Event{Kind: kind, Channel: ch, Attempt: r.attempts, DLR: d.Status, Detail: decision})
		case RetryWait:
			return r.emit(Event{Kind: KindPending, Channel: ch, Attempt: r.attempts, DLR: d.Status, Detail: decision})
		}
		if resub >= p.MaxResubmissions {
			return r.emit(Event{Kind: KindFailed, Channel: ch, Attempt: r.attempts, DLR: d.Status,
				Detail: decision + fmt.Sprintf(" It has resubmitted %s already and gives up.", english.Count(resub, "time"))})
		}
		w := p.RetryDelay
		if d.Status == "NO_CREDIT" {
			w = p.NoCreditDelay
			priceStep++
		}
		if err := r.emit(Event{Kind: KindWait, Channel: ch, Duration: w, DLR: d.Status,
			Detail: decision + fmt.Sprintf(" It resubmits in %s.", humanDuration(w))}); err != nil {
			return err
		}
		r.advance(w)
		o, _, err := r.take(false)
		if err != nil {
			return err
		}
		what := "a new message"
		if d.Status == "NO_CREDIT" && len(p.DropDown) > 0 {
			what = "a new message, drop-down billing"
		}
		if err := r.attempt(ch, o, fmt.Sprintf("Resubmission %d: the content provider sends %s%s.", resub+1, what, price())); err != nil {
			return err
		}
		status = reportOf(o)
		if o.OK {
			return r.emit(Event{Kind: KindDelivered, Channel: ch, Attempt: r.attempts, DLR: status,
				Detail: fmt.Sprintf("The user is charged%s: DELIVERED.", price())})
		}
		if err := r.fail(ch, o, fmt.Sprintf("Resubmission %d ends with the delivery report %s.", resub+1, status)); err != nil {
			return err
		}
	}
}
