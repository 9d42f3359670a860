package fal

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"

	"github.com/falplatform/fal-go/internal/csvrows"
)

// CSVStream is a CSV report being downloaded. Walk it row by row with Rows,
// or read the raw bytes (it is an io.Reader); then Close it. Rows are read
// one at a time, so reports of any size keep memory flat.
type CSVStream struct {
	body    io.ReadCloser
	op      *operation
	started bool
}

// CSVRow is one row of a CSV report, its columns looked up by the header's
// names.
type CSVRow struct {
	row csvrows.Row
}

// doCSV calls an operation that answers with CSV.
func (c *Client) doCSV(ctx context.Context, op *operation, opts []Option, build requestBuilder) (*CSVStream, error) {
	resp, _, err := c.openStream(ctx, op, opts, "text/csv", build)
	if err != nil {
		return nil, err
	}
	return &CSVStream{body: resp.Body, op: op}, nil
}

// Read reads the raw CSV; do not mix it with Rows.
func (s *CSVStream) Read(p []byte) (int, error) { return s.body.Read(p) }

// Close ends the download and releases the connection.
func (s *CSVStream) Close() error { return s.body.Close() }

// Rows yields the rows after the header, in order. It can be ranged over
// once; a row with the wrong number of fields, or a header naming a column
// twice, ends it with an error that says where.
func (s *CSVStream) Rows() iter.Seq2[CSVRow, error] {
	return func(yield func(CSVRow, error) bool) {
		if s.started {
			yield(CSVRow{}, fmt.Errorf("fal: %s: the rows were already read", s.op.name))
			return
		}
		s.started = true
		rows, err := csvrows.NewReader(s.body)
		if errors.Is(err, csvrows.ErrNoHeader) {
			return // an empty report
		}
		if err != nil {
			yield(CSVRow{}, fmt.Errorf("fal: %s: %w", s.op.name, err))
			return
		}
		for row, err := range rows.All() {
			if err != nil {
				yield(CSVRow{}, fmt.Errorf("fal: %s: %w", s.op.name, err))
				return
			}
			if !yield(CSVRow{row: row}, nil) {
				return
			}
		}
	}
}

// Get returns the value of a column by its header name, and whether the
// report has that column.
func (r CSVRow) Get(column string) (string, bool) { return r.row.Get(column) }

// Values returns the row's values in column order. The slice is reused by
// the next row; copy it to keep it.
func (r CSVRow) Values() []string { return r.row.Values() }

// Line is the row's line in the report (1 is the header).
func (r CSVRow) Line() int { return r.row.Line() }
