package progress

import "io"

// Reader is an io.Reader that reports the progress of reading its source.
// It is not safe for concurrent use.
type Reader struct {
	r io.Reader
	c counter
}

// NewReader returns a Reader of r, which holds total bytes (-1 if not
// known), that reports to fn. fn is called when the bytes read since its
// last call reach the interval, when the count reaches total, and at the end
// of the source: when a Read returns an error, io.EOF included, or when
// WriteTo returns.
func NewReader(r io.Reader, total int64, fn Func, opts ...Option) *Reader {
	return &Reader{r: r, c: newCounter(total, fn, opts)}
}

// Read reads from the source and counts the bytes read.
func (r *Reader) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	r.c.add(n)
	if err != nil {
		r.c.end()
	}
	return n, err
}

// WriteTo writes the rest of the source to w and counts the bytes written,
// for io.Copy. When the source is an io.WriterTo, it writes itself to w
// through a counting io.Writer, and the progress follows its writes (a
// bytes.Reader writes all its bytes at once). Otherwise the copy goes through
// w's ReadFrom, if w has one, or through a buffer.
func (r *Reader) WriteTo(w io.Writer) (int64, error) {
	var n int64
	var err error
	if wt, ok := r.r.(io.WriterTo); ok {
		n, err = wt.WriteTo(countingWriter{w, &r.c})
	} else {
		n, err = io.Copy(w, readOnly{r})
	}
	r.c.end()
	return n, err
}

// N returns how many bytes have been read.
func (r *Reader) N() int64 {
	return r.c.done
}

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	c *counter
}

func (cw countingWriter) Write(p []byte) (int, error) {
	n, err := cw.w.Write(p)
	cw.c.add(n)
	return n, err
}

// readOnly hides the WriteTo method of a Reader from io.Copy, which would
// otherwise call it again.
type readOnly struct {
	r *Reader
}

func (ro readOnly) Read(p []byte) (int, error) {
	return ro.r.Read(p)
}
