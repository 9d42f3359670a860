package main

import (
	"github.com/spf13/cobra"

	"github.com/falplatform/fal-go/gen/falapi"
)

func (c *cli) newModelsCmd() *cobra.Command {
	var category, status string
	var limit int
	cmd := &cobra.Command{
		Use:   "models [QUERY]",
		Short: "Search or list the model catalog",
		Long: `Lists fal's model endpoints; with QUERY, those whose name, description or
category match it. Needs no API key.`,
		Example: `  falctl models
  falctl models upscale --status active
  falctl models --category text-to-image --limit 20`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			params := &falapi.GetModelsParams{
				Category: orNil[string](category),
				Status:   orNil[falapi.ModelStatus](status),
			}
			api, limitOpt, err := c.listClient(limit)
			if err != nil {
				return err
			}
			if len(args) == 1 {
				params.Q = &args[0]
			}
			models := api.GetModelsIter(cmd.Context(), params, limitOpt)
			r := c.newRenderer(shapeList, "endpoint_id", "name", "category", "status")
			return render(r, models, func(m falapi.Model) [][]string {
				row := []string{m.EndpointID, "", "", ""}
				if md := m.Metadata; md != nil {
					row[1], row[2], row[3] = md.DisplayName, md.Category, string(md.Status)
				}
				return [][]string{row}
			})
		},
	}
	cmd.Flags().StringVar(&category, "category", "", "only this category, e.g. text-to-image, image-to-video")
	addChoiceFlag(cmd, &status, "status", "", "only models of this status", known[falapi.ModelStatus]())
	addLimitFlag(cmd, &limit)
	return cmd
}
