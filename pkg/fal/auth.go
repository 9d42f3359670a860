package fal

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"strings"
)

// authRequirement says which key an operation needs, as its schema says.
type authRequirement uint8

const (
	authNone     authRequirement = iota // the operation takes no key
	authOptional                        // a key is sent when there is one
	authKey                             // an API key is required
	authAdmin                           // an admin API key is required
)

// ErrNoAPIKey is returned, before any request is made, by an operation that
// needs an API key when the client has none. Its text has no "fal:" prefix:
// it is always wrapped by an error that names the operation.
var ErrNoAPIKey = errors.New("no API key: set FAL_KEY (or FAL_KEY_ID and FAL_KEY_SECRET) or use fal.WithAPIKey")

// ErrInsecureTransport is returned when the client would send the API key in
// clear text: over http:// to a host that is not loopback. WithInsecureHTTP
// allows it. Like ErrNoAPIKey it is wrapped by an error naming the
// operation.
var ErrInsecureTransport = errors.New("refusing to send the API key over plain http to a non-loopback host (use https, or fal.WithInsecureHTTP to allow it)")

// redacted is what every rendering of a key shows.
const redacted = "[REDACTED]"

// apiKey holds the key. The key lives only inside a closure: printing any
// struct that holds an apiKey, with any fmt verb, through reflection, shows
// at most the closure's address, never what it captured. Printed directly,
// its methods show [REDACTED].
type apiKey struct {
	secret func() (value string, authorization []string)
}

func newAPIKey(v string) *apiKey {
	if v == "" {
		return nil
	}
	authorization := []string{"Key " + v}
	return &apiKey{secret: func() (string, []string) { return v, authorization }}
}

// reveal returns the key itself, for scrubbing it from what a server echoes.
func (k *apiKey) reveal() string {
	v, _ := k.secret()
	return v
}

// authorization returns the Authorization header's value, built once.
func (k *apiKey) authorization() []string {
	_, h := k.secret()
	return h
}

// String redacts the key.
func (apiKey) String() string { return redacted }

// GoString redacts the key.
func (apiKey) GoString() string { return redacted }

// Format redacts the key whatever the verb and flags.
func (apiKey) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(redacted)) }

// LogValue redacts the key in structured logs.
func (apiKey) LogValue() slog.Value { return slog.StringValue(redacted) }

// MarshalText redacts the key in any encoding.
func (apiKey) MarshalText() ([]byte, error) { return []byte(redacted), nil }

// keyFromEnv reads the key as fal's own clients do: FAL_KEY, else
// FAL_KEY_ID and FAL_KEY_SECRET joined as id:secret. Only one of the two
// set is an error that names the missing one.
func keyFromEnv() (string, error) {
	if k := strings.TrimSpace(os.Getenv("FAL_KEY")); k != "" {
		return k, nil
	}
	id, secret := strings.TrimSpace(os.Getenv("FAL_KEY_ID")), strings.TrimSpace(os.Getenv("FAL_KEY_SECRET"))
	switch {
	case id != "" && secret != "":
		return id + ":" + secret, nil
	case id != "":
		return "", errors.New("FAL_KEY_ID is set but FAL_KEY_SECRET is not: set both, or FAL_KEY, or use fal.WithAPIKey")
	case secret != "":
		return "", errors.New("FAL_KEY_SECRET is set but FAL_KEY_ID is not: set both, or FAL_KEY, or use fal.WithAPIKey")
	}
	return "", nil
}

// checkTransport refuses to send a key over plain http to anything but a
// loopback host, unless the caller allowed it.
func checkTransport(u *url.URL, allowInsecure bool) error {
	if u.Scheme != "http" || allowInsecure {
		return nil
	}
	host := u.Hostname()
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return ErrInsecureTransport
}
