package cmd

import (
	"errors"

	"github.com/spf13/cobra"

	"github.com/hookterm/hookterm/api"
)

// addTargetFlags registers the persistent flags that choose the tenant (--data, --domain,
// --client-id, --client-secret, --token, --tenant, --insecure). (Placeholder.)
func addTargetFlags(root *cobra.Command) {}

// newClient opens the Management API client for the target the flags, environment and
// profiles select: the embedded tenant in the data folder by default. (Placeholder.)
func newClient(cmd *cobra.Command, app *App) (*api.Client, error) {
	return nil, errors.New("no tenant client yet")
}

// dataDir is the data folder: --data, else $XDG_DATA_HOME/hookterm, else ~/.local/share/hookterm.
// (Placeholder.)
func dataDir(cmd *cobra.Command, app *App) (string, error) {
	return "", errors.New("no data folder yet")
}
