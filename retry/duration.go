package retry

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

const day = 24 * time.Hour

// maxDays bounds durations well inside time.Duration's range (about 292 years).
const maxDays = 36500

// ParseDuration reads a duration in Go's syntax ("30s", "1h30m", "1.5s")
// with one more unit in front: whole days ("3d", "1d12h"). Negative
// durations are refused.
func ParseDuration(s string) (time.Duration, error) {
	orig := s
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, fmt.Errorf("empty duration")
	}
	var days time.Duration
	if i := strings.IndexByte(s, 'd'); i > 0 {
		n, err := strconv.ParseInt(s[:i], 10, 32)
		if err != nil || n < 0 {
			return 0, fmt.Errorf("bad duration %q: want a whole number of days before \"d\"", orig)
		}
		if n > maxDays {
			return 0, fmt.Errorf("bad duration %q: more than %d days", orig, maxDays)
		}
		days = time.Duration(n) * day
		s = s[i+1:]
		if s == "" {
			return days, nil
		}
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("bad duration %q: want e.g. 11s, 1m30s, 6h or 3d", orig)
	}
	if d < 0 {
		return 0, fmt.Errorf("bad duration %q: it must not be negative", orig)
	}
	if days > 0 && d > (1<<63-1)-days {
		return 0, fmt.Errorf("bad duration %q: too long", orig)
	}
	return days + d, nil
}

// FormatElapsed writes d as hh:mm:ss, with a day count in front past 24
// hours ("2d 06:00:00") and a fraction of a second only when there is one
// ("00:00:01.5"), the way Microsoft's worked example shows elapsed time.
func FormatElapsed(d time.Duration) string {
	sign := ""
	if d < 0 {
		sign, d = "-", -d
	}
	days := d / day
	d -= days * day
	h := d / time.Hour
	d -= h * time.Hour
	m := d / time.Minute
	d -= m * time.Minute
	s := d / time.Second
	frac := d - s*time.Second
	out := fmt.Sprintf("%02d:%02d:%02d", h, m, s)
	if frac > 0 {
		out += strings.TrimRight(fmt.Sprintf(".%09d", frac), "0")
	}
	if days > 0 {
		out = fmt.Sprintf("%dd %s", days, out)
	}
	return sign + out
}

// humanDuration writes d in words: "20 seconds", "4 hours 15 minutes 30
// seconds", "3 days".
func humanDuration(d time.Duration) string {
	if d == 0 {
		return "0 seconds"
	}
	var parts []string
	unit := func(n int64, word string) {
		if n == 0 {
			return
		}
		if n == 1 {
			parts = append(parts, "1 "+word)
			return
		}
		parts = append(parts, fmt.Sprintf("%d %ss", n, word))
	}
	unit(int64(d/day), "day")
	d %= day
	unit(int64(d/time.Hour), "hour")
	d %= time.Hour
	unit(int64(d/time.Minute), "minute")
	d %= time.Minute
	if d%time.Second != 0 {
		parts = append(parts, strconv.FormatFloat(d.Seconds(), 'f', -1, 64)+" seconds")
	} else {
		unit(int64(d/time.Second), "second")
	}
	return strings.Join(parts, " ")
}

// shortDuration writes d compactly for summaries, axis labels and bars:
// "20s", "90s", "2m30s", "4h15m", "3d". Up to two minutes it counts seconds,
// as MMS waits are written; past a day it drops minutes.
func shortDuration(d time.Duration) string {
	switch {
	case d == 0:
		return "0s"
	case d%day == 0:
		return fmt.Sprintf("%dd", d/day)
	case d >= day:
		return fmt.Sprintf("%dd%dh", d/day, (d%day)/time.Hour)
	case d%time.Hour == 0:
		return fmt.Sprintf("%dh", d/time.Hour)
	case d >= time.Hour:
		return fmt.Sprintf("%dh%dm", d/time.Hour, (d%time.Hour)/time.Minute)
	case d > 2*time.Minute && d%time.Minute == 0:
		return fmt.Sprintf("%dm", d/time.Minute)
	case d > 2*time.Minute:
		return fmt.Sprintf("%dm%ds", d/time.Minute, (d%time.Minute)/time.Second)
	case d%time.Second == 0:
		return fmt.Sprintf("%ds", d/time.Second)
	}
	return strconv.FormatFloat(d.Seconds(), 'f', -1, 64) + "s"
}

// exactDuration writes d so that ParseDuration reads back the same value:
// Go's syntax with whole days in front ("1d2h0m0.5s").
func exactDuration(d time.Duration) string {
	if d < day {
		return d.String()
	}
	out := fmt.Sprintf("%dd", d/day)
	if rem := d % day; rem > 0 {
		out += rem.String()
	}
	return out
}
