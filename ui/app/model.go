package app

import (
	"context"
	"fmt"
	"log/slog"
	"sort"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"

	"github.com/hookterm/hookterm/api"
	"github.com/hookterm/hookterm/ui/common"
	"github.com/hookterm/hookterm/ui/dialog"
	"github.com/hookterm/hookterm/ui/drafts"
	"github.com/hookterm/hookterm/ui/hooklist"
)

// pane identifies a focusable pane.
type pane int

const (
	paneList pane = iota
	paneEditor
	paneRun
	paneLogs
)

// buffer is one open hook: its editor and the stored version it was loaded from.
type buffer struct {
	base         api.Hook // the stored hook; base.Script is what "unsaved" compares with
	ed           Editor
	lastVersion  uint64
	dirty        bool
	stale        bool // the stored hook changed (or vanished) while the buffer was dirty
	deleted      bool
	draftPending bool
	draftVersion uint64
	draftGen     uint64 // generation of the last draft save or removal issued
	hasDraft     bool
	saving       bool
}

type statusKind int

const (
	statusInfo statusKind = iota
	statusOK
	statusError
)

// Model is the root model.
type Model struct {
	opts  Options
	ctx   context.Context
	theme *common.Theme
	keys  common.GlobalKeys
	log   *slog.Logger

	list    *hooklist.Model
	buffers map[string]*buffer
	current string // id of the hook shown in the editor; "" for none
	focus   pane

	help     help.Model
	showHelp bool
	showLogs bool

	dialog dialog.Dialog

	width, height int
	lay           layout

	loaded       bool
	fromSnapshot bool // the list shows the last session's rows until the tenant answers
	notice       bool // the status line holds Options.Notice: keep it over the start-up hints
	firstFrame   bool
	connected    bool
	connErr      string
	status       string
	statusKind   statusKind
	drafts       []drafts.Draft
	draftsReady  bool
	quitting     bool
}

// New builds the root model.
func New(opts Options) *Model {
	if opts.Context == nil {
		opts.Context = context.Background()
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Getenv == nil {
		opts.Getenv = func(string) string { return "" }
	}
	if opts.PollInterval == 0 {
		opts.PollInterval = 2 * time.Second
	}
	if opts.DraftDelay == 0 {
		opts.DraftDelay = 300 * time.Millisecond
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	theme := opts.Theme
	m := &Model{
		opts:    opts,
		ctx:     opts.Context,
		theme:   &theme,
		keys:    common.DefaultGlobalKeys(),
		log:     opts.Logger,
		buffers: map[string]*buffer{},
		help:    help.New(),
		width:   80,
		height:  24,
	}
	m.help.Styles = theme.Help
	m.list = hooklist.New(m.theme)
	m.list.Focus()
	if opts.LogPane != nil {
		opts.LogPane.SetHidden(true)
	}
	m.resize(m.width, m.height)
	m.setStatus(statusInfo, "Loading hooks…")
	if opts.Notice != "" {
		m.setStatus(statusError, "%s", opts.Notice)
		m.notice = true
	}
	if opts.Snapshot != nil {
		hooks, err := opts.Snapshot.Load()
		if err != nil {
			m.log.Warn("hook list snapshot", "err", err)
		}
		if len(hooks) > 0 {
			m.list.SetHooks(hooks)
			m.fromSnapshot = true
			if !m.notice {
				m.setStatus(statusInfo, "%d hooks from the last session; asking the tenant…", len(hooks))
			}
		}
	}
	return m
}

// Shutdown writes what must survive the program: every unsaved buffer's draft (exact, not
// throttled) and the list's snapshot. cmd calls it after the program ends, however it ended
// (a quit, SIGTERM, a cancelled context).
func (m *Model) Shutdown() {
	m.settleAll()
	m.flushDrafts()
	if store := m.opts.Drafts; store != nil {
		// A removal still in flight as a command may never run now: do it here.
		for id, b := range m.buffers {
			if !b.dirty {
				b.draftGen++
				if err := store.RemoveGen(id, b.draftGen); err != nil {
					m.log.Warn("remove draft", "err", err)
				}
			}
		}
	}
	m.saveSnapshot()
}

// saveSnapshot stores the list's rows for the next start.
func (m *Model) saveSnapshot() {
	if m.opts.Snapshot == nil || !m.loaded {
		return
	}
	if err := m.opts.Snapshot.Save(m.list.Hooks()); err != nil {
		m.log.Warn("hook list snapshot", "err", err)
	}
}

// Init loads the hooks and the drafts and starts the log pane.
func (m *Model) Init() tea.Cmd {
	if m.fromSnapshot {
		// The list is already there to draw: let the first frame have the CPU, then ask
		// the tenant.
		return tea.Tick(20*time.Millisecond, func(time.Time) tea.Msg { return startMsg{} })
	}
	return m.start()
}

// startMsg starts the background work deferred by Init.
type startMsg struct{}

func (m *Model) start() tea.Cmd {
	cmds := []tea.Cmd{m.loadHooks(true), m.loadDrafts()}
	if m.opts.LogPane != nil {
		cmds = append(cmds, m.opts.LogPane.Init())
	}
	return tea.Batch(cmds...)
}

func (m *Model) setStatus(kind statusKind, format string, args ...any) {
	m.statusKind = kind
	m.status = fmt.Sprintf(format, args...)
	if kind == statusError {
		m.log.Warn("status", "message", m.status)
	}
}

// callCtx bounds one backend call so that a hung tenant never hangs a command forever.
func (m *Model) callCtx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(m.ctx, 30*time.Second)
}

// focusedComponent returns the pane that has the keyboard.
func (m *Model) focusedComponent() common.Component {
	switch m.focus {
	case paneEditor:
		if b := m.buffers[m.current]; b != nil {
			return b.ed
		}
	case paneRun:
		if m.opts.RunPane != nil {
			return m.opts.RunPane
		}
	case paneLogs:
		if m.opts.LogPane != nil {
			return m.opts.LogPane
		}
	}
	return m.list
}

// panes lists the focusable panes in tab order.
func (m *Model) panes() []pane {
	out := []pane{paneList}
	if m.current != "" {
		out = append(out, paneEditor)
	}
	if m.lay.run.h > 0 {
		out = append(out, paneRun)
	}
	if m.lay.logs.h > 0 {
		out = append(out, paneLogs)
	}
	return out
}

func (m *Model) setFocus(p pane) {
	if old := m.focusedComponent(); old != nil {
		old.Blur()
	}
	m.focus = p
	m.focusedComponent().Focus()
	// focusedComponent falls back to the list when p is not available.
	switch m.focusedComponent() {
	case common.Component(m.list):
		m.focus = paneList
	}
}

func (m *Model) cycleFocus(delta int) {
	ps := m.panes()
	i := 0
	for j, p := range ps {
		if p == m.focus {
			i = j
		}
	}
	m.setFocus(ps[(i+delta+len(ps))%len(ps)])
}

// settleAll makes every buffer's unsaved state exact (before quitting).
func (m *Model) settleAll() tea.Cmd {
	var cmds []tea.Cmd
	for id, b := range m.buffers {
		if b.dirty || b.ed.Version() != b.lastVersion {
			cmds = append(cmds, m.settle(id, b))
		}
	}
	return tea.Batch(cmds...)
}

// dirtyBuffers returns the open hooks with unsaved changes, by name.
func (m *Model) dirtyBuffers() []*buffer {
	var out []*buffer
	for _, b := range m.buffers {
		if b.dirty {
			out = append(out, b)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].base.Name < out[j].base.Name })
	return out
}

// open shows hook h in the editor, creating its buffer on first use.
func (m *Model) open(h api.Hook) tea.Cmd {
	var cmd tea.Cmd
	b := m.buffers[h.ID]
	if b == nil {
		ed := m.opts.NewEditor()
		b = &buffer{base: h, ed: ed}
		cmd = m.setContent(b, h.Script)
		b.lastVersion = ed.Version()
		m.buffers[h.ID] = b
	}
	m.current = h.ID
	m.resize(m.width, m.height)
	return cmd
}

// setContent replaces a buffer's text and starts the editor's background work on it.
func (m *Model) setContent(b *buffer, s string) tea.Cmd {
	b.ed.SetContent(s)
	if in, ok := b.ed.(initer); ok {
		return in.Init()
	}
	return nil
}

// closeBuffer forgets an open hook (deleted).
func (m *Model) closeBuffer(id string) {
	delete(m.buffers, id)
	m.list.SetDirty(id, false)
	m.list.SetStale(id, false)
	if m.current == id {
		m.current = ""
		if m.focus == paneEditor {
			m.setFocus(paneList)
		}
	}
	m.resize(m.width, m.height)
}

// checkDirty follows b's editor after it may have changed: the first edit marks the buffer
// unsaved at once; while it stays unsaved, the exact comparison with the stored script waits
// for the draft tick (settle), because comparing a 10,000-line script on every keystroke
// would cost more than the keystroke itself.
func (m *Model) checkDirty(id string, b *buffer) tea.Cmd {
	v := b.ed.Version()
	if v == b.lastVersion {
		return nil
	}
	b.lastVersion = v
	if !b.dirty {
		b.dirty = b.ed.Content() != b.base.Script
		m.list.SetDirty(id, b.dirty)
	}
	if !b.dirty {
		if b.hasDraft {
			b.hasDraft = false
			return m.removeDraft(id, b)
		}
		return nil
	}
	if b.draftPending {
		return nil
	}
	// A throttle rather than a pure debounce: the first edit starts the clock, so continuous
	// typing still reaches the disk every DraftDelay.
	b.draftPending = true
	return tea.Tick(m.opts.DraftDelay, func(time.Time) tea.Msg { return draftTickMsg{id: id} })
}

// settle compares b with the stored script exactly and drops its draft when they are equal
// again (an undo back to the stored text).
func (m *Model) settle(id string, b *buffer) tea.Cmd {
	b.lastVersion = b.ed.Version()
	b.dirty = b.ed.Content() != b.base.Script
	m.list.SetDirty(id, b.dirty)
	if !b.dirty && b.hasDraft {
		b.hasDraft = false
		return m.removeDraft(id, b)
	}
	return nil
}

func (m *Model) draftOf(b *buffer) drafts.Draft {
	return drafts.Draft{HookID: b.base.ID, HookName: b.base.Name, Trigger: b.base.TriggerID,
		Base: b.base.Script, Script: b.ed.Content(), Updated: m.opts.Now()}
}

// flushDrafts writes every dirty buffer's draft now (before quitting).
func (m *Model) flushDrafts() {
	if m.opts.Drafts == nil {
		return
	}
	for _, b := range m.dirtyBuffers() {
		b.draftGen++
		if err := m.opts.Drafts.SaveGen(m.draftOf(b), b.draftGen); err != nil {
			m.log.Error("write draft", "hook", b.base.ID, "err", err)
		}
	}
}

func hookNames(bs []*buffer) string {
	names := make([]string, len(bs))
	for i, b := range bs {
		names[i] = b.base.Name
	}
	return strings.Join(names, ", ")
}

// errText makes an error fit the status line: *api.Error already says what to do.
func errText(err error) string {
	return strings.ReplaceAll(err.Error(), "\n", " ")
}
