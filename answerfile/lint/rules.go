package lint

import "github.com/mcsf-dev/mcsf/answerfile"

// Rule describes one lint rule. The table below is the single source for
// `mcsf rules`, `mcsf explain` and SARIF rule metadata.
type Rule struct {
	ID        string              `json:"id"`
	Severity  answerfile.Severity `json:"severity"`
	Summary   string              `json:"summary"`
	Rationale string              `json:"rationale"`
	Bad       string              `json:"bad"`
	Good      string              `json:"good"`
}

// Rules lists every rule, sorted by ID.
var Rules = []Rule{
	{ID: answerfile.RuleXMLSyntax, Severity: answerfile.Error,
		Summary:   "the file is not well-formed XML",
		Rationale: "ImageApp refuses a file that is not well-formed XML; nothing else in it can be checked.",
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
