//go:build !unix

package peerbench

import "time"

// cpuTime is not measured where getrusage is missing: CPU figures read 0.
func cpuTime() time.Duration { return 0 }
