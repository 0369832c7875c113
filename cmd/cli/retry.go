package cli

import (
	"fmt"
	"io"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/mcsf-dev/mcsf/retry"
	"github.com/mcsf-dev/mcsf/variant"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// retryOptions holds the flags of every retry subcommand; each subcommand
// registers only the flags of its policies (see retryFlagGroups).
type retryOptions struct {
	inputOptions
	importOptions
	format, outcomes, attemptDuration, userDelay string
	explain                                      bool
	chain                                        string
	maxOutcomes                                  int

	// sms and mms
	threshold, retryEnabled, autoRetry, file, sim string
	fileName                                      string // --file as messages name it ("<stdin>" for -)

	// nowsms
	retryDelay, multiplier, afterAttempts, maxDelay, maxAttempts int
	rejectCodes                                                  string

	// aggregator, billing and provider
	validity, direction string
	permanent           bool
	singleShot          bool
	dropDown, dlr       string
	resubmitAfter       string
	resubmissions       int
}

// retryPolicies lists the policy names, in the order help lists them.
func retryPolicies() []string {
	return []string{"sms", "mms", "nowsms", "aggregator", "billing", "provider"}
}

// retryFlagGroup is a set of flags and the policies that read them.
type retryFlagGroup struct {
	policies []string
	add      func(f *pflag.FlagSet, o *retryOptions)
}

func retryFlagGroups() []retryFlagGroup {
	return []retryFlagGroup{
		{[]string{"sms"}, func(f *pflag.FlagSet, o *retryOptions) {
			f.StringVar(&o.threshold, "threshold", "", "3GPP/IMS/AttemptThresholdForIMS: attempts in all over IMS (DWORD); unset or 0xFFFFFFFF: not configured (assumed when not given)")
			f.StringVar(&o.retryEnabled, "retry-enabled", "", "3GPP/IMS/RetryEnabled (DWORD): 1 retries a temporary IMS failure once over 3GPP/3GPP2, 0 does not; forced to 1 while the threshold is not configured (assumed 1 when not given)")
		}},
		{[]string{"mms"}, func(f *pflag.FlagSet, o *retryOptions) {
			f.StringVar(&o.autoRetry, "auto-retry-download", "", "AutoRetryDownload (DWORD): 1 retries failed downloads after 20, 40, 60 s, 0 shows the manual link at once (assumed 0, the device default, when not given)")
		}},
		{[]string{"sms", "mms"}, func(f *pflag.FlagSet, o *retryOptions) {
			f.StringVar(&o.file, "file", "", "read the settings from this answer file, resolved for --sim, instead of flags")
			f.StringVar(&o.sim, "sim", "", "the SIM to resolve --file for: 'mcc=..,mnc=..,imsi=..,iccid=..' (any condition names)")
			f.StringArrayVar(&o.pathMaps, "path-map", nil, `with --file: map a Windows path prefix in Import Source to a local directory, e.g. 'C:\build=/src'`)
			f.BoolVar(&o.noImports, "no-imports", false, "with --file: read the file alone, without its Imports")
			f.StringVar(&o.userDelay, "user-delay", "30s", "how long the user takes to resend an SMS or tap the MMS retry link")
		}},
		{[]string{"nowsms"}, func(f *pflag.FlagSet, o *retryOptions) {
			f.IntVar(&o.retryDelay, "retry-delay", 30, "RetryDelay: seconds to wait after an error")
			f.IntVar(&o.multiplier, "multiplier", 1, "RetryDelayMultiplier: the delay grows by this × RetryDelay per error; 0 = fixed delay")
			f.IntVar(&o.afterAttempts, "after-attempts", 2, "RetryDelayAfterAttempts: retry at once until this many errors")
			f.IntVar(&o.maxDelay, "max-delay", 0, "RetryDelayMax: cap on the delay in seconds; 0 = no cap")
			f.IntVar(&o.maxAttempts, "max-attempts", 20, "RetryMaxAttempts: the message fails after this many errors")
			f.StringVar(&o.rejectCodes, "reject-codes", "", "UCPRejectErrorCodes/CIMDRejectErrorCodes: comma-separated codes that fail at once, or All")
		}},
		{[]string{"aggregator", "billing"}, func(f *pflag.FlagSet, o *retryOptions) {
			f.StringVar(&o.validity, "validity", "", "the message's validity period, e.g. 1h or 3d (aggregator: default not limited; billing: default 3d)")
		}},
		{[]string{"aggregator"}, func(f *pflag.FlagSet, o *retryOptions) {
			f.BoolVar(&o.permanent, "permanent", false, "every failure is a permanent error (unknown number, barred): REJECTED at once")
			f.StringVar(&o.direction, "direction", "", "aggregator alone: the message's direction, MT (to the carrier, default), MO or DLR (to a content provider's server)")
		}},
		{[]string{"billing"}, func(f *pflag.FlagSet, o *retryOptions) {
			f.BoolVar(&o.singleShot, "single-shot", false, "single-shot billing: a billing failure (out of credit) is not retried")
		}},
		{[]string{"provider"}, func(f *pflag.FlagSet, o *retryOptions) {
			f.StringVar(&o.dropDown, "drop-down", "", "drop-down billing prices: the original message, then each resubmission after NO_CREDIT, e.g. 10.00,5.00,4.50 (the last repeats)")
			f.StringVar(&o.dlr, "dlr", "", "provider alone: the delivery report it acts on, e.g. NO_CREDIT")
			f.StringVar(&o.resubmitAfter, "resubmit-after", "2d", "how long the provider waits after NO_CREDIT before resubmitting (\"a couple of days\") [policy]")
			f.IntVar(&o.resubmissions, "resubmissions", 2, "how many times the provider resubmits at most [policy]")
		}},
	}
}

// addRetryFlags registers the common flags and those of the given policies.
func addRetryFlags(cmd *cobra.Command, o *retryOptions, policies []string) {
	f := cmd.Flags()
	f.StringVar(&o.outcomes, "outcomes", "", "what happens to each attempt, e.g. fail:imstemp,ok or fail:11s,fail:18s,ok:5s (see help)")
	f.IntVar(&o.maxOutcomes, "max-outcomes", retry.MaxOutcomes, "refuse an --outcomes list of more than `N` outcomes after repetition")
	f.StringVar(&o.attemptDuration, "attempt-duration", "0s", "how long an attempt takes when its outcome gives no duration")
	formatFlag(cmd, &o.format, "", "text", "json", "svg")
	f.BoolVar(&o.explain, "explain", false, "print the model's rules and choices (documented or this project's) instead of a timeline")
	for _, g := range retryFlagGroups() {
		if slices.ContainsFunc(g.policies, func(p string) bool { return slices.Contains(policies, p) }) {
			g.add(f, o)
		}
	}
	cmd.Flags().Int64Var(&o.maxFileSize, "max-file-size", defaultMaxFileSize, "refuse answer files larger than this many bytes")
	addPatternFlags(cmd, &o.patterns)
}

const retryOutcomesHelp = `Outcomes (--outcomes) say what happens to each attempt, in order, across
the whole chain:

` + "  " + `LIST     = ITEM { "," ITEM }
  ITEM     = OUTCOME [ "*" COUNT ]            repeat COUNT times (1..10000)
  OUTCOME  = "ok" [ ":" DURATION ]
           | "fail" [ ":" KIND ] [ ":" DURATION ]
  KIND     = temp | imstemp | perm | drop | down | nocredit | code=CODE
  DURATION = how long the attempt takes: 11s, 1m30s, 6h, 2d

  temp      a temporary error (the default kind)
  imstemp   RIL_E_IMSTEMPFAILURE, a temporary failure of SMS over IMS (sms)
  perm      a permanent error
  drop      the SMSC connection drops mid-submit: counts as an attempt (nowsms)
  down      the SMSC connection is down for DURATION: not an attempt (nowsms)
  nocredit  the user is out of credit (billing, provider)
  code=C    an error response with code C, permanent if listed in
            --reject-codes (nowsms; codes compare as decimal numbers, so
            code=05 matches 5)

When the list runs out, a stage repeats the last outcome it used, or uses
its default (sms: fail:imstemp,ok; mms, nowsms, aggregator: fail; billing,
provider: fail:nocredit). A step that needs the user (an SMS resend, a tap
on the MMS link) is only taken while the list has an outcome for it.`

const retryLong = `Show what the retry settings do over time: a timeline from the first send
to the final state, for one strategy or a chain of the stages one message
passes through, in its direction.

Policies (the stage's owner in brackets):
  sms         [handset] sending the handset's own SMS (MO): IMSRetry
              (AttemptThresholdForIMS, RetryEnabled)
  mms         [handset] downloading an MMS sent to it (MT):
              AutoRetryDownloadForMMS
  nowsms      [gateway] NowSMS submitting an MT message to an SMSC over
              UCP/EMI or CIMD2
  aggregator  [aggregator] the general strategy (30 s, doubling, 10
              attempts): MT to the carrier, ending with a REJECTED delivery
              report; MO messages and delivery reports to a content
              provider's server
  billing     [aggregator] a premium MT message: billing failures on the
              billing schedule (+6 h, +18 h, then every 24 h), other errors
              on the general strategy
  provider    [content provider] its decision after the final delivery
              report (the DLR table), with drop-down billing on its own
              resubmissions after NO_CREDIT
  dlr         whether a premium-SMS delivery report may be retried

Direction decides which strategies a message meets (domain.md §5). The
chains that exist (--chain):
  sms                  the handset's SMS (MO)
  sms,aggregator       ... delivered by the aggregator to a content provider
  nowsms, aggregator   an MT message to the handset
  nowsms,mms           an MMS notification, then the handset's download
  aggregator,mms       (the same through an aggregator)
  aggregator,provider  an MT message, its REJECTED/DELIVERED report, then
                       the content provider's decision
  billing,provider     a premium MT message, its report, the provider's
                       decision and resubmissions
A chain that mixes directions is refused (exit 2): a handset's own SMS
(MO) never meets NowSMS, billing or a delivery report.

` + retryOutcomesHelp + `

Settings the device reads are shown with where they come from: a flag, a
file position (--file, --sim), or "assumed" (the device default, when
neither gives them). A value the documentation does not define (e.g.
RetryEnabled=2) is shown as unknown, and the timeline stops, undecided,
where it would matter.

Formats: text (a table like Microsoft's: elapsed hh:mm:ss, activity), json
(mcsf schema retry-output), svg (a picture of the timeline). --explain
prints the model's rules, each marked [doc] (Microsoft's documentation),
[tool] (Microsoft's tools and runtime), [vendor] (the strategy's own
description) or [policy] (this project's choice where those are silent).

Examples:
  mcsf retry mms --auto-retry-download 1 --outcomes fail:11s,fail:18s,fail:5s
  mcsf retry --chain sms,aggregator --threshold 2 --outcomes fail:imstemp,ok,fail,ok
  mcsf retry --chain billing,provider --drop-down 10.00,5.00 --outcomes fail:nocredit*5,ok
  mcsf retry --chain nowsms,mms --auto-retry-download 1 --outcomes fail,ok,fail:11s,ok:4s --format svg > timeline.svg
  mcsf retry dlr NO_CREDIT --drop-down 10.00,5.00,4.50`

func newRetryCmd(io *streams) *cobra.Command {
	o := &retryOptions{}
	cmd := &cobra.Command{
		Use:   "retry POLICY [flags] | --chain P1,P2",
		Short: "Show the retry timeline of a message, on the device and in the network",
		Long:  retryLong,
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if o.chain == "" {
				return usageError("name a policy (%s), dlr, or --chain P1,P2 (run 'mcsf retry --help' for usage)", strings.Join(retryPolicies(), ", "))
			}
			names, err := parseChain(o.chain)
			if err != nil {
				return err
			}
			return runRetry(cmd, o, names, io)
		},
	}
	cmd.Flags().StringVar(&o.chain, "chain", "", "the stages one message passes through, in its direction, e.g. sms,aggregator or billing,provider")
	addRetryFlags(cmd, o, retryPolicies())
	for _, p := range retryPolicies() {
		cmd.AddCommand(newRetryPolicyCmd(p, io))
	}
	cmd.AddCommand(newRetryDLRCmd(io))
	return cmd
}

// retryPolicyHelp is each policy's short and long help.
func retryPolicyHelp(name string) (short, long string) {
	switch name {
	case "sms":
		return "Timeline of an SMS sent by the device under IMSRetry", `Show how the device sends an SMS under the IMSRetry customization: attempts
go over IMS while fewer than AttemptThresholdForIMS have, then over
3GPP/3GPP2; with RetryEnabled=1 a temporary IMS failure (imstemp) is retried
once over 3GPP/3GPP2 without telling the user. Further attempts are the
user's resends, --user-delay after being told. The SMS is mobile-originated
(MO): in a chain only the aggregator delivering it to a content provider
can follow (--chain sms,aggregator).

The values come from --threshold and --retry-enabled, or from an answer
file resolved for a SIM (--file, --sim): per-IMSI first, then per-device,
then the defaults (threshold not configured, RetryEnabled=1); with neither,
the defaults are assumed and the output says so. While AttemptThresholdForIMS
is not configured (unset, or 0xFFFFFFFF) the runtime forces RetryEnabled to
1 whatever the file says [tool, decompiled runtime]. RetryEnabled values
other than 0 and 1 are unknown to the documentation: shown as such, and the
timeline stops, undecided, where the value would decide. --explain lists
the model's choices where Microsoft's text is silent (what counts as an IMS
attempt, a non-temporary IMS failure, ...), each marked [policy].

` + retryOutcomesHelp + `

Examples:
  mcsf retry sms
  mcsf retry sms --threshold 2 --outcomes fail:imstemp,fail,fail,fail,ok
  mcsf retry sms --threshold 2 --retry-enabled 0 --outcomes fail:imstemp,ok --format json
  mcsf retry sms --file ims-retry.xml --sim mcc=310,mnc=410,imsi=310410123456789
  mcsf retry sms --explain`
	case "mms":
		return "Timeline of an MMS download under AutoRetryDownloadForMMS", `Show how the device downloads an MMS under AutoRetryDownloadForMMS: with
AutoRetryDownload=1 a failed download is retried after 20, 40 and 60
seconds, then a link to retry by hand is shown; a manual retry that fails
starts the automatic retries again. With 0 (or the setting absent) the link
appears at once. Values other than 0 and 1 are unknown to the
documentation: the timeline stops, undecided, at the first failure.

The value comes from --auto-retry-download, or from an answer file resolved
for a SIM (--file, --sim). With neither, the device default is assumed:
absent, so 0 (off) [policy: the output says it is assumed]. In a chain the
MMS notification first reaches the handset through a gateway or an
aggregator (--chain nowsms,mms or aggregator,mms).

` + retryOutcomesHelp + `

Examples:
  mcsf retry mms --outcomes fail:11s
  mcsf retry mms --auto-retry-download 1 --outcomes fail:11s,fail:18s,fail:5s
  mcsf retry mms --auto-retry-download 1 --outcomes fail:11s,fail:18s,fail:5s,fail:4s,fail:6s,ok:9s --format svg > mms.svg
  mcsf retry mms --auto-retry-download 0 --outcomes fail:10s,ok:5s
  mcsf retry mms --file ims-retry.xml --sim mcc=310,mnc=410,iccid=8901410123456789012`
	case "nowsms":
		return "Timeline of an SMS gateway's retries over UCP/EMI or CIMD2 (NowSMS)", `Show how an SMS gateway (NowSMS over UCP/EMI or CIMD2) retries a message
the SMSC refuses. With the defaults it retries at once after the 1st error,
waits 30 s after the 2nd, 60 s after the 3rd, 30 s more per further error,
and fails the message after 20 errors. Codes in --reject-codes (decimal
error codes, so 05 is 5; or All) fail at once; an entry that is not a
decimal number is a usage error. A connection that is down (fail:down:5m)
is not an attempt; one that drops mid-submit (fail:drop) is. The messages
are mobile-terminated (MT); --chain nowsms,mms adds the handset's download
of an MMS whose notification the gateway submitted.

` + retryOutcomesHelp + `

Examples:
  mcsf retry nowsms
  mcsf retry nowsms --multiplier 0 --outcomes fail*3,ok
  mcsf retry nowsms --reject-codes 5,24 --outcomes fail:code=05
  mcsf retry nowsms --outcomes fail:down:5m,fail:drop,ok --format json`
	case "aggregator":
		return "Timeline of an aggregator's general retry strategy", `Show an SMS aggregator's general retry strategy: exponential back-off from
30 s, doubling, 10 attempts in all (the 10th about 4 h 15 min after the
first). For an MT message (the default) it ends with a REJECTED delivery
report after the 10th failed attempt, at the end of --validity, and at once
on a permanent error (--permanent, or fail:perm); the output joins it to
what the DLR table says the content provider may do next (--chain
aggregator,provider plays that out). --direction MO or DLR: the aggregator
delivers an MO message or a delivery report to a content provider's server,
with the same strategy; no delivery report follows.

` + retryOutcomesHelp + `

Examples:
  mcsf retry aggregator
  mcsf retry aggregator --validity 1h
  mcsf retry aggregator --permanent
  mcsf retry aggregator --direction MO --outcomes fail,ok
  mcsf retry aggregator --outcomes fail,fail,ok --format svg > aggregator.svg`
	case "billing":
		return "Timeline of a premium MT message at an aggregator (billing and general strategies)", `Show a premium MT message at an aggregator that controls billing. Only a
billing failure (fail:nocredit, the user is out of credit) follows the
billing schedule: a new attempt after 6 hours, 18 hours more, then every 24
hours until the validity period ends (--validity, default 3d [policy]). Any
other error follows the general strategy (30 s, doubling, 10 attempts, then
REJECTED). --single-shot (single-shot billing) turns the billing retries
off: NO_CREDIT at once. Drop-down billing belongs to the content provider's
own resubmissions: see --chain billing,provider.

` + retryOutcomesHelp + `

Examples:
  mcsf retry billing
  mcsf retry billing --validity 5d
  mcsf retry billing --outcomes fail:nocredit,fail,fail:nocredit,ok
  mcsf retry billing --single-shot`
	case "provider":
		return "The content provider's decision after a delivery report, with drop-down billing", `Show what the content provider does after the final delivery report of a
premium MT message, by the DLR table (seed 004): DELIVERED, REJECTED and
INVALID_MSISDN are not retried; NO_CREDIT is retried after a couple of days
(--resubmit-after, default 2d [policy]), at the next drop-down price
(--drop-down) when given; FAILED, VALIDITY_EXPIRED, UNKNOWN and
OPERATOR_ERROR are retried (after 1 hour [policy]); ACKNOWLEDGED is not
final: wait. At most --resubmissions resubmissions (default 2 [policy]);
each is one attempt whose outcome is its final report (ok: DELIVERED,
fail:nocredit: NO_CREDIT, fail: FAILED, fail:perm: REJECTED).

Alone it acts on --dlr STATUS; in --chain billing,provider or
aggregator,provider on the report the previous stage ends with.

` + retryOutcomesHelp + `

Examples:
  mcsf retry provider --dlr NO_CREDIT --drop-down 10.00,5.00,4.50 --outcomes fail:nocredit,ok
  mcsf retry --chain billing,provider --single-shot --drop-down 10.00,5.00 --outcomes fail:nocredit,ok
  mcsf retry --chain aggregator,provider --permanent`
	}
	return "", ""
}

func newRetryPolicyCmd(name string, io *streams) *cobra.Command {
	o := &retryOptions{}
	short, long := retryPolicyHelp(name)
	cmd := &cobra.Command{
		Use:   name,
		Short: short,
		Long:  long,
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runRetry(cmd, o, []string{name}, io)
		},
	}
	addRetryFlags(cmd, o, []string{name})
	return cmd
}

// parseChain reads --chain: known policy names, comma-separated.
func parseChain(s string) ([]string, error) {
	var names []string
	for _, n := range strings.Split(s, ",") {
		n = strings.ToLower(strings.TrimSpace(n))
		if !slices.Contains(retryPolicies(), n) {
			return nil, usageError("--chain: unknown policy %q (want %s)", n, strings.Join(retryPolicies(), ", "))
		}
		names = append(names, n)
	}
	return names, nil
}

// runRetry builds the policies, runs them and writes the result.
func runRetry(cmd *cobra.Command, o *retryOptions, names []string, io *streams) error {
	if o.explain && o.format != "text" {
		return usageError("--explain prints text: leave out --format %s", o.format)
	}
	if o.file == "" && cmd.Flags().Changed("sim") {
		return usageError("--sim needs --file: the SIM is what the answer file is resolved for")
	}
	if err := checkPatternLimits(o.patterns); err != nil {
		return err
	}
	var res *variant.Result
	if o.file != "" {
		for _, flag := range []string{"threshold", "retry-enabled", "auto-retry-download"} {
			if cmd.Flags().Changed(flag) {
				return usageError("--%s and --file both give the value: use one", flag)
			}
		}
		r, err := resolveRetryFile(o, io)
		if err != nil {
			return err
		}
		res = r
	}
	chain := make([]retry.Policy, 0, len(names))
	for _, n := range names {
		p, err := buildPolicy(cmd, n, o, res)
		if err != nil {
			return err
		}
		chain = append(chain, p)
	}
	if _, err := retry.RouteOf(chain); err != nil {
		return usageError("%v", err)
	}
	if o.explain {
		if err := retry.Explain(io.out, chain); err != nil {
			return internal(err)
		}
		return nil
	}
	var outcomes []retry.Outcome
	if cmd.Flags().Changed("outcomes") {
		var err error
		if o.maxOutcomes < 1 {
			return usageError("--max-outcomes must be at least 1")
		}
		if outcomes, err = retry.ParseOutcomesLimit(o.outcomes, o.maxOutcomes); err != nil {
			return usageError("--outcomes: %v", err)
		}
	}
	ad, err := retry.ParseDuration(o.attemptDuration)
	if err != nil {
		return usageError("--attempt-duration: %v", err)
	}
	tl, err := retry.Run(chain, outcomes, retry.Options{AttemptDuration: ad})
	if err != nil {
		return usageError("%v", err)
	}
	switch o.format {
	case "json":
		err = retry.WriteJSON(io.out, tl)
	case "svg":
		err = retry.WriteSVG(io.out, tl)
	default:
		err = retry.WriteText(io.out, tl)
	}
	if err != nil {
		return internal(err)
	}
	return nil
}

// buildPolicy makes the policy called name from the flags, or for sms and
// mms from the resolved answer file when res is not nil.
func buildPolicy(cmd *cobra.Command, name string, o *retryOptions, res *variant.Result) (retry.Policy, error) {
	userDelay := func() (time.Duration, error) {
		d, err := retry.ParseDuration(o.userDelay)
		if err != nil {
			return 0, usageError("--user-delay: %v", err)
		}
		return d, nil
	}
	changed := cmd.Flags().Changed
	switch name {
	case "sms":
		p := retry.NewSMS()
		var err error
		if p.UserDelay, err = userDelay(); err != nil {
			return nil, err
		}
		if res != nil {
			return smsFromFile(p, o, res)
		}
		if changed("threshold") && !strings.EqualFold(strings.TrimSpace(o.threshold), "unset") {
			if p.Threshold, err = dwordFlag("threshold", "AttemptThresholdForIMS", o.threshold); err != nil {
				return nil, err
			}
		} else if changed("threshold") {
			p.Threshold = retry.Setting{Name: "AttemptThresholdForIMS", From: "--threshold unset"}
		}
		if changed("retry-enabled") {
			if p.RetryEnabled, err = dwordFlag("retry-enabled", "RetryEnabled", o.retryEnabled); err != nil {
				return nil, err
			}
		}
		return p, nil
	case "mms":
		p := retry.NewMMS()
		var err error
		if p.UserDelay, err = userDelay(); err != nil {
			return nil, err
		}
		if res != nil {
			return mmsFromFile(p, o, res)
		}
		if changed("auto-retry-download") {
			if p.AutoRetry, err = dwordFlag("auto-retry-download", "AutoRetryDownload", o.autoRetry); err != nil {
				return nil, err
			}
		}
		return p, nil
	case "nowsms":
		p := retry.NewNowSMS()
		p.RetryDelay = time.Duration(o.retryDelay) * time.Second
		p.Multiplier, p.AfterAttempts, p.MaxAttempts = o.multiplier, o.afterAttempts, o.maxAttempts
		p.MaxDelay = time.Duration(o.maxDelay) * time.Second
		if o.retryDelay < 0 || o.maxDelay < 0 {
			return nil, usageError("--retry-delay and --max-delay must not be negative")
		}
		codes, all, err := retry.ParseRejectCodes(o.rejectCodes)
		if err != nil {
			return nil, usageError("--reject-codes: %v", err)
		}
		p.RejectCodes, p.RejectAll = codes, all
		return p, nil
	case "aggregator":
		p := retry.NewAggregator()
		p.Permanent = o.permanent
		if o.validity != "" {
			v, err := validityFlag(o.validity)
			if err != nil {
				return nil, err
			}
			p.Validity = v
		}
		if o.direction != "" {
			d := retry.Direction(strings.ToUpper(strings.TrimSpace(o.direction)))
			if d != retry.DirMT && d != retry.DirMO && d != retry.DirDLR {
				return nil, usageError("--direction %q: want MT, MO or DLR", o.direction)
			}
			p.Direction = d
		}
		return p, nil
	case "billing":
		p := retry.NewBilling()
		p.SingleShot = o.singleShot
		if o.validity != "" {
			v, err := validityFlag(o.validity)
			if err != nil {
				return nil, err
			}
			p.Validity = v
		}
		return p, nil
	case "provider":
		p := retry.NewProvider()
		if o.dropDown != "" {
			prices, err := retry.ParsePrices(o.dropDown)
			if err != nil {
				return nil, usageError("--drop-down: %v", err)
			}
			p.DropDown = prices
		}
		d, err := retry.ParseDuration(o.resubmitAfter)
		if err != nil || d == 0 {
			return nil, usageError("--resubmit-after %q: want a period longer than 0, e.g. 2d", o.resubmitAfter)
		}
		p.NoCreditDelay, p.MaxResubmissions = d, o.resubmissions
		if o.dlr != "" {
			dlr, ok := retry.LookupDLR(o.dlr)
			if !ok {
				return nil, usageError("--dlr: unknown delivery-report status %q (known: %s)", o.dlr, strings.Join(retry.DLRStatuses(), ", "))
			}
			p.Incoming = dlr.Status
		}
		return p, nil
	}
	return nil, usageError("unknown policy %q", name)
}

// dwordFlag reads a DWORD setting from --flag; any DWORD is taken, and the
// policy says when the documentation does not define it.
func dwordFlag(flag, name, s string) (retry.Setting, error) {
	n, ok := variant.ParseDWORD(s)
	if !ok {
		return retry.Setting{}, usageError("--%s %q: want a DWORD (decimal, or hexadecimal with 0x)", flag, s)
	}
	return retry.Setting{Name: name, Value: n, Set: true, From: "--" + flag}, nil
}

func validityFlag(s string) (time.Duration, error) {
	v, err := retry.ParseDuration(s)
	if err != nil {
		return 0, usageError("--validity: %v", err)
	}
	if v == 0 {
		return 0, usageError("--validity: give a period longer than 0, e.g. 1h or 3d")
	}
	return v, nil
}

// resolveRetryFile reads --file and resolves it for --sim.
func resolveRetryFile(o *retryOptions, io *streams) (*variant.Result, error) {
	profile := variant.NewProfile()
	if o.sim != "" {
		p, err := variant.ParseProfile(o.sim)
		if err != nil {
			return nil, usageError("--sim: %v", err)
		}
		profile = p
	}
	in := input{path: o.file, display: o.file}
	if o.file == "-" {
		in = o.stdinInput()
	}
	o.fileName = in.display
	data, err := o.read(in, io.in)
	if err != nil {
		return nil, err
	}
	c, _, _, err := o.compile(in, data, o.maxFileSize, io.err)
	if err == errFindings {
		return nil, &exitError{code: ExitFindings, err: fmt.Errorf("%s is not well-formed XML, so its retry settings are unknown", in.display)}
	}
	if err != nil {
		return nil, err
	}
	r := c.Resolve(profile)
	for _, u := range r.Undecided {
		fmt.Fprintf(io.err, "mcsf: warning: %s:%d: Target %s, TargetState %d is undecided for this SIM (%s); its variants are not applied\n",
			u.File, u.Line, u.Target, u.TargetState, u.Reason)
	}
	for _, c := range r.Conflicts {
		fmt.Fprintf(io.err, "mcsf: warning: %s %s is set to %q and %q by variants of equal priority: the later one (%q) wins by file order\n",
			c.Path, c.Name, c.Other.Value, c.Winner.Value, c.Winner.Value)
	}
	return &r, nil
}

// settingFromFile is the runtime value of setting name of the catalog
// customization id for the resolved SIM, as a retry.Setting: its position
// and scope when the file sets it, otherwise why the default applies.
//
// A RetryEnabled or AutoRetryDownload that is not a DWORD is kept as text:
// the device's reading is unknown, and the timeline says so where it
// decides (never, for RetryEnabled, while the runtime forces it). A
// threshold that is not a DWORD decides every attempt: exit 3.
func settingFromFile(res *variant.Result, id, name string, o *retryOptions) (retry.Setting, error) {
	st := retry.Setting{Name: path.Base(name)}
	v, ok := res.RuntimeValue(id, name)
	if !ok || v.Source == nil || v.Source.Line <= 0 {
		st.Why = "not set in " + o.fileName + " for this SIM"
		return st, nil
	}
	from := fmt.Sprintf("%s:%d, %s", v.Source.File, v.Source.Line, v.Scope)
	n, isDWORD := variant.ParseDWORD(v.Value)
	switch {
	case !isDWORD && name != variant.NameAttemptThreshold:
		st.Set, st.Text, st.From = true, v.Value, from
	case !isDWORD:
		return st, &exitError{code: ExitInternal, err: fmt.Errorf("%s, %s:%d: %s is %q, the value %q is not a DWORD (decimal, or hexadecimal with 0x): the device's behaviour is unknown",
			v.Scope, v.Source.File, v.Source.Line, st.Name, v.Value, v.Value)}
	default:
		st.Value, st.Set, st.From = n, true, from
	}
	return st, nil
}

// fileContext names the file and SIM the settings were resolved for.
func fileContext(o *retryOptions, res *variant.Result) string {
	if res.SIM.Len() > 0 {
		return o.fileName + " resolved for SIM " + res.SIM.String()
	}
	return o.fileName + " resolved for no SIM"
}

func smsFromFile(p retry.SMS, o *retryOptions, res *variant.Result) (retry.Policy, error) {
	var err error
	if p.Threshold, err = settingFromFile(res, "IMSRetry", variant.NameAttemptThreshold, o); err != nil {
		return nil, err
	}
	if p.RetryEnabled, err = settingFromFile(res, "IMSRetry", variant.NameRetryEnabled, o); err != nil {
		return nil, err
	}
	p.Context = fileContext(o, res)
	return p, nil
}

func mmsFromFile(p retry.MMS, o *retryOptions, res *variant.Result) (retry.Policy, error) {
	var err error
	if p.AutoRetry, err = settingFromFile(res, "AutoRetryDownloadForMMS", variant.NameAutoRetry, o); err != nil {
		return nil, err
	}
	p.Context = fileContext(o, res)
	return p, nil
}

const retryDLRLong = `Say whether a premium-SMS message may be sent again after a delivery report
with STATUS, and why; without STATUS, print the whole table.

  DELIVERED         no     it was delivered and charged
  NO_CREDIT         later  after a couple of days (the provider's own
                           resubmission)
  FAILED            yes
  VALIDITY_EXPIRED  yes
  REJECTED          no     the aggregator gave up (permanent error, 10th
                           failed attempt, validity over)
  INVALID_MSISDN    no     the number does not exist
  ACKNOWLEDGED      wait   not final: a retry risks charging twice
  UNKNOWN           yes
  OPERATOR_ERROR    yes

These are the content provider's own decisions after a final report (seed
004). --drop-down P1,P2,... prints the price of the original message and of
each of the provider's resubmissions after NO_CREDIT under drop-down
billing: the k-th resubmission is charged at P(k+1), later ones at the last
price; prices must not rise. Drop-down billing does not apply to the
aggregator's own +6 h / +18 h billing retries.

Examples:
  mcsf retry dlr
  mcsf retry dlr ACKNOWLEDGED
  mcsf retry dlr NO_CREDIT --drop-down 10.00,5.00,4.50`

func newRetryDLRCmd(io *streams) *cobra.Command {
	var dropDown string
	cmd := &cobra.Command{
		Use:       "dlr [STATUS]",
		Short:     "Whether a premium-SMS delivery report may be retried, and drop-down prices",
		Long:      retryDLRLong,
		Args:      cobra.MaximumNArgs(1),
		ValidArgs: retry.DLRStatuses(),
		RunE: func(cmd *cobra.Command, args []string) error {
			status := ""
			if len(args) == 1 {
				status = args[0]
			}
			return runRetryDLR(io.out, status, dropDown)
		},
	}
	cmd.Flags().StringVar(&dropDown, "drop-down", "", "drop-down billing prices of attempt 1, 2, ..., e.g. 10.00,5.00,4.50")
	return cmd
}

func runRetryDLR(w io.Writer, status, dropDown string) error {
	var prices []retry.Price
	if dropDown != "" {
		var err error
		if prices, err = retry.ParsePrices(dropDown); err != nil {
			return usageError("--drop-down: %v", err)
		}
	}
	var b strings.Builder
	if status == "" {
		fmt.Fprintf(&b, "%-16s  %-5s  %-5s  %s\n", "STATUS", "RETRY", "FINAL", "WHY")
		for _, d := range retry.DLRs() {
			fmt.Fprintf(&b, "%-16s  %-5s  %-5s  %s\n", d.Status, d.Retry, yesNo(d.Final), d.Reason)
		}
	} else {
		d, ok := retry.LookupDLR(status)
		if !ok {
			return usageError("unknown delivery-report status %q (known: %s)", status, strings.Join(retry.DLRStatuses(), ", "))
		}
		if prices != nil && d.Status != "NO_CREDIT" {
			return usageError("--drop-down prices NO_CREDIT retries; %s is not retried that way", d.Status)
		}
		final := "a final status"
		if !d.Final {
			final = "not a final status"
		}
		fmt.Fprintf(&b, "%s: %s (%s)\n  %s\n", d.Status, d.Advice(), final, d.Reason)
	}
	if prices != nil {
		fmt.Fprintf(&b, "\ndrop-down billing, the content provider's price per submission:\n")
		rows := [][2]string{}
		for n := 1; n <= len(prices); n++ {
			what := "the original message"
			if n > 1 {
				what = fmt.Sprintf("resubmission %d after NO_CREDIT", n-1)
			}
			rows = append(rows, [2]string{what, retry.DropDownPrice(prices, n).String()})
		}
		rows = append(rows, [2]string{"later resubmissions", retry.DropDownPrice(prices, len(prices)+1).String()})
		wl, wp := 0, 0
		for _, r := range rows {
			wl, wp = max(wl, len(r[0])), max(wp, len(r[1]))
		}
		for _, r := range rows {
			fmt.Fprintf(&b, "  %-*s  %*s\n", wl, r[0], wp, r[1])
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
