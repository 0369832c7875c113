package lint

import (
	"fmt"
	"slices"
	"strings"

	"github.com/beevik/etree"

	"github.com/mcsf-dev/mcsf/answerfile"
	"github.com/mcsf-dev/mcsf/internal/english"
	"github.com/mcsf-dev/mcsf/internal/lazy"
)

// check_root.go: the root element's attributes and the order and count of
// its children.

var ownerTypes = []string{"Microsoft", "OEM", "SiliconVendor", "MobileOperator"}

func (c *checker) checkRoot() {
	r := c.doc.Root
	e := r.Elem
	for _, a := range []struct {
		name string
		attr answerfile.Attr
		why  string
	}{
		{"Name", r.Name, "it names the customization package"},
		{"Owner", r.Owner, "ImageApp names the package <Owner>.<DeviceName>.Customizations.<Partition>.spkg after it"},
		{"OwnerType", r.OwnerType, "it says who owns the package (OEM for an OEM)"},
	} {
		switch {
		case !a.attr.Present:
			d := c.rule(RuleOwnerMissing).at(e, "<ImageCustomizations> has no %s attribute: %s", a.name, a.why)
			d.Fix = fmt.Sprintf("add %s=\"...\" to the root element", a.name)
			c.add(d)
		case strings.TrimSpace(a.attr.Value) == "":
			d := c.rule(RuleOwnerMissing).attr(e, a.name, "%s is empty: fill it in; %s", a.name, a.why)
			if a.name == "Owner" {
				d.Fix = "set Owner to your company name, e.g. Owner=\"Contoso\" (the documentation samples ship Owner=\"\")"
			}
			c.add(d)
		}
	}
	if v := r.OwnerType.Value; r.OwnerType.Present && strings.TrimSpace(v) != "" && !slices.Contains(ownerTypes, v) {
		d := c.rule(RuleOwnerType).attr(e, "OwnerType",
			"OwnerType %q is not one of %s", v, strings.Join(ownerTypes, ", "))
		if s := english.Nearest(v, ownerTypes); s != "" {
			d.Fix = fmt.Sprintf("write OwnerType=%q", s)
			if strings.EqualFold(s, strings.TrimSpace(v)) {
				d = withEdits(d, c.setAttr(e, "OwnerType", s)) // only the spelling changes
			}
		}
		c.add(d)
	}
	if r.Priority.Present && !positiveInt.Get().MatchString(r.Priority.Value) {
		c.add(c.rule(RulePriorityInvalid).attr(e, "Priority",
			"Priority %q is not a positive integer: 1 is the highest priority; 0 and negative numbers are not allowed", r.Priority.Value))
	}
}

var positiveInt = lazy.Regexp{Expr: `^0*[1-9][0-9]{0,9}$`}

// childRank is the place of a child of the root in the order every
// documented sample writes them; false for another tag.
func childRank(tag string) (int, bool) {
	switch tag {
	case "Imports":
		return 1, true
	case "Targets":
		return 2, true
	case "Static":
		return 3, true
	case "Variant":
		return 4, true
	}
	return 0, false
}

func (c *checker) checkOrder() {
	root := c.doc.Root.Elem
	maxRank, maxName := 0, ""
	var firstStatic *answerfile.Static
	for i := range c.doc.Root.Statics {
		s := &c.doc.Root.Statics[i]
		if firstStatic == nil {
			firstStatic = s
			continue
		}
		d := c.rule(RuleDuplicateStatic).at(s.Elem,
			"a second <Static>: an answer file has at most one; merge its settings into the first")
		d.Related = []answerfile.Related{c.related(firstStatic.Node, "the first <Static>")}
		c.add(d)
	}
	// The root's child elements, without the list ChildElements
	// allocates (and grows) for each file.
	for _, tok := range root.Child {
		ch, isElem := tok.(*etree.Element)
		if !isElem {
			continue
		}
		rank, ok := childRank(ch.Tag)
		if _, foreign := c.doc.Foreign(ch); !ok || foreign {
			continue
		}
		if rank < maxRank {
			d := c.rule(RuleElementOrder).at(ch,
				"<%s> comes after <%s>: write Imports, Targets, Static, then the Variants", ch.Tag, maxName)
			d.Fix = fmt.Sprintf("move <%s> before <%s>", ch.Tag, maxName)
			c.add(withEdits(d, c.moveBefore(ch, rank)))
			continue
		}
		maxRank, maxName = rank, ch.Tag
	}
}

// related builds a related location at a node of this document.
func (c *checker) related(n answerfile.Node, msg string) answerfile.Related {
	p := n.Pos()
	return answerfile.Related{File: c.doc.Name, Line: p.Line, Column: p.Column, Path: n.Path(), Message: msg}
}

// moveBefore is the edit that moves child ch of the root, with its lines,
// before the first child whose rank is above rank: the order every sample
// writes. nil when ch or that child shares a line with other text.
func (c *checker) moveBefore(ch *etree.Element, rank int) []answerfile.TextEdit {
	from, to, _, ok := c.lines(ch)
	if !ok {
		return nil
	}
	for _, sib := range c.doc.Root.Elem.ChildElements() {
		_, foreign := c.doc.Foreign(sib)
		if r, known := childRank(sib.Tag); !known || foreign || r <= rank {
			continue
		}
		at, _, _, ok := c.lines(sib)
		if !ok || at >= from {
			return nil
		}
		text := string(c.doc.Text()[from:to])
		if !strings.HasSuffix(text, "\n") {
			text += c.newline()
		}
		return []answerfile.TextEdit{c.doc.Edit(at, at, text), c.doc.Edit(from, to, "")}
	}
	return nil
}
