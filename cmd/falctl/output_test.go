package main

import (
	"bytes"
	"errors"
	"iter"
	"testing"
)

// items yields values, then err if it is not nil.
func items(err error, values ...string) iter.Seq2[string, error] {
	return func(yield func(string, error) bool) {
		for _, v := range values {
			if !yield(v, nil) {
				return
			}
		}
		if err != nil {
			yield("", err)
		}
	}
}

// TestRender checks each format on an empty list, a whole list and a list
// cut short by an error.
func TestRender(t *testing.T) {
	errCut := errors.New("cut")
	tests := []struct {
		format string
		err    error
		values []string
		want   string
	}{
		{formatTable, nil, nil, "NAME  KIND\n"},
		{formatTable, nil, []string{"a", "bb"}, "NAME  KIND\na     -\nbb    -\n"},
		{formatTable, errCut, []string{"a"}, "NAME  KIND\na     -\n"},
		{formatTable, errCut, nil, ""},
		{formatCSV, nil, nil, "name,kind\n"},
		{formatCSV, nil, []string{"a", "b,c"}, "name,kind\na,\n\"b,c\",\n"},
		{formatCSV, errCut, []string{"a"}, "name,kind\na,\n"},
		{formatJSON, nil, nil, "[]\n"},
		{formatJSON, nil, []string{"a", "<b>"}, "[\n  \"a\",\n  \"<b>\"\n]\n"},
		{formatJSON, errCut, []string{"a"}, "[\n  \"a\""},
		{formatJSON, errCut, nil, ""},
	}
	for _, tt := range tests {
		var out bytes.Buffer
		c := &cli{stdout: &out, output: tt.format}
		r := c.newRenderer(shapeList, "name", "kind")
		err := render(r, items(tt.err, tt.values...), func(v string) [][]string { return [][]string{{v, ""}} })
		if !errors.Is(err, tt.err) {
			t.Errorf("%s %q: error %v, want %v", tt.format, tt.values, err, tt.err)
		}
		if out.String() != tt.want {
			t.Errorf("%s %q (error %v): wrote\n%q\nwant\n%q", tt.format, tt.values, tt.err, out.String(), tt.want)
		}
	}
}

func TestTableCell(t *testing.T) {
	for in, want := range map[string]string{"": "-", "a b": "a b", "line\nbreak\tand  tab": "line break and tab"} {
		if got := tableCell(in); got != want {
			t.Errorf("tableCell(%q) = %q, want %q", in, got, want)
		}
	}
}
