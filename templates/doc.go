// Package templates writes MCSF answer files: from a short spec (`mcsf
// generate`), as commented skeletons to fill in (`mcsf new`), and back from
// an answer file to the spec that generates it (`mcsf import-spec`).
//
// A spec (YAML or JSON) names the image customization, its per-device
// IMSRetry values and, per operator, the SIMs it matches and its per-IMSI
// IMSRetry and per-SIM AutoRetryDownload values (the short forms), and any
// other documented setting per device or per operator (settings: path ->
// name -> value), checked against the catalog (path, name, scope, value). ReadSpec checks it against
// the embedded JSON Schema `spec` and with semantic checks, and reports every
// problem as an answerfile.Diagnostic at the spec's own line and column.
//
// Generate builds the answer file with etree from the embedded skeletons in
// skeleton/. Its output is a pure function of the Spec: byte-for-byte
// deterministic, well-formed, in the canonical layout of
// answerfile.Document.Format (so `mcsf fmt` leaves it unchanged), and, for a
// spec that ReadSpec accepts without warnings, free of lint findings at
// warning or above. Resolving a SIM that satisfies one match entry of an
// operator gives that operator's values (per-IMSI over per-device, defaults
// where unset), provided no other operator's match also covers the SIM.
//
// The package does no I/O: callers pass bytes in and get bytes out.
package templates
