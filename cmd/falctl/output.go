package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"strings"
	"text/tabwriter"
)

// The formats of --output.
const (
	formatTable = "table"
	formatJSON  = "json"
	formatCSV   = "csv"
)

// shape is what a command prints: a list, a single result, or an endless
// stream.
type shape int

const (
	shapeList shape = iota
	shapeSingle
	shapeStream
)

// renderer writes a command's results to stdout in the --output format,
// each result as it comes:
//
//   - table: the columns aligned under an upper-case header (rows are held
//     until the end to align them, except for a stream, which is written
//     line by line without a header); an empty cell shows as "-";
//   - csv: a header line of the column names, then one line per row;
//   - json: the API's own objects: an array for a list, an object for a
//     single result, one object per line for a stream.
//
// Every command prints through a renderer, so that all of them read alike.
type renderer struct {
	format  string
	shape   shape
	w       io.Writer
	columns []string

	tw     *tabwriter.Writer
	cw     *csv.Writer
	header bool // the header is written
	items  int  // the results written
}

// newRenderer returns a renderer of the given shape and columns (snake_case
// names, as in the API's JSON) to stdout.
func (c *cli) newRenderer(s shape, columns ...string) *renderer {
	r := &renderer{format: c.output, shape: s, w: c.stdout, columns: columns}
	switch r.format {
	case formatTable:
		r.tw = tabwriter.NewWriter(c.stdout, 0, 0, 2, ' ', 0)
	case formatCSV:
		r.cw = csv.NewWriter(c.stdout)
	}
	return r
}

// add writes one result: v as JSON, or rows (one per line, one value per
// column) as a table or CSV. A result may stand for several rows, as a time
// bucket holds a row per endpoint.
func (r *renderer) add(v any, rows ...[]string) error {
	r.items++
	switch r.format {
	case formatJSON:
		return r.addJSON(v)
	case formatCSV:
		if err := r.writeHeader(); err != nil {
			return err
		}
		for _, row := range rows {
			if err := r.cw.Write(row); err != nil {
				return err
			}
		}
		if r.shape == shapeStream {
			r.cw.Flush()
		}
		return r.cw.Error()
	}
	if err := r.writeHeader(); err != nil {
		return err
	}
	for _, row := range rows {
		cells := make([]string, len(row))
		for i, cell := range row {
			cells[i] = tableCell(cell)
		}
		if _, err := fmt.Fprintln(r.tw, strings.Join(cells, "\t")); err != nil {
			return err
		}
	}
	if r.shape == shapeStream {
		return r.tw.Flush()
	}
	return nil
}

// writeHeader writes the header line of a table or CSV once.
func (r *renderer) writeHeader() error {
	if r.header || (r.format == formatTable && r.shape == shapeStream) {
		return nil
	}
	r.header = true
	if r.format == formatCSV {
		return r.cw.Write(r.columns)
	}
	names := make([]string, len(r.columns))
	for i, col := range r.columns {
		names[i] = strings.ToUpper(strings.ReplaceAll(col, "_", " "))
	}
	_, err := fmt.Fprintln(r.tw, strings.Join(names, "\t"))
	return err
}

// addJSON writes v as JSON: an item of the array for a list (opened on the
// first item), the object for a single result, a line for a stream.
func (r *renderer) addJSON(v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	switch r.shape {
	case shapeList:
		enc.SetIndent("  ", "  ")
		if r.items == 1 {
			buf.WriteString("[\n  ")
		} else {
			buf.WriteString(",\n  ")
		}
	case shapeSingle:
		enc.SetIndent("", "  ")
	}
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("encoding the result: %w", err)
	}
	out := buf.Bytes()
	if r.shape == shapeList {
		out = bytes.TrimSuffix(out, []byte("\n"))
	}
	_, err := r.w.Write(out)
	return err
}

// close ends the output after the last result, or after err ended the
// results early: then the rows received are printed (nothing at all when
// there were none), but a JSON array is left open so that no one mistakes
// it for the whole list. It returns err, or else the error of the last
// write.
func (r *renderer) close(err error) error {
	if err != nil && r.items == 0 {
		return err // not even a header
	}
	var werr error
	switch r.format {
	case formatJSON:
		if r.shape == shapeList && err == nil {
			if r.items == 0 {
				_, werr = io.WriteString(r.w, "[]\n")
			} else {
				_, werr = io.WriteString(r.w, "\n]\n")
			}
		}
	case formatCSV:
		if werr = r.writeHeader(); werr == nil {
			r.cw.Flush()
			werr = r.cw.Error()
		}
	default:
		if werr = r.writeHeader(); werr == nil {
			werr = r.tw.Flush()
		}
	}
	if err != nil {
		return err
	}
	return werr
}

// render writes every item of items, as rows says, then closes r.
func render[T any](r *renderer, items iter.Seq2[T, error], rows func(T) [][]string) error {
	for item, err := range items {
		if err != nil {
			return r.close(err)
		}
		if err := r.add(item, rows(item)...); err != nil {
			return r.close(err)
		}
	}
	return r.close(nil)
}

// all yields the items of a list that the API answers whole.
func all[T any](items []T) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		for _, item := range items {
			if !yield(item, nil) {
				return
			}
		}
	}
}

// renderOne writes a single result as one row.
func (c *cli) renderOne(v any, columns []string, row []string) error {
	r := c.newRenderer(shapeSingle, columns...)
	return r.close(r.add(v, row))
}

// tableCell is how a value shows in a table: on one line, "-" when empty.
func tableCell(s string) string {
	if s == "" {
		return "-"
	}
	return strings.Join(strings.Fields(s), " ")
}
