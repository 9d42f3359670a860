package main

import (
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// TestHelp keeps the help of falctl and of each command group in golden
// files, so that a change to the command tree shows in review.
func TestHelp(t *testing.T) {
	for name, args := range map[string][]string{
		"help":                   {"--help"},
		"help-models":            {"models", "--help"},
		"help-pricing":           {"pricing", "--help"},
		"help-estimate":          {"estimate", "--help"},
		"help-usage":             {"usage", "--help"},
		"help-analytics":         {"analytics", "--help"},
		"help-billing-events":    {"billing-events", "--help"},
		"help-requests":          {"requests", "--help"},
		"help-logs":              {"logs", "--help"},
		"help-logs-tail":         {"logs", "tail", "--help"},
		"help-files":             {"files", "--help"},
		"help-apps":              {"apps", "--help"},
		"help-apps-queue":        {"apps", "queue", "--help"},
		"help-compute":           {"compute", "--help"},
		"help-compute-instances": {"compute", "instances"},
		"help-keys":              {"keys", "--help"},
		"version":                {"--version"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			checkGolden(t, name, falctl(t, session{}, args...))
		})
	}
}

// TestEveryCommandDocumented checks that every command has a one-line
// Short, and every command that runs has an example in its help.
func TestEveryCommandDocumented(t *testing.T) {
	var walk func(cmd *cobra.Command)
	walk = func(cmd *cobra.Command) {
		path := cmd.CommandPath()
		if cmd.Short == "" || strings.Contains(cmd.Short, "\n") {
			t.Errorf("%s: Short %q is not one line", path, cmd.Short)
		}
		if cmd.Runnable() && cmd.Example == "" && path != "falctl help" && !strings.HasPrefix(path, "falctl completion") {
			t.Errorf("%s has no example", path)
		}
		for _, sub := range cmd.Commands() {
			walk(sub)
		}
	}
	root := (&cli{}).newRootCmd()
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	walk(root)
}
