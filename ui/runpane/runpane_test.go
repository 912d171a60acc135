package runpane

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/hookterm/hookterm/runner"
	"github.com/hookterm/hookterm/trigger"
	"github.com/hookterm/hookterm/ui/payloads"
)

const (
	hookA = "01HAAAAAAAAAAAAAAAAAAAAAAA"
	hookB = "01HBBBBBBBBBBBBBBBBBBBBBBB"
)

// fakeRunner answers with a fixed report, or blocks until its context ends when block is set,
// and records the requests it was given.
type fakeRunner struct {
	mu      sync.Mutex
	reqs    []runner.Request
	report  *runner.Report
	err     error
	block   bool
	started chan struct{}
}

func (f *fakeRunner) Run(ctx context.Context, req runner.Request) (*runner.Report, error) {
	f.mu.Lock()
	f.reqs = append(f.reqs, req)
	f.mu.Unlock()
	if f.block {
		if f.started != nil {
			close(f.started)
		}
		<-ctx.Done()
		return nil, ctx.Err()
	}
	return f.report, f.err
}

func okReport() *runner.Report {
	return &runner.Report{
		Trigger: trigger.CredentialsExchange,
		OK:      true,
		Result:  json.RawMessage(`{"scope":["read:connections","extra"],"https://example.com/claim":"bar","flag":true,"n":3}`),
		Logs: []runner.LogLine{
			{Level: "log", Message: "hello from the hook"},
			{Level: "warn", Message: "two\nlines"},
		},
		Applied: &runner.Applied{
			Scope:         []string{"read:connections", "extra"},
			ClaimsKept:    map[string]any{"https://example.com/claim": "bar"},
			ClaimsIgnored: []string{"flag", "n"},
			Summary:       "token scope: read:connections extra; 1 claim added",
		},
		DurationMs: 12.34,
	}
}

func newTestPane(t *testing.T, r runner.Runner, noColor bool) (*Model, *payloads.Store) {
	t.Helper()
	store := payloads.NewStore(t.TempDir())
	m := New(Options{Runner: r, Payloads: store, NoColor: noColor})
	m.SetSize(72, 16)
	m.SetHook(hookA, trigger.CredentialsExchange)
	m.Focus()
	return m, store
}

func req(hook string) RunRequest {
	return RunRequest{HookID: hook, HookName: "my hook", Trigger: trigger.CredentialsExchange,
		Script: "module.exports = function (c, s, a, ctx, cb) { cb(null, {}); };"}
}

// run starts a run and delivers its result, as the program would.
func run(t *testing.T, m *Model, r RunRequest) FinishedMsg {
	t.Helper()
	cmd := m.StartRun(r)
	if cmd == nil {
		t.Fatalf("StartRun refused: %s\n%s", m.status, m.View())
	}
	if !m.Running() {
		t.Fatal("Running() is false while the run is in flight")
	}
	msg, ok := cmd().(FinishedMsg)
	if !ok {
		t.Fatalf("the run's command returned %T", msg)
	}
	m.Update(msg)
	return msg
}

func press(m *Model, keys ...string) {
	for _, k := range keys {
		var msg tea.KeyPressMsg
		switch k {
		case "esc":
			msg = tea.KeyPressMsg{Code: tea.KeyEscape}
		case "enter":
			msg = tea.KeyPressMsg{Code: tea.KeyEnter}
		case "backspace":
			msg = tea.KeyPressMsg{Code: tea.KeyBackspace}
		case "ctrl+c":
			msg = tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
		default:
			r := []rune(k)[0]
			msg = tea.KeyPressMsg{Code: r, Text: k}
		}
		m.Update(msg)
	}
}

func typeText(m *Model, s string) {
	for _, r := range s {
		press(m, string(r))
	}
}

func plain(s string) string { return ansi.Strip(s) }

func checkSize(t *testing.T, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) != h {
		t.Fatalf("view has %d lines, want %d:\n%s", len(lines), h, view)
	}
	for i, l := range lines {
		if ansi.StringWidth(l) > w {
			t.Fatalf("line %d is %d cells wide, more than %d: %q", i, ansi.StringWidth(l), w, l)
		}
	}
}

func TestGoldenBeforeAnyRun(t *testing.T) {
	m, _ := newTestPane(t, &fakeRunner{}, true)
	v := m.View()
	checkSize(t, v, 72, 16)
	golden.RequireEqual(t, v)
}

func TestGoldenOKRunPlain(t *testing.T) {
	f := &fakeRunner{report: okReport()}
	m, _ := newTestPane(t, f, true)
	run(t, m, req(hookA))
	v := m.View()
	checkSize(t, v, 72, 16)
	golden.RequireEqual(t, v)
	if len(f.reqs) != 1 || f.reqs[0].Trigger != trigger.CredentialsExchange || f.reqs[0].Filename != "my-hook.js" {
		t.Fatalf("runner got %+v", f.reqs)
	}
	p, _ := trigger.Lookup(string(trigger.CredentialsExchange))
	if string(f.reqs[0].Payload) != p.Sample {
		t.Fatalf("payload sent = %s, want the point's sample", f.reqs[0].Payload)
	}
}

func TestGoldenOKRunColour(t *testing.T) {
	m, _ := newTestPane(t, &fakeRunner{report: okReport()}, false)
	run(t, m, req(hookA))
	golden.RequireEqual(t, m.View())
}

func TestGoldenScriptError(t *testing.T) {
	rep := &runner.Report{
		Trigger: trigger.PreUserRegistration,
		Error: &runner.ScriptError{
			Name: "PreUserRegistrationError", Message: "Denied user registration",
			FriendlyMessage: "You are not allowed to register.", Line: 12, Column: 17, Kind: runner.KindRuntime,
			Stack: "PreUserRegistrationError: Denied user registration\n    at module.exports (my-hook.js:12:17)",
		},
		Logs:       []runner.LogLine{{Level: "error", Message: "denying a@b.c"}},
		DurationMs: 3.5,
	}
	m, _ := newTestPane(t, &fakeRunner{report: rep}, true)
	r := req(hookA)
	r.Trigger = trigger.PreUserRegistration
	r.Missing = []string{"API_KEY"}
	r.Saved = true
	msg := run(t, m, r)
	if msg.Report.Error.Line != 12 || !msg.Saved || msg.HookID != hookA {
		t.Fatalf("FinishedMsg = %+v: the root needs the error line, Saved and the hook id", msg)
	}
	v := m.View()
	checkSize(t, v, 72, 16)
	golden.RequireEqual(t, v)
}

func TestPayloadErrorAndRunnerFailure(t *testing.T) {
	f := &fakeRunner{err: &runner.PayloadError{Trigger: trigger.CredentialsExchange, Message: "scope must be an array"}}
	m, _ := newTestPane(t, f, true)
	run(t, m, req(hookA))
	v := plain(m.View())
	if !strings.Contains(v, "✗ not run") || !strings.Contains(v, "refused before the script ran") || !strings.Contains(v, "scope must be an array") {
		t.Fatalf("payload error not shown:\n%s", v)
	}
	f.err = errors.New("worker crashed")
	run(t, m, req(hookA))
	if v := plain(m.View()); !strings.Contains(v, "could not run") || !strings.Contains(v, "worker crashed") {
		t.Fatalf("runner failure not shown:\n%s", v)
	}
}

func TestInvalidPayloadIsShownAndRefusesTheRun(t *testing.T) {
	f := &fakeRunner{report: okReport()}
	m, _ := newTestPane(t, f, true)
	press(m, "e")
	if !m.Editing() {
		t.Fatal("e should open the payload editor")
	}
	// The cursor is at the start of the sample: a stray character before "{" breaks it.
	typeText(m, "x")
	v := plain(m.View())
	if !strings.Contains(v, "‹sample*›") || !strings.Contains(v, "✗ invalid JSON") || !strings.Contains(v, "line 1, column 1") {
		t.Fatalf("invalid JSON not shown with its place:\n%s", v)
	}
	golden.RequireEqual(t, m.View())
	if cmd := m.StartRun(req(hookA)); cmd != nil {
		t.Fatal("StartRun ran an invalid payload")
	}
	if m.Running() || len(f.reqs) != 0 {
		t.Fatal("a refused run must not start")
	}
	if v := plain(m.View()); !strings.Contains(v, "not run: payload \"sample\" is not valid") {
		t.Fatalf("the refusal is not explained:\n%s", v)
	}
	// Fixing it makes the run go through with the edited text.
	press(m, "backspace")
	typeText(m, "")
	press(m, "esc")
	if m.Editing() {
		t.Fatal("esc should leave the payload editor")
	}
	run(t, m, req(hookA))
	if len(f.reqs) != 1 {
		t.Fatalf("runs = %d", len(f.reqs))
	}
}

func TestEditedPayloadIsSentAndKeptAcrossSelection(t *testing.T) {
	f := &fakeRunner{report: okReport()}
	m, store := newTestPane(t, f, true)
	if err := store.Save(hookA, "other", `{"client":{},"scope":[],"audience":"x"}`); err != nil {
		t.Fatal(err)
	}
	m.SetHook(hookB, trigger.CredentialsExchange) // reload the list from the store
	m.SetHook(hookA, trigger.CredentialsExchange)
	press(m, "]")
	if v := plain(m.View()); !strings.Contains(v, "‹other› 2/2") {
		t.Fatalf("] should select the saved payload:\n%s", v)
	}
	// Type a property in after the opening brace; the edit survives moving to another
	// payload and back, and is what runs.
	press(m, "e")
	m.Update(tea.KeyPressMsg{Code: tea.KeyRight})
	typeText(m, `"context":{},`)
	press(m, "esc", "[")
	if v := plain(m.View()); !strings.Contains(v, "‹sample› 1/2") {
		t.Fatalf("[ should go back to the sample:\n%s", v)
	}
	press(m, "]")
	if v := plain(m.View()); !strings.Contains(v, "‹other*› 2/2") || strings.Contains(v, "invalid") {
		t.Fatalf("the edit of other is lost or invalid:\n%s", v)
	}
	run(t, m, req(hookA))
	if got := string(f.reqs[0].Payload); got != `{"context":{},"client":{},"scope":[],"audience":"x"}` {
		t.Fatalf("payload sent = %s", got)
	}
	// u undoes the edits: the stored text runs again.
	press(m, "u")
	if v := plain(m.View()); !strings.Contains(v, "‹other› 2/2") {
		t.Fatalf("u should undo the payload edits:\n%s", v)
	}
	run(t, m, req(hookA))
	if got := string(f.reqs[1].Payload); got != `{"client":{},"scope":[],"audience":"x"}` {
		t.Fatalf("payload sent after undo = %s", got)
	}
}

func TestSaveAndDeleteNamedPayload(t *testing.T) {
	m, store := newTestPane(t, &fakeRunner{}, true)
	press(m, "w")
	if !m.Editing() {
		t.Fatal("w should open the name prompt (and capture typing)")
	}
	typeText(m, "admin")
	press(m, "enter")
	list, err := store.List(hookA, trigger.CredentialsExchange)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[1].Name != "admin" || list[1].JSON != list[0].JSON {
		t.Fatalf("stored = %+v", list)
	}
	if v := plain(m.View()); !strings.Contains(v, "‹admin› 2/2") || !strings.Contains(v, `payload saved as "admin"`) {
		t.Fatalf("after save:\n%s", v)
	}
	// The reserved name is refused and the prompt stays open.
	press(m, "w")
	for range len("admin") {
		press(m, "backspace")
	}
	typeText(m, "sample")
	press(m, "enter")
	if !m.naming || !strings.Contains(m.status, "reserved") {
		t.Fatalf("saving as sample: naming=%v status=%q", m.naming, m.status)
	}
	press(m, "esc")
	press(m, "x")
	if !strings.Contains(plain(m.View()), `delete payload "admin"?`) {
		t.Fatalf("x should ask first:\n%s", plain(m.View()))
	}
	press(m, "y")
	list, _ = store.List(hookA, trigger.CredentialsExchange)
	if len(list) != 1 {
		t.Fatalf("after delete: %+v", list)
	}
	press(m, "x")
	if !strings.Contains(m.status, "cannot be deleted") {
		t.Fatalf("deleting the sample: %q", m.status)
	}
}

func TestCancelStopsTheRun(t *testing.T) {
	f := &fakeRunner{block: true, started: make(chan struct{})}
	m, _ := newTestPane(t, f, true)
	cmd := m.StartRun(req(hookA))
	if cmd == nil {
		t.Fatal("StartRun refused")
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	<-f.started
	if !m.Running() {
		t.Fatal("not running")
	}
	if !strings.Contains(plain(m.View()), "● running…") {
		t.Fatalf("the header should say it runs:\n%s", plain(m.View()))
	}
	if m.StartRun(req(hookA)) != nil {
		t.Fatal("a second run must be refused while one is in flight")
	}
	press(m, "ctrl+c")
	msg := (<-done).(FinishedMsg)
	if !errors.Is(msg.Err, context.Canceled) {
		t.Fatalf("Err = %v, want context.Canceled", msg.Err)
	}
	m.Update(msg)
	if m.Running() {
		t.Fatal("still running after the cancelled result")
	}
	if v := plain(m.View()); !strings.Contains(v, "■ cancelled") || !strings.Contains(v, "run cancelled") {
		t.Fatalf("cancel not shown:\n%s", v)
	}
}

func TestLateResultForAnotherHookIsKeptThere(t *testing.T) {
	m, _ := newTestPane(t, &fakeRunner{report: okReport()}, true)
	cmd := m.StartRun(req(hookA))
	m.SetHook(hookB, trigger.CredentialsExchange)
	m.Update(cmd())
	v := plain(m.View())
	if strings.Contains(v, "hello from the hook") || strings.Contains(v, "✓ ok") {
		t.Fatalf("hook A's result shown on hook B:\n%s", v)
	}
	if !strings.Contains(v, "the run of my hook finished (ok)") {
		t.Fatalf("the late result is not labelled:\n%s", v)
	}
	m.SetHook(hookA, trigger.CredentialsExchange)
	if v := plain(m.View()); !strings.Contains(v, "✓ ok") {
		t.Fatalf("hook A's result lost:\n%s", v)
	}
}

// The runner masks secret values in its report ([secret NAME]); the pane shows and hands on
// that report as it is. Masking it again corrupted it: a secret "secret" turned the runner's
// "[secret KEY]" into "[••••• KEY]", and a secret "true" turned a result into a JSON string.
func TestMaskedReportIsShownAsIsAndMissingSecretsListed(t *testing.T) {
	rep := okReport()
	rep.Logs = append(rep.Logs, runner.LogLine{Level: "info", Message: "key is [secret KEY]"})
	rep.Applied.ClaimsKept["https://example.com/k"] = "[secret KEY]"
	rep.Applied.ClaimsKept["https://example.com/b"] = true
	// Larger than prettyAhead, so that the run's goroutine prepares it.
	rep.Result = json.RawMessage(`{"token":"[secret KEY]","b":true,"pad":"` + strings.Repeat("p", prettyAhead) + `"}`)
	f := &fakeRunner{report: rep}
	m, _ := newTestPane(t, f, true)
	m.SetSize(72, 40)
	r := req(hookA)
	r.Secrets = map[string]string{"KEY": "secret", "B": "true"}
	r.Missing = []string{"OTHER", "THIRD"}
	run(t, m, r)
	if f.reqs[0].Secrets["KEY"] != "secret" {
		t.Fatal("the secret value must reach the runner")
	}
	msg := m.StartRun(r)().(FinishedMsg)
	if string(msg.Report.Result) != string(rep.Result) || msg.Report.Logs[len(msg.Report.Logs)-1].Message != "key is [secret KEY]" {
		t.Fatalf("the report handed to the root was changed: %s / %+v", msg.Report.Result, msg.Report.Logs)
	}
	m.Update(msg)
	v := plain(m.View())
	if strings.Contains(v, "•") || !strings.Contains(v, "key is [secret KEY]") || !strings.Contains(v, `"token": "[secret KEY]"`) ||
		!strings.Contains(v, `"b": true`) || !strings.Contains(v, "no value for secrets OTHER, THIRD") {
		t.Fatalf("the report is not shown as the runner gave it:\n%s", v)
	}
}

func TestKeysNeedFocusAndSizesHold(t *testing.T) {
	m, _ := newTestPane(t, &fakeRunner{report: okReport()}, true)
	m.Blur()
	press(m, "e")
	if m.Editing() {
		t.Fatal("a blurred pane took a key")
	}
	run(t, m, req(hookA))
	for _, sz := range [][2]int{{80, 24}, {40, 6}, {20, 3}, {30, 1}} {
		m.SetSize(sz[0], sz[1])
		checkSize(t, m.View(), sz[0], sz[1])
	}
	m.Focus()
	m.SetSize(72, 6)
	before := m.output.YOffset()
	press(m, "j", "j")
	if m.output.YOffset() != before+2 {
		t.Fatalf("j did not scroll: %d → %d", before, m.output.YOffset())
	}
	press(m, "g")
	if m.output.YOffset() != 0 {
		t.Fatal("g did not go to the top")
	}
	if len(m.ShortHelp()) == 0 || len(m.FullHelp()) != 3 {
		t.Fatal("help is empty")
	}
}

// The root hands a key to the pane when the pane's help lists it: esc must be listed only
// while the pane uses it, or the pane would swallow the root's "back to the list".
func TestHelpListsEscOnlyWhileEditing(t *testing.T) {
	m, _ := newTestPane(t, &fakeRunner{}, true)
	esc := tea.KeyPressMsg{Code: tea.KeyEscape}
	lists := func() bool {
		for _, g := range m.FullHelp() {
			if key.Matches(esc, g...) {
				return true
			}
		}
		return false
	}
	if lists() {
		t.Fatal("esc is listed while the pane does not use it")
	}
	press(m, "e")
	if !lists() {
		t.Fatal("esc (stop editing) is not listed while editing")
	}
	press(m, "esc", "w")
	if !lists() {
		t.Fatal("esc (cancel) is not listed while naming")
	}
	press(m, "esc")
	if lists() {
		t.Fatal("esc is still listed after the prompt closed")
	}
}

func TestNoRunnerAndUnknownPoint(t *testing.T) {
	m := New(Options{NoColor: true})
	m.SetSize(60, 8)
	if !strings.Contains(plain(m.View()), "Select a hook") {
		t.Fatalf("no hook:\n%s", m.View())
	}
	m.SetHook(hookA, trigger.SendPhoneMessage)
	if m.StartRun(RunRequest{HookID: hookA, Trigger: trigger.SendPhoneMessage}) != nil || !strings.Contains(m.status, "no runner") {
		t.Fatalf("no runner: %q", m.status)
	}
	m = New(Options{Runner: &fakeRunner{}, NoColor: true})
	m.SetSize(60, 8)
	if m.StartRun(RunRequest{HookID: hookA, Trigger: "nope"}) != nil || !strings.Contains(m.status, "not an extensibility point") {
		t.Fatalf("unknown point: %q", m.status)
	}
}

// At 80×24 the root gives the run pane about 51×9: the verdict, the result and the start of
// what Auth0 would apply must still be there.
func TestGoldenSmallPane(t *testing.T) {
	rep := okReport()
	rep.Result = json.RawMessage(`{"scope":["read:connections"]}`)
	m, _ := newTestPane(t, &fakeRunner{report: rep}, false)
	m.SetSize(51, 9)
	run(t, m, req(hookA))
	v := m.View()
	checkSize(t, v, 51, 9)
	for _, want := range []string{"✓ ok", `Result {"scope":["read:connections"]}`, "Auth0 would apply"} {
		if !strings.Contains(plain(v), want) {
			t.Fatalf("%q is not visible at 51×9:\n%s", want, plain(v))
		}
	}
	golden.RequireEqual(t, v)
}

// A FinishedMsg built elsewhere (the root's tests, a replayed result) has no run number: it
// is shown for its hook, and leaves a run in flight alone.
func TestFinishedMsgFromElsewhere(t *testing.T) {
	f := &fakeRunner{block: true, started: make(chan struct{})}
	m, _ := newTestPane(t, f, true)
	cmd := m.StartRun(req(hookA))
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	<-f.started
	m.Update(FinishedMsg{HookID: hookA, Report: okReport(), Payload: "sample"})
	if !m.Running() {
		t.Fatal("an outside result ended the run in flight")
	}
	if v := plain(m.View()); !strings.Contains(v, `"https://example.com/claim": "bar"`) {
		t.Fatalf("the outside result is not shown:\n%s", v)
	}
	m.Cancel()
	m.Update(<-done)
	if m.Running() {
		t.Fatal("the cancelled run is still in flight")
	}
}
