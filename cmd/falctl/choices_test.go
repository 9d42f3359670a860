package main

import (
	"slices"
	"strings"
	"testing"

	"github.com/falplatform/fal-go/gen/falapi"
)

// validValues checks the values falctl offers for an enum type against the
// type's own Valid method: each is valid, and there is at least one.
func validValues[E interface {
	~string
	Valid() bool
}](t *testing.T) {
	t.Helper()
	values := known[E]()
	if len(values) == 0 {
		t.Errorf("no values for %T", *new(E))
	}
	for _, v := range values {
		if !E(v).Valid() {
			t.Errorf("%T(%q) is not valid", *new(E), v)
		}
	}
}

func TestKnownValues(t *testing.T) {
	validValues[falapi.ModelStatus](t)
	validValues[falapi.RequestStatus](t)
	validValues[falapi.Timeframe](t)
	validValues[falapi.InstanceType](t)
	validValues[falapi.Sector](t)
	if got := known[falapi.Sector](); !slices.Equal(got, []string{"sector_1", "sector_2", "sector_3"}) {
		t.Errorf("sectors %q", got)
	}
}

func TestAnalyticsMetrics(t *testing.T) {
	metrics := analyticsMetrics()
	for _, m := range append([]string{"request_count", "p99_duration", "total_billable_duration"}, defaultMetrics...) {
		if !slices.Contains(metrics, m) {
			t.Errorf("%s is not among %q", m, metrics)
		}
	}
	if slices.Contains(metrics, "endpoint_id") {
		t.Error("endpoint_id is taken for a metric")
	}
}

// TestChoicesFlag checks that a list flag replaces its default, adds what
// each repetition gives, and refuses a list with one unknown value whole.
func TestChoicesFlag(t *testing.T) {
	list := []string{"a"}
	f := &choices{value: &list, values: []string{"a", "b", "c"}}
	for _, s := range []string{"b, c", "a"} {
		if err := f.Set(s); err != nil {
			t.Fatal(err)
		}
	}
	if !slices.Equal(list, []string{"b", "c", "a"}) || f.String() != "[b,c,a]" {
		t.Errorf("list %q, shown %s", list, f.String())
	}
	if err := f.Set("a,z"); err == nil || err.Error() != `"z" is not one of a, b or c` || len(list) != 3 {
		t.Errorf("error %v, list %q", err, list)
	}
}

func TestOneOfAndWrap(t *testing.T) {
	for in, want := range map[string]string{"": "", "a": "a", "a b": "a or b", "a b c": "a, b or c"} {
		if got := oneOf(strings.Fields(in)); got != want {
			t.Errorf("oneOf(%q) = %q, want %q", in, got, want)
		}
	}
	if got := wrap("aa bb cc dd", 5); got != "aa bb\ncc dd" {
		t.Errorf("wrap = %q", got)
	}
}
