package main

import (
	"fmt"
	"net"
	"net/http"

	"github.com/falplatform/fal-go/pkg/fal"
	"github.com/falplatform/fal-go/pkg/falmock"
)

// mockKey is the key the exporter sends to fal's mock: never FAL_KEY.
const mockKey = falmock.DefaultKey

// mockClient serves fal's mock in-process and returns a client of it and
// the function that stops it. The mock gets a key of its own: a real one
// from FAL_KEY is never sent to it.
func mockClient() (*fal.Client, func(), error) {
	base, stop, err := startMock()
	if err != nil {
		return nil, nil, err
	}
	client, err := fal.NewClient(append(clientOptions(), fal.WithBaseURL(base), fal.WithAPIKey(mockKey))...)
	if err != nil {
		stop()
		return nil, nil, err
	}
	return client, stop, nil
}

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
