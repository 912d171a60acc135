package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/auth0/go-auth0/management"
	"golang.org/x/oauth2"
)

// hooksEndOfLife is when Auth0 Hooks stopped for every tenant (auth0-hooks-contract.md §6).
const hooksEndOfLife = "2026-11-18"

// hookScopes are the Management API scopes hookterm uses.
const hookScopes = "read:hooks, create:hooks, update:hooks, delete:hooks and read:logs"

// call runs one go-auth0 operation with a capture in its context and turns its error into an
// *Error for people.
func (c *Client) call(ctx context.Context, op string, f func(ctx context.Context) error) error {
	ctx, capt := withCapture(ctx)
	err := f(ctx)
	if err == nil {
		return nil
	}
	return c.explain(ctx, op, err, capt)
}

// explain maps an error from go-auth0 (or the transport under it) to an *Error with a hint.
func (c *Client) explain(ctx context.Context, op string, err error, capt *capture) error {
	code, retries, unsureWrite := capt.snapshot()
	if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
		return fmt.Errorf("%s: %w", op, err)
	}
	var merr management.Error
	if errors.As(err, &merr) {
		e := &Error{StatusCode: merr.Status(), Code: code, Message: managementMessage(merr), Op: op, Err: err}
		e.Hint = c.hint(e, retries)
		return e
	}
	var rerr *oauth2.RetrieveError
	if errors.As(err, &rerr) {
		status := http.StatusUnauthorized
		if rerr.Response != nil && rerr.Response.StatusCode >= 400 {
			status = rerr.Response.StatusCode
		}
		msg := rerr.ErrorDescription
		if msg == "" {
			msg = strings.TrimSpace(string(rerr.Body))
		}
		if msg == "" {
			msg = "the token request was refused"
		}
		e := &Error{StatusCode: status, Code: rerr.ErrorCode, Message: "token request refused: " + msg, Op: op, Err: err}
		e.Hint = c.hint(e, retries)
		if status == http.StatusForbidden {
			// Auth0 refuses the token itself when the application has no grant for the
			// Management API at all.
			e.Hint = "authorize this application for the Auth0 Management API (Auth0 Dashboard: Applications > APIs > Auth0 Management API > Machine to Machine Applications) with the scopes " + hookScopes
		}
		return e
	}
	// Anything else is a failure to talk to the tenant at all.
	e := &Error{Message: fmt.Sprintf("cannot reach %s: %v", c.target.Display, rootCause(err)), Op: op, Err: err}
	if strings.Contains(err.Error(), "HTTP response to HTTPS client") {
		e.Hint = "that server speaks plain HTTP: for `hookterm serve` on a loopback address add --insecure"
	} else if unsureWrite {
		e.Hint = "the connection failed while the change was being sent, so it may or may not have been applied; hookterm did not repeat it: check with `hookterm hooks list` before trying again"
	} else {
		e.Hint = "check the domain and your network connection"
		if c.target.Kind == TargetLocal {
			e.Hint = "is `hookterm serve` running at that address?"
		}
	}
	return e
}

// managementMessage extracts Auth0's message from go-auth0's "<status> <error>: <message>".
// A body that was not JSON (a proxy's HTML error page) gives the status text instead of
// go-auth0's decoding complaint.
func managementMessage(err management.Error) string {
	s := err.Error()
	_, msg, ok := strings.Cut(s, ": ")
	if !ok {
		return s
	}
	if strings.HasPrefix(msg, "failed to decode json error response payload") {
		return http.StatusText(err.Status())
	}
	return msg
}

// rootCause drops the layers of "failed to send the request: Get …:" that say nothing new.
func rootCause(err error) error {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err
		}
		err = next
	}
}

// IsEnabledConflict reports whether err is the tenant's 409 for a second enabled hook on one
// extensibility point (not a duplicate name or secret), so callers can say which command
// resolves it.
func IsEnabledConflict(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.StatusCode == http.StatusConflict && e.enabledConflict()
}

func (e *Error) enabledConflict() bool {
	return e.Code == "hook_enabled_conflict" || e.Code == "" && strings.Contains(strings.ToLower(e.Message), "enabled")
}

func (c *Client) hint(e *Error, retries int) string {
	msg := strings.ToLower(e.Message)
	switch e.StatusCode {
	case http.StatusUnauthorized:
		return "the credentials are wrong or the token has expired: check the client id and secret (--client-id, --client-secret) or get a new token (--token, AUTH0_API_TOKEN)"
	case http.StatusForbidden:
		if strings.Contains(msg, "deprecated feature") {
			return "this tenant has no Hooks: Auth0 Hooks reached their end of life on " + hooksEndOfLife +
				" (tenants created since 2023-10-16 never had them); move the logic to Actions, or work on the local tenant (no --domain/--tenant)"
		}
		if scope := expectedScope(e.Message); scope != "" {
			return fmt.Sprintf("grant the scope %s to this application (Auth0 Dashboard: Applications > APIs > Auth0 Management API > Machine to Machine Applications), or use a token that carries it", scope)
		}
		return "the credentials do not allow this operation"
	case http.StatusNotFound:
		if strings.Contains(e.Op, "log") {
			// Tenants keep log events for a limited time (Auth0: 1 to 30 days by plan).
			return "it may have expired or never existed: `hookterm logs list` shows recent events and their ids"
		}
		return "it may have been deleted: `hookterm hooks list` shows the hooks that exist"
	case http.StatusConflict:
		switch {
		case e.enabledConflict():
			return "only one hook per extensibility point can be enabled: disable that one first, or use `hookterm hooks enable --switch`"
		case e.Code == "secret_conflict" || strings.Contains(msg, "secret"):
			return "that secret already exists: `hookterm secrets set` updates it"
		default:
			return "hook names are unique in a tenant: choose another name"
		}
	case http.StatusTooManyRequests:
		return fmt.Sprintf("the tenant's rate limit was still reached after %d retries: wait a moment and try again", retries)
	}
	if e.StatusCode >= 500 {
		return "the tenant failed to answer; try again later"
	}
	return ""
}

// expectedScope reads the scope from "Insufficient scope, expected any of: read:hooks".
func expectedScope(msg string) string {
	const marker = "expected any of:"
	i := strings.Index(strings.ToLower(msg), marker)
	if i < 0 {
		return ""
	}
	return strings.TrimSuffix(strings.TrimSpace(msg[i+len(marker):]), ".")
}
