package editor

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	tea "charm.land/bubbletea/v2"
)

func editorTestLines(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString("line " + strconv.Itoa(i+1) + "\n")
	}
	return b.String()
}

func TestPagingAndSelectionKeys(t *testing.T) {
	m := editorTestNew(t, editorTestLines(100), 30, 10)
	editorTestPress(t, m, "pgdown")
	if m.CursorPos().Line != 10 || m.top != 10 {
		t.Fatalf("pgdown: cursor line %d, top %d", m.CursorPos().Line, m.top)
	}
	editorTestPress(t, m, "pgdown", "pgup")
	if m.CursorPos().Line != 10 || m.top != 10 {
		t.Fatalf("pgdown, pgup: cursor line %d, top %d", m.CursorPos().Line, m.top)
	}
	editorTestPress(t, m, "shift+pgdown")
	if sel, _ := m.Selection(); sel != strings.Join(strings.Split(editorTestLines(20), "\n")[10:20], "\n")+"\n" {
		t.Fatalf("shift+pgdown selected %q", sel)
	}
	editorTestPress(t, m, "ctrl+shift+end")
	if from, to, _ := m.selection(); from.Line != 10 || to.Line != 100 {
		t.Fatalf("ctrl+shift+end selected %+v..%+v", from, to)
	}
	editorTestPress(t, m, "ctrl+end", "ctrl+shift+home")
	if sel, _ := m.Selection(); sel != m.Content() {
		t.Fatal("ctrl+end then ctrl+shift+home did not select everything")
	}
	editorTestPress(t, m, "home", "shift+end")
	if sel, _ := m.Selection(); sel != "line 1" {
		t.Fatalf("shift+end selected %q", sel)
	}
	editorTestPress(t, m, "end", "alt+shift+left")
	if sel, _ := m.Selection(); sel != "1" {
		t.Fatalf("alt+shift+left selected %q", sel)
	}
}

// Every combination of size and state draws exactly height rows of exactly width cells, so
// the root's layout never shifts.
func TestViewFillsItsSizeExactly(t *testing.T) {
	src := "\tconst s = '世界 wide characters and a long line that scrolls sideways';\r\nx\n\n// 🎉 done"
	for _, size := range [][2]int{{1, 1}, {5, 3}, {12, 2}, {13, 4}, {40, 10}, {80, 24}} {
		for _, state := range []string{"plain", "scrolled", "prompt", "notice", "selection"} {
			m := editorTestNew(t, src, size[0], size[1])
			editorTestRun(t, m, m.Init())
			m.SetDiagnostic(&Diagnostic{Line: 1, Column: 5, Message: "SyntaxError: a message too long for a narrow editor"})
			switch state {
			case "scrolled":
				editorTestPress(t, m, "end", "left", "left")
			case "prompt":
				editorTestPress(t, m, "ctrl+f")
				editorTestType(t, m, "wide")
			case "notice":
				editorTestPress(t, m, "alt+u")
			case "selection":
				editorTestPress(t, m, "right", "shift+down", "shift+end")
			}
			rows := strings.Split(editorTestPlain(m.View()), "\n")
			if len(rows) != size[1] {
				t.Errorf("%dx%d %s: %d rows", size[0], size[1], state, len(rows))
			}
			for i, r := range rows {
				if w := displayWidth(r, 4); w != size[0] {
					t.Errorf("%dx%d %s: row %d is %d cells: %q", size[0], size[1], state, i, w, r)
				}
			}
			if c := m.Cursor(); c != nil && (c.X < 0 || c.X >= size[0] || c.Y < 0 || c.Y >= size[1]) {
				t.Errorf("%dx%d %s: cursor %+v outside the view", size[0], size[1], state, c.Position)
			}
		}
	}
}

func TestPromptCursorPasteAndBlur(t *testing.T) {
	cb := &MemoryClipboard{}
	m := editorTestNew(t, "alpha\nbeta\n", 30, 5, func(o *Options) { o.Clipboard = cb })
	editorTestPress(t, m, "ctrl+f")
	editorTestType(t, m, "be")
	c := m.Cursor()
	if c == nil || c.Y != 4 || c.X != len("Find: be") {
		t.Fatalf("prompt cursor %+v", c)
	}
	_ = cb.WriteText("ta\nignored")
	editorTestPress(t, m, "ctrl+v")
	if m.input != "beta" {
		t.Fatalf("paste into the prompt gave %q", m.input)
	}
	if sel, _ := m.Selection(); sel != "beta" {
		t.Fatalf("pasted query selected %q", sel)
	}
	if m.Content() != "alpha\nbeta\n" {
		t.Fatal("pasting into the prompt changed the script")
	}
	editorTestRun(t, m, m.Update(tea.PasteMsg{Content: "x"}))
	if m.input != "betax" || m.Content() != "alpha\nbeta\n" {
		t.Fatalf("bracketed paste into the prompt: input %q, content %q", m.input, m.Content())
	}
	m.Blur()
	if m.Prompting() || m.Focused() {
		t.Fatal("Blur left the prompt open or the editor focused")
	}
	m.Focus()
	editorTestPress(t, m, "ctrl+g", "ctrl+g")
	if m.Prompting() {
		t.Fatal("ctrl+g twice did not close the go-to-line prompt")
	}
}

type editorTestFailingClipboard struct{}

func (editorTestFailingClipboard) ReadText() (string, error) { return "", errors.New("no clipboard") }
func (editorTestFailingClipboard) WriteText(string) error    { return errors.New("no clipboard") }

func TestClipboardErrorsAreNoticesNotFailures(t *testing.T) {
	m := editorTestNew(t, "abc", 40, 3, func(o *Options) { o.Clipboard = editorTestFailingClipboard{} })
	editorTestPress(t, m, "alt+c")
	if !strings.Contains(editorTestPlain(m.View()), "no clipboard") {
		t.Fatalf("copy failure not shown:\n%s", editorTestPlain(m.View()))
	}
	editorTestPress(t, m, "ctrl+v")
	if !strings.Contains(editorTestPlain(m.View()), "paste: no clipboard") || m.Content() != "abc" {
		t.Fatalf("paste failure: content %q, view:\n%s", m.Content(), editorTestPlain(m.View()))
	}
	editorTestPress(t, m, "right")
	if strings.Contains(editorTestPlain(m.View()), "clipboard") {
		t.Fatal("the notice did not go away at the next key")
	}
}

// The system clipboard may be missing (no display, no xclip) on the machine running the
// tests: either way what was copied in hookterm can be pasted back.
func TestSystemClipboardFallsBackToMemory(t *testing.T) {
	c := NewSystemClipboard()
	_ = c.WriteText("hookterm clipboard test") // an error only says the system one failed
	got, err := c.ReadText()
	if err != nil || got != "hookterm clipboard test" {
		t.Fatalf("ReadText() = %q, %v", got, err)
	}
}

func TestPlainStylesHaveNoColours(t *testing.T) {
	m := New(Options{Styles: PlainStyles(), Clipboard: &MemoryClipboard{}})
	m.SetSize(40, 5)
	m.Focus()
	m.SetContent("const a = 'x'; // c\n")
	editorTestRun(t, m, m.Init())
	editorTestPress(t, m, "shift+right")
	v := m.View()
	for _, colour := range []string{"[38;", "[48;", "[3", "[4"} {
		if strings.Contains(strings.ReplaceAll(v, "[4m", ""), colour) {
			t.Fatalf("PlainStyles view has colour %q: %q", colour, v)
		}
	}
	if !strings.Contains(v, "\x1b[7m") {
		t.Fatalf("the selection is not in reverse video: %q", v)
	}
	// The zero Styles means the defaults, which do mark the selection.
	d := New(Options{})
	if d.styles[stSelection].open == "" || d.styles[stKeyword].open == "" {
		t.Fatal("zero Styles did not fall back to DefaultStyles")
	}
}

// Highlighting and checking run in Cmds on other goroutines while the user keeps typing;
// run with -race this shows they share nothing mutable with the UI goroutine.
func TestAsyncWorkRunsConcurrentlyWithEditing(t *testing.T) {
	m := editorTestNew(t, editorTestLines(2000), 60, 20, func(o *Options) {
		o.Checker = func(src string) *Diagnostic {
			if strings.Contains(src, "(") {
				return &Diagnostic{Line: 1, Message: "paren"}
			}
			return nil
		}
	})
	cmds := []tea.Cmd{m.Init()}
	for range 3 {
		var wg sync.WaitGroup
		msgs := make(chan tea.Msg, 64)
		for _, c := range cmds {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var run func(tea.Cmd)
				run = func(c tea.Cmd) {
					if c == nil {
						return
					}
					msg := c()
					if b, ok := msg.(tea.BatchMsg); ok {
						for _, c := range b {
							run(c)
						}
						return
					}
					msgs <- msg
				}
				run(c)
			}()
		}
		cmds = nil
		for _, r := range "x(y" {
			cmds = append(cmds, m.Update(tea.KeyPressMsg{Code: r, Text: string(r)}))
			_ = m.View()
		}
		wg.Wait()
		close(msgs)
		for msg := range msgs {
			cmds = append(cmds, m.Update(msg))
			_ = m.View()
		}
	}
	editorTestRun(t, m, tea.Batch(cmds...))
	if d := m.Diagnostic(); d == nil || d.Message != "paren" {
		t.Fatalf("the last check's result was not applied: %+v", d)
	}
	if sp, ok := m.hl.spans(0, m.buf.lines[0].text); !ok || len(sp) == 0 {
		t.Fatalf("line 1 not highlighted after the async runs: %+v", sp)
	}
}

func TestUndoHistoryIsBounded(t *testing.T) {
	m := editorTestNew(t, "", 40, 5)
	for range maxUndo + 10 {
		m.paste("x") // pastes are never merged: one undo step each
	}
	if len(m.undo) > maxUndo {
		t.Fatalf("%d undo steps kept, at most %d wanted", len(m.undo), maxUndo)
	}
	for range len(m.undo) {
		m.undoStep()
	}
	if got := len(m.Content()); got == 0 || got > maxUndo/10+10 {
		t.Fatalf("after undoing everything kept, %d characters remain", got)
	}
}

func TestHorizontalWheelStopsAtTheLongestVisibleLine(t *testing.T) {
	m := editorTestNew(t, "short\n"+strings.Repeat("x", 60)+"\n", 30, 5) // 25 cells of code
	for range 20 {
		m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelRight})
	}
	if m.left != 60-25/2 {
		t.Fatalf("scrolled to column %d, want %d", m.left, 60-25/2)
	}
	for range 20 {
		m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelUp, Mod: tea.ModShift})
		m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelLeft})
	}
	if m.left != 0 {
		t.Fatalf("scrolling back left stopped at %d", m.left)
	}
}

func TestHelpFollowsThePrompt(t *testing.T) {
	m := editorTestNew(t, "x", 40, 5)
	descs := func() string {
		var d []string
		for _, b := range m.ShortHelp() {
			d = append(d, b.Help().Key+" "+b.Help().Desc)
		}
		return strings.Join(d, ", ")
	}
	if got := descs(); !strings.Contains(got, "ctrl+f find") || !strings.Contains(got, "alt+u undo") {
		t.Fatalf("editor help: %s", got)
	}
	editorTestPress(t, m, "ctrl+f")
	if got := descs(); !strings.Contains(got, "enter done") || !strings.Contains(got, "alt+n next match") {
		t.Fatalf("find prompt help: %s", got)
	}
	editorTestPress(t, m, "enter", "ctrl+g")
	if got := descs(); !strings.Contains(got, "go to line") {
		t.Fatalf("go-to-line prompt help: %s", got)
	}
	var all []string
	for _, col := range m.FullHelp() {
		for _, b := range col {
			all = append(all, b.Help().Key)
		}
	}
	for _, want := range []string{"alt+c", "ctrl+x", "ctrl+v", "ctrl+y", "ctrl+t", "ctrl+g", "shift+home"} {
		if !strings.Contains(strings.Join(all, " "), want) {
			t.Errorf("full help lacks %s: %v", want, all)
		}
	}
}

type editorTestTerminalClipboard struct{ MemoryClipboard }

func (*editorTestTerminalClipboard) CopyToTerminal() bool { return true }

func TestCopyAlsoGoesToTheTerminalWithoutASystemClipboard(t *testing.T) {
	cb := &editorTestTerminalClipboard{}
	m := editorTestNew(t, "abc\n", 40, 5, func(o *Options) { o.Clipboard = cb })
	editorTestRun(t, m, m.Init())
	cmd := m.Update(editorTestKey(t, "alt+c"))
	batch, ok := cmd().(tea.BatchMsg)
	if !ok {
		t.Fatalf("copy returned %T, want a batch with the terminal clipboard", cmd())
	}
	var kinds []string
	for _, c := range batch {
		if c != nil {
			kinds = append(kinds, fmt.Sprintf("%T", c()))
		}
	}
	if !slices.Contains(kinds, "tea.setClipboardMsg") {
		t.Fatalf("no OSC 52 copy among %v", kinds)
	}
	if got, _ := cb.ReadText(); got != "abc\n" {
		t.Fatalf("clipboard holds %q", got)
	}
}

func TestDiagnosticOutOfViewIsPointedAt(t *testing.T) {
	m := editorTestNew(t, editorTestLines(50), 30, 5)
	m.SetDiagnostic(&Diagnostic{Line: 30, Message: "boom"})
	rows := strings.Split(editorTestPlain(m.View()), "\n")
	if rows[0][0] != ' ' || rows[4][0] != 'v' {
		t.Fatalf("error below the view: first %q, last %q", rows[0], rows[4])
	}
	m.GotoLine(45, 1)
	rows = strings.Split(editorTestPlain(m.View()), "\n")
	if rows[0][0] != '^' || rows[4][0] != ' ' {
		t.Fatalf("error above the view: first %q, last %q", rows[0], rows[4])
	}
	m.GotoLine(30, 1)
	v := editorTestPlain(m.View())
	if strings.ContainsAny(v[:1], "^v") || !strings.Contains(v, "! 30 line 30  boom") {
		t.Fatalf("error in view:\n%s", v)
	}
}

func TestFindPromptOffersTheLastQuerySelected(t *testing.T) {
	m := editorTestNew(t, "foo bar foo bar\n", 40, 5)
	editorTestPress(t, m, "ctrl+f")
	editorTestType(t, m, "foo")
	editorTestPress(t, m, "enter", "ctrl+f")
	if m.input != "foo" || !m.inputSelected {
		t.Fatalf("reopened prompt: input %q, selected %v", m.input, m.inputSelected)
	}
	if !strings.Contains(m.View(), m.styles[stSelection].open+"foo") {
		t.Fatal("the last query is not drawn selected")
	}
	editorTestPress(t, m, "alt+n") // reuse: the query stays
	if m.input != "foo" || m.CursorPos() != (Pos{Col: 11}) {
		t.Fatalf("alt+n in the reopened prompt: input %q, cursor %+v", m.input, m.CursorPos())
	}
	editorTestPress(t, m, "enter", "ctrl+f")
	editorTestType(t, m, "bar") // typing replaces
	if m.input != "bar" {
		t.Fatalf("typing over the selected query gave %q", m.input)
	}
	editorTestPress(t, m, "enter", "ctrl+f", "backspace") // backspace clears it all
	if m.input != "" {
		t.Fatalf("backspace over the selected query left %q", m.input)
	}
}

func TestNoticeNeverHidesTheCursor(t *testing.T) {
	m := editorTestNew(t, editorTestLines(20), 30, 5)
	editorTestPress(t, m, "down", "down", "down", "down") // cursor on the last row
	editorTestPress(t, m, "alt+u")                        // "nothing to undo" takes that row
	if c := m.Cursor(); c == nil || c.Y != 3 {
		t.Fatalf("cursor under the notice: %+v", c)
	}
}

func TestAPanickingCheckerCostsOnlyTheMark(t *testing.T) {
	m := editorTestNew(t, "x", 30, 3, func(o *Options) {
		o.Checker = func(string) *Diagnostic { panic("parser bug") }
	})
	m.SetDiagnostic(&Diagnostic{Line: 1, Message: "old"})
	editorTestRun(t, m, m.Init())
	if m.Diagnostic() != nil {
		t.Fatalf("diagnostic after a panicking check: %+v", m.Diagnostic())
	}
}

func TestLongDeleteRunsAreUndoneInSteps(t *testing.T) {
	src := strings.Repeat("x", 1000)
	m := editorTestNew(t, src, 30, 3)
	editorTestPress(t, m, "end")
	for range 1000 {
		m.deleteBack()
	}
	if m.Content() != "" {
		t.Fatalf("left %q", m.Content())
	}
	m.undoStep()
	if got := len(m.Content()); got == 0 || got > maxMerge {
		t.Fatalf("one undo restored %d characters, want a step of at most %d", got, maxMerge)
	}
	for len(m.undo) > 0 {
		m.undoStep()
	}
	if m.Content() != src {
		t.Fatal("undoing every step did not restore the script")
	}
}

func TestSetContentKeepsThePlace(t *testing.T) {
	m := editorTestNew(t, editorTestLines(100), 30, 5)
	m.GotoLine(60, 3)
	top := m.top
	m.SetContent(strings.Replace(editorTestLines(100), "line 1\n", "changed elsewhere\n", 1))
	if m.CursorPos() != (Pos{Line: 59, Col: 2}) || m.top != top {
		t.Fatalf("reload moved the cursor to %+v, top %d → %d", m.CursorPos(), top, m.top)
	}
	m.SetContent("short\n")
	if m.CursorPos() != (Pos{Line: 1}) || m.top > 1 {
		t.Fatalf("reload with a shorter script: cursor %+v, top %d", m.CursorPos(), m.top)
	}
	if len(m.undo) != 0 || m.Diagnostic() != nil {
		t.Fatal("SetContent kept undo history or the diagnostic")
	}
}

func TestMatchingBracketIsMarked(t *testing.T) {
	src := "f(a, ')', [b]) {\n  g(\")\");\n}\n"
	m := editorTestNew(t, src, 40, 5)
	editorTestRun(t, m, m.Init()) // strings are known: the brackets inside them do not count
	for _, tc := range []struct {
		cur       Pos
		at, other Pos
		found     bool
	}{
		{Pos{0, 1}, Pos{0, 1}, Pos{0, 13}, true},  // on "(": its ")" after the string and [b]
		{Pos{0, 14}, Pos{0, 13}, Pos{0, 1}, true}, // just after ")"
		{Pos{0, 15}, Pos{0, 15}, Pos{2, 0}, true}, // "{" … "}" two lines down
		{Pos{1, 4}, Pos{1, 3}, Pos{1, 7}, true},   // g( … ) around a string holding ")"
		{Pos{0, 7}, Pos{}, Pos{}, false},          // inside the string ')'
	} {
		m.cur = tc.cur
		at, other, found := m.brackets()
		if found != tc.found || (found && (at != tc.at || other != tc.other)) {
			t.Errorf("cursor %+v: brackets %+v %+v %v, want %+v %+v %v", tc.cur, at, other, found, tc.at, tc.other, tc.found)
		}
	}
	m.cur = Pos{0, 15}
	br := m.styles[stBracket].open
	v := m.View()
	if strings.Count(v, br+"{") != 1 || strings.Count(v, br+"}") != 1 {
		t.Fatalf("brackets not marked in the view: %q", v)
	}
	m.Blur()
	if strings.Contains(m.View(), br) {
		t.Fatal("brackets marked in an unfocused editor")
	}
}
