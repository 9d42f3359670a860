package fal

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"iter"
	"strings"
)

// CSVStream is a CSV report being downloaded. Walk it row by row with Rows,
// or read the raw bytes (it is an io.Reader); then Close it. Rows are read
// one at a time, so reports of any size keep memory flat.
type CSVStream struct {
	body    io.ReadCloser
	op      *operation
	started bool
}

// CSVRow is one row of a CSV report, with its columns looked up by the
// header's names.
type CSVRow struct {
	values []string
	index  map[string]int
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
// once; a row with the wrong number of fields ends it with an error that
// names the line.
func (s *CSVStream) Rows() iter.Seq2[CSVRow, error] {
	return func(yield func(CSVRow, error) bool) {
		if s.started {
			yield(CSVRow{}, fmt.Errorf("fal: %s: the rows were already read", s.op.name))
			return
		}
		s.started = true
		r := csv.NewReader(s.body)
		header, err := r.Read()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			yield(CSVRow{}, fmt.Errorf("fal: %s: reading the CSV header: %w", s.op.name, err))
			return
		}
		header[0] = strings.TrimPrefix(header[0], "\ufeff")
		index := make(map[string]int, len(header))
		for i, name := range header {
			if _, dup := index[name]; !dup {
				index[name] = i
			}
		}
		for {
			values, err := r.Read()
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil {
				yield(CSVRow{}, fmt.Errorf("fal: %s: reading the CSV: %w", s.op.name, err))
				return
			}
			if !yield(CSVRow{values: values, index: index}, nil) {
				return
			}
		}
	}
}

// Get returns the value of a column by its header name, and whether the
// report has that column.
func (r CSVRow) Get(column string) (string, bool) {
	i, ok := r.index[column]
	if !ok {
		return "", false
	}
	return r.values[i], true
}

// Values returns the row's values in column order.
func (r CSVRow) Values() []string { return r.values }
