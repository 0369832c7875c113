// Package gen builds the customization catalog from Microsoft's MCSF pages
// (corpus/pages), the index of every setting their samples name
// (corpus/settings-index.tsv, with corpus/SOURCES.tsv to map a sample to
// its page) and the hand-kept overrides file. It extracts only what the
// pages state in fixed form: the constraints line, the supported scopes,
// the Settings Paths and Setting Names of the samples, Value/Description
// tables and "the default value is N" sentences that name one setting.
// Everything else comes from the overrides, each entry citing its page.
//
// The output is deterministic: the same inputs give the same bytes.
package gen

import (
	"bufio"
	"bytes"
	"fmt"
	"go/format"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/mcsf-dev/mcsf/catalog"
)

// Counts summarises a generated catalog.
type Counts struct {
	Customizations, Groups, Settings, Typed, Defaults, Overridden, Described int
}

func (c Counts) String() string {
	return fmt.Sprintf("%d customizations, %d setting groups, %d settings (%d with a typed value, %d with a default, %d described, %d supplied or completed by overrides)",
		c.Customizations, c.Groups, c.Settings, c.Typed, c.Defaults, c.Described, c.Overridden)
}

// Generate reads the corpus at dir (the folder holding pages/,
// settings-index.tsv and SOURCES.tsv), the overrides and the descriptions,
// and returns the Go source of the catalog table.
func Generate(dir string, overrides, descriptions []byte) ([]byte, Counts, error) {
	ov, err := parseOverrides(overrides)
	if err != nil {
		return nil, Counts{}, err
	}
	ds, err := parseDescriptions(descriptions)
	if err != nil {
		return nil, Counts{}, err
	}
	pages, err := readPages(filepath.Join(dir, "pages"))
	if err != nil {
		return nil, Counts{}, err
	}
	rows, err := readIndex(dir)
	if err != nil {
		return nil, Counts{}, err
	}
	cs, err := build(pages, rows, ov)
	if err != nil {
		return nil, Counts{}, err
	}
	for i := range cs {
		ds.apply(&cs[i])
	}
	if err := ds.unused(); err != nil {
		return nil, Counts{}, err
	}
	src, err := render(cs)
	if err != nil {
		return nil, Counts{}, err
	}
	return src, count(cs), nil
}

func count(cs []catalog.Customization) Counts {
	n := Counts{Customizations: len(cs)}
	for _, c := range cs {
		n.Groups += len(c.Groups)
		for _, g := range c.Groups {
			for _, s := range g.Settings {
				n.Settings++
				if s.Type != catalog.Unknown {
					n.Typed++
				}
				if s.Default != "" {
					n.Defaults++
				}
				if s.Override {
					n.Overridden++
				}
				if s.Doc != "" {
					n.Described++
				}
			}
		}
	}
	return n
}

// page is what the generator reads from one page.
type page struct {
	name        string // file name without .md
	title       string
	text        string
	constraints catalog.Constraint
	stated      bool
	scopes      []catalog.Scope
	sampleName  string // the first sample's ImageCustomizations Name
	// itOnly lists settings the constraints line makes ImageTimeOnly alone
	// ("ImageTimeOnly for LowPowerSupported").
	itOnly []string
}

var (
	reTitle       = regexp.MustCompile(`(?m)^title:\s*(.+?)\s*$`)
	reConstraints = regexp.MustCompile(`\*\*Constraints:\*\*[ \t]*([^\n]*)`)
	reSupports    = regexp.MustCompile(`This customization supports:([^\n]*)`)
	reScope       = regexp.MustCompile(`\*\*(per-IMSI|per-device|per-SIM)\*\*`)
	reRootName    = regexp.MustCompile(`<ImageCustomizations\b[^>]*?\sName="([^"]*)"`)
)

func readPages(dir string) ([]page, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("read pages: %w", err)
	}
	var out []page
	for _, e := range ents {
		if !strings.HasSuffix(e.Name(), ".md") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("read pages: %w", err)
		}
		text := strings.ReplaceAll(string(b), "\r\n", "\n")
		p := page{name: strings.TrimSuffix(e.Name(), ".md"), text: text}
		if m := reTitle.FindStringSubmatch(text); m != nil {
			p.title = strings.Trim(m[1], `"'`)
		}
		if m := reConstraints.FindStringSubmatch(text); m != nil {
			p.constraints, p.itOnly, p.stated = parseConstraints(m[1])
		}
		if m := reSupports.FindStringSubmatch(text); m != nil {
			for _, s := range reScope.FindAllStringSubmatch(m[1], -1) {
				p.scopes = append(p.scopes, catalog.Scope(strings.ToLower(s[1])))
			}
		}
		if m := reRootName.FindStringSubmatch(text); m != nil {
			p.sampleName = m[1]
		}
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b page) int { return strings.Compare(a.name, b.name) })
	return out, nil
}

// parseConstraints reads the text after "Constraints:". ok is false when
// the line is not in the fixed form (empty, or prose such as "Some None,
// some FirstVariationOnly").
func parseConstraints(s string) (c catalog.Constraint, itOnly []string, ok bool) {
	s = strings.TrimSpace(s)
	if rest, found := strings.CutPrefix(s, "ImageTimeOnly for "); found {
		return 0, strings.Fields(strings.ReplaceAll(rest, ",", " ")), true
	}
	if s == "" || strings.HasPrefix(s, "Some ") {
		return 0, nil, false
	}
	for _, part := range strings.Split(s, ",") {
		switch strings.TrimSpace(part) {
		case "None":
		case "ImageTimeOnly":
			c |= catalog.ImageTimeOnly
		case "FirstVariationOnly":
			c |= catalog.FirstVariationOnly
		case "Atomic":
			c |= catalog.Atomic
		default:
			return 0, nil, false
		}
	}
	return c, nil, true
}

// row is one line of settings-index.tsv.
type row struct {
	page, path, element, name, value string
}

func readIndex(dir string) ([]row, error) {
	sources := map[string]string{} // sample file -> page name
	if err := readTSV(filepath.Join(dir, "SOURCES.tsv"), func(f []string) {
		if len(f) >= 3 {
			sources[f[0]] = strings.TrimSuffix(filepath.Base(f[2]), ".md")
		}
	}); err != nil {
		return nil, err
	}
	var rows []row
	var missing []string
	err := readTSV(filepath.Join(dir, "settings-index.tsv"), func(f []string) {
		if len(f) < 5 || !strings.HasPrefix(f[0], "mcsf") && !strings.HasPrefix(f[0], "fragments/mcsf/") {
			return
		}
		pg, ok := sources[f[0]]
		if !ok {
			missing = append(missing, f[0])
			return
		}
		rows = append(rows, row{page: pg, path: strings.TrimSpace(f[1]), element: f[2], name: strings.TrimSpace(f[3]), value: f[4]})
	})
	if len(missing) > 0 {
		return nil, fmt.Errorf("settings-index.tsv: no page in SOURCES.tsv for %s", missing[0])
	}
	return rows, err
}

func readTSV(name string, each func([]string)) error {
	f, err := os.Open(name)
	if err != nil {
		return fmt.Errorf("read %s: %w", filepath.Base(name), err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	first := true
	for sc.Scan() {
		if first {
			first = false
			continue
		}
		each(strings.Split(sc.Text(), "\t"))
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", filepath.Base(name), err)
	}
	return nil
}

var (
	reUserMacro = regexp.MustCompile(`\$\(([A-Za-z_][A-Za-z0-9_]*)\)`)
	reGUID      = regexp.MustCompile(`^\{?[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}?$`)
	reDWORD     = regexp.MustCompile(`^(?:[0-9]+|0x[0-9A-Fa-f]+)$`)
)

// normalize turns the OEM's placeholders into pattern segments: $(LANGID)
// becomes {LANGID}, a GUID becomes {GUID}; $(__IMSI) and $(__ICCID) stay.
func normalize(s string) string {
	s = reUserMacro.ReplaceAllStringFunc(s, func(m string) string {
		n := m[2 : len(m)-1]
		if strings.EqualFold(n, "__IMSI") || strings.EqualFold(n, "__ICCID") {
			return m
		}
		return "{" + strings.ToUpper(n) + "}"
	})
	segs := strings.Split(s, "/")
	for i, seg := range segs {
		if reGUID.MatchString(seg) {
			segs[i] = "{GUID}"
		}
	}
	return strings.Join(segs, "/")
}

func scopeOf(path string) catalog.Scope {
	lower := strings.ToLower(path)
	switch {
	case strings.Contains(lower, "$(__imsi)"):
		return catalog.PerIMSI
	case strings.Contains(lower, "$(__iccid)"):
		return catalog.PerSIM
	case strings.HasPrefix(lower, "cellcore/perdevice/"):
		return catalog.PerDevice
	}
	return catalog.Device
}

// canonicalSpelling picks, for every path prefix, the spelling most pages
// use (ties: the first in page order), so that one path has one spelling.
func canonicalSpelling(rows []row) func(string) string {
	counts := map[string]map[string]int{}
	var order []string
	for _, r := range rows {
		segs := strings.Split(r.path, "/")
		for i := range segs {
			p := strings.Join(segs[:i+1], "/")
			k := strings.ToLower(p)
			if counts[k] == nil {
				counts[k] = map[string]int{}
			}
			if counts[k][p] == 0 {
				order = append(order, p)
			}
			counts[k][p]++
		}
	}
	best := map[string]string{}
	for _, p := range order {
		k := strings.ToLower(p)
		if b, ok := best[k]; !ok || counts[k][p] > counts[k][b] {
			best[k] = p
		}
	}
	return func(path string) string {
		segs := strings.Split(path, "/")
		out := make([]string, len(segs))
		for i := range segs {
			b := best[strings.ToLower(strings.Join(segs[:i+1], "/"))]
			if b == "" {
				return path
			}
			out[i] = b[strings.LastIndex(b, "/")+1:]
		}
		return strings.Join(out, "/")
	}
}

func build(pages []page, rows []row, ov *overrides) ([]catalog.Customization, error) {
	spell := canonicalSpelling(rows)
	byPage := map[string][]row{}
	for _, r := range rows {
		byPage[r.page] = append(byPage[r.page], r)
	}
	nameUse := map[string]int{}
	for _, p := range pages {
		if p.sampleName != "" {
			nameUse[p.sampleName]++
		}
	}
	var out []catalog.Customization
	seenID := map[string]string{}
	for _, p := range pages {
		rs := byPage[p.name]
		c := catalog.Customization{Page: p.name, Title: p.title, Constraints: p.constraints, Stated: p.stated, Scopes: p.scopes}
		c.ID = p.sampleName
		if c.ID == "" || nameUse[c.ID] > 1 || strings.ContainsAny(c.ID, " ") {
			c.ID = camel(p.name)
		}
		if co, ok := ov.customizations[p.name]; ok {
			if co.ID != "" {
				c.ID = co.ID
			}
			if co.Constraints != nil {
				cc, _, ok := parseConstraints(*co.Constraints)
				if !ok {
					return nil, fmt.Errorf("overrides: %s: constraints %q", p.name, *co.Constraints)
				}
				c.Constraints, c.Stated = cc, true
			}
		}
		groups := map[string]int{} // lower-case path -> index in c.Groups
		samples := map[[2]string][]string{}
		for _, r := range rs {
			if r.path == "" || r.name == "" || ov.excluded(p.name, r.path, r.name) {
				continue
			}
			path, name := normalize(spell(r.path)), normalize(r.name)
			if !ov.owns(p.name, path, name) {
				continue
			}
			gi, ok := groups[strings.ToLower(path)]
			if !ok {
				gi = len(c.Groups)
				groups[strings.ToLower(path)] = gi
				c.Groups = append(c.Groups, catalog.Group{Path: path, Scope: scopeOf(path)})
			}
			g := &c.Groups[gi]
			if g.Setting(name) == nil {
				s := catalog.Setting{Name: name}
				if r.element == "Asset" {
					s.Type = catalog.AssetFile
				}
				if slices.ContainsFunc(p.itOnly, func(n string) bool { return strings.EqualFold(n, name) }) {
					s.Constraints = catalog.ImageTimeOnly
				}
				g.Settings = append(g.Settings, s)
			}
			k := [2]string{strings.ToLower(path), strings.ToLower(name)}
			if v := strings.TrimSpace(r.value); v != "" && !strings.Contains(v, "$(") {
				samples[k] = append(samples[k], v)
			}
		}
		if len(c.Groups) == 0 && !ov.hasSettings(p.name) {
			continue
		}
		if prev, dup := seenID[strings.ToLower(c.ID)]; dup {
			return nil, fmt.Errorf("customization id %s is used by %s and %s: give one an id in the overrides", c.ID, prev, p.name)
		}
		seenID[strings.ToLower(c.ID)] = p.name
		extractProse(p, &c)
		for gi := range c.Groups {
			g := &c.Groups[gi]
			for si := range g.Settings {
				s := &g.Settings[si]
				if s.Type == catalog.Unknown {
					s.Type = typeFromSamples(samples[[2]string{strings.ToLower(g.Path), strings.ToLower(s.Name)}])
				}
			}
		}
		if err := ov.apply(&c); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, ov.unused()
}

// typeFromSamples types a setting from the values its samples give: DWORD
// when every one is a number, string when one is text.
func typeFromSamples(vs []string) catalog.Type {
	if len(vs) == 0 {
		return catalog.Unknown
	}
	for _, v := range vs {
		if !reDWORD.MatchString(v) {
			return catalog.String
		}
	}
	return catalog.DWORD
}

func camel(page string) string {
	var b strings.Builder
	for _, w := range strings.FieldsFunc(page, func(r rune) bool { return r == '-' }) {
		b.WriteString(strings.ToUpper(w[:1]) + w[1:])
	}
	return b.String()
}

var (
	reTable     = regexp.MustCompile(`(?s)<table>.*?</table>`)
	reTH        = regexp.MustCompile(`(?s)<th>(.*?)</th>`)
	reTR        = regexp.MustCompile(`(?s)<tr class="(?:odd|even)">(.*?)</tr>`)
	reTD        = regexp.MustCompile(`(?s)<td>(.*?)</td>`)
	reTag       = regexp.MustCompile(`<[^>]+>`)
	reTick      = regexp.MustCompile("`([^`\n]+)`")
	reValueCell = regexp.MustCompile("^(0x[0-9A-Fa-f]+|[0-9]+)(?:\\s+or\\s+(?:'([^']+)'|\"([^\"]+)\"|(0x[0-9A-Fa-f]+|[0-9]+)|([A-Za-z][A-Za-z ]*?)|`([A-Za-z][A-Za-z0-9_]*)`))?(?:\\s+Or\\s+(.*))?$")
	reIsDefault = regexp.MustCompile(`(?i)\bthis is the default\b|\(default\)|\bis the default( value| behavior| setting)?\b|^default\.?$`)
	reDefaultIs = regexp.MustCompile(`(?i)\bdefault value is (0x[0-9A-Fa-f]+|[0-9][0-9,]*)\b`)
	reStep      = regexp.MustCompile(`(?m)^(?:\s*\d+\.\s|#+ )`)
	reBetween   = regexp.MustCompile(`(?i)\bbetween (0x[0-9A-Fa-f]+|[0-9][0-9,]*) and (0x[0-9A-Fa-f]+|[0-9][0-9,]*)\b`)
	rePipeTable = regexp.MustCompile(`(?m)(?:^[ \t]*\|.*\|[ \t]*\n)+`)
)

// pipeTables rewrites markdown pipe tables in the HTML form the other pages use.
func pipeTables(text string) string {
	return rePipeTable.ReplaceAllStringFunc(text, func(t string) string {
		var b strings.Builder
		b.WriteString("<table>")
		n := 0
		for _, line := range strings.Split(strings.TrimSpace(t), "\n") {
			cells := strings.Split(strings.Trim(strings.TrimSpace(line), "|"), "|")
			if strings.Trim(cells[0], " :-") == "" && strings.Contains(cells[0], "-") {
				continue // the |:---| line
			}
			tag := "td"
			if n == 0 {
				tag = "th"
			} else {
				b.WriteString(`<tr class="odd">`)
			}
			for _, c := range cells {
				fmt.Fprintf(&b, "<%s>%s</%s>", tag, strings.TrimSpace(c), tag)
			}
			if n > 0 {
				b.WriteString("</tr>")
			}
			n++
		}
		b.WriteString("</table>\n")
		return b.String()
	})
}

func cellText(s string) string {
	return strings.Join(strings.Fields(html.UnescapeString(reTag.ReplaceAllString(s, " "))), " ")
}

// extractProse reads the instructions of p: Value/Description tables give
// an enum's values (and its default when a row says so), a Setting/
// Description table or a step that names one setting and says "the
// default value is N" gives its default.
func extractProse(p page, c *catalog.Customization) {
	text := p.text
	if i := strings.Index(text, "**Instructions:**"); i >= 0 {
		text = text[i:]
	}
	text = pipeTables(text)
	find := func(name string) []*catalog.Setting {
		var out []*catalog.Setting
		for gi := range c.Groups {
			for si := range c.Groups[gi].Settings {
				s := &c.Groups[gi].Settings[si]
				if strings.EqualFold(s.Name, name) || strings.EqualFold(s.Name[strings.LastIndex(s.Name, "/")+1:], name) {
					out = append(out, s)
				}
			}
		}
		return out
	}
	// the setting a table belongs to: the last backticked name, before it
	// and after the previous table, that is a setting of this page
	last := ""
	pos := 0
	for _, loc := range reTable.FindAllStringIndex(text, -1) {
		for _, m := range reTick.FindAllStringSubmatch(text[pos:loc[0]], -1) {
			if len(find(m[1])) > 0 {
				last = m[1]
			}
		}
		steps(text[pos:loc[0]], find)
		pos = loc[1]
		table(text[loc[0]:loc[1]], last, find)
	}
	steps(text[pos:], find)
}

// steps finds "the default value is N" in each numbered step that names
// exactly one setting of the page.
func steps(text string, find func(string) []*catalog.Setting) {
	idx := reStep.FindAllStringIndex(text, -1)
	for i, loc := range idx {
		end := len(text)
		if i+1 < len(idx) {
			end = idx[i+1][0]
		}
		step := text[loc[0]:end]
		m := reDefaultIs.FindStringSubmatch(step)
		r := reBetween.FindStringSubmatch(step)
		if m == nil && r == nil {
			continue
		}
		var named []string
		for _, t := range reTick.FindAllStringSubmatch(step, -1) {
			if len(find(t[1])) > 0 && !slices.Contains(named, t[1]) {
				named = append(named, t[1])
			}
		}
		if len(named) != 1 {
			continue
		}
		if m != nil {
			setDefault(find(named[0]), strings.ReplaceAll(m[1], ",", ""))
		}
		if r != nil {
			setRange(find(named[0]), r[1], r[2])
		}
	}
}

func setRange(ss []*catalog.Setting, lo, hi string) {
	min, err1 := strconv.ParseUint(strings.TrimPrefix(strings.ReplaceAll(strings.ToLower(lo), ",", ""), "0x"), base(lo), 32)
	max, err2 := strconv.ParseUint(strings.TrimPrefix(strings.ReplaceAll(strings.ToLower(hi), ",", ""), "0x"), base(hi), 32)
	if err1 != nil || err2 != nil || min > max {
		return
	}
	for _, s := range ss {
		if s.Type == catalog.Unknown || s.Type == catalog.DWORD {
			s.Type = catalog.DWORD
			s.Min, s.HasMin, s.Max, s.HasMax = uint32(min), true, uint32(max), true
		}
	}
}

func setDefault(ss []*catalog.Setting, v string) {
	for _, s := range ss {
		if s.Default == "" {
			s.Default = v
		}
	}
}

func table(t, owner string, find func(string) []*catalog.Setting) {
	ths := reTH.FindAllStringSubmatch(t, -1)
	if len(ths) < 2 {
		return
	}
	head := cellText(ths[0][1])
	switch head {
	case "Value":
		if owner == "" {
			return
		}
		var vals []catalog.Value
		def := ""
		for _, r := range reTR.FindAllStringSubmatch(t, -1) {
			tds := reTD.FindAllStringSubmatch(r[1], -1)
			if len(tds) < 2 {
				continue
			}
			cell := cellText(tds[0][1])
			if strings.Contains(cell, "does not exist") {
				continue // a row for the absent setting
			}
			m := reValueCell.FindStringSubmatch(cell)
			if m == nil {
				return // not a table of DWORD values
			}
			n, err := strconv.ParseUint(strings.TrimPrefix(strings.ToLower(m[1]), "0x"), base(m[1]), 32)
			if err != nil {
				return
			}
			v := catalog.Value{Value: uint32(n)}
			v.Name, _, _ = strings.Cut(m[2]+m[3]+m[5]+m[6], ", ")
			absent := strings.Contains(m[7], "missing") // "Or if the setting is missing"
			if absent || reIsDefault.MatchString(cellText(tds[1][1])) {
				def = strconv.FormatUint(n, 10)
			}
			vals = append(vals, v)
		}
		if len(vals) == 0 {
			return
		}
		for _, s := range find(owner) {
			if s.Type == catalog.Unknown && s.Values == nil {
				s.Type, s.Values = catalog.Enum, vals
			}
		}
		if def != "" {
			setDefault(find(owner), def)
		}
	case "Setting", "Setting name", "Name":
		for _, r := range reTR.FindAllStringSubmatch(t, -1) {
			tds := reTD.FindAllStringSubmatch(r[1], -1)
			if len(tds) < 2 {
				continue
			}
			name := cellText(tds[0][1])
			if m := reDefaultIs.FindStringSubmatch(cellText(tds[len(tds)-1][1])); m != nil {
				setDefault(find(name), strings.ReplaceAll(m[1], ",", ""))
			}
		}
	}
}

func base(s string) int {
	if strings.HasPrefix(strings.ToLower(s), "0x") {
		return 16
	}
	return 10
}

// render writes the table as Go source.
func render(cs []catalog.Customization) ([]byte, error) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by catalog/internal/gen from the MCSF pages; DO NOT EDIT.\n\n")
	fmt.Fprintf(&b, "// %s.\n\npackage catalog\n\n", count(cs))
	fmt.Fprintf(&b, "var table = [...]Customization{\n")
	for _, c := range cs {
		fmt.Fprintf(&b, "{ID: %q, Page: %q, Title: %q", c.ID, c.Page, c.Title)
		if c.Constraints != 0 {
			fmt.Fprintf(&b, ", Constraints: %s", constraintExpr(c.Constraints))
		}
		if c.Stated {
			b.WriteString(", Stated: true")
		}
		if len(c.Scopes) > 0 {
			b.WriteString(", Scopes: []Scope{")
			for i, s := range c.Scopes {
				if i > 0 {
					b.WriteString(", ")
				}
				b.WriteString(scopeExpr(s))
			}
			b.WriteString("}")
		}
		b.WriteString(", Groups: []Group{\n")
		for _, g := range c.Groups {
			fmt.Fprintf(&b, "{Path: %q, Scope: %s, Settings: []Setting{\n", g.Path, scopeExpr(g.Scope))
			for _, s := range g.Settings {
				b.WriteString(settingExpr(s))
				b.WriteString(",\n")
			}
			b.WriteString("}},\n")
		}
		b.WriteString("}},\n")
	}
	b.WriteString("}\n")
	renderIndex(&b, cs)
	src, err := format.Source(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("format generated catalog: %w", err)
	}
	return src, nil
}

func settingExpr(s catalog.Setting) string {
	var f []string
	f = append(f, fmt.Sprintf("Name: %q", s.Name))
	if s.Type != catalog.Unknown {
		f = append(f, "Type: "+typeExpr(s.Type))
	}
	if len(s.Values) > 0 {
		var vs []string
		for _, v := range s.Values {
			e := fmt.Sprintf("{Value: %d", v.Value)
			if v.Name != "" {
				e += fmt.Sprintf(", Name: %q", v.Name)
			}
			if v.Doc != "" {
				e += fmt.Sprintf(", Doc: %q", v.Doc)
			}
			vs = append(vs, e+"}")
		}
		f = append(f, "Values: []Value{"+strings.Join(vs, ", ")+"}")
	}
	if s.HasMin {
		f = append(f, fmt.Sprintf("Min: %d, HasMin: true", s.Min))
	}
	if s.HasMax {
		f = append(f, fmt.Sprintf("Max: %d, HasMax: true", s.Max))
	}
	if s.Unit != "" {
		f = append(f, fmt.Sprintf("Unit: %q", s.Unit))
	}
	if s.Default != "" {
		f = append(f, fmt.Sprintf("Default: %q", s.Default))
	}
	if s.Precedence == catalog.DeviceWins {
		f = append(f, "Precedence: DeviceWins")
	}
	if s.Constraints != 0 {
		f = append(f, "Constraints: "+constraintExpr(s.Constraints))
	}
	if s.Doc != "" {
		f = append(f, fmt.Sprintf("Doc: %q", s.Doc))
	}
	if s.Override {
		f = append(f, "Override: true")
	}
	return "{" + strings.Join(f, ", ") + "}"
}

func constraintExpr(c catalog.Constraint) string {
	return strings.ReplaceAll(c.String(), ", ", " | ")
}

func scopeExpr(s catalog.Scope) string {
	switch s {
	case catalog.PerIMSI:
		return "PerIMSI"
	case catalog.PerSIM:
		return "PerSIM"
	case catalog.PerDevice:
		return "PerDevice"
	}
	return "Device"
}

func typeExpr(t catalog.Type) string {
	switch t {
	case catalog.DWORD:
		return "DWORD"
	case catalog.Enum:
		return "Enum"
	case catalog.String:
		return "String"
	case catalog.Binary:
		return "Binary"
	case catalog.MultiSZ:
		return "MultiSZ"
	case catalog.AssetFile:
		return "AssetFile"
	case catalog.Bitmask:
		return "Bitmask"
	}
	return "Unknown"
}
