package variant

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/mcsf-dev/mcsf/internal/english"
)

// siminput.go: a SIM and device profile given by a person (flags, --sim,
// a CSV or JSON file) is validated before it is resolved, so that nothing is
// misread: every name must be a condition name or IMSI, every value must
// have the shape the SIM or device gives it.

// InputError is a profile that cannot be used as given: where it is (Row and
// Column, 1-based, 0 when not applicable) and what is wrong. Source names
// the input ("--sim", "--mcc", "sims.csv").
type InputError struct {
	Source string
	Row    int    // 1-based data row of a batch (CSV: the line is Line); 0 for flags
	Line   int    // CSV line, 1-based; 0 if unknown
	Column int    // 1-based CSV column; 0 if unknown
	Name   string // the field, as written
	Msg    string
}

func (e *InputError) Error() string {
	where := e.Source
	if e.Line > 0 {
		where += fmt.Sprintf(":%d", e.Line)
	}
	var parts []string
	if where != "" {
		parts = append(parts, where)
	}
	name := showName(e.Name)
	switch {
	case e.Row > 0 && e.Column > 0:
		parts = append(parts, fmt.Sprintf("row %d, column %d (%s)", e.Row, e.Column, name))
	case e.Row > 0 && e.Name != "":
		parts = append(parts, fmt.Sprintf("row %d, %s", e.Row, name))
	case e.Row > 0:
		parts = append(parts, fmt.Sprintf("row %d", e.Row))
	case e.Column > 0 && e.Name != "":
		parts = append(parts, fmt.Sprintf("column %d (%s)", e.Column, name))
	case e.Name != "":
		parts = append(parts, name)
	}
	return strings.Join(append(parts, e.Msg), ": ")
}

// showName is a field name as written when it looks like one (letters,
// digits, '_', '-', '.'; at most english.MaxQuoted), else quoted and cut
// (english.Quote), so that a hostile header cannot flood a message or reach
// the terminal raw.
func showName(name string) string {
	if len(name) > english.MaxQuoted {
		return english.Quote(name)
	}
	for _, c := range []byte(name) {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-' || c == '.') {
			return english.Quote(name)
		}
	}
	return name
}

// profileNames are the names a profile may set: the condition names and
// IMSI (which $(__IMSI) expands to).
var profileNames = []string{"MCC", "MNC", "SPN", "PNN", "GID1", "ICCID", "IMSI", "Roaming", "UICC", "UICCSLOT",
	"ProcessorType", "ProcessorName", "AoAc", "PowerPlatformRole", "Architecture", "Server", "Region", "Lang"}

// CheckProfileName returns "" when name may be set in a profile, else why
// not, with the nearest known name.
func CheckProfileName(name string) string {
	for _, n := range profileNames {
		if strings.EqualFold(n, name) {
			return ""
		}
	}
	msg := fmt.Sprintf("%s is not a SIM or device condition name", english.Quote(name))
	if s := SuggestName(name); s != "" {
		return msg + fmt.Sprintf(" (did you mean %s?)", s)
	}
	return msg + "; the names are " + strings.Join(profileNames, ", ")
}

// SuggestName returns the known name (condition names and IMSI) nearest to
// name, for a did-you-mean; "" when none is close.
func SuggestName(name string) string { return english.Nearest(name, profileNames) }

// CheckProfileValue returns why value is not a value the SIM or device can
// report for name ("" when it is), and a warning that does not stop it
// (an ICCID whose Luhn check digit is wrong).
func CheckProfileValue(name, value string) (problem, warning string) {
	return checkValue(strings.ToLower(name), name, value)
}

// checkValue is CheckProfileValue with the name also in lower case (key).
func checkValue(key, name, value string) (problem, warning string) {
	if strings.IndexByte(value, 0) >= 0 {
		return "the value contains a NUL byte", ""
	}
	if value != strings.TrimSpace(value) {
		return fmt.Sprintf("%s has spaces around it: MCSF compares values as exact strings", english.Quote(value)), ""
	}
	switch key {
	case "mcc":
		if len(value) != 3 || !allDigits(value) {
			return fmt.Sprintf("MCC %s must be exactly 3 digits, e.g. 310", english.Quote(value)), ""
		}
	case "mnc":
		if len(value) < 2 || len(value) > 3 || !allDigits(value) {
			return fmt.Sprintf("MNC %s must be 2 or 3 digits, e.g. 410 (26 and 026 are different values: give the form the SIM reports)", english.Quote(value)), ""
		}
	case "imsi":
		if len(value) < 6 || len(value) > 15 || !allDigits(value) {
			return fmt.Sprintf("IMSI %s must be 6 to 15 digits", english.Quote(value)), ""
		}
	case "iccid":
		if len(value) < 18 || len(value) > 22 || !allDigits(value) {
			return fmt.Sprintf("ICCID %s must be 18 to 22 digits", english.Quote(value)), ""
		}
		if !luhn(value) {
			return "", fmt.Sprintf("ICCID %s fails its Luhn check (the last digit): a typo? resolved as given", english.Quote(value))
		}
	case "spn", "pnn":
		if n := utf16Len(value); key == "spn" && n > MaxSPNLength {
			return fmt.Sprintf("SPN %s is %d UTF-16 code units, a SIM's service provider name has at most %d", english.Quote(value), n, MaxSPNLength), ""
		}
	case "gid1":
		if !allHex(value) {
			return fmt.Sprintf("GID1 %s must be hexadecimal digits, e.g. 0A1B", english.Quote(value)), ""
		}
		if len(strings.TrimLeft(value, "0")) > 16 {
			return fmt.Sprintf("GID1 %s has more than 16 significant hex digits", english.Quote(value)), ""
		}
	case "roaming", "uiccslot":
		if value != "0" && value != "1" {
			return fmt.Sprintf("%s %s must be 0 or 1", CanonicalName(name), english.Quote(value)), ""
		}
	case "uicc":
		if value != "0" && value != "1" && value != "2" {
			return fmt.Sprintf("UICC %s must be 0 (empty), 1 (ready) or 2 (locked)", english.Quote(value)), ""
		}
	}
	return "", ""
}

// luhn reports whether the digits s end with a valid Luhn check digit.
func luhn(s string) bool {
	sum := 0
	for i := 0; i < len(s); i++ {
		d := int(s[len(s)-1-i] - '0')
		if i%2 == 1 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return sum%10 == 0
}

// CheckProfile checks the fields that depend on each other: an IMSI starts
// with the profile's MCC and MNC. It returns "" when they agree.
func CheckProfile(p Profile) string {
	imsi, ok := p.get("imsi")
	if !ok {
		return ""
	}
	mcc, okc := p.get("mcc")
	mnc, okn := p.get("mnc")
	switch {
	case okc && !strings.HasPrefix(imsi, mcc):
		return fmt.Sprintf("IMSI %q does not start with the MCC %s: an IMSI is MCC, MNC, then the subscriber number", imsi, mcc)
	case okc && okn && !strings.HasPrefix(imsi, mcc+mnc):
		return fmt.Sprintf("IMSI %q does not start with MCC+MNC %s%s: an IMSI is MCC, MNC, then the subscriber number (26 and 026 differ)", imsi, mcc, mnc)
	}
	return ""
}

// ProfileLimits bound a batch of SIM profiles (--sims), so that a mistaken
// or hostile file cannot take unbounded time or memory: the reader stops at
// the first row over a limit with an *InputError that names the row and the
// limit. A zero field takes its default. The fields of a row need no limit
// of their own: every name is a known condition name, given once.
type ProfileLimits struct {
	MaxRows  int   // SIMs in a batch; 0 = DefaultMaxSIMs
	MaxBytes int64 // one SIM: a CSV row (header included) or a JSON object; 0 = DefaultMaxSIMBytes
}

const (
	// DefaultMaxSIMs is ten times the largest batch the benchmarks resolve.
	DefaultMaxSIMs = 10_000_000
	// DefaultMaxSIMBytes is a hundred times a SIM with every name set to a
	// long value.
	DefaultMaxSIMBytes = 64 << 10
)

func (l ProfileLimits) withDefaults() ProfileLimits {
	if l.MaxRows <= 0 {
		l.MaxRows = DefaultMaxSIMs
	}
	if l.MaxBytes <= 0 {
		l.MaxBytes = DefaultMaxSIMBytes
	}
	return l
}

// errSIMTooLong is what a rowLimiter returns when one SIM runs over the
// limit; the ProfileReader turns it into an *InputError for the row.
var errSIMTooLong = errors.New("SIM too long")

// rowLimiter passes a batch through to the CSV reader or JSON decoder while
// no SIM is longer than max bytes: the SIM being read starts at mark (moved
// by the ProfileReader after each one, from the decoder's input offset), and
// no read goes past mark+max. A SIM that ends within the window is read
// whole; one that does not stops at the window's end, so a line or object of
// any length costs at most max bytes.
type rowLimiter struct {
	r    io.Reader
	max  int64
	base int64 // read before the decoder started (its offset 0)
	mark int64 // where the SIM being read starts, counted like read
	read int64 // bytes passed on
}

func (l *rowLimiter) Read(p []byte) (int, error) {
	room := l.max - (l.read - l.mark) // read >= mark: no overflow, even for a max of MaxInt64
	if room <= 0 {
		return 0, errSIMTooLong
	}
	if int64(len(p)) > room {
		p = p[:room]
	}
	n, err := l.r.Read(p)
	l.read += int64(n)
	return n, err
}

// next moves the window to a SIM starting at the decoder's offset.
func (l *rowLimiter) next(offset int64) { l.mark = l.base + offset }
