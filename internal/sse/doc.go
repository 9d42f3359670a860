// Package sse reads Server-Sent Events, the text/event-stream format, as
// specified by the WHATWG HTML standard ("event stream interpretation").
//
// A [Reader] turns the bytes of a stream into [Event] values one at a time.
// It is built for streams that stay open for hours: it reads through one
// fixed-size buffer, reuses the memory of each event for the next one, and
// bounds the size of an event (see [WithMaxEventSize]) so that a misbehaving
// server cannot make it grow without limit.
//
// The parser follows the standard:
//   - a UTF-8 byte order mark at the start of the stream is ignored;
//   - lines end in LF, CR or CRLF, also when the CR and the LF arrive in
//     different reads;
//   - "data" lines accumulate, joined by "\n"; "event" sets the type of the
//     event; "id" sets the last event ID, which persists from event to event,
//     unless its value contains NUL; "retry" sets the reconnection time if
//     its value is ASCII digits (milliseconds); other fields are ignored;
//   - a line starting with ":" is a comment (servers send them as
//     heartbeats); comments are counted by [Reader.Comments] and never make
//     an event;
//   - a line without a colon is a field with an empty value, and one space
//     after the colon is not part of the value;
//   - a blank line dispatches the event, unless no data line was seen;
//   - an event not ended by a blank line when the stream ends is discarded.
package sse
