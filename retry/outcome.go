package retry

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// ErrorKind says how an attempt failed.
type ErrorKind string

// The error kinds an outcome can carry. Each policy accepts only the kinds
// that mean something to it (Policy.Kinds).
const (
	ErrTemp     ErrorKind = "temp"     // a temporary (transient) error: the default
	ErrIMSTemp  ErrorKind = "imstemp"  // RIL_E_IMSTEMPFAILURE: a temporary failure of SMS over IMS
	ErrPerm     ErrorKind = "perm"     // a permanent error: unknown number, barred, unsupported content
	ErrDrop     ErrorKind = "drop"     // the SMSC connection dropped while the message was being submitted
	ErrDown     ErrorKind = "down"     // the SMSC connection was down: no attempt could be made
	ErrNoCredit ErrorKind = "nocredit" // the end user is out of credit (premium SMS)
	ErrCode     ErrorKind = "code"     // an error response with a protocol error code (Outcome.Code)
)

// errorKinds lists the kinds in the order messages show them.
var errorKinds = []ErrorKind{ErrTemp, ErrIMSTemp, ErrPerm, ErrDrop, ErrDown, ErrNoCredit, ErrCode}

// describe names the kind in a sentence: "with RIL_E_IMSTEMPFAILURE".
func (k ErrorKind) describe(code string) string {
	switch k {
	case ErrIMSTemp:
		return "RIL_E_IMSTEMPFAILURE (a temporary IMS failure)"
	case ErrPerm:
		return "a permanent error"
	case ErrDrop:
		return "the connection dropping mid-submit"
	case ErrDown:
		return "the connection down"
	case ErrNoCredit:
		return "NO_CREDIT (the user is out of credit)"
	case ErrCode:
		return "error code " + code
	}
	return "a temporary error"
}

// Outcome is what happens to one attempt: it succeeds, or it fails with an
// error kind; either way it takes Duration.
type Outcome struct {
	OK       bool
	Kind     ErrorKind     // "" when OK
	Code     string        // the error code when Kind is ErrCode
	Duration time.Duration // how long the attempt takes; for ErrDown how long the link stays down
	Timed    bool          // Duration was given; otherwise Run uses Options.AttemptDuration
}

// String writes the outcome in the syntax ParseOutcomes reads, shortest
// form: "ok", "fail", "fail:imstemp:11s", "fail:code=24".
func (o Outcome) String() string {
	var b strings.Builder
	if o.OK {
		b.WriteString("ok")
	} else {
		b.WriteString("fail")
		switch o.Kind {
		case ErrTemp, "":
		case ErrCode:
			b.WriteString(":code=" + o.Code)
		default:
			b.WriteString(":" + string(o.Kind))
		}
	}
	if o.Timed {
		b.WriteString(":" + exactDuration(o.Duration))
	}
	return b.String()
}

// MaxOutcomes is the default bound of the length of an outcome list after
// repetition (ParseOutcomesLimit; mcsf retry --max-outcomes): a timeline of
// ten thousand attempts is past reading already.
const MaxOutcomes = 10000

// OutcomeSyntax describes the grammar ParseOutcomes reads, for help texts.
const OutcomeSyntax = `LIST     = ITEM { "," ITEM }
ITEM     = OUTCOME [ "*" COUNT ]            repeat COUNT times (in all at most --max-outcomes, 10000)
OUTCOME  = "ok" [ ":" DURATION ]
         | "fail" [ ":" KIND ] [ ":" DURATION ]
KIND     = temp | imstemp | perm | drop | down | nocredit | code=CODE
DURATION = how long the attempt takes: 11s, 1m30s, 6h, 2d (default --attempt-duration)`

// ParseOutcomes reads a comma-separated outcome list such as
// "fail:imstemp,fail:18s,ok:5s" or "fail*19,ok" (see OutcomeSyntax). Kinds
// and keywords are case-insensitive; error codes are kept as written.
// Errors name the item (1-based) and what is wrong with it. The list may
// have MaxOutcomes outcomes after repetition.
func ParseOutcomes(s string) ([]Outcome, error) { return ParseOutcomesLimit(s, MaxOutcomes) }

// ParseOutcomesLimit is ParseOutcomes with a list of at most limit outcomes
// after repetition; a longer one is an error, before any is stored.
func ParseOutcomesLimit(s string, limit int) ([]Outcome, error) {
	if strings.TrimSpace(s) == "" {
		return nil, fmt.Errorf("no outcomes: give e.g. fail,fail,ok")
	}
	var out []Outcome
	for i, item := range strings.Split(s, ",") {
		item = strings.TrimSpace(item)
		bad := func(format string, args ...any) error {
			return fmt.Errorf("outcome %d (%q): %s", i+1, item, fmt.Sprintf(format, args...))
		}
		if item == "" {
			return nil, fmt.Errorf("outcome %d is empty", i+1)
		}
		count := 1
		body := item
		if j := strings.IndexByte(item, '*'); j >= 0 {
			n, err := strconv.Atoi(strings.TrimSpace(item[j+1:]))
			if err != nil || n < 1 {
				return nil, bad("bad repeat count %q: want a whole number from 1 to %d", item[j+1:], limit)
			}
			count, body = n, strings.TrimSpace(item[:j])
		}
		o, err := parseOutcome(body)
		if err != nil {
			return nil, bad("%v", err)
		}
		if count > limit-len(out) {
			return nil, fmt.Errorf("more than %d outcomes (--max-outcomes)", limit)
		}
		for range count {
			out = append(out, o)
		}
	}
	return out, nil
}

func parseOutcome(s string) (Outcome, error) {
	fields := strings.Split(s, ":")
	var o Outcome
	switch strings.ToLower(strings.TrimSpace(fields[0])) {
	case "ok":
		o.OK = true
	case "fail":
		o.Kind = ErrTemp
	case "":
		return o, fmt.Errorf("missing result: want ok or fail")
	default:
		return o, fmt.Errorf("unknown result %q: want ok or fail", fields[0])
	}
	rest := fields[1:]
	if len(rest) > 2 {
		return o, fmt.Errorf("too many fields: want RESULT[:KIND][:DURATION]")
	}
	for n, f := range rest {
		f = strings.TrimSpace(f)
		if f == "" {
			return o, fmt.Errorf("empty field after \":\"")
		}
		if n == len(rest)-1 && startsWithDigit(f) {
			d, err := ParseDuration(f)
			if err != nil {
				return o, err
			}
			o.Duration, o.Timed = d, true
			continue
		}
		if n == 1 {
			return o, fmt.Errorf("bad duration %q: want e.g. 11s, 1m30s, 6h or 3d", f)
		}
		if o.OK {
			return o, fmt.Errorf("%q after ok: only a duration may follow ok", f)
		}
		kind, code, err := parseKind(f)
		if err != nil {
			return o, err
		}
		o.Kind, o.Code = kind, code
	}
	return o, nil
}

func parseKind(f string) (ErrorKind, string, error) {
	lower := strings.ToLower(f)
	if strings.HasPrefix(lower, "code=") {
		code := strings.TrimSpace(f[len("code="):])
		if code == "" || strings.ContainsAny(code, " \t*") || strings.ContainsFunc(code, unicode.IsControl) {
			return "", "", fmt.Errorf("bad error code %q: want code=CODE, e.g. code=24", f)
		}
		return ErrCode, code, nil
	}
	for _, k := range errorKinds {
		if lower == string(k) && k != ErrCode {
			return k, "", nil
		}
	}
	return "", "", fmt.Errorf("unknown error kind %q: want one of temp, imstemp, perm, drop, down, nocredit, code=CODE", f)
}

func startsWithDigit(s string) bool {
	return s != "" && strings.ContainsRune("0123456789.-+", rune(s[0]))
}
