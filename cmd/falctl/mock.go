package main

import (
	"fmt"
	"net"
	"net/http"

	"github.com/falplatform/fal-go/pkg/falmock"
)

// startMock serves fal's mock API (package falmock, which embeds fal's
// schema) on a loopback port for the length of the run, and returns its
// base URL.
func (c *cli) startMock() (string, error) {
	h := c.mock
	if h == nil {
		var err error
		if h, err = falmock.NewHandler(); err != nil {
			return "", fmt.Errorf("starting the mock: %w", err)
		}
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("starting the mock: %w", err)
	}
	srv := &http.Server{Handler: h}
	go func() { _ = srv.Serve(l) }() // Serve returns when Close is called
	c.closers = append(c.closers, func() { _ = srv.Close() })
	return "http://" + l.Addr().String() + h.BasePath(), nil
}
