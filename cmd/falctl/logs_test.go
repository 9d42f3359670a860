package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/falplatform/fal-go/pkg/falmock"
)

// cancelAfter cancels a context once n lines have been written to it: a
// user pressing Ctrl-C after reading them.
type cancelAfter struct {
	n      int
	cancel context.CancelFunc
}

func (w *cancelAfter) Write(p []byte) (int, error) {
	if w.n -= bytes.Count(p, []byte("\n")); w.n <= 0 {
		w.cancel()
	}
	return len(p), nil
}

// TestLogsTailCancel follows a stream that never ends until the user
// cancels (as signal.NotifyContext does on Ctrl-C): falctl stops cleanly,
// with the lines received and exit code 0.
func TestLogsTailCancel(t *testing.T) {
	for _, format := range []string{formatTable, formatJSON} {
		t.Run(format, func(t *testing.T) {
			t.Parallel()
			srv := falmock.NewServer(falmock.WithLogStream(falmock.LogStream{Events: 2, Heartbeats: 1, KeepOpen: true}))
			defer srv.Close()
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			s := session{ctx: ctx, stdout: &cancelAfter{n: 2, cancel: cancel}}
			r := againstServer(t, srv, s, "-o", format, "logs", "tail")
			checkGolden(t, "logs-tail-cancel-"+format, r)
		})
	}
}
