package sse

// Event is one event dispatched by a [Reader]. Its byte slices refer to the
// Reader's memory and are only valid until the next call to [Reader.Next];
// copy them to keep them.
type Event struct {
	// Type is the value of the event's "event" field, or "message" when the
	// event has none (or an empty one).
	Type string

	// ID is the last event ID when the event was dispatched: the value of
	// the most recent "id" field in the stream, which may have come with an
	// earlier event. It is empty until the stream sets one. Log streams give
	// every event a new ID; as bytes, it costs no allocation.
	// [Reader.LastEventID] returns it as a string.
	ID []byte

	// Data is the event's data: the values of its "data" lines joined by
	// "\n". It may be empty.
	Data []byte
}
