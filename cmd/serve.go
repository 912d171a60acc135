package cmd

import "github.com/spf13/cobra"

// addServeCommand registers this file's commands. (Placeholder until its owner fills it in.)
func addServeCommand(root *cobra.Command, app *App) {}
