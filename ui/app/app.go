// Package app is the TUI's root model: it owns the layout, the focus, the dialogs and the
// routing of messages between the hook list, the editor, the run pane and the log pane, and it
// talks to the tenant through the small interfaces declared here, so that tests drive it with
// fakes and cmd wires the real packages.
package app

import (
	"context"
	"log/slog"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/hookterm/hookterm/api"
	"github.com/hookterm/hookterm/runner"
	"github.com/hookterm/hookterm/trigger"
	"github.com/hookterm/hookterm/ui/common"
	"github.com/hookterm/hookterm/ui/drafts"
	"github.com/hookterm/hookterm/ui/editor"
)

// Backend is the part of *api.Client the TUI uses.
type Backend interface {
	ListHooks(ctx context.Context, opts api.ListHooksOptions) ([]api.Hook, error)
	GetHook(ctx context.Context, id string) (api.Hook, error)
	CreateHook(ctx context.Context, h api.Hook) (api.Hook, error)
	UpdateHook(ctx context.Context, id string, u api.HookUpdate) (api.Hook, error)
	DeleteHook(ctx context.Context, id string) error
	SecretNames(ctx context.Context, id string) ([]string, error)
	SetSecrets(ctx context.Context, id string, secrets map[string]string) error
	DeleteSecrets(ctx context.Context, id string, names []string) error
	SecretValues(ctx context.Context, id string) (map[string]string, error)
	RecordRun(ctx context.Context, rec api.RunRecord) error
	Target() api.Target
}

// Editor is the script editor (ui/editor), one per open hook.
type Editor interface {
	common.Component
	SetContent(src string)
	Content() string
	// Version changes on every edit, so the root recomputes "unsaved" only when it moved.
	Version() uint64
	GotoLine(line, col int)
	// SetDiagnostic marks a problem in the gutter (nil clears it); the editor's own syntax
	// check replaces it after the next edit.
	SetDiagnostic(d *editor.Diagnostic)
	// Cursor is the terminal cursor relative to the editor's view, nil when hidden.
	Cursor() *tea.Cursor
}

// RunRequest is what the root asks the run pane to run.
type RunRequest struct {
	HookID   string
	HookName string
	Trigger  trigger.ID
	Script   string
	Secrets  map[string]string
	// Missing names the hook's secrets whose values the tenant does not return (Auth0).
	Missing []string
	// Saved is true when Script is the stored script (no unsaved changes): only such runs
	// are recorded in a local tenant's logs.
	Saved bool
}

// RunFinished is the run pane's result, translated by Options.RunResult.
type RunFinished struct {
	HookID string
	Report *runner.Report
	Err    error
	Saved  bool
}

// RunPane is the run pane (ui/runpane) as the root sees it.
type RunPane interface {
	common.Component
	StartRun(req RunRequest) tea.Cmd
}

// LogPane is the log pane (ui/logpane) as the root sees it.
type LogPane interface {
	common.Component
	Init() tea.Cmd
	SetHidden(hidden bool)
	Unread() int
	AppendRunLogs(hookName string, r *runner.Report)
}

// Snapshot stores the hook list's rows between sessions (drafts.Snapshot).
type Snapshot interface {
	Load() ([]api.Hook, error)
	Save(hooks []api.Hook) error
}

// Options is everything the root needs. Only Backend and NewEditor are required.
type Options struct {
	Context   context.Context
	Backend   Backend
	NewEditor func() Editor
	RunPane   RunPane
	// RunResult recognises the run pane's "finished" message among all messages.
	RunResult func(tea.Msg) (RunFinished, bool)
	LogPane   LogPane
	Drafts    *drafts.Store
	// Snapshot, when set, holds the hook list of the last session: it is drawn at once and
	// replaced by the tenant's answer.
	Snapshot Snapshot
	Theme    common.Theme
	Logger   *slog.Logger
	Getenv   func(string) string
	// PollInterval is how often the hook list is refreshed from the tenant; 0 means 2 s,
	// negative disables polling (tests).
	PollInterval time.Duration
	// DraftDelay is how long after the first unsaved edit its draft is written; 0 means
	// 300 ms.
	DraftDelay time.Duration
	// Now stamps drafts; nil means time.Now.
	Now func() time.Time
	// Notice, when set, is shown in the status line at start (a degraded start-up, e.g.
	// drafts unavailable) until the next message replaces it.
	Notice string
	// AfterFirstFrame, when set, runs once the first frame showing hooks has been drawn:
	// work that competes for the CPU at start-up (the runner's worker processes) waits for
	// it. It must not block.
	AfterFirstFrame func()
}
