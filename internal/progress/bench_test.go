package progress

import (
	"io"
	"testing"
)

// benchSize is the size of the copies: 1 GiB.
const benchSize = 1 << 30

// chunk and sinkChunk are the memory that sources copy from and sinks copy
// to.
var chunk, sinkChunk [64 << 10]byte

// stream is a source of benchSize bytes that Read copies into p, like an
// HTTP response body: it has no WriteTo.
type stream struct{ left int64 }

func (s *stream) Read(p []byte) (int, error) {
	if s.left == 0 {
		return 0, io.EOF
	}
	n := copy(p[:min(int64(len(p)), s.left)], chunk[:])
	s.left -= int64(n)
	return n, nil
}

// writerToStream is a stream with a WriteTo that writes its own memory 32 KiB
// at a time, like an *os.File or a bytes.Reader writing itself.
type writerToStream struct{ stream }

func (s *writerToStream) WriteTo(w io.Writer) (int64, error) {
	var n int64
	for s.left > 0 {
		m, err := w.Write(chunk[:min(32<<10, s.left)])
		n += int64(m)
		s.left -= int64(m)
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// sink copies what is written to it into memory, like a file or a socket
// taking the bytes into the kernel; it has no ReadFrom.
type sink struct{}

func (sink) Write(p []byte) (int, error) {
	for i := 0; i < len(p); i += len(sinkChunk) {
		copy(sinkChunk[:], p[i:])
	}
	return len(p), nil
}

// BenchmarkCopy copies 1 GiB with io.Copy: bare (the baseline), through a
// Reader, and through a Writer, with and without the fast paths of io.Copy:
// a source with WriteTo, a destination with ReadFrom (io.Discard).
func BenchmarkCopy(b *testing.B) {
	calls := 0
	fn := func(done, total int64) { calls++ }
	cases := []struct {
		name string
		src  func() io.Reader
		dst  io.Writer
	}{
		{"plain", func() io.Reader { return &stream{benchSize} }, sink{}},
		{"source WriteTo", func() io.Reader { return &writerToStream{stream{benchSize}} }, sink{}},
		{"destination ReadFrom", func() io.Reader { return &stream{benchSize} }, io.Discard},
	}
	for _, c := range cases {
		copies := []struct {
			name string
			copy func() (int64, error)
		}{
			{"baseline", func() (int64, error) { return io.Copy(c.dst, c.src()) }},
			{"reader", func() (int64, error) { return io.Copy(c.dst, NewReader(c.src(), benchSize, fn)) }},
			{"writer", func() (int64, error) { return io.Copy(NewWriter(c.dst, benchSize, fn), c.src()) }},
		}
		for _, cp := range copies {
			b.Run(c.name+"/"+cp.name, func(b *testing.B) {
				b.SetBytes(benchSize)
				b.ReportAllocs()
				for b.Loop() {
					n, err := cp.copy()
					if err != nil || n != benchSize {
						b.Fatalf("copied %d bytes: %v", n, err)
					}
				}
			})
		}
	}
	if calls == 0 {
		b.Fatal("the Func was never called")
	}
}
