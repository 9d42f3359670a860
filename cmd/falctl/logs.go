package main

import (
	"github.com/spf13/cobra"

	"github.com/falplatform/fal-go/gen/falapi"
)

func (c *cli) newLogsCmd() *cobra.Command {
	return group("logs", "Read the logs of your serverless apps, past or live",
		`  falctl logs history --app my-app --since 1h
  falctl logs tail --app my-app --level error`,
		c.newLogsHistoryCmd(),
		c.newLogsTailCmd(),
	)
}

// logFilters are the filters both logs commands take.
type logFilters struct {
	apps                   []string
	level, search, request string
}

func (f *logFilters) add(cmd *cobra.Command) {
	cmd.Flags().StringArrayVar(&f.apps, "app", nil, "only this app ID (repeat for several)")
	addChoiceFlag(cmd, &f.level, "level", "", "only lines of this level or a more severe one", logLevels)
	cmd.Flags().StringVar(&f.search, "search", "", "only lines containing this text")
	cmd.Flags().StringVar(&f.request, "request-id", "", "only the lines of this request")
}

// logColumns and logRow are how a log line shows in a table or CSV.
var logColumns = []string{"timestamp", "level", "app", "message"}

func logRow(e falapi.LogEntry) [][]string {
	return [][]string{{e.Timestamp, e.Level, e.App, e.Message}}
}

func (c *cli) newLogsHistoryCmd() *cobra.Command {
	var f logFilters
	var tr timeRange
	var limit int
	cmd := &cobra.Command{
		Use:   "history",
		Short: "Show past log lines",
		Long:  `Shows the log lines of your apps that match the filters (by default those of the last 24 hours).`,
		Example: `  falctl logs history --app my-app --since 1h
  falctl logs history --search "out of memory" --since 7d --output json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			limitOpt, err := maxItems(limit)
			if err != nil {
				return err
			}
			start, end, api, err := c.windowClient(tr)
			if err != nil {
				return err
			}
			params := &falapi.ServerlessLogsHistoryParams{
				Start:     start,
				End:       end,
				AppID:     f.apps,
				Level:     orNil[string](f.level),
				Search:    orNil[string](f.search),
				RequestID: orNil[string](f.request),
			}
			r := c.newRenderer(shapeList, logColumns...)
			return render(r, api.ServerlessLogsHistoryIter(cmd.Context(), params, nil, limitOpt), logRow)
		},
	}
	f.add(cmd)
	addTimeFlags(cmd, &tr)
	addLimitFlag(cmd, &limit)
	return cmd
}

func (c *cli) newLogsTailCmd() *cobra.Command {
	var f logFilters
	cmd := &cobra.Command{
		Use:   "tail",
		Short: "Follow log lines as they are written, until Ctrl-C",
		Long: `Prints the log lines of your apps that match the filters as they are
written, one per line (one JSON object per line with --output json), until
Ctrl-C or until the server ends the stream. Ctrl-C is a clean end: the exit
code is 0.`,
		Example: `  falctl logs tail --app my-app
  falctl logs tail --level error --output json | jq .message`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			api, err := c.client()
			if err != nil {
				return err
			}
			params := &falapi.ServerlessLogsStreamParams{
				AppID:     f.apps,
				Level:     orNil[string](f.level),
				Search:    orNil[string](f.search),
				RequestID: orNil[string](f.request),
			}
			ctx := cmd.Context()
			r := c.newRenderer(shapeStream, logColumns...)
			for e, err := range api.ServerlessLogsStream(ctx, params, nil) {
				if err != nil {
					if ctx.Err() != nil {
						break // Ctrl-C
					}
					return r.close(err)
				}
				if err := r.add(e.Data, logRow(e.Data)...); err != nil {
					return r.close(err)
				}
			}
			return r.close(nil)
		},
	}
	f.add(cmd)
	return cmd
}
