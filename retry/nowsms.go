package retry

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// NowSMS is an SMS gateway submitting to an SMSC over UCP/EMI or CIMD2, with
// NowSMS's retry settings (SMSGW.INI, [SMSGW] section).
type NowSMS struct {
	RetryDelay    time.Duration // RetryDelay, default 30 s
	Multiplier    int           // RetryDelayMultiplier, default 1; 0 = fixed delay
	AfterAttempts int           // RetryDelayAfterAttempts, default 2: retry at once until that many errors
	MaxDelay      time.Duration // RetryDelayMax; 0 = no cap
	MaxAttempts   int           // RetryMaxAttempts, default 20: failed after that many errors
	RejectCodes   []int         // UCPRejectErrorCodes / CIMDRejectErrorCodes: decimal error codes that are permanent
	RejectAll     bool          // the reject list is "All": every error response is permanent
}

// NewNowSMS returns NowSMS's defaults.
func NewNowSMS() NowSMS {
	return NowSMS{RetryDelay: 30 * time.Second, Multiplier: 1, AfterAttempts: 2, MaxAttempts: 20}
}

func (NowSMS) Name() string { return "nowsms" }

func (p NowSMS) rejectText() string {
	switch {
	case p.RejectAll:
		return "All"
	case len(p.RejectCodes) == 0:
		return "none"
	}
	var cs []string
	for _, c := range p.RejectCodes {
		cs = append(cs, strconv.Itoa(c))
	}
	return strings.Join(cs, ",")
}

// ParseRejectCodes reads a UCPRejectErrorCodes / CIMDRejectErrorCodes list:
// comma-separated decimal error codes ("05" is 5), or All. An empty list
// rejects nothing. An entry that is not a decimal number is an error.
func ParseRejectCodes(s string) (codes []int, all bool, err error) {
	if strings.TrimSpace(s) == "" {
		return nil, false, nil
	}
	for i, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		switch n, ok := decimalCode(f); {
		case strings.EqualFold(f, "all"):
			all = true
		case !ok:
			return nil, false, fmt.Errorf("entry %d (%q) is not a decimal error code: NowSMS reads the list as decimal numbers, or All", i+1, f)
		default:
			codes = append(codes, n)
		}
	}
	if all && len(codes) > 0 {
		return nil, false, fmt.Errorf("the entry All already covers every code: give All alone")
	}
	return codes, all, nil
}

// decimalCode reads an error code as NowSMS does: a decimal number, leading
// zeros allowed ("05" is 5).
func decimalCode(s string) (int, bool) {
	if s == "" || len(s) > 9 || strings.Trim(s, "0123456789") != "" {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

func (p NowSMS) Summary() string {
	return fmt.Sprintf("nowsms: RetryDelay=%g, RetryDelayMultiplier=%d, RetryDelayAfterAttempts=%d, RetryDelayMax=%g, RetryMaxAttempts=%d, reject codes: %s",
		p.RetryDelay.Seconds(), p.Multiplier, p.AfterAttempts, p.MaxDelay.Seconds(), p.MaxAttempts, p.rejectText())
}

func (NowSMS) Kinds() []ErrorKind { return []ErrorKind{ErrTemp, ErrPerm, ErrDrop, ErrDown, ErrCode} }

func (NowSMS) DefaultOutcomes() []Outcome { return []Outcome{{Kind: ErrTemp}} }

func (p NowSMS) Parameters() map[string]any {
	codes := []any{}
	for _, c := range p.RejectCodes {
		codes = append(codes, c)
	}
	var rc any = codes
	if p.RejectAll {
		rc = "All"
	}
	return map[string]any{"retry_delay_seconds": p.RetryDelay.Seconds(), "multiplier": p.Multiplier,
		"after_attempts": p.AfterAttempts, "max_delay_seconds": p.MaxDelay.Seconds(), "max_attempts": p.MaxAttempts,
		"reject_codes": rc}
}

// maxNowSMSAttempts bounds RetryMaxAttempts so that a timeline stays readable.
const maxNowSMSAttempts = 10000

func (p NowSMS) Validate() error {
	switch {
	case p.RetryDelay < 0 || p.RetryDelay > 365*day:
		return fmt.Errorf("retry delay %s is out of range 0..365 days", shortDuration(p.RetryDelay))
	case p.Multiplier < 0 || p.Multiplier > 1000:
		return fmt.Errorf("multiplier %d is out of range 0..1000", p.Multiplier)
	case p.AfterAttempts < 0:
		return fmt.Errorf("after-attempts %d is negative", p.AfterAttempts)
	case p.MaxDelay < 0 || p.MaxDelay > 365*day:
		return fmt.Errorf("max delay %s is out of range 0..365 days", shortDuration(p.MaxDelay))
	case p.MaxAttempts < 1 || p.MaxAttempts > maxNowSMSAttempts:
		return fmt.Errorf("max attempts %d is out of range 1..%d", p.MaxAttempts, maxNowSMSAttempts)
	}
	for _, c := range p.RejectCodes {
		if c < 0 {
			return fmt.Errorf("reject code %d is not a decimal error code", c)
		}
	}
	return nil
}

// Delay is the wait after the n-th error (1-based): none while n is below
// AfterAttempts, then RetryDelay × Multiplier × (n − AfterAttempts + 1), or
// RetryDelay when Multiplier is 0, capped at MaxDelay when that is set.
func (p NowSMS) Delay(n int) time.Duration {
	after := max(p.AfterAttempts, 1)
	if n < after {
		return 0
	}
	d := p.RetryDelay
	if p.Multiplier > 0 {
		d = p.RetryDelay * time.Duration(p.Multiplier) * time.Duration(n-after+1)
	}
	if p.MaxDelay > 0 && d > p.MaxDelay {
		d = p.MaxDelay
	}
	return d
}

func (p NowSMS) rejects(o Outcome) bool {
	switch o.Kind {
	case ErrPerm:
		return true
	case ErrTemp:
		return p.RejectAll
	case ErrCode:
		if p.RejectAll {
			return true
		}
		n, ok := decimalCode(o.Code)
		return ok && slices.Contains(p.RejectCodes, n)
	}
	return false
}

func (p NowSMS) Choices() []Choice {
	return []Choice{
		{SourceVendor, "After the 1st error NowSMS may retry at once, after the 2nd it waits 30 s, after the 3rd 60 s, then 30 s more per error; after 20 errors the message is marked failed (the defaults RetryDelay=30, RetryDelayMultiplier=1, RetryDelayAfterAttempts=2, RetryMaxAttempts=20)."},
		{SourcePolicy, "Delay after error n = RetryDelay × RetryDelayMultiplier × (n − RetryDelayAfterAttempts + 1) once n reaches RetryDelayAfterAttempts, and none before. NowSMS writes RetryDelay × Multiplier × failed attempts; counting the failures from RetryDelayAfterAttempts on is the reading that gives its own default schedule. RetryDelayAfterAttempts 0 behaves as 1."},
		{SourceVendor, "RetryDelayMultiplier=0 gives a fixed delay of RetryDelay; RetryDelayMax caps the delay (0: no cap)."},
		{SourceVendor, "An error code listed in UCPRejectErrorCodes / CIMDRejectErrorCodes (or the list All) is permanent: the message fails at once, no retry. The codes are decimal: 05 and 5 are the same code; an entry that is neither a decimal number nor All is refused."},
		{SourcePolicy, "An error code in --outcomes (fail:code=C) that is not a decimal number never matches the list, so it is retried."},
		{SourcePolicy, "With All every error response is permanent, also fail without a code; only a connection dropping mid-submit (drop) is retried, and a link that is down is waited out."},
		{SourceVendor, "A connection to the SMSC that was down is not an attempt; a connection that drops while the message is being submitted is one."},
		{SourcePolicy, "fail:perm without a code is treated like a listed reject code."},
		{SourcePolicy, "\"Retry at once\" is modelled as the next attempt at the same instant (NowSMS first serves other queued messages; the model has no queue)."},
		{SourcePolicy, "fail:down:D means the link stays down for D; the attempt follows as soon as it is back, and is not counted while it was down."},
		{SourcePolicy, "ok means the SMSC accepted the message (NowSMS's part is done): delivered, or handed over to the next stage."},
	}
}

func (p NowSMS) run(r *runner) error {
	errors := 0
	back := false
	for {
		o, _, err := r.take(false)
		if err != nil {
			return err
		}
		if o.Kind == ErrDown && !o.OK {
			if err := r.emit(Event{Kind: KindLinkDown, Channel: ChannelSMSC, Duration: o.Duration, Error: ErrDown,
				Detail: fmt.Sprintf("The SMSC connection is down for %s; the message waits, and this is not an attempt.", humanDuration(o.Duration))}); err != nil {
				return err
			}
			r.advance(o.Duration)
			back = true
			continue
		}
		start := fmt.Sprintf("Attempt %d: the gateway submits the message to the SMSC.", r.attempts+1)
		if back {
			start = fmt.Sprintf("The connection is back. Attempt %d: the gateway submits the message to the SMSC.", r.attempts+1)
			back = false
		}
		if err := r.attempt(ChannelSMSC, o, start); err != nil {
			return err
		}
		if o.OK {
			return r.success(ChannelSMSC, KindDelivered, "The SMSC accepts the message.", "The SMSC accepts the message")
		}
		if p.rejects(o) {
			why := "a permanent error"
			if o.Kind == ErrTemp {
				why = "every error response is a reject code (All)"
			}
			if o.Kind == ErrCode {
				why = fmt.Sprintf("error code %s is a reject code (%s)", o.Code, p.rejectText())
			}
			if err := r.failPermanently(ChannelSMSC, o, fmt.Sprintf("Attempt %d fails with %s.", r.attempts, o.Kind.describe(o.Code))); err != nil {
				return err
			}
			return r.end(KindFailed, ChannelSMSC, o, fmt.Sprintf("Failed at once, no retry: %s.", why))
		}
		errors++
		failText := fmt.Sprintf("Attempt %d fails with %s: error %d of %d.", r.attempts, o.Kind.describe(o.Code), errors, p.MaxAttempts)
		if o.Kind == ErrDrop {
			failText = fmt.Sprintf("The connection drops while attempt %d is being submitted: error %d of %d (it counts as an attempt).", r.attempts, errors, p.MaxAttempts)
		}
		if err := r.fail(ChannelSMSC, o, failText); err != nil {
			return err
		}
		if errors >= p.MaxAttempts {
			return r.end(KindFailed, ChannelSMSC, o, fmt.Sprintf("%d errors (RetryMaxAttempts=%d): the message is marked failed.", errors, p.MaxAttempts))
		}
		d := p.Delay(errors)
		if d == 0 {
			why := "Retry at once."
			if errors < max(p.AfterAttempts, 1) {
				why = fmt.Sprintf("Retry at once (fewer than %d errors so far).", max(p.AfterAttempts, 1))
			}
			if err := r.emit(Event{Kind: KindRetry, Channel: ChannelSMSC, Attempt: r.attempts, Detail: why}); err != nil {
				return err
			}
			continue
		}
		if err := r.emit(Event{Kind: KindWait, Duration: d, Detail: fmt.Sprintf("Next attempt allowed after %s.", humanDuration(d))}); err != nil {
			return err
		}
		r.advance(d)
	}
}
