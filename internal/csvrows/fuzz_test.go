package csvrows

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"testing"
)

// recordsFrom makes a table out of arbitrary bytes: rows separated by 0xFF,
// fields by 0xFE, all rows as wide as the first and at least two fields wide
// (a row of one empty field would be a blank line, which CSV skips), and no
// CR (which CSV drops before an LF).
func recordsFrom(in []byte) [][]string {
	var records [][]string
	width := 0
	for i, line := range bytes.Split(bytes.ReplaceAll(in, []byte("\r"), nil), []byte{0xFF}) {
		var record []string
		for field := range bytes.SplitSeq(line, []byte{0xFE}) {
			record = append(record, string(field))
		}
		if i == 0 {
			width = max(len(record), 2)
		}
		record = append(record, make([]string, max(width-len(record), 0))...)
		records = append(records, record[:width])
	}
	return records
}

func FuzzReader(f *testing.F) {
	focus, err := os.ReadFile("testdata/focus.csv")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(focus)
	f.Add([]byte("a,b\n1,2\n"))
	f.Add([]byte("\xEF\xBB\xBF\"a\",,b\r\n\"x\ny\",,\"\"\"\"\n1,2\n"))
	f.Add([]byte("a,b,a\n"))
	f.Add([]byte("one\xFEtwo\xFFthree\xFE\"four\"\xFF\xFEfive,six\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		// Any input: no panic, rows as wide as the header, Get agreeing
		// with Values, and an end.
		if r, err := NewReader(bytes.NewReader(in)); err == nil {
			header := r.Header()
			for i := 0; ; i++ {
				if i > len(in) {
					t.Fatal("no io.EOF")
				}
				row, err := r.Next()
				if errors.Is(err, io.EOF) {
					break
				}
				var parseErr *csv.ParseError
				if err != nil && !errors.Is(err, csv.ErrFieldCount) && !errors.As(err, &parseErr) {
					t.Fatalf("Next: %v", err)
				}
				if err != nil {
					continue
				}
				if len(row.Values()) != len(header) {
					t.Fatalf("row of %d fields, header of %d", len(row.Values()), len(header))
				}
				for j, name := range header {
					if v, ok := row.Get(name); name != "" && (!ok || v != row.Values()[j]) {
						t.Fatalf("Get(%q) = %q, %v; Values()[%d] = %q", name, v, ok, j, row.Values()[j])
					}
				}
			}
		}

		// A table written by encoding/csv reads back the same.
		records := recordsFrom(in)
		header := make([]string, len(records[0]))
		for i := range header {
			header[i] = fmt.Sprintf("c%d", i)
		}
		var b bytes.Buffer
		w := csv.NewWriter(&b)
		if err := w.WriteAll(append([][]string{header}, records...)); err != nil {
			t.Fatal(err)
		}
		r, err := NewReader(&b)
		if err != nil {
			t.Fatal(err)
		}
		for i, want := range records {
			row, err := r.Next()
			if err != nil {
				t.Fatalf("row %d: %v", i, err)
			}
			if !slices.Equal(row.Values(), want) {
				t.Fatalf("row %d: %q, want %q", i, row.Values(), want)
			}
			if v, _ := row.Get("c1"); v != want[1] {
				t.Fatalf("row %d: Get(c1) = %q, want %q", i, v, want[1])
			}
		}
		if _, err := r.Next(); !errors.Is(err, io.EOF) {
			t.Fatalf("after the rows: %v", err)
		}
	})
}
