package cmd

import (
	"context"
	"errors"

	"github.com/spf13/cobra"

	"github.com/hookterm/hookterm/api"
	"github.com/hookterm/hookterm/runner"
)

// storedHook is a hook fetched for `hookterm run --hook`: its script and trigger, the secret
// values the tenant or the user supplied, the names still missing, and how to record the run
// in the tenant's logs (a no-op on a remote tenant).
type storedHook struct {
	Hook    api.Hook
	Secrets map[string]string
	Missing []string
	Record  func(ctx context.Context, report *runner.Report) error
}

// loadStoredHook resolves idOrName on the selected tenant and gathers what a run needs.
// supplied holds the --secret/--secrets-file values, which win over stored ones. (Placeholder.)
func loadStoredHook(cmd *cobra.Command, app *App, idOrName string, supplied map[string]string) (*storedHook, error) {
	return nil, errors.New("run --hook is not available yet")
}
