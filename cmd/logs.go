package cmd

import "github.com/spf13/cobra"

// addLogCommands registers this file's commands. (Placeholder until its owner fills it in.)
func addLogCommands(root *cobra.Command, app *App) {}
