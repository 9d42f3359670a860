package main

import (
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/falplatform/fal-go/pkg/fal"
)

func (c *cli) newAppsCmd() *cobra.Command {
	return group("apps", "Look after your serverless apps",
		`  falctl apps queue my-user/my-app
  falctl apps queue flush my-user/my-app`,
		c.newAppsQueueCmd(),
	)
}

// appName splits an OWNER/NAME argument.
func appName(arg string) (owner, name string, err error) {
	owner, name, ok := strings.Cut(arg, "/")
	if !ok || owner == "" || name == "" {
		return "", "", usagef("%q: want the app as OWNER/NAME", arg)
	}
	return owner, name, nil
}

func (c *cli) newAppsQueueCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "queue OWNER/NAME",
		Short: "Show how many requests wait in an app's queue",
		Example: `  falctl apps queue my-user/my-app
  falctl apps queue my-user/my-app --output json`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			owner, name, err := appName(args[0])
			if err != nil {
				return err
			}
			api, err := c.client()
			if err != nil {
				return err
			}
			q, err := api.ServerlessGetAppQueueInfo(cmd.Context(), owner, name)
			if err != nil {
				return err
			}
			return c.renderOne(q, []string{"app", "queue_size"}, []string{args[0], strconv.Itoa(q.QueueSize)})
		},
	}
	cmd.AddCommand(c.newAppsQueueFlushCmd())
	return cmd
}

func (c *cli) newAppsQueueFlushCmd() *cobra.Command {
	var yes bool
	cmd := &cobra.Command{
		Use:   "flush OWNER/NAME",
		Short: "Cancel every request waiting in an app's queue",
		Long: `Cancels every request waiting in the app's queue; requests already running
go on. It cannot be undone, so it asks for confirmation unless --yes.`,
		Example: `  falctl apps queue flush my-user/my-app
  falctl apps queue flush my-user/my-app --yes`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			owner, name, err := appName(args[0])
			if err != nil {
				return err
			}
			return c.destroy(yes, "flush the queue of "+args[0], "Every request waiting in it is cancelled.", "flushed the queue of "+args[0],
				func(api *fal.Client) error { return api.ServerlessFlushAppQueue(cmd.Context(), owner, name) })
		},
	}
	addYesFlag(cmd, &yes)
	return cmd
}
