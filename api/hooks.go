package api

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/auth0/go-auth0/management"

	"github.com/hookterm/hookterm/trigger"
)

// listPageSize is the Management API's largest page.
const listPageSize = 100

// ListHooks returns every hook that matches opts, following the pages.
func (c *Client) ListHooks(ctx context.Context, opts ListHooksOptions) ([]Hook, error) {
	var reqOpts []management.RequestOption
	if opts.Trigger != "" {
		reqOpts = append(reqOpts, management.Parameter("triggerId", string(opts.Trigger)))
	}
	if opts.Enabled != nil {
		reqOpts = append(reqOpts, management.Parameter("enabled", strconv.FormatBool(*opts.Enabled)))
	}
	var hooks []Hook
	for page := 0; ; page++ {
		var list *management.HookList
		err := c.call(ctx, "list hooks", func(ctx context.Context) error {
			var err error
			o := append([]management.RequestOption{management.Page(page), management.PerPage(listPageSize)}, reqOpts...)
			list, err = c.m.Hook.List(ctx, o...)
			return err
		})
		if err != nil {
			return nil, err
		}
		if list == nil {
			break
		}
		for _, h := range list.Hooks {
			hooks = append(hooks, fromManagement(h))
		}
		// A server that ignores include_totals gives no total: one page is all there is.
		if len(list.Hooks) < listPageSize || !list.HasNext() {
			break
		}
	}
	return hooks, nil
}

// GetHook reads one hook by id.
func (c *Client) GetHook(ctx context.Context, id string) (Hook, error) {
	if err := checkID(id); err != nil {
		return Hook{}, err
	}
	var h *management.Hook
	err := c.call(ctx, "get hook "+id, func(ctx context.Context) error {
		var err error
		h, err = c.m.Hook.Read(ctx, id)
		return err
	})
	if err != nil {
		return Hook{}, err
	}
	return fromManagement(h), nil
}

// ResolveHook finds a hook by id or by name. A name that matches several hooks is an
// *AmbiguousError listing them; one that matches none is a 404 *Error.
func (c *Client) ResolveHook(ctx context.Context, idOrName string) (Hook, error) {
	key := strings.TrimSpace(idOrName)
	if key == "" {
		return Hook{}, errors.New("resolve hook: no id or name given")
	}
	// Ids are ULIDs: try the direct read first and save listing every hook.
	if looksLikeULID(key) {
		h, err := c.GetHook(ctx, key)
		if err == nil {
			return h, nil
		}
		if !errors.Is(err, ErrNotFound) {
			return Hook{}, err
		}
	}
	hooks, err := c.ListHooks(ctx, ListHooksOptions{})
	if err != nil {
		return Hook{}, err
	}
	var byName []Hook
	for _, h := range hooks {
		if h.ID == key {
			return c.GetHook(ctx, h.ID)
		}
		if h.Name == key {
			byName = append(byName, h)
		}
	}
	switch len(byName) {
	case 0:
		hint := "`hookterm hooks list` shows the hooks that exist"
		if near := nearNames(hooks, key); len(near) > 0 {
			hint = "did you mean " + strings.Join(near, " or ") + "?"
		}
		return Hook{}, &Error{
			StatusCode: 404, Code: "HookDoesNotExist",
			Message: fmt.Sprintf("no hook has the id or name %q", key),
			Op:      "find hook",
			Hint:    hint,
		}
	case 1:
		// The listing may leave out the script on real tenants; read the whole hook.
		return c.GetHook(ctx, byName[0].ID)
	default:
		return Hook{}, &AmbiguousError{Name: key, Candidates: byName}
	}
}

// CreateHook creates h (its ID is ignored) and returns the hook as stored.
func (c *Client) CreateHook(ctx context.Context, h Hook) (Hook, error) {
	if h.TriggerID != "" {
		if _, err := trigger.Parse(string(h.TriggerID)); err != nil {
			return Hook{}, fmt.Errorf("create hook %q: %w", h.Name, err)
		}
	}
	trig := string(h.TriggerID)
	mh := &management.Hook{
		Name:      &h.Name,
		Script:    &h.Script,
		TriggerID: &trig,
		Enabled:   &h.Enabled,
	}
	if len(h.Dependencies) > 0 {
		deps := h.Dependencies
		mh.Dependencies = &deps
	}
	err := c.call(ctx, fmt.Sprintf("create hook %q", h.Name), func(ctx context.Context) error {
		return c.m.Hook.Create(ctx, mh)
	})
	if err != nil {
		return Hook{}, err
	}
	return fromManagement(mh), nil
}

// UpdateHook PATCHes only the fields u sets and returns the hook as stored.
func (c *Client) UpdateHook(ctx context.Context, id string, u HookUpdate) (Hook, error) {
	if err := checkID(id); err != nil {
		return Hook{}, err
	}
	if u.Empty() {
		return Hook{}, fmt.Errorf("update hook %s: nothing to change", id)
	}
	mh := &management.Hook{Name: u.Name, Script: u.Script, Enabled: u.Enabled, Dependencies: u.Dependencies}
	if mh.Dependencies != nil && *mh.Dependencies == nil {
		// An explicit empty set clears the dependencies; nil would be sent as null.
		empty := map[string]string{}
		mh.Dependencies = &empty
	}
	err := c.call(ctx, "update hook "+id, func(ctx context.Context) error {
		return c.m.Hook.Update(ctx, id, mh)
	})
	if err != nil {
		return Hook{}, err
	}
	return fromManagement(mh), nil
}

// DeleteHook deletes a hook.
func (c *Client) DeleteHook(ctx context.Context, id string) error {
	if err := checkID(id); err != nil {
		return err
	}
	return c.call(ctx, "delete hook "+id, func(ctx context.Context) error {
		return c.m.Hook.Delete(ctx, id)
	})
}

// nearNames are the names that differ from key only in case, or that start with it; a few at
// most, quoted.
func nearNames(hooks []Hook, key string) []string {
	var out []string
	lower := strings.ToLower(key)
	for _, h := range hooks {
		if n := strings.ToLower(h.Name); n == lower || strings.HasPrefix(n, lower) {
			out = append(out, strconv.Quote(h.Name))
			if len(out) == 3 {
				break
			}
		}
	}
	return out
}

func fromManagement(h *management.Hook) Hook {
	if h == nil {
		return Hook{}
	}
	out := Hook{
		ID:        h.GetID(),
		Name:      h.GetName(),
		Script:    h.GetScript(),
		TriggerID: trigger.ID(h.GetTriggerID()),
		Enabled:   h.GetEnabled(),
	}
	if h.Dependencies != nil {
		out.Dependencies = *h.Dependencies
	}
	if out.Dependencies == nil {
		out.Dependencies = map[string]string{}
	}
	return out
}

// checkID refuses ids that would change the request path; the API's pattern is ^[A-Za-z0-9-]*$.
func checkID(id string) error {
	if id == "" {
		return errors.New("no hook id given")
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return fmt.Errorf("%q is not a hook id (letters, digits and '-' only)", id)
		}
	}
	return nil
}

// looksLikeULID reports whether s has a ULID's shape: 26 Crockford base32 characters.
func looksLikeULID(s string) bool {
	if len(s) != 26 {
		return false
	}
	for _, r := range strings.ToUpper(s) {
		if !(r >= '0' && r <= '9' || r >= 'A' && r <= 'Z') || r == 'I' || r == 'L' || r == 'O' || r == 'U' {
			return false
		}
	}
	return true
}
