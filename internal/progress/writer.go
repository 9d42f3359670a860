package progress

import "io"

// Writer is an io.Writer that reports the progress of writing to its
// destination. It is not safe for concurrent use.
type Writer struct {
	w io.Writer
	c counter
}

// NewWriter returns a Writer to w, for total bytes (-1 if not known), that
// reports to fn. fn is called when the bytes written since its last call
// reach the interval, when the count reaches total, when ReadFrom returns,
// and when Finish is called.
func NewWriter(w io.Writer, total int64, fn Func, opts ...Option) *Writer {
	return &Writer{w: w, c: newCounter(total, fn, opts)}
}

// Write writes to the destination and counts the bytes written.
func (w *Writer) Write(p []byte) (int, error) {
	n, err := w.w.Write(p)
	w.c.add(n)
	return n, err
}

// ReadFrom copies r to the destination and counts the bytes copied, for
// io.Copy. When the destination is an io.ReaderFrom, such as an *os.File, it
// reads r through a counting io.Reader; otherwise the copy goes through r's
// WriteTo, if r has one, or through a buffer.
func (w *Writer) ReadFrom(r io.Reader) (int64, error) {
	var n int64
	var err error
	if rf, ok := w.w.(io.ReaderFrom); ok {
		n, err = rf.ReadFrom(countingReader{r, &w.c})
	} else {
		n, err = io.Copy(writeOnly{w}, r)
	}
	w.c.end()
	return n, err
}

// Finish reports the count, unless it was the last one reported: the end of
// a transfer whose total was not known.
func (w *Writer) Finish() {
	w.c.end()
}

// N returns how many bytes have been written.
func (w *Writer) N() int64 {
	return w.c.done
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	c *counter
}

func (cr countingReader) Read(p []byte) (int, error) {
	n, err := cr.r.Read(p)
	cr.c.add(n)
	return n, err
}

// writeOnly hides the ReadFrom method of a Writer from io.Copy, which would
// otherwise call it again.
type writeOnly struct {
	w *Writer
}

func (wo writeOnly) Write(p []byte) (int, error) {
	return wo.w.Write(p)
}
