// Package variant evaluates the targets of an MCSF answer file against a SIM
// and device profile: it parses and checks <Condition> values, decides which
// Variants match, in what priority order they apply, and what effective
// settings a device ends up with.
//
// Conditions ([Condition], [ParseCondition], [CheckCondition]) have the
// form `[!][pattern:|range:]value`. A TargetState is the AND of its
// conditions, a Target the OR of its TargetStates. [Solver] (behind
// [Satisfiable] and [CanOverlap]) reasons about conditions without a
// profile, for the linter: it decides exactly whether one SIM can satisfy
// TargetStates together by intersecting automata of their conditions and of
// the values a SIM can report for each name, and names such a SIM; it
// answers MayOverlap, with the reason, when a condition cannot be
// evaluated, when only a value outside ASCII could satisfy them (where .NET
// and RE2 may read a pattern differently; there the patterns are read with
// .NET's Unicode \d, \w and \s), or when its work budget runs out.
//
// What ImageApp's validator does decides what is evaluated [tool]: the
// prefixes are lower case (a capitalised `Pattern:` is part of a plain value:
// on MCC, MNC and GID1 the build fails, elsewhere the value never matches);
// range bounds are integers of any length, compared without conversion; a
// condition name it does not know (IMSI, GID2, ...) or a name repeated in one
// TargetState is reported by lint, and resolve leaves the first undecided and
// counts the second once for priority.
//
// Matching policy ([policy]: this project's decision, Microsoft does not
// document it): condition names compare case-insensitively; plain values
// compare as exact strings, except SPN and PNN, which compare
// case-insensitively (plain and pattern); patterns are anchored (they must
// match the whole value); ranges are inclusive and match decimal integers
// only; `!` negates the whole test; a condition whose name the profile does
// not set does not match, negated or not. A malformed range, or a pattern
// that .NET and RE2 do not read alike (below), makes its TargetState
// undecided: it is reported and never guessed.
//
// # .NET and RE2
//
// On the device a pattern is a .NET regular expression; this package
// evaluates it with Go's RE2. Every pattern is first read as .NET reads it
// (pattern.go) and compared construct by construct:
//
//	construct                        .NET (device, ImageApp)       RE2 (here)                 verdict
//	-------------------------------  ----------------------------  -------------------------  --------------------------
//	literals, . * + ? {n,m} | ( )    same                          same                       evaluated
//	(?:…) (?<name>…) (?i) (?m) (?s)  same                          same                       evaluated
//	[abc] [a-z] \p{Lu} \x41         same                          same                       evaluated
//	\d \w \s \b (and \D …), '.',     Unicode classes, UTF-16 units ASCII classes, code points  evaluated on ASCII values,
//	[^…], a non-ASCII literal, (?i)  (\s also matches \v)          (\s without \v)            undecided on others and \v
//	[[:alpha:]]                      literal '[' ':' 'a' … ']'     POSIX class                differs: undecided
//	[a-z-[aeiou]]                    class subtraction             '-' '[' members, ']' lit.  differs: undecided
//	(?=…) (?!…) (?<=…) (?<!…)        look-around                   rejected                   undecided
//	\1 … \9, \k<name>                back-reference                rejected                   undecided
//	(?>…) (?(…)…) (?<a-b>…) (?'n'…)  atomic, conditional, balance  rejected                   undecided
//	(?#…)                            inline comment                rejected                   undecided
//	(?n) (?x)                        options n, x                  rejected                   undecided
//	\G \Z                            anchors                       rejected                   undecided
//	\p{IsGreek}                      Unicode block                 rejected                   undecided
//	\e \cX \uXXXX                    escapes                       rejected                   undecided
//	a{1001}                          repeat over 1000              rejected                   undecided
//	\Q…\E                            unknown escape: error         literal quoting            error (build fails)
//	(?P<name>…)                      unknown group: error          named group                error (build fails)
//	\x{41}                           \x needs two hex digits       code point                 error (build fails)
//	(?U)                             unknown option: error         ungreedy                   error (build fails)
//	a++ a*+ a{2}+                    nested quantifier: error      rejected                   error (build fails)
//	\pL (no braces)                  error                         category L                 error (build fails)
//	\p{Greek}                        unknown property: error       script                     error (build fails)
//	\_                               unknown escape: error         literal '_'                error (build fails)
//	$ at the end                     before a final \n too         end of text only           same on SIM values (no \n)
//
// "undecided" is a lint finding (pattern-unsupported, a warning) and leaves
// the TargetState undecided in resolve; "error" is an invalid-condition-value
// error. Constructs RE2 and .NET both reject are plain syntax errors.
//
// The package does not read files or print; it works on a parsed
// answerfile.Document and returns data.
package variant
