// Package variant evaluates the targets of an MCSF answer file against a SIM
// and device profile: it parses and checks <Condition> values, decides which
// Variants match, in what priority order they apply, and what effective
// settings a device ends up with.
//
// Conditions ([Condition], [ParseCondition], [CheckCondition]) have the
// form `[!][pattern:|range:]value`. A TargetState is the AND of its
// conditions, a Target the OR of its TargetStates. [Satisfiable] and
// [CanOverlap] reason about conditions without a profile, for the linter.
//
// Matching policy ([policy]: this project's decision, Microsoft does not
// document it): condition names compare case-insensitively; plain values
// compare as exact strings, except SPN and PNN, which compare
// case-insensitively (plain and pattern); patterns are anchored (they must
// match the whole value); ranges are inclusive and match decimal integers
// only; `!` negates the whole test; a condition whose name the profile does
// not set does not match, negated or not. A pattern Go's RE2 cannot compile
// (.NET look-around, back-references, ...) or a malformed range makes its
// TargetState undecided: it is reported and never guessed.
//
// The package does not read files or print; it works on a parsed
// answerfile.Document and returns data.
package variant
