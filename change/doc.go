// Package change says what a change to an answer file does, for code
// review: which structural elements changed, matched by identity, and
// which SIMs and devices get which settings afterwards.
//
// Structure: Targets by Id (case-sensitive), Variants by Name, settings by
// Settings Path and Setting Name (both ignoring case, '\' and '/' alike),
// a TargetState by its set of conditions, imported files by their path
// relative to the root file. Order means nothing except between Variants
// that can tie (definition order decides): a reorder is reported when two
// Variants that can match one SIM at equal priority set a setting
// differently. A value rewritten as the same DWORD (1 as 0x1) is no change.
//
// Effect: the SIM and device space is split by every decidable condition
// of both versions into classes that both treat alike (partition.go). The
// split is exact: for each condition name, regionsOf lists every
// combination of outcomes that some value has (plain values and range
// bounds enumerated; with patterns, a product automaton over every test,
// ranges spelled as regular expressions); a class is a set of regions, one
// per name, after which the same TargetStates of both versions can match.
// A device always reports its facts (Roaming, UICC, UICCSLOT, the P1
// names), so they have no "not set" region, and Roaming, UICC and UICCSLOT
// only their documented values: every class is a case a real device can be
// in, and resolve's ReportMissingFacts stays off here (a class gives every
// fact it depends on a value; "depends on Roaming" is its split).
// Both versions are resolved with variant for one SIM of each class, except
// classes where both apply the same settings in the same order
// (fingerprint.go). Classes that change alike are merged. A class whose
// outcome depends on a condition variant cannot evaluate is undecided,
// never guessed; when the automaton grows too large, a note says that the
// classes of that name are not exact.
//
// Invariant, checked by a property test over random files and SIMs: the
// effect on any SIM, resolved directly, equals the effect of its class.
//
// The package does not read files or print to the terminal; Report has
// writers for text, Markdown and JSON (schema diff-output).
package change
