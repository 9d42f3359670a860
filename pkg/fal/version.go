package fal

import (
	"fmt"
	"runtime"
)

// Version is the version of this client, sent in the User-Agent header.
const Version = "0.1.0"

// defaultUserAgent names the client, its version and the platform.
var defaultUserAgent = fmt.Sprintf("fal-go/%s (%s; %s/%s)", Version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
