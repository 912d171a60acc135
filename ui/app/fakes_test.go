package app

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/hookterm/hookterm/api"
	"github.com/hookterm/hookterm/runner"
	"github.com/hookterm/hookterm/ui/editor"
)

// fakeBackend is an in-memory tenant with the API's rules that the TUI relies on.
type fakeBackend struct {
	mu      sync.Mutex
	hooks   map[string]api.Hook
	secrets map[string]map[string]string
	nextID  int
	target  api.Target
	updates []api.HookUpdate // every PATCH body, to check only changed fields are sent
	records []api.RunRecord
	// failUpdate, when set, makes UpdateHook fail with it.
	failUpdate  error
	failList    error
	failSecrets error
}

func newFakeBackend(hooks ...api.Hook) *fakeBackend {
	f := &fakeBackend{hooks: map[string]api.Hook{}, secrets: map[string]map[string]string{},
		target: api.Target{Kind: api.TargetEmbedded, Display: "/data/hookterm"}}
	for _, h := range hooks {
		f.hooks[h.ID] = h
	}
	return f
}

func (f *fakeBackend) ListHooks(ctx context.Context, _ api.ListHooksOptions) ([]api.Hook, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.failList != nil {
		return nil, f.failList
	}
	out := slices.Collect(maps.Values(f.hooks))
	slices.SortFunc(out, func(a, b api.Hook) int { return strings.Compare(a.ID, b.ID) })
	return out, nil
}

func (f *fakeBackend) GetHook(ctx context.Context, id string) (api.Hook, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	h, ok := f.hooks[id]
	if !ok {
		return api.Hook{}, &api.Error{StatusCode: 404, Message: "Error: Hook does not exist"}
	}
	return h, nil
}

func (f *fakeBackend) CreateHook(ctx context.Context, h api.Hook) (api.Hook, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, o := range f.hooks {
		if o.Name == h.Name {
			return api.Hook{}, &api.Error{StatusCode: 409, Message: "Hook with the same name already exists."}
		}
	}
	f.nextID++
	h.ID = fmt.Sprintf("new%02d", f.nextID)
	f.hooks[h.ID] = h
	return h, nil
}

func (f *fakeBackend) UpdateHook(ctx context.Context, id string, u api.HookUpdate) (api.Hook, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.updates = append(f.updates, u)
	if f.failUpdate != nil {
		return api.Hook{}, f.failUpdate
	}
	h, ok := f.hooks[id]
	if !ok {
		return api.Hook{}, &api.Error{StatusCode: 404, Message: "Error: Hook does not exist"}
	}
	if u.Enabled != nil && *u.Enabled {
		for _, o := range f.hooks {
			if o.ID != id && o.TriggerID == h.TriggerID && o.Enabled {
				return api.Hook{}, &api.Error{StatusCode: 409, Code: "hook_enabled_conflict", Message: o.Name + " is enabled"}
			}
		}
	}
	if u.Name != nil {
		h.Name = *u.Name
	}
	if u.Script != nil {
		h.Script = *u.Script
	}
	if u.Enabled != nil {
		h.Enabled = *u.Enabled
	}
	if u.Dependencies != nil {
		h.Dependencies = maps.Clone(*u.Dependencies)
	}
	f.hooks[id] = h
	return h, nil
}

func (f *fakeBackend) DeleteHook(ctx context.Context, id string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.hooks, id)
	return nil
}

func (f *fakeBackend) SecretNames(ctx context.Context, id string) ([]string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Sorted(maps.Keys(f.secrets[id])), nil
}

func (f *fakeBackend) SetSecrets(ctx context.Context, id string, s map[string]string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.secrets[id] == nil {
		f.secrets[id] = map[string]string{}
	}
	maps.Copy(f.secrets[id], s)
	return nil
}

func (f *fakeBackend) DeleteSecrets(ctx context.Context, id string, names []string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, n := range names {
		delete(f.secrets[id], n)
	}
	return nil
}

func (f *fakeBackend) SecretValues(ctx context.Context, id string) (map[string]string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if !f.target.IsLocal() {
		return nil, api.ErrNoSecretValues
	}
	if f.failSecrets != nil {
		return nil, f.failSecrets
	}
	return maps.Clone(f.secrets[id]), nil
}

func (f *fakeBackend) RecordRun(ctx context.Context, rec api.RunRecord) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.records = append(f.records, rec)
	return nil
}

func (f *fakeBackend) Target() api.Target { return f.target }

// edit changes a stored hook behind the TUI's back (another hookterm, the API).
func (f *fakeBackend) edit(id string, fn func(*api.Hook)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	h := f.hooks[id]
	fn(&h)
	f.hooks[id] = h
}

func (f *fakeBackend) hook(id string) api.Hook {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.hooks[id]
}

// fakeEditor is a one-line-at-a-time text buffer: printable keys append, enter adds a
// newline, backspace deletes. It stands in for ui/editor.
type fakeEditor struct {
	panicOn       string // a key that makes Update panic, to test recovery
	text          string
	version       uint64
	width, height int
	focused       bool
	gotoLine      int
	diag          *editor.Diagnostic
}

func (e *fakeEditor) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if e.panicOn != "" && msg.String() == e.panicOn {
			panic("fake editor bug")
		}
		switch {
		case msg.String() == "enter":
			e.text += "\n"
		case msg.String() == "backspace":
			if e.text != "" {
				e.text = e.text[:len(e.text)-1]
			}
		case msg.Text != "":
			e.text += msg.Text
		default:
			return nil
		}
		e.version++
	case tea.PasteMsg:
		e.text += msg.Content
		e.version++
	}
	return nil
}

func (e *fakeEditor) View() string {
	lines := strings.Split(e.text, "\n")
	for i := range lines {
		lines[i] = fmt.Sprintf("%3d %s", i+1, lines[i])
	}
	return strings.Join(lines, "\n")
}
func (e *fakeEditor) SetSize(w, h int)       { e.width, e.height = w, h }
func (e *fakeEditor) Focus()                 { e.focused = true }
func (e *fakeEditor) Blur()                  { e.focused = false }
func (e *fakeEditor) SetContent(s string)    { e.text = s; e.version++ }
func (e *fakeEditor) Content() string        { return e.text }
func (e *fakeEditor) Version() uint64        { return e.version }
func (e *fakeEditor) GotoLine(line, col int) { e.gotoLine = line }
func (e *fakeEditor) SetDiagnostic(d *editor.Diagnostic) {
	e.diag = d
}
func (e *fakeEditor) Cursor() *tea.Cursor      { return tea.NewCursor(4, strings.Count(e.text, "\n")) }
func (e *fakeEditor) ShortHelp() []key.Binding { return nil }
func (e *fakeEditor) FullHelp() [][]key.Binding {
	return [][]key.Binding{{key.NewBinding(key.WithKeys("tab"))}}
}

// fakeRunPane records the runs it was asked for and finishes them at once.
type fakeRunPane struct {
	reqs    []RunRequest
	report  *runner.Report
	err     error
	focused bool
}

type fakeFinished struct{ rf RunFinished }

func (p *fakeRunPane) StartRun(req RunRequest) tea.Cmd {
	p.reqs = append(p.reqs, req)
	r, err := p.report, p.err
	return func() tea.Msg {
		return fakeFinished{RunFinished{HookID: req.HookID, Report: r, Err: err, Saved: req.Saved}}
	}
}
func (p *fakeRunPane) Update(tea.Msg) tea.Cmd    { return nil }
func (p *fakeRunPane) View() string              { return "Run · " + fmt.Sprint(len(p.reqs)) + " runs" }
func (p *fakeRunPane) SetSize(int, int)          {}
func (p *fakeRunPane) Focus()                    { p.focused = true }
func (p *fakeRunPane) Blur()                     { p.focused = false }
func (p *fakeRunPane) ShortHelp() []key.Binding  { return nil }
func (p *fakeRunPane) FullHelp() [][]key.Binding { return nil }

// fakeLogPane collects the runs appended to it.
type fakeLogPane struct {
	hidden   bool
	appended []string
}

func (p *fakeLogPane) Init() tea.Cmd          { return nil }
func (p *fakeLogPane) SetHidden(h bool)       { p.hidden = h }
func (p *fakeLogPane) Unread() int            { return len(p.appended) }
func (p *fakeLogPane) Update(tea.Msg) tea.Cmd { return nil }
func (p *fakeLogPane) View() string           { return "Logs · " + strings.Join(p.appended, ", ") }
func (p *fakeLogPane) SetSize(int, int)       {}
func (p *fakeLogPane) Focus()                 {}
func (p *fakeLogPane) Blur()                  {}
func (p *fakeLogPane) AppendRunLogs(name string, r *runner.Report) {
	p.appended = append(p.appended, name)
}
func (p *fakeLogPane) ShortHelp() []key.Binding  { return nil }
func (p *fakeLogPane) FullHelp() [][]key.Binding { return nil }
