// Package runner executes Auth0 Hook scripts in goja with the webtask programming model, as
// Auth0's webtask compilers ran them, and reports what happened.
package runner

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/hookterm/hookterm/trigger"
)

// Defaults Auth0 applied to every hook execution.
const (
	DefaultTimeout     = 20 * time.Second
	DefaultMemoryLimit = 256 << 20
)

// Request is one execution of a hook script.
type Request struct {
	// Script is the hook source, byte for byte.
	Script string `json:"script"`
	// Filename names the script in stacks and messages, e.g. "my-hook.js".
	Filename string     `json:"filename,omitempty"`
	Trigger  trigger.ID `json:"trigger"`
	// Payload is a JSON object holding the point's arguments by name.
	Payload json.RawMessage `json:"payload,omitempty"`
	// Secrets become context.webtask.secrets.
	Secrets map[string]string `json:"secrets,omitempty"`
	// Timeout bounds the whole execution; 0 means DefaultTimeout.
	Timeout time.Duration `json:"timeout,omitempty"`
	// MemoryLimit bounds the worker's heap in bytes; 0 means DefaultMemoryLimit.
	MemoryLimit int64 `json:"memoryLimit,omitempty"`
}

// Report is the outcome of one execution.
type Report struct {
	Trigger trigger.ID `json:"trigger"`
	OK      bool       `json:"ok"`
	// Result is the callback's second argument as JSON (null when absent).
	Result json.RawMessage `json:"result"`
	// Error is nil when OK.
	Error *ScriptError `json:"error"`
	Logs  []LogLine    `json:"logs"`
	// Applied is what Auth0 would do with the result; nil for points whose result is ignored
	// or when the hook failed.
	Applied    *Applied `json:"applied"`
	DurationMs float64  `json:"durationMs"`
}

// Error kinds.
const (
	KindSyntax   = "syntax"   // the script does not parse
	KindExport   = "export"   // the script does not export or return a function
	KindRuntime  = "runtime"  // a throw, a rejected promise, or cb(err)
	KindTimeout  = "timeout"  // the time limit ended it
	KindMemory   = "memory"   // the memory limit ended it
	KindCallback = "callback" // the result could not be serialised as JSON
	KindInternal = "internal" // the runner itself failed (a crashed worker)
)

// ScriptError describes why a hook failed.
type ScriptError struct {
	Name            string `json:"name"`
	Message         string `json:"message"`
	FriendlyMessage string `json:"friendlyMessage,omitempty"`
	// Line and Column are 1-based positions in the user's script; 0 when unknown.
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
	Stack  string `json:"stack,omitempty"`
	Kind   string `json:"kind"`
	// Properties holds the Error's other own enumerable properties (`statusCode`, `code`…)
	// as a JSON object in their order, secret values masked: Auth0's error envelope carried
	// every own property of the Error. Absent when there is none.
	Properties json.RawMessage `json:"properties,omitempty"`
}

func (e *ScriptError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s: %s (line %d, column %d)", e.Name, e.Message, e.Line, e.Column)
	}
	return fmt.Sprintf("%s: %s", e.Name, e.Message)
}

// LogLine is one console call made by the script.
type LogLine struct {
	Time    time.Time `json:"time"`
	Level   string    `json:"level"` // log, info, warn, error, debug
	Message string    `json:"message"`
}

// Applied is what Auth0 would apply from a successful result.
type Applied struct {
	// credentials-exchange
	Scope         []string       `json:"scope,omitempty"`
	ScopeDropped  bool           `json:"scopeDropped,omitempty"` // the result had no scope: granted scopes are reset
	ClaimsKept    map[string]any `json:"claimsKept,omitempty"`
	ClaimsIgnored []string       `json:"claimsIgnored,omitempty"`
	// pre-user-registration
	UserMetadata map[string]any `json:"userMetadata,omitempty"`
	AppMetadata  map[string]any `json:"appMetadata,omitempty"`
	InvalidKeys  []string       `json:"invalidKeys,omitempty"` // metadata keys Auth0 rejects (. or leading $)
	// Ignored lists parts of the result Auth0 does not use, for every point.
	Ignored []string `json:"ignored,omitempty"`
	// Summary is one human sentence, e.g. "token scope: read:connections read:resource".
	Summary string `json:"summary"`
}

// PayloadError is a payload that fails the point's validation (the webtask compiler's
// checks); the script never ran.
type PayloadError struct {
	Trigger trigger.ID
	Message string // the compiler's exact message
}

func (e *PayloadError) Error() string {
	return fmt.Sprintf("invalid %s payload: %s", e.Trigger, e.Message)
}

// Runner runs hook scripts. *Pool implements it; consumers (cmd, ui) depend on this interface.
type Runner interface {
	Run(ctx context.Context, req Request) (*Report, error)
}
