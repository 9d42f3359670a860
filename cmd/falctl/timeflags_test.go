package main

import (
	"strings"
	"testing"
	"time"
)

func TestTimeParam(t *testing.T) {
	tests := []struct {
		value, want string
	}{
		{"", ""},
		{"2025-01-31", "2025-01-31"},
		{"2025-01-31T08:30:00Z", "2025-01-31T08:30:00Z"},
		{"2025-01-31T08:30:00.5+02:00", "2025-01-31T08:30:00.5+02:00"},
		{"90m", "2025-02-01T10:30:00Z"},
		{"1h30m", "2025-02-01T10:30:00Z"},
		{"36h", "2025-01-31T00:00:00Z"},
		{"7d", "2025-01-25T12:00:00Z"},
		{"2w", "2025-01-18T12:00:00Z"},
	}
	for _, tt := range tests {
		_, got, err := timeParam("--since", tt.value, testNow)
		if err != nil {
			t.Errorf("timeParam(%q): %v", tt.value, err)
			continue
		}
		if (got == nil) != (tt.want == "") || (got != nil && *got != tt.want) {
			t.Errorf("timeParam(%q) = %v, want %q", tt.value, got, tt.want)
		}
	}
	for _, bad := range []string{"yesterday", "2025-13-01", "2025-01-31 08:30", "-7d", "0d", "7.5d", "d", "-1h", "0s", "99999999999w"} {
		if _, got, err := timeParam("--since", bad, testNow); err == nil {
			t.Errorf("timeParam(%q) = %q, want an error", bad, *got)
		}
	}
}

// TestTimeRange checks the window as a whole: a start in the future, an
// end not after the start and a period longer than the command covers are
// refused, by flag.
func TestTimeRange(t *testing.T) {
	week := 7 * 24 * time.Hour
	tests := []struct {
		tr      timeRange
		problem string // empty for a window accepted
	}{
		{timeRange{since: "7d", until: "1d"}, ""},
		{timeRange{since: "2025-02-01"}, ""}, // today, at midnight
		{timeRange{until: "2030-01-01"}, ""}, // an end in the future is the API's to cut
		{timeRange{since: "2025-01-01", maxSpan: week}, "--since 2025-01-01: things cover at most 7 days"},
		{timeRange{since: "2025-01-01", until: "2025-01-08", maxSpan: week}, ""},
		{timeRange{since: "2025-01-01", until: "2025-01-08T00:00:01Z", maxSpan: week}, "at most 7 days"},
		{timeRange{since: "2025-02-01T12:00:01Z"}, "--since 2025-02-01T12:00:01Z is in the future"},
		{timeRange{since: "2025-02-02"}, "is in the future"},
		{timeRange{since: "2025-01-10", until: "2025-01-03"}, "--until 2025-01-03 is not after --since 2025-01-10"},
		{timeRange{since: "1d", until: "1d"}, "is not after"},
		{timeRange{since: "2025-01-10T00:00:00+02:00", until: "2025-01-09T23:00:00Z"}, ""},
	}
	for _, tt := range tests {
		tt.tr.listing = "things"
		_, _, err := tt.tr.params(testNow)
		switch {
		case tt.problem == "" && err != nil:
			t.Errorf("%+v: %v", tt.tr, err)
		case tt.problem != "" && (err == nil || !strings.Contains(err.Error(), tt.problem)):
			t.Errorf("%+v: error %v, want %q", tt.tr, err, tt.problem)
		}
	}
}
