package cmd

import "github.com/spf13/cobra"

// addTenantCommands registers this file's commands. (Placeholder until its owner fills it in.)
func addTenantCommands(root *cobra.Command, app *App) {}
