package lint

import (
	"fmt"
	"slices"
	"strings"

	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/schema"
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
	// Catalog is the settings catalog; nil means the embedded one.
	Catalog *schema.Catalog
	// Limits bound what File reads; the zero value means answerfile.DefaultLimits.
	Limits answerfile.Limits
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
		return fmt.Errorf("unknown rule %q (did you mean %q?)", id, s)
	}
	return fmt.Errorf("unknown rule %q (mcsf rules lists them)", id)
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
	if doc == nil {
		return cfg.Finish(diags), nil
	}
	defer doc.Release()
	return Lint(doc, cfg), nil
}

// Lint runs every enabled rule on doc and returns the findings sorted by
// line, column and rule, without duplicates.
func Lint(doc *answerfile.Document, cfg Config) []answerfile.Diagnostic {
	c := &checker{doc: doc, cfg: cfg}
	c.run()
	diags := slices.DeleteFunc(c.diags, func(d answerfile.Diagnostic) bool { return cfg.disabled(d.Rule) })
	diags = applySuppressions(doc, diags, cfg)
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

// checker holds one run of the rules over one document.
type checker struct {
	doc   *answerfile.Document
	cfg   Config
	cat   *schema.Catalog
	diags []answerfile.Diagnostic
	// targets maps each Target Id to its first definition; built on first use.
	targets map[string]*answerfile.Target
	// paths are the catalog's settings paths, and each split in segments; built on first use.
	paths    []string
	pathSegs [][]string
}

func (c *checker) add(d answerfile.Diagnostic) { c.diags = append(c.diags, d) }

// internal reports a failure of the linter itself (an embedded schema or
// catalog that does not load) as a finding, so that it is never silent.
func (c *checker) internal(err error) {
	c.add(c.doc.Diag(c.doc.Tree.Root(), RuleSchema, answerfile.Error, "internal error, please report: %v", err))
}

func (c *checker) run() {
	root := c.doc.Tree.Root()
	if root.Tag != "ImageCustomizations" {
		d := c.doc.Diag(root, RuleRootElement, answerfile.Error,
			"root element is <%s>, not <ImageCustomizations>: this is not an MCSF answer file", qualified(root.Space, root.Tag))
		c.add(d)
		return
	}
	if ns := root.NamespaceURI(); ns != answerfile.Namespace {
		what := fmt.Sprintf("in namespace %q", ns)
		if ns == "" {
			what = "in no namespace"
		}
		d := c.doc.Diag(root, RuleRootElement, answerfile.Error,
			"<ImageCustomizations> is %s: ImageApp reads only the namespace %s", what, answerfile.Namespace)
		d.Fix = fmt.Sprintf("write xmlns=%q on the root element", answerfile.Namespace)
		c.add(d)
	}
	c.cat = c.cfg.Catalog
	if c.cat == nil {
		cat, err := schema.LoadCatalog()
		if err != nil {
			c.internal(err)
		}
		c.cat = cat
	}
	c.checkStructure()
	c.checkRoot()
	c.checkOrder()
	c.checkTargets()
	c.checkVariants()
	c.checkSettings()
	c.checkMultivariant()
	c.checkIMS()
	c.checkOverlaps()
}

func quoteList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}
