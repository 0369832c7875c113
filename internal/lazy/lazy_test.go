package lazy

import (
	"sync"
	"testing"
)

var counted Value[int]

func TestValueBuildsOnce(t *testing.T) {
	calls := 0
	build := func() int { calls++; return 42 }
	var wg sync.WaitGroup
	got := make([]int, 8)
	for i := range got {
		wg.Go(func() { got[i] = counted.Get(build) })
	}
	wg.Wait()
	for i, v := range got {
		if v != 42 {
			t.Errorf("Get #%d = %d, want 42", i, v)
		}
	}
	if calls != 1 {
		t.Errorf("build called %d times, want 1", calls)
	}
}

func TestResultKeepsError(t *testing.T) {
	var r Result[string]
	calls := 0
	build := func() (string, error) { calls++; return "", errTest }
	for range 2 {
		if v, err := r.Get(build); v != "" || err != errTest {
			t.Errorf("Get = %q, %v, want \"\", %v", v, err, errTest)
		}
	}
	if calls != 1 {
		t.Errorf("build called %d times, want 1", calls)
	}
}

type testError struct{}

func (testError) Error() string { return "test" }

var errTest error = testError{}

var digits = Regexp{Expr: `^[0-9]+$`}

func TestRegexp(t *testing.T) {
	re := digits.Get()
	if re != digits.Get() {
		t.Error("Get compiled the expression twice")
	}
	for _, tc := range []struct {
		in   string
		want bool
	}{{"123", true}, {"12a", false}, {"", false}} {
		if got := re.MatchString(tc.in); got != tc.want {
			t.Errorf("MatchString(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestGetDoesNotAllocate(t *testing.T) {
	digits.Get()
	counted.Get(func() int { return 42 })
	if n := testing.AllocsPerRun(100, func() { digits.Get(); counted.Get(nil) }); n != 0 {
		t.Errorf("Get after the first: %v allocations, want 0", n)
	}
}
