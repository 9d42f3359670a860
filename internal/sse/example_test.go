package sse_test

import (
	"fmt"
	"strings"

	"github.com/falplatform/fal-go/internal/sse"
)

func ExampleReader() {
	stream := strings.NewReader("retry: 3000\n\n" +
		"event: log\nid: 1\ndata: {\"message\":\"starting\"}\n\n" +
		": heartbeat\n\n" +
		"event: log\nid: 2\ndata: {\"message\":\"step 1\"}\ndata: {\"message\":\"step 2\"}\n\n")

	r := sse.NewReader(stream)
	for r.Next() {
		ev := r.Event()
		fmt.Printf("%s %s: %s\n", ev.Type, ev.ID, ev.Data)
	}
	if err := r.Err(); err != nil {
		fmt.Println("error:", err)
	}
	fmt.Println("reconnect after", r.Retry(), "with Last-Event-ID", r.LastEventID())
	// Output:
	// log 1: {"message":"starting"}
	// log 2: {"message":"step 1"}
	// {"message":"step 2"}
	// reconnect after 3s with Last-Event-ID 2
}
