// Package retry models how an SMS or MMS message is retried over time, on
// the handset (the IMSRetry and AutoRetryDownloadForMMS customizations) and
// in the network (an SMS gateway over UCP/EMI or CIMD2, an aggregator's
// general and billing strategies, the content provider's decision after a
// delivery report).
//
// Each strategy is a Policy: a value holding its parameters (SMS, MMS,
// NowSMS, Aggregator, Billing, Provider). A message travels in one
// Direction: mobile-originated (DirMO, the handset's own SMS),
// mobile-terminated (DirMT, a message to a handset) or a delivery report
// (DirDLR). Run takes one policy, or a chain of them that one message
// really passes through in its direction (Routes; RouteOf refuses a chain
// that mixes directions, such as a handset's own SMS billed for NO_CREDIT),
// and a list of attempt outcomes ("fail:imstemp", "ok:11s", see
// ParseOutcomes), and returns a Timeline: the ordered events from the first
// send to the final state, each at a time.Duration from the first send.
// Everything is a pure function of its inputs: no clock is read and nothing
// sleeps.
//
// The handset's settings are Settings: a DWORD with where it comes from (a
// flag, a file position and scope) or the mark that it is assumed. The
// model applies what the runtime does with them (RetryEnabled forced to 1
// while AttemptThresholdForIMS is not configured) and never folds a value
// the documentation does not define into 0 or 1: where such a value would
// decide, the timeline ends "undecided".
//
// Where the published descriptions of a strategy are silent, the model makes
// a choice; every choice is listed by the policy's Choices method with its
// source ([doc], [tool], [vendor] or [policy]), so that a user can see what
// is documented and what is this project's reading (see Explain).
//
// The package also holds the premium-SMS delivery-report table (LookupDLR),
// drop-down billing prices (ParsePrices, DropDownPrice) and NowSMS reject
// code lists (ParseRejectCodes), and renders a Timeline as text
// (WriteText), JSON (WriteJSON, described by the "retry-output" schema) and
// SVG (WriteSVG).
//
// Invariants of a Timeline: events are in time order; the first event is at
// 0; the last event is the final state (sent, delivered, failed, rejected,
// expired, undecided, pending or manual-link); an MT message's final state
// carries its delivery report; attempt numbers count from 1 within each
// stage.
package retry
