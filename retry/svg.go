package retry

import (
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strings"
	"time"
)

// SVG layout, in pixels.
const (
	svgWidth    = 980
	svgLeft     = 170 // lane labels
	svgRight    = 120 // room for the final label
	svgTop      = 78
	svgLane     = 46
	svgMarkR    = 6
	svgMinGapPx = 14 // below this a linear axis would crowd events: use a logarithmic one
)

// Colours, one per meaning.
const (
	colOK       = "#2e7d32"
	colTemp     = "#ef6c00"
	colPerm     = "#c62828"
	colCredit   = "#f9a825"
	colWait     = "#64b5f6"
	colUser     = "#8e24aa"
	colDown     = "#757575"
	colExpired  = "#6d4c41"
	colInk      = "#1f2328"
	colMuted    = "#57606a"
	colGrid     = "#d0d7de"
	colLaneBand = "#f6f8fa"
)

// timeScale maps a time to an x position.
type timeScale struct {
	log  bool
	end  time.Duration // the right end of the axis
	unit float64       // seconds: the log scale is linear below about this
	x0   float64
	w    float64
}

func (s timeScale) x(t time.Duration) float64 {
	if s.end <= 0 {
		return s.x0
	}
	var f float64
	if s.log {
		f = math.Log1p(t.Seconds()/s.unit) / math.Log1p(s.end.Seconds()/s.unit)
	} else {
		f = t.Seconds() / s.end.Seconds()
	}
	return s.x0 + f*s.w
}

// chooseScale picks the axis. Attempt marks must stay apart: a linear axis is used when its closest two distinct mark
// times are svgMinGapPx apart; otherwise a logarithmic one, log(1+t/unit),
// with the unit that keeps the closest marks farthest apart, so that
// seconds and days both stay readable.
func chooseScale(t *Timeline, x0, w float64) timeScale {
	end := t.End()
	for _, e := range t.Events {
		end = max(end, e.End())
	}
	if end <= 0 {
		return timeScale{end: time.Second, x0: x0, w: w}
	}
	var marks []time.Duration
	for _, e := range t.Events {
		if e.Kind == KindAttempt {
			if len(marks) == 0 || e.At != marks[len(marks)-1] {
				marks = append(marks, e.At)
			}
		}
	}
	spread := func(s timeScale) float64 {
		d := math.Inf(1)
		for i := 1; i < len(marks); i++ {
			d = min(d, s.x(marks[i])-s.x(marks[i-1]))
		}
		return d
	}
	best := timeScale{end: end, x0: x0, w: w}
	if spread(best) >= svgMinGapPx {
		return best
	}
	bestSpread := spread(best)
	for unit := 0.001; unit < end.Seconds(); unit *= 1.5 {
		s := timeScale{log: true, end: end, unit: unit, x0: x0, w: w}
		if sp := spread(s); sp > bestSpread {
			best, bestSpread = s, sp
		}
	}
	return best
}

// ticks returns the axis ticks: round steps on a linear axis, a ladder of
// familiar durations on a logarithmic one, none closer than minPx.
func (s timeScale) ticks(minPx float64) []time.Duration {
	var cands []time.Duration
	if !s.log {
		steps := []time.Duration{time.Second, 2 * time.Second, 5 * time.Second, 10 * time.Second, 15 * time.Second,
			30 * time.Second, time.Minute, 2 * time.Minute, 5 * time.Minute, 10 * time.Minute, 15 * time.Minute,
			30 * time.Minute, time.Hour, 2 * time.Hour, 3 * time.Hour, 6 * time.Hour, 12 * time.Hour, day, 2 * day, 7 * day, 30 * day, 365 * day}
		step := steps[len(steps)-1]
		for _, st := range steps {
			if s.end/st <= 8 {
				step = st
				break
			}
		}
		for t := time.Duration(0); t <= s.end; t += step {
			cands = append(cands, t)
		}
	} else {
		ladder := []time.Duration{0, time.Second, 10 * time.Second, 30 * time.Second, time.Minute, 5 * time.Minute,
			10 * time.Minute, 30 * time.Minute, time.Hour, 2 * time.Hour, 6 * time.Hour, 12 * time.Hour, day,
			2 * day, 3 * day, 7 * day, 14 * day, 30 * day, 90 * day, 365 * day}
		for _, t := range ladder {
			if t <= s.end && (t == 0 || t.Seconds() >= s.unit/2) {
				cands = append(cands, t)
			}
		}
	}
	var out []time.Duration
	last := math.Inf(-1)
	for _, t := range cands {
		if x := s.x(t); x-last >= minPx {
			out = append(out, t)
			last = x
		}
	}
	return out
}

type lane struct {
	stage   string
	channel Channel
}

// svgWriter accumulates the picture.
type svgWriter struct {
	b strings.Builder
}

func (w *svgWriter) f(format string, args ...any) { fmt.Fprintf(&w.b, format, args...) }

func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// attemptColour is the colour of an attempt's mark: how the attempt ended.
func attemptColour(t *Timeline, i int) (string, string) {
	a := t.Events[i]
	for j := i + 1; j < len(t.Events); j++ {
		e := t.Events[j]
		if e.Stage != a.Stage || e.Attempt != a.Attempt {
			continue
		}
		switch e.Kind {
		case KindFail:
			switch {
			case e.Permanent:
				return colPerm, "fails permanently"
			case e.Error == ErrNoCredit:
				return colCredit, "fails: no credit"
			}
			return colTemp, "fails"
		case KindSent, KindDelivered, KindHandedOver:
			return colOK, "succeeds"
		}
	}
	return colMuted, ""
}

func finalColour(k EventKind) string {
	switch k {
	case KindSent, KindDelivered:
		return colOK
	case KindFailed, KindRejected:
		return colPerm
	case KindExpired:
		return colExpired
	case KindManualLink:
		return colUser
	}
	return colMuted
}

// WriteSVG draws the timeline: one lane per stage and channel, attempts as
// round marks coloured by how they ended (with a thin bar for their
// duration), waits as blue bars, the user's delays as purple bars, a link
// that is down as a grey bar, hand-overs as dashed lines, the final state as
// a labelled diamond, a time axis (linear, or logarithmic when a linear one
// would crowd the events) and a legend. Every attempt mark has the class
// "attempt" and a <title> with its details.
func WriteSVG(w io.Writer, t *Timeline) error {
	if len(t.Events) == 0 {
		return fmt.Errorf("empty timeline")
	}
	// Lanes, in order of first use; events without a channel belong to
	// the lane of the stage's previous event.
	var lanes []lane
	laneOf := make([]int, len(t.Events))
	lastLane := map[string]int{}
	for i, e := range t.Events {
		if e.Channel == "" {
			if l, ok := lastLane[e.Stage]; ok {
				laneOf[i] = l
				continue
			}
		}
		l := -1
		for j, ln := range lanes {
			if ln.stage == e.Stage && ln.channel == e.Channel {
				l = j
			}
		}
		if l < 0 {
			lanes = append(lanes, lane{e.Stage, e.Channel})
			l = len(lanes) - 1
		}
		laneOf[i] = l
		lastLane[e.Stage] = l
	}
	plotW := float64(svgWidth - svgLeft - svgRight)
	sc := chooseScale(t, svgLeft, plotW)
	laneY := func(l int) float64 { return svgTop + float64(l)*svgLane + svgLane/2 }
	axisY := svgTop + float64(len(lanes))*svgLane + 8
	legendY := axisY + 48

	// Legend entries, only for what the picture shows.
	present := map[string]bool{}
	for i, e := range t.Events {
		switch e.Kind {
		case KindAttempt:
			c, _ := attemptColour(t, i)
			present["attempt"+c] = true
		default:
			present[string(e.Kind)] = true
		}
	}
	type legendItem struct {
		key, label string
		draw       func(w *svgWriter, x, y float64)
	}
	mark := func(col string) func(w *svgWriter, x, y float64) {
		return func(w *svgWriter, x, y float64) {
			w.f(`<circle cx="%.1f" cy="%.1f" r="%d" fill="%s" stroke="#fff" stroke-width="1.5"/>`, x+6, y, svgMarkR, col)
		}
	}
	bar := func(col, extra string) func(w *svgWriter, x, y float64) {
		return func(w *svgWriter, x, y float64) {
			w.f(`<rect x="%.1f" y="%.1f" width="22" height="8" rx="2" fill="%s"%s/>`, x, y-4, col, extra)
		}
	}
	items := []legendItem{
		{"attempt" + colOK, "attempt: succeeds", mark(colOK)},
		{"attempt" + colTemp, "attempt: fails", mark(colTemp)},
		{"attempt" + colCredit, "attempt: no credit", mark(colCredit)},
		{"attempt" + colPerm, "attempt: permanent error", mark(colPerm)},
		{string(KindWait), "wait", bar(colWait, "")},
		{string(KindUserWait), "waiting for the user", bar(colUser, ` fill-opacity="0.35"`)},
		{string(KindLinkDown), "SMSC link down", bar(colDown, ` fill-opacity="0.5"`)},
		{string(KindHandedOver), "handed over", func(w *svgWriter, x, y float64) {
			w.f(`<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s" stroke-width="1.5" stroke-dasharray="4 3"/>`, x+11, y-8, x+11, y+8, colMuted)
		}},
		{string(KindNotify), "user told: not sent", func(w *svgWriter, x, y float64) {
			w.f(`<path d="M%.1f %.1fl6 10h-12z" fill="%s"/>`, x+11, y-6, colCredit)
		}},
		{string(KindManualLink), "manual-retry link", func(w *svgWriter, x, y float64) {
			w.f(`<rect x="%.1f" y="%.1f" width="10" height="10" fill="%s"/>`, x+6, y-5, colUser)
		}},
	}
	var legend []legendItem
	for _, it := range items {
		if present[it.key] {
			legend = append(legend, it)
		}
	}
	legendRows := (len(legend) + 3) / 4
	height := int(legendY) + legendRows*22 + 16

	var s svgWriter
	s.f(`<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif" font-size="12">`+"\n",
		svgWidth, height, svgWidth, height)
	s.f(`<rect width="100%%" height="100%%" fill="#ffffff"/>` + "\n")
	f := t.Final()
	title := "mcsf retry: " + strings.Join(t.Chain(), " → ")
	s.f(`<text x="20" y="30" font-size="17" font-weight="600" fill="%s">%s</text>`+"\n", colInk, esc(title))
	axisName := "linear"
	if sc.log {
		axisName = "logarithmic"
	}
	s.f(`<text x="20" y="52" fill="%s">%s · time axis: %s</text>`+"\n", colMuted, esc(finalLine(t)), axisName)

	// Lanes.
	for l, ln := range lanes {
		y := svgTop + float64(l)*svgLane
		if l%2 == 0 {
			s.f(`<rect x="10" y="%.1f" width="%d" height="%d" fill="%s"/>`+"\n", y, svgWidth-20, svgLane, colLaneBand)
		}
		label := ln.stage
		if ln.channel != "" {
			label += " · " + string(ln.channel)
		}
		s.f(`<text x="%d" y="%.1f" text-anchor="end" dominant-baseline="middle" fill="%s">%s</text>`+"\n", svgLeft-14, laneY(l), colInk, esc(label))
		s.f(`<line x1="%d" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s"/>`+"\n", svgLeft, laneY(l), sc.x0+sc.w, laneY(l), colGrid)
	}

	// Axis.
	s.f(`<g class="axis">` + "\n")
	s.f(`<line x1="%d" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s"/>`+"\n", svgLeft, axisY, sc.x0+sc.w, axisY, colMuted)
	for _, tk := range sc.ticks(46) {
		x := sc.x(tk)
		s.f(`<line x1="%.1f" y1="%d" x2="%.1f" y2="%.1f" stroke="%s" stroke-dasharray="2 3"/>`, x, svgTop, x, axisY, colGrid)
		s.f(`<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s"/>`, x, axisY, x, axisY+5, colMuted)
		s.f(`<text x="%.1f" y="%.1f" text-anchor="middle" fill="%s">%s</text>`+"\n", x, axisY+18, colMuted, esc(tickLabel(tk)))
	}
	s.f(`<text x="%.1f" y="%.1f" text-anchor="middle" fill="%s" font-size="11">time since the first send</text>`+"\n", sc.x0+sc.w/2, axisY+34, colMuted)
	s.f("</g>\n")

	// Spans: waits, user delays, link down, attempt durations.
	s.f(`<g class="spans">` + "\n")
	for i, e := range t.Events {
		if !e.Kind.hasSpan() {
			continue
		}
		x1, x2 := sc.x(e.At), sc.x(e.End())
		y := laneY(laneOf[i])
		tip := fmt.Sprintf("%s–%s: %s", FormatElapsed(e.At), FormatElapsed(e.End()), e.Detail)
		switch e.Kind {
		case KindAttempt:
			if x2-x1 >= 1 {
				c, _ := attemptColour(t, i)
				s.f(`<rect class="duration" x="%.1f" y="%.1f" width="%.1f" height="4" fill="%s" fill-opacity="0.45"><title>%s</title></rect>`+"\n", x1, y-2, x2-x1, c, esc(tip))
			}
		case KindWait, KindUserWait, KindLinkDown:
			col, extra := colWait, ""
			switch e.Kind {
			case KindUserWait:
				col, extra = colUser, ` fill-opacity="0.35" stroke="`+colUser+`" stroke-dasharray="3 2"`
			case KindLinkDown:
				col, extra = colDown, ` fill-opacity="0.5"`
			}
			s.f(`<rect class="%s" x="%.1f" y="%.1f" width="%.1f" height="10" rx="2" fill="%s"%s><title>%s</title></rect>`+"\n",
				e.Kind, x1, y-5, max(x2-x1, 1), col, extra, esc(tip))
			if lbl := shortDuration(e.Duration); x2-x1 >= float64(len(lbl))*7+6 {
				s.f(`<text x="%.1f" y="%.1f" text-anchor="middle" font-size="10.5" fill="%s">%s</text>`+"\n", (x1+x2)/2, y-9, colMuted, esc(lbl))
			}
		}
	}
	s.f("</g>\n")

	// Hand-overs.
	for i, e := range t.Events {
		if e.Kind != KindHandedOver {
			continue
		}
		x := sc.x(e.At)
		s.f(`<line class="handed-over" x1="%.1f" y1="%d" x2="%.1f" y2="%.1f" stroke="%s" stroke-width="1.5" stroke-dasharray="5 4"><title>%s</title></line>`+"\n",
			x, svgTop-6, x, axisY, colMuted, esc(FormatElapsed(e.At)+": "+e.Detail))
		s.f(`<text x="%.1f" y="%d" fill="%s" font-size="11">handed over</text>`+"\n", x+4, svgTop-10, colMuted)
		_ = i
	}

	// Path through a stage's attempts, so that a change of lane shows.
	s.f(`<g class="flow" fill="none" stroke="%s" stroke-width="1" stroke-opacity="0.6">`+"\n", colMuted)
	prev := map[string][2]float64{}
	for i, e := range t.Events {
		if e.Kind != KindAttempt {
			continue
		}
		x, y := sc.x(e.At), laneY(laneOf[i])
		if p, ok := prev[e.Stage]; ok && p[1] != y {
			s.f(`<path d="M%.1f %.1fC%.1f %.1f %.1f %.1f %.1f %.1f"/>`+"\n", p[0], p[1], p[0]+12, p[1], x-12, y, x, y)
		}
		prev[e.Stage] = [2]float64{x, y}
	}
	s.f("</g>\n")

	// Marks: attempts, notices, links. Marks that would overlap in a lane
	// are stacked upwards.
	s.f(`<g class="marks">` + "\n")
	lastX := map[int]float64{}
	level := map[int]int{}
	for i, e := range t.Events {
		l := laneOf[i]
		x, y := sc.x(e.At), laneY(l)
		switch e.Kind {
		case KindAttempt:
			if px, ok := lastX[l]; ok && x-px < 2*svgMarkR+1 {
				level[l] = (level[l] + 1) % 3
			} else {
				level[l] = 0
			}
			lastX[l] = x
			dy := []float64{0, -9, 9}[level[l]]
			c, how := attemptColour(t, i)
			tip := fmt.Sprintf("%s: attempt %d", FormatElapsed(e.At), e.Attempt)
			if e.Channel != "" {
				tip += " over " + string(e.Channel)
			}
			if e.Duration > 0 {
				tip += fmt.Sprintf(" (%s)", shortDuration(e.Duration))
			}
			if how != "" {
				tip += " " + how
			}
			s.f(`<circle class="attempt" cx="%.1f" cy="%.1f" r="%d" fill="%s" stroke="#ffffff" stroke-width="1.5"><title>%s. %s</title></circle>`+"\n",
				x, y+dy, svgMarkR, c, esc(tip), esc(e.Detail))
		case KindNotify:
			s.f(`<path class="notify" d="M%.1f %.1fl6 10h-12z" fill="%s"><title>%s</title></path>`+"\n", x, y-17, colCredit, esc(FormatElapsed(e.At)+": "+e.Detail))
		case KindManualLink:
			if i == len(t.Events)-1 {
				continue // drawn as the final state
			}
			s.f(`<rect class="manual-link" x="%.1f" y="%.1f" width="10" height="10" fill="%s"><title>%s</title></rect>`+"\n", x-5, y-19, colUser, esc(FormatElapsed(e.At)+": "+e.Detail))
		}
	}
	// The final state, just right of the last attempt's mark if it would
	// cover it (the label gives the exact time).
	{
		l := laneOf[len(t.Events)-1]
		x, y := sc.x(f.At), laneY(l)
		if px, ok := lastX[l]; ok {
			x = max(x, px+2*svgMarkR+3)
		}
		col := finalColour(f.Kind)
		s.f(`<path class="final" d="M%.1f %.1fl9 9l-9 9l-9 -9z" fill="%s" stroke="#ffffff" stroke-width="1.5"><title>%s</title></path>`+"\n",
			x, y-9, col, esc(FormatElapsed(f.At)+": "+f.Detail))
		s.f(`<text x="%.1f" y="%.1f" font-weight="600" fill="%s">%s</text>`+"\n", x+13, y-3, col, esc(string(f.Kind)))
		s.f(`<text x="%.1f" y="%.1f" font-size="11" fill="%s">%s</text>`+"\n", x+13, y+11, colMuted, esc(FormatElapsed(f.At)))
	}
	s.f("</g>\n")

	// Legend.
	s.f(`<g class="legend">` + "\n")
	for i, it := range legend {
		x := 20 + float64(i%4)*235
		y := legendY + float64(i/4)*22
		it.draw(&s, x, y)
		s.f(`<text x="%.1f" y="%.1f" dominant-baseline="middle" fill="%s">%s</text>`+"\n", x+30, y, colInk, esc(it.label))
	}
	s.f("</g>\n</svg>\n")
	_, err := io.WriteString(w, s.b.String())
	return err
}

// tickLabel writes an axis time: "0", "45s", "1m30s", "2h", "1d12h".
func tickLabel(d time.Duration) string {
	two := func(big, small time.Duration, bu, su string) string {
		if r := d % big / small; r != 0 {
			return fmt.Sprintf("%d%s%d%s", d/big, bu, r, su)
		}
		return fmt.Sprintf("%d%s", d/big, bu)
	}
	switch {
	case d == 0:
		return "0"
	case d < time.Minute:
		return shortDuration(d)
	case d < time.Hour:
		return two(time.Minute, time.Second, "m", "s")
	case d < day:
		return two(time.Hour, time.Minute, "h", "m")
	}
	return two(day, time.Hour, "d", "h")
}
