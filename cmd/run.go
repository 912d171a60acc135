package cmd

import "github.com/spf13/cobra"

// addRunCommands registers this file's commands. (Placeholder until its owner fills it in.)
func addRunCommands(root *cobra.Command, app *App) {}
