//go:build race

package fal

// raceDetector is set in builds with the race detector, under which
// sync.Pool drops items at random, so that pooled allocations cannot be
// counted.
const raceDetector = true
