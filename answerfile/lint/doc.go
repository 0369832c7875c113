// Package lint checks MCSF customization answer files: every mistake
// Microsoft's ImageApp would reject, and the ones it accepts but that make a
// device behave wrongly (a Variant that can never apply, a per-IMSI setting
// in Static, an IMS retry threshold of 0, ...).
//
// [Lint] runs the rules of the [Rules] table over a parsed
// [answerfile.Document]; [File] parses first, so that a file that is not
// well-formed gives its xml-syntax findings. The structure of a file is
// checked with the embedded JSON Schema "answerfile" (package schema) on a
// JSON projection of the XML tree, and every schema error is mapped back to
// the element or attribute it is about; settings are checked against the
// embedded settings catalog; conditions through package variant.
//
// Findings are data ([answerfile.Diagnostic]), sorted by position and rule,
// never errors. [Config] disables rules, overrides severities and turns on
// strict mode. Suppression comments in the file
// (<!-- mcsf:ignore RULE[,RULE] reason --> before an element,
// <!-- mcsf:ignore-file RULE reason --> anywhere) silence rules; a
// suppression needs a reason and is reported when it suppresses nothing.
//
// The package lints one file at a time: it does not follow Imports (a
// setting or Static that lives in an imported file is not seen). It does not
// read files, print or exit.
package lint
