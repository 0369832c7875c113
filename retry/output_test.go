package retry

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/mcsf-dev/mcsf/schema"
)

func TestWriteTextWorkedExample(t *testing.T) {
	tl := run(t, []Policy{mmsOn()}, "fail:11s,fail:18s,fail:5s")
	var b bytes.Buffer
	if err := WriteText(&b, tl); err != nil {
		t.Fatal(err)
	}
	want := `message: MT, mobile-terminated: a message to the handset
[handset] mms: AutoRetryDownload=1 (from --flag): automatic retries after waits of 20s, 40s, 60s, then the manual-retry link

ELAPSED   ACTIVITY
00:00:00  Initial download starts.
00:00:11  Initial download fails due to a transient error. First wait starts and is scheduled for 20 seconds.
00:00:31  First wait times out, first retry download starts.
00:00:49  First retry download fails due to a transient error. Second wait starts and is scheduled for 40 seconds.
00:01:29  Second wait times out, second retry download starts.
00:01:34  Second retry download fails due to a transient error. Third wait starts and is scheduled for 60 seconds.
00:02:34  Third wait times out, third retry download starts.
00:02:39  Third retry download fails due to a transient error. The message stays in its thread with a link to retry the download by hand.

final: manual-link at 00:02:39 after 4 attempts
`
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("WriteText (-want +got):\n%s", diff)
	}
}

func TestWriteTextChain(t *testing.T) {
	tl := run(t, []Policy{NewSMS(), NewAggregator()}, "fail:imstemp:2s,ok:3s,fail,ok")
	var b bytes.Buffer
	if err := WriteText(&b, tl); err != nil {
		t.Fatal(err)
	}
	want := `message: MO, mobile-originated: the handset's own message
[handset] sms: AttemptThresholdForIMS not configured (assumed: no flag, no file), RetryEnabled=1 (the documented default; assumed: no flag, no file)
[aggregator] aggregator: general strategy, first wait 30s, each wait ×2, 10 attempts, validity not limited

ELAPSED   STAGE       ACTIVITY
00:00:00  sms         Attempt 1 starts over IMS (AttemptThresholdForIMS not configured: IMS is not limited [policy]).
00:00:02  sms         Attempt 1 over IMS fails with RIL_E_IMSTEMPFAILURE (a temporary IMS failure). RetryEnabled=1: the device retries once, not over IMS, without telling the user.
00:00:02  sms         Attempt 2 starts over 3GPP/3GPP2 (automatic retry: the user is not told of attempt 1).
00:00:05  sms         The message leaves the device over 3GPP/3GPP2; aggregator takes over.
00:00:05  aggregator  Attempt 1 of 10: the aggregator submits the MO message to the content provider's server. Attempt 1 fails with a temporary error. Wait 1 starts and is scheduled for 30 seconds.
00:00:35  aggregator  Attempt 2 of 10: the aggregator submits the MO message to the content provider's server. The content provider's server accepts the MO message.

final: delivered at 00:00:35 after 4 attempts (sms 2, aggregator 2)
`
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("WriteText (-want +got):\n%s", diff)
	}
}

// allTimelines returns one timeline per policy and a few chains.
func allTimelines(t *testing.T) map[string]*Timeline {
	agg := NewAggregator()
	agg.Validity = 1800e9
	bill := NewBilling()
	prov := NewProvider()
	prov.DropDown = []Price{1000, 450}
	mo := NewAggregator()
	mo.Direction = DirMO
	now := NewNowSMS()
	now.RejectAll = true
	return map[string]*Timeline{
		"mms":                 run(t, []Policy{mmsOn()}, "fail:11s,fail:18s,fail:5s,fail,ok:1.5s"),
		"sms":                 run(t, []Policy{NewSMS()}, "fail:imstemp,fail,ok"),
		"nowsms":              run(t, []Policy{NewNowSMS()}, "fail:down:1m,fail:drop,fail:code=24,ok"),
		"nowsms all":          run(t, []Policy{now}, "fail:drop,fail:code=1"),
		"aggregator":          run(t, []Policy{agg}, ""),
		"billing":             run(t, []Policy{bill}, ""),
		"chain":               run(t, []Policy{NewSMS(), NewAggregator()}, "ok,fail,ok"),
		"mms chain":           run(t, []Policy{NewNowSMS(), mmsOn()}, "ok,fail:11s,ok"),
		"premium":             run(t, []Policy{bill, prov}, "fail:nocredit,fail,fail:nocredit*3,ok"),
		"aggregator provider": run(t, []Policy{NewAggregator(), prov}, "fail:perm"),
		"mo":                  run(t, []Policy{mo}, "fail,ok"),
		"undecided":           run(t, []Policy{func() MMS { m := NewMMS(); m.AutoRetry = flag("AutoRetryDownload", 2); return m }()}, "fail"),
	}
}

func TestWriteJSONMatchesSchema(t *testing.T) {
	for name, tl := range allTimelines(t) {
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteJSON(&b, tl); err != nil {
				t.Fatal(err)
			}
			var v any
			if err := json.Unmarshal(b.Bytes(), &v); err != nil {
				t.Fatalf("output is not JSON: %v", err)
			}
			errs, err := schema.Validate("retry-output", v)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range errs {
				t.Errorf("%s: %s (%s)", e.InstanceLocation, e.Message, e.KeywordLocation)
			}
		})
	}
}

func TestWriteJSONFields(t *testing.T) {
	tl := run(t, []Policy{mmsOn()}, "fail:11s,ok:2s")
	var b bytes.Buffer
	if err := WriteJSON(&b, tl); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Chain []string
		Final struct {
			State     string
			AtSeconds float64 `json:"at_seconds"`
			At        string
			Attempts  int
		}
		Events []map[string]any
	}
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Final.State != "delivered" || got.Final.AtSeconds != 33 || got.Final.At != "00:00:33" || got.Final.Attempts != 2 {
		t.Errorf("final = %+v, want delivered at 33 s (00:00:33) after 2 attempts", got.Final)
	}
	wantKinds := []string{"attempt", "fail", "wait", "attempt", "delivered"}
	var kinds []string
	for _, e := range got.Events {
		kinds = append(kinds, e["kind"].(string))
	}
	if diff := cmp.Diff(wantKinds, kinds); diff != "" {
		t.Errorf("event kinds (-want +got):\n%s", diff)
	}
	if d := got.Events[2]["duration_seconds"]; d != 20.0 {
		t.Errorf("wait duration_seconds = %v, want 20", d)
	}
}

// svgDoc is what the SVG test reads back: every element with its class.
type svgElem struct {
	name, class string
}

func parseSVG(t *testing.T, data []byte) []svgElem {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	var out []svgElem
	root := ""
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			if root == "" {
				root = se.Name.Space + " " + se.Name.Local
			}
			e := svgElem{name: se.Name.Local}
			for _, a := range se.Attr {
				if a.Name.Local == "class" {
					e.class = a.Value
				}
			}
			out = append(out, e)
		}
	}
	if root != "http://www.w3.org/2000/svg svg" {
		t.Fatalf("root element is %q, want svg in the SVG namespace", root)
	}
	return out
}

func TestWriteSVG(t *testing.T) {
	for name, tl := range allTimelines(t) {
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteSVG(&b, tl); err != nil {
				t.Fatal(err)
			}
			count := map[string]int{}
			for _, e := range parseSVG(t, b.Bytes()) {
				count[e.name+"."+e.class]++
			}
			if got, want := count["circle.attempt"], tl.Attempts(); got != want {
				t.Errorf("got %d attempt marks, want %d", got, want)
			}
			if got := count["path.final"]; got != 1 {
				t.Errorf("got %d final marks, want 1", got)
			}
			waits := 0
			for _, e := range tl.Events {
				if e.Kind == KindWait {
					waits++
				}
			}
			if got := count["rect.wait"]; got != waits {
				t.Errorf("got %d wait bars, want %d", got, waits)
			}
		})
	}
}

// TestRenderSVG renders a picture with rsvg-convert when it is installed,
// to catch SVG that parses as XML but not as SVG.
func TestRenderSVG(t *testing.T) {
	bin, err := exec.LookPath("rsvg-convert")
	if err != nil {
		t.Skip("rsvg-convert not installed (apt-get install librsvg2-bin); SVG rendering not checked")
	}
	dir := t.TempDir()
	for name, tl := range allTimelines(t) {
		var b bytes.Buffer
		if err := WriteSVG(&b, tl); err != nil {
			t.Fatal(err)
		}
		in := filepath.Join(dir, strings.ReplaceAll(name, " ", "-")+".svg")
		if err := os.WriteFile(in, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(bin, in).Output()
		if err != nil {
			t.Errorf("%s: rsvg-convert: %v", name, err)
			continue
		}
		if !bytes.HasPrefix(out, []byte("\x89PNG")) {
			t.Errorf("%s: rsvg-convert wrote no PNG", name)
		}
	}
}

func TestChooseScale(t *testing.T) {
	cases := []struct {
		name    string
		tl      *Timeline
		wantLog bool
	}{
		{"mms worked example is linear", run(t, []Policy{mmsOn()}, "fail:11s,fail:18s,fail:5s"), false},
		{"billing days are linear", run(t, []Policy{NewBilling()}, ""), false},
		{"aggregator back-off is logarithmic", run(t, []Policy{NewAggregator()}, ""), true},
		{"nowsms defaults are logarithmic", run(t, []Policy{NewNowSMS()}, ""), true},
	}
	for _, c := range cases {
		if got := chooseScale(c.tl, 0, 600).log; got != c.wantLog {
			t.Errorf("%s: got log=%v", c.name, got)
		}
	}
}

func TestSchemaRejectsBadOutput(t *testing.T) {
	var b bytes.Buffer
	if err := WriteJSON(&b, run(t, []Policy{NewSMS()}, "")); err != nil {
		t.Fatal(err)
	}
	var v map[string]any
	if err := json.Unmarshal(b.Bytes(), &v); err != nil {
		t.Fatal(err)
	}
	v["final"].(map[string]any)["state"] = "handed-over"
	errs, err := schema.Validate("retry-output", v)
	if err != nil {
		t.Fatal(err)
	}
	if len(errs) == 0 || errs[0].InstanceLocation != "/final/state" {
		t.Errorf("got %v, want an error at /final/state", errs)
	}
}

// svgNode is an element of a rendered SVG with its attributes and text.
type svgNode struct {
	name  string
	attrs map[string]string
	text  string
}

func svgNodes(t *testing.T, tl *Timeline) []svgNode {
	t.Helper()
	var b bytes.Buffer
	if err := WriteSVG(&b, tl); err != nil {
		t.Fatal(err)
	}
	d := xml.NewDecoder(&b)
	var out []svgNode
	var stack []int
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatalf("SVG is not XML: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			n := svgNode{name: tok.Name.Local, attrs: map[string]string{}}
			for _, a := range tok.Attr {
				n.attrs[a.Name.Local] = a.Value
			}
			out = append(out, n)
			stack = append(stack, len(out)-1)
		case xml.CharData:
			if len(stack) > 0 {
				out[stack[len(stack)-1]].text += string(tok)
			}
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		}
	}
}

func texts(ns []svgNode) []string {
	var out []string
	for _, n := range ns {
		if n.name == "text" {
			out = append(out, n.text)
		}
	}
	return out
}

func byClass(ns []svgNode, name, class string) []svgNode {
	var out []svgNode
	for _, n := range ns {
		if n.name == name && n.attrs["class"] == class {
			out = append(out, n)
		}
	}
	return out
}

// TestSVGTellsTheSameTruth pins what issue 13 asks of the picture ("The
// picture tells the same truth").
func TestSVGTellsTheSameTruth(t *testing.T) {
	t.Run("an attempt ends where it fails (domain.md §4 worked example: 11 s)", func(t *testing.T) {
		tl := run(t, []Policy{mmsOn()}, "fail:11s,fail:18s,fail:5s")
		ns := svgNodes(t, tl)
		sc := chooseScale(tl, svgLeft, svgWidth-svgLeft-svgRight)
		starts, ends := byClass(ns, "line", "attempt-start"), byClass(ns, "circle", "attempt")
		if len(starts) != 4 || len(ends) != 4 {
			t.Fatalf("got %d start ticks and %d end marks, want 4 of each", len(starts), len(ends))
		}
		for i, want := range []struct{ start, end time.Duration }{{0, 11 * time.Second}, {31 * time.Second, 49 * time.Second}, {89 * time.Second, 94 * time.Second}, {154 * time.Second, 159 * time.Second}} {
			if got, w := starts[i].attrs["x1"], fmt.Sprintf("%.1f", sc.x(want.start)); got != w {
				t.Errorf("attempt %d starts at x=%s, want %s (%s)", i+1, got, w, FormatElapsed(want.start))
			}
			if got, w := ends[i].attrs["cx"], fmt.Sprintf("%.1f", sc.x(want.end)); got != w {
				t.Errorf("attempt %d ends at x=%s, want %s (%s)", i+1, got, w, FormatElapsed(want.end))
			}
		}
	})
	t.Run("the header names the settings, where they come from, the direction and owners", func(t *testing.T) {
		sms := NewSMS()
		sms.Threshold = Setting{Name: "AttemptThresholdForIMS", Value: 2, Set: true, From: "ims.xml:27, per-imsi"}
		all := strings.Join(texts(svgNodes(t, run(t, []Policy{sms, NewAggregator()}, "ok,ok"))), "\n")
		for _, want := range []string{
			"message: MO, mobile-originated: the handset's own message",
			"[handset] sms: AttemptThresholdForIMS=2 (from ims.xml:27, per-imsi), RetryEnabled=1 (the documented default; assumed: no flag, no file)",
			"[aggregator] aggregator: general strategy",
			"HANDSET", "AGGREGATOR", "aggregator · content provider",
		} {
			if !strings.Contains(all, want) {
				t.Errorf("the SVG's texts lack %q:\n%s", want, all)
			}
		}
	})
	t.Run("an assumed value is said in the picture (issue 13: retry mms without file or flag)", func(t *testing.T) {
		all := strings.Join(texts(svgNodes(t, run(t, []Policy{NewMMS()}, "fail:11s"))), "\n")
		if want := "AutoRetryDownload=0 (the device default: absent is off; assumed: no flag, no file)"; !strings.Contains(all, want) {
			t.Errorf("the SVG's texts lack %q:\n%s", want, all)
		}
		// The link is the final state, drawn as the diamond: no legend entry of its own.
		if strings.Contains(all, "manual-retry link shown") {
			t.Errorf("the legend lists a mark the picture does not draw:\n%s", all)
		}
	})
	t.Run("an undecided end says why (domain.md §4: RetryEnabled=2 is unknown)", func(t *testing.T) {
		p := NewSMS()
		p.Threshold, p.RetryEnabled = flag("AttemptThresholdForIMS", 1), flag("RetryEnabled", 2)
		all := strings.Join(texts(svgNodes(t, run(t, []Policy{p}, "fail:imstemp"))), "\n")
		for _, want := range []string{"RetryEnabled=2 (from --flag), unknown to the documentation (documented: 0 off, 1 on)",
			"why: RetryEnabled=2 is unknown to the documentation: whether the device retries once, not over IMS, is not known; the timeline stops here.", "undecided"} {
			if !strings.Contains(all, want) {
				t.Errorf("the SVG's texts lack %q:\n%s", want, all)
			}
		}
	})
	t.Run("the legend has every mark: attempt bars, end marks, the end diamond, reports", func(t *testing.T) {
		prov := NewProvider()
		all := strings.Join(texts(svgNodes(t, run(t, []Policy{NewAggregator(), prov}, "fail:perm"))), "\n")
		for _, want := range []string{"attempt: a bar from its start (tick) to its end", "attempt ends: permanent error",
			"final state (diamond), with its time", "delivery report to the content provider", "DLR REJECTED"} {
			if !strings.Contains(all, want) {
				t.Errorf("the SVG's texts lack %q:\n%s", want, all)
			}
		}
	})
	t.Run("a logarithmic axis labels its end; waits in one unit style", func(t *testing.T) {
		ns := svgNodes(t, run(t, []Policy{NewAggregator()}, ""))
		ticks := byClass(ns, "text", "tick")
		if len(ticks) == 0 || ticks[len(ticks)-1].text != "4h15m30s" {
			t.Errorf("last tick = %v, want the end 4h15m30s (domain.md §5: the 10th attempt about four hours after the first)", ticks)
		}
		var labels []string
		for _, n := range byClass(ns, "text", "span-label") {
			labels = append(labels, n.text)
		}
		if diff := cmp.Diff([]string{"30s", "1m", "2m", "4m", "8m", "16m", "32m", "1h4m", "2h8m"}, labels); diff != "" {
			t.Errorf("wait labels (-want +got):\n%s", diff)
		}
	})
}

// TestSchemaDeliveryReportAndSettings: the retry-output schema describes
// the REJECTED report of an MT message joined to the DLR table (domain.md
// §5) and the source of each setting (issue 13: assumed values said in
// every format), and rejects what is not one of them.
func TestSchemaDeliveryReportAndSettings(t *testing.T) {
	decode := func(tl *Timeline) map[string]any {
		var b bytes.Buffer
		if err := WriteJSON(&b, tl); err != nil {
			t.Fatal(err)
		}
		var v map[string]any
		if err := json.Unmarshal(b.Bytes(), &v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	agg := decode(run(t, []Policy{NewAggregator()}, ""))
	dlr, _ := agg["final"].(map[string]any)["delivery_report"].(map[string]any)
	if dlr["status"] != "REJECTED" || dlr["retry"] != "no" || dlr["advice"] != "do not retry" || agg["direction"] != "MT" {
		t.Errorf("aggregator final = %v, direction %v; want a REJECTED report, retry no, direction MT", agg["final"], agg["direction"])
	}
	mms := decode(run(t, []Policy{NewMMS()}, "fail"))
	ar := mms["stages"].([]any)[0].(map[string]any)["parameters"].(map[string]any)["auto_retry_download"].(map[string]any)
	if ar["assumed"] != true || ar["configured"] != false || ar["effective"] != 0.0 || ar["from"] != "assumed: no flag, no file" {
		t.Errorf("auto_retry_download = %v, want assumed, not configured, effective 0", ar)
	}
	cases := []struct {
		name string
		v    map[string]any
		edit func(v map[string]any)
		want string
	}{
		{"unknown report status", agg, func(v map[string]any) {
			v["final"].(map[string]any)["delivery_report"].(map[string]any)["status"] = "BOUNCED"
		}, "/final/delivery_report/status"},
		{"unknown direction", agg, func(v map[string]any) { v["direction"] = "sideways" }, "/direction"},
		{"setting without its source flags", mms, func(v map[string]any) { delete(ar, "assumed") }, "/stages/0/parameters/auto_retry_download"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.edit(c.v)
			errs, err := schema.Validate("retry-output", c.v)
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, e := range errs {
				found = found || e.InstanceLocation == c.want
			}
			if !found {
				t.Errorf("got %v, want an error at %s", errs, c.want)
			}
		})
	}
}
