// Package csvrows reads a CSV file row by row, addressing fields by the
// names in its header, such as the FOCUS billing exports of fal's API.
//
// It streams: encoding/csv reads one record at a time into reused memory, so
// a report of any length is read in constant memory.
package csvrows

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"iter"
	"slices"
)

// ErrNoHeader is returned by [NewReader] for a file without any record.
var ErrNoHeader = errors.New("csvrows: no header")

// ErrDuplicateColumn is returned, wrapped, by [NewReader] for a header that
// names a column twice.
var ErrDuplicateColumn = errors.New("csvrows: duplicate column")

// bom is the UTF-8 byte order mark, which some tools write at the start of
// their exports.
var bom = []byte("\xEF\xBB\xBF")

// Reader reads the rows of a CSV file whose first record is the header.
// It is not safe for concurrent use.
type Reader struct {
	csv    *csv.Reader
	header []string
	index  map[string]int
}

// NewReader reads the header of the CSV file in r and returns a Reader of
// the rows after it. A UTF-8 byte order mark at the start of the file is
// dropped.
//
// Columns are addressed by their names in the header, exactly as written.
// A header that names a column twice is an error wrapping
// [ErrDuplicateColumn], as a Get by that name could not tell them apart; an
// empty name is allowed any number of times, and such columns are only
// reached through [Row.Values].
func NewReader(r io.Reader) (*Reader, error) {
	br := bufio.NewReader(r)
	if b, err := br.Peek(len(bom)); err == nil && bytes.Equal(b, bom) {
		if _, err := br.Discard(len(bom)); err != nil {
			return nil, fmt.Errorf("csvrows: %w", err)
		}
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1 // Next checks the count, to say more when it is wrong.
	cr.ReuseRecord = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, ErrNoHeader
	}
	if err != nil {
		return nil, fmt.Errorf("csvrows: header: %w", err)
	}
	header = slices.Clone(header)
	index := make(map[string]int, len(header))
	for i, name := range header {
		if name == "" {
			continue
		}
		if j, ok := index[name]; ok {
			return nil, fmt.Errorf("%w %q: columns %d and %d", ErrDuplicateColumn, name, j+1, i+1)
		}
		index[name] = i
	}
	return &Reader{csv: cr, header: header, index: index}, nil
}

// Header returns a copy of the header: the names of the columns.
func (r *Reader) Header() []string {
	return slices.Clone(r.header)
}

// Next returns the next row, or io.EOF after the last one.
//
// A row with more or fewer fields than the header is an error wrapping
// csv.ErrFieldCount, and malformed CSV an error wrapping a *csv.ParseError;
// both name the line of the row. After them, Next may be called again to go
// on with the next row.
//
// The row's Values are reused by the next call; the strings themselves stay
// valid.
func (r *Reader) Next() (Row, error) {
	values, err := r.csv.Read()
	if errors.Is(err, io.EOF) {
		return Row{}, io.EOF
	}
	if err != nil {
		return Row{}, fmt.Errorf("csvrows: %w", err)
	}
	line, _ := r.csv.FieldPos(0)
	if len(values) != len(r.header) {
		return Row{}, fmt.Errorf("csvrows: line %d: %d fields, the header has %d: %w", line, len(values), len(r.header), csv.ErrFieldCount)
	}
	return Row{values: values, index: r.index, line: line}, nil
}

// All returns an iterator over the rows that Next returns, which stops after
// the first error.
func (r *Reader) All() iter.Seq2[Row, error] {
	return func(yield func(Row, error) bool) {
		for {
			row, err := r.Next()
			if errors.Is(err, io.EOF) {
				return
			}
			if !yield(row, err) || err != nil {
				return
			}
		}
	}
}
