package retry

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestParseOutcomes(t *testing.T) {
	cases := []struct {
		in   string
		want []Outcome
	}{
		{"ok", []Outcome{{OK: true}}},
		{"fail", []Outcome{{Kind: ErrTemp}}},
		{"fail,fail,ok", []Outcome{{Kind: ErrTemp}, {Kind: ErrTemp}, {OK: true}}},
		{"ok:11s", []Outcome{{OK: true, Duration: 11 * time.Second, Timed: true}}},
		{"fail:imstemp", []Outcome{{Kind: ErrIMSTemp}}},
		{"fail:imstemp:2.5s", []Outcome{{Kind: ErrIMSTemp, Duration: 2500 * time.Millisecond, Timed: true}}},
		{"fail:18s", []Outcome{{Kind: ErrTemp, Duration: 18 * time.Second, Timed: true}}},
		{"FAIL:PERM", []Outcome{{Kind: ErrPerm}}},
		{" fail:down:5m , ok ", []Outcome{{Kind: ErrDown, Duration: 5 * time.Minute, Timed: true}, {OK: true}}},
		{"fail:code=0B", []Outcome{{Kind: ErrCode, Code: "0B"}}},
		{"fail:nocredit:1d2h", []Outcome{{Kind: ErrNoCredit, Duration: 26 * time.Hour, Timed: true}}},
		{"fail*3,ok", []Outcome{{Kind: ErrTemp}, {Kind: ErrTemp}, {Kind: ErrTemp}, {OK: true}}},
		{"fail:drop:1s * 2", []Outcome{{Kind: ErrDrop, Duration: time.Second, Timed: true}, {Kind: ErrDrop, Duration: time.Second, Timed: true}}},
		{"ok:0s", []Outcome{{OK: true, Timed: true}}},
	}
	for _, c := range cases {
		got, err := ParseOutcomes(c.in)
		if err != nil {
			t.Errorf("ParseOutcomes(%q): %v", c.in, err)
			continue
		}
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("ParseOutcomes(%q) (-want +got):\n%s", c.in, diff)
		}
	}
}

func TestParseOutcomesErrors(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", "no outcomes: give e.g. fail,fail,ok"},
		{"fail,,ok", "outcome 2 is empty"},
		{"fial", `outcome 1 ("fial"): unknown result "fial": want ok or fail`},
		{":11s", `outcome 1 (":11s"): missing result: want ok or fail`},
		{"fail:bogus", `outcome 1 ("fail:bogus"): unknown error kind "bogus": want one of temp, imstemp, perm, drop, down, nocredit, code=CODE`},
		{"ok,fail:11", `outcome 2 ("fail:11"): bad duration "11": want e.g. 11s, 1m30s, 6h or 3d`},
		{"fail:temp:soon", `outcome 1 ("fail:temp:soon"): bad duration "soon": want e.g. 11s, 1m30s, 6h or 3d`},
		{"ok:temp", `outcome 1 ("ok:temp"): "temp" after ok: only a duration may follow ok`},
		{"fail:temp:1s:2s", `outcome 1 ("fail:temp:1s:2s"): too many fields: want RESULT[:KIND][:DURATION]`},
		{"fail:", `outcome 1 ("fail:"): empty field after ":"`},
		{"fail:code=", `outcome 1 ("fail:code="): bad error code "code=": want code=CODE, e.g. code=24`},
		{"fail*0", `outcome 1 ("fail*0"): bad repeat count "0": want a whole number from 1 to 10000`},
		{"fail*x", `outcome 1 ("fail*x"): bad repeat count "x": want a whole number from 1 to 10000`},
		{"fail*10000,ok", "more than 10000 outcomes (--max-outcomes)"},
		{"fail*10001", "more than 10000 outcomes (--max-outcomes)"},
		{"fail*99999999999999999999", `outcome 1 ("fail*99999999999999999999"): bad repeat count "99999999999999999999": want a whole number from 1 to 10000`},
		{"ok:-1s", `outcome 1 ("ok:-1s"): bad duration "-1s": it must not be negative`},
		{"ok:1.5d", `outcome 1 ("ok:1.5d"): bad duration "1.5d": want a whole number of days before "d"`},
	}
	for _, c := range cases {
		_, err := ParseOutcomes(c.in)
		if err == nil {
			t.Errorf("ParseOutcomes(%q): no error, want %q", c.in, c.want)
			continue
		}
		if err.Error() != c.want {
			t.Errorf("ParseOutcomes(%q):\n got %q\nwant %q", c.in, err, c.want)
		}
	}
}

// TestParseOutcomesLimit: the limit counts outcomes after repetition, and a
// repeat count near the largest int does not overflow the sum.
func TestParseOutcomesLimit(t *testing.T) {
	for _, c := range []struct {
		in    string
		limit int
		n     int    // outcomes read
		want  string // the error, "" when the list is read
	}{
		{"fail*3,ok", 4, 4, ""},
		{"fail*3,ok", 3, 0, "more than 3 outcomes (--max-outcomes)"},
		{"ok,fail*9223372036854775807", 1000000, 0, "more than 1000000 outcomes (--max-outcomes)"},
		{"fail*20000", 20000, 20000, ""},
	} {
		got, err := ParseOutcomesLimit(c.in, c.limit)
		msg := ""
		if err != nil {
			msg = err.Error()
		}
		if len(got) != c.n || msg != c.want {
			t.Errorf("ParseOutcomesLimit(%q, %d): %d outcomes, error %q; want %d, %q", c.in, c.limit, len(got), msg, c.n, c.want)
		}
	}
}

func TestOutcomeString(t *testing.T) {
	cases := []struct{ in, want string }{
		{"ok", "ok"},
		{"fail:temp", "fail"},
		{"fail:IMSTEMP:11s", "fail:imstemp:11s"},
		{"fail:code=24", "fail:code=24"},
		{"ok:1d2h30m", "ok:1d2h30m0s"},
		{"fail:1.5s", "fail:1.5s"},
	}
	for _, c := range cases {
		os, err := ParseOutcomes(c.in)
		if err != nil {
			t.Fatalf("ParseOutcomes(%q): %v", c.in, err)
		}
		if got := os[0].String(); got != c.want {
			t.Errorf("ParseOutcomes(%q)[0].String() = %q, want %q", c.in, got, c.want)
		}
	}
}

// FuzzParseOutcomes checks that the parser never panics, that what it
// accepts is within bounds, and that String writes what it reads back.
func FuzzParseOutcomes(f *testing.F) {
	for _, s := range []string{"fail,fail,ok", "fail:imstemp:11s", "fail:code=24*3", "ok:1d2h", "fail:down:5m,ok", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		os, err := ParseOutcomes(s)
		if err != nil {
			if err.Error() == "" {
				t.Fatalf("ParseOutcomes(%q): empty error", s)
			}
			return
		}
		if len(os) == 0 || len(os) > MaxOutcomes {
			t.Fatalf("ParseOutcomes(%q): %d outcomes", s, len(os))
		}
		var parts []string
		for _, o := range os {
			if o.Duration < 0 {
				t.Fatalf("ParseOutcomes(%q): negative duration", s)
			}
			parts = append(parts, o.String())
		}
		again, err := ParseOutcomes(strings.Join(parts, ","))
		if err != nil {
			t.Fatalf("ParseOutcomes(%q) wrote %q, which does not parse: %v", s, strings.Join(parts, ","), err)
		}
		if diff := cmp.Diff(os, again); diff != "" {
			t.Fatalf("round trip of %q (-first +second):\n%s", s, diff)
		}
	})
}
