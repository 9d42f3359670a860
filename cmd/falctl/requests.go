package main

import (
	"slices"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/falplatform/fal-go/gen/falapi"
)

func (c *cli) newRequestsCmd() *cobra.Command {
	return group("requests", "List or search the requests made to models",
		`  falctl requests list fal-ai/flux/dev --since 1d --status error
  falctl requests search "cat astronaut"`,
		c.newRequestsListCmd(),
		c.newRequestsSearchCmd(),
	)
}

// requestColumns are the columns of a request, in both lists.
var requestColumns = []string{"request_id", "endpoint_id", "status_code", "sent_at", "duration"}

func (c *cli) newRequestsListCmd() *cobra.Command {
	var tr timeRange
	var status string
	var limit int
	cmd := &cobra.Command{
		Use:   "list ENDPOINT_ID...",
		Short: "List the requests made to endpoints",
		Long:  `Lists the requests made to the endpoints (by default those of the last 24 hours).`,
		Example: `  falctl requests list fal-ai/flux/dev
  falctl requests list fal-ai/flux/dev fal-ai/flux/schnell --since 7d --status error --limit 50`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			limitOpt, err := maxItems(limit)
			if err != nil {
				return err
			}
			start, end, api, err := c.windowClient(tr)
			if err != nil {
				return err
			}
			params := &falapi.ListRequestsByEndpointParams{
				EndpointID: args,
				Start:      start,
				End:        end,
				Status:     orNil[falapi.RequestStatus](status),
			}
			r := c.newRenderer(shapeList, requestColumns...)
			return render(r, api.ListRequestsByEndpointIter(cmd.Context(), params, limitOpt), func(q falapi.RequestRecord) [][]string {
				return [][]string{{q.RequestID.String(), q.EndpointID, nullCell(q.StatusCode, strconv.Itoa),
					timestamp(q.SentAt), nullCell(q.Duration, num)}}
			})
		},
	}
	addTimeFlags(cmd, &tr)
	addChoiceFlag(cmd, &status, "status", "", "only requests that ended so", known[falapi.RequestStatus]())
	addLimitFlag(cmd, &limit)
	return cmd
}

func (c *cli) newRequestsSearchCmd() *cobra.Command {
	var endpoints []string
	var limit int
	cmd := &cobra.Command{
		Use:   "search QUERY",
		Short: "Search requests by what they asked for and made",
		Long:  `Lists the requests whose inputs and outputs are most similar to QUERY, with their similarity.`,
		Example: `  falctl requests search "cat astronaut"
  falctl requests search "red car" --endpoint fal-ai/flux/dev --limit 10 --output json`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			api, limitOpt, err := c.listClient(limit)
			if err != nil {
				return err
			}
			params := &falapi.SearchRequestsParams{Query: &args[0], EndpointID: endpoints}
			r := c.newRenderer(shapeList, slices.Concat(requestColumns, []string{"similarity"})...)
			return render(r, api.SearchRequestsIter(cmd.Context(), params, limitOpt), func(q falapi.RequestSearchResult) [][]string {
				return [][]string{{q.RequestID.String(), q.EndpointID, nullCell(q.StatusCode, strconv.Itoa),
					timestamp(q.SentAt), nullCell(q.Duration, num), ptrCell(q.Similarity, num)}}
			})
		},
	}
	addEndpointFlag(cmd, &endpoints)
	addLimitFlag(cmd, &limit)
	return cmd
}
