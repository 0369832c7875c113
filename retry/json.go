package retry

import (
	"encoding/json"
	"io"
)

// The JSON form of a timeline; schema/retry-output.schema.json describes it.
type jsonTimeline struct {
	Chain     []string    `json:"chain"`
	Direction Direction   `json:"direction"`
	Final     jsonFinal   `json:"final"`
	Stages    []jsonStage `json:"stages"`
	Events    []jsonEvent `json:"events"`
}

type jsonFinal struct {
	State     EventKind `json:"state"`
	AtSeconds float64   `json:"at_seconds"`
	At        string    `json:"at"`
	Attempts  int       `json:"attempts"`
	// DeliveryReport is the report an MT message ends with, joined to the
	// DLR table's advice to the content provider.
	DeliveryReport *jsonDLR `json:"delivery_report,omitempty"`
}

type jsonDLR struct {
	Status string      `json:"status"`
	Retry  RetryAdvice `json:"retry"`
	Advice string      `json:"advice"`
	Reason string      `json:"reason"`
}

type jsonStage struct {
	Policy       string         `json:"policy"`
	Owner        Owner          `json:"owner"`
	Summary      string         `json:"summary"`
	Parameters   map[string]any `json:"parameters"`
	StartSeconds float64        `json:"start_seconds"`
	EndSeconds   float64        `json:"end_seconds"`
	Attempts     int            `json:"attempts"`
}

type jsonEvent struct {
	AtSeconds       float64   `json:"at_seconds"`
	At              string    `json:"at"`
	Stage           string    `json:"stage"`
	Kind            EventKind `json:"kind"`
	Channel         Channel   `json:"channel,omitempty"`
	Attempt         int       `json:"attempt,omitempty"`
	DurationSeconds *float64  `json:"duration_seconds,omitempty"`
	Error           ErrorKind `json:"error,omitempty"`
	Code            string    `json:"code,omitempty"`
	Permanent       bool      `json:"permanent,omitempty"`
	DLR             string    `json:"delivery_report,omitempty"`
	Detail          string    `json:"detail"`
}

// hasSpan reports whether events of kind k last for a time.
func (k EventKind) hasSpan() bool {
	switch k {
	case KindAttempt, KindWait, KindUserWait, KindLinkDown:
		return true
	}
	return false
}

// MarshalJSON writes the timeline in the "retry-output" JSON form. Times are
// seconds since the first send, with the hh:mm:ss form beside them.
func (t *Timeline) MarshalJSON() ([]byte, error) {
	f := t.Final()
	out := jsonTimeline{Chain: t.Chain(), Direction: t.Direction,
		Final:  jsonFinal{State: f.Kind, AtSeconds: f.At.Seconds(), At: FormatElapsed(f.At), Attempts: t.Attempts()},
		Stages: []jsonStage{}, Events: []jsonEvent{}}
	if d, ok := LookupDLR(f.DLR); ok && f.DLR != "" {
		out.Final.DeliveryReport = &jsonDLR{Status: d.Status, Retry: d.Retry, Advice: d.Advice(), Reason: d.Reason}
	}
	for _, s := range t.Stages {
		out.Stages = append(out.Stages, jsonStage{Policy: s.Policy.Name(), Owner: s.Owner, Summary: s.Policy.Summary(),
			Parameters: s.Policy.Parameters(), StartSeconds: s.Start.Seconds(), EndSeconds: s.End.Seconds(), Attempts: s.Attempts})
	}
	for _, e := range t.Events {
		je := jsonEvent{AtSeconds: e.At.Seconds(), At: FormatElapsed(e.At), Stage: e.Stage, Kind: e.Kind,
			Channel: e.Channel, Attempt: e.Attempt, Error: e.Error, Code: e.Code, Permanent: e.Permanent, DLR: e.DLR, Detail: e.Detail}
		if e.Kind.hasSpan() {
			d := e.Duration.Seconds()
			je.DurationSeconds = &d
		}
		out.Events = append(out.Events, je)
	}
	return json.Marshal(out)
}

// WriteJSON writes the timeline as indented JSON followed by a newline.
func WriteJSON(w io.Writer, t *Timeline) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(t)
}
