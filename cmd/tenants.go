package cmd

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/hookterm/hookterm/api"
)

// addTenantCommands registers `hookterm tenants …`: named remote tenants for --tenant NAME.
func addTenantCommands(root *cobra.Command, app *App) {
	tenants := &cobra.Command{
		Use:   "tenants",
		Short: "Save, list and remove named tenants (used with --tenant NAME)",
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	tenants.AddCommand(tenantsAddCommand(app), tenantsListCommand(app), tenantsRemoveCommand(app))
	root.AddCommand(tenants)
}

func tenantsAddCommand(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "add NAME --domain DOMAIN (--client-id ID --client-secret SECRET | --token TOKEN) [--insecure]",
		Short: "Save a tenant's domain and credentials under NAME",
		Long: "Save a tenant's domain and credentials under NAME. The client secret or token goes to the\n" +
			"OS keyring, or to a 0600 file when no keyring works (you are told which); give '-' as the\n" +
			"secret or token to read it from standard input and keep it out of shell history.",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			domain, _ := targetFlag(cmd, "domain")
			clientID, _ := targetFlag(cmd, "client-id")
			secret, secretSet := targetFlag(cmd, "client-secret")
			token, tokenSet := targetFlag(cmd, "token")
			insecure, _ := targetFlag(cmd, "insecure")
			if domain == "" {
				return usageError(errors.New("--domain is required"))
			}
			if secretSet == tokenSet {
				return usageError(errors.New("give --client-id with --client-secret, or --token"))
			}
			pr := api.Profile{Name: args[0], Domain: domain, Insecure: insecure == "true"}
			value := token
			if secretSet {
				if clientID == "" {
					return usageError(errors.New("--client-secret needs --client-id"))
				}
				pr.Auth, pr.ClientID, value = api.AuthClientCredentials, clientID, secret
			} else {
				pr.Auth = api.AuthToken
			}
			if value == "-" {
				v, err := targetReadSecret(cmd.Context(), app, bufio.NewReader(app.Stdin), "client secret or token (not shown): ")
				if err != nil && !errors.Is(err, io.EOF) {
					return err
				}
				value = v
			}
			if value == "" {
				return usageError(errors.New("the client secret or token is empty"))
			}
			// Refuse what NewRemote would refuse later (plain HTTP to a remote host…).
			o := api.RemoteOptions{Domain: pr.Domain, ClientID: pr.ClientID, Insecure: pr.Insecure}
			if pr.Auth == api.AuthToken {
				o.Token = value
			} else {
				o.ClientSecret = value
			}
			c, err := api.NewRemote(cmd.Context(), o)
			if err != nil {
				return usageError(err)
			}
			_ = c.Close()
			profiles := targetProfiles(app)
			existing, err := profiles.List()
			if err != nil {
				return failure(err)
			}
			// Adding under a saved name replaces that profile: say which domain it was for.
			replaced := ""
			for _, old := range existing {
				if old.Name == pr.Name {
					replaced = old.Domain
				}
			}
			where, err := profiles.Add(cmd.Context(), pr, value)
			if err != nil {
				return usageError(err)
			}
			if replaced != "" {
				fmt.Fprintf(app.Stdout, "replaced tenant %q (was %s, now %s); %s\n", pr.Name, replaced, pr.Domain, where)
			} else {
				fmt.Fprintf(app.Stdout, "saved tenant %q (%s); %s\n", pr.Name, pr.Domain, where)
			}
			fmt.Fprintf(app.Stdout, "use it with: hookterm --tenant %s hooks list\n", pr.Name)
			return nil
		},
	}
}

func tenantsListCommand(app *App) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the saved tenants (secrets are not shown)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			list, err := targetProfiles(app).List()
			if err != nil {
				return failure(err)
			}
			if asJSON {
				return targetWriteJSON(app.Stdout, list)
			}
			if len(list) == 0 {
				fmt.Fprintln(app.Stderr, "no saved tenants: add one with `hookterm tenants add NAME --domain D --client-id I --client-secret S`")
				return nil
			}
			tw := tabwriter.NewWriter(app.Stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "NAME\tDOMAIN\tAUTH\tSECRET IN")
			for _, p := range list {
				auth := "client " + p.ClientID
				if p.Auth == api.AuthToken {
					auth = "token"
				}
				domain := p.Domain
				if p.Insecure {
					domain += " (plain HTTP)"
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", p.Name, domain, auth, p.SecretStore)
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func tenantsRemoveCommand(app *App) *cobra.Command {
	return &cobra.Command{
		Use:   "remove NAME",
		Short: "Forget a saved tenant and its secret",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := targetProfiles(app).Remove(cmd.Context(), args[0]); err != nil {
				return failure(err)
			}
			fmt.Fprintf(app.Stdout, "removed tenant %q and its secret\n", args[0])
			return nil
		},
	}
}
