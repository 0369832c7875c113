package lint

import (
	"strings"

	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/catalog"
)

// Graph lints an import graph as ImageApp sees it: each file's own findings,
// the import problems of the graph, and the clashes of the merge
// (import-conflict, duplicate-target-id across files). Findings that only
// hold for a file alone are dropped where another file of the graph settles
// them: a TargetRef to a Target another file defines (Target Ids are
// global), a Target that only another file's Variant uses, and Variants in a
// file whose own Static lacks Multivariant/AutoDataConfig when the merged
// Static sets both.
func Graph(g *answerfile.Graph, m *answerfile.Merged, cfg Config) []answerfile.Diagnostic {
	targets, used := map[string]bool{}, map[string]bool{}
	for _, t := range m.Targets {
		targets[t.Target.ID.Value] = true
	}
	for _, f := range g.Files {
		if f.Doc == nil {
			continue
		}
		for _, v := range f.Doc.Root.Variants {
			for _, r := range v.TargetRefs {
				used[r.ID.Value] = true
			}
		}
	}
	mergedStatic := map[string]bool{}
	for _, r := range m.Static {
		mergedStatic[strings.ToLower(r.Group.Path.Value+"/"+r.Setting.Name.Value)] = true
	}
	multivariantSet := mergedStatic["multivariant/enable"] && mergedStatic["autodataconfig/enable"]
	// ims-retry-forced looks for a threshold in the file's own Static and
	// Variants; another file of the graph may set it.
	deviceThreshold := mergedStatic[strings.ToLower(catalog.IMSRetryPerDevice+"/"+catalog.AttemptThresholdForIMS)]
	var thresholds map[string]bool
	for _, f := range g.Files {
		if f.Doc != nil && f.Doc.IsAnswerFile() {
			thresholds = thresholdTargets(f.Doc, thresholds)
		}
	}

	out := cfg.Finish(append(append([]answerfile.Diagnostic(nil), g.Diagnostics...), m.Diagnostics...))
	for _, f := range g.Files {
		if f.Doc == nil || !f.Doc.IsAnswerFile() {
			continue
		}
		settled := map[string]bool{} // attribute paths whose finding another file settles
		for _, v := range f.Doc.Root.Variants {
			for _, r := range v.TargetRefs {
				if targets[r.ID.Value] {
					settled[RuleUnknownTargetRef+r.Path()+"/@Id"] = true
				}
			}
		}
		for _, t := range f.Doc.Root.Targets {
			if used[t.ID.Value] {
				settled[RuleUnusedTarget+t.Path()+"/@Id"] = true
			}
		}
		for _, d := range Lint(f.Doc, cfg) {
			if settled[d.Rule+d.Path] || (d.Rule == RuleMultivariantDisabled && !strings.HasSuffix(d.Path, "/@Value") && multivariantSet) ||
				(d.Rule == RuleIMSRetryForced && (deviceThreshold || forcedSettledIn(f.Doc, d, thresholds))) {
				continue
			}
			out = append(out, d)
		}
	}
	return answerfile.SortDiagnostics(out)
}
