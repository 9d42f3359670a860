package main

import (
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/falplatform/fal-go/pkg/fal"
)

// progressBar draws the progress of a transfer on one line of stderr,
// redrawn in place: "weights/a.bin  3.0 MiB / 10.0 MiB   30%". It redraws
// when the percentage changes (or, when the total is unknown, every MiB),
// so a transfer of gigabytes draws a few hundred times at most.
type progressBar struct {
	mu    sync.Mutex // uploads report from the goroutine that sends the body
	w     io.Writer
	label string
	step  int64 // the percentage (or MiB) drawn last
	width int   // the length of the line drawn last
	drawn bool
}

// progress returns the option that draws a transfer's progress on stderr
// when stderr is a terminal, and the function that ends the line.
func (c *cli) progress(label string) ([]fal.Option, func()) {
	if !c.stderrTTY {
		return nil, func() {}
	}
	p := &progressBar{w: c.stderr, label: label}
	return []fal.Option{fal.WithProgress(p.update)}, p.finish
}

// update is a fal.WithProgress callback: done bytes of total (-1 when
// unknown).
func (p *progressBar) update(done, total int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	step := done >> 20
	if total > 0 {
		step = done * 100 / total
	}
	if p.drawn && step == p.step && done != total {
		return
	}
	p.step, p.drawn = step, true
	line := p.label + "  " + byteSize(done)
	if total > 0 {
		line += fmt.Sprintf(" / %s  %3d%%", byteSize(total), step)
	}
	pad := max(p.width-len(line), 0)
	p.width = len(line)
	_, _ = fmt.Fprintf(p.w, "\r%s%s", line, strings.Repeat(" ", pad)) // like say: stderr has no one to tell
}

// finish ends the progress line, if one was drawn.
func (p *progressBar) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drawn {
		_, _ = fmt.Fprintln(p.w)
	}
}

// byteSize writes a number of bytes for a person: 512 B, 1.5 KiB, 3.0 GiB.
func byteSize(n int64) string {
	units := []string{"B", "KiB", "MiB", "GiB", "TiB", "PiB"}
	f, i := float64(n), 0
	for f >= 1024 && i < len(units)-1 {
		f /= 1024
		i++
	}
	if i == 0 {
		return fmt.Sprintf("%d B", n)
	}
	return fmt.Sprintf("%.1f %s", f, units[i])
}
