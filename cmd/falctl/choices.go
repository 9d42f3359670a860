package main

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/falplatform/fal-go/gen/falapi"
)

// known lists the values package falapi defines for the enum type E: those
// of the schema this falctl was built from, which go generate ./gen/...
// writes into knownvalues.gen.go.
func known[E ~string]() []string {
	return knownValues[reflect.TypeFor[E]().Name()]
}

// logLevels are fal's log levels, from the least severe (those of its
// isolate runtime): the schema lists none for the level filter.
var logLevels = []string{"trace", "debug", "info", "warning", "error", "stdout", "stderr"}

// analyticsMetrics are the metrics --metrics takes: the fields of an
// analytics record other than its endpoint, by their JSON names, which are
// the API's metric names.
func analyticsMetrics() []string {
	t := reflect.TypeFor[falapi.AnalyticsRecord]()
	var names []string
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name != "" && name != "-" && name != "endpoint_id" {
			names = append(names, name)
		}
	}
	return names
}

// choice is the value of a flag that takes one of a known set of values:
// any other is refused as the command line is read, before anything is
// sent, with the set.
type choice struct {
	value  *string
	values []string
}

// addChoiceFlag gives cmd a flag taking one of values; usage is followed by
// the values.
func addChoiceFlag(cmd *cobra.Command, p *string, name, value, usage string, values []string) {
	*p = value
	cmd.Flags().Var(&choice{p, values}, name, usage+": "+oneOf(values))
}

func (c *choice) Set(s string) error {
	if !slices.Contains(c.values, s) {
		return fmt.Errorf("want %s", oneOf(c.values))
	}
	*c.value = s
	return nil
}

func (c *choice) String() string { return *c.value }

func (c *choice) Type() string { return "string" }

// choices is the value of a flag that takes a comma-separated list of
// values from a known set (and may be repeated): any other is refused as
// the command line is read.
type choices struct {
	value   *[]string
	values  []string
	changed bool
}

// addChoicesFlag gives cmd a flag taking a list of values.
func addChoicesFlag(cmd *cobra.Command, p *[]string, name string, value []string, usage string, values []string) {
	*p = value
	cmd.Flags().Var(&choices{value: p, values: values}, name, usage)
}

func (c *choices) Set(s string) error {
	var list []string
	for v := range strings.SplitSeq(s, ",") {
		v = strings.TrimSpace(v)
		if !slices.Contains(c.values, v) {
			return fmt.Errorf("%q is not one of %s", v, oneOf(c.values))
		}
		list = append(list, v)
	}
	if !c.changed {
		*c.value, c.changed = nil, true
	}
	*c.value = append(*c.value, list...)
	return nil
}

func (c *choices) String() string { return "[" + strings.Join(*c.value, ",") + "]" }

func (c *choices) Type() string { return "strings" }

// oneOf writes a set of values for a person: "a, b or c".
func oneOf(values []string) string {
	if len(values) < 2 {
		return strings.Join(values, "")
	}
	return strings.Join(values[:len(values)-1], ", ") + " or " + values[len(values)-1]
}

// wrap breaks text into lines of at most width characters, between words.
func wrap(text string, width int) string {
	var b strings.Builder
	line := 0
	for i, word := range strings.Fields(text) {
		switch {
		case i == 0:
		case line+1+len(word) > width:
			b.WriteByte('\n')
			line = 0
		default:
			b.WriteByte(' ')
			line++
		}
		b.WriteString(word)
		line += len(word)
	}
	return b.String()
}
