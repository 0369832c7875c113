package retry

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Policy is one retry strategy with its parameters. The implementations are
// SMS, MMS, NowSMS, Aggregator and Billing.
type Policy interface {
	// Name is the policy's short name, as on the command line.
	Name() string
	// Summary is one line naming the parameters in effect.
	Summary() string
	// Kinds lists the error kinds an outcome may carry at this policy.
	Kinds() []ErrorKind
	// DefaultOutcomes is used when the outcome list has nothing for this stage.
	DefaultOutcomes() []Outcome
	// Choices lists the model's rules with their source.
	Choices() []Choice
	// Parameters are the values in effect, for JSON output.
	Parameters() map[string]any
	// Validate reports parameters out of range.
	Validate() error

	run(r *runner) error
}

// Options are the settings of a run that belong to no single policy.
type Options struct {
	// AttemptDuration is how long an attempt takes when its outcome gives no
	// duration. The zero value makes attempts instantaneous, so that times
	// are exactly the sums of the waits.
	AttemptDuration time.Duration
}

// MaxEvents bounds a timeline; Run fails rather than build a longer one.
const MaxEvents = 100000

// Run plays outcomes through a chain of policies and returns the timeline.
//
// The outcomes are consumed in order across the chain, one per attempt (a
// connection that is down, at nowsms, also takes one). A stage that succeeds
// hands the message over to the next stage at that moment. When the list has
// nothing left for a stage, the stage repeats the last outcome it consumed
// (a "down" is not repeated: the stage's default is used instead), and a
// stage that consumed none uses its DefaultOutcomes, the last one repeating.
// A step that needs the user (a resend, a tap on the manual-retry link) is
// taken only while the list still has an outcome for it; otherwise the
// timeline ends there.
//
// The chain must be one of Routes: stages one message passes through in its
// direction; a chain that mixes directions is refused. A stage that ends
// with a delivery report (DLR) hands it to the provider stage that follows.
func Run(chain []Policy, outcomes []Outcome, opt Options) (*Timeline, error) {
	dir, err := checkChain(chain)
	if err != nil {
		return nil, err
	}
	if opt.AttemptDuration < 0 {
		return nil, fmt.Errorf("attempt duration must not be negative")
	}
	tl := &Timeline{Direction: dir}
	q := &queue{list: outcomes}
	var now time.Duration
	for i, p := range chain {
		r := &runner{tl: tl, now: now, policy: p, q: q, opt: opt, last: i == len(chain)-1, dir: dir}
		if i > 0 {
			r.prev = tl.Final()
		}
		if !r.last {
			r.next = chain[i+1]
		}
		start := now
		if err := p.run(r); err != nil {
			return nil, err
		}
		tl.Stages = append(tl.Stages, Stage{Policy: p, Owner: owner(p.Name()), Start: start, End: r.now, Attempts: r.attempts})
		now = r.now
		if f := tl.Final(); f.Kind != KindHandedOver && f.Kind != KindReport {
			break
		}
	}
	return tl, nil
}

func checkChain(chain []Policy) (Direction, error) {
	if len(chain) == 0 {
		return "", fmt.Errorf("no policy to run")
	}
	for _, p := range chain {
		if err := p.Validate(); err != nil {
			return "", fmt.Errorf("%s: %w", p.Name(), err)
		}
	}
	return checkRoute(chain)
}

func chainString(chain []Policy) string {
	var names []string
	for _, p := range chain {
		names = append(names, p.Name())
	}
	return strings.Join(names, ",")
}

// queue is the outcome list shared by the stages of a chain.
type queue struct {
	list []Outcome
	i    int
}

// runner is one stage's view of a run: the clock, the outcomes and the
// events written so far.
type runner struct {
	tl       *Timeline
	now      time.Duration
	policy   Policy
	q        *queue
	opt      Options
	last     bool   // the last stage of the chain
	next     Policy // the next stage, when not last
	dir      Direction
	prev     Event // the previous stage's last event: its hand-over or the delivery report it ended with
	attempts int

	consumed   bool    // this stage took an outcome from the list
	lastTaken  Outcome // the last outcome taken from the list
	defaultIdx int
}

// take returns the outcome of the next step. user marks a step that needs
// the user: it is only taken from the list, never repeated or defaulted.
func (r *runner) take(user bool) (Outcome, bool, error) {
	var o Outcome
	switch {
	case r.q.i < len(r.q.list):
		o = r.q.list[r.q.i]
		r.q.i++
		r.consumed, r.lastTaken = true, o
	case user:
		return Outcome{}, false, nil
	case r.consumed && r.lastTaken.Kind != ErrDown:
		o = r.lastTaken
	default:
		defs := r.policy.DefaultOutcomes()
		o = defs[min(r.defaultIdx, len(defs)-1)]
		r.defaultIdx++
	}
	if !o.OK && !slices.Contains(r.policy.Kinds(), o.Kind) {
		var names []string
		for _, k := range r.policy.Kinds() {
			names = append(names, string(k))
		}
		return o, false, fmt.Errorf("%s, step %d: outcome %s: error kind %s does not apply to %s (it knows %s)",
			r.policy.Name(), r.attempts+1, o, o.Kind, r.policy.Name(), strings.Join(names, ", "))
	}
	if !o.Timed {
		o.Duration = r.opt.AttemptDuration
	}
	return o, true, nil
}

// emit appends an event at the current time.
func (r *runner) emit(e Event) error {
	if len(r.tl.Events) >= MaxEvents {
		return fmt.Errorf("%s: the timeline grows past %d events; give fewer outcomes or tighter limits", r.policy.Name(), MaxEvents)
	}
	if r.now > MaxElapsed {
		return fmt.Errorf("%s: the timeline runs past 100 years; give shorter delays or fewer attempts", r.policy.Name())
	}
	e.At = r.now
	e.Stage = r.policy.Name()
	r.tl.Events = append(r.tl.Events, e)
	return nil
}

// emitAll appends events in order, stopping at the first error.
func (r *runner) emitAll(es ...Event) error {
	for _, e := range es {
		if err := r.emit(e); err != nil {
			return err
		}
	}
	return nil
}

// MaxElapsed bounds the time a timeline may cover.
const MaxElapsed = 100 * 365 * day

// advance moves the clock on, saturating past MaxElapsed so that emit
// reports it instead of the clock overflowing.
func (r *runner) advance(d time.Duration) {
	if d > MaxElapsed-r.now {
		r.now = MaxElapsed + 1
		return
	}
	r.now += d
}

// attempt records the start of an attempt and moves the clock to its end.
func (r *runner) attempt(ch Channel, o Outcome, detail string) error {
	r.attempts++
	if err := r.emit(Event{Kind: KindAttempt, Channel: ch, Attempt: r.attempts, Duration: o.Duration, Detail: detail}); err != nil {
		return err
	}
	r.advance(o.Duration)
	return nil
}

// fail records the failure of the current attempt; fail:perm is permanent.
func (r *runner) fail(ch Channel, o Outcome, detail string) error {
	return r.emit(Event{Kind: KindFail, Channel: ch, Attempt: r.attempts, Error: o.Kind, Code: o.Code,
		Permanent: o.Kind == ErrPerm, Detail: detail})
}

// failPermanently records a failure the policy treats as permanent whatever
// its kind.
func (r *runner) failPermanently(ch Channel, o Outcome, detail string) error {
	return r.emit(Event{Kind: KindFail, Channel: ch, Attempt: r.attempts, Error: o.Kind, Code: o.Code,
		Permanent: true, Detail: detail})
}

// success ends the stage: the final state final when this is the last stage,
// a hand-over to the next stage otherwise. what says what the success means
// ("The message leaves the device over IMS").
func (r *runner) success(ch Channel, final EventKind, finalDetail, what string) error {
	if r.last {
		return r.emit(Event{Kind: final, Channel: ch, Attempt: r.attempts, Detail: finalDetail})
	}
	return r.emit(Event{Kind: KindHandedOver, Channel: ch, Attempt: r.attempts,
		Detail: fmt.Sprintf("%s; %s takes over.", what, r.next.Name())})
}

// end records a final state other than success.
func (r *runner) end(kind EventKind, ch Channel, o Outcome, detail string) error {
	e := Event{Kind: kind, Channel: ch, Attempt: r.attempts, Detail: detail}
	if !o.OK {
		e.Error, e.Code = o.Kind, o.Code
	}
	return r.emit(e)
}

// waitToExpiry records the wait from now to the end of the validity
// period (start+validity), which the next attempt, w from now, would miss.
func (r *runner) waitToExpiry(w, start, validity time.Duration) error {
	left := max(start+validity-r.now, 0)
	if err := r.emit(Event{Kind: KindWait, Duration: left,
		Detail: fmt.Sprintf("The next attempt would start at %s, after the validity period (%s) ends at %s.",
			FormatElapsed(r.now+w), shortDuration(validity), FormatElapsed(start+validity))}); err != nil {
		return err
	}
	r.advance(left)
	return nil
}

// report ends an MT stage with a delivery report dlr: handed to the
// provider stage when one follows, otherwise the final state (kind), joined
// to what the delivery-report table says the content provider may do next.
func (r *runner) report(kind EventKind, dlr string, ch Channel, o Outcome, detail string) error {
	e := Event{Kind: kind, Channel: ch, Attempt: r.attempts, DLR: dlr, Detail: detail}
	if !o.OK {
		e.Error, e.Code = o.Kind, o.Code
	}
	if r.next != nil && r.next.Name() == "provider" {
		e.Kind = KindReport
		e.Detail += fmt.Sprintf(" The delivery report %s goes to the content provider.", dlr)
		return r.emit(e)
	}
	if next := dlrNext(dlr); next != "" {
		e.Detail += " " + next
	}
	return r.emit(e)
}
