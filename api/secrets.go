package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/auth0/go-auth0/management"
)

// SecretNames lists the names of a hook's secrets, sorted. Values are never returned by the
// Management API.
func (c *Client) SecretNames(ctx context.Context, id string) ([]string, error) {
	if err := checkID(id); err != nil {
		return nil, err
	}
	var s management.HookSecrets
	err := c.call(ctx, "list secrets of hook "+id, func(ctx context.Context) error {
		var err error
		s, err = c.m.Hook.Secrets(ctx, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	names := s.Keys()
	sort.Strings(names)
	return names, nil
}

// SetSecrets creates the names the hook does not have yet (POST) and updates the others
// (PATCH), as go-auth0's ReplaceSecrets does, without deleting any.
func (c *Client) SetSecrets(ctx context.Context, id string, secrets map[string]string) error {
	if len(secrets) == 0 {
		return fmt.Errorf("set secrets of hook %s: no secrets given", id)
	}
	names, err := c.SecretNames(ctx, id)
	if err != nil {
		return err
	}
	existing := make(map[string]bool, len(names))
	for _, n := range names {
		existing[n] = true
	}
	add, update := management.HookSecrets{}, management.HookSecrets{}
	for k, v := range secrets {
		if existing[k] {
			update[k] = v
		} else {
			add[k] = v
		}
	}
	if len(add) > 0 {
		err := c.call(ctx, "add secrets to hook "+id, func(ctx context.Context) error {
			return c.m.Hook.CreateSecrets(ctx, id, add)
		})
		if err != nil {
			return err
		}
	}
	if len(update) > 0 {
		err := c.call(ctx, "update secrets of hook "+id, func(ctx context.Context) error {
			return c.m.Hook.UpdateSecrets(ctx, id, update)
		})
		if err != nil && len(add) > 0 {
			// The new names are already stored: say so, or the user retries blind.
			added := make([]string, 0, len(add))
			for k := range add {
				added = append(added, k)
			}
			sort.Strings(added)
			return fmt.Errorf("%s were added, but %w", strings.Join(added, ", "), err)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// DeleteSecrets removes the named secrets from a hook.
func (c *Client) DeleteSecrets(ctx context.Context, id string, names []string) error {
	if err := checkID(id); err != nil {
		return err
	}
	if len(names) == 0 {
		return fmt.Errorf("delete secrets of hook %s: no names given", id)
	}
	return c.call(ctx, "delete secrets of hook "+id, func(ctx context.Context) error {
		return c.m.Hook.RemoveSecrets(ctx, id, names)
	})
}

// SecretValues returns a hook's secret values from a hookterm tenant (embedded or served),
// through hookterm's extension endpoint, so a stored hook can be run locally with them. An
// Auth0 tenant never returns values: the error is then ErrNoSecretValues and the caller asks
// the user. The values must never be displayed or logged.
func (c *Client) SecretValues(ctx context.Context, id string) (map[string]string, error) {
	if !c.target.IsLocal() {
		return nil, fmt.Errorf("secret values of hook %s on %s: %w", id, c.target.Display, ErrNoSecretValues)
	}
	if err := checkID(id); err != nil {
		return nil, err
	}
	values := map[string]string{}
	err := c.call(ctx, "read secret values of hook "+id, func(ctx context.Context) error {
		return c.m.Request(ctx, http.MethodGet, c.extensionURI("hooks", id, "secrets"), &values)
	})
	var e *Error
	if errors.As(err, &e) && e.StatusCode == http.StatusNotFound && e.Code != "HookDoesNotExist" {
		// A loopback server without hookterm's extension (not `hookterm serve`).
		return nil, fmt.Errorf("secret values of hook %s on %s: %w", id, c.target.Display, ErrNoSecretValues)
	}
	if err != nil {
		return nil, err
	}
	return values, nil
}

// extensionURI is the URL of a hookterm extension endpoint (/hookterm/v1/…) on the target, built
// from go-auth0's own base URL so the scheme and host match what its transport expects.
func (c *Client) extensionURI(path ...string) string {
	base, err := url.Parse(c.m.URI())
	if err != nil {
		// m.URI always yields a parseable URL; fall back to a relative one rather than panic.
		base = &url.URL{}
	}
	p := "/hookterm/v1"
	for _, s := range path {
		p += "/" + url.PathEscape(s)
	}
	base.Path = p
	base.RawPath = ""
	return base.String()
}
