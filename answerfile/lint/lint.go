package lint

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/beevik/etree"

	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/catalog"
	"github.com/mcsf-dev/mcsf/internal/english"
	"github.com/mcsf-dev/mcsf/internal/lazy"
	"github.com/mcsf-dev/mcsf/variant"
)

// Config chooses which rules run and how severe their findings are.
// The zero Config runs every rule at its default severity.
type Config struct {
	// Strict makes unknown-settings-path and unknown-setting errors, as
	// ImageApp's +StrictSettingPolicies does. Severity overrides win over it.
	Strict bool
	// Disable lists rule IDs that do not run.
	Disable []string
	// Severity overrides the severity of every finding of a rule.
	Severity map[string]answerfile.Severity
	// Catalog is the customization catalog; nil means the embedded one.
	Catalog *catalog.Index
	// Limits bound what File reads; the zero value means answerfile.DefaultLimits.
	Limits answerfile.Limits
	// Patterns bound the pattern: conditions a file may have and what each
	// may compile to; the zero value means the defaults (pattern-limit).
	Patterns variant.PatternLimits
	// Cache, when set, is shared by the Lint calls of one run.
	Cache *SchemaCache
}

// Validate reports the first rule ID in cfg that is not a rule, with the
// nearest rule ID when there is one.
func (cfg Config) Validate() error {
	ids := slices.Clone(cfg.Disable)
	for id := range cfg.Severity {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		if err := CheckRuleID(id); err != nil {
			return err
		}
	}
	return nil
}

// CheckRuleID returns an error naming id and the nearest rule ID when id is
// not a rule.
func CheckRuleID(id string) error {
	if _, ok := Lookup(id); ok {
		return nil
	}
	if s := Suggest(id); s != "" {
		return fmt.Errorf("unknown rule %s (did you mean %q?)", english.Quote(id), s)
	}
	return fmt.Errorf("unknown rule %s (mcsf rules lists them)", english.Quote(id))
}

func (cfg Config) disabled(rule string) bool { return slices.Contains(cfg.Disable, rule) }

// severity gives the final severity of a finding of rule reported at sev.
func (cfg Config) severity(rule string, sev answerfile.Severity) answerfile.Severity {
	if s, ok := cfg.Severity[rule]; ok {
		return s
	}
	if cfg.Strict && (rule == RuleUnknownSettingsPath || rule == RuleUnknownSetting) {
		return answerfile.Error
	}
	return sev
}

// File parses data as the answer file name and lints it. A file that is not
// well-formed gives its xml-syntax diagnostics only. The error is only for
// what keeps the reader from working (a bug), never for a finding.
func File(name string, data []byte, cfg Config) ([]answerfile.Diagnostic, error) {
	lim := cfg.Limits
	if lim == (answerfile.Limits{}) {
		lim = answerfile.DefaultLimits
	}
	doc, diags, err := answerfile.ParseLimits(name, data, lim)
	if err != nil {
		return nil, err
	}
	return lintParsed(doc, diags, cfg), nil
}

// lintParsed lints a parsed file and releases doc: the findings of Lint, or
// syntax, the reader's diagnostics, when doc is nil (not well-formed).
func lintParsed(doc *answerfile.Document, syntax []answerfile.Diagnostic, cfg Config) []answerfile.Diagnostic {
	if doc == nil {
		return cfg.Finish(syntax)
	}
	defer doc.Release() // the next file parses into its memory
	return Lint(doc, cfg)
}

// Lint runs every enabled rule on doc and returns the findings sorted by
// line, column and rule, without duplicates. A check whose rules are all
// disabled does not run.
func Lint(doc *answerfile.Document, cfg Config) []answerfile.Diagnostic {
	return lintChecks(doc, cfg, len(doc.Text()) >= largeSize)
}

// largeSize is the size of a file from which Lint runs its checks at once,
// each in a goroutine, and remembers the catalog's answers (see
// catalogMemo): for a small file, starting the goroutines and filling the
// maps cost more than they save (a 64 KiB file lints in a few
// milliseconds), and a run over many files has a file per core already.
const largeSize = 64 << 10

// lintChecks is Lint, with the checks run as for a large file or a small
// one; the findings are the same.
func lintChecks(doc *answerfile.Document, cfg Config, large bool) []answerfile.Diagnostic {
	// Room for the findings of most files (bench/gen's 10,000 small files have
	// 4 on average): growing the slice from nothing was 2 % of the checks'
	// CPU.
	c := cfg.Cache.checker()
	*c = checker{doc: doc, cfg: cfg, index: ruleIndex(), large: large, diags: make([]answerfile.Diagnostic, 0, 8), scratch: c.scratch}
	c.run()
	diags := applySuppressions(doc, c.diags, cfg)
	cfg.Cache.release(c)
	return cfg.Finish(diags)
}

// Finish applies cfg to findings that do not come from Lint (the reader's
// xml-syntax diagnostics, a caller's own): it drops disabled rules, applies
// severities, sorts and removes duplicates. Lint and File call it already.
func (cfg Config) Finish(diags []answerfile.Diagnostic) []answerfile.Diagnostic {
	out := diags[:0]
	for _, d := range diags {
		if cfg.disabled(d.Rule) {
			continue
		}
		d.Severity = cfg.severity(d.Rule, d.Severity)
		out = append(out, d)
	}
	return answerfile.SortDiagnostics(out)
}

// A check is one pass over a document. It reports the findings of the rules
// whose table entry names it, and of no other rule: a finding under another
// rule's id, or at a severity its rule does not declare, becomes an internal
// error (see checker.add). Several rules share a check where they read the
// same elements (the settings rules walk the settings once).
type check struct {
	name string
	run  func(*checker)
}

// The checks, in the order Lint runs them.
var (
	checkRootElement     = &check{"root-element", nil} // run first, by checker.run, which stops when it fails
	checkStructure       = &check{"structure", (*checker).checkStructure}
	checkRootAttrs       = &check{"root", (*checker).checkRoot}
	checkChildOrder      = &check{"order", (*checker).checkOrder}
	checkTargetList      = &check{"targets", (*checker).checkTargets}
	checkTargetRefs      = &check{"target-refs", (*checker).checkVariants}
	checkSettingGroups   = &check{"settings", (*checker).checkSettings}
	checkRuntimeConfig   = &check{"multivariant", (*checker).checkMultivariant}
	checkIMSServices     = &check{"ims", (*checker).checkIMS}
	checkIMSRetry        = &check{"ims-retry", (*checker).checkIMSRetryForced}
	checkVariantOverlaps = &check{"overlaps", (*checker).checkOverlaps}
)

// checks lists the checks Lint runs after the root element's, in order.
var checks = []*check{checkStructure, checkRootAttrs, checkChildOrder, checkTargetList, checkTargetRefs,
	checkSettingGroups, checkRuntimeConfig, checkIMSServices, checkIMSRetry, checkVariantOverlaps}

// ruleIndex maps each rule id of the table to its entry.
func ruleIndex() map[string]*Rule { return ruleIndexV.Get(buildRuleIndex) }

var ruleIndexV lazy.Value[map[string]*Rule]

func buildRuleIndex() map[string]*Rule {
	m := make(map[string]*Rule, len(Rules))
	for i := range Rules {
		m[Rules[i].ID] = &Rules[i]
	}
	return m
}

// checkRules lists the rule ids of each check.
func checkRules() map[*check][]string { return checkRulesV.Get(buildCheckRules) }

var checkRulesV lazy.Value[map[*check][]string]

func buildCheckRules() map[*check][]string {
	m := map[*check][]string{}
	for _, r := range ruleIndex() {
		m[r.check] = append(m[r.check], r.ID)
	}
	return m
}

// checker holds one run of the rules over one document.
type checker struct {
	doc   *answerfile.Document
	cfg   Config
	index map[string]*Rule // ruleIndex(), passed in so that checks do not refer to the table
	cat   *catalog.Index
	diags []answerfile.Diagnostic
	// running is the check being run; add accepts only its rules.
	running *check
	// attempts counts the findings reported so far, those of disabled
	// rules and internal errors included.
	attempts int
	// targets maps each Target Id to the index of its first definition,
	// in a file of more than smallTargetCount; built on first use.
	targets map[string]int
	// conds is the file's conditions checked and parsed once; built on
	// first use (see conditions).
	conds *fileConditions
	// scratch is memory kept from file to file of a run.
	scratch checkScratch
	// pathSegs are the catalog's settings paths, each split in segments; built on first use.
	pathSegs [][]string
	// memo holds the catalog's answers so far.
	memo catalogMemo
	// large runs the checks at once (see runConcurrently) and remembers the
	// catalog's answers (see catalogMemo).
	large bool
}

// reporter is the handle through which a check reports the findings of one
// rule: it stamps the rule's id and default severity on each of them.
type reporter struct {
	c    *checker
	rule string
	sev  answerfile.Severity
}

// rule returns the handle of rule id.
func (c *checker) rule(id string) reporter {
	r := reporter{c: c, rule: id, sev: answerfile.Error}
	if e, ok := c.index[id]; ok {
		r.sev = e.Severity
	}
	return r
}

// as returns the handle reporting at sev, one of the rule's Lower severities.
func (r reporter) as(sev answerfile.Severity) reporter {
	r.sev = sev
	return r
}

// at builds a finding located at element e.
func (r reporter) at(e *etree.Element, format string, args ...any) answerfile.Diagnostic {
	return r.c.doc.Diag(e, r.rule, r.sev, format, args...)
}

// attr builds a finding located at attribute key of e (at e when absent).
func (r reporter) attr(e *etree.Element, key, format string, args ...any) answerfile.Diagnostic {
	return r.c.doc.AttrDiag(e, key, r.rule, r.sev, format, args...)
}

// attrText is attr with the message written already: it is not copied
// through fmt (a copy and an interface per finding).
func (r reporter) attrText(e *etree.Element, key, msg string) answerfile.Diagnostic {
	d := r.c.doc.AttrDiag(e, key, r.rule, r.sev, "")
	d.Message = msg
	return d
}

// add records d, a finding built by a reporter of the running check. A
// finding of a disabled rule is dropped. A finding the running check may not
// report (another check's rule, a rule not in the table, a severity its rule
// does not declare) is a bug of the linter: it is reported as an internal
// error rather than under a wrong identity.
func (c *checker) add(d answerfile.Diagnostic) {
	c.attempts++
	if c.cfg.disabled(d.Rule) {
		return
	}
	r, ok := c.index[d.Rule]
	switch {
	case !ok || r.check != c.running:
		c.internal(fmt.Errorf("check %q reported rule %q, which is not one of its rules", c.running.name, d.Rule))
		return
	case d.Severity != r.Severity && !slices.Contains(r.Lower, d.Severity):
		c.internal(fmt.Errorf("rule %q reported at %s, which it does not declare", d.Rule, d.Severity))
		return
	}
	c.diags = append(c.diags, d)
}

// internal reports a failure of the linter itself (an embedded schema or
// catalog that does not load, a check that breaks the rule table's
// contract) as a finding, so that it is never silent.
func (c *checker) internal(err error) {
	c.attempts++
	c.diags = append(c.diags, c.doc.Diag(c.doc.Tree.Root(), RuleSchema, answerfile.Error, "internal error, please report: %v", err))
}

// enabled reports whether some rule of ch is enabled.
func (c *checker) enabled(ch *check) bool {
	// Each file asks for each check: walking the rule index (a map) for
	// it was 4 % of the CPU of linting a small file.
	if len(c.cfg.Disable) == 0 {
		return true // every check has rules (TestEveryCheckHasRules)
	}
	for _, id := range checkRules()[ch] {
		if !c.cfg.disabled(id) {
			return true
		}
	}
	return false
}

func (c *checker) run() {
	c.running = checkRootElement
	root := c.doc.Tree.Root()
	if root.Tag != "ImageCustomizations" {
		c.add(c.rule(RuleRootElement).at(root,
			"root element is <%s>, not <ImageCustomizations>: this is not an MCSF answer file", qualified(root.Space, root.Tag)))
		return
	}
	if ns := root.NamespaceURI(); ns != answerfile.Namespace {
		what := fmt.Sprintf("in namespace %q", ns)
		if ns == "" {
			what = "in no namespace"
		}
		d := c.rule(RuleRootElement).at(root, "<ImageCustomizations> is %s: ImageApp reads only the namespace %s", what, answerfile.Namespace)
		d.Fix = fmt.Sprintf("write xmlns=%q on the root element", answerfile.Namespace)
		c.add(d)
	}
	c.cat = c.cfg.Catalog
	if c.cat == nil {
		c.cat = catalog.Load()
	}
	if !c.large {
		for _, ch := range checks {
			if c.enabled(ch) {
				c.running = ch
				ch.run(c)
			}
		}
		c.running = nil
		return
	}
	c.runConcurrently()
}

// runConcurrently runs the enabled checks at once, each on a copy of c with
// its own findings, and appends their findings in the order of checks, so
// that the result is the one of running them in turn. The checks share
// only what they read: the document, the configuration, the catalog and
// the Target index, built before they start. A panic in a check is raised
// again in the caller's goroutine, as when it runs there.
func (c *checker) runConcurrently() {
	// The Target index that target-refs and overlaps read, and the
	// conditions that targets and overlaps read, built before they start.
	c.target("")
	if c.enabled(checkTargetList) || c.enabled(checkVariantOverlaps) {
		c.conditions()
	}
	found := make([][]answerfile.Diagnostic, len(checks))
	panics := make([]any, len(checks))
	var wg sync.WaitGroup
	for i, ch := range checks {
		if !c.enabled(ch) {
			continue
		}
		sub := &checker{doc: c.doc, cfg: c.cfg, index: c.index, cat: c.cat, running: ch, targets: c.targets, conds: c.conds, large: true}
		wg.Go(func() {
			defer func() { panics[i] = recover() }()
			ch.run(sub)
			found[i] = sub.diags
		})
	}
	wg.Wait()
	n := len(c.diags)
	for i := range checks {
		if panics[i] != nil {
			panic(panics[i])
		}
		n += len(found[i])
	}
	c.diags = slices.Grow(c.diags, n-len(c.diags))
	for i := range checks {
		c.diags = append(c.diags, found[i]...)
	}
}

func quoteList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}
