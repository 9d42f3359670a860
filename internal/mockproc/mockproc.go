// Package mockproc runs fal's mock API (package falmock) in a process of its
// own, so that a program can offer the mock without linking it: falctl
// --mock starts the falmock program, which links the schema validator and
// its start-up cost, and every other falctl command pays nothing for it.
//
// The protocol is small: the program serves on a loopback address, writes
// its base URL as the first line of its standard output once it listens,
// and exits when its standard input ends, so that it never outlives the
// process that started it, however that one ends.
package mockproc

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os/exec"
	"strings"
	"time"
)

// ExitOnEOF names the flag that makes the mock program exit when its
// standard input ends.
const ExitOnEOF = "exit-on-eof"

// Serve serves h on addr (a loopback address such as 127.0.0.1:0), writes
// its base URL (http://, the address it listens on, then basePath) as one
// line on out once it listens, and serves until ctx ends or, when
// untilEOF is not nil, until untilEOF ends.
func Serve(ctx context.Context, h http.Handler, basePath, addr string, out io.Writer, untilEOF io.Reader) error {
	l, err := new(net.ListenConfig).Listen(ctx, "tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	srv := &http.Server{Handler: h}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(l) }()
	if _, err := fmt.Fprintf(out, "http://%s%s\n", l.Addr(), basePath); err != nil {
		_ = srv.Close()
		return fmt.Errorf("write the base URL: %w", err)
	}
	ended := make(chan struct{})
	if untilEOF != nil {
		go func() {
			_, _ = io.Copy(io.Discard, untilEOF)
			close(ended)
		}()
	}
	select {
	case <-ctx.Done():
	case <-ended:
	case err := <-served:
		return fmt.Errorf("serve: %w", err)
	}
	// Nothing is left to answer for: the client is gone or asked to stop.
	_ = srv.Close()
	return nil
}

// Process is a running mock program.
type Process struct {
	// URL is the base URL the program serves the API at.
	URL string

	cmd   *exec.Cmd
	stdin io.Closer
}

// Start runs program with args and the ExitOnEOF flag, and waits for its
// base URL. The program ends with ctx, with Stop, or when this process ends
// (its standard input, a pipe from this process, then ends). args lets the
// program be a launcher, such as "go" with "run" and a package.
func Start(ctx context.Context, program string, args ...string) (*Process, error) {
	cmd := exec.CommandContext(ctx, program, append(args, "-"+ExitOnEOF)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, fmt.Errorf("start %s: %w", program, err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("start %s: %w", program, err)
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", program, err)
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		_ = stdin.Close()
		err = errors.Join(err, cmd.Wait())
		return nil, fmt.Errorf("%s gave no URL (%w): %s", program, err, strings.TrimSpace(stderr.String()))
	}
	return &Process{URL: strings.TrimSpace(line), cmd: cmd, stdin: stdin}, nil
}

// stopGrace is how long Stop waits for the program to end by itself once
// its standard input is closed, before it kills it.
const stopGrace = 2 * time.Second

// Stop ends the program and waits for it to exit: it closes the program's
// standard input, which the program ends on (and a launcher such as go run
// ends once its child has), and kills it if it is still running after
// stopGrace.
func (p *Process) Stop() {
	_ = p.stdin.Close()
	exited := make(chan struct{})
	go func() {
		_ = p.cmd.Wait()
		close(exited)
	}()
	select {
	case <-exited:
	case <-time.After(stopGrace):
		_ = p.cmd.Process.Kill()
		<-exited
	}
}
