package main

import (
	"testing"
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
		got, err := timeParam("--since", tt.value, testNow)
		if err != nil {
			t.Errorf("timeParam(%q): %v", tt.value, err)
			continue
		}
		if (got == nil) != (tt.want == "") || (got != nil && *got != tt.want) {
			t.Errorf("timeParam(%q) = %v, want %q", tt.value, got, tt.want)
		}
	}
	for _, bad := range []string{"yesterday", "2025-13-01", "2025-01-31 08:30", "-7d", "0d", "7.5d", "d", "-1h", "0s", "99999999999w"} {
		if got, err := timeParam("--since", bad, testNow); err == nil {
			t.Errorf("timeParam(%q) = %q, want an error", bad, *got)
		}
	}
}
