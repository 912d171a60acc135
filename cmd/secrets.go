package cmd

import "github.com/spf13/cobra"

// addSecretCommands registers this file's commands. (Placeholder until its owner fills it in.)
func addSecretCommands(root *cobra.Command, app *App) {}
