package fal

import (
	"bytes"
	"context"
	"fmt"
	"io"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// Metrics is a Prometheus text exposition as fal serves it: the raw text
// and its metric families, parsed with Prometheus' own parser.
type Metrics struct {
	// Text is the body as served.
	Text []byte
	// Families are the metric families by name.
	Families map[string]*dto.MetricFamily
}

// maxMetricsSize bounds a metrics body; an exposition is text for humans
// and scrapers, never gigabytes.
const maxMetricsSize = 32 << 20

// doMetrics calls an operation that answers with Prometheus text and parses
// it.
func (c *Client) doMetrics(ctx context.Context, op *operation, opts []Option, build requestBuilder) (*Metrics, error) {
	resp, _, err := c.openStream(ctx, op, opts, "text/plain", build)
	if err != nil {
		return nil, err
	}
	defer func() { _ = resp.Body.Close() }()
	text, err := io.ReadAll(io.LimitReader(resp.Body, maxMetricsSize+1))
	if err != nil {
		return nil, fmt.Errorf("fal: %s: reading the metrics: %w", op.name, err)
	}
	if len(text) > maxMetricsSize {
		return nil, fmt.Errorf("fal: %s: the metrics exceed %d bytes", op.name, maxMetricsSize)
	}
	// The format ends every line with a newline; a body that stops short of
	// the last one still holds complete samples.
	if len(text) > 0 && text[len(text)-1] != '\n' {
		text = append(text, '\n')
	}
	families, err := ParseMetrics(bytes.NewReader(text))
	if err != nil {
		return nil, fmt.Errorf("fal: %s: %w", op.name, err)
	}
	return &Metrics{Text: text, Families: families}, nil
}

// ParseMetrics parses Prometheus text exposition format into metric
// families, with UTF-8 metric and label names allowed.
func ParseMetrics(r io.Reader) (map[string]*dto.MetricFamily, error) {
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(r)
	if err != nil {
		return nil, fmt.Errorf("parsing Prometheus text: %w", err)
	}
	return families, nil
}
