// Package retry models how an SMS or MMS message is retried over time, on
// the device (the IMSRetry and AutoRetryDownloadForMMS customizations) and
// in the network after the message leaves the device (an SMS gateway over
// UCP/EMI or CIMD2, an aggregator's general and billing strategies).
//
// Each strategy is a Policy: a value holding its parameters (SMS, MMS,
// NowSMS, Aggregator, Billing). Run takes one policy, or a chain of them, and
// a list of attempt outcomes ("fail:imstemp", "ok:11s", see ParseOutcomes)
// and returns a Timeline: the ordered events from the first send to the
// final state, each at a time.Duration from the first send. Everything is a
// pure function of its inputs: no clock is read and nothing sleeps.
//
// Where the published descriptions of a strategy are silent, the model makes
// a choice; every choice is listed by the policy's Choices method with its
// source, so that a user can see what is documented and what is this
// project's reading (see Explain).
//
// The package also holds the premium-SMS delivery-report table (LookupDLR)
// and drop-down billing prices (ParsePrices, DropDownPrice), and renders a
// Timeline as text (WriteText), JSON (WriteJSON, described by the
// "retry-output" schema) and SVG (WriteSVG).
//
// Invariants of a Timeline: events are in time order; the first event is at
// 0; the last event is the final state (sent, delivered, failed, rejected,
// expired or manual-link); attempt numbers count from 1 within each stage.
package retry
