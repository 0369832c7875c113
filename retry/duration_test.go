package retry

import (
	"testing"
	"time"
)

func TestParseDuration(t *testing.T) {
	cases := []struct {
		in   string
		want time.Duration
		err  string
	}{
		{"30s", 30 * time.Second, ""},
		{"1m30s", 90 * time.Second, ""},
		{"3d", 72 * time.Hour, ""},
		{"1d12h", 36 * time.Hour, ""},
		{"0", 0, ""},
		{"", 0, "empty duration"},
		{"-5s", 0, `bad duration "-5s": it must not be negative`},
		{"xd", 0, `bad duration "xd": want a whole number of days before "d"`},
		{"36501d", 0, `bad duration "36501d": more than 36500 days`},
		{"1d2", 0, `bad duration "1d2": want e.g. 11s, 1m30s, 6h or 3d`},
	}
	for _, c := range cases {
		got, err := ParseDuration(c.in)
		switch {
		case c.err != "" && (err == nil || err.Error() != c.err):
			t.Errorf("ParseDuration(%q): got error %v, want %q", c.in, err, c.err)
		case c.err == "" && err != nil:
			t.Errorf("ParseDuration(%q): %v", c.in, err)
		case got != c.want:
			t.Errorf("ParseDuration(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestFormats(t *testing.T) {
	cases := []struct {
		d                              time.Duration
		elapsed, human, short, compact string
	}{
		{0, "00:00:00", "0 seconds", "0s", "0"},
		{31 * time.Second, "00:00:31", "31 seconds", "31s", "31s"},
		{90 * time.Second, "00:01:30", "1 minute 30 seconds", "90s", "1m30s"},
		{1500 * time.Millisecond, "00:00:01.5", "1.5 seconds", "1.5s", "1.5s"},
		{15330 * time.Second, "04:15:30", "4 hours 15 minutes 30 seconds", "4h15m", "4h15m30s"},
		{72 * time.Hour, "3d 00:00:00", "3 days", "3d", "3d"},
		{30*time.Hour + 5*time.Second, "1d 06:00:05", "1 day 6 hours 5 seconds", "1d6h", "1d6h5s"},
		{150 * time.Second, "00:02:30", "2 minutes 30 seconds", "2m30s", "2m30s"},
	}
	for _, c := range cases {
		if got := FormatElapsed(c.d); got != c.elapsed {
			t.Errorf("FormatElapsed(%v) = %q, want %q", c.d, got, c.elapsed)
		}
		if got := humanDuration(c.d); got != c.human {
			t.Errorf("humanDuration(%v) = %q, want %q", c.d, got, c.human)
		}
		if got := shortDuration(c.d); got != c.short {
			t.Errorf("shortDuration(%v) = %q, want %q", c.d, got, c.short)
		}
		// issue 13: the SVG writes every wait, tick and its end in this one style.
		if got := compact(c.d); got != c.compact {
			t.Errorf("compact(%v) = %q, want %q", c.d, got, c.compact)
		}
	}
}
