package variant

import "strings"

// The SIM macros MCSF expands in a Variant's settings.
const (
	MacroIMSI  = "$(__IMSI)"
	MacroICCID = "$(__ICCID)"
)

func hasMacro(s string) bool { return strings.Contains(s, "$(") }

// hasSIMMacro reports whether s holds $(__IMSI) or $(__ICCID), in any case.
func hasSIMMacro(s string) bool {
	for i := strings.Index(s, "$("); i >= 0; i = strings.Index(s, "$(") {
		s = s[i:]
		if hasPrefixFold(s, MacroIMSI) || hasPrefixFold(s, MacroICCID) {
			return true
		}
		s = s[2:]
	}
	return false
}

// expander replaces $(__IMSI) and $(__ICCID) (in any case) with the
// profile's IMSI and ICCID, and leaves a macro the profile cannot fill as
// written, counting it.
type expander struct {
	imsi, iccid         string
	lowIMSI, lowICCID   string // for setting keys, which are lower case
	haveIMSI, haveICCID bool
	missIMSI, missICCID int // macros left as written
	lastIn, lastOut     string
	// the last expand, for the settings of one group
	expIn, expOut   string
	expMiss, expMic int
}

// newExpander returns the expander of p's IMSI and ICCID, as a value: a
// Resolve keeps it on its stack.
func newExpander(p Profile) expander {
	var e expander
	e.imsi, e.haveIMSI = p.get("imsi")
	e.iccid, e.haveICCID = p.get("iccid")
	e.lowIMSI, e.lowICCID = strings.ToLower(e.imsi), strings.ToLower(e.iccid)
	return e
}

// expand returns s with the SIM macros replaced, counting the macros the
// profile cannot fill.
func (e *expander) expand(s string) string {
	if !hasMacro(s) {
		return s
	}
	if s != e.expIn {
		e.expIn = s
		e.expOut, e.expMiss, e.expMic = expandMacros(s, e.imsi, e.iccid, e.haveIMSI, e.haveICCID)
	}
	e.missIMSI += e.expMiss
	e.missICCID += e.expMic
	return e.expOut
}

// expandKey expands a settingKey (lower case); consecutive settings of one
// group share their key's path, so the last expansion is remembered.
func (e *expander) expandKey(key string) string {
	path, name, _ := strings.Cut(key, "\x00")
	if path != e.lastIn {
		e.lastIn = path
		e.lastOut, _, _ = expandMacros(path, e.lowIMSI, e.lowICCID, e.haveIMSI, e.haveICCID)
	}
	return e.lastOut + "\x00" + name
}

// expandMacros replaces the SIM macros of s; a macro whose value is missing
// stays as written and is counted.
func expandMacros(s, imsi, iccid string, haveIMSI, haveICCID bool) (out string, missIMSI, missICCID int) {
	var b strings.Builder
	b.Grow(len(s) + 16)
	for {
		i := strings.Index(s, "$(")
		if i < 0 {
			b.WriteString(s)
			return b.String(), missIMSI, missICCID
		}
		b.WriteString(s[:i])
		s = s[i:]
		switch {
		case hasPrefixFold(s, MacroIMSI):
			if haveIMSI {
				b.WriteString(imsi)
			} else {
				b.WriteString(s[:len(MacroIMSI)])
				missIMSI++
			}
			s = s[len(MacroIMSI):]
		case hasPrefixFold(s, MacroICCID):
			if haveICCID {
				b.WriteString(iccid)
			} else {
				b.WriteString(s[:len(MacroICCID)])
				missICCID++
			}
			s = s[len(MacroICCID):]
		default:
			b.WriteString("$(")
			s = s[2:]
		}
	}
}
