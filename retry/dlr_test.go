package retry

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestLookupDLR(t *testing.T) {
	cases := []struct {
		in    string
		want  RetryAdvice
		final bool
	}{
		{"DELIVERED", RetryNo, true},
		{"NO_CREDIT", RetryLater, true},
		{"FAILED", RetryYes, true},
		{"VALIDITY_EXPIRED", RetryYes, true},
		{"REJECTED", RetryNo, true},
		{"INVALID_MSISDN", RetryNo, true},
		{"ACKNOWLEDGED", RetryWait, false},
		{"UNKNOWN", RetryYes, true},
		{"OPERATOR_ERROR", RetryYes, true},
		{"no-credit", RetryLater, true},
		{" operator error ", RetryYes, true},
	}
	for _, c := range cases {
		d, ok := LookupDLR(c.in)
		if !ok {
			t.Errorf("LookupDLR(%q): not found", c.in)
			continue
		}
		if d.Retry != c.want || d.Final != c.final {
			t.Errorf("LookupDLR(%q) = %s final=%v, want %s final=%v", c.in, d.Retry, d.Final, c.want, c.final)
		}
	}
	if _, ok := LookupDLR("BOUNCED"); ok {
		t.Errorf("LookupDLR(BOUNCED): found, want not found")
	}
	if got := len(DLRStatuses()); got != 9 {
		t.Errorf("got %d statuses, want 9", got)
	}
}

func TestParsePrices(t *testing.T) {
	cases := []struct {
		in   string
		want []Price
		err  string
	}{
		{"10.00,5.00,4.50", []Price{1000, 500, 450}, ""},
		{"10, 4.5", []Price{1000, 450}, ""},
		{"0.99", []Price{99}, ""},
		{"", nil, "no prices: give e.g. 10.00,5.00,4.50"},
		{"5.00,6.00", nil, "drop-down prices must not rise: 5.00 then 6.00"},
		{"4.505", nil, `price 1 ("4.505"): more than two decimals`},
		{"abc", nil, `price 1 ("abc"): want a number with at most two decimals, e.g. 4.50`},
		{"1,0", nil, `price 2 ("0"): a price must be more than 0`},
		{"-1", nil, `price 1 ("-1"): want a number with at most two decimals, e.g. 4.50`},
		{"5.", nil, `price 1 ("5."): want a number with at most two decimals, e.g. 4.50`},
	}
	for _, c := range cases {
		got, err := ParsePrices(c.in)
		if c.err != "" {
			if err == nil || err.Error() != c.err {
				t.Errorf("ParsePrices(%q): got error %v, want %q", c.in, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParsePrices(%q): %v", c.in, err)
			continue
		}
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("ParsePrices(%q) (-want +got):\n%s", c.in, diff)
		}
	}
}

func TestDropDownPrice(t *testing.T) {
	ps := []Price{1000, 500, 450}
	var got []string
	for n := 1; n <= 5; n++ {
		got = append(got, DropDownPrice(ps, n).String())
	}
	if diff := cmp.Diff([]string{"10.00", "5.00", "4.50", "4.50", "4.50"}, got); diff != "" {
		t.Errorf("prices of attempts 1..5 (-want +got):\n%s", diff)
	}
	if got := DropDownPrice(nil, 1); got != 0 {
		t.Errorf("DropDownPrice(nil, 1) = %v, want 0", got)
	}
}
