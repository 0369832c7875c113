package templates

import (
	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/variant"
)

// Rule IDs of the spec reader (ReadSpec) and of ImportSpec.
const (
	RuleSyntax             = "spec-syntax"
	RuleDuplicateKey       = "spec-duplicate-key"
	RuleSchema             = "spec-schema"
	RuleDuplicateOperator  = "spec-duplicate-operator"
	RuleDuplicateCondition = "spec-duplicate-condition"
	RuleNoSettings         = "spec-no-settings"
	RuleInvalidCondition   = "spec-invalid-condition"
	RuleUnknownCondition   = "spec-unknown-condition"
	RulePatternUnsupported = "spec-pattern-unsupported"
	RuleUnsatisfiable      = "spec-unsatisfiable-match"
	RuleOverlap            = "spec-overlap"
	RuleOverlapMerged      = "spec-overlap-merged"
	RuleImportUnsupported  = "import-unsupported"
	RuleImportDropped      = "import-dropped"
	RuleSpecSetting        = "spec-setting"
	RuleRetryForced        = "spec-retry-forced"
)

// Rule describes one rule of this package. It has the fields of the
// linter's rule table (lint.Rule), so that one converts to the other and
// `mcsf explain` can show these rules too; the package does not import the
// linter.
type Rule struct {
	ID        string              `json:"id"`
	Severity  answerfile.Severity `json:"severity"`
	Summary   string              `json:"summary"`
	Rationale string              `json:"rationale"`
	Bad       string              `json:"bad"`
	Good      string              `json:"good"`
	// Basis says where the rule's fact comes from: "doc", "tool" or
	// "policy" (this project's decision, spelled out in Policy).
	Basis  string `json:"basis"`
	Policy string `json:"policy,omitempty"`
}

// Policies the spec rules rest on, stated in mcsf explain.
const (
	policySpecFormat = "The spec format is this tool's own: one YAML or JSON document, each key once, condition values as strings, booleans written 1/0 in the answer file."
	policyMatching   = variant.MatchingPolicy
	policyImport     = "A spec covers the catalog's settings (IMSRetry and AutoRetryDownloadForMMS in short form), one Target per operator; import-spec refuses the rest rather than drop it, and leaves out only what changes nothing on a device."
	policyRE2        = "mcsf evaluates patterns with Go's RE2; .NET-only constructs (look-around, back-references) are left undecided, never guessed."
)

// Rules describes every rule of this package, sorted by ID.
var Rules = []Rule{
	{ID: RuleImportDropped, Severity: answerfile.Info, Basis: "policy", Policy: policyImport,
		Summary:   "import-spec left out something that has no effect on any device",
		Rationale: "Comments and Targets that no Variant references change nothing a device reads; the spec does not carry them and the generated file writes its own comments.",
		Bad:       `<Target Id="Unused">...</Target>   (referenced by no Variant)`,
		Good:      "(remove the unused Target, or reference it from a Variant)"},
	{ID: RuleImportUnsupported, Severity: answerfile.Error, Basis: "policy", Policy: policyImport,
		Summary:   "the answer file uses something a spec cannot express",
		Rationale: "A spec describes documented settings (checked against the catalog as mcsf generate checks a spec) and one Target per Variant; import-spec refuses an Import, an Asset, a Priority, a Variant with several TargetRefs, a setting the catalog does not know or a value generate would refuse, rather than write a spec that generates a different file.",
		Bad:       `<Settings Path="Phone/PhoneSettings"><Setting Name="HideCallForwarding" Value="Yes"/></Settings>`,
		Good:      `<Settings Path="Phone/PhoneSettings"><Setting Name="HideCallForwarding" Value="1"/></Settings>`},
	{ID: RuleDuplicateCondition, Severity: answerfile.Error, Basis: "tool",
		Summary:   "a match entry names one condition twice",
		Rationale: "Condition names are case-insensitive: mcc and conditions: {MCC: ...} are the same condition, and only one value can be written.",
		Bad:       `{mcc: "310", conditions: {MCC: "311"}}`,
		Good:      `{mcc: "310"}`},
	{ID: RuleDuplicateKey, Severity: answerfile.Error, Basis: "policy", Policy: policySpecFormat,
		Summary:   "a key is given twice in one mapping",
		Rationale: "YAML and JSON parsers disagree on which of two equal keys wins; the spec must say one thing.",
		Bad:       "name: A\nname: B",
		Good:      "name: A"},
	{ID: RuleDuplicateOperator, Severity: answerfile.Error, Basis: "policy", Policy: policySpecFormat,
		Summary:   "two operators have the same name",
		Rationale: "The name becomes the Target Id and the Variant Name; two operators of one name are one operator written twice (names compare case-insensitively).",
		Bad:       "operators: [{name: Fabrikam, ...}, {name: fabrikam, ...}]",
		Good:      "operators: [{name: Fabrikam, match: [..., ...]}]"},
	{ID: RuleInvalidCondition, Severity: answerfile.Error, Basis: "tool",
		Summary:   "a condition value or name that ImageApp refuses or that never matches",
		Rationale: "The same value checks as lint's invalid-condition-value and invalid-condition-name: MCC is 3 digits, MNC 2 or 3, SPN at most 16 characters, GID1 hexadecimal, ranges are range:MIN, MAX, patterns compile, reserved names are refused.",
		Bad:       `{mcc: "31"}`,
		Good:      `{mcc: "310"}`},
	{ID: RuleNoSettings, Severity: answerfile.Error, Basis: "policy", Policy: policySpecFormat,
		Summary:   "an operator (or the whole spec) sets nothing",
		Rationale: "A Variant without settings does nothing; an operator needs imsRetry or mmsAutoRetry, and a spec needs an operator or a device value.",
		Bad:       "- name: Fabrikam\n  match: [{mcc: \"310\"}]",
		Good:      "- name: Fabrikam\n  match: [{mcc: \"310\"}]\n  mmsAutoRetry: true"},
	{ID: RuleOverlap, Severity: answerfile.Error, Basis: "policy", Policy: policyMatching,
		Summary:   "two operators can match one SIM at equal priority and set a setting to different values",
		Rationale: "At equal priority the later Variant in the file wins: the result depends on the order of the operators, which lint reports as overlapping-variants. Make one match more specific (more conditions) or give both the same value.",
		Bad:       "A: {mcc: \"310\", mnc: \"410\"} mmsAutoRetry: true\nB: {mcc: \"310\", spn: X} mmsAutoRetry: false",
		Good:      "B: {mcc: \"310\", mnc: \"410\", spn: X} mmsAutoRetry: false"},
	{ID: RuleOverlapMerged, Severity: answerfile.Warning, Basis: "policy", Policy: policyMatching,
		Summary:   "two operators can match one SIM at equal priority",
		Rationale: "They set different settings, so the result does not depend on order, but a SIM matching both gets the settings of both operators, not those of one.",
		Bad:       "A: {mcc: \"310\", mnc: \"410\"} mmsAutoRetry: true\nB: {mcc: \"310\", spn: X} imsRetry: {...}",
		Good:      "(intended: keep; otherwise make the matches exclude each other)"},
	{ID: RulePatternUnsupported, Severity: answerfile.Warning, Basis: "policy", Policy: policyRE2,
		Summary:   "a pattern that .NET accepts on the device but Go's RE2 cannot evaluate",
		Rationale: "The device may match it, but mcsf resolve reports its TargetState as undecided and cannot check the generated file for such SIMs.",
		Bad:       `{spn: "pattern:(?!Test).*"}`,
		Good:      `{spn: "!pattern:Test.*"}`},
	{ID: RuleRetryForced, Severity: answerfile.Warning, Basis: "tool",
		Summary:   "imsRetry.retryEnabled is false where no attemptThresholdForIMS is configured, so the runtime forces RetryEnabled to 1",
		Rationale: "The runtime reads AttemptThresholdForIMS with the default 0xFFFFFFFF (not configured) and then forces RetryEnabled to 1 whatever the file says (decompiled runtime). An operator's retryEnabled: false needs a threshold of its own or the device's; the device's needs the device's threshold. The generated file would carry lint's ims-retry-forced warning.",
		Bad:       "device: {imsRetry: {retryEnabled: false}}",
		Good:      "device: {imsRetry: {attemptThresholdForIMS: 2, retryEnabled: false}}"},
	{ID: RuleSchema, Severity: answerfile.Error, Basis: "policy", Policy: policySpecFormat,
		Summary:   "the spec does not follow the spec schema (mcsf schema spec)",
		Rationale: "Unknown keys, missing keys and values of the wrong type would silently generate a different file; condition values are strings, so numbers must be quoted.",
		Bad:       "match: [{mcc: 310}]",
		Good:      `match: [{mcc: "310"}]`},
	{ID: RuleSpecSetting, Severity: answerfile.Error, Basis: "doc",
		Summary:   "a spec setting is not in the catalog, is in the wrong scope, or has a value its type does not take",
		Rationale: "A device setting is written in Static, so it cannot be per-IMSI or per-SIM; an operator setting is written in its Variant, so it cannot be per-device (CellCore/PerDevice) or ImageTimeOnly. Paths, names and values are checked against Microsoft's pages (mcsf settings).",
		Bad:       `device: {settings: {"CellCore/PerIMSI/$(__IMSI)/CellUX/Critical": {ShowVoLTEToggle: 1}}}`,
		Good:      `device: {settings: {"CellCore/PerDevice/CellUX/Critical": {ShowVoLTEToggle: 1}}}`},
	{ID: RuleSyntax, Severity: answerfile.Error, Basis: "policy", Policy: policySpecFormat,
		Summary:   "the spec is not valid YAML or JSON, or uses YAML features a spec does not allow",
		Rationale: "A spec is one YAML (or JSON) document without aliases.",
		Bad:       "name: [Contoso",
		Good:      "name: Contoso"},
	{ID: RuleUnknownCondition, Severity: answerfile.Warning, Basis: "tool",
		Summary:   "a condition name outside the documented P0/P1 list",
		Rationale: "ImageApp warns on unknown condition names (lint: unknown-condition-name); IMSI is not a documented condition name either. It counts for neither P0 nor P1 priority.",
		Bad:       `{conditions: {Carrier: "X"}}`,
		Good:      `{spn: "X"}`},
	{ID: RuleUnsatisfiable, Severity: answerfile.Error, Basis: "tool",
		Summary:   "a match entry that no SIM can satisfy",
		Rationale: "Its TargetState would never match, so the operator's values would never apply to those SIMs.",
		Bad:       `{uiccslot: "range:5, 1"}`,
		Good:      `{uiccslot: "range:0, 1"}`},
}
