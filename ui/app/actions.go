package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/hookterm/hookterm/api"
	"github.com/hookterm/hookterm/runner"
	"github.com/hookterm/hookterm/trigger"
	"github.com/hookterm/hookterm/ui/dialog"
	"github.com/hookterm/hookterm/ui/editor"
)

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// validName is the Management API's name rule (decisions.md):
// ^[a-zA-Z0-9]([ \-a-zA-Z0-9]*[a-zA-Z0-9])?$, 1–128 characters. A loop rather than a
// package-level regexp, which would be compiled at every program start.
func validName(name string) error {
	bad := errors.New("1–128 letters, digits, spaces or -, starting and ending with a letter or digit")
	if name == "" || len(name) > 128 || !isAlnum(name[0]) || !isAlnum(name[len(name)-1]) {
		return bad
	}
	for i := 0; i < len(name); i++ {
		if c := name[i]; !isAlnum(c) && c != ' ' && c != '-' {
			return bad
		}
	}
	return nil
}

func (m *Model) loadHooks(initial bool) tea.Cmd {
	be := m.opts.Backend
	log := m.log
	return func() tea.Msg {
		ctx, cancel := m.callCtx()
		defer cancel()
		began := time.Now()
		hooks, err := be.ListHooks(ctx, api.ListHooksOptions{})
		took := time.Since(began)
		if initial {
			log.Info("hooks listed", "hooks", len(hooks), "ms", took.Milliseconds())
		}
		return hooksMsg{hooks: hooks, err: err, initial: initial, poll: true, took: took}
	}
}

// refresh lists the hooks once, outside the polling cycle (after a change made here).
func (m *Model) refresh() tea.Cmd {
	be := m.opts.Backend
	return func() tea.Msg {
		ctx, cancel := m.callCtx()
		defer cancel()
		hooks, err := be.ListHooks(ctx, api.ListHooksOptions{})
		return hooksMsg{hooks: hooks, err: err}
	}
}

func (m *Model) loadDrafts() tea.Cmd {
	store := m.opts.Drafts
	if store == nil {
		m.draftsReady = true
		return nil
	}
	return func() tea.Msg {
		ds, err := store.List()
		return draftsMsg{drafts: ds, err: err}
	}
}

// ---- save ------------------------------------------------------------------------------

func (m *Model) save() tea.Cmd {
	b := m.buffers[m.current]
	if b == nil {
		m.setStatus(statusInfo, "Open a hook (enter) to save it")
		return nil
	}
	if b.saving {
		return nil
	}
	m.settle(m.current, b)
	if !b.dirty {
		m.setStatus(statusInfo, "%s has no unsaved changes", b.base.Name)
		return nil
	}
	return m.saveBuffer(m.current, b)
}

// saveBuffer GETs the hook, compares its script with the version the buffer was loaded
// from, and PATCHes only the script when nobody changed it in between.
func (m *Model) saveBuffer(id string, b *buffer) tea.Cmd {
	b.saving = true
	content := b.ed.Content()
	base := b.base.Script
	be := m.opts.Backend
	m.setStatus(statusInfo, "Saving %s…", b.base.Name)
	return func() tea.Msg {
		ctx, cancel := m.callCtx()
		defer cancel()
		remote, err := be.GetHook(ctx, id)
		if err != nil {
			return saveDoneMsg{id: id, content: content, err: err}
		}
		if remote.Script != base {
			return conflictMsg{id: id, remote: remote, content: content}
		}
		h, err := be.UpdateHook(ctx, id, api.HookUpdate{Script: &content})
		return saveDoneMsg{id: id, hook: h, content: content, err: err}
	}
}

func (m *Model) saveDone(msg saveDoneMsg) tea.Cmd {
	b := m.buffers[msg.id]
	if b == nil {
		return nil
	}
	b.saving = false
	if msg.err != nil {
		m.log.Warn("save", "hook", msg.id, "err", msg.err)
		m.setStatus(statusError, "Save of %s failed, your changes are kept: %s", b.base.Name, errText(msg.err))
		return nil
	}
	h := msg.hook
	if h.ID == "" {
		h = b.base
	}
	// The stored script is exactly what was sent, whatever the response echoes.
	h.Script = msg.content
	b.base = h
	b.stale, b.deleted = false, false
	m.list.SetStale(msg.id, false)
	cmd := m.settle(msg.id, b) // typing may have continued during the save
	hooks := m.list.Hooks()
	for i := range hooks {
		if hooks[i].ID == msg.id {
			hooks[i] = h
		}
	}
	m.list.SetHooks(hooks)
	m.setStatus(statusOK, "Saved %s", h.Name)
	if !b.dirty {
		b.hasDraft = false
		cmd = tea.Batch(cmd, m.removeDraft(msg.id, b))
	}
	return cmd
}

func (m *Model) showConflict(msg conflictMsg) tea.Cmd {
	b := m.buffers[msg.id]
	if b == nil {
		return nil
	}
	b.saving = false
	b.stale = true
	m.list.SetStale(msg.id, true)
	body := "Someone changed " + msg.remote.Name + " since you opened it.\n" +
		"- lines are the stored script, + lines are yours:\n\n" +
		dialog.Diff(m.theme, "stored", "yours", msg.remote.Script, msg.content)
	m.dialog = dialog.NewQuestion(m.theme, "Save conflict: "+msg.remote.Name, body,
		[]dialog.Choice{{Key: "o", Label: "overwrite"}, {Key: "r", Label: "reload theirs"}, {Key: "esc", Label: "keep editing"}},
		func(k string) tea.Cmd {
			m.closeDialog()
			b := m.buffers[msg.id]
			if b == nil {
				return nil
			}
			switch k {
			case "o":
				// Overwrite exactly the version shown; a newer change is a new conflict.
				b.base = msg.remote
				return m.saveBuffer(msg.id, b)
			case "r":
				b.base = msg.remote
				cmd := m.setContent(b, msg.remote.Script)
				b.stale = false
				m.list.SetStale(msg.id, false)
				m.setStatus(statusInfo, "Reloaded %s from the tenant", msg.remote.Name)
				return tea.Batch(cmd, m.settle(msg.id, b))
			}
			m.setStatus(statusInfo, "Not saved; ctrl+s shows the conflict again")
			return nil
		})
	m.sizeDialog()
	m.setStatus(statusError, "Save conflict on %s: choose overwrite, reload or keep editing", msg.remote.Name)
	return nil
}

// ---- external editor -------------------------------------------------------------------

// fileName makes a hook name safe as a file name: runs of other characters become one -.
func fileName(name string) string {
	var b strings.Builder
	dash := false
	for i := 0; i < len(name); i++ {
		c := name[i]
		if isAlnum(c) || c == '_' || c == '-' {
			b.WriteByte(c)
			dash = false
		} else if !dash {
			b.WriteByte('-')
			dash = true
		}
	}
	return b.String()
}

func (m *Model) externalEdit() tea.Cmd {
	var opened tea.Cmd
	if m.focus == paneList || m.current == "" {
		h, ok := m.list.Selected()
		if !ok {
			m.setStatus(statusInfo, "Select a hook first")
			return nil
		}
		opened = m.open(h)
	}
	b := m.buffers[m.current]
	argv := strings.Fields(m.externalEditor())
	dir, err := os.MkdirTemp("", "hookterm-edit-")
	if err != nil {
		m.setStatus(statusError, "Could not create a temporary file: %s", errText(err))
		return nil
	}
	name := fileName(b.base.Name)
	path := filepath.Join(dir, name+".js")
	if err := os.WriteFile(path, []byte(b.ed.Content()), 0o600); err != nil {
		os.RemoveAll(dir)
		m.setStatus(statusError, "Could not write %s: %s", path, errText(err))
		return nil
	}
	id := m.current
	c := exec.Command(argv[0], append(argv[1:], path)...)
	return tea.Batch(opened, tea.ExecProcess(c, func(err error) tea.Msg {
		return externalDoneMsg{id: id, dir: dir, path: path, err: err}
	}))
}

func (m *Model) externalEditor() string {
	for _, k := range []string{"HOOKTERM_EDITOR", "VISUAL", "EDITOR"} {
		if v := strings.TrimSpace(m.opts.Getenv(k)); v != "" {
			return v
		}
	}
	return "vi"
}

func (m *Model) externalDone(msg externalDoneMsg) tea.Cmd {
	defer os.RemoveAll(msg.dir)
	b := m.buffers[msg.id]
	if b == nil {
		return nil
	}
	if msg.err != nil {
		m.setStatus(statusError, "The external editor (%s) failed: %s; set $HOOKTERM_EDITOR to one that works",
			m.externalEditor(), errText(msg.err))
		return nil
	}
	data, err := os.ReadFile(msg.path)
	if err != nil {
		m.setStatus(statusError, "Could not read the edited file back: %s", errText(err))
		return nil
	}
	var cmd tea.Cmd
	if string(data) != b.ed.Content() {
		cmd = m.setContent(b, string(data))
		m.setStatus(statusInfo, "Took the external editor's changes; ctrl+s saves")
	} else {
		m.setStatus(statusInfo, "No changes from the external editor")
	}
	m.current = msg.id
	m.setFocus(paneEditor)
	return tea.Batch(cmd, m.settle(msg.id, b))
}

// ---- run -------------------------------------------------------------------------------

func (m *Model) run() tea.Cmd {
	if m.opts.RunPane == nil {
		m.setStatus(statusInfo, "The run pane is not available in this build")
		return nil
	}
	var h api.Hook
	script := ""
	saved := true
	if b := m.buffers[m.current]; b != nil && m.focus != paneList {
		h, script = b.base, b.ed.Content()
		saved = script == b.base.Script
	} else if sel, ok := m.list.Selected(); ok {
		h, script = sel, sel.Script
		if b := m.buffers[sel.ID]; b != nil {
			script = b.ed.Content()
			saved = script == b.base.Script
		}
	} else {
		m.setStatus(statusInfo, "Select a hook to run")
		return nil
	}
	if m.showLogs && m.lay.run.h == 0 {
		m.toggleLogs()
	}
	m.setStatus(statusInfo, "Running %s…", h.Name)
	be := m.opts.Backend
	req := RunRequest{HookID: h.ID, HookName: h.Name, Trigger: h.TriggerID, Script: script, Saved: saved}
	return func() tea.Msg {
		ctx, cancel := m.callCtx()
		defer cancel()
		vals, err := be.SecretValues(ctx, h.ID)
		switch {
		case errors.Is(err, api.ErrNoSecretValues):
			// The tenant keeps the values to itself (Auth0): run without them and say which
			// are missing.
			names, nerr := be.SecretNames(ctx, h.ID)
			if nerr != nil {
				return runErrMsg{hookName: h.Name, err: nerr}
			}
			req.Missing = names
		case err != nil:
			// Running without secrets the tenant has would give a misleading result.
			return runErrMsg{hookName: h.Name, err: err}
		default:
			req.Secrets = vals
		}
		return runReadyMsg{req: req}
	}
}

func (m *Model) startRun(req RunRequest) tea.Cmd {
	if len(req.Missing) > 0 {
		m.setStatus(statusInfo, "Running %s without the values of %s (the tenant does not return them)",
			req.HookName, strings.Join(req.Missing, ", "))
	}
	cmd := m.opts.RunPane.StartRun(req)
	if cmd == nil {
		// The pane refused (a run in flight, an invalid payload) and says why itself.
		m.setStatus(statusInfo, "%s did not run: the run pane says why", req.HookName)
	}
	return cmd
}

func (m *Model) runFinished(rf RunFinished) tea.Cmd {
	name := rf.HookID
	if h, ok := m.list.Hook(rf.HookID); ok {
		name = h.Name
	}
	if errors.Is(rf.Err, context.Canceled) {
		m.setStatus(statusInfo, "Run of %s cancelled", name)
		return nil
	}
	if rf.Err != nil {
		m.setStatus(statusError, "Run of %s failed to start: %s", name, errText(rf.Err))
		return nil
	}
	r := rf.Report
	if r == nil {
		return nil
	}
	if r.OK {
		m.setStatus(statusOK, "Run of %s: ok in %.0f ms", name, r.DurationMs)
	} else if r.Error != nil {
		m.setStatus(statusError, "Run of %s: %s", name, r.Error.Error())
		if b := m.buffers[rf.HookID]; b != nil && r.Error.Line > 0 {
			// Reports count columns in UTF-16 units, as Node does; the editor in characters.
			col := runner.CharColumn(b.ed.Content(), r.Error.Line, r.Error.Column)
			b.ed.GotoLine(r.Error.Line, col)
			b.ed.SetDiagnostic(&editor.Diagnostic{Line: r.Error.Line, Column: col,
				Message: r.Error.Name + ": " + r.Error.Message})
		}
	}
	if rf.Saved && m.opts.Backend.Target().IsLocal() {
		be := m.opts.Backend
		data, err := json.Marshal(r)
		if err != nil {
			return func() tea.Msg { return recordErrMsg{hookName: name, report: r, err: err} }
		}
		rec := api.RunRecord{HookID: rf.HookID, Report: data}
		return func() tea.Msg {
			ctx, cancel := m.callCtx()
			defer cancel()
			if err := be.RecordRun(ctx, rec); err != nil {
				return recordErrMsg{hookName: name, report: r, err: err}
			}
			return nil
		}
	}
	if m.opts.LogPane != nil {
		m.opts.LogPane.AppendRunLogs(name, r)
	}
	return nil
}

// ---- manage ----------------------------------------------------------------------------

func (m *Model) sizeDialog() {
	if m.dialog != nil {
		m.dialog.SetSize(m.width, m.lay.bodyH)
	}
}

func (m *Model) opDone(msg opDoneMsg) tea.Cmd {
	if msg.err != nil {
		m.log.Warn(msg.what, "err", msg.err)
		m.setStatus(statusError, "Could not %s: %s", msg.what, errText(msg.err))
		return m.refresh()
	}
	m.setStatus(statusOK, "Done: %s", msg.what)
	if msg.deleted != "" {
		if b := m.buffers[msg.deleted]; b != nil && m.opts.Drafts != nil {
			b.draftGen++
			if err := m.opts.Drafts.RemoveGen(msg.deleted, b.draftGen); err != nil {
				m.log.Warn("remove draft", "err", err)
			}
		}
		m.closeBuffer(msg.deleted)
	}
	cmd := m.refresh()
	if msg.after != nil {
		cmd = tea.Batch(cmd, msg.after())
	}
	return cmd
}

func (m *Model) formDone(msg formDoneMsg) tea.Cmd {
	if m.dialog != dialog.Dialog(msg.form) {
		return nil
	}
	if msg.err != nil {
		msg.form.SetError(errText(msg.err))
		return nil
	}
	m.closeDialog()
	m.setStatus(statusOK, "Done: %s", msg.what)
	return tea.Batch(m.refresh(), msg.next(msg.hook))
}

func (m *Model) newHookDialog() tea.Cmd {
	var ids []string
	for _, p := range trigger.All() {
		ids = append(ids, string(p.ID))
	}
	initial := ids[0]
	if h, ok := m.list.Selected(); ok {
		initial = string(h.TriggerID)
	}
	var form *dialog.Form
	be := m.opts.Backend
	form = dialog.NewForm(m.theme, "New hook", "It starts with the point's starter script.",
		[]dialog.Field{{Label: "Name", Placeholder: "my-hook", CharLimit: 128}, {Label: "Extensibility point", Options: ids, Value: initial}},
		func(v []string) error { return validName(strings.TrimSpace(v[0])) },
		func(v []string) tea.Cmd {
			p, _ := trigger.Lookup(v[1])
			h := api.Hook{Name: strings.TrimSpace(v[0]), TriggerID: p.ID, Script: p.Starter, Dependencies: map[string]string{}}
			return func() tea.Msg {
				ctx, cancel := m.callCtx()
				defer cancel()
				created, err := be.CreateHook(ctx, h)
				return formDoneMsg{form: form, hook: created, err: err, what: "created " + h.Name, next: m.afterCreate}
			}
		},
		func() tea.Cmd { m.closeDialog(); return nil })
	m.dialog = form
	m.sizeDialog()
	return nil
}

// afterCreate opens the new hook and offers to enable it when its point has no enabled hook.
func (m *Model) afterCreate(h api.Hook) tea.Cmd {
	hooks := append(m.list.Hooks(), h)
	m.list.SetHooks(hooks)
	m.list.Select(h.ID)
	cmd := m.open(h)
	for _, o := range hooks {
		if o.TriggerID == h.TriggerID && o.Enabled {
			return cmd
		}
	}
	m.dialog = dialog.NewQuestion(m.theme, "Enable "+h.Name+"?",
		"No hook of "+string(h.TriggerID)+" is enabled.\nEnable "+h.Name+" now?",
		[]dialog.Choice{{Key: "y", Label: "enable"}, {Key: "n", Label: "leave disabled"}},
		func(k string) tea.Cmd {
			m.closeDialog()
			if k != "y" {
				return nil
			}
			return m.setEnabled(h, true, "enable "+h.Name)
		})
	m.sizeDialog()
	return cmd
}

func (m *Model) setEnabled(h api.Hook, on bool, what string) tea.Cmd {
	be := m.opts.Backend
	return func() tea.Msg {
		ctx, cancel := m.callCtx()
		defer cancel()
		_, err := be.UpdateHook(ctx, h.ID, api.HookUpdate{Enabled: &on})
		if on && errors.Is(err, api.ErrConflict) {
			// Another hook of the point was enabled meanwhile (elsewhere): offer the switch
			// with the tenant's current state.
			if hooks, lerr := be.ListHooks(ctx, api.ListHooksOptions{}); lerr == nil {
				return switchOfferMsg{hookID: h.ID, hooks: hooks}
			}
		}
		return opDoneMsg{what: what, err: err}
	}
}

func (m *Model) renameDialog() tea.Cmd {
	h, ok := m.list.Selected()
	if !ok {
		return nil
	}
	var form *dialog.Form
	be := m.opts.Backend
	form = dialog.NewForm(m.theme, "Rename "+h.Name, "",
		[]dialog.Field{{Label: "New name", Value: h.Name, CharLimit: 128}},
		func(v []string) error { return validName(strings.TrimSpace(v[0])) },
		func(v []string) tea.Cmd {
			name := strings.TrimSpace(v[0])
			return func() tea.Msg {
				ctx, cancel := m.callCtx()
				defer cancel()
				updated, err := be.UpdateHook(ctx, h.ID, api.HookUpdate{Name: &name})
				return formDoneMsg{form: form, hook: updated, err: err, what: "renamed " + h.Name + " to " + name,
					next: func(u api.Hook) tea.Cmd {
						if b := m.buffers[h.ID]; b != nil {
							b.base.Name = name
						}
						return nil
					}}
			}
		},
		func() tea.Cmd { m.closeDialog(); return nil })
	m.dialog = form
	m.sizeDialog()
	return nil
}

func (m *Model) toggleEnabled() tea.Cmd {
	h, ok := m.list.Selected()
	if !ok {
		return nil
	}
	if h.Enabled {
		return m.setEnabled(h, false, "disable "+h.Name)
	}
	var other *api.Hook
	for _, o := range m.list.Hooks() {
		if o.TriggerID == h.TriggerID && o.Enabled && o.ID != h.ID {
			o := o
			other = &o
		}
	}
	if other == nil {
		return m.setEnabled(h, true, "enable "+h.Name)
	}
	o := *other
	m.dialog = dialog.NewQuestion(m.theme, "Switch the enabled hook?",
		o.Name+" is the enabled hook of "+string(h.TriggerID)+"; a point runs one hook.\n"+
			"Switch: disable "+o.Name+", then enable "+h.Name+"?",
		[]dialog.Choice{{Key: "y", Label: "switch"}, {Key: "n", Label: "cancel"}, {Key: "esc", Label: "cancel"}},
		func(k string) tea.Cmd {
			m.closeDialog()
			if k != "y" {
				return nil
			}
			be := m.opts.Backend
			return func() tea.Msg {
				ctx, cancel := m.callCtx()
				defer cancel()
				off, on := false, true
				if _, err := be.UpdateHook(ctx, o.ID, api.HookUpdate{Enabled: &off}); err != nil {
					return opDoneMsg{what: "disable " + o.Name, err: err}
				}
				if _, err := be.UpdateHook(ctx, h.ID, api.HookUpdate{Enabled: &on}); err != nil {
					// Put things back as they were rather than leave the point without a hook.
					if _, rerr := be.UpdateHook(ctx, o.ID, api.HookUpdate{Enabled: &on}); rerr != nil {
						err = fmt.Errorf("%w (and re-enabling %s failed: %v)", err, o.Name, rerr)
					}
					return opDoneMsg{what: "enable " + h.Name, err: err}
				}
				return opDoneMsg{what: "switched " + string(h.TriggerID) + " to " + h.Name}
			}
		})
	m.sizeDialog()
	return nil
}

func (m *Model) deleteDialog() tea.Cmd {
	h, ok := m.list.Selected()
	if !ok {
		return nil
	}
	body := "Delete " + h.Name + " (" + string(h.TriggerID) + ") from the tenant?\nThis cannot be undone."
	if b := m.buffers[h.ID]; b != nil && b.dirty {
		body += "\nIts unsaved changes are lost too."
	}
	m.dialog = dialog.NewQuestion(m.theme, "Delete "+h.Name+"?", body,
		[]dialog.Choice{{Key: "y", Label: "delete"}, {Key: "n", Label: "cancel"}, {Key: "esc", Label: "cancel"}},
		func(k string) tea.Cmd {
			m.closeDialog()
			if k != "y" {
				return nil
			}
			be := m.opts.Backend
			return func() tea.Msg {
				ctx, cancel := m.callCtx()
				defer cancel()
				err := be.DeleteHook(ctx, h.ID)
				return opDoneMsg{what: "delete " + h.Name, err: err, deleted: h.ID}
			}
		})
	m.sizeDialog()
	return nil
}

// ---- secrets ---------------------------------------------------------------------------

func (m *Model) openSecrets() tea.Cmd {
	h, ok := m.list.Selected()
	if !ok {
		return nil
	}
	return m.fetchSecretNames(h.ID, h.Name, true, "", false)
}

func (m *Model) fetchSecretNames(id, name string, open bool, status string, statusErr bool) tea.Cmd {
	be := m.opts.Backend
	return func() tea.Msg {
		ctx, cancel := m.callCtx()
		defer cancel()
		names, err := be.SecretNames(ctx, id)
		return secretsMsg{id: id, name: name, names: names, err: err, open: open, status: status, statusErr: statusErr}
	}
}

func (m *Model) secretsLoaded(msg secretsMsg) tea.Cmd {
	if msg.err != nil && msg.open {
		m.setStatus(statusError, "Could not list the secrets of %s: %s", msg.name, errText(msg.err))
		return nil
	}
	entries := make([]dialog.Entry, len(msg.names))
	for i, n := range msg.names {
		entries[i] = dialog.Entry{Name: n}
	}
	if msg.open {
		id, name := msg.id, msg.name
		be := m.opts.Backend
		m.dialog = dialog.NewList(m.theme, dialog.Secrets, "Secrets of "+name, entries,
			func(sname, value string) tea.Cmd {
				return func() tea.Msg {
					ctx, cancel := m.callCtx()
					defer cancel()
					err := be.SetSecrets(ctx, id, map[string]string{sname: value})
					if err != nil {
						return secretsMsg{id: id, name: name, status: "Could not set " + sname + ": " + errText(err), statusErr: true, names: nil, err: err}
					}
					names, err := be.SecretNames(ctx, id)
					return secretsMsg{id: id, name: name, names: names, err: err, status: "Stored " + sname}
				}
			},
			func(sname string) tea.Cmd {
				return func() tea.Msg {
					ctx, cancel := m.callCtx()
					defer cancel()
					if err := be.DeleteSecrets(ctx, id, []string{sname}); err != nil {
						return secretsMsg{id: id, name: name, status: "Could not remove " + sname + ": " + errText(err), statusErr: true, err: err}
					}
					names, err := be.SecretNames(ctx, id)
					return secretsMsg{id: id, name: name, names: names, err: err, status: "Removed " + sname}
				}
			},
			func() tea.Cmd { m.closeDialog(); return nil })
		m.sizeDialog()
		return nil
	}
	l, ok := m.dialog.(*dialog.List)
	if !ok {
		return nil
	}
	if msg.err == nil {
		l.SetEntries(entries)
	}
	l.SetStatus(msg.status, msg.statusErr || msg.err != nil)
	return nil
}

// ---- dependencies ----------------------------------------------------------------------

func depEntries(deps map[string]string) []dialog.Entry {
	var out []dialog.Entry
	for n, v := range deps {
		out = append(out, dialog.Entry{Name: n, Value: v})
	}
	return out
}

func (m *Model) depsDialog() tea.Cmd {
	h, ok := m.list.Selected()
	if !ok {
		return nil
	}
	id := h.ID
	be := m.opts.Backend
	current := func() map[string]string {
		cur, _ := m.list.Hook(id)
		return maps.Clone(cur.Dependencies)
	}
	update := func(deps map[string]string, what string) tea.Cmd {
		fallback, _ := m.list.Hook(id)
		return func() tea.Msg {
			ctx, cancel := m.callCtx()
			defer cancel()
			updated, err := be.UpdateHook(ctx, id, api.HookUpdate{Dependencies: &deps})
			if err == nil && updated.Dependencies == nil {
				updated.Dependencies = deps
			}
			if updated.ID == "" {
				updated = fallback
				updated.Dependencies = deps
			}
			return depsMsg{hook: updated, err: err, status: what}
		}
	}
	m.dialog = dialog.NewList(m.theme, dialog.Dependencies, "Dependencies of "+h.Name, depEntries(h.Dependencies),
		func(name, version string) tea.Cmd {
			deps := current()
			if deps == nil {
				deps = map[string]string{}
			}
			deps[name] = version
			return update(deps, name+" "+version)
		},
		func(name string) tea.Cmd {
			deps := current()
			delete(deps, name)
			if deps == nil {
				deps = map[string]string{}
			}
			return update(deps, "removed "+name)
		},
		func() tea.Cmd { m.closeDialog(); return nil })
	m.sizeDialog()
	return nil
}

func (m *Model) depsChanged(msg depsMsg) tea.Cmd {
	l, _ := m.dialog.(*dialog.List)
	if msg.err != nil {
		if l != nil {
			l.SetStatus("Could not save: "+errText(msg.err), true)
		}
		m.setStatus(statusError, "Could not change the dependencies: %s", errText(msg.err))
		return nil
	}
	hooks := m.list.Hooks()
	for i := range hooks {
		if hooks[i].ID == msg.hook.ID {
			hooks[i].Dependencies = msg.hook.Dependencies
		}
	}
	m.list.SetHooks(hooks)
	if b := m.buffers[msg.hook.ID]; b != nil {
		b.base.Dependencies = msg.hook.Dependencies
	}
	if l != nil {
		l.SetEntries(depEntries(msg.hook.Dependencies))
		l.SetStatus("Saved: "+msg.status, false)
	}
	return m.refresh()
}
