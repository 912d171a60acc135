package app

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/hookterm/hookterm/api"
	"github.com/hookterm/hookterm/trigger"
	"github.com/hookterm/hookterm/ui/common"
	"github.com/hookterm/hookterm/ui/drafts"
)

// updating reports whether -update was given: the flag is registered by
// github.com/charmbracelet/x/exp/golden, which teatest imports into this test binary.
func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

type harness struct {
	t       *testing.T
	m       *Model
	be      *fakeBackend
	store   *drafts.Store
	run     *fakeRunPane
	logs    *fakeLogPane
	eds     []*fakeEditor
	quit    bool
	execs   int
	lastCmd tea.Cmd
}

type harnessOpt func(*Options)

func withColor(o *Options) { o.Theme = common.NewTheme(true) }

func newHarness(t *testing.T, be *fakeBackend, store *drafts.Store, w, h int, opts ...harnessOpt) *harness {
	t.Helper()
	hs := &harness{t: t, be: be, store: store, run: &fakeRunPane{}, logs: &fakeLogPane{}}
	o := Options{
		Backend: be,
		NewEditor: func() Editor {
			e := &fakeEditor{}
			hs.eds = append(hs.eds, e)
			return e
		},
		RunPane: hs.run,
		RunResult: func(msg tea.Msg) (RunFinished, bool) {
			f, ok := msg.(fakeFinished)
			return f.rf, ok
		},
		LogPane:      hs.logs,
		Drafts:       store,
		Theme:        common.NewTheme(false),
		PollInterval: -1,
		DraftDelay:   time.Millisecond,
		Now:          func() time.Time { return time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC) },
		Getenv:       func(string) string { return "" },
	}
	for _, f := range opts {
		f(&o)
	}
	hs.m = New(o)
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	hs.drain(hs.m.Init())
	return hs
}

// drain runs commands to completion the way the Bubble Tea runtime would, in one goroutine.
func (h *harness) drain(cmd tea.Cmd) {
	h.t.Helper()
	queue := []tea.Cmd{cmd}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 10000 {
			h.t.Fatal("command loop does not settle")
		}
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case nil:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case tea.QuitMsg:
			h.quit = true
		default:
			// tea.ExecProcess's message: the runtime would run the program; count it.
			if fmtType(msg) == "tea.execMsg" {
				h.execs++
				continue
			}
			_, next := h.m.Update(msg)
			queue = append(queue, next)
		}
	}
}

func (h *harness) send(msg tea.Msg) {
	h.t.Helper()
	_, cmd := h.m.Update(msg)
	h.drain(cmd)
}

// key presses one key, written as Bubble Tea spells it ("ctrl+s", "enter", "R", "space").
func (h *harness) key(k string) {
	h.t.Helper()
	h.send(keyMsg(k))
}

func keyMsg(k string) tea.KeyPressMsg {
	special := map[string]rune{"enter": tea.KeyEnter, "esc": tea.KeyEscape, "tab": tea.KeyTab,
		"backspace": tea.KeyBackspace, "up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft,
		"right": tea.KeyRight, "space": tea.KeySpace, "home": tea.KeyHome, "end": tea.KeyEnd}
	switch {
	case k == "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case strings.HasPrefix(k, "ctrl+"):
		return tea.KeyPressMsg{Code: rune(k[len(k)-1]), Mod: tea.ModCtrl}
	case special[k] != 0:
		msg := tea.KeyPressMsg{Code: special[k]}
		if k == "space" {
			msg.Text = " "
		}
		return msg
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

// typeText types s one key at a time.
func (h *harness) typeText(s string) {
	h.t.Helper()
	for _, r := range s {
		if r == '\n' {
			h.key("enter")
			continue
		}
		h.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// screen is the view without escape sequences.
func (h *harness) screen() string { return ansi.Strip(h.m.View().Content) }

func (h *harness) wantScreen(sub string) {
	h.t.Helper()
	if s := h.screen(); !strings.Contains(s, sub) {
		h.t.Fatalf("screen lacks %q:\n%s", sub, s)
	}
}

func (h *harness) dontWantScreen(sub string) {
	h.t.Helper()
	if s := h.screen(); strings.Contains(s, sub) {
		h.t.Fatalf("screen shows %q:\n%s", sub, s)
	}
}

// golden compares the view with testdata/name.golden (plain text, or the raw escape
// sequences for raw=true); go test -update rewrites it.
func (h *harness) golden(name string, raw bool) {
	h.t.Helper()
	got := h.screen()
	if raw {
		got = h.m.View().Content
	}
	path := filepath.Join("testdata", name+".golden")
	if updating() {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			h.t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			h.t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		h.t.Fatalf("read golden (run go test -update to create it): %v", err)
	}
	if string(want) != got {
		h.t.Fatalf("view differs from %s:\n--- want\n%s\n--- got\n%s", path, want, got)
	}
}

// checkGeometry asserts the view is exactly w×h cells.
func (h *harness) checkGeometry(w, ht int) {
	h.t.Helper()
	lines := strings.Split(h.screen(), "\n")
	if len(lines) != ht {
		h.t.Fatalf("view has %d lines, want %d", len(lines), ht)
	}
	for i, l := range lines {
		if got := ansi.StringWidth(l); got != w {
			h.t.Fatalf("line %d is %d cells wide, want %d: %q", i, got, w, l)
		}
	}
}

func sampleHooks() []api.Hook {
	return []api.Hook{
		{ID: "h1", Name: "add-claims", TriggerID: trigger.CredentialsExchange, Enabled: true,
			Script:       "module.exports = function (client, scope, audience, context, cb) {\n  cb(null, {});\n};\n",
			Dependencies: map[string]string{"lodash": "4.17.21"}},
		{ID: "h2", Name: "deny-partners", TriggerID: trigger.CredentialsExchange,
			Script: "module.exports = function (c, s, a, ctx, cb) { cb(null, {}); };\n"},
		{ID: "h3", Name: "check-email", TriggerID: trigger.PreUserRegistration, Enabled: true,
			Script: "module.exports = function (user, context, cb) { cb(null, {}); };\n"},
		{ID: "h4", Name: "welcome-mail", TriggerID: trigger.PostUserRegistration,
			Script: "module.exports = function (user, context, cb) { cb(); };\n"},
	}
}
