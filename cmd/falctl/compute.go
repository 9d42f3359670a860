package main

import (
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/falplatform/fal-go/gen/falapi"
	"github.com/falplatform/fal-go/pkg/fal"
)

func (c *cli) newComputeCmd() *cobra.Command {
	instances := group("instances", "List, create and delete GPU instances (admin key needed)",
		`  falctl compute instances list
  falctl compute instances create --type gpu_1x_h100_sxm5 --ssh-key-file ~/.ssh/id_ed25519.pub`,
		c.newInstancesListCmd(),
		c.newInstancesGetCmd(),
		c.newInstancesCreateCmd(),
		c.newInstancesDeleteCmd(),
	)
	return group("compute", "Manage fal Compute resources",
		`  falctl compute instances list`,
		instances,
	)
}

// instanceColumns and instanceRow are how an instance shows in a table or
// CSV.
var instanceColumns = []string{"id", "instance_type", "status", "region", "ip", "sector", "creator_user_nickname"}

func instanceRow(i falapi.ComputeInstance) []string {
	return []string{i.ID, string(i.InstanceType), string(i.Status), string(i.Region),
		ptrCell(i.IP, str), ptrCell(i.Sector, str), ptrCell(i.CreatorUserNickname, str)}
}

func (c *cli) newInstancesListCmd() *cobra.Command {
	var limit int
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List your compute instances",
		Example: `  falctl compute instances list
  falctl compute instances list --output csv`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			api, limitOpt, err := c.listClient(limit)
			if err != nil {
				return err
			}
			r := c.newRenderer(shapeList, instanceColumns...)
			return render(r, api.ListComputeInstancesIter(cmd.Context(), nil, limitOpt), func(i falapi.ComputeInstance) [][]string {
				return [][]string{instanceRow(i)}
			})
		},
	}
	addLimitFlag(cmd, &limit)
	return cmd
}

func (c *cli) newInstancesGetCmd() *cobra.Command {
	return nameArguments(&cobra.Command{
		Use:     "get ID",
		Short:   "Show a compute instance: its status, region and IP address",
		Example: `  falctl compute instances get inst_abc123`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			api, err := c.client()
			if err != nil {
				return err
			}
			i, err := api.GetComputeInstance(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			return c.renderOne(i, instanceColumns, instanceRow(*i))
		},
	}, map[string]string{"id": "ID"})
}

func (c *cli) newInstancesCreateCmd() *cobra.Command {
	var instanceType, sector, sshKey, sshKeyFile string
	cmd := &cobra.Command{
		Use:   "create --type TYPE (--ssh-key KEY | --ssh-key-file FILE)",
		Short: "Create a GPU instance that you reach over SSH",
		Long: `Creates a compute instance of the given type, reachable over SSH with the
given public key. Billing starts when it is created. --sector places an
8x H100 instance for InfiniBand.`,
		Example: `  falctl compute instances create --type gpu_1x_h100_sxm5 --ssh-key-file ~/.ssh/id_ed25519.pub
  falctl compute instances create --type gpu_8x_h100_sxm5 --sector sector_1 --ssh-key "ssh-ed25519 AAAA... me"`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if sshKeyFile != "" {
				data, err := os.ReadFile(sshKeyFile)
				if err != nil {
					return err
				}
				sshKey = strings.TrimSpace(string(data))
			}
			body := falapi.CreateComputeInstanceRequest{
				InstanceType: falapi.InstanceType(instanceType),
				Sector:       orNil[falapi.Sector](sector),
				SSHKey:       sshKey,
			}
			api, err := c.client()
			if err != nil {
				return err
			}
			i, err := api.CreateComputeInstance(cmd.Context(), body)
			if err != nil {
				return err
			}
			return c.renderOne(i, instanceColumns, instanceRow(*i))
		},
	}
	addChoiceFlag(cmd, &instanceType, "type", "", "instance type", known[falapi.InstanceType]())
	addChoiceFlag(cmd, &sector, "sector", "", "InfiniBand sector of an 8x H100 instance", known[falapi.Sector]())
	cmd.Flags().StringVar(&sshKey, "ssh-key", "", "SSH public key that may log in")
	cmd.Flags().StringVar(&sshKeyFile, "ssh-key-file", "", "file holding the SSH public key, e.g. ~/.ssh/id_ed25519.pub")
	_ = cmd.MarkFlagRequired("type") // the flag exists
	cmd.MarkFlagsOneRequired("ssh-key", "ssh-key-file")
	cmd.MarkFlagsMutuallyExclusive("ssh-key", "ssh-key-file")
	return cmd
}

func (c *cli) newInstancesDeleteCmd() *cobra.Command {
	var yes bool
	cmd := &cobra.Command{
		Use:   "delete ID",
		Short: "Delete a compute instance and everything on it",
		Long: `Terminates the instance at once; the data on it is lost and its billing
stops. It cannot be undone, so it asks for confirmation unless --yes.`,
		Example: `  falctl compute instances delete inst_abc123
  falctl compute instances delete inst_abc123 --yes`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return c.destroy(yes, "delete compute instance "+args[0], "The data on it is lost.", "deleted compute instance "+args[0],
				func(api *fal.Client) error { return api.DeleteComputeInstance(cmd.Context(), args[0]) })
		},
	}
	addYesFlag(cmd, &yes)
	return nameArguments(cmd, map[string]string{"id": "ID"})
}
