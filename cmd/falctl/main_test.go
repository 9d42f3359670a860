package main

import (
	"bytes"
	"context"
	"net"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/falplatform/fal-go/pkg/fal"
	"github.com/falplatform/fal-go/pkg/falmock"
)

// TestRun runs falctl as main does, with the signal handling and the
// terminal checks of a real run.
func TestRun(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run([]string{"--mock", "apps", "queue", "my-user/my-app", "-o", "csv"}, strings.NewReader(""), &stdout, &stderr)
	if code != exitOK || stdout.String() != "app,queue_size\nmy-user/my-app,5\n" || stderr.Len() != 0 {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout.String(), stderr.String())
	}
}

func TestIsTerminal(t *testing.T) {
	devNull, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer devNull.Close()
	for name, f := range map[string]any{"a buffer": &bytes.Buffer{}, os.DevNull: devNull, "nil": nil} {
		if isTerminal(f) {
			t.Errorf("%s is taken for a terminal", name)
		}
	}
}

// TestTimeout bounds a call that the server is slow to answer.
func TestTimeout(t *testing.T) {
	t.Parallel()
	srv := falmock.NewServer(falmock.WithLatency(time.Minute))
	defer srv.Close()
	r := againstServer(t, srv, session{}, "--timeout", "20ms", "pricing", "fal-ai/flux/dev")
	if r.code != exitFailed || !strings.Contains(r.stderr, "deadline exceeded") || r.stdout != "" {
		t.Errorf("exit %d, stdout %q, stderr %q; want exit 1 and a deadline error", r.code, r.stdout, r.stderr)
	}
}

// TestInsecureBaseURL refuses to send the key in clear text to a host
// that is not this machine, before sending anything.
func TestInsecureBaseURL(t *testing.T) {
	t.Parallel()
	checkGolden(t, "usage-insecure-base-url", falctl(t, session{}, "--base-url", "http://api.example.com/v1", "pricing", "fal-ai/flux/dev"))
}

// TestInterrupted ends a command that Ctrl-C cancelled with exit code 1.
func TestInterrupted(t *testing.T) {
	t.Parallel()
	srv := falmock.NewServer()
	defer srv.Close()
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	r := againstServer(t, srv, session{ctx: ctx}, "pricing", "fal-ai/flux/dev")
	if r.code != exitFailed || r.stderr != "falctl: interrupted\n" || r.stdout != "" {
		t.Errorf("exit %d, stdout %q, stderr %q; want exit 1 and interrupted", r.code, r.stdout, r.stderr)
	}
}

// TestBadBaseURL reports a base URL the client refuses once, with no
// "fal: " after "falctl: ".
func TestBadBaseURL(t *testing.T) {
	t.Parallel()
	checkGolden(t, "usage-bad-base-url", falctl(t, session{}, "--base-url", "ftp://api.example.com/v1", "pricing", "fal-ai/flux/dev"))
}

// TestUnreachable says which address could not be reached and what to
// check, when nothing listens there.
func TestUnreachable(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + l.Addr().String() + "/v1"
	l.Close()
	r := falctl(t, session{options: []fal.Option{fal.WithMaxRetries(0)}}, "--base-url", base, "pricing", "fal-ai/flux/dev")
	lines := strings.Split(r.stderr, "\n")
	if r.code != exitFailed || len(lines) != 3 ||
		!strings.HasPrefix(lines[0], "falctl: could not reach "+base+": ") || !strings.Contains(lines[0], "connection refused") ||
		lines[1] != "falctl: check the network connection and any proxy (HTTPS_PROXY), and the API's address (--base-url, FAL_BASE_URL)" {
		t.Errorf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
}
