package sse

import (
	"bufio"
	"bytes"
	"fmt"
	"testing"
)

// logStream returns a stream like fal's log stream: events with a type, an
// ID and a JSON line of data, with a heartbeat comment every ten events.
func logStream(events int) []byte {
	var b bytes.Buffer
	for i := range events {
		if i%10 == 9 {
			b.WriteString(": heartbeat\n\n")
		}
		fmt.Fprintf(&b, "event: log\nid: %08d\ndata: {\"timestamp\":\"2025-06-01T12:%02d:%02d.%06dZ\",\"level\":\"info\","+
			"\"source\":\"run\",\"app\":\"fal-ai/flux-pro\",\"request_id\":\"a1b2c3d4-e5f6-47a8-9b0c-%012d\","+
			"\"message\":\"step %d/50 done, %d ms, gpu memory %d MiB\"}\n\n",
			i, i/60%60, i%60, i%1000000, i, i%50, 40+i%17, 20000+i%4096)
	}
	return b.Bytes()
}

// BenchmarkReader parses a log stream; compare with BenchmarkBaselineScanner.
func BenchmarkReader(b *testing.B) {
	stream := logStream(10000)
	b.SetBytes(int64(len(stream)))
	b.ReportAllocs()
	for b.Loop() {
		r := NewReader(bytes.NewReader(stream))
		n, size := 0, 0
		for r.Next() {
			ev := r.Event()
			n++
			size += len(ev.Data) + len(ev.ID) + len(ev.Type)
		}
		if err := r.Err(); err != nil {
			b.Fatal(err)
		}
		if n != 10000 || size == 0 {
			b.Fatalf("read %d events, want 10000", n)
		}
	}
}

// BenchmarkBaselineScanner splits the stream of BenchmarkReader into lines
// with bufio.Scanner and does nothing else with them.
func BenchmarkBaselineScanner(b *testing.B) {
	stream := logStream(10000)
	lines := bytes.Count(stream, []byte("\n"))
	b.SetBytes(int64(len(stream)))
	b.ReportAllocs()
	for b.Loop() {
		s := bufio.NewScanner(bytes.NewReader(stream))
		n, size := 0, 0
		for s.Scan() {
			n++
			size += len(s.Bytes())
		}
		if err := s.Err(); err != nil {
			b.Fatal(err)
		}
		if n != lines || size == 0 {
			b.Fatalf("read %d lines, want %d", n, lines)
		}
	}
}
