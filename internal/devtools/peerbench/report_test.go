package peerbench

import (
	"bytes"
	"strings"
	"testing"
)

func TestWriteReport(t *testing.T) {
	results := []Result{{
		Fixture: Fixture{Operation: "GetUsage", Path: "/models/usage", List: "time_series", Items: 2, Body: make([]byte, 1234)},
		Clients: []string{"fal-go", "ogen", "bare"},
		Figures: []Figures{
			{NsPerOp: 3000, CPUNsPerOp: 2000, BytesPerOp: 1500, AllocsPerOp: 10},
			{NsPerOp: 1000, CPUNsPerOp: 1000, BytesPerOp: 1000, AllocsPerOp: 5},
			{NsPerOp: 4000, CPUNsPerOp: 4000, BytesPerOp: 2000, AllocsPerOp: 0},
		},
	}}
	var buf bytes.Buffer
	if err := WriteReport(&buf, results); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.Contains(out, "GetUsage (GET /v1/models/usage): 2 entries in time_series, 1,234 bytes\n") {
		t.Errorf("no title line in\n%s", out)
	}
	tests := []struct {
		line string
		want []string
	}{
		{"fal-go ", []string{"3,000", "2,000", "1,500", "10"}},
		{"fal-go/ogen", []string{"3.00", "2.00", "1.50", "2.00"}},
		{"fal-go/bare", []string{"0.75", "0.50", "0.75", "-"}},
		{"ogen/bare", []string{"0.25", "0.25", "0.50", "-"}},
	}
	for _, tt := range tests {
		line := lineWith(out, tt.line)
		if line == "" {
			t.Errorf("no line with %q in\n%s", tt.line, out)
			continue
		}
		fields := strings.Fields(line)
		got := fields[len(fields)-len(tt.want):]
		if strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("line %q ends with %q, want %q", line, got, tt.want)
		}
	}
}

// lineWith finds the line that starts, after its padding, with prefix.
func lineWith(text, prefix string) string {
	for _, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(strings.TrimSpace(l)+" ", prefix) {
			return l
		}
	}
	return ""
}

func TestMedian(t *testing.T) {
	tests := []struct {
		in   []float64
		want float64
	}{
		{nil, 0},
		{[]float64{5}, 5},
		{[]float64{9, 1, 5}, 5},
		{[]float64{4, 1, 3, 2}, 2.5},
		{[]float64{7, 7, 100, 7, 1}, 7},
	}
	for _, tt := range tests {
		if got := median(tt.in); got != tt.want {
			t.Errorf("median(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
