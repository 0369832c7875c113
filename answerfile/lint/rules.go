package lint

import (
	"github.com/mcsf-dev/mcsf/internal/english"
	"strings"

	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/variant"
)

// Rule describes one lint rule. The table below is the single source for
// `mcsf rules`, `mcsf explain` and SARIF rule metadata.
type Rule struct {
	ID        string              `json:"id"`
	Severity  answerfile.Severity `json:"severity"` // the default; a rule may report some findings lower (see Rationale)
	Summary   string              `json:"summary"`
	Rationale string              `json:"rationale"`
	Bad       string              `json:"bad"`
	Good      string              `json:"good"`
	// Basis says where the rule's fact comes from: "doc" (Microsoft's
	// published documentation), "tool" (Microsoft's imaging tools) or
	// "policy" (this project's decision, spelled out in Policy).
	Basis string `json:"basis"`
	// Policy states the project's choice the rule rests on, when the
	// documentation is silent; "" when it rests on documented facts only.
	Policy string `json:"policy,omitempty"`
	// Lower lists the severities below Severity that some of the rule's
	// findings take (Summary and Rationale say which); configuration may
	// still override every finding's severity.
	Lower []answerfile.Severity `json:"lower,omitempty"`
	// Fixable says that findings of the rule can carry text edits
	// (answerfile.Diagnostic.Edits) that `mcsf lint --fix` applies.
	Fixable bool `json:"fixable,omitempty"`

	// check is the pass over a document that reports the rule's findings;
	// nil for the rules reported outside the checks (the reader's
	// xml-syntax, import resolution and merging, suppression comments).
	check *check
}

// Rule IDs. They are stable: configuration files and suppression comments name them.
const (
	RuleXMLSyntax              = answerfile.RuleXMLSyntax
	RuleRootElement            = "root-element"
	RuleSchema                 = "schema"
	RuleOwnerMissing           = "owner-missing"
	RuleOwnerType              = "owner-type"
	RulePriorityInvalid        = "priority-invalid"
	RuleElementOrder           = "element-order"
	RuleDuplicateStatic        = "duplicate-static"
	RuleDuplicateTargetID      = answerfile.RuleDuplicateTargetID
	RuleDuplicateCondition     = "duplicate-condition"
	RuleEmptyTarget            = "empty-target"
	RuleInvalidConditionName   = "invalid-condition-name"
	RuleUnknownConditionName   = "unknown-condition-name"
	RuleInvalidConditionValue  = "invalid-condition-value"
	RuleConditionPrefixCase    = "condition-prefix-case"
	RulePatternLimit           = "pattern-limit"
	RulePatternUnsupported     = "pattern-unsupported"
	RuleMNCForm                = "mnc-form"
	RuleMissingTargetRef       = "missing-target-ref"
	RuleUnknownTargetRef       = "unknown-target-ref"
	RuleMultipleTargetRefs     = "multiple-target-refs"
	RuleUnusedTarget           = "unused-target"
	RuleOverlappingVariants    = "overlapping-variants"
	RuleDuplicateSetting       = "duplicate-setting"
	RuleEmptyValue             = "empty-value"
	RuleInvalidSettingValue    = "invalid-setting-value"
	RuleIMSThresholdZero       = "ims-threshold-zero"
	RuleIMSSMSOff              = "ims-sms-off"
	RuleIMSRetryForced         = "ims-retry-forced"
	RuleUnknownSettingsPath    = "unknown-settings-path"
	RuleUnknownSetting         = "unknown-setting"
	RuleScopeMismatch          = "scope-mismatch"
	RuleImageTimeOnlyInVariant = "image-time-only-in-variant"
	RuleMultivariantDisabled   = "multivariant-disabled"
	RuleEnvVarInValue          = "env-var-in-value"
	RulePathCase               = "path-case"
	RuleUnusedSuppression      = "unused-suppression"
	RuleInvalidSuppression     = "invalid-suppression"
	RuleAtomicIncomplete       = "atomic-incomplete"
	RuleFirstVariationOnly     = "first-variation-only"
)

// Policies shared by several rules, from the project's domain reference.
const (
	policyMatching = variant.MatchingPolicy
	policyPattern  = "On the device a pattern is a .NET regular expression; mcsf evaluates patterns with Go's RE2. " +
		"A pattern .NET rejects is an error (ImageApp fails the build). A pattern RE2 cannot compile (look-around, " +
		"back-references, balancing groups, inline comments) or that the two read differently (POSIX classes, class " +
		"subtraction) is reported, and resolve then reports that condition as undecided instead of guessing; so is a " +
		"pattern using \\d, \\w, '.' and the like against a value that is not ASCII. Patterns are anchored: they must match " +
		"the whole value. The full comparison is the table in the variant package's documentation."
	policySuppress = "Suppression comments are this project's convention: <!-- mcsf:ignore RULE[,RULE] reason --> on the " +
		"line before an element silences those rules for the element and its children; <!-- mcsf:ignore-file RULE " +
		"reason --> for the whole file. The reason is required; a suppression without one has no effect."
	policyStrict = "Unknown paths and names are warnings, because the catalog lists only the settings this tool " +
		"knows; --strict (or strict: true in .mcsf.yaml) makes them errors, as ImageApp's +StrictSettingPolicies does."
)

// Rules lists every rule, sorted by ID.
var Rules = []Rule{
	{ID: RuleAtomicIncomplete, Severity: answerfile.Error, check: checkSettingGroups, Basis: "doc",
		Summary:   "a settings group of an Atomic customization does not set every one of its settings",
		Rationale: "A page whose Constraints say Atomic (roaming filter tables, TTY and telecoil, voicemail SMS intercept) requires every setting of the group at once; a partial group leaves the feature misconfigured.",
		Bad:       `<Settings Path="EaseOfAccessCPL/Telecoil"><Setting Name="TelecoilEnabled" Value="1"/></Settings> (the group's other settings missing)`,
		Good:      `every setting the page lists for EaseOfAccessCPL/Telecoil, set together`},
	{ID: RuleConditionPrefixCase, Severity: answerfile.Warning, Fixable: true, check: checkTargetList, Basis: "tool",
		Summary:   "a condition value uses the capitalised Pattern: or Range: prefix",
		Rationale: "Microsoft's documentation writes Pattern: and Range:, but the validator in its imaging tools only recognises the lower-case prefixes and reads a capitalised one as part of a plain value, which never matches. On MCC, MNC and GID1 that plain value fails the name's check and the build: that case is an invalid-condition-value error.",
		Bad:       `<Condition Name="SPN" Value="Pattern:Contoso.*"/>`,
		Good:      `<Condition Name="SPN" Value="pattern:Contoso.*"/>`},
	{ID: RuleDuplicateCondition, Severity: answerfile.Error, check: checkTargetList, Basis: "tool",
		Summary:   "a TargetState has two Conditions with the same name",
		Rationale: "ImageApp's validator stores a TargetState's conditions by name (case-insensitively) and fails the build on a repeated name. To match one of several values use pattern: or range:, or one TargetState per value (they are ORed). mcsf resolve counts the name once for priority.",
		Bad:       `<TargetState><Condition Name="MNC" Value="410"/><Condition Name="MNC" Value="260"/></TargetState>`,
		Good:      `<TargetState><Condition Name="MNC" Value="pattern:410|260"/></TargetState>`},
	{ID: RuleDuplicateSetting, Severity: answerfile.Error, Fixable: true, check: checkSettingGroups, Basis: "tool",
		Summary:   "a setting appears twice in one settings group, or one settings path twice in one Static or Variant",
		Rationale: "Setting names must be unique within a settings group (compared case-insensitively) and ImageApp rejects duplicates; two groups with one path in the same Static or Variant set the same keys twice and leave the result to file order.",
		Bad:       `<Settings Path="Multivariant"><Setting Name="Enable" Value="1"/><Setting Name="enable" Value="0"/></Settings>`,
		Good:      `<Settings Path="Multivariant"><Setting Name="Enable" Value="1"/></Settings>`},
	{ID: RuleDuplicateStatic, Severity: answerfile.Error, check: checkChildOrder, Basis: "doc",
		Summary:   "the file has more than one Static element",
		Rationale: "An answer file has at most one Static, applied on every device. A second Static usually comes from a documentation sample whose per-IMSI and per-device alternatives were both left in.",
		Bad:       `<Static>...</Static><Static>...</Static>`,
		Good:      `<Static>...</Static>`},
	{ID: RuleDuplicateTargetID, Severity: answerfile.Error, check: checkTargetList, Basis: "tool",
		Summary:   "two Targets have the same Id",
		Rationale: "A TargetRef names its Target by Id (case-sensitive); with two Targets of one Id it is ambiguous which conditions a Variant uses, and ImageApp rejects the file.",
		Bad:       `<Target Id="Contoso">...</Target><Target Id="Contoso">...</Target>`,
		Good:      `<Target Id="Contoso">...</Target><Target Id="Fabrikam">...</Target>`},
	{ID: RuleElementOrder, Severity: answerfile.Warning, Fixable: true, check: checkChildOrder, Basis: "doc",
		Summary:   "children of ImageCustomizations are not in Imports, Targets, Static, Variant order",
		Rationale: "Every documented sample writes Imports, then Targets, then Static, then the Variants, and Targets must be declared before the Variants that reference them.",
		Bad:       `<Variant>...</Variant><Targets>...</Targets>`,
		Good:      `<Targets>...</Targets><Static>...</Static><Variant>...</Variant>`},
	{ID: RuleEmptyTarget, Severity: answerfile.Error, Lower: []answerfile.Severity{answerfile.Warning}, check: checkTargetList, Basis: "tool",
		Summary:   "a Target has no TargetState (error), or a TargetState has no Condition (warning)",
		Rationale: "A Target is the OR of its TargetStates: with none it never matches and its Variants are dead. A TargetState is the AND of its Conditions: with none it says nothing, which Microsoft's validator reports as a warning.",
		Bad:       `<Target Id="Contoso"/>`,
		Good:      `<Target Id="Contoso"><TargetState><Condition Name="MCC" Value="310"/></TargetState></Target>`},
	{ID: RuleEmptyValue, Severity: answerfile.Error, check: checkSettingGroups, Basis: "doc",
		Summary:   "a Setting has Value=\"\" or no Value",
		Rationale: "Microsoft's documentation samples are templates that leave every Value empty (660 of 910 settings in the samples); an empty value is not a valid setting and must be filled in before the image is built.",
		Bad:       `<Setting Name="AutoRetryDownload" Value=""/>`,
		Good:      `<Setting Name="AutoRetryDownload" Value="1"/>`},
	{ID: RuleEnvVarInValue, Severity: answerfile.Error, check: checkSettingGroups, Basis: "doc",
		Summary:   "a Setting value uses %VAR% or a $(VAR) macro other than $(__IMSI) and $(__ICCID)",
		Rationale: "The documentation says environment variables work only in file source paths, not in Setting values, and that %this_format% is an error. Placeholders such as $(SerialNumber) in the samples are meant to be replaced by hand.",
		Bad:       `<Setting Name="UserAgent" Value="%OEMNAME% Phone"/>`,
		Good:      `<Setting Name="UserAgent" Value="Contoso Phone"/>`},
	{ID: RuleFirstVariationOnly, Severity: answerfile.Info, check: checkSettingGroups, Basis: "doc",
		Summary:   "a Variant sets a FirstVariationOnly customization: it applies for the first SIM only",
		Rationale: "A FirstVariationOnly customization is applied for the first SIM configuration the device sees and never changes again, so a later SIM with another Variant does not get its values.",
		Bad:       `a Variant per operator setting a FirstVariationOnly customization, expecting it to follow a SIM swap`,
		Good:      `the same Variants, knowing the first SIM decides`},
	{ID: RuleImageTimeOnlyInVariant, Severity: answerfile.Error, check: checkSettingGroups, Basis: "tool",
		Summary:   "a setting of an ImageTimeOnly customization (Multivariant, AutoDataConfig, ...) is inside a Variant",
		Rationale: "Multivariant and AutoDataConfig settings are read when the image is built, not when a SIM is inserted; Microsoft's validator rejects them in a Variant (VariantedImageTimeOnlySettingsGroup). Put them in Static.",
		Bad:       `<Variant Name="Contoso">...<Settings Path="Multivariant"><Setting Name="Enable" Value="1"/></Settings></Variant>`,
		Good:      `<Static><Settings Path="Multivariant"><Setting Name="Enable" Value="1"/></Settings></Static>`},
	{ID: answerfile.RuleImportConflict, Severity: answerfile.Error, Lower: []answerfile.Severity{answerfile.Warning, answerfile.Info}, Basis: "tool",
		Summary:   "two files of an import graph set the same setting: a clash at equal Priority (error; warning when the values are identical), an override across Priorities (warning) or by the root file (info)",
		Rationale: "ImageApp merges imported files by Priority: within one Priority the same setting (same Static or Target, path and name) in two files fails the build unless the values are identical; across Priorities the smaller number wins; the root file overrides every import. mcsf lint ROOT.xml shows each clash with every file involved.",
		Bad:       `root imports a.xml and b.xml, both Priority="1", both setting 3GPP/IMS/AttemptThresholdForIMS (2 and 3)`,
		Good:      `a.xml Priority="1" and b.xml Priority="2", or the setting in one file only`},
	{ID: answerfile.RuleImportCycle, Severity: answerfile.Error, Lower: []answerfile.Severity{answerfile.Warning}, Basis: "policy",
		Policy:    "A file already on the import path is not read again (error); a file imported twice is read once (warning).",
		Summary:   "an Import leads back to a file that is already being imported, or a file is imported twice",
		Rationale: "A cycle can never be merged; a repeated import would count every setting twice.",
		Bad:       `a.xml imports root.xml, which imports a.xml`,
		Good:      `only the root file imports`},
	{ID: answerfile.RuleImportEnvNotAllowed, Severity: answerfile.Error, Basis: "policy",
		Policy:    "Only the environment variables named with --import-env are expanded in an Import Source.",
		Summary:   "an Import Source uses $(NAME), an environment variable not allowed with --import-env",
		Rationale: "In CI a pull request (also from a fork) controls the answer files the linter reads, while the environment holds the job's secrets: a Source of $(MY_SECRET_TOKEN)\\x.xml would have the token expanded and printed in a diagnostic. mcsf expands only the variables named with --import-env (or import-env in .mcsf.yaml), and never prints an expanded value: diagnostics name the Source as written.",
		Bad:       `<Import Source="$(MY_SECRET_TOKEN)\ops.xml"/> linted without --import-env MY_SECRET_TOKEN`,
		Good:      `mcsf lint --import-env BUILD_ROOT root.xml, for <Import Source="$(BUILD_ROOT)\ops.xml"/>`},
	{ID: answerfile.RuleImportInNonRoot, Severity: answerfile.Error, Basis: "doc",
		Summary:   "an imported file has Imports of its own",
		Rationale: "The documentation allows Imports only in the root answer file. mcsf still follows them, to show the whole graph.",
		Bad:       `operators/a.xml: <Imports><Import Source="..."/></Imports>`,
		Good:      `every <Import> in the root file`},
	{ID: answerfile.RuleImportLimit, Severity: answerfile.Error, Basis: "policy",
		Policy:    "An import graph is read up to 1000 files and 256 MiB in all (--max-import-files, --max-import-bytes).",
		Summary:   "the import graph has more files or bytes than the limits (--max-import-files, --max-import-bytes)",
		Rationale: "Answer files that import each other can name thousands of files or gigabytes; mcsf stops reading at the limit (1000 files, 256 MiB by default) and says where, instead of running out of time or memory.",
		Bad:       `a root that imports 5,000 generated operator files`,
		Good:      `mcsf lint --max-import-files 10000 root.xml, when the graph is really that large`},
	{ID: answerfile.RuleImportNotAbsolute, Severity: answerfile.Warning, Basis: "doc",
		Summary:   "an Import Source is a relative path",
		Rationale: "The documentation requires absolute paths, or $(CurrentFileDir); mcsf follows a relative path from the importing file's folder but the image build may not.",
		Bad:       `<Import Source="operators\fabrikam.xml"/>`,
		Good:      `<Import Source="$(CurrentFileDir)\operators\fabrikam.xml"/>`},
	{ID: answerfile.RuleImportNotAnswerFile, Severity: answerfile.Error, Basis: "doc",
		Summary:   "an Import names a file whose root is not ImageCustomizations",
		Rationale: "Only answer files can be merged.",
		Bad:       `<Import Source="$(CurrentFileDir)\customizations.xml"/> (a WCD file)`,
		Good:      `<Import Source="$(CurrentFileDir)\operators\fabrikam.xml"/>`},
	{ID: answerfile.RuleImportNotFound, Severity: answerfile.Error, Basis: "doc",
		Summary:   "an Import Source cannot be read: no such file, an unset $(VARIABLE), or a Windows path without --path-map",
		Rationale: `ImageApp fails the build when an imported file is missing. On Linux, Windows paths (C:\build\...) need --path-map 'C:\build=/src'; $(CurrentFileDir) and $(NAME) environment macros are expanded.`,
		Bad:       `<Import Source="C:\build\operators\fabrikam.xml"/> without --path-map`,
		Good:      `mcsf lint --path-map 'C:\build=.' root.xml`},
	{ID: answerfile.RuleImportOutsideRoot, Severity: answerfile.Error, Basis: "policy",
		Policy:    "Imports are read only from the import root: the git work tree of the root file (else its folder), the --import-root directories and the --path-map directories.",
		Summary:   "an Import Source resolves outside the import root (the git work tree of the root file, else its folder)",
		Rationale: "In CI a pull request (also from a fork) controls the answer files the linter reads: an Import of /etc/shadow, of $(CurrentFileDir)\\..\\..\\etc\\passwd or of a --path-map'ped C:\\build\\..\\..\\etc\\passwd would make the linter read, and quote, any file the job can read. mcsf refuses a Source outside the import root before opening it, after resolving .., symbolic links and --path-map; --import-root DIR (or import-root in .mcsf.yaml) widens the root, and each --path-map directory is a root too.",
		Bad:       `<Import Source="$(CurrentFileDir)\..\..\..\etc\passwd"/>`,
		Good:      `<Import Source="$(CurrentFileDir)\operators\fabrikam.xml"/>`},
	{ID: RuleIMSRetryForced, Severity: answerfile.Warning, check: checkIMSRetry, Basis: "tool",
		Summary:   "RetryEnabled is set to a value other than 1 where AttemptThresholdForIMS is not configured, so the runtime forces it to 1",
		Rationale: "The runtime reads 3GPP/IMS/AttemptThresholdForIMS with the default 0xFFFFFFFF (not configured) and, when it is not configured, forces 3GPP/IMS/RetryEnabled to 1 whatever the file says (decompiled runtime). A RetryEnabled=0 without a threshold in the same Variant or in Static's per-device group is not what the device does; mcsf resolve and mcsf retry show it as forced.",
		Bad:       `<Settings Path="CellCore/PerDevice/SMS"><Setting Name="3GPP/IMS/RetryEnabled" Value="0"/></Settings>`,
		Good:      `<Settings Path="CellCore/PerDevice/SMS"><Setting Name="3GPP/IMS/AttemptThresholdForIMS" Value="2"/><Setting Name="3GPP/IMS/RetryEnabled" Value="0"/></Settings>`},
	{ID: RuleIMSSMSOff, Severity: answerfile.Warning, check: checkIMSServices, Basis: "doc",
		Summary:   "AttemptThresholdForIMS is set for a SIM whose IMSServices turns SMS over IMS off",
		Rationale: "SMS over IMS is enabled by the SMS flag (2) of IMSServices under CellCore/PerIMSI/$(__IMSI)/VoLTE. Where the same target's IMSServices leaves that flag off, the IMS retry threshold has no effect.",
		Bad:       `<Setting Name="IMSServices" Value="5"/> ... <Setting Name="3GPP/IMS/AttemptThresholdForIMS" Value="2"/>`,
		Good:      `<Setting Name="IMSServices" Value="7"/> ... <Setting Name="3GPP/IMS/AttemptThresholdForIMS" Value="2"/>`},
	{ID: RuleIMSThresholdZero, Severity: answerfile.Warning, check: checkSettingGroups, Basis: "doc",
		Summary:   "3GPP/IMS/AttemptThresholdForIMS is 0, so SMS over IMS is never attempted",
		Rationale: "The threshold is the number of attempts in all over IMS before the message goes over 3GPP/3GPP2; to send SMS over IMS it must be 1 or more. 0 silently turns SMS over IMS off; leave the setting out for \"not configured\".",
		Bad:       `<Setting Name="3GPP/IMS/AttemptThresholdForIMS" Value="0"/>`,
		Good:      `<Setting Name="3GPP/IMS/AttemptThresholdForIMS" Value="2"/>`},
	{ID: RuleInvalidConditionName, Severity: answerfile.Error, check: checkTargetList, Basis: "tool",
		Summary:   "a Condition has an empty name or a reserved one (name, type, data, target, productid, settingsgroup)",
		Rationale: "Microsoft's validator reserves these names; an empty name (as in every documentation template) matches nothing.",
		Bad:       `<Condition Name="" Value="310"/>`,
		Good:      `<Condition Name="MCC" Value="310"/>`},
	{ID: RuleInvalidConditionValue, Severity: answerfile.Error, Fixable: true, check: checkTargetList, Basis: "tool", Policy: policyMatching,
		Summary:   "a Condition value is malformed: MCC not 3 digits, MNC not 2-3 digits, SPN over 16 UTF-16 code units, GID1 not hex or over 16 significant hex digits, a capitalised Pattern:/Range: on MCC, MNC or GID1, a bad range:, a pattern .NET rejects or that does not compile, an empty value",
		Rationale: "Microsoft's validator checks these value shapes; a value of the wrong shape can never match a SIM, so the Variant never applies.",
		Bad:       `<Condition Name="MCC" Value="31"/>`,
		Good:      `<Condition Name="MCC" Value="310"/>`},
	{ID: RuleInvalidSettingValue, Severity: answerfile.Error, check: checkSettingGroups, Basis: "doc",
		Summary:   "a Setting value is outside the catalog's type or range",
		Rationale: "A DWORD is decimal or hexadecimal with a mandatory 0x prefix; a bool takes 0 or 1; a range has documented bounds. ImageApp or the device rejects or misreads other values (RetryEnabled=2, AutoRetryDownload=yes, IMSServices=1F).",
		Bad:       `<Setting Name="AutoRetryDownload" Value="yes"/>`,
		Good:      `<Setting Name="AutoRetryDownload" Value="1"/>`},
	{ID: RuleInvalidSuppression, Severity: answerfile.Error, Basis: "policy", Policy: policySuppress,
		Summary:   "an mcsf:ignore comment has no reason, names no rule, names an unknown rule or precedes no element",
		Rationale: "A suppression must say why the finding does not apply, so that a reviewer can judge it; a suppression without a reason has no effect.",
		Bad:       `<!-- mcsf:ignore empty-value -->`,
		Good:      `<!-- mcsf:ignore empty-value filled in by the build script -->`},
	{ID: RuleMissingTargetRef, Severity: answerfile.Error, check: checkTargetRefs, Basis: "tool",
		Summary:   "a Variant has no TargetRef",
		Rationale: "A Variant applies only when its target matches; without a TargetRef it never applies. Microsoft's validator reports it (EmptyTargetRefs).",
		Bad:       `<Variant Name="Contoso"><Settings Path="...">...</Settings></Variant>`,
		Good:      `<Variant Name="Contoso"><TargetRefs><TargetRef Id="Contoso"/></TargetRefs>...</Variant>`},
	{ID: RuleMNCForm, Severity: answerfile.Info, check: checkTargetList, Basis: "policy", Policy: policyMatching,
		Summary:   "an MNC condition uses one of the two forms of a 2-digit MNC (26 or 026)",
		Rationale: "A network's MNC is 2 or 3 digits, and a SIM reports it in one form; MNC 26 and 026 are different values, so a target written with one form does not match a SIM that reports the other. Write the form the operator's SIMs report, or pattern:0?26 to match both (not 260: that is another network).",
		Bad:       `<Condition Name="MNC" Value="26"/>`,
		Good:      `<Condition Name="MNC" Value="pattern:0?26"/>`},
	{ID: RuleMultipleTargetRefs, Severity: answerfile.Error, check: checkTargetRefs, Basis: "doc",
		Summary:   "a Variant has more than one TargetRef",
		Rationale: "MCSF supports exactly one TargetRef per Variant (the documentation: \"Currently, only one TargetRef is supported\"). To apply settings for several targets, give the one Target several TargetStates, or write one Variant per target.",
		Bad:       `<TargetRefs><TargetRef Id="A"/><TargetRef Id="B"/></TargetRefs>`,
		Good:      `<TargetRefs><TargetRef Id="A"/></TargetRefs>`},
	{ID: RuleMultivariantDisabled, Severity: answerfile.Error, Fixable: true, Lower: []answerfile.Severity{answerfile.Warning}, check: checkRuntimeConfig, Basis: "doc",
		Summary:   "Variants are present but Static does not set Multivariant/Enable=1 and AutoDataConfig/Enable=0 (or turns both on)",
		Rationale: "Variants are applied by runtime configuration (Multivariant); exactly one of it and AutoDataConfig may be on. Every per-IMSI and per-SIM sample sets Multivariant/Enable=1 and AutoDataConfig/Enable=0 in Static. Turning Multivariant off, or both on, is an error; leaving them unset relies on the defaults and is a warning.",
		Bad:       `<Static/><Variant Name="Contoso">...</Variant>`,
		Good:      `<Static><Settings Path="Multivariant"><Setting Name="Enable" Value="1"/></Settings><Settings Path="AutoDataConfig"><Setting Name="Enable" Value="0"/></Settings></Static>`},
	{ID: RuleOverlappingVariants, Severity: answerfile.Warning, check: checkVariantOverlaps, Basis: "doc", Policy: policyMatching,
		Summary:   "two Variants whose targets can match one SIM at equal priority set one setting to different values",
		Rationale: "When two matching TargetStates have the same priority (the same number of SIM and of device conditions), the one defined later is applied later and wins: the result depends on the order of the file. Make the targets exclusive or give the intended one more conditions. mcsf decides exactly whether two targets can match one SIM: it intersects the automata of their conditions (patterns, ranges, plain values) with the values a SIM can report (MCC 3 digits, MNC 2 or 3, ICCID 18 to 22, GID1 hexadecimal, SPN at most 16 characters, Roaming and UICCSLOT 0 or 1), and names a SIM that both match. It says \"may\" and why when it cannot tell: a pattern it cannot evaluate, a value outside ASCII where .NET and RE2 read a pattern differently, or conditions too complex to decide within its work budget.",
		Bad:       `<Target Id="A"><TargetState><Condition Name="MCC" Value="310"/></TargetState></Target><Target Id="B"><TargetState><Condition Name="MNC" Value="410"/></TargetState></Target>`,
		Good:      `<Target Id="A"><TargetState><Condition Name="MCC" Value="310"/></TargetState></Target><Target Id="B"><TargetState><Condition Name="MCC" Value="311"/></TargetState></Target>`},
	{ID: RuleOwnerMissing, Severity: answerfile.Error, check: checkRootAttrs, Basis: "doc",
		Summary:   "Owner, Name or OwnerType of ImageCustomizations is empty or missing",
		Rationale: "The root file's Owner names the generated package (<Owner>.<DeviceName>.Customizations.<Partition>.spkg). Every documentation sample ships Owner=\"\" and its page says \"Specify an Owner\".",
		Bad:       `<ImageCustomizations Name="IMSRetry" Owner="" OwnerType="OEM">`,
		Good:      `<ImageCustomizations Name="IMSRetry" Owner="Contoso" OwnerType="OEM">`},
	{ID: RuleOwnerType, Severity: answerfile.Warning, Fixable: true, check: checkRootAttrs, Basis: "doc",
		Summary:   "OwnerType is not Microsoft, OEM, SiliconVendor or MobileOperator",
		Rationale: "The documentation uses OEM; the package schema of the same namespace allows Microsoft, OEM, SiliconVendor and MobileOperator (case-sensitive).",
		Bad:       `OwnerType="oem"`,
		Good:      `OwnerType="OEM"`},
	{ID: RulePathCase, Severity: answerfile.Info, Fixable: true, check: checkSettingGroups, Basis: "tool",
		Summary:   "a settings path or setting name is spelled in another case than the catalog's",
		Rationale: "Paths and names compare case-insensitively, so the file works, but a spelling that differs from Microsoft's (Cellcore/...) makes the file harder to search and to compare.",
		Bad:       `<Settings Path="Cellcore/PerDevice/SMS">`,
		Good:      `<Settings Path="CellCore/PerDevice/SMS">`},
	{ID: RulePatternLimit, Severity: answerfile.Error, check: checkTargetList, Basis: "policy",
		Policy:    "A file may have 10,000 pattern: conditions (--max-patterns) of 2,000 compiled instructions each (--max-pattern-size) and 200,000 in all (--max-pattern-total).",
		Summary:   "the file has more pattern: conditions, or larger ones in all, than the limits (--max-patterns, --max-pattern-total)",
		Rationale: "Each pattern is compiled, and lint compares the patterns of targets pair by pair: a file of 10,000 large patterns took resolve 23 s and 1.7 GB, lint minutes. Past the limit mcsf compiles none of the file's patterns and says so once, instead of running out of time or memory; their TargetStates are neither checked nor evaluated (resolve: undecided).",
		Bad:       `an answer file generated with a pattern: condition per ICCID, 50,000 of them`,
		Good:      `mcsf lint --max-patterns 60000 big.xml, when the file is really that large; or range: conditions, which cost nothing to compile`},
	{ID: RulePatternUnsupported, Severity: answerfile.Warning, check: checkTargetList, Basis: "policy", Policy: policyPattern,
		Summary:   "a pattern: condition that .NET accepts but RE2 cannot compile (look-around, back-reference), or that the two read differently (POSIX class, class subtraction)",
		Rationale: "The device evaluates patterns with .NET; where RE2 cannot compile the pattern or reads it differently mcsf cannot tell what the device does, so resolve reports every TargetState with such a condition as undecided.",
		Bad:       `<Condition Name="SPN" Value="pattern:(?!Test).*"/>`,
		Good:      `<Condition Name="SPN" Value="!pattern:Test.*"/>`},
	{ID: RulePriorityInvalid, Severity: answerfile.Error, check: checkRootAttrs, Basis: "doc",
		Summary:   "Priority is not a positive integer",
		Rationale: "Priority orders imported files: 1 is the highest; zero and negative numbers are not allowed.",
		Bad:       `Priority="0"`,
		Good:      `Priority="1"`},
	{ID: RuleRootElement, Severity: answerfile.Error, check: checkRootElement, Basis: "doc",
		Summary:   "the root element is not ImageCustomizations in the ImageUpdate namespace",
		Rationale: "ImageApp reads only <ImageCustomizations xmlns=\"http://schemas.microsoft.com/embedded/2004/10/ImageUpdate\">; with another root or namespace nothing in the file is applied.",
		Bad:       `<ImageCustomizations Name="x" Owner="Contoso" OwnerType="OEM">`,
		Good:      `<ImageCustomizations xmlns="http://schemas.microsoft.com/embedded/2004/10/ImageUpdate" Name="x" Owner="Contoso" OwnerType="OEM">`},
	{ID: RuleSchema, Severity: answerfile.Error, check: checkStructure, Basis: "doc",
		Summary:   "the structure does not match the answer-file schema: unknown element or attribute, wrong parent, missing required attribute",
		Rationale: "The structure of an answer file is declared in the embedded JSON Schema (mcsf schema answerfile). ImageApp rejects elements and attributes it does not know and elements under the wrong parent.",
		Bad:       `<Static><Setting Name="Enable" Value="1"/></Static>`,
		Good:      `<Static><Settings Path="Multivariant"><Setting Name="Enable" Value="1"/></Settings></Static>`},
	{ID: RuleScopeMismatch, Severity: answerfile.Error, check: checkSettingGroups, Basis: "doc",
		Summary:   "a per-IMSI or per-SIM path (or $(__IMSI), $(__ICCID)) is in Static, or a per-device path in a Variant",
		Rationale: "$(__IMSI) and $(__ICCID) are replaced by the current SIM's IMSI or ICCID, which exists only while a Variant is applied for a SIM. Per-device paths (CellCore/PerDevice/...) are the device-wide fallback and belong in Static.",
		Bad:       `<Static><Settings Path="CellCore/PerIMSI/$(__IMSI)/SMS">...</Settings></Static>`,
		Good:      `<Static><Settings Path="CellCore/PerDevice/SMS">...</Settings></Static>`},
	{ID: RuleUnknownConditionName, Severity: answerfile.Warning, check: checkTargetList, Basis: "tool",
		Summary:   "a Condition name is not one of the documented SIM (P0) or device (P1) conditions",
		Rationale: "Microsoft's validator warns on names outside MCC, MNC, SPN, PNN, GID1, ICCID, Roaming, UICC, UICCSLOT, ProcessorType, ProcessorName, AoAc, PowerPlatformRole, Architecture, Server, Region and Lang; OEM conditions from a custom CSP are possible but a typo is likelier.",
		Bad:       `<Condition Name="MMC" Value="310"/>`,
		Good:      `<Condition Name="MCC" Value="310"/>`},
	{ID: RuleUnknownSetting, Severity: answerfile.Warning, check: checkSettingGroups, Basis: "tool", Policy: policyStrict,
		Summary:   "a setting name is not in the catalog for its (known) settings path",
		Rationale: "ImageApp warns on settings no package in the image defines and drops them; in strict mode it fails. A misspelt name is the usual cause.",
		Bad:       `<Settings Path="CellCore/PerDevice/SMS"><Setting Name="3GPP/IMS/RetryEnable" Value="1"/></Settings>`,
		Good:      `<Settings Path="CellCore/PerDevice/SMS"><Setting Name="3GPP/IMS/RetryEnabled" Value="1"/></Settings>`},
	{ID: RuleUnknownSettingsPath, Severity: answerfile.Warning, check: checkSettingGroups, Basis: "tool", Policy: policyStrict,
		Summary:   "a settings path is not in the catalog",
		Rationale: "ImageApp warns on settings paths no package in the image defines and drops them; in strict mode it fails. mcsf's catalog (mcsf settings) lists every path of Microsoft's MCSF pages.",
		Bad:       `<Settings Path="CellCore/PerDevice/SMSs">`,
		Good:      `<Settings Path="CellCore/PerDevice/SMS">`},
	{ID: RuleUnknownTargetRef, Severity: answerfile.Error, check: checkTargetRefs, Basis: "tool",
		Summary:   "a TargetRef names a Target that is not declared",
		Rationale: "Target Ids are case-sensitive; a TargetRef to an undeclared Id makes ImageApp fail (UnknownTarget). The finding points at the nearest declared Id.",
		Bad:       `<Target Id="Contoso"/> ... <TargetRef Id="contoso"/>`,
		Good:      `<Target Id="Contoso"/> ... <TargetRef Id="Contoso"/>`},
	{ID: RuleUnusedSuppression, Severity: answerfile.Warning, Basis: "policy", Policy: policySuppress,
		Summary:   "an mcsf:ignore comment suppressed nothing",
		Rationale: "A stale suppression hides the next real finding of its rule; remove it once the finding is fixed.",
		Bad:       `<!-- mcsf:ignore empty-value filled by the build --> <Setting Name="Enable" Value="1"/>`,
		Good:      `<Setting Name="Enable" Value="1"/>`},
	{ID: RuleUnusedTarget, Severity: answerfile.Warning, check: checkTargetRefs, Basis: "doc",
		Summary:   "a Target is referenced by no Variant",
		Rationale: "A Target only has an effect through the Variants that reference it; an unused one is dead code or a sign of a misspelt TargetRef.",
		Bad:       `<Target Id="Contoso">...</Target> (no TargetRef Id="Contoso")`,
		Good:      `<Target Id="Contoso">...</Target> ... <TargetRef Id="Contoso"/>`},
	{ID: RuleXMLSyntax, Severity: answerfile.Error, Fixable: true, Basis: "doc",
		Summary:   "the file is not well-formed XML",
		Rationale: "ImageApp refuses a file that is not well-formed XML; nothing else in it can be checked. Many documentation samples are broken as published: the IMSRetry sample nests comments, others write <-- for <!--.",
		Bad:       "<!-- outer <!-- inner --> -->",
		Good:      "<!-- inner -->"},
}

// Lookup returns the rule called id.
func Lookup(id string) (Rule, bool) {
	for _, r := range Rules {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
}

// Suggest returns the rule ID nearest to id (for "did you mean"), or "" when
// none is close.
func Suggest(id string) string {
	ids := make([]string, len(Rules))
	for i, r := range Rules {
		ids[i] = r.ID
	}
	return english.Nearest(strings.ToLower(id), ids)
}
