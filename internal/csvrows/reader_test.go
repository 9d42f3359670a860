package csvrows

import (
	"encoding/csv"
	"errors"
	"io"
	"os"
	"slices"
	"strings"
	"testing"
)

// result is what reading one row gave: its values and line, or an error
// (the start of its message: the rest comes from encoding/csv).
type result struct {
	values []string
	line   int
	err    string
}

// readRows reads all rows, going on after errors.
func readRows(t *testing.T, r *Reader) []result {
	t.Helper()
	var got []result
	for range 100 {
		row, err := r.Next()
		if errors.Is(err, io.EOF) {
			return got
		}
		if err != nil {
			got = append(got, result{err: err.Error()})
			continue
		}
		got = append(got, result{values: slices.Clone(row.Values()), line: row.Line()})
	}
	t.Fatal("no io.EOF after 100 rows")
	return nil
}

func TestReader(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		header []string
		want   []result
	}{
		{
			name:   "rows",
			in:     "a,b\n1,2\n3,4\n",
			header: []string{"a", "b"},
			want:   []result{{values: []string{"1", "2"}, line: 2}, {values: []string{"3", "4"}, line: 3}},
		},
		{
			name:   "BOM, CRLF, no final newline",
			in:     "\xEF\xBB\xBF\"a\",b\r\n1,2\r\n3,4",
			header: []string{"a", "b"},
			want:   []result{{values: []string{"1", "2"}, line: 2}, {values: []string{"3", "4"}, line: 3}},
		},
		{
			name:   "BOM only at the start",
			in:     "a,b\n\xEF\xBB\xBF1,2\n",
			header: []string{"a", "b"},
			want:   []result{{values: []string{"\xEF\xBB\xBF1", "2"}, line: 2}},
		},
		{
			name:   "quoted fields",
			in:     "a,b\n\"x, y\",\"say \"\"hi\"\"\"\n\"multi\nline\",z\nlast,row\n",
			header: []string{"a", "b"},
			want: []result{
				{values: []string{"x, y", `say "hi"`}, line: 2},
				{values: []string{"multi\nline", "z"}, line: 3},
				{values: []string{"last", "row"}, line: 5},
			},
		},
		{
			name:   "header only",
			in:     "a,b\n",
			header: []string{"a", "b"},
		},
		{
			name:   "blank lines skipped",
			in:     "a,b\n\n1,2\n\n",
			header: []string{"a", "b"},
			want:   []result{{values: []string{"1", "2"}, line: 3}},
		},
		{
			name:   "ragged rows",
			in:     "a,b,c\n1,2,3\n1,2\n1,2,3,4\n7,8,9\n",
			header: []string{"a", "b", "c"},
			want: []result{
				{values: []string{"1", "2", "3"}, line: 2},
				{err: "csvrows: line 3: 2 fields, the header has 3: wrong number of fields"},
				{err: "csvrows: line 4: 4 fields, the header has 3: wrong number of fields"},
				{values: []string{"7", "8", "9"}, line: 5},
			},
		},
		{
			name:   "malformed row",
			in:     "a,b\n1,2\nx\"y,3\n4,5\n",
			header: []string{"a", "b"},
			want: []result{
				{values: []string{"1", "2"}, line: 2},
				{err: `csvrows: parse error on line 3, column 2: `},
				{values: []string{"4", "5"}, line: 4},
			},
		},
		{
			name:   "empty column names",
			in:     "a,,b,\n1,2,3,4\n",
			header: []string{"a", "", "b", ""},
			want:   []result{{values: []string{"1", "2", "3", "4"}, line: 2}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := NewReader(strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if h := r.Header(); !slices.Equal(h, tt.header) {
				t.Errorf("Header() = %q, want %q", h, tt.header)
			}
			got := readRows(t, r)
			if !slices.EqualFunc(got, tt.want, func(a, b result) bool {
				return slices.Equal(a.values, b.values) && a.line == b.line && strings.HasPrefix(a.err, b.err) && (a.err == "") == (b.err == "")
			}) {
				t.Errorf("rows:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestReaderErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		is   error
		want string // the start of the message
	}{
		{"empty", "", ErrNoHeader, "csvrows: no header"},
		{"BOM only", "\xEF\xBB\xBF", ErrNoHeader, "csvrows: no header"},
		{"blank lines only", "\n\r\n\n", ErrNoHeader, "csvrows: no header"},
		{"duplicate column", "a,b,a\n1,2,3\n", ErrDuplicateColumn, `csvrows: duplicate column "a": columns 1 and 3`},
		{"malformed header", "a,\"b\n", nil, `csvrows: header: parse error on line 1, column `},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewReader(strings.NewReader(tt.in))
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Fatalf("NewReader: %v, want %s", err, tt.want)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("NewReader: %v, want an error wrapping %v", err, tt.is)
			}
		})
	}
}

func TestRowGet(t *testing.T) {
	r, err := NewReader(strings.NewReader("name,,price\nflux,x,0.025\n"))
	if err != nil {
		t.Fatal(err)
	}
	row, err := r.Next()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		column string
		want   string
		ok     bool
	}{
		{"name", "flux", true},
		{"price", "0.025", true},
		{"Price", "", false},
		{"", "", false},
		{"missing", "", false},
	}
	for _, tt := range tests {
		if got, ok := row.Get(tt.column); got != tt.want || ok != tt.ok {
			t.Errorf("Get(%q) = %q, %v; want %q, %v", tt.column, got, ok, tt.want, tt.ok)
		}
	}
	if got, ok := (Row{}).Get("name"); got != "" || ok {
		t.Errorf("Get on the zero Row = %q, %v", got, ok)
	}
}

func TestRowFieldsKept(t *testing.T) {
	r, err := NewReader(strings.NewReader("a\nfirst\nsecond\n"))
	if err != nil {
		t.Fatal(err)
	}
	first, err := r.Next()
	if err != nil {
		t.Fatal(err)
	}
	value, _ := first.Get("a")
	if _, err := r.Next(); err != nil {
		t.Fatal(err)
	}
	if value != "first" {
		t.Errorf("a field of the first row changed to %q after Next", value)
	}
}

func TestErrFieldCount(t *testing.T) {
	r, err := NewReader(strings.NewReader("a,b\n1\n"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Next(); !errors.Is(err, csv.ErrFieldCount) {
		t.Errorf("Next: %v, want an error wrapping csv.ErrFieldCount", err)
	}
}

func TestAll(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		stop  int // rows to read before breaking, 0 to read all
		lines []int
		err   error
	}{
		{"all", "a\n1\n2\n3\n", 0, []int{2, 3, 4}, nil},
		{"break", "a\n1\n2\n3\n", 2, []int{2, 3}, nil},
		{"stops at an error", "a,b\n1,2\n3\n4,5\n", 0, []int{2}, csv.ErrFieldCount},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := NewReader(strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			var lines []int
			var last error
			for row, err := range r.All() {
				if err != nil {
					last = err
					continue
				}
				lines = append(lines, row.Line())
				if len(lines) == tt.stop {
					break
				}
			}
			if !slices.Equal(lines, tt.lines) || !errors.Is(last, tt.err) {
				t.Errorf("lines %v, error %v; want %v, %v", lines, last, tt.lines, tt.err)
			}
		})
	}
}

func TestFOCUSExport(t *testing.T) {
	f, err := os.Open("testdata/focus.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	if h := r.Header(); len(h) != 18 || h[0] != "BilledCost" {
		t.Fatalf("header %q", h)
	}
	var services []string
	for row, err := range r.All() {
		if err != nil {
			t.Fatal(err)
		}
		name, _ := row.Get("ServiceName")
		description, _ := row.Get("ChargeDescription")
		services = append(services, name+": "+description)
	}
	want := []string{
		"fal-ai/flux/dev: flux/dev, 1 image",
		`Serverless: GPU H100 seconds, "burst"`,
		"Credits: Promotional credit\nmulti-line note",
	}
	if !slices.Equal(services, want) {
		t.Errorf("rows %q, want %q", services, want)
	}
}
