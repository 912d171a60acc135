package app

import (
	"errors"
	"fmt"
	"runtime/debug"
	"slices"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/hookterm/hookterm/api"
	"github.com/hookterm/hookterm/runner"
	"github.com/hookterm/hookterm/trigger"
	"github.com/hookterm/hookterm/ui/dialog"
	"github.com/hookterm/hookterm/ui/drafts"
)

// Messages the root sends itself.
type (
	hooksMsg struct {
		hooks   []api.Hook
		err     error
		initial bool
		poll    bool
		took    time.Duration
	}
	pollTickMsg struct{}
	draftsMsg   struct {
		drafts []drafts.Draft
		err    error
	}
	draftTickMsg struct{ id string }
	draftErrMsg  struct{ err error }
	saveDoneMsg  struct {
		id      string
		hook    api.Hook
		content string
		err     error
	}
	conflictMsg struct {
		id      string
		remote  api.Hook
		content string
	}
	externalDoneMsg struct {
		id, dir, path string
		err           error
	}
	opDoneMsg struct {
		what    string
		err     error
		deleted string // id of a deleted hook
		after   func() tea.Cmd
	}
	formDoneMsg struct {
		form *dialog.Form
		hook api.Hook
		err  error
		what string
		next func(api.Hook) tea.Cmd
	}
	secretsMsg struct {
		id        string
		name      string
		names     []string
		err       error
		status    string
		statusErr bool
		open      bool
	}
	depsMsg struct {
		hook   api.Hook
		err    error
		status string
	}
	runReadyMsg    struct{ req RunRequest }
	switchOfferMsg struct {
		hookID string
		hooks  []api.Hook
	}
	runErrMsg struct {
		hookName string
		err      error
	}
	recordErrMsg struct {
		hookName string
		report   *runner.Report
		err      error
	}
)

// Panes that sometimes need every key (the editor's search prompt, the run pane's payload
// editor, a focused input) say so through one of these; while one reports true, only ctrl+c
// (and ctrl+s, ctrl+r) are taken by the root.
type (
	capturing interface{ Capturing() bool }
	prompting interface{ Prompting() bool }
	editing   interface{ Editing() bool }
)

func capturesKeys(c any) bool {
	if x, ok := c.(capturing); ok && x.Capturing() {
		return true
	}
	if x, ok := c.(prompting); ok && x.Prompting() {
		return true
	}
	if x, ok := c.(editing); ok && x.Editing() {
		return true
	}
	return false
}

// initer is implemented by panes that start background work (highlighting) on new content.
type initer interface{ Init() tea.Cmd }

// hookSetter is implemented by a run pane that shows the payloads of one hook.
type hookSetter interface {
	SetHook(hookID string, trig trigger.ID)
}

// running is implemented by a run pane that can cancel its run with ctrl+c.
type running interface{ Running() bool }

// Update routes msg and returns the root.
func (m *Model) Update(msg tea.Msg) (_ tea.Model, cmd tea.Cmd) {
	defer func() {
		// A bug in one pane must not take the user's unsaved work down with the program:
		// log it, keep the drafts, say so, and carry on.
		if r := recover(); r != nil {
			m.log.Error("panic in Update", "msg", fmt.Sprintf("%T", msg), "value", fmt.Sprint(r), "stack", string(debug.Stack()))
			m.flushDrafts()
			m.setStatus(statusError, "Internal error (details in hookterm.log); unsaved buffers are kept as drafts")
			cmd = nil
		}
	}()
	cmd = m.update(msg)
	if b := m.buffers[m.current]; b != nil {
		cmd = tea.Batch(cmd, m.checkDirty(m.current, b))
	}
	m.syncRunPane()
	return m, cmd
}

// syncRunPane shows the payloads of the hook in use: the open one, else the selected one.
func (m *Model) syncRunPane() {
	hs, ok := m.opts.RunPane.(hookSetter)
	if !ok {
		return
	}
	if b := m.buffers[m.current]; b != nil && m.focus != paneList {
		hs.SetHook(b.base.ID, b.base.TriggerID)
	} else if h, ok := m.list.Selected(); ok {
		hs.SetHook(h.ID, h.TriggerID)
	}
}

func (m *Model) update(msg tea.Msg) tea.Cmd {
	if m.opts.RunResult != nil {
		if rf, ok := m.opts.RunResult(msg); ok {
			return tea.Batch(m.broadcast(msg), m.runFinished(rf))
		}
	}
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.resize(msg.Width, msg.Height)
		return nil
	case tea.KeyPressMsg:
		return m.handleKey(msg)
	case tea.PasteMsg:
		if m.dialog != nil {
			return m.dialog.Update(msg)
		}
		return m.focusedComponent().Update(msg)
	case tea.MouseClickMsg:
		return m.handleClick(msg)
	case tea.MouseWheelMsg:
		return m.handleWheel(msg)
	case tea.MouseMotionMsg, tea.MouseReleaseMsg:
		return m.handleDrag(msg)
	case hooksMsg:
		return m.hooksLoaded(msg)
	case pollTickMsg:
		return m.loadHooks(false)
	case startMsg:
		return m.start()
	case draftsMsg:
		if msg.err != nil {
			m.setStatus(statusError, "Some drafts could not be read: %s", errText(msg.err))
		}
		m.drafts = msg.drafts
		m.draftsReady = true
		return m.maybeOfferDrafts()
	case draftTickMsg:
		return m.writeDraft(msg.id)
	case draftErrMsg:
		m.setStatus(statusError, "Could not write the draft: %s; check the data folder's permissions and free space", errText(msg.err))
		return nil
	case saveDoneMsg:
		return m.saveDone(msg)
	case conflictMsg:
		return m.showConflict(msg)
	case externalDoneMsg:
		return m.externalDone(msg)
	case opDoneMsg:
		return m.opDone(msg)
	case formDoneMsg:
		return m.formDone(msg)
	case secretsMsg:
		return m.secretsLoaded(msg)
	case depsMsg:
		return m.depsChanged(msg)
	case runReadyMsg:
		return m.startRun(msg.req)
	case switchOfferMsg:
		m.list.SetHooks(msg.hooks)
		if m.list.Select(msg.hookID) {
			return m.toggleEnabled()
		}
		return nil
	case runErrMsg:
		m.setStatus(statusError, "Did not run %s: its secrets could not be read: %s", msg.hookName, errText(msg.err))
		return nil
	case recordErrMsg:
		m.setStatus(statusError, "The run of %s was not recorded in the tenant's logs: %s", msg.hookName, errText(msg.err))
		if m.opts.LogPane != nil && msg.report != nil {
			m.opts.LogPane.AppendRunLogs(msg.hookName, msg.report)
		}
		return nil
	}
	return m.broadcast(msg)
}

// broadcast hands a message the root does not handle to every pane: async results carry
// the id of the component they belong to and the others ignore them.
func (m *Model) broadcast(msg tea.Msg) tea.Cmd {
	var cmds []tea.Cmd
	cmds = append(cmds, m.list.Update(msg))
	for _, b := range m.buffers {
		cmds = append(cmds, b.ed.Update(msg))
	}
	if m.opts.RunPane != nil {
		cmds = append(cmds, m.opts.RunPane.Update(msg))
	}
	if m.opts.LogPane != nil {
		cmds = append(cmds, m.opts.LogPane.Update(msg))
	}
	if m.dialog != nil {
		cmds = append(cmds, m.dialog.Update(msg))
	}
	return tea.Batch(cmds...)
}

func (m *Model) handleKey(k tea.KeyPressMsg) tea.Cmd {
	focused := m.focusedComponent()
	if key.Matches(k, m.keys.ForceQuit) {
		if r, ok := focused.(running); ok && m.focus == paneRun && r.Running() && m.dialog == nil {
			return focused.Update(k)
		}
		if m.quitting {
			return tea.Quit
		}
		return m.askQuit()
	}
	if m.dialog != nil {
		return m.dialog.Update(k)
	}
	if m.showHelp {
		if key.Matches(k, m.keys.Help, m.keys.Back, m.keys.Quit) {
			m.showHelp = false
		}
		return nil
	}
	if capturesKeys(focused) && !key.Matches(k, m.keys.Save, m.keys.Run) {
		return focused.Update(k)
	}
	switch {
	case key.Matches(k, m.keys.Suspend):
		return tea.Suspend
	case key.Matches(k, m.keys.Save):
		return m.save()
	case key.Matches(k, m.keys.Run, m.keys.External) && !m.loaded:
		m.setStatus(statusInfo, "Still loading the hooks from the tenant…")
		return nil
	case key.Matches(k, m.keys.Run):
		return m.run()
	case key.Matches(k, m.keys.External):
		return m.externalEdit()
	case key.Matches(k, m.keys.NextPane, m.keys.PrevPane):
		// tab always cycles (issue 4); the editor inserts a tab with ctrl+t.
		if key.Matches(k, m.keys.NextPane) {
			m.cycleFocus(1)
		} else {
			m.cycleFocus(-1)
		}
		return nil
	}
	if m.focus != paneList {
		if key.Matches(k, m.keys.Back) {
			m.setFocus(paneList)
			return nil
		}
		return focused.Update(k)
	}
	if m.list.Filtering() {
		return m.list.Update(k)
	}
	lk := m.list.Keys
	if !m.loaded && key.Matches(k, lk.Open, lk.Edit, lk.New, lk.Rename, lk.Toggle, lk.Delete, lk.Secrets, lk.Deps) {
		m.setStatus(statusInfo, "Still loading the hooks from the tenant…")
		return nil
	}
	switch {
	case key.Matches(k, m.keys.Quit):
		return m.askQuit()
	case key.Matches(k, m.keys.Help):
		m.showHelp = true
		return nil
	case key.Matches(k, m.keys.ToggleLogs):
		m.toggleLogs()
		return nil
	case key.Matches(k, lk.Open):
		if h, ok := m.list.Selected(); ok {
			cmd := m.open(h)
			m.setFocus(paneEditor)
			return cmd
		}
		return nil
	case key.Matches(k, lk.Edit):
		return m.externalEdit()
	case key.Matches(k, lk.New):
		return m.newHookDialog()
	case key.Matches(k, lk.Rename):
		return m.renameDialog()
	case key.Matches(k, lk.Toggle):
		return m.toggleEnabled()
	case key.Matches(k, lk.Delete):
		return m.deleteDialog()
	case key.Matches(k, lk.Secrets):
		return m.openSecrets()
	case key.Matches(k, lk.Deps):
		return m.depsDialog()
	}
	return m.list.Update(k)
}

func (m *Model) toggleLogs() {
	if m.opts.LogPane == nil {
		m.setStatus(statusInfo, "The log pane is not available in this build")
		return
	}
	m.showLogs = !m.showLogs
	m.opts.LogPane.SetHidden(!m.showLogs)
	if !m.showLogs && m.focus == paneLogs {
		m.setFocus(paneList)
	}
	m.resize(m.width, m.height)
}

func (m *Model) askQuit() tea.Cmd {
	settled := m.settleAll()
	dirty := m.dirtyBuffers()
	m.saveSnapshot()
	if len(dirty) == 0 {
		m.quitting = true
		return tea.Sequence(settled, tea.Quit)
	}
	m.quitting = true
	m.flushDrafts()
	body := "Unsaved changes in: " + hookNames(dirty) + "\n\n" +
		"They are kept as drafts and offered back at the next start."
	m.dialog = dialog.NewQuestion(m.theme, "Quit with unsaved changes?", body,
		[]dialog.Choice{{Key: "y", Label: "quit"}, {Key: "n", Label: "stay"}, {Key: "esc", Label: "stay"}},
		func(k string) tea.Cmd {
			m.closeDialog()
			if k == "y" {
				m.flushDrafts()
				return tea.Quit
			}
			m.quitting = false
			return nil
		})
	m.sizeDialog()
	return settled
}

func (m *Model) closeDialog() { m.dialog = nil }

// hooksLoaded applies a fresh list of hooks: the list, the open buffers (a clean buffer
// follows the stored script; a dirty one is only marked), the connection state.
func (m *Model) hooksLoaded(msg hooksMsg) tea.Cmd {
	var next tea.Cmd
	if msg.poll && m.opts.PollInterval > 0 {
		// A slow tenant (a large list, a remote one under rate limits) is asked less often,
		// so that polling never takes more than a fifth of the time.
		wait := max(m.opts.PollInterval, 5*msg.took)
		next = tea.Tick(wait, func(time.Time) tea.Msg { return pollTickMsg{} })
	}
	if msg.err != nil {
		m.connected = false
		m.connErr = errText(msg.err)
		m.log.Warn("list hooks", "err", msg.err)
		if msg.initial || m.loaded {
			m.setStatus(statusError, "Could not list hooks: %s (retrying)", errText(msg.err))
		}
		return next
	}
	var cmds []tea.Cmd
	first := !m.loaded
	m.loaded = true
	m.fromSnapshot = false
	m.connected = true
	m.connErr = ""
	m.list.SetHooks(msg.hooks)
	if first && !m.notice {
		m.setStatus(statusInfo, "enter opens a hook · n new · ? help")
	}
	if first {
		if snap := m.opts.Snapshot; snap != nil {
			hooks := m.list.Hooks()
			log := m.log
			cmds = append(cmds, func() tea.Msg {
				if err := snap.Save(hooks); err != nil {
					log.Warn("hook list snapshot", "err", err)
				}
				return nil
			})
		}
	}
	byID := make(map[string]api.Hook, len(msg.hooks))
	for _, h := range msg.hooks {
		byID[h.ID] = h
	}
	for id, b := range m.buffers {
		h, ok := byID[id]
		if !ok {
			if b.saving {
				continue
			}
			if !b.dirty {
				m.closeBuffer(id)
				continue
			}
			if !b.deleted {
				b.deleted, b.stale = true, true
				m.list.SetStale(id, true)
				m.setStatus(statusError, "%s was deleted elsewhere; your unsaved text is kept in its draft", b.base.Name)
			}
			continue
		}
		// Fields the buffer does not edit always follow the tenant.
		script := b.base.Script
		b.base = h
		b.base.Script = script
		if h.Script == script || b.saving {
			continue
		}
		if !b.dirty {
			b.base.Script = h.Script
			cmds = append(cmds, m.setContent(b, h.Script))
			b.lastVersion = b.ed.Version()
			continue
		}
		if !b.stale {
			b.stale = true
			m.list.SetStale(id, true)
			m.setStatus(statusError, "%s was changed elsewhere; ctrl+s shows both versions before anything is overwritten", h.Name)
		}
	}
	cmds = append(cmds, next)
	if first {
		cmds = append(cmds, m.maybeOfferDrafts())
	}
	return tea.Batch(cmds...)
}

// maybeOfferDrafts shows the recovery dialog once both the hooks and the drafts are known.
func (m *Model) maybeOfferDrafts() tea.Cmd {
	if !m.loaded || !m.draftsReady || len(m.drafts) == 0 {
		return nil
	}
	var ds, same []drafts.Draft
	for _, d := range m.drafts {
		// A draft equal to the stored script holds nothing unsaved (its removal did not
		// happen before the program ended): drop it without asking.
		if h, ok := m.list.Hook(d.HookID); ok && h.Script == d.Script {
			same = append(same, d)
			continue
		}
		ds = append(ds, d)
	}
	m.drafts = nil
	var dropped tea.Cmd
	if len(same) > 0 {
		status, kind := m.status, m.statusKind
		dropped = m.discardDrafts(same)
		m.status, m.statusKind = status, kind
	}
	if len(ds) == 0 {
		return dropped
	}
	body := "hookterm found unsaved changes from an earlier session:\n"
	for _, d := range ds {
		body += "\n  " + d.HookName + "  (" + string(d.Trigger) + ", " + d.Updated.Local().Format("2006-01-02 15:04") + ")"
	}
	body += "\n\nRestore opens them as unsaved buffers; discard deletes the drafts."
	m.dialog = dialog.NewQuestion(m.theme, "Restore unsaved drafts?", body,
		[]dialog.Choice{{Key: "r", Label: "restore"}, {Key: "x", Label: "discard"}},
		func(k string) tea.Cmd {
			m.closeDialog()
			if k == "r" {
				return m.restoreDrafts(ds)
			}
			return m.discardDrafts(ds)
		})
	m.sizeDialog()
	return dropped
}

func (m *Model) restoreDrafts(ds []drafts.Draft) tea.Cmd {
	var cmds []tea.Cmd
	restored := 0
	var missing []string
	var last string
	for _, d := range ds {
		h, ok := m.list.Hook(d.HookID)
		if !ok {
			missing = append(missing, d.HookName)
			continue
		}
		// The draft's base, not the current stored script, is what the text was written
		// against: a change made elsewhere since then shows up as a conflict at save time.
		h.Script = d.Base
		cmds = append(cmds, m.open(h))
		b := m.buffers[h.ID]
		cmds = append(cmds, m.setContent(b, d.Script))
		b.hasDraft = true
		cmds = append(cmds, m.settle(h.ID, b))
		if cur, _ := m.list.Hook(d.HookID); cur.Script != d.Base && b.dirty {
			b.stale = true
			m.list.SetStale(h.ID, true)
		}
		restored++
		last = h.ID
	}
	if last != "" {
		m.current = last
		m.list.Select(last)
		m.resize(m.width, m.height)
	}
	if len(missing) > 0 {
		m.setStatus(statusError, "Restored %d draft(s); %s no longer exist(s): the draft files stay in %s",
			restored, joinNames(missing), m.opts.Drafts.Dir())
	} else {
		m.setStatus(statusOK, "Restored %d draft(s); ctrl+s saves", restored)
	}
	return tea.Batch(cmds...)
}

func (m *Model) discardDrafts(ds []drafts.Draft) tea.Cmd {
	store := m.opts.Drafts
	m.setStatus(statusInfo, "Discarded %d draft(s)", len(ds))
	return func() tea.Msg {
		var errs []error
		for _, d := range ds {
			errs = append(errs, store.Remove(d.HookID))
		}
		if err := errors.Join(errs...); err != nil {
			return draftErrMsg{err: err}
		}
		return nil
	}
}

func joinNames(names []string) string {
	slices.Sort(names)
	out := ""
	for i, n := range names {
		if i > 0 {
			out += ", "
		}
		out += n
	}
	return out
}

func (m *Model) writeDraft(id string) tea.Cmd {
	b := m.buffers[id]
	if b == nil {
		return nil
	}
	b.draftPending = false
	if cmd := m.settle(id, b); cmd != nil || !b.dirty {
		return cmd
	}
	if b.draftVersion == b.lastVersion || m.opts.Drafts == nil {
		return nil
	}
	b.draftVersion = b.lastVersion
	b.hasDraft = true
	b.draftGen++
	d, gen := m.draftOf(b), b.draftGen
	store := m.opts.Drafts
	return func() tea.Msg {
		if err := store.SaveGen(d, gen); err != nil {
			return draftErrMsg{err: err}
		}
		return nil
	}
}

func (m *Model) removeDraft(id string, b *buffer) tea.Cmd {
	store := m.opts.Drafts
	if store == nil {
		return nil
	}
	b.draftGen++
	gen := b.draftGen
	return func() tea.Msg {
		if err := store.RemoveGen(id, gen); err != nil {
			return draftErrMsg{err: err}
		}
		return nil
	}
}
