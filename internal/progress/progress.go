// Package progress reports the progress of a transfer: a [Reader] and a
// [Writer] count the bytes that pass through them and call a [Func] with the
// count now and then, for a progress bar of a download or an upload.
//
// The callback runs on the goroutine that reads or writes, at most once per
// interval of bytes ([Every], 1 MiB by default) and once at the end, so a
// copy of gigabytes makes about a thousand calls per GiB and the counting
// costs next to nothing. Both types keep the fast paths of io.Copy:
// [Reader.WriteTo] and [Writer.ReadFrom] hand the copy to the other side's
// WriteTo or ReadFrom when it has one, so that no buffer is added.
//
// What cannot be kept is the copy by the kernel (sendfile, splice,
// copy_file_range) that an *os.File and a net.TCPConn make when they see
// each other: counting needs the bytes to pass through the process. For
// fal's API it does not matter, as HTTPS encrypts the bytes in the process
// anyway.
package progress

// Func receives the progress of a transfer: done bytes so far, of total, or
// of an unknown total when total is -1. It must not block for long, as the
// transfer waits for it.
type Func func(done, total int64)

// DefaultInterval is how many bytes pass between two calls of a Func when
// [Every] is not given: 1 MiB.
const DefaultInterval = 1 << 20

// Option configures a [Reader] or a [Writer].
type Option func(*counter)

// Every sets how many bytes pass, at least, between two calls of the Func.
// A value of n less than 1 selects [DefaultInterval].
func Every(n int64) Option {
	return func(c *counter) {
		if n < 1 {
			n = DefaultInterval
		}
		c.every = n
	}
}

// counter counts bytes and calls fn when they pass c.next.
type counter struct {
	fn       Func
	total    int64
	every    int64
	done     int64
	next     int64 // the count at which fn is called next
	reported int64 // the count fn was last called with, or -1
}

// newCounter returns a counter for a transfer of total bytes, or -1.
func newCounter(total int64, fn Func, opts []Option) counter {
	c := counter{fn: fn, total: max(total, -1), every: DefaultInterval, reported: -1}
	for _, opt := range opts {
		opt(&c)
	}
	c.schedule()
	return c
}

// add counts n more bytes.
func (c *counter) add(n int) {
	c.done += int64(n)
	if c.done >= c.next {
		c.report()
	}
}

// report calls fn with the count, and sets when to call it next: after
// every more bytes, or when the count reaches the total, whichever is first.
func (c *counter) report() {
	c.reported = c.done
	c.schedule()
	c.fn(c.done, c.total)
}

// schedule sets the count at which fn is called next.
func (c *counter) schedule() {
	c.next = c.done + c.every
	if c.done < c.total && c.total < c.next {
		c.next = c.total
	}
}

// end calls fn with the final count, unless it was the last one reported.
func (c *counter) end() {
	if c.done != c.reported {
		c.report()
	}
}
