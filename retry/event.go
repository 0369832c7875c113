package retry

import "time"

// EventKind names what happens at an event.
type EventKind string

// The event kinds. Final kinds end a timeline; manual-link is final only
// when it is the last event (nobody taps the link).
const (
	KindAttempt    EventKind = "attempt"     // an attempt starts; Duration is how long it takes
	KindFail       EventKind = "fail"        // the attempt ends with an error (Error, Code)
	KindWait       EventKind = "wait"        // a scheduled wait starts; Duration is its length
	KindRetry      EventKind = "retry"       // an automatic retry follows at once, without a wait
	KindLinkDown   EventKind = "link-down"   // the connection is down for Duration; not an attempt
	KindNotify     EventKind = "notify"      // the user is told the message was not sent
	KindManualLink EventKind = "manual-link" // a link to retry by hand is shown
	KindUserWait   EventKind = "user-wait"   // waiting Duration for the user to act
	KindHandedOver EventKind = "handed-over" // the message leaves this stage; the next stage takes over
	KindReport     EventKind = "report"      // a delivery report (DLR) goes to the content provider, whose stage follows
	KindSent       EventKind = "sent"        // final: the network accepted the message from the device
	KindDelivered  EventKind = "delivered"   // final: delivered (downloaded, accepted, charged)
	KindFailed     EventKind = "failed"      // final: given up
	KindRejected   EventKind = "rejected"    // final: REJECTED (permanent error, or validity over)
	KindExpired    EventKind = "expired"     // final: VALIDITY_EXPIRED
	KindUndecided  EventKind = "undecided"   // final: a setting the documentation does not define decides what follows
	KindPending    EventKind = "pending"     // final: the report is not final (ACKNOWLEDGED); the provider waits
)

// EventKinds lists every kind, in the order legends show them.
func EventKinds() []EventKind {
	return []EventKind{KindAttempt, KindFail, KindWait, KindRetry, KindLinkDown, KindNotify, KindManualLink,
		KindUserWait, KindHandedOver, KindReport, KindSent, KindDelivered, KindFailed, KindRejected, KindExpired, KindUndecided, KindPending}
}

// Final reports whether an event of kind k ends a timeline.
func (k EventKind) Final() bool {
	switch k {
	case KindSent, KindDelivered, KindFailed, KindRejected, KindExpired, KindUndecided, KindPending, KindManualLink:
		return true
	}
	return false
}

// Channel is the bearer or hop an attempt uses.
type Channel string

// The channels of the built-in policies.
const (
	ChannelIMS     Channel = "IMS"
	Channel3GPP    Channel = "3GPP/3GPP2"
	ChannelMMSC    Channel = "MMSC"    // MMS download from the MMSC
	ChannelSMSC    Channel = "SMSC"    // gateway to SMSC over UCP/EMI or CIMD2
	ChannelCarrier Channel = "carrier" // aggregator to carrier
	// ChannelProvider is an aggregator delivering to a content provider's
	// server (MO messages and delivery reports), and the provider's own
	// resubmissions.
	ChannelProvider Channel = "content provider"
)

// Event is one moment of a timeline.
type Event struct {
	At       time.Duration // since the first send
	Stage    string        // the policy's name: sms, mms, nowsms, aggregator, billing
	Kind     EventKind
	Channel  Channel       // "" when the event is not about a bearer
	Attempt  int           // 1-based within the stage; 0 when not about one attempt
	Duration time.Duration // attempt, wait, user-wait and link-down events: how long
	Error    ErrorKind     // fail events (and final events caused by one)
	Code     string        // the error code when Error is ErrCode
	// Permanent marks a fail event whose error the policy never retries
	// (fail:perm, a reject code, --permanent).
	Permanent bool
	Detail    string // one or two sentences, as in Microsoft's worked example
	// DLR is the delivery report a final event of an MT message produces
	// (REJECTED, DELIVERED, NO_CREDIT); "" when none.
	DLR string
}

// End is when the event's span ends: At+Duration.
func (e Event) End() time.Duration { return e.At + e.Duration }

// Stage is one policy's part of a timeline.
type Stage struct {
	Policy     Policy
	Owner      Owner // who runs the stage: handset, gateway, aggregator, content provider
	Start, End time.Duration
	Attempts   int
}

// Timeline is the result of Run: stages in chain order and every event in
// time order.
type Timeline struct {
	Direction Direction // of the message the chain carries
	Stages    []Stage
	Events    []Event
}

// Final is the last event: the final state.
func (t *Timeline) Final() Event {
	if len(t.Events) == 0 {
		return Event{}
	}
	return t.Events[len(t.Events)-1]
}

// End is when the final state is reached.
func (t *Timeline) End() time.Duration { return t.Final().At }

// Attempts counts the attempts of every stage.
func (t *Timeline) Attempts() int {
	n := 0
	for _, s := range t.Stages {
		n += s.Attempts
	}
	return n
}

// Chain lists the stages' policy names.
func (t *Timeline) Chain() []string {
	var out []string
	for _, s := range t.Stages {
		out = append(out, s.Policy.Name())
	}
	return out
}
