package variant

// MatchingPolicy states how mcsf matches conditions where Microsoft documents
// nothing ([policy]). It is the one text of this policy: the lint and spec
// rules that rest on it, and the help of lint, generate and resolve, quote
// it; the package documentation explains it construct by construct.
const MatchingPolicy = "How conditions match at runtime is not documented. mcsf decides: condition names compare " +
	"case-insensitively; plain values compare as exact strings, except SPN and PNN, which compare case-insensitively " +
	"(as Android does for SPN; patterns on them too); MNC 26 and 026 are different values (as Android treats them); " +
	"patterns must match the whole value (anchored); range:min, max is inclusive and matches decimal integers only; " +
	"! negates the whole test; a condition whose name the SIM does not set does not match, with or without !."
