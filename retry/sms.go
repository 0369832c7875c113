package retry

import (
	"fmt"
	"strings"
	"time"
)

// SMS is the device's side of sending an SMS, shaped by the IMSRetry
// customization (CellCore/PerIMSI/$(__IMSI)/SMS or CellCore/PerDevice/SMS).
// The message is mobile-originated (MO).
type SMS struct {
	// Threshold is 3GPP/IMS/AttemptThresholdForIMS: how many attempts in all
	// may go over IMS. Not Set, or NotConfigured, means not configured.
	Threshold Setting
	// RetryEnabled is 3GPP/IMS/RetryEnabled (documented 0/1, default 1).
	RetryEnabled Setting
	// UserDelay is how long the user takes to resend after being told the
	// message was not sent.
	UserDelay time.Duration
	// Context names the answer file and SIM the settings were resolved
	// for, for display only; empty for flags.
	Context string
}

// DefaultUserDelay is the default time a user takes to act on a failure.
const DefaultUserDelay = 30 * time.Second

// NewSMS returns the SMS policy with the documented defaults, assumed:
// threshold not configured, RetryEnabled=1.
func NewSMS() SMS {
	return SMS{
		Threshold:    Setting{Name: "AttemptThresholdForIMS", Assumed: true, Why: "no flag, no file"},
		RetryEnabled: Setting{Name: "RetryEnabled", Assumed: true, Why: "no flag, no file"},
		UserDelay:    DefaultUserDelay,
	}
}

func (SMS) Name() string { return "sms" }

// thresholdConfigured reports whether AttemptThresholdForIMS limits IMS:
// set, and not 0xFFFFFFFF.
func (p SMS) thresholdConfigured() bool {
	return p.Threshold.Set && p.Threshold.Value != NotConfigured
}

// retry is the RetryEnabled the runtime uses: forced to 1 when the
// threshold is not configured; known is false for a value the
// documentation does not define.
func (p SMS) retry() (on, forced, known bool) {
	if !p.thresholdConfigured() {
		on, known := p.RetryEnabled.toggle(true)
		return true, !on || !known, true
	}
	on, known = p.RetryEnabled.toggle(true)
	return on, false, known
}

// forcedText says why RetryEnabled is forced, or "".
func (p SMS) forcedText() string {
	if _, forced, _ := p.retry(); forced {
		return noteForced
	}
	return ""
}

func (p SMS) Summary() string {
	th := p.Threshold.describe(nil, -1, "")
	if p.Threshold.Set && p.Threshold.Value == NotConfigured {
		th = strings.Replace(th, "=0xFFFFFFFF", "=0xFFFFFFFF, not configured", 1)
	}
	re := p.RetryEnabled.describe(zeroOrOne, 1, "the documented default")
	if f := p.forcedText(); f != "" {
		re += ", " + f
	}
	return withContext(fmt.Sprintf("sms: %s, %s", th, re), p.Context)
}

// withContext appends the file and SIM the values were resolved for.
func withContext(s, context string) string {
	if context == "" {
		return s
	}
	return s + " [" + context + "]"
}

func (SMS) Kinds() []ErrorKind { return []ErrorKind{ErrTemp, ErrIMSTemp, ErrPerm} }

func (SMS) DefaultOutcomes() []Outcome {
	return []Outcome{{Kind: ErrIMSTemp}, {OK: true}}
}

func (p SMS) Parameters() map[string]any {
	on, _, known := p.retry()
	re := p.RetryEnabled.json(zeroOrOne)
	re["effective"] = nil
	if known {
		re["effective"] = b2i(on)
	}
	if f := p.forcedText(); f != "" {
		re["note"] = f
	}
	th := p.Threshold.json(nil)
	th["limits_ims"] = p.thresholdConfigured()
	return withContextJSON(map[string]any{"attempt_threshold_for_ims": th, "retry_enabled": re,
		"user_delay_seconds": p.UserDelay.Seconds()}, p.Context)
}

func withContextJSON(m map[string]any, context string) map[string]any {
	if context != "" {
		m["context"] = context
	}
	return m
}

func (p SMS) Validate() error {
	if p.UserDelay < 0 {
		return fmt.Errorf("user delay must not be negative")
	}
	return nil
}

func (p SMS) Choices() []Choice {
	return []Choice{
		{SourceDoc, "An attempt goes over IMS while fewer than AttemptThresholdForIMS attempts of this message have gone over IMS; after that it goes over 3GPP/3GPP2. Threshold 0 means SMS over IMS is never attempted."},
		{SourcePolicy, "What counts as an IMS attempt: every send of the message over IMS, the first send and each resend by the user, whether it fails temporarily or permanently. The count belongs to the message and is kept across resends."},
		{SourceTool, "The runtime reads AttemptThresholdForIMS with the default 0xFFFFFFFF, \"not configured\": absent and 0xFFFFFFFF mean the same."},
		{SourcePolicy, "A threshold that is not configured does not limit IMS: every send goes over IMS. The page says SMS over IMS needs the threshold set to 1 or more, which may also be read as \"not configured: no SMS over IMS\"; the runtime's default 0xFFFFFFFF reads as no limit, so the model follows it and says [policy] on each such attempt. Other settings (bit 2 of IMSServices) can still turn SMS over IMS off; the model does not read them."},
		{SourceTool, "When AttemptThresholdForIMS is not configured (absent, or 0xFFFFFFFF), the runtime forces RetryEnabled to 1 whatever the file says (domain.md §4, decompiled runtime)."},
		{SourceDoc, "RetryEnabled is 0 or 1, default 1. A value the documentation does not define (2 or more) is shown as unknown, never read as 0 or 1: when it would decide the automatic retry (an imstemp failure over IMS with a configured threshold), the timeline ends there, undecided."},
		{SourcePolicy, "With no --file and no flag, the documented defaults are assumed (threshold not configured, RetryEnabled=1), and the output says they are assumed."},
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
		case !p.thresholdConfigured():
			ch = ChannelIMS
			why = " (AttemptThresholdForIMS not configured: IMS is not limited [policy])"
		case uint32(imsAttempts) < p.Threshold.Value:
			ch = ChannelIMS
			why = fmt.Sprintf(" (%d of %d allowed over IMS)", imsAttempts+1, p.Threshold.Value)
		case p.Threshold.Value == 0:
			why = " (AttemptThresholdForIMS=0: SMS over IMS is never attempted)"
		default:
			why = fmt.Sprintf(" (AttemptThresholdForIMS=%d reached)", p.Threshold.Value)
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
		retryOn, _, known := p.retry()
		if ch == ChannelIMS && kind == ErrIMSTemp && !known && !autoUsed {
			if err := r.fail(ch, o, failText); err != nil {
				return err
			}
			return r.end(KindUndecided, ch, o, fmt.Sprintf("RetryEnabled=%s is unknown to the documentation: whether the device retries once, not over IMS, is not known; the timeline stops here.", p.RetryEnabled.valueText(nil)))
		}
		if ch == ChannelIMS && kind == ErrIMSTemp && retryOn && !autoUsed {
			what := "RetryEnabled=1"
			if _, forced, _ := p.retry(); forced {
				what = "RetryEnabled forced to 1 (AttemptThresholdForIMS not configured)"
			}
			autoUsed, autoNext = true, true
			if err := r.emitAll(
				Event{Kind: KindFail, Channel: ch, Attempt: r.attempts, Error: o.Kind, Detail: failText},
				Event{Kind: KindRetry, Channel: Channel3GPP, Attempt: r.attempts, Detail: what + ": the device retries once, not over IMS, without telling the user."},
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
