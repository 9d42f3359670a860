// Command falctl shows fal's prices, usage, requests and logs, and manages
// files, app queues, compute instances and API keys, from the terminal. It
// is a thin shell over package fal (github.com/falplatform/fal-go/pkg/fal).
//
// Usage:
//
//	falctl [--output table|json|csv] [--timeout 1m] [--base-url URL | --mock] COMMAND [ARGS]
//
// The commands:
//
//	models [QUERY]                         search or list the model catalog
//	pricing ENDPOINT_ID...                 unit prices of endpoints
//	estimate ENDPOINT_ID=QUANTITY...       estimate a cost
//	usage                                  usage and cost over time, or a summary
//	analytics ENDPOINT_ID...               request counts, errors and latencies
//	billing-events                         one billed request per row
//	requests list|search                   requests by endpoint, or by content
//	logs history|tail                      past logs, or live logs until Ctrl-C
//	files ls|get|put                       files of your serverless storage
//	apps queue [flush] OWNER/NAME          an app's queue size, or empty it
//	compute instances list|get|create|delete
//	keys list|create|delete                API keys (admin key needed)
//
// falctl reads the API key from FAL_KEY (or FAL_KEY_ID and FAL_KEY_SECRET)
// and the API's address from FAL_BASE_URL or --base-url. With --mock it
// needs neither: it runs fal's mock (the falmock program, found beside
// falctl or on PATH) on a loopback address and sends it a key of its own,
// never FAL_KEY. The mock lives in its own program so that no other
// command pays for it. Try:
//
//	go build -o bin/ ./cmd/falctl ./cmd/falmock
//	bin/falctl --mock pricing fal-ai/flux/dev
//
// --since and --until take an RFC 3339 time (2025-01-31T12:00:00Z), a date
// (2025-01-31), or a time before now: 90m, 36h, 7d, 2w.
//
// Tables are aligned for reading; --output csv writes a header line and one
// line per row, --output json the API's own objects (an array for a list,
// one object per line for logs tail).
//
// Exit codes: 0 when the command did what it was asked; 1 when it failed:
// an API error (its type, message and request ID are printed on stderr), a
// network or file error; 2 when nothing was done because of how it was
// asked: a usage error, no API key, or a destructive command that was not
// confirmed. Destructive commands ask for confirmation on a terminal; --yes
// skips the question, and without a terminal they refuse unless --yes is
// given.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
