package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"

	"github.com/falplatform/fal-go/internal/mockproc"
)

// mockProgram is the program --mock runs (cmd/falmock). The mock lives
// there rather than in falctl because it links kin-openapi's schema
// validator, whose start-up work every falctl command would otherwise pay.
const mockProgram = "falmock"

// mockKey is the key falctl sends the mock, which accepts any: a real one
// from FAL_KEY is never sent to it.
const mockKey = "falctl-mock-key"

// mockHandler is a mock served in-process instead of the mock program, as
// tests do: a *falmock.Handler.
type mockHandler interface {
	http.Handler
	BasePath() string
}

// errNoMockProgram says where --mock looked for the mock program and how to
// get it.
var errNoMockProgram = errors.New("--mock runs the " + mockProgram + " program, found neither beside falctl nor on PATH: install it with go install github.com/falplatform/fal-go/cmd/falmock@latest (or go build -o DIR/ ./cmd/falctl ./cmd/falmock)")

// startMock starts fal's mock API on a loopback port for the length of the
// run, and returns its base URL.
func (c *cli) startMock() (string, error) {
	if c.mock != nil {
		return c.serveMock(c.mock)
	}
	program, args, err := c.findMockProgram()
	if err != nil {
		return "", err
	}
	p, err := mockproc.Start(context.Background(), program, args...)
	if err != nil {
		return "", fmt.Errorf("starting the mock: %w", err)
	}
	c.closers = append(c.closers, p.Stop)
	return p.URL, nil
}

// serveMock serves h in-process on a loopback port.
func (c *cli) serveMock(h mockHandler) (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("starting the mock: %w", err)
	}
	srv := &http.Server{Handler: h}
	go func() { _ = srv.Serve(l) }() // Serve returns when Close is called
	c.closers = append(c.closers, func() { _ = srv.Close() })
	return "http://" + l.Addr().String() + h.BasePath(), nil
}

// mockPackage is the package of the mock program.
const mockPackage = "github.com/falplatform/fal-go/cmd/falmock"

// findMockProgram finds the mock program beside falctl's own executable
// (where go install and go build -o DIR/ put both), else on PATH. Failing
// both, a falctl built from this module (go run ./cmd/falctl, or go install
// at a version) runs the mock with go run, from the same source, and says
// how to start faster.
func (c *cli) findMockProgram() (string, []string, error) {
	if exe, err := os.Executable(); err == nil {
		if path, err := exec.LookPath(filepath.Join(filepath.Dir(exe), mockProgram)); err == nil {
			return path, nil, nil
		}
	}
	if path, err := exec.LookPath(mockProgram); err == nil {
		return path, nil, nil
	}
	goTool, err := exec.LookPath("go")
	info, ok := debug.ReadBuildInfo()
	if err != nil || !ok || info.Main.Path != "github.com/falplatform/fal-go" {
		return "", nil, errNoMockProgram
	}
	pkg := mockPackage
	if v := info.Main.Version; v != "" && v != "(devel)" {
		pkg += "@" + v
	}
	c.say("falctl: %s is not installed: running it with go run %s (go install %s@latest starts faster)\n", mockProgram, pkg, mockPackage)
	return goTool, []string{"run", pkg}, nil
}
