package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/falplatform/fal-go/pkg/fal"
)

// Exit codes.
const (
	exitOK     = 0 // the command did what it was asked
	exitFailed = 1 // an API, network or file error
	exitUsage  = 2 // nothing done: a usage error, no key, or not confirmed
)

// usageError is an error in how falctl was asked: exit code 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// errNotConfirmed is the answer "no" to a confirmation: exit code 2.
var errNotConfirmed = errors.New("not confirmed; nothing was done")

// usagef returns a usageError with a formatted message.
func usagef(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

// report prints err on stderr, with what the user can do about it, and
// returns the exit code it calls for. cmd is the command that failed.
func (c *cli) report(ctx context.Context, cmd *cobra.Command, err error) int {
	var apiErr *fal.APIError
	var argErr *fal.ArgumentError
	switch {
	case errors.As(err, &apiErr):
		c.say("falctl: %s\n", describeAPIError(apiErr))
		if apiErr.AdminKeyRequired {
			c.say("falctl: this command needs an admin API key\n")
		}
		return exitFailed
	case errors.As(err, &argErr):
		// Only the first of the arguments the client refused is shown.
		c.say("falctl: %s: %s\n", argErr.Argument, argErr.Problem)
		return exitUsage
	case errors.Is(err, fal.ErrNoAPIKey):
		c.say("falctl: no API key: set FAL_KEY, or try --mock to use fal's mock API\n")
		return exitUsage
	case errors.Is(err, fal.ErrInsecureTransport):
		c.say("falctl: refusing to send the API key over plain http to a host that is not loopback; use https\n")
		return exitUsage
	case errors.Is(err, errNotConfirmed):
		c.say("falctl: %v\n", err)
		return exitUsage
	case errors.As(err, new(usageError)):
		c.say("falctl: %v\n", err)
		if cmd != nil {
			c.say("Run '%s --help' for usage.\n", cmd.CommandPath())
		}
		return exitUsage
	case ctx.Err() != nil:
		c.say("falctl: interrupted\n")
		return exitFailed
	}
	c.say("falctl: %s\n", strings.TrimPrefix(err.Error(), "fal: "))
	return exitFailed
}

// describeAPIError reads like "not_found: no such instance
// (request_id=...)": fal's error type (or the HTTP status when the answer
// had none), its message and the request ID to quote to fal's support.
func describeAPIError(e *fal.APIError) string {
	kind := string(e.Type)
	if kind == "" {
		kind = fmt.Sprintf("HTTP %d", e.StatusCode)
	}
	s := kind
	if e.Message != "" {
		s += ": " + e.Message
	}
	if e.RequestID != "" {
		s += " (request_id=" + e.RequestID + ")"
	}
	return s
}
