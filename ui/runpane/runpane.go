// Package runpane is the TUI's run pane: it runs the editor's buffer — saved or not — through
// a runner.Runner with one of the hook's named payloads and the hook's secrets, and shows the
// outcome: ok or error and the duration, the result as highlighted JSON, what Auth0 would
// apply, the console lines with their levels, and a script error's name, message and place.
// The payload is edited in the pane and validated as it is typed.
package runpane

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/hookterm/hookterm/runner"
	"github.com/hookterm/hookterm/trigger"
	"github.com/hookterm/hookterm/ui/common"
	"github.com/hookterm/hookterm/ui/payloads"
)

// Options configure a run pane.
type Options struct {
	// Runner runs the scripts; nil makes every run fail with a clear message.
	Runner runner.Runner
	// Payloads stores the named payloads; nil keeps only the points' samples.
	Payloads *payloads.Store
	// Timeout bounds each run; 0 leaves the runner's default (Auth0's 20 s).
	Timeout time.Duration
	// Context is the parent of every run's context, so that quitting the program cancels a
	// run still in flight; nil means context.Background().
	Context context.Context
	// NoColor selects PlainStyles (NO_COLOR, --no-color); Styles, when set, wins over both.
	NoColor bool
	Styles  *Styles
}

// RunRequest is what the root model hands over on ctrl+r.
type RunRequest struct {
	HookID, HookName string
	Trigger          trigger.ID
	// Script is the editor's buffer, saved or not.
	Script string
	// Secrets become context.webtask.secrets. Values are never shown.
	Secrets map[string]string
	// Missing names the hook's secrets whose values are unknown (a remote tenant): the run
	// goes ahead without them and the pane says so.
	Missing []string
	// Saved is true when Script is what the tenant holds.
	Saved bool
}

// FinishedMsg is the result of a run started by StartRun. The root routes it back to the
// pane (and uses it: an error's line moves the editor, a saved run is recorded).
type FinishedMsg struct {
	HookID string
	Report *runner.Report
	// Err is set when the script could not run: a *runner.PayloadError, context.Canceled
	// after ctrl+c, or the runner's own failure.
	Err   error
	Saved bool
	// HookName and Payload name what ran, for labels and the log pane.
	HookName string
	Payload  string
	// pretty is the result indented and highlighted, prepared on the run's goroutine for
	// large results so that the UI goroutine does not lex them.
	pretty []string
	// run identifies the StartRun call, so that a result the pane no longer waits for is
	// never shown as the current one. Zero (a message built elsewhere) is accepted.
	run uint64
}

// Model is the run pane. It implements common.Component.
type Model struct {
	opts   Options
	styles Styles
	keys   KeyMap

	width, height int
	focused       bool

	// The hook whose payloads and last result are shown.
	hookID string
	trig   trigger.ID

	list []payloads.Named
	sel  int
	// edits holds payload text changed in the pane but not saved, per hook and payload name,
	// so that moving between payloads (or hooks) never throws typing away.
	edits map[string]map[string]string
	// selected remembers the chosen payload per hook.
	selected map[string]string

	editor  textarea.Model
	editing bool
	// valid is the current payload text's validation result (nil when it is a JSON object).
	valid error

	naming     bool // the "save payload as" prompt is open
	name       textinput.Model
	confirmDel bool

	output viewport.Model

	// The run in flight.
	running    bool
	cancelling bool
	cancel     context.CancelFunc
	seq        uint64
	runReq     RunRequest
	runPayload string

	// results holds the last outcome per hook, so a late result for another hook waits there
	// instead of replacing what is on screen.
	results map[string]*outcome

	status    string
	statusErr bool
}

var _ common.Component = (*Model)(nil)

// outcome is one finished run, with what is needed to draw it.
type outcome struct {
	msg     FinishedMsg
	missing []string
}

// New returns a run pane with nothing selected; SetHook picks the hook.
func New(opts Options) *Model {
	st := DefaultStyles()
	if opts.NoColor {
		st = PlainStyles()
	}
	if opts.Styles != nil {
		st = *opts.Styles
	}
	if opts.Context == nil {
		opts.Context = context.Background()
	}
	m := &Model{
		opts:     opts,
		styles:   st,
		keys:     DefaultKeyMap(),
		edits:    map[string]map[string]string{},
		selected: map[string]string{},
		results:  map[string]*outcome{},
		editor:   newPayloadEditor(st),
		name:     textinput.New(),
		output:   viewport.New(),
	}
	m.name.Prompt = "save payload as: "
	m.name.CharLimit = payloads.MaxNameLen
	// The pane's own keys drive the viewport, so that j/k do not also scroll it twice.
	m.output.KeyMap = viewport.KeyMap{}
	return m
}

func newPayloadEditor(st Styles) textarea.Model {
	ta := textarea.New()
	ta.ShowLineNumbers = true
	ta.Prompt = ""
	ta.MaxHeight = 0
	ta.CharLimit = 0
	s := textarea.DefaultDarkStyles()
	for _, state := range []*textarea.StyleState{&s.Focused, &s.Blurred} {
		state.Base = st.Dim.UnsetForeground()
		state.Text = st.JSONPunct
		state.LineNumber = st.Dim
		state.CursorLineNumber = st.Dim
		state.CursorLine = st.JSONPunct
		state.EndOfBuffer = st.Dim
		state.Placeholder = st.Dim
		state.Prompt = st.Dim
	}
	// A steady cursor: blinking would need a timer running even when nothing changes. No
	// colour: plain reverse video shows on dark and light terminals alike.
	s.Cursor.Blink = false
	s.Cursor.Color = nil
	ta.SetStyles(s)
	ta.Placeholder = "{ … }"
	return ta
}

// SetHook selects the hook whose payloads and last result are shown. It is cheap to call
// again with the same hook.
func (m *Model) SetHook(hookID string, trig trigger.ID) {
	if hookID == m.hookID && trig == m.trig && m.list != nil {
		return
	}
	m.stashEdit()
	m.hookID, m.trig = hookID, trig
	m.confirmDel, m.naming = false, false
	m.reloadPayloads(m.selected[hookID])
	m.refreshOutput(true)
}

// HookID is the hook currently shown.
func (m *Model) HookID() string { return m.hookID }

// Running reports whether a run is in flight (until its FinishedMsg arrives).
func (m *Model) Running() bool { return m.running }

// Editing reports whether the payload editor or the name prompt has the keyboard: the root
// must then forward single-letter keys, esc and tab-less typing to the pane.
func (m *Model) Editing() bool { return m.editing || m.naming }

// Cancel stops the run in flight; its FinishedMsg still arrives, carrying context.Canceled.
func (m *Model) Cancel() {
	if !m.running || m.cancel == nil {
		return
	}
	m.cancel()
	m.cancelling = true
	m.setStatus("cancelling the run…", false)
}

// StartRun runs req.Script with the selected payload. It returns nil (and says why in the
// pane) when it cannot start: another run in flight, no runner, or an invalid payload.
func (m *Model) StartRun(req RunRequest) tea.Cmd {
	if req.HookID != m.hookID || req.Trigger != m.trig {
		m.SetHook(req.HookID, req.Trigger)
	}
	if m.running {
		m.setStatus("a run is already in progress — ctrl+c in the run pane cancels it", true)
		return nil
	}
	if m.opts.Runner == nil {
		m.setStatus("cannot run: no runner is available", true)
		return nil
	}
	if len(m.list) == 0 {
		m.setStatus(fmt.Sprintf("cannot run: %q is not an extensibility point", req.Trigger), true)
		return nil
	}
	payload := m.currentText()
	if err := payloads.ValidateJSON(payload); err != nil {
		m.valid = err
		m.setStatus(fmt.Sprintf("not run: payload %q is not valid — %v (e edits it, [ ] picks another)", m.list[m.sel].Name, err), true)
		return nil
	}
	ctx, cancel := context.WithCancel(m.opts.Context)
	m.seq++
	m.running, m.cancelling, m.cancel = true, false, cancel
	m.runReq = req
	m.runPayload = m.list[m.sel].Name
	m.setStatus("", false)

	run, r := m.seq, m.opts.Runner
	rr := runner.Request{
		Script:   req.Script,
		Filename: scriptFilename(req.HookName),
		Trigger:  req.Trigger,
		Payload:  json.RawMessage(payload),
		Secrets:  req.Secrets,
		Timeout:  m.opts.Timeout,
	}
	name, st := m.runPayload, m.styles
	// The runner masks secret values in every part of its report ([secret NAME]); the pane
	// shows and hands on the report as it is.
	return func() tea.Msg {
		rep, err := r.Run(ctx, rr)
		if err != nil && ctx.Err() != nil && !errors.Is(err, context.Canceled) {
			err = fmt.Errorf("%w: %w", context.Canceled, err)
		}
		msg := FinishedMsg{HookID: req.HookID, HookName: req.HookName, Payload: name, Report: rep, Err: err, Saved: req.Saved, run: run}
		if rep != nil && len(rep.Result) > prettyAhead {
			msg.pretty = highlightJSON(prettyJSON(rep.Result), st)
		}
		return msg
	}
}

// prettyAhead is the result size above which the run's goroutine prepares the highlighted
// result: no pane is wide enough to show such a result on one line.
const prettyAhead = 1024

// scriptFilename names the script in stacks the way the user knows it.
func scriptFilename(hookName string) string {
	if hookName == "" {
		return "hook.js"
	}
	return strings.ReplaceAll(hookName, " ", "-") + ".js"
}

// Update handles the pane's messages and, when focused, its keys.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case FinishedMsg:
		m.finish(msg)
		return nil
	case tea.MouseWheelMsg:
		if !m.editing {
			var cmd tea.Cmd
			m.output, cmd = m.output.Update(msg)
			return cmd
		}
	}
	if !m.focused {
		return nil
	}
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return m.handleKey(msg)
	case tea.PasteMsg:
		if m.naming {
			var cmd tea.Cmd
			m.name, cmd = m.name.Update(msg)
			return cmd
		}
		if m.editing {
			return m.updateEditor(msg)
		}
	}
	return nil
}

func (m *Model) finish(msg FinishedMsg) {
	if msg.run != 0 {
		if msg.run != m.seq {
			return // a run the pane stopped waiting for
		}
		m.running, m.cancelling = false, false
		if m.cancel != nil {
			m.cancel()
			m.cancel = nil
		}
	}
	o := &outcome{msg: msg}
	if msg.run != 0 && msg.run == m.seq {
		o.missing = append([]string(nil), m.runReq.Missing...)
	}
	m.results[msg.HookID] = o
	if msg.HookID == m.hookID {
		m.setStatus("", false)
		m.refreshOutput(true)
		if m.editing {
			// Show the outcome: the run was asked for to see it.
			m.editing = false
			m.editor.Blur()
		}
		return
	}
	name := msg.HookName
	if name == "" {
		name = msg.HookID
	}
	m.setStatus(fmt.Sprintf("the run of %s finished (%s) — select that hook to see it", name, verdict(msg)), false)
}

func verdict(msg FinishedMsg) string {
	switch {
	case errors.Is(msg.Err, context.Canceled):
		return "cancelled"
	case msg.Err != nil:
		return "not run"
	case msg.Report != nil && msg.Report.OK:
		return "ok"
	default:
		return "error"
	}
}

func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	if m.running && key.Matches(msg, m.keys.Cancel) {
		m.Cancel()
		return nil
	}
	if m.naming {
		switch {
		case key.Matches(msg, m.keys.Confirm):
			m.saveAs(m.name.Value())
			return nil
		case key.Matches(msg, m.keys.CancelForm):
			m.naming = false
			m.name.Blur()
			m.setStatus("", false)
			return nil
		}
		var cmd tea.Cmd
		m.name, cmd = m.name.Update(msg)
		return cmd
	}
	if m.confirmDel {
		m.confirmDel = false
		if msg.String() == "y" {
			m.deleteSelected()
		} else {
			m.setStatus("kept", false)
		}
		return nil
	}
	if m.editing {
		if key.Matches(msg, m.keys.DoneEdit) {
			m.editing = false
			m.editor.Blur()
			return nil
		}
		return m.updateEditor(msg)
	}
	switch {
	case key.Matches(msg, m.keys.Prev):
		m.selectPayload(m.sel - 1)
	case key.Matches(msg, m.keys.Next):
		m.selectPayload(m.sel + 1)
	case key.Matches(msg, m.keys.Edit):
		if len(m.list) > 0 {
			m.editing = true
			m.setStatus("", false)
			return m.editor.Focus()
		}
	case key.Matches(msg, m.keys.SaveAs):
		if len(m.list) > 0 {
			m.naming = true
			cur := m.list[m.sel]
			if cur.Sample {
				m.name.SetValue("")
			} else {
				m.name.SetValue(cur.Name)
			}
			m.name.CursorEnd()
			m.setStatus("", false)
			return m.name.Focus()
		}
	case key.Matches(msg, m.keys.Delete):
		if len(m.list) > 0 && !m.list[m.sel].Sample {
			m.confirmDel = true
			m.setStatus(fmt.Sprintf("delete payload %q? y deletes, any other key keeps it", m.list[m.sel].Name), false)
		} else if len(m.list) > 0 {
			m.setStatus("the point's sample payload cannot be deleted", true)
		}
	case key.Matches(msg, m.keys.Revert):
		m.revert()
	case key.Matches(msg, m.keys.Up):
		m.output.ScrollUp(1)
	case key.Matches(msg, m.keys.Down):
		m.output.ScrollDown(1)
	case key.Matches(msg, m.keys.PageUp):
		m.output.PageUp()
	case key.Matches(msg, m.keys.PageDown):
		m.output.PageDown()
	case key.Matches(msg, m.keys.Top):
		m.output.GotoTop()
	case key.Matches(msg, m.keys.Bottom):
		m.output.GotoBottom()
	}
	return nil
}

func (m *Model) updateEditor(msg tea.Msg) tea.Cmd {
	before := m.editor.Value()
	var cmd tea.Cmd
	m.editor, cmd = m.editor.Update(msg)
	if after := m.editor.Value(); after != before {
		m.recordEdit(after)
	}
	return cmd
}

// recordEdit keeps the typed text and validates it, as the user types.
func (m *Model) recordEdit(text string) {
	if len(m.list) == 0 {
		return
	}
	name := m.list[m.sel].Name
	if m.edits[m.hookID] == nil {
		m.edits[m.hookID] = map[string]string{}
	}
	if text == m.list[m.sel].JSON {
		delete(m.edits[m.hookID], name)
	} else {
		m.edits[m.hookID][name] = text
	}
	m.valid = payloads.ValidateJSON(text)
}

// stashEdit is a no-op today (edits are recorded as they are typed); it exists so that
// leaving a hook has one place to flush anything typed but not yet recorded.
func (m *Model) stashEdit() {
	if m.editing {
		m.recordEdit(m.editor.Value())
	}
}

func (m *Model) currentText() string {
	if len(m.list) == 0 {
		return ""
	}
	if t, ok := m.edits[m.hookID][m.list[m.sel].Name]; ok {
		return t
	}
	return m.list[m.sel].JSON
}

func (m *Model) modified(name string) bool {
	_, ok := m.edits[m.hookID][name]
	return ok
}

func (m *Model) reloadPayloads(want string) {
	m.list, m.sel = nil, 0
	if m.hookID == "" {
		m.loadEditor()
		return
	}
	var err error
	if m.opts.Payloads != nil {
		m.list, err = m.opts.Payloads.List(m.hookID, m.trig)
	} else if p, ok := trigger.Lookup(string(m.trig)); ok {
		m.list = []payloads.Named{{Name: payloads.SampleName, JSON: p.Sample, Sample: true}}
	} else {
		err = fmt.Errorf("unknown extensibility point %q", m.trig)
	}
	if err != nil {
		m.setStatus(fmt.Sprintf("payloads: %v", err), true)
	}
	for i, p := range m.list {
		if p.Name == want {
			m.sel = i
		}
	}
	m.loadEditor()
}

func (m *Model) loadEditor() {
	text := m.currentText()
	m.editor.SetValue(text)
	m.editor.MoveToBegin()
	if len(m.list) == 0 {
		m.valid = nil
		return
	}
	m.valid = payloads.ValidateJSON(text)
	m.selected[m.hookID] = m.list[m.sel].Name
}

func (m *Model) selectPayload(i int) {
	if len(m.list) == 0 {
		return
	}
	m.sel = (i + len(m.list)) % len(m.list)
	m.loadEditor()
	m.setStatus("", false)
}

func (m *Model) saveAs(name string) {
	name = strings.TrimSpace(name)
	if m.opts.Payloads == nil {
		m.setStatus("payloads cannot be saved: no data folder", true)
		return
	}
	if err := payloads.ValidateName(name); err != nil {
		m.setStatus(err.Error(), true)
		return // the prompt stays open to fix the name
	}
	text := m.currentText()
	from := m.list[m.sel].Name
	if err := m.opts.Payloads.Save(m.hookID, name, text); err != nil {
		m.setStatus(err.Error(), true)
		return
	}
	m.naming = false
	m.name.Blur()
	// The edits now live in the saved payload; the payload they were made on is unchanged.
	delete(m.edits[m.hookID], from)
	delete(m.edits[m.hookID], name)
	m.reloadPayloads(name)
	m.setStatus(fmt.Sprintf("payload saved as %q", name), false)
}

func (m *Model) deleteSelected() {
	if m.opts.Payloads == nil || len(m.list) == 0 {
		return
	}
	name := m.list[m.sel].Name
	if err := m.opts.Payloads.Delete(m.hookID, name); err != nil {
		m.setStatus(err.Error(), true)
		return
	}
	delete(m.edits[m.hookID], name)
	prev := ""
	if m.sel > 0 {
		prev = m.list[m.sel-1].Name
	}
	m.reloadPayloads(prev)
	m.setStatus(fmt.Sprintf("payload %q deleted", name), false)
}

func (m *Model) revert() {
	if len(m.list) == 0 || !m.modified(m.list[m.sel].Name) {
		return
	}
	delete(m.edits[m.hookID], m.list[m.sel].Name)
	m.loadEditor()
	m.setStatus("payload edits undone", false)
}

func (m *Model) setStatus(s string, isErr bool) {
	m.status, m.statusErr = s, isErr
}

// SetSize sets the pane's outer size.
func (m *Model) SetSize(width, height int) {
	if width == m.width && height == m.height {
		return
	}
	m.width, m.height = width, height
	body := max(height-2, 1)
	m.editor.SetWidth(max(width, 1))
	m.editor.SetHeight(body)
	m.name.SetWidth(max(width-len(m.name.Prompt)-1, 1))
	m.output.SetWidth(max(width, 1))
	m.output.SetHeight(body)
	m.refreshOutput(false)
}

// Focus gives the pane the keyboard.
func (m *Model) Focus() {
	m.focused = true
	if m.editing {
		m.editor.Focus()
	}
}

// Blur takes the keyboard away; the payload editor keeps its text and mode.
func (m *Model) Blur() {
	m.focused = false
	m.editor.Blur()
}

// ShortHelp lists the keys that matter now.
func (m *Model) ShortHelp() []key.Binding {
	switch {
	case m.naming:
		return []key.Binding{m.keys.Confirm, m.keys.CancelForm}
	case m.editing:
		return []key.Binding{m.keys.Run, m.keys.DoneEdit}
	case m.running:
		return []key.Binding{m.keys.Cancel, m.keys.Prev, m.keys.Next, m.keys.Edit}
	}
	return []key.Binding{m.keys.Run, m.keys.Prev, m.keys.Next, m.keys.Edit, m.keys.SaveAs}
}

// FullHelp lists the keys the pane takes in its current mode, grouped. The root gives a key
// to the pane when it is listed here, so esc (and anything else the root uses) is listed only
// while the pane really takes it: esc stops editing the payload, otherwise it is the root's
// "back to the list".
func (m *Model) FullHelp() [][]key.Binding {
	switch {
	case m.naming:
		return [][]key.Binding{{m.keys.Confirm, m.keys.CancelForm}}
	case m.editing:
		return [][]key.Binding{{m.keys.Run, m.keys.DoneEdit}}
	}
	run := []key.Binding{m.keys.Run}
	if m.running {
		run = append(run, m.keys.Cancel)
	}
	return [][]key.Binding{
		run,
		{m.keys.Prev, m.keys.Next, m.keys.Edit, m.keys.SaveAs, m.keys.Delete, m.keys.Revert},
		{m.keys.Up, m.keys.Down, m.keys.PageUp, m.keys.PageDown, m.keys.Top, m.keys.Bottom},
	}
}
