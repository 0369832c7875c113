package templates

import (
	"fmt"
	"slices"
	"strings"

	"github.com/beevik/etree"

	"github.com/mcsf-dev/mcsf/catalog"
)

// Skeleton kinds and scopes of New.
const (
	KindIMSRetry = "imsretry"
	KindMMS      = "mms"

	ScopePerIMSI   = "per-imsi"
	ScopePerDevice = "per-device"
	ScopePerSIM    = "per-sim"
)

// newScopes lists the scopes of a hand-written kind, the default first;
// nil for another kind.
func newScopes(kind string) []string {
	switch kind {
	case KindIMSRetry:
		return []string{ScopePerIMSI, ScopePerDevice}
	case KindMMS:
		return []string{ScopePerSIM}
	}
	return nil
}

// Kinds lists the kinds New knows.
func Kinds() []string { return []string{KindIMSRetry, KindMMS} }

// Scopes lists the scopes of kind, its default first; nil for an unknown kind.
func Scopes(kind string) []string { return newScopes(kind) }

// UsageError is an argument New cannot use; its message says what it takes.
type UsageError struct{ msg string }

func (e *UsageError) Error() string { return e.msg }

// New returns a commented answer-file skeleton for one customization: kind
// is imsretry or mms (hand-written skeletons), or the id or page of any
// customization of the catalog (built from its entry). Like
// the sample of Microsoft's documentation but well-formed (no comment inside
// a comment), with a TODO comment at every value to fill in. Those values
// are empty, so `mcsf lint` reports them until they are set. scope "" is
// the kind's default (imsretry: per-imsi; mms: per-sim); owner "" leaves
// Owner empty with a TODO. The output is in the canonical layout.
func New(kind, scope, owner string) ([]byte, error) {
	scopes := newScopes(kind)
	if scopes == nil {
		c, found := catalog.Find(kind)
		if !found {
			return nil, &UsageError{fmt.Sprintf("unknown skeleton %q: choose %s, or a customization of the catalog (mcsf settings lists them)", kind, strings.Join(Kinds(), " or "))}
		}
		if strings.ContainsFunc(owner, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
			return nil, &UsageError{"the owner contains a control character"}
		}
		return newFromCatalog(c, scope, owner)
	}
	if scope == "" {
		scope = scopes[0]
	}
	if !slices.Contains(scopes, scope) {
		return nil, &UsageError{fmt.Sprintf("%s has no %s scope: choose %s", kind, scope, strings.Join(scopes, " or "))}
	}
	if strings.ContainsFunc(owner, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return nil, &UsageError{"the owner contains a control character"}
	}
	doc, err := loadSkeleton(kind + "-" + scope + ".xml")
	if err != nil {
		return nil, err
	}
	if owner != "" {
		root := doc.Root()
		root.CreateAttr("Owner", owner)
		for _, tok := range slices.Clone(root.Child) {
			if c, ok := tok.(*etree.Comment); ok && strings.HasPrefix(strings.TrimSpace(c.Data), "TODO: set Owner") {
				root.RemoveChild(c)
			}
		}
	}
	return canonical(doc, kind+".xml")
}
