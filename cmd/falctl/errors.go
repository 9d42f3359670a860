package main

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
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
	var netErr *url.Error
	switch {
	case errors.As(err, &apiErr):
		c.say("falctl: %s\n", describeAPIError(apiErr))
		if apiErr.AdminKeyRequired {
			c.say("falctl: this command needs an admin API key\n")
		}
		return exitFailed
	case errors.As(err, &argErr):
		// Only the first of the arguments the client refused is shown.
		c.say("falctl: %s: %s\n", argumentName(cmd, argErr.Argument), argErr.Problem)
		c.sayHelp(cmd)
		return exitUsage
	case errors.Is(err, fal.ErrNoAPIKey):
		c.say("falctl: no API key: set FAL_KEY, or try --mock to use fal's mock API\n")
		return exitUsage
	case errors.Is(err, fal.ErrInsecureTransport):
		c.say("falctl: refusing to send the API key over plain http to a host that is not loopback; use https\n")
		return exitUsage
	case errors.Is(err, errNotConfirmed):
		c.say("falctl: %s\n", message(err))
		return exitUsage
	case errors.As(err, new(usageError)):
		c.say("falctl: %s\n", message(err))
		c.sayHelp(cmd)
		return exitUsage
	case ctx.Err() != nil:
		c.say("falctl: interrupted\n")
		return exitFailed
	case errors.As(err, &netErr) && !netErr.Timeout() && !errors.Is(err, context.DeadlineExceeded):
		c.say("falctl: could not reach %s: %s\n", c.baseURLInUse(), message(netErr.Err))
		c.say("falctl: check the network connection and any proxy (HTTPS_PROXY), and the API's address (--base-url, FAL_BASE_URL)\n")
		return exitFailed
	}
	c.say("falctl: %s\n", message(err))
	return exitFailed
}

// sayHelp points to the help of the command that was misused.
func (c *cli) sayHelp(cmd *cobra.Command) {
	if cmd != nil {
		c.say("Run '%s --help' for usage.\n", cmd.CommandPath())
	}
}

// message is the text of err without package fal's "fal: " prefix, which
// "falctl: " replaces, and with the flag in place of the library option
// that refused its value.
func message(err error) string {
	text := strings.TrimPrefix(err.Error(), "fal: ")
	if rest, ok := strings.CutPrefix(text, "WithBaseURL: "); ok {
		return "--base-url: " + rest
	}
	return text
}

// baseURLInUse is the API's address the run sends to.
func (c *cli) baseURLInUse() string {
	if c.api != nil {
		return strings.TrimSuffix(c.api.BaseURL(), "/")
	}
	if c.baseURL != "" {
		return c.baseURL
	}
	return fal.DefaultBaseURL
}

// argumentAnnotation prefixes the annotations of a command that name its
// arguments as its help does: "argument file" is "REMOTE" for files get,
// whose client method calls the argument "file".
const argumentAnnotation = "argument "

// nameArguments records, for report, what cmd's help calls the arguments
// its client method names otherwise.
func nameArguments(cmd *cobra.Command, names map[string]string) *cobra.Command {
	if cmd.Annotations == nil {
		cmd.Annotations = map[string]string{}
	}
	for method, help := range names {
		cmd.Annotations[argumentAnnotation+method] = help
	}
	return cmd
}

// argumentName is what cmd's help calls an argument of the client method.
func argumentName(cmd *cobra.Command, name string) string {
	if cmd != nil {
		if help, ok := cmd.Annotations[argumentAnnotation+name]; ok {
			return help
		}
	}
	return name
}

// describeAPIError reads like "GetComputeInstance: 404 not_found: no such
// instance (request_id=...)": the operation that failed, the HTTP status and
// fal's error type, its message and the request ID to quote to fal's
// support.
func describeAPIError(e *fal.APIError) string {
	s := strconv.Itoa(e.StatusCode)
	if e.Type != "" {
		s += " " + string(e.Type)
	}
	if e.Operation != "" {
		s = e.Operation + ": " + s
	}
	if e.Message != "" {
		s += ": " + e.Message
	}
	if e.RequestID != "" {
		s += " (request_id=" + e.RequestID + ")"
	}
	return s
}
