package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"unicode/utf8"
)

// The end-to-end flows of the TUI, each against a fresh data folder. They share one build of
// the binary and run one after the other: the machine's cores are better spent on one TUI at
// a time than on waiting screens.
func TestTUI(t *testing.T) {
	bin := buildHookterm(t)
	t.Run("ListGroupedByPoint", func(t *testing.T) { testListGroupedByPoint(t, bin) })
	t.Run("EditSaveAndGetWhileOpen", func(t *testing.T) { testEditSaveAndGetWhileOpen(t, bin) })
	t.Run("RunShowsResultAndConsole", func(t *testing.T) { testRunShowsResultAndConsole(t, bin) })
	t.Run("UnsavedQuitQuestion", func(t *testing.T) { testUnsavedQuitQuestion(t, bin) })
	t.Run("DraftRecoveryAfterKill", func(t *testing.T) { testDraftRecoveryAfterKill(t, bin) })
	t.Run("SaveConflict", func(t *testing.T) { testSaveConflict(t, bin) })
	t.Run("CancelRun", func(t *testing.T) { testCancelRun(t, bin) })
	t.Run("ResizeTo80x24", func(t *testing.T) { testResizeTo80x24(t, bin) })
}

const (
	tuiWidth  = 120
	tuiHeight = 40
)

// The points' titles in the order the TUI must group them.
var pointTitles = []string{
	"Client Credentials Exchange",
	"Pre User Registration",
	"Post User Registration",
	"Post Change Password",
	"Send Phone Message",
}

const claimsScript = `module.exports = function (client, scope, audience, context, cb) {
  console.log("hello from e2e", client.name);
  var token = { scope: scope };
  token["https://example.com/answer"] = 42;
  cb(null, token);
};
`

// seed creates the hooks the tests use, through the CLI, in the env's data folder.
func (e *testEnv) seed(t *testing.T) {
	t.Helper()
	script := filepath.Join(e.home, "claims.js")
	if err := os.WriteFile(script, []byte(claimsScript), 0o600); err != nil {
		t.Fatal(err)
	}
	e.cli(t, "", "hooks", "create", "--name", "add claims", "--trigger", "credentials-exchange", "--script", script)
	e.cli(t, "", "hooks", "create", "--name", "signup check", "--trigger", "pre-user-registration", "--enabled")
}

// diagnostics is the end of the TUI's log file in the state folder, for failure messages.
func (e *testEnv) diagnostics() string {
	data, err := os.ReadFile(filepath.Join(e.vars["XDG_STATE_HOME"], "hookterm", "hookterm.log"))
	if err != nil {
		return "(no log: " + err.Error() + ")"
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	return strings.Join(lines[max(len(lines)-15, 0):], "\n")
}

// startTUI opens the TUI on the env's data folder.
func (e *testEnv) startTUI(t *testing.T) *screen {
	t.Helper()
	s := startScreen(t, e.environ(), tuiWidth, tuiHeight, e.bin, "--data", e.data)
	s.waitFor("Hooks (", pointTitles[0])
	return s
}

// selectedLine is the list row marked as selected ("> ").
func selectedLine(sc string) string {
	for _, l := range strings.Split(sc, "\n") {
		if strings.HasPrefix(l, "> ") {
			return l
		}
	}
	return ""
}

// hookRows are the hook rows of the list (not the group headings), in screen order, and the
// index of the selected one (-1 when none is marked yet).
func hookRows(sc string) (rows []string, selected int) {
	selected = -1
	for _, l := range strings.Split(leftColumn(sc), "\n") {
		switch {
		case strings.HasPrefix(l, "> "):
			selected = len(rows)
			rows = append(rows, l)
		case strings.HasPrefix(l, "  ○ "), strings.HasPrefix(l, "  ● "):
			rows = append(rows, l)
		}
	}
	return rows, selected
}

// rowName is the hook name on a list row: after the selection and enabled marks, before the
// unsaved (*) and changed-elsewhere (!) marks.
func rowName(row string) string {
	row = strings.TrimPrefix(row, "> ")
	row = strings.TrimLeft(row, " ")
	row = strings.TrimPrefix(strings.TrimPrefix(row, "○ "), "● ")
	row = strings.TrimRight(row, " ")
	for _, mark := range []string{" !", " *"} {
		row = strings.TrimSuffix(row, mark)
	}
	return row
}

// selectHook moves the list's selection to the hook called name with j or k, waiting for
// each move to show before the next.
func (s *screen) selectHook(name string) {
	s.t.Helper()
	for range 50 {
		var rows []string
		sel := -1
		s.waitUntil("a selected hook in the list", func(sc string) bool {
			rows, sel = hookRows(sc)
			return sel >= 0
		})
		target := -1
		for i, r := range rows {
			if rowName(r) == name {
				target = i
			}
		}
		if target < 0 {
			s.t.Fatalf("hook %q is not in the list:\n%s", name, frame(s.capture()))
		}
		if target == sel {
			return
		}
		key := "j"
		if target < sel {
			key = "k"
		}
		cur := rows[sel]
		s.keys(key)
		s.waitUntil("the selection to move from "+cur, func(sc string) bool {
			_, i := hookRows(sc)
			return i >= 0 && i != sel
		})
	}
	s.t.Fatalf("hook %q never became selected:\n%s", name, frame(s.capture()))
}

// openHook selects name in the list and opens it in the editor.
func (s *screen) openHook(name string) {
	s.t.Helper()
	s.selectHook(name)
	s.keys("Enter")
	s.waitFor(name + ".js")
}

func testListGroupedByPoint(t *testing.T, bin string) {
	e := newTestEnv(t, bin)
	e.seed(t)
	// Empty one group: it must still be listed, saying so.
	e.cli(t, "", "hooks", "delete", "starter-send-phone-message", "--yes")
	s := e.startTUI(t)
	sc := s.waitFor(append(pointTitles, "add claims", "signup check")...)
	list := leftColumn(sc)
	// Every group is there, in the spec's order, and each hook sits under its own point.
	last := -1
	for _, title := range pointTitles {
		i := strings.Index(list, title)
		if i <= last {
			t.Fatalf("group %q is missing or out of order:\n%s", title, frame(sc))
		}
		last = i
	}
	within := func(hook, group, next string) {
		h, g, n := strings.Index(list, hook), strings.Index(list, group), strings.Index(list, next)
		if !(g < h && h < n) {
			t.Fatalf("%q is not listed under %q:\n%s", hook, group, frame(sc))
		}
	}
	within("add claims", pointTitles[0], pointTitles[1])
	within("signup check", pointTitles[1], pointTitles[2])
	if tail := list[strings.Index(list, pointTitles[4]):]; !strings.Contains(tail, "(no hooks)") {
		t.Fatalf("the emptied %q group does not say so:\n%s", pointTitles[4], frame(sc))
	}
	// The enabled state: the seeded signup check is enabled, add claims is not.
	if !strings.Contains(list, "● signup check") || !strings.Contains(list, "○ add claims") {
		t.Fatalf("enabled marks (● / ○) are wrong:\n%s", frame(sc))
	}
}

// leftColumn is the text left of the first vertical rule on each line: the hook list.
func leftColumn(sc string) string {
	var b strings.Builder
	for _, l := range strings.Split(sc, "\n") {
		if i := strings.Index(l, "│"); i >= 0 {
			l = l[:i]
		}
		b.WriteString(l + "\n")
	}
	return b.String()
}

func testEditSaveAndGetWhileOpen(t *testing.T, bin string) {
	e := newTestEnv(t, bin)
	e.seed(t)
	s := e.startTUI(t)
	s.openHook("add claims")
	s.typeText("// edited in e2e")
	s.keys("Enter")
	s.waitFor("// edited in e2e", "unsaved")
	s.keys("C-s")
	s.waitFor("Saved add claims")
	s.waitGone("* unsaved")

	// The TUI is still open while another process reads the tenant.
	if st, ended := s.exitStatus(); ended {
		t.Fatalf("the TUI exited (%s):\n%s", st, frame(s.capture()))
	}
	var hook struct {
		Name   string `json:"name"`
		Script string `json:"script"`
	}
	out := e.cli(t, "", "hooks", "get", "add claims", "--json")
	if err := json.Unmarshal([]byte(out), &hook); err != nil {
		t.Fatalf("hooks get --json: %v\n%s", err, out)
	}
	if want := "// edited in e2e\n" + claimsScript; hook.Script != want {
		t.Fatalf("stored script = %q, want %q", hook.Script, want)
	}
}

func testRunShowsResultAndConsole(t *testing.T, bin string) {
	e := newTestEnv(t, bin)
	e.seed(t)
	s := e.startTUI(t)
	s.openHook("add claims")
	s.keys("C-r")
	// The runner's workers may still be starting: the wait is generous.
	sc := s.waitFor("✓ ok", "hello from e2e client-name", `"https://example.com/answer":42`)
	if !strings.Contains(sc, "Console (1)") || !strings.Contains(sc, "read:connections") {
		t.Fatalf("the run's console or result is incomplete:\n%s", frame(sc))
	}

	// An error moves through the same pane: break the unsaved buffer with a throw on a line
	// of its own, run it, and the editor's cursor moves to the error's line and column.
	s.typeText("throw new Error('boom from e2e')")
	s.keys("Enter")
	s.keys("C-r")
	sc = s.waitFor("✗ error", "boom from e2e", "unsaved buffer")
	m := regexp.MustCompile(`boom from e2e at (\d+):(\d+)`).FindStringSubmatch(sc)
	if m == nil {
		t.Fatalf("the error's line:column is missing:\n%s", frame(sc))
	}
	line, _ := strconv.Atoi(m[1])
	col, _ := strconv.Atoi(m[2])
	if line != 1 {
		t.Fatalf("the throw is on line 1, the error says %d:\n%s", line, frame(sc))
	}
	// The row of the editor that shows line 1 holds the throw; the cursor must be on it, at
	// the reported column (the text starts where "throw" does).
	wantY, lineX := -1, -1
	for y, l := range strings.Split(sc, "\n") {
		if i := strings.Index(l, "throw new Error('boom from e2e')"); i >= 0 && strings.Contains(l, "│") {
			wantY, lineX = y, utf8.RuneCountInString(l[:i])
		}
	}
	if wantY < 0 {
		t.Fatalf("the throw is not on screen:\n%s", frame(sc))
	}
	s.waitUntil(fmt.Sprintf("the cursor to move to row %d, column %d", wantY, lineX+col-1), func(string) bool {
		x, y := s.cursor()
		return y == wantY && x == lineX+col-1
	})
}

func testUnsavedQuitQuestion(t *testing.T, bin string) {
	e := newTestEnv(t, bin)
	e.seed(t)
	s := e.startTUI(t)
	s.openHook("add claims")
	s.typeText("// not saved")
	s.keys("Enter")
	s.waitFor("unsaved")
	s.keys("Escape")
	// Wait for the list to have the keyboard: an escape followed at once by q reaches the
	// program as alt+q.
	s.waitFor("q quit")
	s.keys("q")
	s.waitFor("Quit with unsaved changes?", "add claims")
	s.keys("n")
	s.waitGone("Quit with unsaved changes?")
	if _, ended := s.exitStatus(); ended {
		t.Fatalf("n should keep the TUI open:\n%s", frame(s.capture()))
	}
	// ctrl+c asks too.
	s.keys("C-c")
	s.waitFor("Quit with unsaved changes?")
	s.keys("y")
	if st := s.waitExit(); st != "0" {
		t.Fatalf("quitting exited with status %s:\n%s\nits log:\n%s", st, frame(s.capture()), e.diagnostics())
	}
}

func testDraftRecoveryAfterKill(t *testing.T, bin string) {
	e := newTestEnv(t, bin)
	e.seed(t)
	s := e.startTUI(t)
	s.openHook("add claims")
	const typed = "// typed before the crash"
	s.typeText(typed)
	s.keys("Enter")
	s.waitFor(typed, "unsaved")
	// The draft is written within about a second of typing; wait for it on disk instead of
	// guessing a delay.
	drafts := filepath.Join(e.data, "drafts")
	s.waitUntil("a draft holding the typed line in "+drafts, func(string) bool {
		return folderContains(drafts, typed)
	})
	pid := s.pid()
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		t.Fatalf("kill -9 %d: %v", pid, err)
	}
	if st := s.waitExit(); st != "137" {
		t.Fatalf("after kill -9 the exit status is %s, want 137 (128+SIGKILL)", st)
	}

	s2 := startScreen(t, e.environ(), tuiWidth, tuiHeight, e.bin, "--data", e.data)
	s2.waitFor("Restore unsaved drafts?", "add claims")
	s2.keys("r")
	s2.waitGone("Restore unsaved drafts?")
	sc := s2.waitFor(typed, "add claims.js", "unsaved")
	if !strings.Contains(sc, "add claims *") {
		t.Fatalf("the restored buffer is not marked unsaved in the list:\n%s", frame(sc))
	}
}

// folderContains reports whether any file in dir contains text.
func folderContains(dir, text string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, en := range entries {
		data, err := os.ReadFile(filepath.Join(dir, en.Name()))
		if err == nil && strings.Contains(string(data), text) {
			return true
		}
	}
	return false
}

func testSaveConflict(t *testing.T, bin string) {
	e := newTestEnv(t, bin)
	e.seed(t)
	s := e.startTUI(t)
	s.openHook("add claims")
	s.typeText("// mine")
	s.keys("Enter")
	s.waitFor("// mine", "unsaved")

	theirs := "module.exports = function (client, scope, audience, context, cb) { cb(null, { theirs: true }); };\n"
	file := filepath.Join(e.home, "theirs.js")
	if err := os.WriteFile(file, []byte(theirs), 0o600); err != nil {
		t.Fatal(err)
	}
	e.cli(t, "", "hooks", "update", "add claims", "--script", file)

	s.keys("C-s")
	sc := s.waitFor("Save conflict", "theirs: true", "o overwrite")
	if !strings.Contains(sc, "+// mine") {
		t.Fatalf("the conflict does not show my change:\n%s", frame(sc))
	}
	// Nothing was overwritten by the attempt.
	var hook struct{ Script string }
	if err := json.Unmarshal([]byte(e.cli(t, "", "hooks", "get", "add claims", "--json")), &hook); err != nil {
		t.Fatal(err)
	}
	if hook.Script != theirs {
		t.Fatalf("the conflicting save overwrote the other change: %q", hook.Script)
	}
	// Overwrite is the user's explicit choice.
	s.keys("o")
	s.waitFor("Saved add claims")
	if err := json.Unmarshal([]byte(e.cli(t, "", "hooks", "get", "add claims", "--json")), &hook); err != nil {
		t.Fatal(err)
	}
	if hook.Script != "// mine\n"+claimsScript {
		t.Fatalf("after overwrite the stored script = %q", hook.Script)
	}
}

// footer is the last non-empty line of the screen: the focused pane's short help.
func footer(sc string) string {
	lines := strings.Split(strings.TrimRight(sc, "\n"), "\n")
	return lines[len(lines)-1]
}

// focusRunPane goes back to the list and cycles the panes backwards until the run pane has
// the keyboard (its footer offers "edit payload").
func (s *screen) focusRunPane() {
	s.t.Helper()
	s.keys("Escape")
	s.waitFor("q quit")
	for range 5 {
		sc := s.capture()
		if strings.Contains(footer(sc), "edit payload") {
			return
		}
		before := footer(sc)
		s.keys("BTab")
		s.waitUntil("the focus to move from "+before, func(sc string) bool { return footer(sc) != before })
	}
	s.t.Fatalf("the run pane never got the keyboard:\n%s", frame(s.capture()))
}

func testCancelRun(t *testing.T, bin string) {
	e := newTestEnv(t, bin)
	script := filepath.Join(e.home, "endless.js")
	endless := "module.exports = function (client, scope, audience, context, cb) {\n  while (true) {}\n};\n"
	if err := os.WriteFile(script, []byte(endless), 0o600); err != nil {
		t.Fatal(err)
	}
	e.cli(t, "", "hooks", "create", "--name", "endless", "--trigger", "credentials-exchange", "--script", script)
	s := e.startTUI(t)
	s.openHook("endless")
	s.keys("C-r")
	s.waitFor("● running…")
	s.focusRunPane()
	s.waitFor("ctrl+c cancel run")
	// ctrl+c in the run pane while it runs cancels the run, long before Auth0's 20 s limit
	// would end it, and does not ask to quit.
	s.keys("C-c")
	sc := s.waitFor("■ cancelled", "run cancelled")
	if strings.Contains(sc, "Quit") || strings.Contains(sc, "TimeoutError") {
		t.Fatalf("ctrl+c should only cancel the run:\n%s", frame(sc))
	}
	if st, ended := s.exitStatus(); ended {
		t.Fatalf("the TUI exited (%s):\n%s", st, frame(sc))
	}
}

// testResizeTo80x24 shrinks the terminal under the running TUI to 80×24: the header, every
// group and the footer stay on screen, and a run's verdict and result still show.
func testResizeTo80x24(t *testing.T, bin string) {
	e := newTestEnv(t, bin)
	e.seed(t)
	s := e.startTUI(t)
	if _, err := s.tmux("resize-window", "-t", s.name, "-x", "80", "-y", "24"); err != nil {
		t.Fatal(err)
	}
	sc := s.waitUntil("the TUI to redraw at 80×24", func(sc string) bool {
		lines := strings.Split(strings.TrimRight(sc, "\n"), "\n")
		// The old 40-row frame is gone once the footer sits on the 24th row.
		return len(lines) == 24 && strings.Contains(lines[23], "enter open") && strings.HasPrefix(lines[0], "hookterm")
	})
	for _, title := range pointTitles {
		if !strings.Contains(sc, title) {
			t.Fatalf("group %q is missing at 80×24:\n%s", title, frame(sc))
		}
	}
	s.openHook("add claims")
	s.keys("C-r")
	// The run pane is about 51 columns wide here: the result is indented below its label.
	s.waitFor("✓ ok", "Result", `"read:connections"`)
}
