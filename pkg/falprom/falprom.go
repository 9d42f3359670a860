// Package falprom parses the Prometheus text that fal serves for a
// serverless app (fal.Client.ServerlessGetMetrics) into metric families.
// It lives apart from package fal so that a program that never reads
// metrics does not link Prometheus' parser and its protobuf types.
//
//	m, err := c.ServerlessGetMetrics(ctx)
//	if err != nil {
//		return err
//	}
//	families, err := falprom.Parse(m.Text)
//	if err != nil {
//		// m.Text still holds what fal sent.
//	}
package falprom

import (
	"bytes"
	"fmt"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// Parse parses Prometheus text exposition format into metric families by
// name, with UTF-8 metric and label names allowed. A text that stops short
// of its last newline still parses: the format ends every line with one,
// and the samples before it are complete.
//
// The text is untrusted: input on which the parser itself panics (as
// prometheus/common v0.71.0 does on "{}" after a TYPE line) is an error
// too.
func Parse(text []byte) (families map[string]*dto.MetricFamily, err error) {
	if len(text) > 0 && text[len(text)-1] != '\n' {
		text = append(bytes.Clone(text), '\n')
	}
	defer func() {
		if p := recover(); p != nil {
			families, err = nil, fmt.Errorf("falprom: parsing Prometheus text: the parser failed on it: %v", p)
		}
	}()
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err = parser.TextToMetricFamilies(bytes.NewReader(text))
	if err != nil {
		return nil, fmt.Errorf("falprom: parsing Prometheus text: %w", err)
	}
	return families, nil
}
