// Command falmock serves fal's mock API (package falmock) on a loopback
// address, for clients in any language and for falctl --mock: every
// operation of fal's schema, each request validated against it, each
// answer built from it.
//
// Usage:
//
//	falmock [-addr 127.0.0.1:0] [-exit-on-eof]
//
// It writes the API's base URL (such as http://127.0.0.1:41234/v1) as the
// first line of its standard output once it listens, and serves until
// interrupted. Any non-empty key is accepted: send "Authorization: Key
// anything". -exit-on-eof makes it exit when its standard input ends, as a
// program that runs it for its own lifetime (falctl --mock) wants.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/falplatform/fal-go/internal/mockproc"
	"github.com/falplatform/fal-go/pkg/falmock"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run serves the mock as the command line args say and returns the exit
// code: 0 when it was asked to stop, 1 when it failed, 2 for a bad command
// line.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("falmock", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:0", "address to listen on (port 0 picks a free one)")
	exitOnEOF := fs.Bool(mockproc.ExitOnEOF, false, "exit when standard input ends")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		say(stderr, "unexpected argument %q", fs.Arg(0))
		return 2
	}
	h, err := falmock.NewHandler()
	if err != nil {
		say(stderr, "%v", err)
		return 1
	}
	var untilEOF io.Reader
	if *exitOnEOF {
		untilEOF = stdin
	}
	if err := mockproc.Serve(ctx, h, h.BasePath(), *addr, stdout, untilEOF); err != nil {
		say(stderr, "%v", err)
		return 1
	}
	return 0
}

// say writes a message on stderr. A failed write to stderr leaves no one to
// tell, so its error is dropped.
func say(stderr io.Writer, format string, args ...any) {
	_, _ = fmt.Fprintf(stderr, "falmock: "+format+"\n", args...)
}
