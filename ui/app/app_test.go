package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/hookterm/hookterm/api"
	"github.com/hookterm/hookterm/runner"
	"github.com/hookterm/hookterm/trigger"
	"github.com/hookterm/hookterm/ui/drafts"
	"github.com/hookterm/hookterm/ui/editor"
)

func newStore(t *testing.T) *drafts.Store {
	t.Helper()
	s, err := drafts.Open(filepath.Join(t.TempDir(), "drafts"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestGroupingGolden(t *testing.T) {
	h := newHarness(t, newFakeBackend(sampleHooks()...), newStore(t), 80, 24)
	h.checkGeometry(80, 24)
	h.golden("list_80x24", false)
	s := h.screen()
	// The five points in the spec's order, empty ones saying so.
	last := -1
	for _, p := range trigger.All() {
		i := strings.Index(s, p.Title)
		if i < 0 || i < last {
			t.Fatalf("group %q missing or out of order:\n%s", p.Title, s)
		}
		last = i
	}
	if strings.Count(s, "(no hooks)") != 2 {
		t.Fatalf("want two empty groups:\n%s", s)
	}
	h.wantScreen("● add-claims")
	h.wantScreen("○ deny-partners")

	big := newHarness(t, newFakeBackend(sampleHooks()...), newStore(t), 120, 40)
	big.checkGeometry(120, 40)
	big.golden("list_120x40", false)
}

func TestColorGolden(t *testing.T) {
	h := newHarness(t, newFakeBackend(sampleHooks()...), newStore(t), 80, 24, withColor)
	h.key("enter")
	h.golden("editor_color_80x24", true)
	h.send(tea.WindowSizeMsg{Width: 120, Height: 40})
	h.key("esc")
	h.key("j")
	h.key("space")
	h.golden("switch_color_120x40", true)
}

// TestNoColorHasNoColours: the NO_COLOR theme uses bold, faint and reverse video only.
func TestNoColorHasNoColours(t *testing.T) {
	h := newHarness(t, newFakeBackend(sampleHooks()...), newStore(t), 80, 24)
	h.key("enter")
	h.typeText("x")
	h.key("ctrl+s")
	h.key("esc")
	h.key("d")
	v := h.m.View().Content
	for _, sgr := range []string{"[3", "[9", "[4", "[10", ";3", ";9"} {
		for i := 0; ; {
			j := strings.Index(v[i:], "\x1b"+sgr)
			if j < 0 {
				break
			}
			seq := v[i+j : min(len(v), i+j+8)]
			// [4m is underline, not a colour.
			if !strings.HasPrefix(seq, "\x1b[4m") && !strings.HasPrefix(seq, "\x1b[4;") {
				t.Fatalf("colour sequence %q in the NO_COLOR view", seq)
			}
			i += j + 1
		}
	}
}

func TestFilter(t *testing.T) {
	h := newHarness(t, newFakeBackend(sampleHooks()...), newStore(t), 80, 24)
	h.key("/")
	h.typeText("welc")
	h.dontWantScreen("add-claims")
	h.wantScreen("welcome-mail")
	h.wantScreen("(no match)")
	// Single letters typed into the filter never trigger commands.
	if h.m.dialog != nil || h.quit {
		t.Fatal("typing in the filter ran a command")
	}
	h.key("enter")
	h.golden("filter_80x24", false)
	if sel, _ := h.m.list.Selected(); sel.ID != "h4" {
		t.Fatalf("selected %q, want the only match", sel.ID)
	}
	h.key("esc")
	h.wantScreen("add-claims")
}

func TestOpenEditSave(t *testing.T) {
	be := newFakeBackend(sampleHooks()...)
	store := newStore(t)
	h := newHarness(t, be, store, 80, 24)
	h.key("enter")
	if h.m.focus != paneEditor {
		t.Fatal("enter did not focus the editor")
	}
	// Single-letter keys go to the editor, not to the list's commands.
	h.typeText("// q n d")
	if h.quit || h.m.dialog != nil {
		t.Fatal("letters typed in the editor ran commands")
	}
	h.wantScreen("* unsaved")
	h.wantScreen("add-claims *")
	h.golden("editing_80x24", false)
	if ds, _ := store.List(); len(ds) != 1 || !strings.HasSuffix(ds[0].Script, "// q n d") {
		t.Fatalf("draft not written: %+v", ds)
	}
	h.key("ctrl+s")
	got := be.hook("h1")
	if !strings.HasSuffix(got.Script, "// q n d") {
		t.Fatalf("stored script %q", got.Script)
	}
	u := be.updates[len(be.updates)-1]
	if u.Script == nil || u.Name != nil || u.Enabled != nil || u.Dependencies != nil {
		t.Fatalf("PATCH sent more than the script: %+v", u)
	}
	h.wantScreen("Saved add-claims")
	h.dontWantScreen("* unsaved")
	if ds, _ := store.List(); len(ds) != 0 {
		t.Fatalf("draft not removed on save: %+v", ds)
	}
	h.key("esc")
	if h.m.focus != paneList {
		t.Fatal("esc did not go back to the list")
	}
}

func TestFailedSaveStaysDirty(t *testing.T) {
	be := newFakeBackend(sampleHooks()...)
	store := newStore(t)
	h := newHarness(t, be, store, 80, 24)
	h.key("enter")
	h.typeText("x")
	be.failUpdate = &api.Error{StatusCode: 429, Message: "Global limit has been reached", Hint: "wait a minute and save again"}
	h.key("ctrl+s")
	h.wantScreen("Save of add-claims failed")
	h.wantScreen("* unsaved")
	if !h.m.buffers["h1"].dirty {
		t.Fatal("buffer clean after a failed save")
	}
	if ds, _ := store.List(); len(ds) != 1 {
		t.Fatal("draft lost after a failed save")
	}
	h.golden("save_failed_80x24", false)
	be.failUpdate = nil
	h.key("ctrl+s")
	h.wantScreen("Saved add-claims")
}

func conflictSetup(t *testing.T) (*harness, *fakeBackend) {
	be := newFakeBackend(sampleHooks()...)
	h := newHarness(t, be, newStore(t), 80, 24)
	h.key("enter")
	h.typeText("// mine")
	be.edit("h1", func(x *api.Hook) { x.Script = "// theirs\n" })
	h.key("ctrl+s")
	if h.m.dialog == nil {
		t.Fatal("no conflict dialog")
	}
	h.wantScreen("Save conflict: add-claims")
	h.wantScreen("+// mine")
	h.wantScreen("-// theirs")
	if be.hook("h1").Script != "// theirs\n" {
		t.Fatal("the other change was overwritten")
	}
	return h, be
}

func TestConflictOverwrite(t *testing.T) {
	h, be := conflictSetup(t)
	h.golden("conflict_80x24", false)
	h.key("o")
	if !strings.HasSuffix(be.hook("h1").Script, "// mine") {
		t.Fatalf("overwrite did not save: %q", be.hook("h1").Script)
	}
	h.wantScreen("Saved add-claims")
}

func TestConflictReload(t *testing.T) {
	h, be := conflictSetup(t)
	h.key("r")
	if got := h.m.buffers["h1"].ed.Content(); got != "// theirs\n" {
		t.Fatalf("buffer after reload: %q", got)
	}
	if h.m.buffers["h1"].dirty || be.hook("h1").Script != "// theirs\n" {
		t.Fatal("reload left the buffer dirty or changed the tenant")
	}
}

func TestConflictKeepEditing(t *testing.T) {
	h, be := conflictSetup(t)
	h.key("esc")
	if h.m.dialog != nil || !h.m.buffers["h1"].dirty {
		t.Fatal("keep editing must close the dialog and keep the buffer")
	}
	h.wantScreen("! changed elsewhere")
	// Saving again still refuses to overwrite silently.
	h.key("ctrl+s")
	h.wantScreen("Save conflict")
	if be.hook("h1").Script != "// theirs\n" {
		t.Fatal("second save overwrote the other change")
	}
}

func TestDraftRestoreAfterCrash(t *testing.T) {
	be := newFakeBackend(sampleHooks()...)
	store := newStore(t)
	h := newHarness(t, be, store, 80, 24)
	h.key("j")
	h.key("enter")
	h.typeText("// typed before the crash")
	// The process dies here: no quit, no save. A new TUI starts on the same data folder.
	h2 := newHarness(t, be, store, 80, 24)
	h2.wantScreen("Restore unsaved drafts?")
	h2.wantScreen("deny-partners")
	h2.golden("drafts_offer_80x24", false)
	h2.key("r")
	b := h2.m.buffers["h2"]
	if b == nil || !b.dirty || !strings.HasSuffix(b.ed.Content(), "// typed before the crash") {
		t.Fatalf("draft not restored: %+v", b)
	}
	h2.wantScreen("deny-partners *")
	h2.key("tab")
	h2.key("ctrl+s")
	if !strings.HasSuffix(be.hook("h2").Script, "// typed before the crash") {
		t.Fatal("restored draft not saved")
	}
	if ds, _ := store.List(); len(ds) != 0 {
		t.Fatalf("draft kept after save: %+v", ds)
	}
	// Discard deletes the drafts.
	h3 := newHarness(t, be, store, 80, 24)
	if h3.m.dialog != nil {
		t.Fatal("offered drafts that were saved")
	}
}

func TestDraftRestoreConflictsWithLaterChange(t *testing.T) {
	be := newFakeBackend(sampleHooks()...)
	store := newStore(t)
	h := newHarness(t, be, store, 80, 24)
	h.key("enter")
	h.typeText("// mine")
	be.edit("h1", func(x *api.Hook) { x.Script = "// changed while hookterm was down\n" })
	h2 := newHarness(t, be, store, 80, 24)
	h2.key("r")
	h2.key("tab")
	h2.key("ctrl+s")
	h2.wantScreen("Save conflict")
}

func TestDraftDiscard(t *testing.T) {
	be := newFakeBackend(sampleHooks()...)
	store := newStore(t)
	h := newHarness(t, be, store, 80, 24)
	h.key("enter")
	h.typeText("x")
	h2 := newHarness(t, be, store, 80, 24)
	h2.key("x")
	if ds, _ := store.List(); len(ds) != 0 || len(h2.m.buffers) != 0 {
		t.Fatalf("discard kept %v", ds)
	}
}

func TestQuitWithUnsavedAsks(t *testing.T) {
	be := newFakeBackend(sampleHooks()...)
	store := newStore(t)
	h := newHarness(t, be, store, 80, 24)
	h.key("enter")
	h.typeText("x")
	h.key("ctrl+c")
	if h.quit {
		t.Fatal("quit without asking")
	}
	h.wantScreen("Quit with unsaved changes?")
	h.golden("quit_question_80x24", false)
	h.key("n")
	if h.quit || h.m.dialog != nil {
		t.Fatal("n must stay")
	}
	h.key("esc")
	h.key("q")
	h.wantScreen("Quit with unsaved changes?")
	h.key("y")
	if !h.quit {
		t.Fatal("y must quit")
	}
	if ds, _ := store.List(); len(ds) != 1 {
		t.Fatal("quitting lost the draft")
	}

	clean := newHarness(t, newFakeBackend(sampleHooks()...), newStore(t), 80, 24)
	clean.key("q")
	if !clean.quit {
		t.Fatal("q with nothing unsaved must quit at once")
	}
}

func TestToggleWithSwitchOffer(t *testing.T) {
	be := newFakeBackend(sampleHooks()...)
	h := newHarness(t, be, newStore(t), 80, 24)
	h.key("j") // deny-partners, disabled, while add-claims is enabled
	h.key("space")
	h.wantScreen("Switch the enabled hook?")
	h.golden("switch_offer_80x24", false)
	h.key("y")
	if be.hook("h1").Enabled || !be.hook("h2").Enabled {
		t.Fatalf("switch not done: %+v %+v", be.hook("h1"), be.hook("h2"))
	}
	h.wantScreen("● deny-partners")
	h.wantScreen("○ add-claims")
	// Disabling needs no question.
	h.key("space")
	if be.hook("h2").Enabled || h.m.dialog != nil {
		t.Fatal("disable failed")
	}
	// Enabling with no other enabled hook needs no question either.
	h.key("space")
	if !be.hook("h2").Enabled {
		t.Fatal("enable failed")
	}
}

func TestNewHookFlow(t *testing.T) {
	be := newFakeBackend(sampleHooks()...)
	h := newHarness(t, be, newStore(t), 80, 24)
	h.key("n")
	h.wantScreen("New hook")
	h.typeText("bad name!")
	h.key("enter")
	h.wantScreen("1–128 letters")
	for range "bad name!" {
		h.key("backspace")
	}
	h.typeText("sms-gateway")
	h.key("tab")
	for range 4 {
		h.key("right")
	}
	h.golden("new_hook_80x24", false)
	h.key("enter")
	var created api.Hook
	for _, x := range be.hooks {
		if x.Name == "sms-gateway" {
			created = x
		}
	}
	if created.TriggerID != trigger.SendPhoneMessage {
		t.Fatalf("created %+v", created)
	}
	p, _ := trigger.Lookup(string(trigger.SendPhoneMessage))
	if created.Script != p.Starter {
		t.Fatal("new hook does not start with the point's starter script")
	}
	h.wantScreen("Enable sms-gateway?")
	h.key("y")
	if !be.hook(created.ID).Enabled {
		t.Fatal("not enabled")
	}
	if h.m.current != created.ID {
		t.Fatal("new hook not opened")
	}
	// A duplicate name keeps the form open with the API's reason.
	h.key("esc")
	h.key("n")
	h.typeText("sms-gateway")
	h.key("enter")
	h.wantScreen("same name already exists")
}

func TestSecretsDialogMasksValues(t *testing.T) {
	be := newFakeBackend(sampleHooks()...)
	be.secrets["h1"] = map[string]string{"EXISTING": "old-value-123"}
	h := newHarness(t, be, newStore(t), 80, 24)
	h.key("s")
	h.wantScreen("Secrets of add-claims")
	h.wantScreen("EXISTING")
	h.dontWantScreen("old-value-123")
	h.key("a")
	h.typeText("API_KEY")
	h.key("tab")
	h.typeText("hunter2-very-secret")
	h.dontWantScreen("hunter2")
	h.golden("secrets_form_80x24", false)
	h.key("enter")
	if be.secrets["h1"]["API_KEY"] != "hunter2-very-secret" {
		t.Fatalf("secret not stored: %v", be.secrets["h1"])
	}
	h.wantScreen("API_KEY")
	h.dontWantScreen("hunter2")
	// Change, then remove.
	h.key("c")
	h.typeText("new-value-456")
	h.dontWantScreen("new-value-456")
	h.key("enter")
	if be.secrets["h1"]["API_KEY"] != "new-value-456" {
		t.Fatal("change failed")
	}
	h.key("x")
	h.key("y")
	if _, ok := be.secrets["h1"]["API_KEY"]; ok {
		t.Fatal("remove failed")
	}
	h.key("esc")
	if h.m.dialog != nil {
		t.Fatal("esc did not close")
	}
}

func TestDependenciesDialog(t *testing.T) {
	be := newFakeBackend(sampleHooks()...)
	h := newHarness(t, be, newStore(t), 80, 24)
	h.key("D")
	h.wantScreen("lodash  4.17.21")
	h.key("a")
	h.typeText("axios")
	h.key("tab")
	h.typeText("1.7.0")
	h.key("enter")
	if be.hook("h1").Dependencies["axios"] != "1.7.0" || be.hook("h1").Dependencies["lodash"] != "4.17.21" {
		t.Fatalf("deps %v", be.hook("h1").Dependencies)
	}
	u := be.updates[len(be.updates)-1]
	if u.Dependencies == nil || u.Script != nil || u.Name != nil {
		t.Fatalf("PATCH %+v", u)
	}
	h.key("x")
	h.key("y")
	if _, ok := be.hook("h1").Dependencies["axios"]; ok {
		t.Fatal("remove failed")
	}
}

func TestRenameAndDelete(t *testing.T) {
	be := newFakeBackend(sampleHooks()...)
	store := newStore(t)
	h := newHarness(t, be, store, 80, 24)
	h.key("R")
	for range "add-claims" {
		h.key("backspace")
	}
	h.typeText("claims")
	h.key("enter")
	if be.hook("h1").Name != "claims" {
		t.Fatal("rename failed")
	}
	h.wantScreen("● claims")
	h.key("d")
	h.wantScreen("Delete claims?")
	h.key("n")
	if _, ok := be.hooks["h1"]; !ok {
		t.Fatal("n deleted")
	}
	h.key("d")
	h.key("y")
	if _, ok := be.hooks["h1"]; ok {
		t.Fatal("not deleted")
	}
	h.dontWantScreen("● claims")
}

func TestChangesElsewhereAppear(t *testing.T) {
	be := newFakeBackend(sampleHooks()...)
	h := newHarness(t, be, newStore(t), 80, 24)
	h.key("enter")
	be.edit("h1", func(x *api.Hook) { x.Script = "// new from elsewhere\n" })
	be.hooks["h9"] = api.Hook{ID: "h9", Name: "from-cli", TriggerID: trigger.PostChangePassword}
	h.send(pollTickMsg{})
	h.wantScreen("from-cli")
	if got := h.m.buffers["h1"].ed.Content(); got != "// new from elsewhere\n" {
		t.Fatalf("clean buffer did not follow: %q", got)
	}
	// A dirty buffer is not clobbered: it is marked.
	h.typeText("// mine")
	be.edit("h1", func(x *api.Hook) { x.Script = "// again\n" })
	h.send(pollTickMsg{})
	if got := h.m.buffers["h1"].ed.Content(); !strings.HasSuffix(got, "// mine") {
		t.Fatalf("dirty buffer clobbered: %q", got)
	}
	h.wantScreen("! changed elsewhere")
	// Connection loss shows in the header and the status line, without crashing.
	be.failList = &api.Error{Message: "connection refused", Hint: "is hookterm serve running?"}
	h.send(pollTickMsg{})
	h.wantScreen("offline")
}

func TestRunSavedAndUnsaved(t *testing.T) {
	be := newFakeBackend(sampleHooks()...)
	be.secrets["h1"] = map[string]string{"TOKEN": "t0k"}
	h := newHarness(t, be, newStore(t), 80, 24)
	h.run.report = &runner.Report{OK: false, Error: &runner.ScriptError{Name: "TypeError", Message: "boom", Line: 2, Column: 3, Kind: runner.KindRuntime}}
	h.key("enter")
	h.key("ctrl+r")
	if len(h.run.reqs) != 1 || !h.run.reqs[0].Saved || h.run.reqs[0].Secrets["TOKEN"] != "t0k" {
		t.Fatalf("run request %+v", h.run.reqs)
	}
	if h.eds[0].gotoLine != 2 {
		t.Fatal("editor not moved to the error line")
	}
	if d := h.eds[0].diag; d == nil || d.Line != 2 || d.Column != 3 || d.Message != "TypeError: boom" {
		t.Fatalf("run error not marked in the gutter: %+v", d)
	}
	if len(be.records) != 1 || be.records[0].HookID != "h1" {
		t.Fatalf("saved local run not recorded: %+v", be.records)
	}
	h.wantScreen("TypeError: boom")
	h.typeText("x")
	h.key("ctrl+r")
	if h.run.reqs[1].Saved || !strings.HasSuffix(h.run.reqs[1].Script, "x") {
		t.Fatalf("unsaved run %+v", h.run.reqs[1])
	}
	if len(be.records) != 1 || len(h.logs.appended) != 1 {
		t.Fatal("an unsaved run must go to the log pane, not the tenant")
	}
	// Remote tenants: values missing, the run still happens and says so.
	be.target = api.Target{Kind: api.TargetRemote, Display: "acme.eu.auth0.com"}
	h.key("ctrl+r")
	if got := h.run.reqs[2]; got.Secrets != nil || len(got.Missing) != 1 || got.Missing[0] != "TOKEN" {
		t.Fatalf("remote run %+v", got)
	}
	// A local tenant that fails to give the values: no misleading run without them.
	be.target = api.Target{Kind: api.TargetEmbedded, Display: "/data"}
	be.failSecrets = &api.Error{StatusCode: 403, Message: "Insufficient scope", Hint: "the token needs read:hooks"}
	h.key("ctrl+r")
	if len(h.run.reqs) != 3 {
		t.Fatal("ran without the secrets the tenant has")
	}
	h.wantScreen("secrets could not be read")
}

func TestLogToggleAndFocusCycle(t *testing.T) {
	h := newHarness(t, newFakeBackend(sampleHooks()...), newStore(t), 80, 24)
	h.key("l")
	if h.logs.hidden {
		t.Fatal("log pane still hidden")
	}
	h.wantScreen("Logs")
	h.key("tab")
	if h.m.focus != paneLogs {
		t.Fatalf("focus %v", h.m.focus)
	}
	h.key("shift+tab")
	if h.m.focus != paneList {
		t.Fatalf("focus %v", h.m.focus)
	}
	h.key("l")
	if !h.logs.hidden {
		t.Fatal("log pane not hidden again")
	}
	h.key("?")
	h.wantScreen("Keys")
	h.wantScreen("dependencies")
	h.key("?")
	h.dontWantScreen("Keys  (")
}

func TestResize(t *testing.T) {
	h := newHarness(t, newFakeBackend(sampleHooks()...), newStore(t), 80, 24)
	h.key("enter")
	for _, sz := range [][2]int{{120, 40}, {60, 20}, {200, 60}, {30, 8}, {12, 4}, {80, 24}} {
		h.send(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		h.checkGeometry(sz[0], sz[1])
	}
	h.send(tea.WindowSizeMsg{Width: 30, Height: 8})
	h.wantScreen("needs a")
	h.send(tea.WindowSizeMsg{Width: 120, Height: 40})
	h.golden("editor_120x40", false)
}

func TestMouse(t *testing.T) {
	h := newHarness(t, newFakeBackend(sampleHooks()...), newStore(t), 80, 24)
	// Row 1 is the list title, 2 the first group, 3 add-claims, 4 deny-partners.
	h.send(tea.MouseClickMsg{X: 3, Y: 4, Button: tea.MouseLeft})
	if sel, _ := h.m.list.Selected(); sel.ID != "h2" {
		t.Fatalf("click selected %q", sel.ID)
	}
	h.key("enter")
	h.send(tea.MouseClickMsg{X: 2, Y: 4, Button: tea.MouseLeft})
	if h.m.focus != paneList {
		t.Fatal("click on the list did not focus it")
	}
	h.send(tea.MouseClickMsg{X: 50, Y: 4, Button: tea.MouseLeft})
	if h.m.focus != paneEditor {
		t.Fatal("click on the editor did not focus it")
	}
	if v := h.m.View(); v.Cursor == nil || v.MouseMode != tea.MouseModeCellMotion || !v.AltScreen {
		t.Fatalf("view settings %+v", v)
	}
}

func TestExternalEditorReadsBack(t *testing.T) {
	be := newFakeBackend(sampleHooks()...)
	h := newHarness(t, be, newStore(t), 80, 24)
	h.m.opts.Getenv = func(k string) string {
		if k == "HOOKTERM_EDITOR" {
			return "true"
		}
		return ""
	}
	h.key("e")
	if h.execs != 1 {
		t.Fatal("e did not start the external editor")
	}
	// The runtime would run the editor; do what it does to the file, then report back.
	dirs, _ := filepath.Glob(filepath.Join(os.TempDir(), "hookterm-edit-*", "add-claims.js"))
	if len(dirs) == 0 {
		t.Fatal("no temporary add-claims.js")
	}
	path := dirs[len(dirs)-1]
	if err := os.WriteFile(path, []byte("// from vi\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	h.send(externalDoneMsg{id: "h1", dir: filepath.Dir(path), path: path})
	if got := h.m.buffers["h1"].ed.Content(); got != "// from vi\n" || !h.m.buffers["h1"].dirty {
		t.Fatalf("external edit not read back: %q", got)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("temporary file left behind")
	}
	h.send(externalDoneMsg{id: "h1", dir: t.TempDir(), err: errors.New("exit status 1")})
	h.wantScreen("external editor")
}

func TestSnapshotDrawnBeforeTheTenantAnswers(t *testing.T) {
	dir := t.TempDir()
	snap := drafts.OpenSnapshot(dir, "/data/hookterm")
	be := newFakeBackend(sampleHooks()...)
	h := newHarness(t, be, newStore(t), 80, 24, func(o *Options) { o.Snapshot = snap })
	h.key("q")
	// The next start draws the last session's rows at once…
	be.hooks["h9"] = api.Hook{ID: "h9", Name: "added-meanwhile", TriggerID: trigger.PostChangePassword}
	m := New(Options{Backend: be, NewEditor: func() Editor { return &fakeEditor{} }, Snapshot: snap,
		Theme: h.m.opts.Theme, PollInterval: -1})
	h2 := &harness{t: t, m: m, be: be}
	h2.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	h2.wantScreen("deny-partners")
	h2.wantScreen("refreshing")
	h2.dontWantScreen("added-meanwhile")
	// …refuses what needs the tenant's data…
	h2.key("enter")
	h2.wantScreen("Still loading")
	if m.current != "" {
		t.Fatal("opened a hook from the snapshot")
	}
	// …and follows the tenant once it answers.
	h2.drain(m.Init())
	h2.wantScreen("added-meanwhile")
	h2.wantScreen("● connected")
}

// TestWithRealEditor drives the root with ui/editor: typing reaches the buffer, letters do
// not trigger list commands, tab leaves the editor, the cursor is placed inside its pane.
func TestWithRealEditor(t *testing.T) {
	be := newFakeBackend(sampleHooks()...)
	h := newHarness(t, be, newStore(t), 80, 24, func(o *Options) {
		o.NewEditor = func() Editor { return editor.New(editor.Options{Styles: editor.PlainStyles()}) }
	})
	h.key("enter")
	h.typeText("q")
	if h.quit {
		t.Fatal("q in the editor quit")
	}
	if got := h.m.buffers["h1"].ed.Content(); !strings.HasPrefix(got, "qmodule.exports") {
		t.Fatalf("content %q", got[:20])
	}
	h.wantScreen("add-claims *")
	v := h.m.View()
	if v.Cursor == nil || v.Cursor.X < h.m.lay.editor.x || v.Cursor.Y < h.m.lay.editor.y+1 {
		t.Fatalf("cursor %+v outside the editor at %+v", v.Cursor, h.m.lay.editor)
	}
	h.key("ctrl+s")
	if !strings.HasPrefix(be.hook("h1").Script, "qmodule.exports") {
		t.Fatal("not saved")
	}
	h.key("tab")
	if h.m.focus == paneEditor {
		t.Fatal("tab stayed in the editor")
	}
}

func TestUndoToStoredTextClearsTheMarkAndDraft(t *testing.T) {
	store := newStore(t)
	h := newHarness(t, newFakeBackend(sampleHooks()...), store, 80, 24)
	h.key("enter")
	h.typeText("xy")
	h.key("backspace")
	h.key("backspace")
	// The draft tick (1 ms here) settles the exact state.
	if h.m.buffers["h1"].dirty {
		t.Fatal("buffer equal to the stored script still marked unsaved")
	}
	h.dontWantScreen("* unsaved")
	if ds, _ := store.List(); len(ds) != 0 {
		t.Fatalf("draft kept: %+v", ds)
	}
}

func TestPanicInAPaneKeepsTheProgramAndTheDraft(t *testing.T) {
	store := newStore(t)
	h := newHarness(t, newFakeBackend(sampleHooks()...), store, 80, 24)
	h.key("enter")
	h.typeText("precious")
	h.eds[0].panicOn = "!"
	h.key("!")
	h.wantScreen("Internal error")
	if ds, _ := store.List(); len(ds) != 1 || !strings.HasSuffix(ds[0].Script, "precious") {
		t.Fatalf("draft not kept: %+v", ds)
	}
	h.typeText("x")
	if !strings.HasSuffix(h.eds[0].text, "x") {
		t.Fatal("the program stopped handling keys after the panic")
	}
}

func TestMouseWheel(t *testing.T) {
	var hooks []api.Hook
	for i := 0; i < 60; i++ {
		hooks = append(hooks, api.Hook{ID: fmt.Sprintf("w%02d", i), Name: fmt.Sprintf("wheel-%02d", i), TriggerID: trigger.CredentialsExchange})
	}
	h := newHarness(t, newFakeBackend(hooks...), newStore(t), 80, 24)
	h.wantScreen("wheel-00")
	for range 5 {
		h.send(tea.MouseWheelMsg{X: 3, Y: 10, Button: tea.MouseWheelDown})
	}
	h.dontWantScreen("wheel-00")
	h.wantScreen("wheel-20")
	for range 5 {
		h.send(tea.MouseWheelMsg{X: 3, Y: 10, Button: tea.MouseWheelUp})
	}
	h.wantScreen("wheel-00")
}

func TestEnableRaceOffersTheSwitch(t *testing.T) {
	be := newFakeBackend(sampleHooks()...)
	h := newHarness(t, be, newStore(t), 80, 24)
	h.key("j") // deny-partners; add-claims is enabled…
	be.edit("h1", func(x *api.Hook) { x.Enabled = false })
	h.send(pollTickMsg{})
	// …then, elsewhere, enabled again after this TUI last looked.
	be.edit("h1", func(x *api.Hook) { x.Enabled = true })
	h.key("space")
	h.wantScreen("Switch the enabled hook?")
	h.key("y")
	if be.hook("h1").Enabled || !be.hook("h2").Enabled {
		t.Fatal("switch not done")
	}
}

func TestShutdownWritesTheLatestText(t *testing.T) {
	store := newStore(t)
	h := newHarness(t, newFakeBackend(sampleHooks()...), store, 80, 24, func(o *Options) {
		o.DraftDelay = time.Hour // the throttled write never comes
	})
	h.key("enter")
	h.eds[0].text += "// typed just before SIGTERM"
	h.eds[0].version++
	h.m.Shutdown()
	if ds, _ := store.List(); len(ds) != 1 || !strings.HasSuffix(ds[0].Script, "SIGTERM") {
		t.Fatalf("drafts %+v", ds)
	}
}

func TestDraftEqualToStoredScriptIsDroppedSilently(t *testing.T) {
	be := newFakeBackend(sampleHooks()...)
	store := newStore(t)
	h1 := be.hook("h1")
	if err := store.Save(drafts.Draft{HookID: "h1", HookName: h1.Name, Base: "old", Script: h1.Script}); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, be, store, 80, 24)
	if h.m.dialog != nil {
		t.Fatal("offered a draft with nothing unsaved in it")
	}
	if ds, _ := store.List(); len(ds) != 0 {
		t.Fatalf("draft kept: %+v", ds)
	}
}

func TestNameRules(t *testing.T) {
	for _, ok := range []string{"a", "add claims", "A-1 b-2", strings.Repeat("x", 128)} {
		if err := validName(ok); err != nil {
			t.Errorf("%q refused: %v", ok, err)
		}
	}
	for _, bad := range []string{"", " a", "a ", "-a", "a-", "a_b", "a!", strings.Repeat("x", 129)} {
		if validName(bad) == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if got := fileName("add claims/../x"); got != "add-claims-x" {
		t.Errorf("fileName = %q", got)
	}
}

func TestStartsWithoutDraftsAndSaysSo(t *testing.T) {
	h := newHarness(t, newFakeBackend(sampleHooks()...), nil, 80, 24, func(o *Options) {
		o.Drafts = nil
		o.Notice = "Drafts are off: permission denied"
	})
	h.wantScreen("Drafts are off")
	h.key("enter")
	h.typeText("x")
	h.key("ctrl+s")
	h.wantScreen("Saved add-claims")
	h.key("esc")
	h.key("q")
	if !h.quit {
		t.Fatal("q did not quit")
	}
}

func TestCtrlZSuspends(t *testing.T) {
	h := newHarness(t, newFakeBackend(sampleHooks()...), newStore(t), 80, 24)
	h.key("enter") // from the editor too
	_, cmd := h.m.Update(keyMsg("ctrl+z"))
	if cmd == nil {
		t.Fatal("no command")
	}
	if _, ok := cmd().(tea.SuspendMsg); !ok {
		t.Fatal("ctrl+z does not suspend")
	}
	if strings.HasSuffix(h.m.buffers["h1"].ed.Content(), "z") {
		t.Fatal("ctrl+z reached the editor")
	}
}

func TestDeletedElsewhere(t *testing.T) {
	be := newFakeBackend(sampleHooks()...)
	store := newStore(t)
	h := newHarness(t, be, store, 80, 24)
	h.key("enter")
	h.key("esc")
	h.key("j")
	h.key("enter")
	h.typeText("// unsaved in deny-partners")
	// Both open hooks are deleted by someone else.
	be.mu.Lock()
	delete(be.hooks, "h1")
	delete(be.hooks, "h2")
	be.mu.Unlock()
	h.send(pollTickMsg{})
	if _, open := h.m.buffers["h1"]; open {
		t.Fatal("a clean buffer of a deleted hook stays open")
	}
	b := h.m.buffers["h2"]
	if b == nil || !b.stale || !strings.HasSuffix(b.ed.Content(), "deny-partners") {
		t.Fatal("an unsaved buffer of a deleted hook must stay, marked")
	}
	h.wantScreen("deleted elsewhere")
	if ds, _ := store.List(); len(ds) != 1 {
		t.Fatal("its draft is gone")
	}
	// Saving it says why it cannot.
	h.key("ctrl+s")
	h.wantScreen("Save of deny-partners failed")
}

// TestDragInTheEditorSelects: the root forwards a drag's motion and release to the editor
// in the editor's coordinates, so text can be selected with the mouse.
func TestDragInTheEditorSelects(t *testing.T) {
	be := newFakeBackend(sampleHooks()...)
	h := newHarness(t, be, newStore(t), 80, 24, func(o *Options) {
		o.NewEditor = func() Editor { return editor.New(editor.Options{Styles: editor.PlainStyles()}) }
	})
	h.key("enter")
	ed := h.m.lay.editor
	row := ed.y + 1 // the first script line, below the editor's title
	h.send(tea.MouseClickMsg{X: ed.x + 8, Y: row, Button: tea.MouseLeft})
	h.send(tea.MouseMotionMsg{X: ed.x + 14, Y: row, Button: tea.MouseLeft})
	h.send(tea.MouseReleaseMsg{X: ed.x + 14, Y: row, Button: tea.MouseLeft})
	sel, ok := h.m.buffers["h1"].ed.(*editor.Model).Selection()
	if !ok || len(sel) != 6 {
		t.Fatalf("selection after dragging 6 cells = %q, %v", sel, ok)
	}
	firstLine, _, _ := strings.Cut(be.hook("h1").Script, "\n")
	if !strings.Contains(firstLine, sel) {
		t.Fatalf("selection %q is not from the first line %q", sel, firstLine)
	}
}

// TestCancelledRunSaysCancelled: a run the user cancelled is not reported as a run that
// failed to start.
func TestCancelledRunSaysCancelled(t *testing.T) {
	h := newHarness(t, newFakeBackend(sampleHooks()...), newStore(t), 80, 24)
	h.run.err = fmt.Errorf("run hook: %w", context.Canceled)
	h.key("enter")
	h.key("ctrl+r")
	h.wantScreen("Run of add-claims cancelled")
	h.dontWantScreen("failed to start")
}

// A report's column counts UTF-16 units (Node's); the editor's gutter mark counts characters,
// so an emoji before the error moves the mark one character left of the report's column.
func TestRunErrorColumnInCharacters(t *testing.T) {
	be := newFakeBackend(sampleHooks()...)
	h := newHarness(t, be, newStore(t), 80, 24)
	h.key("enter")
	h.eds[0].text = "a\n'😀'.x.y\n"
	h.run.report = &runner.Report{OK: false, Error: &runner.ScriptError{Name: "TypeError", Message: "boom", Line: 2, Column: 6, Kind: runner.KindRuntime}}
	h.key("ctrl+r")
	if d := h.eds[0].diag; d == nil || d.Line != 2 || d.Column != 5 {
		t.Fatalf("gutter mark %+v, want line 2 column 5", d)
	}
}
