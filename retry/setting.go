package retry

import (
	"fmt"
	"strconv"
)

// NotConfigured is the value the runtime reads for AttemptThresholdForIMS
// when the setting is absent (0xFFFFFFFF); a file that writes it says the
// same thing (domain.md §4, [tool] decompiled runtime).
const NotConfigured uint32 = 0xFFFFFFFF

// Setting is one DWORD the device reads, with where its value comes from.
// The zero value is a setting that is not configured and whose value no one
// gave: the device default is assumed.
type Setting struct {
	Name string // the setting's name: AttemptThresholdForIMS, RetryEnabled, AutoRetryDownload
	// Value is the DWORD; meaningful only when Set.
	Value uint32
	// Set is false when the setting is not configured (absent from the file,
	// no flag): the device's default applies.
	Set bool
	// From says where the value comes from: a flag ("--threshold"), or a
	// file position and scope ("ims.xml:27, per-IMSI"). Empty with Assumed.
	From string
	// Assumed marks a value that neither a flag nor a file gave: the
	// device's default is assumed, and Why says so.
	Assumed bool
	// Why explains an assumed value ("no flag, no file").
	Why string
	// Text is the value as the file writes it when it is not a DWORD
	// (Set is then true and Value 0): the device's reading is unknown.
	Text string
}

// Wording shared with resolve and lint (variant.NoteForced and
// variant.NoteUndocumented; a test in cmd/cli keeps them equal).
const (
	noteForced       = "forced to 1 by the runtime: AttemptThresholdForIMS is not configured (unset or 0xFFFFFFFF)"
	noteUndocumented = "unknown to the documentation (documented: 0 off, 1 on)"
)

// toggle reads a documented 0/1 setting: on reports the value, known is
// false for a value the documentation does not define (2 and above).
func (s Setting) toggle(def bool) (on, known bool) {
	if !s.Set {
		return def, true
	}
	if s.Text != "" {
		return false, false
	}
	switch s.Value {
	case 0:
		return false, true
	case 1:
		return true, true
	}
	return false, false
}

// valueText writes the value: "2", "0xFFFFFFFF", "not configured".
func (s Setting) valueText(documented func(uint32) bool) string {
	if !s.Set {
		return "not configured"
	}
	if s.Text != "" {
		return strconv.Quote(s.Text)
	}
	v := strconv.FormatUint(uint64(s.Value), 10)
	if s.Value == NotConfigured {
		v = "0xFFFFFFFF"
	}
	return v
}

// origin writes where the value comes from: "from ims.xml:27, per-IMSI",
// "assumed: no flag, no file".
func (s Setting) origin() string {
	switch {
	case s.Assumed:
		return "assumed: " + s.Why
	case s.From != "":
		return "from " + s.From
	}
	return s.Why
}

// describe writes the setting for a summary line:
// "AttemptThresholdForIMS=2 (from ims.xml:27, per-IMSI)". def is the value
// the device uses when the setting is not configured, and defWhy names it
// ("the documented default"); def < 0: no default.
func (s Setting) describe(documented func(uint32) bool, def int64, defWhy string) string {
	var text string
	switch {
	case s.Set && documented != nil && (s.Text != "" || !documented(s.Value)):
		text = s.Name + "=" + s.valueText(documented)
		if o := s.origin(); o != "" {
			text += " (" + o + ")"
		}
		if s.Text != "" {
			return text + ", not a DWORD: unknown to the documentation"
		}
		return text + ", " + noteUndocumented
	case s.Set:
		text = s.Name + "=" + s.valueText(documented)
	case def >= 0:
		text = fmt.Sprintf("%s=%d (%s", s.Name, def, defWhy)
		if o := s.origin(); o != "" {
			text += "; " + o
		}
		return text + ")"
	default:
		text = s.Name + " not configured"
	}
	if o := s.origin(); o != "" {
		text += " (" + o + ")"
	}
	return text
}

// json is the setting in the "retry-output" form.
func (s Setting) json(documented func(uint32) bool) map[string]any {
	m := map[string]any{"name": s.Name, "value": nil, "configured": s.Set, "assumed": s.Assumed, "documented": true}
	if s.Set && s.Text != "" {
		m["text"], m["documented"] = s.Text, false
	} else if s.Set {
		m["value"] = s.Value
		if documented != nil {
			m["documented"] = documented(s.Value)
		}
	}
	if o := s.origin(); o != "" {
		m["from"] = o
	}
	return m
}

// zeroOrOne is the documented range of a 0/1 setting.
func zeroOrOne(v uint32) bool { return v <= 1 }
