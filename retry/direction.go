package retry

import (
	"fmt"
	"slices"
	"strings"
)

// Direction is which way a message travels (domain.md §5: direction
// decides which strategies a message meets).
type Direction string

// The directions.
const (
	// DirMO is mobile-originated: a handset's own message, towards the
	// network and on to a content provider.
	DirMO Direction = "MO"
	// DirMT is mobile-terminated: a message travelling to a handset (an SMS,
	// or the notification of an MMS).
	DirMT Direction = "MT"
	// DirDLR is a delivery report, from the network to the content provider
	// that sent an MT message.
	DirDLR Direction = "DLR"
)

// Describe names the direction in words.
func (d Direction) Describe() string {
	switch d {
	case DirMO:
		return "MO, mobile-originated: the handset's own message"
	case DirMT:
		return "MT, mobile-terminated: a message to the handset"
	case DirDLR:
		return "DLR: a delivery report to the content provider"
	}
	return string(d)
}

// Owner is who runs a stage.
type Owner string

// The owners of the built-in stages.
const (
	OwnerHandset    Owner = "handset"
	OwnerGateway    Owner = "gateway"
	OwnerAggregator Owner = "aggregator"
	OwnerProvider   Owner = "content provider"
)

// owner is who runs the stage called name.
func owner(name string) Owner {
	switch name {
	case "sms", "mms":
		return OwnerHandset
	case "nowsms":
		return OwnerGateway
	case "provider":
		return OwnerProvider
	}
	return OwnerAggregator
}

// Route is a chain of stages one message really passes through, in its
// direction (domain.md §5).
type Route struct {
	Stages    []string
	Direction Direction
	What      string
}

// Routes lists every chain Run accepts. A chain that is not here mixes
// directions or joins stages no message passes through in that order.
func Routes() []Route {
	return []Route{
		{[]string{"sms"}, DirMO, "the handset sends an SMS (IMSRetry)"},
		{[]string{"sms", "aggregator"}, DirMO, "the handset's SMS, then the aggregator delivering the MO message to a content provider's server (general strategy)"},
		{[]string{"aggregator"}, DirMT, "an aggregator delivering an MT message to the carrier (general strategy; --direction mo or dlr: delivering to a content provider's server)"},
		{[]string{"aggregator", "mms"}, DirMT, "an aggregator delivering an MMS notification, then the handset downloading the MMS"},
		{[]string{"aggregator", "provider"}, DirMT, "an aggregator delivering an MT message, its delivery report, then the content provider's decision"},
		{[]string{"nowsms"}, DirMT, "a gateway (NowSMS) submitting an MT message to an SMSC"},
		{[]string{"nowsms", "mms"}, DirMT, "a gateway submitting an MMS notification, then the handset downloading the MMS"},
		{[]string{"mms"}, DirMT, "the handset downloading an MMS (AutoRetryDownload)"},
		{[]string{"billing"}, DirMT, "a premium MT message at an aggregator that controls billing"},
		{[]string{"billing", "provider"}, DirMT, "a premium MT message, its delivery report, then the content provider's decision (drop-down billing on its resubmissions)"},
		{[]string{"provider"}, DirDLR, "the content provider's decision after a final delivery report (--dlr)"},
	}
}

// RouteNames writes each route as P1,P2 for messages and help.
func RouteNames() []string {
	var out []string
	for _, r := range Routes() {
		out = append(out, strings.Join(r.Stages, ","))
	}
	return out
}

// directionsOf lists the directions a stage can carry.
func directionsOf(name string) []Direction {
	switch name {
	case "sms":
		return []Direction{DirMO}
	case "aggregator":
		return []Direction{DirMT, DirMO, DirDLR}
	case "provider":
		return []Direction{DirDLR}
	}
	return []Direction{DirMT}
}

// stageRole says in words what a stage does, for refusals.
func stageRole(name string) string {
	switch name {
	case "sms":
		return "sms is the handset sending its own SMS: mobile-originated (MO)"
	case "mms":
		return "mms is the handset downloading an MMS sent to it: mobile-terminated (MT)"
	case "nowsms":
		return "nowsms is a gateway submitting messages to an SMSC for delivery to handsets: mobile-terminated (MT)"
	case "billing":
		return "billing charges a premium mobile-terminated (MT) message to the receiving handset's user"
	case "provider":
		return "provider is the content provider acting on the delivery report of an MT message it sent"
	}
	return name + " is an aggregator's strategy"
}

// RouteOf finds the route chain follows, with the direction of its message
// (an aggregator alone may set its own). A chain that mixes directions, or
// that no message takes, is refused with the reason and the chains that
// exist.
func RouteOf(chain []Policy) (Route, error) {
	if len(chain) == 0 {
		return Route{}, fmt.Errorf("no policy to run")
	}
	d, err := checkRoute(chain)
	if err != nil {
		return Route{}, err
	}
	names := make([]string, len(chain))
	for i, p := range chain {
		names[i] = p.Name()
	}
	i := slices.IndexFunc(Routes(), func(r Route) bool { return slices.Equal(r.Stages, names) })
	r := Routes()[i] // checkRoute found it
	r.Direction = d
	return r, nil
}

// checkRoute finds the direction of chain's message, or refuses it.
func checkRoute(chain []Policy) (Direction, error) {
	names := make([]string, len(chain))
	for i, p := range chain {
		names[i] = p.Name()
	}
	for _, r := range Routes() {
		if slices.Equal(r.Stages, names) {
			d := r.Direction
			if a, ok := chain[0].(Aggregator); ok && len(chain) == 1 && a.Direction != "" {
				d = a.Direction
			}
			for _, p := range chain {
				if a, ok := p.(Aggregator); ok && a.Direction != "" && a.Direction != d {
					return "", fmt.Errorf("chain %s carries a message of direction %s; the aggregator is set to %s", strings.Join(names, ","), d, a.Direction)
				}
			}
			return d, nil
		}
	}
	exist := "chains that exist: " + strings.Join(RouteNames(), "; ")
	seen := map[string]bool{}
	for _, n := range names {
		if seen[n] {
			return "", fmt.Errorf("chain %s: %s appears twice; %s", strings.Join(names, ","), n, exist)
		}
		seen[n] = true
	}
	if names[0] == "sms" {
		for _, n := range names[1:] {
			if !slices.Contains(directionsOf(n), DirMO) {
				why := ""
				if n == "billing" {
					why = ": a device's own SMS cannot be billed for NO_CREDIT"
				}
				return "", fmt.Errorf("chain %s mixes directions: %s; %s%s; %s", strings.Join(names, ","), stageRole("sms"), stageRole(n), why, exist)
			}
		}
	}
	if i := slices.Index(names, "sms"); i > 0 {
		return "", fmt.Errorf("chain %s: sms is the handset's own message and can only come first; %s", strings.Join(names, ","), exist)
	}
	if i := slices.Index(names, "mms"); i >= 0 && i < len(names)-1 {
		return "", fmt.Errorf("chain %s: mms, the handset's download, ends a message's path and can only come last; %s", strings.Join(names, ","), exist)
	}
	if i := slices.Index(names, "provider"); i >= 0 && i < len(names)-1 {
		return "", fmt.Errorf("chain %s: provider, the content provider's decision on a delivery report, can only come last; %s", strings.Join(names, ","), exist)
	}
	return "", fmt.Errorf("chain %s is not a path one message takes in its direction (domain.md §5); %s", strings.Join(names, ","), exist)
}
