package retry

import (
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"time"
)

// SVG layout, in pixels.
const (
	svgWidth    = 980
	svgLeft     = 200 // lane labels: owner, then stage and channel
	svgRight    = 150 // room for the final label
	svgLane     = 50
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
	colUnknown  = "#6e7781" // undecided, pending: the tool cannot say
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
	// Marks sit where attempts end (how they ended) and where they start.
	var marks []time.Duration
	for _, e := range t.Events {
		if e.Kind == KindAttempt {
			marks = append(marks, e.End())
		}
	}
	slices.Sort(marks)
	marks = slices.Compact(marks)
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
	// The end is always labelled (on a logarithmic axis nothing else
	// says where it is); ticks too close to it give way.
	endX := s.x(s.end)
	var out []time.Duration
	last := math.Inf(-1)
	for _, t := range cands {
		if x := s.x(t); x-last >= minPx && endX-x >= minPx && t < s.end {
			out = append(out, t)
			last = x
		}
	}
	return append(out, s.end)
}

type lane struct {
	stage   string
	owner   Owner
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

// attemptEnd finds how the attempt of event i ended: its colour and a word.
func attemptEnd(t *Timeline, i int) (string, string) {
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
		case KindSent, KindDelivered, KindHandedOver, KindReport:
			if e.Kind == KindReport && e.DLR != "DELIVERED" {
				continue
			}
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
	return colUnknown
}

// compact writes a duration in the one unit style of the picture (waits,
// axis, end): every non-zero unit, largest first: "20s", "1m30s", "2h8m",
// "4h15m30s", "1d6h".
func compact(d time.Duration) string {
	if d == 0 {
		return "0"
	}
	var b strings.Builder
	for _, u := range []struct {
		d    time.Duration
		name string
	}{{day, "d"}, {time.Hour, "h"}, {time.Minute, "m"}} {
		if n := d / u.d; n > 0 {
			fmt.Fprintf(&b, "%d%s", n, u.name)
			d -= n * u.d
		}
	}
	if d > 0 {
		b.WriteString(strings.TrimSuffix(fmt.Sprintf("%g", d.Seconds()), ".0") + "s")
	}
	return b.String()
}

// svgLegend is one legend entry: a key saying when it shows, a label and
// how to draw its mark.
type svgLegend struct {
	key, label string
	draw       func(w *svgWriter, x, y float64)
}

func svgLegends() []svgLegend {
	dot := func(col string) func(w *svgWriter, x, y float64) {
		return func(w *svgWriter, x, y float64) {
			w.f(`<circle cx="%.1f" cy="%.1f" r="%d" fill="%s" stroke="#fff" stroke-width="1.5"/>`, x+11, y, svgMarkR, col)
		}
	}
	bar := func(col, extra string) func(w *svgWriter, x, y float64) {
		return func(w *svgWriter, x, y float64) {
			w.f(`<rect x="%.1f" y="%.1f" width="22" height="10" rx="2" fill="%s"%s/>`, x, y-5, col, extra)
		}
	}
	diamond := func(w *svgWriter, x, y float64) {
		w.f(`<path d="M%.1f %.1fl8 8l-8 8l-8 -8z" fill="%s"/>`, x+11, y-8, colInk)
	}
	return []svgLegend{
		{"attempt", "attempt: a bar from its start (tick) to its end", func(w *svgWriter, x, y float64) {
			w.f(`<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s" stroke-width="2"/>`, x, y-7, x, y+7, colInk)
			w.f(`<rect x="%.1f" y="%.1f" width="22" height="5" fill="%s" fill-opacity="0.45"/>`, x, y-2.5, colTemp)
		}},
		{"end" + colOK, "attempt ends: succeeds", dot(colOK)},
		{"end" + colTemp, "attempt ends: fails", dot(colTemp)},
		{"end" + colCredit, "attempt ends: no credit", dot(colCredit)},
		{"end" + colPerm, "attempt ends: permanent error", dot(colPerm)},
		{string(KindWait), "wait (its length above)", bar(colWait, "")},
		{string(KindUserWait), "waiting for the user", bar(colUser, ` fill-opacity="0.35"`)},
		{string(KindLinkDown), "SMSC link down: no attempt", bar(colDown, ` fill-opacity="0.5"`)},
		{string(KindHandedOver), "handed over to the next stage", func(w *svgWriter, x, y float64) {
			w.f(`<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s" stroke-width="1.5" stroke-dasharray="4 3"/>`, x+11, y-8, x+11, y+8, colMuted)
		}},
		{string(KindReport), "delivery report to the content provider", func(w *svgWriter, x, y float64) {
			w.f(`<path d="M%.1f %.1fh14l6 6l-6 6h-14z" fill="%s"/>`, x+2, y-6, colExpired)
		}},
		{string(KindNotify), "user told: not sent", func(w *svgWriter, x, y float64) {
			w.f(`<path d="M%.1f %.1fl6 10h-12z" fill="%s"/>`, x+11, y-6, colCredit)
		}},
		{string(KindManualLink), "manual-retry link shown", func(w *svgWriter, x, y float64) {
			w.f(`<rect x="%.1f" y="%.1f" width="10" height="10" fill="%s"/>`, x+6, y-5, colUser)
		}},
		{"final", "final state (diamond), with its time", diamond},
	}
}

// WriteSVG draws the timeline. The header names the chain, the message's
// direction and every stage with its owner and the settings behind it
// (where each value comes from, or that it is assumed), then the final
// state. One lane per stage and channel, labelled with the stage's owner.
// An attempt is a bar from its start (a tick) to its end, where a round
// mark says how it ended, so a download that fails after 11 s fails at
// 11 s; waits are blue bars labelled with their length, the user's delays
// purple, a link that is down grey; hand-overs are dashed lines, delivery
// reports arrows, the final state a labelled diamond. The time axis is
// linear, or logarithmic when a linear one would crowd the marks, and its
// end is always labelled. The legend lists every mark the picture uses.
// Every attempt has the class "attempt" and a <title> with its details.
func WriteSVG(w io.Writer, t *Timeline) error {
	if len(t.Events) == 0 {
		return fmt.Errorf("empty timeline")
	}
	// Header lines: direction, each stage's owner and settings, the end.
	type hline struct {
		text, weight, size, colour string
	}
	header := []hline{{"message: " + t.Direction.Describe(), "600", "12", colInk}}
	for _, st := range t.Stages {
		for _, l := range strings.Split(strings.TrimRight(wrap(fmt.Sprintf("[%s] %s", st.Owner, st.Policy.Summary()), 150, "    "), "\n"), "\n") {
			header = append(header, hline{l, "400", "11.5", colInk})
		}
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
			lanes = append(lanes, lane{e.Stage, owner(e.Stage), e.Channel})
			l = len(lanes) - 1
		}
		laneOf[i] = l
		lastLane[e.Stage] = l
	}
	plotW := float64(svgWidth - svgLeft - svgRight)
	sc := chooseScale(t, svgLeft, plotW)
	f := t.Final()
	axisName := "linear"
	if sc.log {
		axisName = "logarithmic"
	}
	for _, l := range strings.Split(strings.TrimRight(wrap(finalLine(t)+" · time axis: "+axisName, 140, "    "), "\n"), "\n") {
		header = append(header, hline{l, "400", "12", colMuted})
	}
	// Why it ends: an undecided end says which value is unknown.
	for _, l := range strings.Split(strings.TrimRight(wrap("why: "+f.Detail, 140, "    "), "\n"), "\n") {
		header = append(header, hline{l, "400", "12", colMuted})
	}
	top := 48 + float64(len(header))*16 + 20
	laneY := func(l int) float64 { return top + float64(l)*svgLane + svgLane/2 }
	axisY := top + float64(len(lanes))*svgLane + 8
	legendY := axisY + 52

	// Legend entries, only for what the picture shows.
	present := map[string]bool{"final": true}
	for i, e := range t.Events {
		switch {
		case i == len(t.Events)-1 && e.Kind != KindAttempt:
			// drawn as the final diamond
		case e.Kind == KindAttempt:
			c, _ := attemptEnd(t, i)
			present["end"+c] = true
		default:
			present[string(e.Kind)] = true
		}
	}
	present["attempt"] = true // the start tick is always drawn
	var legend []svgLegend
	for _, it := range svgLegends() {
		if present[it.key] {
			legend = append(legend, it)
		}
	}
	const legendCols = 3
	legendRows := (len(legend) + legendCols - 1) / legendCols
	height := int(legendY) + legendRows*22 + 12

	var s svgWriter
	s.f(`<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif" font-size="12">`+"\n",
		svgWidth, height, svgWidth, height)
	s.f(`<rect width="100%%" height="100%%" fill="#ffffff"/>` + "\n")
	title := "mcsf retry: " + strings.Join(t.Chain(), " → ")
	s.f(`<text x="20" y="30" font-size="17" font-weight="600" fill="%s">%s</text>`+"\n", colInk, esc(title))
	s.f(`<g class="header">` + "\n")
	for i, h := range header {
		s.f(`<text x="20" y="%d" font-size="%s" font-weight="%s" fill="%s" xml:space="preserve">%s</text>`+"\n", 52+i*16, h.size, h.weight, h.colour, esc(h.text))
	}
	s.f("</g>\n")

	// Lanes.
	for l, ln := range lanes {
		y := top + float64(l)*svgLane
		if l%2 == 0 {
			s.f(`<rect x="10" y="%.1f" width="%d" height="%d" fill="%s"/>`+"\n", y, svgWidth-20, svgLane, colLaneBand)
		}
		label := ln.stage
		if ln.channel != "" {
			label += " · " + string(ln.channel)
		}
		s.f(`<text class="owner" x="%d" y="%.1f" text-anchor="end" font-size="10.5" font-weight="600" fill="%s">%s</text>`+"\n", svgLeft-14, laneY(l)-5, colMuted, esc(strings.ToUpper(string(ln.owner))))
		s.f(`<text x="%d" y="%.1f" text-anchor="end" fill="%s">%s</text>`+"\n", svgLeft-14, laneY(l)+10, colInk, esc(label))
		s.f(`<line x1="%d" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s"/>`+"\n", svgLeft, laneY(l), sc.x0+sc.w, laneY(l), colGrid)
	}

	// Axis: ticks in the picture's one unit style, the end always labelled.
	s.f(`<g class="axis">` + "\n")
	s.f(`<line x1="%d" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s"/>`+"\n", svgLeft, axisY, sc.x0+sc.w, axisY, colMuted)
	ticks := sc.ticks(52)
	for i, tk := range ticks {
		x := sc.x(tk)
		weight := "400"
		if i == len(ticks)-1 {
			weight = "600"
		}
		s.f(`<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s" stroke-dasharray="2 3"/>`, x, top, x, axisY, colGrid)
		s.f(`<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s"/>`, x, axisY, x, axisY+5, colMuted)
		s.f(`<text class="tick" x="%.1f" y="%.1f" text-anchor="middle" font-weight="%s" fill="%s">%s</text>`+"\n", x, axisY+18, weight, colMuted, esc(compact(tk)))
	}
	s.f(`<text x="%.1f" y="%.1f" text-anchor="middle" fill="%s" font-size="11">time since the first send (%s axis)</text>`+"\n", sc.x0+sc.w/2, axisY+36, colMuted, axisName)
	s.f("</g>\n")

	// Spans: waits, user delays, link down, attempts.
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
			c, _ := attemptEnd(t, i)
			s.f(`<rect class="attempt-bar" x="%.1f" y="%.1f" width="%.1f" height="5" fill="%s" fill-opacity="0.45"><title>%s</title></rect>`+"\n", x1, y-2.5, max(x2-x1, 0), c, esc(tip))
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
			if lbl := compact(e.Duration); x2-x1 >= float64(len(lbl))*6.5+6 {
				s.f(`<text class="span-label" x="%.1f" y="%.1f" text-anchor="middle" font-size="10.5" fill="%s">%s</text>`+"\n", (x1+x2)/2, y-9, colMuted, esc(lbl))
			}
		}
	}
	s.f("</g>\n")

	// Hand-overs and delivery reports: the message changes stage.
	for i, e := range t.Events {
		if e.Kind != KindHandedOver && e.Kind != KindReport {
			continue
		}
		x, y := sc.x(e.At), laneY(laneOf[i])
		s.f(`<line class="%s" x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s" stroke-width="1.5" stroke-dasharray="5 4"><title>%s</title></line>`+"\n",
			e.Kind, x, top-4, x, axisY, colMuted, esc(FormatElapsed(e.At)+": "+e.Detail))
		if e.Kind == KindReport {
			s.f(`<path class="dlr" d="M%.1f %.1fh14l6 6l-6 6h-14z" fill="%s"><title>%s</title></path>`+"\n", x+4, y+8, colExpired, esc(FormatElapsed(e.At)+": "+e.Detail))
			s.f(`<text x="%.1f" y="%.1f" font-size="10.5" fill="%s">DLR %s</text>`+"\n", x+28, y+18, colExpired, esc(e.DLR))
		}
	}

	// Flow through a stage's attempts, so that a change of lane shows.
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
		prev[e.Stage] = [2]float64{sc.x(e.End()), y}
	}
	s.f("</g>\n")

	// Marks: a tick where each attempt starts, a round mark where it ends
	// (stacked when they would overlap), notices and links.
	s.f(`<g class="marks">` + "\n")
	lastX := map[int]float64{}
	level := map[int]int{}
	for i, e := range t.Events {
		l := laneOf[i]
		x, y := sc.x(e.At), laneY(l)
		switch e.Kind {
		case KindAttempt:
			xe := sc.x(e.End())
			if px, ok := lastX[l]; ok && xe-px < 2*svgMarkR+1 {
				level[l] = (level[l] + 1) % 3
			} else {
				level[l] = 0
			}
			lastX[l] = xe
			dy := []float64{0, -9, 9}[level[l]]
			c, how := attemptEnd(t, i)
			tip := fmt.Sprintf("attempt %d", e.Attempt)
			if e.Channel != "" {
				tip += " over " + string(e.Channel)
			}
			tip += fmt.Sprintf(": starts %s, ends %s", FormatElapsed(e.At), FormatElapsed(e.End()))
			if how != "" {
				tip += ", " + how
			}
			s.f(`<line class="attempt-start" x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s" stroke-width="2"/>`+"\n", x, y-7+dy, x, y+7+dy, colInk)
			s.f(`<circle class="attempt" cx="%.1f" cy="%.1f" r="%d" fill="%s" stroke="#ffffff" stroke-width="1.5"><title>%s. %s</title></circle>`+"\n",
				xe, y+dy, svgMarkR, c, esc(tip), esc(e.Detail))
		case KindNotify:
			s.f(`<path class="notify" d="M%.1f %.1fl6 10h-12z" fill="%s"><title>%s</title></path>`+"\n", x, y-19, colCredit, esc(FormatElapsed(e.At)+": "+e.Detail))
		case KindManualLink:
			if i == len(t.Events)-1 {
				continue // drawn as the final state
			}
			s.f(`<rect class="manual-link" x="%.1f" y="%.1f" width="10" height="10" fill="%s"><title>%s</title></rect>`+"\n", x-5, y-21, colUser, esc(FormatElapsed(e.At)+": "+e.Detail))
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
		label := string(f.Kind)
		s.f(`<path class="final" d="M%.1f %.1fl9 9l-9 9l-9 -9z" fill="%s" stroke="#ffffff" stroke-width="1.5"><title>%s</title></path>`+"\n",
			x, y-9, col, esc(FormatElapsed(f.At)+": "+f.Detail))
		s.f(`<text x="%.1f" y="%.1f" font-weight="600" fill="%s">%s</text>`+"\n", x+13, y-3, col, esc(label))
		s.f(`<text x="%.1f" y="%.1f" font-size="11" fill="%s">%s</text>`+"\n", x+13, y+11, colMuted, esc(FormatElapsed(f.At)))
		if f.DLR != "" {
			s.f(`<text class="final-dlr" x="%.1f" y="%.1f" font-size="11" fill="%s">DLR %s</text>`+"\n", x+13, y+24, col, esc(f.DLR))
		}
	}
	s.f("</g>\n")

	// Legend.
	s.f(`<g class="legend">` + "\n")
	for i, it := range legend {
		x := 20 + float64(i%legendCols)*315
		y := legendY + float64(i/legendCols)*22
		it.draw(&s, x, y)
		s.f(`<text x="%.1f" y="%.1f" dominant-baseline="middle" fill="%s">%s</text>`+"\n", x+30, y, colInk, esc(it.label))
	}
	s.f("</g>\n</svg>\n")
	_, err := io.WriteString(w, s.b.String())
	return err
}
