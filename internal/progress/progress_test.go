package progress

import (
	"bytes"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
)

// call is one call of a Func.
type call struct{ done, total int64 }

// recorder returns a Func that appends its calls to calls.
func recorder(calls *[]call) Func {
	return func(done, total int64) {
		*calls = append(*calls, call{done, total})
	}
}

// chunked returns at most n bytes per Read, and hides any WriteTo of r.
type chunked struct {
	r io.Reader
	n int
}

func (c chunked) Read(p []byte) (int, error) {
	return c.r.Read(p[:min(len(p), c.n)])
}

var errBroken = errors.New("broken")

func TestReader(t *testing.T) {
	tests := []struct {
		name  string
		src   io.Reader
		total int64
		every int64
		want  []call
		err   error
	}{
		{"interval and total", chunked{strings.NewReader("0123456789"), 3}, 10, 4, []call{{6, 10}, {10, 10}}, nil},
		{"interval, total unknown", chunked{strings.NewReader("0123456789"), 3}, -1, 4, []call{{6, -1}, {10, -1}}, nil},
		{"end only", chunked{strings.NewReader("0123456789"), 3}, -1, 100, []call{{10, -1}}, nil},
		{"total before the end", chunked{strings.NewReader("0123456789"), 3}, 10, 100, []call{{10, 10}}, nil},
		{"total smaller than the source", chunked{strings.NewReader("0123456789"), 3}, 5, 100, []call{{6, 5}, {10, 5}}, nil},
		{"every byte", chunked{strings.NewReader("0123"), 1}, 4, 1, []call{{1, 4}, {2, 4}, {3, 4}, {4, 4}}, nil},
		{"empty", strings.NewReader(""), 0, 4, []call{{0, 0}}, nil},
		{"empty, total unknown", strings.NewReader(""), -1, 4, []call{{0, -1}}, nil},
		{"error", io.MultiReader(chunked{strings.NewReader("0123456789"), 3}, iotest.ErrReader(errBroken)), 100, 4, []call{{6, 100}, {10, 100}}, errBroken},
		{"data with EOF", iotest.DataErrReader(strings.NewReader("0123456789")), -1, 100, []call{{10, -1}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var calls []call
			r := NewReader(tt.src, tt.total, recorder(&calls), Every(tt.every))
			// iotest.TestReader would read past the end; read plainly.
			var got bytes.Buffer
			buf := make([]byte, 16)
			var err error
			for err == nil {
				var n int
				n, err = r.Read(buf)
				got.Write(buf[:n])
			}
			if errors.Is(err, io.EOF) {
				err = nil
			}
			if !errors.Is(err, tt.err) {
				t.Errorf("Read: %v, want %v", err, tt.err)
			}
			if !slices.Equal(calls, tt.want) {
				t.Errorf("calls %v, want %v", calls, tt.want)
			}
			if r.N() != int64(got.Len()) {
				t.Errorf("N() = %d, read %d bytes", r.N(), got.Len())
			}
		})
	}
}

func TestWriter(t *testing.T) {
	tests := []struct {
		name   string
		writes []string
		total  int64
		every  int64
		finish bool
		want   []call
	}{
		{"interval and total", []string{"012", "345", "678", "9"}, 10, 4, false, []call{{6, 10}, {10, 10}}},
		{"finish, total unknown", []string{"012", "345", "678", "9"}, -1, 4, true, []call{{6, -1}, {10, -1}}},
		{"finish after total", []string{"0123456789"}, 10, 4, true, []call{{10, 10}}},
		{"no finish, total unknown", []string{"012", "345", "678", "9"}, -1, 5, false, []call{{6, -1}}},
		{"finish with nothing written", nil, -1, 4, true, []call{{0, -1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var calls []call
			var dst bytes.Buffer
			w := NewWriter(writeOnlyBuffer{&dst}, tt.total, recorder(&calls), Every(tt.every))
			for _, s := range tt.writes {
				if _, err := io.WriteString(w, s); err != nil {
					t.Fatal(err)
				}
			}
			if tt.finish {
				w.Finish()
				w.Finish()
			}
			if !slices.Equal(calls, tt.want) {
				t.Errorf("calls %v, want %v", calls, tt.want)
			}
			if want := strings.Join(tt.writes, ""); dst.String() != want || w.N() != int64(len(want)) {
				t.Errorf("wrote %q, N() = %d, want %q", dst.String(), w.N(), want)
			}
		})
	}
}

// writeOnlyBuffer hides the ReadFrom of a bytes.Buffer.
type writeOnlyBuffer struct{ b *bytes.Buffer }

func (w writeOnlyBuffer) Write(p []byte) (int, error) { return w.b.Write(p) }

// writerToSource is a source with a WriteTo that records its use.
type writerToSource struct {
	r    *strings.Reader
	used *bool
}

func (s writerToSource) Read(p []byte) (int, error) { return s.r.Read(p) }

func (s writerToSource) WriteTo(w io.Writer) (int64, error) {
	*s.used = true
	return s.r.WriteTo(w)
}

// readerFromSink is a destination with a ReadFrom that records its use.
type readerFromSink struct {
	b    *bytes.Buffer
	used *bool
}

func (s readerFromSink) Write(p []byte) (int, error) { return s.b.Write(p) }

func (s readerFromSink) ReadFrom(r io.Reader) (int64, error) {
	*s.used = true
	return s.b.ReadFrom(r)
}

func TestCopyFastPaths(t *testing.T) {
	content := strings.Repeat("0123456789", 10_000)
	tests := []struct {
		name     string
		wrap     string // "reader" or "writer"
		srcTo    bool   // the source has WriteTo
		dstFrom  bool   // the destination has ReadFrom
		wantUsed bool   // the fast path is expected to be used
	}{
		{"reader, plain", "reader", false, false, false},
		{"reader, source WriteTo", "reader", true, false, true},
		{"reader, destination ReadFrom", "reader", false, true, true},
		{"writer, plain", "writer", false, false, false},
		{"writer, source WriteTo", "writer", true, false, true},
		{"writer, destination ReadFrom", "writer", false, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var used bool
			var src io.Reader = chunked{strings.NewReader(content), 1000}
			if tt.srcTo {
				src = writerToSource{strings.NewReader(content), &used}
			}
			var got bytes.Buffer
			var dst io.Writer = writeOnlyBuffer{&got}
			if tt.dstFrom {
				dst = readerFromSink{&got, &used}
			}
			var calls []call
			total := int64(len(content))
			var n int64
			var err error
			if tt.wrap == "reader" {
				n, err = io.Copy(dst, NewReader(src, total, recorder(&calls), Every(30_000)))
			} else {
				n, err = io.Copy(NewWriter(dst, total, recorder(&calls), Every(30_000)), src)
			}
			if err != nil {
				t.Fatal(err)
			}
			if used != tt.wantUsed {
				t.Errorf("fast path used: %v, want %v", used, tt.wantUsed)
			}
			if n != total || got.String() != content {
				t.Errorf("copied %d bytes, want %d", n, total)
			}
			if len(calls) == 0 || calls[len(calls)-1] != (call{total, total}) {
				t.Errorf("calls %v, want the last to be the total", calls)
			}
			for i := 1; i < len(calls); i++ {
				if calls[i].done-calls[i-1].done < 30_000 && calls[i].done != total {
					t.Errorf("calls %v closer than the interval", calls)
				}
			}
		})
	}
}
