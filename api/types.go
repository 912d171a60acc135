// Package api is hookterm's Management API client: one interface over a remote Auth0 tenant,
// a `hookterm serve` tenant on loopback and the embedded local tenant, all through go-auth0.
package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hookterm/hookterm/trigger"
)

// Hook is a hook as the Management API returns it.
type Hook struct {
	ID           string            `json:"id"`
	Name         string            `json:"name"`
	Script       string            `json:"script"`
	TriggerID    trigger.ID        `json:"triggerId"`
	Enabled      bool              `json:"enabled"`
	Dependencies map[string]string `json:"dependencies"`
}

// HookUpdate is a partial update: nil fields are not sent.
type HookUpdate struct {
	Name         *string
	Script       *string
	Enabled      *bool
	Dependencies *map[string]string
}

// Empty reports whether the update would send nothing.
func (u HookUpdate) Empty() bool {
	return u.Name == nil && u.Script == nil && u.Enabled == nil && u.Dependencies == nil
}

// ListHooksOptions filters a hook listing.
type ListHooksOptions struct {
	Trigger trigger.ID // "" for all points
	Enabled *bool      // nil for both
}

// LogEntry is one tenant log event in Auth0's log entry shape. Raw keeps the entry as the
// server sent it, for `--json` output and the TUI's detail view.
type LogEntry struct {
	LogID       string          `json:"log_id"`
	Date        time.Time       `json:"date"`
	Type        string          `json:"type"`
	Description string          `json:"description"`
	ClientID    string          `json:"client_id"`
	ClientName  string          `json:"client_name"`
	UserID      string          `json:"user_id"`
	UserName    string          `json:"user_name"`
	Connection  string          `json:"connection"`
	IP          string          `json:"ip"`
	Details     map[string]any  `json:"details"`
	Raw         json.RawMessage `json:"-"`
}

// RunRecord is a local execution of a stored hook, appended to a local tenant's logs so that
// tailing shows hook activity. Report is the runner's report as JSON (runner.Report).
type RunRecord struct {
	HookID string          `json:"hookId"`
	Report json.RawMessage `json:"report"`
}

// Sentinel errors for errors.Is on *Error.
var (
	ErrUnauthorized = errors.New("unauthorized")
	ErrForbidden    = errors.New("forbidden")
	ErrNotFound     = errors.New("not found")
	ErrConflict     = errors.New("conflict")
	ErrRateLimited  = errors.New("rate limited")
	ErrBadRequest   = errors.New("bad request")
	ErrDeprecated   = errors.New("hooks are not available on this tenant")
	// ErrNetwork: the tenant could not be reached (no HTTP answer at all).
	ErrNetwork = errors.New("tenant unreachable")
	// ErrNoSecretValues: the tenant never returns secret values (an Auth0 tenant); the caller
	// must ask the user for them.
	ErrNoSecretValues = errors.New("this tenant does not return secret values")
	// ErrAmbiguous: a hook name matched more than one hook (see *AmbiguousError).
	ErrAmbiguous = errors.New("ambiguous hook name")
)

// AmbiguousError is returned by ResolveHook when a name matches several hooks.
type AmbiguousError struct {
	Name       string
	Candidates []Hook
}

func (e *AmbiguousError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%q matches %d hooks; use an id:", e.Name, len(e.Candidates))
	for _, h := range e.Candidates {
		fmt.Fprintf(&b, "\n  %s  %s  (%s)", h.ID, h.Name, h.TriggerID)
	}
	return b.String()
}

func (e *AmbiguousError) Is(target error) bool { return target == ErrAmbiguous }

// Error is a Management API error explained for people.
type Error struct {
	StatusCode int    // HTTP status; 0 for network failures
	Code       string // Auth0's errorCode, e.g. "HookDoesNotExist"
	Message    string // Auth0's message
	Hint       string // what the user can do about it
	Op         string // what hookterm was doing, e.g. "update hook 01H…"
	Err        error  // the underlying error, if any
}

func (e *Error) Error() string {
	msg := e.Message
	if e.Op != "" {
		msg = e.Op + ": " + msg
	}
	if e.StatusCode != 0 {
		msg = fmt.Sprintf("%s (%d)", msg, e.StatusCode)
	}
	if e.Hint != "" {
		msg += "; " + e.Hint
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// Is maps the status code to the sentinel errors.
func (e *Error) Is(target error) bool {
	switch target {
	case ErrUnauthorized:
		return e.StatusCode == 401
	case ErrForbidden:
		return e.StatusCode == 403
	case ErrNotFound:
		return e.StatusCode == 404
	case ErrConflict:
		return e.StatusCode == 409
	case ErrRateLimited:
		return e.StatusCode == 429
	case ErrBadRequest:
		return e.StatusCode == 400
	case ErrNetwork:
		return e.StatusCode == 0
	case ErrDeprecated:
		return e.StatusCode == 403 && containsFold(e.Message, "deprecated feature")
	}
	return false
}

func containsFold(s, sub string) bool {
	return strings.Contains(strings.ToLower(s), strings.ToLower(sub))
}

// TargetKind says what kind of tenant a Client talks to.
type TargetKind string

const (
	TargetEmbedded TargetKind = "embedded" // the local tenant in this process's data folder
	TargetLocal    TargetKind = "local"    // a `hookterm serve` tenant over loopback
	TargetRemote   TargetKind = "remote"   // an Auth0 tenant
)

// Target describes the tenant a Client talks to, for headers and messages.
type Target struct {
	Kind    TargetKind
	Display string // the data folder or the domain
}

// IsLocal reports whether the target is a hookterm tenant (embedded or served), which keeps
// secret values and accepts run records.
func (t Target) IsLocal() bool { return t.Kind == TargetEmbedded || t.Kind == TargetLocal }
