package retry

import (
	"fmt"
	"strings"
	"time"
)

// MMS is the receiving device's download of an MMS message (mobile
// terminated: the handset got the MMS notification), shaped by the
// AutoRetryDownload setting (Messaging/PerSimSettings/$(__ICCID)).
type MMS struct {
	// AutoRetry is AutoRetryDownload: 1 enables the automatic retries; 0,
	// or the setting not configured, disables them; other values are
	// unknown to the documentation.
	AutoRetry Setting
	// Waits are the waits before the automatic retries: 20, 40, 60 s.
	Waits []time.Duration
	// UserDelay is how long the user takes to tap the manual-retry link.
	UserDelay time.Duration
	// Context names the answer file and SIM the setting was resolved for,
	// for display only; empty for flags.
	Context string
}

// NewMMS returns the MMS policy with the device default assumed:
// AutoRetryDownload not configured, so off (domain.md §4: absent disables).
func NewMMS() MMS {
	return MMS{AutoRetry: Setting{Name: "AutoRetryDownload", Assumed: true, Why: "no flag, no file"},
		Waits: []time.Duration{20 * time.Second, 40 * time.Second, 60 * time.Second}, UserDelay: DefaultUserDelay}
}

func (MMS) Name() string { return "mms" }

func (p MMS) Summary() string {
	on, known := p.AutoRetry.toggle(false)
	set := p.AutoRetry.describe(zeroOrOne, 0, "the device default: absent is off")
	var what string
	switch {
	case !known:
		what = "whether a failed download is retried automatically is not known"
	case !on:
		what = "a failed download shows the manual-retry link at once"
	default:
		var ws []string
		for _, w := range p.Waits {
			ws = append(ws, shortDuration(w))
		}
		what = fmt.Sprintf("automatic retries after waits of %s, then the manual-retry link", strings.Join(ws, ", "))
	}
	return withContext(fmt.Sprintf("mms: %s: %s", set, what), p.Context)
}

func (MMS) Kinds() []ErrorKind { return []ErrorKind{ErrTemp, ErrPerm} }

func (MMS) DefaultOutcomes() []Outcome { return []Outcome{{Kind: ErrTemp}} }

func (p MMS) Parameters() map[string]any {
	var ws []any
	for _, w := range p.Waits {
		ws = append(ws, w.Seconds())
	}
	if ws == nil {
		ws = []any{}
	}
	ar := p.AutoRetry.json(zeroOrOne)
	on, known := p.AutoRetry.toggle(false)
	ar["effective"] = nil
	if known {
		ar["effective"] = b2i(on)
	}
	return withContextJSON(map[string]any{"auto_retry_download": ar, "waits_seconds": ws,
		"user_delay_seconds": p.UserDelay.Seconds()}, p.Context)
}

func (p MMS) Validate() error {
	for _, w := range p.Waits {
		if w < 0 {
			return fmt.Errorf("waits must not be negative")
		}
	}
	if p.UserDelay < 0 {
		return fmt.Errorf("user delay must not be negative")
	}
	return nil
}

func (p MMS) Choices() []Choice {
	return []Choice{
		{SourceDoc, "With AutoRetryDownload=1 a failed download is retried 3 times, after waits of 20, 40 and 60 seconds. After the third failed retry the message stays in its thread with a link to retry by hand; if that manual attempt fails, the automatic retries start again."},
		{SourceDoc, "AutoRetryDownload=0, or the setting absent, disables the automatic retries: a failed download shows the link at once."},
		{SourcePolicy, "With no --file and no --auto-retry-download the device default is assumed: absent, so 0 (off); the output says it is assumed."},
		{SourcePolicy, "A value the documentation does not define (2 or more) is shown as unknown, never read as 0 or 1: the timeline ends, undecided, at the first failed download."},
		{SourcePolicy, "Each wait starts when the failed download ends (this reproduces Microsoft's worked example: downloads of 11, 18 and 5 s give retries at 00:00:31, 00:01:29, 00:02:34)."},
		{SourcePolicy, "A permanent download error (fail:perm) is not retried automatically: the link appears at once."},
		{SourcePolicy, "The user taps the link --user-delay after it appears (default 30s); with no outcome left for that tap the timeline ends with the link shown (manual-link)."},
		{SourcePolicy, "In a chain after nowsms or aggregator, the download starts the moment the notification is accepted (no delay is modelled between the SMSC and the handset)."},
	}
}

var ordinals = []string{"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"}

func ordinal(n int) string {
	if n >= 1 && n <= len(ordinals) {
		return ordinals[n-1]
	}
	return fmt.Sprintf("%dth", n)
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func (p MMS) run(r *runner) error {
	const (
		initial = iota
		automatic
		manual
	)
	step := initial
	k := 0 // automatic retries made in the current cycle
	var pending *Outcome
	for {
		var o Outcome
		if pending != nil {
			o, pending = *pending, nil
		} else {
			var err error
			if o, _, err = r.take(false); err != nil {
				return err
			}
		}
		var what, start string
		switch step {
		case initial:
			what, start = "initial download", "Initial download starts."
		case automatic:
			what = ordinal(k) + " retry download"
			start = fmt.Sprintf("%s wait times out, %s starts.", capitalize(ordinal(k)), what)
		case manual:
			what, start = "manual download", "The user taps the link: manual download starts."
		}
		if err := r.attempt(ChannelMMSC, o, start); err != nil {
			return err
		}
		if o.OK {
			return r.success(ChannelMMSC, KindDelivered, fmt.Sprintf("%s succeeds: the message is downloaded.", capitalize(what)),
				"The message is downloaded")
		}
		failText := fmt.Sprintf("%s fails due to %s.", capitalize(what), o.Kind.describe(o.Code))
		if o.Kind == ErrTemp {
			failText = fmt.Sprintf("%s fails due to a transient error.", capitalize(what))
		}
		on, known := p.AutoRetry.toggle(false)
		if !known && o.Kind != ErrPerm {
			if err := r.fail(ChannelMMSC, o, failText); err != nil {
				return err
			}
			return r.end(KindUndecided, ChannelMMSC, o, fmt.Sprintf("AutoRetryDownload=%s is unknown to the documentation: whether the download is retried automatically is not known; the timeline stops here.", p.AutoRetry.valueText(nil)))
		}
		if on && o.Kind != ErrPerm && k < len(p.Waits) {
			w := p.Waits[k]
			k++
			if err := r.emitAll(
				Event{Kind: KindFail, Channel: ChannelMMSC, Attempt: r.attempts, Error: o.Kind, Detail: failText},
				Event{Kind: KindWait, Duration: w, Detail: fmt.Sprintf("%s wait starts and is scheduled for %s.", capitalize(ordinal(k)), seconds(w))},
			); err != nil {
				return err
			}
			r.advance(w)
			step = automatic
			continue
		}
		if err := r.fail(ChannelMMSC, o, failText); err != nil {
			return err
		}
		next, ok, err := r.take(true)
		if err != nil {
			return err
		}
		const link = "The message stays in its thread with a link to retry the download by hand."
		if !ok {
			return r.end(KindManualLink, ChannelMMSC, o, link)
		}
		if err := r.emitAll(
			Event{Kind: KindManualLink, Channel: ChannelMMSC, Attempt: r.attempts, Detail: link},
			Event{Kind: KindUserWait, Duration: p.UserDelay, Detail: fmt.Sprintf("The user taps the link after %s.", humanDuration(p.UserDelay))},
		); err != nil {
			return err
		}
		r.advance(p.UserDelay)
		pending, step, k = &next, manual, 0
	}
}

// seconds writes a wait the way Microsoft's example does ("60 seconds"),
// falling back to words for long or fractional waits.
func seconds(d time.Duration) string {
	if d%time.Second == 0 && d < time.Hour && d != time.Second {
		return fmt.Sprintf("%d seconds", d/time.Second)
	}
	return humanDuration(d)
}
