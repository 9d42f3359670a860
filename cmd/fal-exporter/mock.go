package main

import (
	"fmt"
	"net"
	"net/http"

	"github.com/falplatform/fal-go/pkg/falmock"
)

// mockKey is the key the exporter sends to fal's mock: never FAL_KEY.
const mockKey = falmock.DefaultKey

// startMock serves fal's mock API (package falmock, which embeds fal's
// schema) on a loopback port and returns its base URL and a function that
// stops it.
func startMock() (base string, stop func(), err error) {
	h, err := falmock.NewHandler()
	if err != nil {
		return "", nil, fmt.Errorf("starting the mock: %w", err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, fmt.Errorf("starting the mock: %w", err)
	}
	srv := &http.Server{Handler: h}
	go func() { _ = srv.Serve(l) }() // Serve returns when Close is called
	return "http://" + l.Addr().String() + h.BasePath(), func() { _ = srv.Close() }, nil
}
