package peerbench

import (
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"
)

// WriteReport prints, for each result, the clients' figures and the ratio
// of each pair of clients (the earlier one over the later one: below 1
// means the earlier one costs less).
func WriteReport(w io.Writer, results []Result) error {
	for _, r := range results {
		f := r.Fixture
		if _, err := fmt.Fprintf(w, "%s (GET /v1%s): %s entries in %s, %s bytes\n", f.Operation, f.Path, thousands(float64(f.Items)), f.List, thousands(float64(len(f.Body)))); err != nil {
			return err
		}
		// The tabwriter buffers the table: Flush reports any write error.
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		_, _ = fmt.Fprintf(tw, "\tns/op\tCPU ns/op\tB/op\tallocs/op\t\n")
		for i, name := range r.Clients {
			g := r.Figures[i]
			_, _ = fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t\n", name, thousands(g.NsPerOp), thousands(g.CPUNsPerOp), thousands(g.BytesPerOp), thousands(g.AllocsPerOp))
		}
		for i := range r.Clients {
			for j := i + 1; j < len(r.Clients); j++ {
				a, b := r.Figures[i], r.Figures[j]
				_, _ = fmt.Fprintf(tw, "%s/%s\t%s\t%s\t%s\t%s\t\n", r.Clients[i], r.Clients[j],
					ratio(a.NsPerOp, b.NsPerOp), ratio(a.CPUNsPerOp, b.CPUNsPerOp),
					ratio(a.BytesPerOp, b.BytesPerOp), ratio(a.AllocsPerOp, b.AllocsPerOp))
			}
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		if _, err := fmt.Fprintln(w); err != nil {
			return err
		}
	}
	return nil
}

func ratio(a, b float64) string {
	if b == 0 {
		return "-"
	}
	return strconv.FormatFloat(a/b, 'f', 2, 64)
}

// thousands formats a figure rounded to a whole number, with commas.
func thousands(v float64) string {
	s := strconv.FormatInt(int64(v+0.5), 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
