package cmd

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"

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
// supplied holds the --secret/--secrets-file values, which win over stored ones.
//
// The client is closed before returning: a run can take up to its time limit, and the
// embedded tenant should not be held open meanwhile. Record opens it again for the one write.
func loadStoredHook(cmd *cobra.Command, app *App, idOrName string, supplied map[string]string) (*storedHook, error) {
	ctx := cmd.Context()
	client, err := newClient(cmd, app)
	if err != nil {
		return nil, err
	}
	defer client.Close()
	target := client.Target()

	hook, err := client.ResolveHook(ctx, idOrName)
	if err != nil {
		// An unknown or ambiguous name is bad input (2), as for every command that names a
		// hook (hooksResolve); the tenant failing to answer is a failure (1).
		err = fmt.Errorf("hook %q: %w", idOrName, err)
		switch {
		case errors.Is(err, api.ErrNotFound):
			return nil, usageError(&runProblem{name: "HookNotFoundError", kind: "input", err: err})
		case errors.Is(err, api.ErrAmbiguous):
			return nil, usageError(&runProblem{name: "AmbiguousHookError", kind: "input", err: err})
		}
		return nil, failure(&runProblem{name: "TenantError", kind: "tenant", err: err})
	}
	names, err := client.SecretNames(ctx, hook.ID)
	if err != nil {
		return nil, failure(&runProblem{name: "TenantError", kind: "tenant", trigger: hook.TriggerID, err: fmt.Errorf("secrets of hook %s: %w", hook.Name, err)})
	}
	stored := map[string]string{}
	if target.IsLocal() {
		stored, err = client.SecretValues(ctx, hook.ID)
		if errors.Is(err, api.ErrNoSecretValues) {
			stored, err = map[string]string{}, nil
		}
		if err != nil {
			return nil, failure(&runProblem{name: "TenantError", kind: "tenant", trigger: hook.TriggerID, err: fmt.Errorf("secret values of hook %s: %w", hook.Name, err)})
		}
	}
	secrets, missing := mergeRunSecrets(names, stored, supplied)

	sh := &storedHook{Hook: hook, Secrets: secrets, Missing: missing}
	sh.Record = func(ctx context.Context, report *runner.Report) error { return nil }
	if target.IsLocal() {
		hookID := hook.ID
		sh.Record = func(ctx context.Context, report *runner.Report) error {
			if report == nil {
				return nil
			}
			body, err := json.Marshal(report)
			if err != nil {
				return fmt.Errorf("record run of hook %s: encode report: %w", hookID, err)
			}
			c, err := newClient(cmd, app)
			if err != nil {
				return fmt.Errorf("record run of hook %s: %w", hookID, err)
			}
			defer c.Close()
			if err := c.RecordRun(ctx, api.RunRecord{HookID: hookID, Report: body}); err != nil {
				return fmt.Errorf("record run of hook %s: %w", hookID, err)
			}
			return nil
		}
	}
	return sh, nil
}

// mergeRunSecrets combines the tenant's values with the user's (the user's win) and lists the
// hook's secret names that still have no value, sorted.
func mergeRunSecrets(names []string, stored, supplied map[string]string) (map[string]string, []string) {
	out := make(map[string]string, len(names)+len(supplied))
	for k, v := range stored {
		out[k] = v
	}
	for k, v := range supplied {
		out[k] = v
	}
	var missing []string
	for _, n := range names {
		if out[n] == "" {
			missing = append(missing, n)
		}
	}
	sort.Strings(missing)
	return out, missing
}
