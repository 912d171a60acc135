package cmd

import "github.com/spf13/cobra"

// addHookCommands registers this file's commands. (Placeholder until its owner fills it in.)
func addHookCommands(root *cobra.Command, app *App) {}
