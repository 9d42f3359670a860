package main

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
)

// timeRange holds the --since and --until flags of a command, and the
// longest period the command covers (0 for no limit) with what it lists
// ("billing events").
type timeRange struct {
	since, until string
	maxSpan      time.Duration
	listing      string
}

// addTimeFlags gives cmd --since and --until; what leaves them empty is
// the API's default (for most operations the last 24 hours).
func addTimeFlags(cmd *cobra.Command, tr *timeRange) {
	cmd.Flags().StringVar(&tr.since, "since", "", "start: RFC 3339 time, YYYY-MM-DD, or a time before now (90m, 36h, 7d, 2w)")
	cmd.Flags().StringVar(&tr.until, "until", "", "end, exclusive: RFC 3339 time, YYYY-MM-DD, or a time before now")
}

// params returns the start and end to send, nil for a flag not given. It
// refuses a start in the future, an end that is not after the start, and a
// period longer than maxSpan.
func (tr timeRange) params(now time.Time) (start, end *string, err error) {
	since, start, err := timeParam("--since", tr.since, now)
	if err != nil {
		return nil, nil, err
	}
	until, end, err := timeParam("--until", tr.until, now)
	if err != nil {
		return nil, nil, err
	}
	switch {
	case start != nil && since.After(now):
		return nil, nil, usagef("--since %s is in the future", tr.since)
	case start != nil && end != nil && !until.After(since):
		return nil, nil, usagef("--until %s is not after --since %s", tr.until, tr.since)
	}
	if tr.maxSpan > 0 && start != nil {
		if end == nil {
			until = now
		}
		if until.Sub(since) > tr.maxSpan {
			return nil, nil, usagef("--since %s: %s cover at most %d days (from --since to --until, or to now)", tr.since, tr.listing, tr.maxSpan/(24*time.Hour))
		}
	}
	return start, end, nil
}

// timeParam reads the value of a time flag: an RFC 3339 time or a date
// (midnight UTC) is sent as given; a duration such as 90m, 36h, 7d or 2w
// is the time that long before now, sent in RFC 3339 (UTC). It returns the
// time and what to send, nil for an empty value.
func timeParam(flag, value string, now time.Time) (time.Time, *string, error) {
	if value == "" {
		return time.Time{}, nil, nil
	}
	if t, err := time.Parse(time.RFC3339, value); err == nil {
		return t, &value, nil
	}
	if t, err := time.Parse(time.DateOnly, value); err == nil {
		return t, &value, nil
	}
	d, err := parseAgo(value)
	if err != nil {
		return time.Time{}, nil, usagef("%s %q: want an RFC 3339 time, a date (YYYY-MM-DD) or a duration such as 90m, 36h, 7d or 2w", flag, value)
	}
	t := now.Add(-d).UTC()
	sent := t.Format(time.RFC3339)
	return t, &sent, nil
}

// maxAgo bounds a count of days or weeks, far beyond any API's history and
// short of overflowing a time.Duration.
const maxAgo = 100 * 365

// parseAgo reads a positive duration: Go's (90m, 1h30m) or a whole number
// of days (7d) or weeks (2w).
func parseAgo(s string) (time.Duration, error) {
	day := 24 * time.Hour
	for suffix, unit := range map[string]time.Duration{"d": day, "w": 7 * day} {
		if n, ok := strings.CutSuffix(s, suffix); ok {
			count, err := strconv.Atoi(n)
			if err != nil || count <= 0 || count > maxAgo {
				return 0, fmt.Errorf("bad duration %q", s)
			}
			return time.Duration(count) * unit, nil
		}
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("bad duration %q", s)
	}
	return d, nil
}
