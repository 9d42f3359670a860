package main

import "golang.org/x/term"

// isTerminal reports whether f is a terminal: an *os.File (or anything with
// a file descriptor) open on a TTY. Buffers, pipes and /dev/null are not.
func isTerminal(f any) bool {
	fd, ok := f.(interface{ Fd() uintptr })
	return ok && term.IsTerminal(int(fd.Fd()))
}
