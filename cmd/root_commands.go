package cmd

import "github.com/spf13/cobra"

// addCommands registers the subcommands; each group lives in its own file.
func addCommands(root *cobra.Command, app *App) {
	addTargetFlags(root)
	addRunCommands(root, app)
	addHookCommands(root, app)
	addSecretCommands(root, app)
	addTenantCommands(root, app)
	addServeCommand(root, app)
	addLogCommands(root, app)
	configureTUI(root, app)
}
