package variant

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/mcsf-dev/mcsf/internal/english"
	"github.com/mcsf-dev/mcsf/schema"
)

// Profile is a SIM and device: condition name → value, plus the IMSI that
// $(__IMSI) expands to. Names compare case-insensitively; a name that is
// not set is different from a name set to "". The zero Profile is empty and
// ready to use; a Profile is a value, copy it with Clone before changing a
// shared one.
type Profile struct {
	m map[string]profileEntry // lower-case name → entry
}

type profileEntry struct{ name, value string }

// profileOrder is the display order of the well-known names; others follow
// in alphabetical order.
var profileOrder = []string{"mcc", "mnc", "spn", "pnn", "gid1", "iccid", "imsi", "roaming", "uicc", "uiccslot",
	"processortype", "processorname", "aoac", "powerplatformrole", "architecture", "server", "region", "lang"}

// NewProfile returns a profile with the given pairs set in order (a later
// pair overrides an earlier one with the same name).
func NewProfile(pairs ...Pair) Profile {
	var p Profile
	for _, pr := range pairs {
		p.Set(pr.Name, pr.Value)
	}
	return p
}

// Set sets name to value. Known names are stored in their documented
// spelling (mcc → MCC, imsi → IMSI).
func (p *Profile) Set(name, value string) {
	if p.m == nil {
		p.m = map[string]profileEntry{}
	}
	key := strings.ToLower(name)
	canon := CanonicalName(name)
	if key == "imsi" {
		canon = "IMSI"
	}
	p.m[key] = profileEntry{canon, value}
}

// Unset removes name.
func (p *Profile) Unset(name string) { delete(p.m, strings.ToLower(name)) }

// Get returns the value of name and whether it is set.
func (p Profile) Get(name string) (string, bool) {
	e, ok := p.m[strings.ToLower(name)]
	return e.value, ok
}

// get looks up an already lower-case name.
func (p Profile) get(key string) (string, bool) {
	e, ok := p.m[key]
	return e.value, ok
}

// Len is the number of names set.
func (p Profile) Len() int { return len(p.m) }

// Clone returns an independent copy.
func (p Profile) Clone() Profile {
	var c Profile
	for k, e := range p.m {
		if c.m == nil {
			c.m = make(map[string]profileEntry, len(p.m))
		}
		c.m[k] = e
	}
	return c
}

// Merge returns a copy of p with every name of q set over it.
func (p Profile) Merge(q Profile) Profile {
	c := p.Clone()
	for k, e := range q.m {
		if c.m == nil {
			c.m = map[string]profileEntry{}
		}
		c.m[k] = e
	}
	return c
}

// Pairs lists the profile in display order: MCC, MNC, SPN, PNN, GID1,
// ICCID, IMSI, Roaming, UICC, UICCSLOT, the device conditions, then other
// names alphabetically.
func (p Profile) Pairs() []Pair {
	out := make([]Pair, 0, len(p.m))
	for _, k := range profileOrder {
		if e, ok := p.m[k]; ok {
			out = append(out, Pair{e.name, e.value})
		}
	}
	var rest []string
	for k := range p.m {
		if !slices.Contains(profileOrder, k) {
			rest = append(rest, k)
		}
	}
	slices.Sort(rest)
	for _, k := range rest {
		out = append(out, Pair{p.m[k].name, p.m[k].value})
	}
	return out
}

// String is the profile as NAME=VALUE pairs in display order, separated by
// spaces; "(empty)" when nothing is set.
func (p Profile) String() string {
	if len(p.m) == 0 {
		return "(empty)"
	}
	var b strings.Builder
	for i, pr := range p.Pairs() {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(pr.Name + "=" + pr.Value)
	}
	return b.String()
}

// MarshalJSON writes the profile as an object in display order.
func (p Profile) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 32*len(p.m)+2)
	b = append(b, '{')
	for i, pr := range p.Pairs() {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, pr.Name)
		b = append(b, ':')
		b = appendJSONString(b, pr.Value)
	}
	return append(b, '}'), nil
}

// appendJSONString appends s as a JSON string, as json.Marshal writes it.
// (Profiles are written once per SIM in a batch: this is several times
// faster than a json.Marshal per name and value.)
func appendJSONString(b []byte, s string) []byte { return schema.AppendJSONString(b, s, true) }

// UnmarshalJSON reads an object of names to strings, numbers or booleans
// (true is "1", false "0"); null leaves the name unset. A name given twice
// (names ignore case) is an error, never one of the two kept silently.
func (p *Profile) UnmarshalJSON(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if tok, err := dec.Token(); err != nil {
		return err
	} else if tok != json.Delim('{') {
		return fmt.Errorf("a SIM profile must be an object of condition names to values")
	}
	*p = Profile{}
	seen := map[string]string{} // lower-case name → as first written
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		k := tok.(string) // inside an object, json.Decoder returns only string keys
		if first, dup := seen[strings.ToLower(k)]; dup {
			return fmt.Errorf("%s is given twice (%s and %s; names ignore case): keep one", showName(k), english.Quote(first), english.Quote(k))
		}
		seen[strings.ToLower(k)] = k
		var v any
		if err := dec.Decode(&v); err != nil {
			return err
		}
		switch v := v.(type) {
		case nil:
		case string:
			p.Set(k, v)
		case json.Number:
			p.Set(k, v.String())
		case bool:
			p.Set(k, map[bool]string{true: "1", false: "0"}[v])
		default:
			return fmt.Errorf("%s: want a string, number or boolean, got %s", showName(k), jsonKind(v))
		}
	}
	_, err := dec.Token() // the closing '}'
	return err
}

func jsonKind(v any) string {
	switch v.(type) {
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", v)
}

// ParseProfile reads `name=value,name=value` (as in --sim). Spaces around
// names are ignored; a value keeps everything up to the next comma. A value
// that holds another `name=` (`mcc=310 mnc=410`, fields separated by a space)
// is an error, never read as one value. ParseProfile checks the form only:
// ValidateProfile checks names and values.
func ParseProfile(s string) (Profile, error) {
	var p Profile
	for _, part := range strings.Split(s, ",") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		name, value, ok := strings.Cut(part, "=")
		name = strings.TrimSpace(name)
		if !ok || name == "" {
			return Profile{}, fmt.Errorf("%q: want NAME=VALUE, e.g. mcc=310", part)
		}
		for _, f := range strings.Fields(value)[min(1, len(strings.Fields(value))):] {
			if n, _, ok := strings.Cut(f, "="); ok && CheckProfileName(n) == "" {
				return Profile{}, fmt.Errorf("%q: the value of %s holds %q: separate fields with commas, e.g. mcc=310,mnc=410", part, name, f)
			}
		}
		p.Set(name, value)
	}
	return p, nil
}

// ValidateProfile checks every name and value of p, and that its fields
// agree (an IMSI starts with its MCC and MNC). The error is an
// *InputError naming source and the field; warnings do not stop the
// profile (an ICCID whose Luhn check fails).
func ValidateProfile(source string, p Profile) (warnings []string, err error) {
	for _, pr := range p.Pairs() {
		if msg := CheckProfileName(pr.Name); msg != "" {
			return nil, &InputError{Source: source, Name: pr.Name, Msg: msg}
		}
		problem, warning := CheckProfileValue(pr.Name, pr.Value)
		if problem != "" {
			return nil, &InputError{Source: source, Name: pr.Name, Msg: problem}
		}
		if warning != "" {
			warnings = append(warnings, source+": "+warning)
		}
	}
	if msg := CheckProfile(p); msg != "" {
		return nil, &InputError{Source: source, Msg: msg}
	}
	return warnings, nil
}

// ReadProfiles reads a whole batch of SIM profiles with a ProfileReader
// (default limits): every profile is validated; warnings are dropped.
func ReadProfiles(r io.Reader) ([]Profile, error) {
	pr, err := NewProfileReader("", r)
	if err != nil {
		return nil, err
	}
	var out []Profile
	for {
		p, _, err := pr.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
}

// ProfileReader reads a batch of SIM profiles one at a time, so that a batch
// of any size takes constant memory: a JSON array of objects (when the first
// non-blank character is '['), else CSV with a header row of condition
// names, its delimiter sniffed from the header (',', ';' as Excel writes in
// many locales, or a tab). An empty CSV cell or a JSON null leaves the name
// unset. Every name and value is validated (ValidateProfile); errors are
// *InputError values naming the row, line and column. Limits bound the
// rows and the bytes of each.
type ProfileReader struct {
	source string
	csv    *csv.Reader
	names  []string // CSV header, as written
	keys   []string // and each name in lower case
	canon  []string // and in its documented spelling (Profile.Set)
	dec    *json.Decoder
	row    int
	limits ProfileLimits
	lim    *rowLimiter
}

// NewProfileReader reads the header (CSV) or the opening '[' (JSON) of r
// with the default limits; source names the input in errors.
func NewProfileReader(source string, r io.Reader) (*ProfileReader, error) {
	return NewProfileReaderLimits(source, r, ProfileLimits{})
}

// NewProfileReaderLimits is NewProfileReader with limits (a zero field
// takes its default).
func NewProfileReaderLimits(source string, r io.Reader, limits ProfileLimits) (*ProfileReader, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	if b, _ := br.Peek(3); bytes.Equal(b, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	limits = limits.withDefaults()
	pr := &ProfileReader{source: source, limits: limits, lim: &rowLimiter{r: br, max: limits.MaxBytes}}
	for {
		b, err := br.Peek(1)
		if err != nil {
			break
		}
		if b[0] == ' ' || b[0] == '\t' || b[0] == '\r' || b[0] == '\n' {
			br.Discard(1)
			continue
		}
		if b[0] == '[' {
			pr.dec = json.NewDecoder(pr.lim)
			pr.dec.UseNumber()
			if _, err := pr.dec.Token(); err != nil {
				return nil, pr.jsonError(err)
			}
			pr.lim.next(pr.dec.InputOffset())
			return pr, nil
		}
		break
	}
	head, err := br.Peek(4096) // the header line, to sniff the delimiter
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, &InputError{Source: source, Msg: err.Error()}
	}
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		head = head[:i]
	}
	pr.csv = csv.NewReader(pr.lim)
	pr.csv.Comma = sniffDelimiter(head)
	pr.csv.ReuseRecord = true
	header, err := pr.csv.Read()
	if err == io.EOF {
		return nil, pr.errf(0, 0, "", "CSV: no header row: the first row names the conditions, e.g. mcc,mnc,imsi")
	}
	if err != nil {
		return nil, pr.csvError(err, len(header))
	}
	seen := map[string]int{}
	for i, h := range header {
		name := strings.TrimSpace(h)
		line, col := pr.csv.FieldPos(i)
		if name == "" {
			return nil, &InputError{Source: source, Line: line, Column: i + 1, Msg: fmt.Sprintf("CSV: header column %d is empty", i+1)}
		}
		if msg := CheckProfileName(name); msg != "" {
			return nil, &InputError{Source: source, Line: line, Column: i + 1, Name: name, Msg: "CSV header: " + msg}
		}
		if j, dup := seen[strings.ToLower(name)]; dup {
			return nil, &InputError{Source: source, Line: line, Column: i + 1, Name: name,
				Msg: fmt.Sprintf("CSV header: %s is also column %d (names ignore case): keep one", name, j+1)}
		}
		_ = col
		seen[strings.ToLower(name)] = i
		pr.names = append(pr.names, name)
		var canon Profile
		canon.Set(name, "")
		for k, e := range canon.m {
			pr.keys, pr.canon = append(pr.keys, k), append(pr.canon, e.name)
		}
	}
	pr.lim.next(pr.csv.InputOffset())
	return pr, nil
}

// sniffDelimiter picks the CSV delimiter of a header line: the most frequent
// of ',', ';' and tab outside quotes; ',' when there is none.
func sniffDelimiter(header []byte) rune {
	counts := map[rune]int{}
	quoted := false
	for _, c := range string(header) {
		switch {
		case c == '"':
			quoted = !quoted
		case !quoted && (c == ',' || c == ';' || c == '\t'):
			counts[c]++
		}
	}
	best := ','
	for _, c := range []rune{';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return best
}

func (pr *ProfileReader) errf(line, col int, name, format string, args ...any) error {
	return &InputError{Source: pr.source, Row: pr.row, Line: line, Column: col, Name: name, Msg: fmt.Sprintf(format, args...)}
}

// csvError reports a CSV syntax error as such, a row over the limit as
// such, and a read error as it is; fields is the row's field count.
func (pr *ProfileReader) csvError(err error, fields int) error {
	var pe *csv.ParseError
	switch {
	case errors.Is(err, errSIMTooLong):
		return pr.tooLong()
	case errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrFieldCount):
		return pr.errf(pe.Line, 0, "", "CSV: %s, the header has %d", english.Count(fields, "field"), len(pr.names))
	case errors.As(err, &pe):
		return pr.errf(pe.Line, 0, "", "CSV: %v", pe.Err)
	}
	return &InputError{Source: pr.source, Msg: err.Error()} // a read error: not about a row
}

// jsonError reports a row over the limit as such, else a JSON error.
func (pr *ProfileReader) jsonError(err error) error {
	if errors.Is(err, errSIMTooLong) {
		return pr.tooLong()
	}
	return pr.errf(0, 0, "", "JSON: %v", err)
}

func (pr *ProfileReader) tooLong() error {
	what := "the SIM"
	if pr.row == 0 {
		what = "the header row"
	}
	return pr.errf(0, 0, "", "%s is longer than the limit of %d bytes (--max-sim-bytes)", what, pr.limits.MaxBytes)
}

// Names returns the CSV header's names as written; nil for JSON input,
// whose objects each name their own.
func (pr *ProfileReader) Names() []string { return pr.names }

// Next returns the next profile and its warnings, or io.EOF after the last.
func (pr *ProfileReader) Next() (Profile, []string, error) {
	pr.row++
	if pr.dec != nil {
		return pr.nextJSON()
	}
	rec, err := pr.csv.Read()
	if err == io.EOF {
		return Profile{}, nil, io.EOF
	}
	if err != nil {
		return Profile{}, nil, pr.csvError(err, len(rec))
	}
	pr.lim.next(pr.csv.InputOffset())
	if err := pr.overRows(); err != nil {
		return Profile{}, nil, err
	}
	p := Profile{m: make(map[string]profileEntry, len(rec))}
	var warnings []string
	for i, v := range rec {
		if v == "" {
			continue
		}
		problem, warning := checkValue(pr.keys[i], pr.names[i], v)
		if problem != "" {
			line, _ := pr.csv.FieldPos(i)
			return Profile{}, nil, pr.errf(line, i+1, pr.names[i], "%s", problem)
		}
		if warning != "" {
			line, _ := pr.csv.FieldPos(i)
			warnings = append(warnings, (&InputError{Source: pr.source, Row: pr.row, Line: line, Column: i + 1, Name: pr.names[i], Msg: warning}).Error())
		}
		p.m[pr.keys[i]] = profileEntry{pr.canon[i], v} // as Set does, with the names worked out once
	}
	if msg := CheckProfile(p); msg != "" {
		line, _ := pr.csv.FieldPos(0)
		return Profile{}, nil, pr.errf(line, 0, "", "%s", msg)
	}
	return p, warnings, nil
}

// overRows reports the row after the last one the limit allows.
func (pr *ProfileReader) overRows() error {
	if pr.row <= pr.limits.MaxRows {
		return nil
	}
	return pr.errf(0, 0, "", "the batch has more than %s (--max-sims)", english.Count(pr.limits.MaxRows, "SIM"))
}

func (pr *ProfileReader) nextJSON() (Profile, []string, error) {
	if !pr.dec.More() {
		if _, err := pr.dec.Token(); err != nil {
			return Profile{}, nil, pr.jsonError(err)
		}
		return Profile{}, nil, io.EOF
	}
	var raw json.RawMessage
	if err := pr.dec.Decode(&raw); err != nil {
		return Profile{}, nil, pr.jsonError(err)
	}
	pr.lim.next(pr.dec.InputOffset())
	if err := pr.overRows(); err != nil {
		return Profile{}, nil, err
	}
	var p Profile
	if err := p.UnmarshalJSON(raw); err != nil {
		return Profile{}, nil, pr.errf(0, 0, "", "%v", err)
	}
	warnings, err := ValidateProfile(pr.source, p)
	if ie, ok := err.(*InputError); ok {
		ie.Row = pr.row
		return Profile{}, nil, ie
	}
	return p, warnings, err
}

// WithDefault returns p with name set to value unless p already has name
// (e.g. UICCSLOT for the slot a --sim stands for).
func (p Profile) WithDefault(name, value string) Profile {
	if _, ok := p.Get(name); ok {
		return p
	}
	c := p.Clone()
	c.Set(name, value)
	return c
}
