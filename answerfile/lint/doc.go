// Package lint checks MCSF customization answer files: every mistake
// Microsoft's ImageApp would reject, and the ones it accepts but that make a
// device behave wrongly (a Variant that can never apply, a per-IMSI setting
// in Static, an IMS retry threshold of 0, ...).
//
// A rule is one value of the [Rules] table: its id, default severity,
// documentation (summary, rationale, bad and good example, basis and
// policy), whether it is fixable, and the check that reports it. A check
// reports through a handle that stamps its rule's id and default severity on
// every finding; a finding under a rule of another check, or at a severity
// its rule does not declare, becomes an internal error instead. A check whose
// rules are all disabled does not run. The rules reported outside the checks
// (the reader's xml-syntax, the import and merge rules of package
// answerfile, the suppression rules) are in the table too, with their ids
// defined once, in the package that reports them.
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
// [Lint] and [File] lint one file alone; [Graph] lints an import graph
// loaded by answerfile.LoadGraph. A [Linter] runs over many files as
// `mcsf lint` does: it expands directories and globs, reads each
// directory's configuration file (.mcsf.yaml, [Settings]) and merges the
// caller's settings over it, lints the files in parallel, follows imports
// (each file once: a file another input imports is linted in that input's
// graph), applies fixes and decides fail-on. It reads files but never
// writes one (the fixed texts are returned), prints nothing, never exits
// and never changes process-wide settings: a caller that steers the
// garbage collector does so through LinterOptions.OnStart and OnRead.
package lint
