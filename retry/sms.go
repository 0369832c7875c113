package retry

import (
	"fmt"
	"time"
)

// SMS is the device's side of sending an SMS, shaped by the IMSRetry
// customization (CellCore/PerIMSI/$(__IMSI)/SMS or CellCore/PerDevice/SMS).
type SMS struct {
	// Threshold is 3GPP/IMS/AttemptThresholdForIMS: how many attempts in all
	// may go over IMS. Meaningful only when ThresholdSet.
	Threshold int
	// ThresholdSet is false when the setting is not configured: IMS is then
	// not limited by it.
	ThresholdSet bool
	// RetryEnabled is 3GPP/IMS/RetryEnabled (Microsoft's default: on).
	RetryEnabled bool
	// UserDelay is how long the user takes to resend after being told the
	// message was not sent.
	UserDelay time.Duration
	// From says where the values come from ("flags", or a file and SIM), for
	// display only.
	From string
}

// DefaultUserDelay is the default time a user takes to act on a failure.
const DefaultUserDelay = 30 * time.Second

// NewSMS returns the SMS policy with the documented defaults: threshold not
// configured, RetryEnabled=1.
func NewSMS() SMS { return SMS{RetryEnabled: true, UserDelay: DefaultUserDelay, From: "flags"} }

func (SMS) Name() string { return "sms" }

func (p SMS) Summary() string {
	th := "AttemptThresholdForIMS not set (IMS not limited)"
	if p.ThresholdSet {
		th = fmt.Sprintf("AttemptThresholdForIMS=%d", p.Threshold)
	}
	return fmt.Sprintf("sms: %s, RetryEnabled=%d (from %s)", th, b2i(p.RetryEnabled), p.From)
}

func (SMS) Kinds() []ErrorKind { return []ErrorKind{ErrTemp, ErrIMSTemp, ErrPerm} }

func (SMS) DefaultOutcomes() []Outcome {
	return []Outcome{{Kind: ErrIMSTemp}, {OK: true}}
}

func (p SMS) Parameters() map[string]any {
	m := map[string]any{"attempt_threshold_for_ims": nil, "retry_enabled": p.RetryEnabled,
		"user_delay_seconds": p.UserDelay.Seconds(), "from": p.From}
	if p.ThresholdSet {
		m["attempt_threshold_for_ims"] = p.Threshold
	}
	return m
}

func (p SMS) Validate() error {
	if p.ThresholdSet && p.Threshold < 0 {
		return fmt.Errorf("AttemptThresholdForIMS %d is negative", p.Threshold)
	}
	if p.UserDelay < 0 {
		return fmt.Errorf("user delay must not be negative")
	}
	return nil
}

func (p SMS) Choices() []Choice {
	return []Choice{
		{SourceDoc, "An attempt goes over IMS while fewer than AttemptThresholdForIMS attempts of this message have gone over IMS; after that it goes over 3GPP/3GPP2. Threshold 0 means SMS over IMS is never attempted."},
		{SourcePolicy, "What counts as an IMS attempt: every send of the message over IMS, the first send and each resend by the user, whether it fails temporarily or permanently. The count belongs to the message and is kept across resends."},
		{SourcePolicy, "An unset threshold means IMS is not limited by this setting: every send goes over IMS. Other settings (bit 2 of IMSServices) can still turn SMS over IMS off; the model does not read them."},
		{SourceDoc, "RetryEnabled=1 and an IMS attempt that fails with RIL_E_IMSTEMPFAILURE: one retry follows, not over IMS, without prompting the user; the client is not told of the first failure."},
		{SourcePolicy, "The automatic retry starts at once (the documentation names no wait) and happens at most once per send: the first send and each resend by the user can each get one."},
		{SourcePolicy, "A non-temporary IMS failure (or any failure with RetryEnabled=0) is not retried by the device: the user is told at once. While the threshold is not reached, the user's resend goes over IMS again."},
		{SourcePolicy, "When the automatic retry over 3GPP/3GPP2 fails too, the user is told; the device does not retry again by itself."},
		{SourcePolicy, "imstemp on an attempt over 3GPP/3GPP2 cannot happen on a device; the model treats it as an ordinary temporary failure."},
		{SourcePolicy, "Further attempts are the user's resends, each --user-delay after the user is told (default 30s). When the outcome list has nothing for a resend, the timeline ends with the message not sent (failed)."},
		{SourcePolicy, "ok means the network accepted the message: it left the device. In a chain the next stage starts at that moment."},
	}
}

func (p SMS) run(r *runner) error {
	imsAttempts := 0
	autoUsed := false // the automatic retry of the current send was used
	autoNext := false // the next attempt is the automatic retry
	userNext := false // the next attempt is a resend by the user
	var pending *Outcome
	for {
		var o Outcome
		if pending != nil {
			o, pending = *pending, nil
		} else {
			var ok bool
			var err error
			if o, ok, err = r.take(false); err != nil {
				return err
			} else if !ok {
				return fmt.Errorf("sms: no outcome") // cannot happen: non-user steps always have one
			}
		}
		ch := Channel3GPP
		var why string
		switch {
		case autoNext:
			why = fmt.Sprintf(" (automatic retry: the user is not told of attempt %d)", r.attempts)
		case !p.ThresholdSet:
			ch = ChannelIMS
		case imsAttempts < p.Threshold:
			ch = ChannelIMS
			why = fmt.Sprintf(" (%d of %d allowed over IMS)", imsAttempts+1, p.Threshold)
		case p.Threshold == 0:
			why = " (AttemptThresholdForIMS=0: SMS over IMS is never attempted)"
		default:
			why = fmt.Sprintf(" (AttemptThresholdForIMS=%d reached)", p.Threshold)
		}
		if ch == ChannelIMS {
			imsAttempts++
		}
		lead := ""
		if userNext {
			lead = "The user resends: "
		}
		verb := "Attempt"
		if lead != "" {
			verb = "attempt"
		}
		if err := r.attempt(ch, o, fmt.Sprintf("%s%s %d starts over %s%s.", lead, verb, r.attempts+1, ch, why)); err != nil {
			return err
		}
		autoNext, userNext = false, false
		if o.OK {
			return r.success(ch, KindSent, fmt.Sprintf("The message is sent over %s.", ch),
				fmt.Sprintf("The message leaves the device over %s", ch))
		}
		kind := o.Kind
		if kind == ErrIMSTemp && ch != ChannelIMS {
			kind, o.Kind = ErrTemp, ErrTemp
		}
		failText := fmt.Sprintf("Attempt %d over %s fails with %s.", r.attempts, ch, kind.describe(o.Code))
		if ch == ChannelIMS && kind == ErrIMSTemp && p.RetryEnabled && !autoUsed {
			autoUsed, autoNext = true, true
			if err := r.emitAll(
				Event{Kind: KindFail, Channel: ch, Attempt: r.attempts, Error: o.Kind, Detail: failText},
				Event{Kind: KindRetry, Channel: Channel3GPP, Attempt: r.attempts, Detail: "RetryEnabled=1: the device retries once, not over IMS, without telling the user."},
			); err != nil {
				return err
			}
			continue
		}
		if err := r.fail(ch, o, failText); err != nil {
			return err
		}
		next, ok, err := r.take(true)
		if err != nil {
			return err
		}
		if !ok {
			return r.end(KindFailed, ch, o, "The user is told the message was not sent; it is not resent.")
		}
		if err := r.emitAll(
			Event{Kind: KindNotify, Channel: ch, Attempt: r.attempts, Detail: "The user is told the message was not sent."},
			Event{Kind: KindUserWait, Duration: p.UserDelay, Detail: fmt.Sprintf("The user resends after %s.", humanDuration(p.UserDelay))},
		); err != nil {
			return err
		}
		r.advance(p.UserDelay)
		pending, userNext, autoUsed = &next, true, false
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
