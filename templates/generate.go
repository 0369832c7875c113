package templates

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/beevik/etree"
)

// Settings paths and names the generator writes.
const (
	PathMultivariant   = "Multivariant"
	PathAutoDataConfig = "AutoDataConfig"
	PathPerDeviceSMS   = "CellCore/PerDevice/SMS"
	PathPerIMSISMS     = "CellCore/PerIMSI/$(__IMSI)/SMS"
	PathPerSIMMessage  = "Messaging/PerSimSettings/$(__ICCID)"

	SettingEnable            = "Enable"
	SettingAttemptThreshold  = "3GPP/IMS/AttemptThresholdForIMS"
	SettingRetryEnabled      = "3GPP/IMS/RetryEnabled"
	SettingAutoRetryDownload = "AutoRetryDownload"
)

// generateParts are the prototypes of skeleton/generate.xml.
type generateParts struct {
	decl                       *etree.ProcInst
	root                       *etree.Element
	banner                     string
	targets, target, state     part
	condition                  part
	static, multivariant, adc  part
	perDevice                  part
	devThreshold, devRetry     part
	variant, targetRefs        part
	perIMSI, imsiThreshold     part
	imsiRetry, perSIM, autoMMS part
}

func loadGenerateParts() (*generateParts, error) {
	doc, err := loadSkeleton("generate.xml")
	if err != nil {
		return nil, err
	}
	root := doc.Root()
	missing := ""
	need := func(e *etree.Element, what string) part {
		if e == nil {
			if missing == "" {
				missing = what
			}
			return part{}
		}
		return partOf(e)
	}
	g := &generateParts{root: root}
	for _, tok := range doc.Child {
		if pi, ok := tok.(*etree.ProcInst); ok && pi.Target == "xml" {
			g.decl = pi
		}
	}
	for _, tok := range root.Child {
		if c, ok := tok.(*etree.Comment); ok {
			g.banner = c.Data
			break
		}
	}
	targets := root.SelectElement("Targets")
	g.targets = need(targets, "Targets")
	if targets != nil {
		g.target = need(targets.SelectElement("Target"), "Target")
		if g.target.elem != nil {
			g.state = need(g.target.elem.SelectElement("TargetState"), "TargetState")
			if g.state.elem != nil {
				g.condition = need(g.state.elem.SelectElement("Condition"), "Condition")
			}
		}
	}
	static := root.SelectElement("Static")
	g.static = need(static, "Static")
	if static != nil {
		g.multivariant = need(childWith(static, "Settings", "Path", PathMultivariant), PathMultivariant)
		g.adc = need(childWith(static, "Settings", "Path", PathAutoDataConfig), PathAutoDataConfig)
		g.perDevice = need(childWith(static, "Settings", "Path", PathPerDeviceSMS), PathPerDeviceSMS)
		if e := g.perDevice.elem; e != nil {
			g.devThreshold = need(childWith(e, "Setting", "Name", SettingAttemptThreshold), SettingAttemptThreshold)
			g.devRetry = need(childWith(e, "Setting", "Name", SettingRetryEnabled), SettingRetryEnabled)
		}
	}
	v := root.SelectElement("Variant")
	g.variant = need(v, "Variant")
	if v != nil {
		g.targetRefs = need(v.SelectElement("TargetRefs"), "TargetRefs")
		g.perIMSI = need(childWith(v, "Settings", "Path", PathPerIMSISMS), PathPerIMSISMS)
		if e := g.perIMSI.elem; e != nil {
			g.imsiThreshold = need(childWith(e, "Setting", "Name", SettingAttemptThreshold), SettingAttemptThreshold)
			g.imsiRetry = need(childWith(e, "Setting", "Name", SettingRetryEnabled), SettingRetryEnabled)
		}
		g.perSIM = need(childWith(v, "Settings", "Path", PathPerSIMMessage), PathPerSIMMessage)
		if e := g.perSIM.elem; e != nil {
			g.autoMMS = need(childWith(e, "Setting", "Name", SettingAutoRetryDownload), SettingAutoRetryDownload)
		}
	}
	if g.decl == nil && missing == "" {
		missing = "the XML declaration"
	}
	if missing != "" {
		return nil, fmt.Errorf("skeleton generate.xml lacks %s", missing)
	}
	return g, nil
}

// Generate writes the answer file of a spec (as ReadSpec returns it):
//
//   - the root carries Name, Description (when set), Owner and OwnerType;
//   - one Target per operator, Id from OperatorIDs, one TargetState per match
//     entry, its Conditions in the order of Match.List;
//   - Static: Multivariant/Enable=1 and AutoDataConfig/Enable=0 when there
//     are operators, then the per-device IMSRetry values;
//   - one Variant per operator, named as its Target, with the per-IMSI
//     IMSRetry group and the per-SIM AutoRetryDownload group it sets.
//
// Booleans are written 1/0. Every block has a comment saying what it is. The
// output is UTF-8, in the canonical layout of answerfile.Document.Format,
// and depends on nothing but s.
func Generate(s *Spec) ([]byte, error) {
	g, err := loadGenerateParts()
	if err != nil {
		return nil, err
	}
	doc := etree.NewDocument()
	doc.CreateProcInst(g.decl.Target, g.decl.Inst)
	root := g.root.Copy()
	for len(root.Child) > 0 {
		root.RemoveChildAt(0)
	}
	root.CreateAttr("Name", s.Name)
	if s.Description != "" {
		root.CreateAttr("Description", s.Description)
	} else {
		root.RemoveAttr("Description")
	}
	root.CreateAttr("Owner", s.Owner)
	root.CreateAttr("OwnerType", s.OwnerType)
	doc.AddChild(root)
	if g.banner != "" {
		root.CreateComment(commentText(g.banner))
	}
	ids := OperatorIDs(s)
	if len(s.Operators) > 0 {
		targets := g.targets.add(root, "", true)
		for i, op := range s.Operators {
			t := g.target.add(targets, op.Name, true)
			t.CreateAttr("Id", ids[i])
			for _, m := range op.Match {
				st := g.state.add(t, op.Name, true)
				for _, c := range m.List() {
					ce := g.condition.add(st, op.Name, true)
					ce.CreateAttr("Name", c.Name)
					ce.CreateAttr("Value", c.Value)
				}
			}
		}
	}
	var device *IMSRetry
	if s.Device != nil {
		device = s.Device.IMSRetry
	}
	if len(s.Operators) > 0 || device != nil || s.Device != nil && len(s.Device.Settings) > 0 {
		static := g.static.add(root, "", true)
		if len(s.Operators) > 0 {
			g.multivariant.add(static, "", false)
			g.adc.add(static, "", false)
		}
		if device != nil {
			group := g.perDevice.add(static, "", true)
			addIMSRetry(group, device, g.devThreshold, g.devRetry)
		}
		if s.Device != nil {
			addSettings(static, s.Device.Settings)
		}
	}
	for i, op := range s.Operators {
		v := g.variant.add(root, op.Name, true)
		v.CreateAttr("Name", ids[i])
		refs := g.targetRefs.add(v, op.Name, false)
		for _, ref := range refs.SelectElements("TargetRef") {
			ref.CreateAttr("Id", ids[i])
		}
		if op.IMSRetry != nil {
			group := g.perIMSI.add(v, op.Name, true)
			addIMSRetry(group, op.IMSRetry, g.imsiThreshold, g.imsiRetry)
		}
		if op.MMSAutoRetry != nil {
			group := g.perSIM.add(v, op.Name, true)
			g.autoMMS.add(group, op.Name, false).CreateAttr("Value", dword(*op.MMSAutoRetry))
		}
		addSettings(v, op.Settings)
	}
	return canonical(doc, "generated.xml")
}

func addIMSRetry(group *etree.Element, r *IMSRetry, threshold, retry part) {
	if r.AttemptThresholdForIMS != nil {
		threshold.add(group, "", false).CreateAttr("Value", strconv.FormatUint(uint64(*r.AttemptThresholdForIMS), 10))
	}
	if r.RetryEnabled != nil {
		retry.add(group, "", false).CreateAttr("Value", dword(*r.RetryEnabled))
	}
}

// dword writes a boolean as the DWORD MCSF expects.
func dword(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// addSettings writes a spec's other settings, one group per path, sorted
// by path and name, each under the spelling of the catalog.
func addSettings(parent *etree.Element, ss Settings) {
	for _, path := range slices.Sorted(maps.Keys(ss)) {
		written := CanonicalPath(path)
		var group *etree.Element // a short form's group of the same path takes them
		for _, g := range parent.SelectElements("Settings") {
			if strings.EqualFold(g.SelectAttrValue("Path", ""), written) {
				group = g
			}
		}
		if group == nil {
			group = parent.CreateElement("Settings")
			group.CreateAttr("Path", written)
		}
		for _, name := range slices.Sorted(maps.Keys(ss[path])) {
			e := group.CreateElement("Setting")
			e.CreateAttr("Name", name)
			e.CreateAttr("Value", string(ss[path][name]))
		}
	}
}
