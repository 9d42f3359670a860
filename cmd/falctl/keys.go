package main

import (
	"github.com/spf13/cobra"

	"github.com/falplatform/fal-go/gen/falapi"
	"github.com/falplatform/fal-go/pkg/fal"
)

func (c *cli) newKeysCmd() *cobra.Command {
	return group("keys", "List, create and delete API keys (admin key needed)",
		`  falctl keys list
  falctl keys create ci-pipeline
  falctl keys delete abc123def456`,
		c.newKeysListCmd(),
		c.newKeysCreateCmd(),
		c.newKeysDeleteCmd(),
	)
}

func (c *cli) newKeysListCmd() *cobra.Command {
	var limit int
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the API keys of your account (never their secrets)",
		Example: `  falctl keys list
  falctl keys list --output json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			api, limitOpt, err := c.listClient(limit)
			if err != nil {
				return err
			}
			r := c.newRenderer(shapeList, "key_id", "alias", "scope", "created_at", "creator_nickname")
			return render(r, api.ListAPIKeysIter(cmd.Context(), nil, limitOpt), func(k falapi.APIKey) [][]string {
				return [][]string{{k.KeyID, k.Alias, string(k.Scope), k.CreatedAt, ptrCell(k.CreatorNickname, str)}}
			})
		},
	}
	addLimitFlag(cmd, &limit)
	return cmd
}

func (c *cli) newKeysCreateCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "create ALIAS",
		Short: "Create an API key and print its secret, once",
		Long: `Creates an API key named ALIAS and prints it: KEY is what FAL_KEY takes. fal
shows the secret this once only; store it now.`,
		Example: `  falctl keys create ci-pipeline
  falctl keys create ci-pipeline --output json > key.json`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			api, err := c.client()
			if err != nil {
				return err
			}
			k, err := api.CreateAPIKey(cmd.Context(), falapi.CreateAPIKeyRequest{Alias: args[0]})
			if err != nil {
				return err
			}
			if err := c.renderOne(k, []string{"key_id", "key"}, []string{k.KeyID, k.Key}); err != nil {
				return err
			}
			c.say("Store this key now: fal never shows its secret again.\n")
			return nil
		},
	}
}

func (c *cli) newKeysDeleteCmd() *cobra.Command {
	var yes bool
	cmd := &cobra.Command{
		Use:   "delete KEY_ID",
		Short: "Delete an API key; whatever uses it loses access at once",
		Long: `Deletes the API key: every application using it loses access at once. It
cannot be undone, so it asks for confirmation unless --yes.`,
		Example: `  falctl keys delete abc123def456
  falctl keys delete abc123def456 --yes`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return c.destroy(yes, "delete API key "+args[0], "Whatever uses it loses access at once.", "deleted API key "+args[0],
				func(api *fal.Client) error { return api.DeleteAPIKey(cmd.Context(), args[0]) })
		},
	}
	addYesFlag(cmd, &yes)
	return nameArguments(cmd, map[string]string{"key_id": "KEY_ID"})
}
