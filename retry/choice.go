package retry

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Source says where a rule of a model comes from.
type Source string

// The sources of a rule.
const (
	SourceDoc    Source = "doc"    // Microsoft's MCSF documentation
	SourceTool   Source = "tool"   // observed in Microsoft's own tools and runtime (decompiled)
	SourceVendor Source = "vendor" // the strategy's own published description (NowSMS, MX Telecom)
	SourcePolicy Source = "policy" // this project's choice where the texts are silent
)

// Choice is one rule of a model with its source.
type Choice struct {
	Source Source
	Text   string
}

// RunChoices are the rules of Run itself, shared by every policy.
func RunChoices() []Choice {
	return []Choice{
		{SourcePolicy, "Outcomes are used in order, one per attempt, across the whole chain; a stage that succeeds hands the message to the next stage at that moment."},
		{SourcePolicy, "When the list has nothing left for a stage, the stage repeats the last outcome it used (a down is not repeated); a stage that used none takes its defaults: sms fail:imstemp then ok; mms fail; nowsms fail; aggregator fail; billing and provider fail:nocredit."},
		{SourcePolicy, "A step that needs the user (an SMS resend, a tap on the MMS manual-retry link) is taken only when the list still has an outcome for it; otherwise the timeline ends there."},
		{SourcePolicy, "An attempt without a duration takes --attempt-duration (default 0s), so that times are exactly the sums of the waits; waits start when the failed attempt ends."},
	}
}

// Explain writes the rules of each policy of chain, then those of Run, one
// per line, tagged with their source:
//
//	chain sms: the handset sends an SMS (IMSRetry); the message: MO, ...
//
//	[handset] sms: AttemptThresholdForIMS=2 (from --threshold), ...
//	  [doc] An attempt goes over IMS while ...
//
// A chain that is not one of Routes is refused, as Run refuses it.
func Explain(w io.Writer, chain []Policy) error {
	route, err := RouteOf(chain)
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString(wrap(fmt.Sprintf("chain %s: %s; the message: %s.", strings.Join(route.Stages, ","), route.What, route.Direction.Describe()), 79, "    "))
	fmt.Fprintln(&b)
	write := func(title string, cs []Choice) {
		fmt.Fprintln(&b, title)
		for _, c := range cs {
			b.WriteString(wrap(fmt.Sprintf("  [%s] %s", c.Source, c.Text), 79, "      "))
		}
	}
	for _, p := range chain {
		write(fmt.Sprintf("[%s] %s", owner(p.Name()), p.Summary()), p.Choices())
		fmt.Fprintln(&b)
	}
	write("outcomes and time:", RunChoices())
	fmt.Fprintln(&b)
	fmt.Fprintf(&b, "[doc] Microsoft's MCSF documentation; [tool] Microsoft's own tools and runtime\n(decompiled); [vendor] the strategy's own description; [policy] this model's\nchoice where those texts are silent.\n")

	_, err = io.WriteString(w, b.String())
	return err
}

// wrap breaks s into lines of at most width bytes at spaces, indenting the
// continuation lines; every line ends with a newline.
func wrap(s string, width int, indent string) string {
	var b strings.Builder
	line := ""
	for _, word := range strings.Fields(s) {
		switch {
		case line == "":
			line = word
			if strings.HasPrefix(s, "  ") {
				line = "  " + word
			}
		case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(word) > width:
			b.WriteString(line + "\n")
			line = indent + word
		default:
			line += " " + word
		}
	}
	if line != "" {
		b.WriteString(line + "\n")
	}
	return b.String()
}
