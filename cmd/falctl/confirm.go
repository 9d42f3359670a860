package main

import (
	"bufio"
	"strings"

	"github.com/spf13/cobra"

	"github.com/falplatform/fal-go/pkg/fal"
)

// addYesFlag gives a destructive command its --yes flag.
func addYesFlag(cmd *cobra.Command, yes *bool) {
	cmd.Flags().BoolVarP(yes, "yes", "y", false, "do it without asking for confirmation")
}

// confirm asks on stderr whether to go ahead with action ("delete API key
// abc"), whose consequence it states, and reads the answer from stdin: "y"
// or "yes" goes ahead, anything else declines (errNotConfirmed). yes (the
// --yes flag) goes ahead without asking. Without a terminal to ask on, it
// refuses with a usage error.
func (c *cli) confirm(yes bool, action, consequence string) error {
	if yes {
		return nil
	}
	if !c.stdinTTY {
		return usagef("refusing to %s without confirmation: stdin is not a terminal; pass --yes to go ahead", action)
	}
	c.say("%s%s? %s [y/N] ", strings.ToUpper(action[:1]), action[1:], consequence)
	answer, _ := bufio.NewReader(c.stdin).ReadString('\n') // end of input declines
	switch strings.ToLower(strings.TrimSpace(answer)) {
	case "y", "yes":
		return nil
	}
	return errNotConfirmed
}

// destroy runs a destructive action once it is confirmed (see confirm):
// action says what it does ("delete API key abc"), consequence what follows,
// done what to print after it.
func (c *cli) destroy(yes bool, action, consequence, done string, do func(api *fal.Client) error) error {
	if err := c.confirm(yes, action, consequence); err != nil {
		return err
	}
	api, err := c.client()
	if err != nil {
		return err
	}
	if err := do(api); err != nil {
		return err
	}
	c.say("%s\n", done)
	return nil
}
