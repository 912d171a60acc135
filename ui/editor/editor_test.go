package editor

import (
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

func TestContentRoundTripsByteForByte(t *testing.T) {
	for name, src := range map[string]string{
		"empty":              "",
		"only newline":       "\n",
		"no final newline":   "a\nb",
		"final newline":      "a\nb\n",
		"crlf":               "module.exports = function () {\r\n\tcb();\r\n};\r\n",
		"crlf no final":      "a\r\nb",
		"mixed endings":      "a\r\nb\nc\r\n\r\n",
		"tabs and spaces":    "\t\tx = 1;  \t\n  \ty\n",
		"lone carriage ret":  "a\rb\n",
		"unicode":            "const s = 'héllo 世界 🎉';\n",
		"blank lines at end": "x\n\n\n",
	} {
		t.Run(name, func(t *testing.T) {
			m := editorTestNew(t, src, 40, 10)
			if got := m.Content(); got != src {
				t.Fatalf("Content() = %q, want %q", got, src)
			}
			// An edit and its undo give the same bytes back too.
			editorTestPress(t, m, "ctrl+end")
			editorTestType(t, m, "zz")
			editorTestPress(t, m, "enter")
			if m.Content() == src {
				t.Fatal("typing did not change the content")
			}
			editorTestPress(t, m, "alt+u", "alt+u")
			if got := m.Content(); got != src {
				t.Fatalf("after undo Content() = %q, want %q", got, src)
			}
		})
	}
}

func TestVersionBumpsOnEveryEditOnly(t *testing.T) {
	m := editorTestNew(t, "abc", 40, 5)
	v := m.Version()
	editorTestPress(t, m, "right", "shift+right", "end")
	if m.Version() != v {
		t.Fatalf("cursor moves changed the version: %d → %d", v, m.Version())
	}
	editorTestType(t, m, "d")
	if m.Version() <= v {
		t.Fatal("typing did not bump the version")
	}
	v = m.Version()
	editorTestPress(t, m, "backspace")
	if m.Version() <= v {
		t.Fatal("backspace did not bump the version")
	}
	v = m.Version()
	m.SetContent("x")
	if m.Version() <= v {
		t.Fatal("SetContent did not bump the version")
	}
}

func TestEditingOperations(t *testing.T) {
	tests := []struct {
		name, src string
		keys      []string
		typed     string
		want      string
	}{
		{"type in the middle", "ab", []string{"right"}, "X", "aXb"},
		{"backspace", "abc", []string{"end", "backspace"}, "", "ab"},
		{"backspace joins lines keeping the other ending", "a\r\nb\r\nc", []string{"down", "down", "backspace"}, "", "a\r\nbc"},
		{"delete", "abc", []string{"delete"}, "", "bc"},
		{"delete at the end joins", "a\nb", []string{"end", "delete"}, "", "ab"},
		{"delete word left", "foo bar", []string{"end", "ctrl+w"}, "", "foo "},
		{"delete word right takes the blanks after it", "foo bar", []string{"alt+d"}, "", "bar"},
		{"tab inserts a tab", "x", []string{"tab"}, "", "\tx"},
		{"ctrl+t inserts a tab", "x", []string{"ctrl+t"}, "", "\tx"},
		{"enter uses the script's CRLF", "ab\r\ncd", []string{"right", "enter"}, "", "a\r\nb\r\ncd"},
		{"typing replaces the selection", "hello world", []string{"shift+right", "shift+right", "shift+right", "shift+right", "shift+right"}, "bye", "bye world"},
		{"backspace deletes the selection", "a\nb\nc", []string{"right", "shift+down", "backspace"}, "", "a\nc"},
		{"select all and delete", "a\nb\nc\n", []string{"ctrl+a", "delete"}, "", ""},
		{"unicode backspace", "é世", []string{"end", "backspace"}, "", "é"},
		{"word moves", "foo.bar baz", []string{"alt+right", "alt+right", "alt+right"}, "|", "foo.bar |baz"},
		{"word left", "foo.bar baz", []string{"end", "alt+left", "alt+left"}, "|", "foo.|bar baz"},
		{"smart home", "  x", []string{"end", "home"}, "|", "  |x"},
		{"home twice goes to column 0", "  x", []string{"end", "home", "home"}, "|", "|  x"},
		{"ctrl+end and ctrl+home", "a\nb\nc", []string{"ctrl+end"}, "|", "a\nb\nc|"},
		{"up keeps the column", "abcdef\nx\nabcdef", []string{"end", "down", "down"}, "|", "abcdef\nx\nabcdef|"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := editorTestNew(t, tc.src, 40, 10)
			editorTestPress(t, m, tc.keys...)
			editorTestType(t, m, tc.typed)
			if got := m.Content(); got != tc.want {
				t.Fatalf("Content() = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestAutoIndent(t *testing.T) {
	tests := []struct {
		name, src string
		keys      []string
		typed     string
		want      string
	}{
		{"keeps the indentation", "  foo();", []string{"end", "enter"}, "x", "  foo();\n  x"},
		{"adds a level after a brace", "  if (a) {", []string{"end", "enter"}, "x", "  if (a) {\n    x"},
		{"tabs stay tabs", "\tif (a) {\n\t\tb();\n\t}", []string{"end", "enter"}, "x", "\tif (a) {\n\t\tx\n\t\tb();\n\t}"},
		{"splits a brace pair", "f() {}", []string{"end", "left", "enter"}, "x", "f() {\n  x\n}"},
		{"closing brace dedents", "if (a) {\n  b();", []string{"ctrl+end", "enter"}, "}", "if (a) {\n  b();\n}"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := editorTestNew(t, tc.src, 40, 10)
			editorTestPress(t, m, tc.keys...)
			editorTestType(t, m, tc.typed)
			if got := m.Content(); got != tc.want {
				t.Fatalf("Content() = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestSelectionAndClipboard(t *testing.T) {
	cb := &MemoryClipboard{}
	m := editorTestNew(t, "one two\r\nthree\r\n", 40, 10, func(o *Options) { o.Clipboard = cb })

	editorTestPress(t, m, "shift+end", "alt+c")
	if got, _ := cb.ReadText(); got != "one two" {
		t.Fatalf("copy put %q on the clipboard, want %q", got, "one two")
	}
	if sel, ok := m.Selection(); !ok || sel != "one two" {
		t.Fatalf("Selection() = %q, %v", sel, ok)
	}

	editorTestPress(t, m, "home", "shift+down", "ctrl+x")
	if got, _ := cb.ReadText(); got != "one two\r\n" {
		t.Fatalf("cut put %q on the clipboard", got)
	}
	if got := m.Content(); got != "three\r\n" {
		t.Fatalf("after cut Content() = %q", got)
	}

	editorTestPress(t, m, "ctrl+end", "ctrl+v")
	if got := m.Content(); got != "three\r\none two\r\n" {
		t.Fatalf("after paste Content() = %q", got)
	}

	// Bracketed paste: line endings become the script's own.
	editorTestRun(t, m, m.Update(tea.PasteMsg{Content: "a\nb"}))
	if got := m.Content(); got != "three\r\none two\r\na\r\nb" {
		t.Fatalf("after bracketed paste Content() = %q", got)
	}

	// Nothing selected: copy takes the whole line.
	editorTestPress(t, m, "ctrl+home", "alt+c")
	if got, _ := cb.ReadText(); got != "three\r\n" {
		t.Fatalf("line copy put %q on the clipboard", got)
	}

	// shift+home from the end selects back to the first non-blank.
	m.SetContent("  abc")
	editorTestPress(t, m, "end", "shift+home")
	if sel, _ := m.Selection(); sel != "abc" {
		t.Fatalf("shift+home selected %q", sel)
	}
	// A plain move drops the selection; left goes to its start.
	editorTestPress(t, m, "left")
	if _, ok := m.Selection(); ok || m.CursorPos() != (Pos{Col: 2}) {
		t.Fatalf("left after selecting: selection kept or cursor at %+v", m.CursorPos())
	}
}

func TestUndoRedo(t *testing.T) {
	m := editorTestNew(t, "", 40, 10)
	editorTestType(t, m, "hello world")
	editorTestPress(t, m, "alt+u")
	if got := m.Content(); got != "hello" {
		t.Fatalf("one undo left %q, want the word typed last taken back", got)
	}
	editorTestPress(t, m, "alt+u")
	if got := m.Content(); got != "" {
		t.Fatalf("two undos left %q", got)
	}
	editorTestPress(t, m, "alt+u") // nothing left: no change, a notice
	if got := m.Content(); got != "" || !strings.Contains(editorTestPlain(m.View()), "nothing to undo") {
		t.Fatalf("undo past the start: %q, view:\n%s", got, m.View())
	}
	editorTestPress(t, m, "ctrl+y", "ctrl+y")
	if got := m.Content(); got != "hello world" {
		t.Fatalf("redo gave %q", got)
	}
	// A new edit clears the redo history.
	editorTestPress(t, m, "alt+u")
	editorTestType(t, m, "!")
	editorTestPress(t, m, "ctrl+y")
	if got := m.Content(); got != "hello!" {
		t.Fatalf("redo after a new edit gave %q", got)
	}
	// Backspaces undo as one step, and the cursor comes back.
	editorTestPress(t, m, "backspace", "backspace", "backspace")
	editorTestPress(t, m, "ctrl+_")
	if got := m.Content(); got != "hello!" || m.CursorPos() != (Pos{Col: 6}) {
		t.Fatalf("undoing backspaces: %q, cursor %+v", got, m.CursorPos())
	}
}

func TestSearch(t *testing.T) {
	src := "const Foo = 1;\nfoo();\nbar();\nfoo(foo);\n"
	m := editorTestNew(t, src, 40, 10)
	editorTestPress(t, m, "ctrl+f")
	if !m.Prompting() {
		t.Fatal("ctrl+f did not open the prompt")
	}
	editorTestType(t, m, "foo")
	// Smart case: "foo" matches "Foo" too; the first match from the cursor is selected.
	if sel, _ := m.Selection(); sel != "Foo" || m.CursorPos() != (Pos{Line: 0, Col: 9}) {
		t.Fatalf("first match: selection %q, cursor %+v", sel, m.CursorPos())
	}
	if v := editorTestPlain(m.View()); !strings.Contains(v, "Find: foo  1/4") {
		t.Fatalf("prompt row missing:\n%s", v)
	}
	editorTestPress(t, m, "enter")
	if m.Prompting() {
		t.Fatal("enter did not close the prompt")
	}
	editorTestPress(t, m, "alt+n", "alt+n", "alt+n")
	if m.CursorPos() != (Pos{Line: 3, Col: 7}) {
		t.Fatalf("third next: cursor %+v", m.CursorPos())
	}
	editorTestPress(t, m, "alt+n") // wraps to the top
	if m.CursorPos() != (Pos{Line: 0, Col: 9}) {
		t.Fatalf("wrap: cursor %+v", m.CursorPos())
	}
	editorTestPress(t, m, "alt+p") // and back to the bottom
	if from, _, _ := m.selection(); from != (Pos{Line: 3, Col: 4}) {
		t.Fatalf("previous: selection starts at %+v", from)
	}
	// A capital makes the search case-sensitive.
	editorTestPress(t, m, "ctrl+f", "backspace", "backspace", "backspace")
	editorTestType(t, m, "Fo")
	editorTestPress(t, m, "enter", "alt+n")
	if from, _, _ := m.selection(); from != (Pos{Line: 0, Col: 6}) {
		t.Fatalf("case-sensitive search selected at %+v", from)
	}
	editorTestPress(t, m, "ctrl+f")
	editorTestType(t, m, "zzz")
	if v := editorTestPlain(m.View()); !strings.Contains(v, "not found") {
		t.Fatalf("no 'not found' for a missing query:\n%s", v)
	}
	m.Update(editorTestKey(t, "esc"))
	if m.Prompting() {
		t.Fatal("esc did not close the prompt")
	}
}

func TestGotoLine(t *testing.T) {
	var b strings.Builder
	for i := range 100 {
		b.WriteString("line ")
		b.WriteString(strings.Repeat("x", i%7))
		b.WriteString("\n")
	}
	m := editorTestNew(t, b.String(), 40, 10)
	editorTestPress(t, m, "ctrl+g")
	editorTestType(t, m, "50:3")
	editorTestPress(t, m, "enter")
	if m.CursorPos() != (Pos{Line: 49, Col: 2}) {
		t.Fatalf("go to 50:3 put the cursor at %+v", m.CursorPos())
	}
	if m.top > 49 || m.top+m.textRows() <= 49 {
		t.Fatalf("line 50 is not visible: top %d", m.top)
	}
	m.GotoLine(1000, 0) // past the end: the last line
	if m.CursorPos().Line != 100 {
		t.Fatalf("GotoLine past the end: %+v", m.CursorPos())
	}
	m.GotoLine(3, 99) // past the end of the line: its end
	if m.CursorPos() != (Pos{Line: 2, Col: len("line xx")}) {
		t.Fatalf("GotoLine(3, 99): %+v", m.CursorPos())
	}
	editorTestPress(t, m, "ctrl+g")
	editorTestType(t, m, "abc") // not digits: ignored
	editorTestPress(t, m, "enter")
	if !strings.Contains(editorTestPlain(m.View()), "type a line number") {
		t.Fatalf("no hint after an empty go-to-line:\n%s", editorTestPlain(m.View()))
	}
}

func TestRootKeysAreLeftAlone(t *testing.T) {
	m := editorTestNew(t, "abc", 40, 5)
	editorTestRun(t, m, m.Init())
	v := m.Version()
	for _, k := range []string{"ctrl+s", "ctrl+r", "ctrl+e", "ctrl+c", "ctrl+z", "esc", "shift+tab"} {
		if cmd := m.Update(editorTestKey(t, k)); cmd != nil {
			t.Errorf("%s returned a command", k)
		}
	}
	if m.Version() != v || m.Content() != "abc" {
		t.Fatalf("root keys changed the buffer: %q", m.Content())
	}
	// Unfocused, the editor types nothing.
	m.Blur()
	editorTestType(t, m, "x")
	if m.Content() != "abc" || m.Cursor() != nil {
		t.Fatal("an unfocused editor took a key or shows a cursor")
	}
}

func TestHorizontalScrollAndTabs(t *testing.T) {
	long := "\t" + strings.Repeat("abcdefghij", 10)
	m := editorTestNew(t, long+"\nshort", 30, 4)
	// gutter is 5 cells ("!" + 3 digits + space): 25 for code
	if c := m.Cursor(); c == nil || c.X != 5 || c.Y != 0 {
		t.Fatalf("cursor at start: %+v", c)
	}
	editorTestPress(t, m, "right")
	if c := m.Cursor(); c == nil || c.X != 9 {
		t.Fatalf("a tab is %d cells wide, cursor %+v", 4, c)
	}
	editorTestPress(t, m, "end")
	if m.left == 0 {
		t.Fatal("end of a long line did not scroll sideways")
	}
	c := m.Cursor()
	if c == nil || c.X < 5 || c.X >= 30 {
		t.Fatalf("cursor outside the view after end: %+v", c)
	}
	rows := strings.Split(editorTestPlain(m.View()), "\n")
	if !strings.HasSuffix(strings.TrimRight(rows[0], " "), "hij") {
		t.Fatalf("the end of the line is not shown: %q", rows[0])
	}
	for i, r := range rows {
		if w := displayWidth(r, 4); w != 30 {
			t.Errorf("row %d is %d cells wide, want 30: %q", i, w, r)
		}
	}
	// The tab is stored as a tab.
	if !strings.HasPrefix(m.Content(), "\tabc") {
		t.Fatalf("tab not kept: %q", m.Content()[:8])
	}
	editorTestPress(t, m, "home", "home")
	if m.left != 0 {
		t.Fatalf("home did not scroll back: left %d", m.left)
	}
}

func TestCursorIsRelativeToTheView(t *testing.T) {
	var b strings.Builder
	for range 50 {
		b.WriteString("x\n")
	}
	m := editorTestNew(t, b.String(), 20, 5)
	editorTestPress(t, m, "down", "down", "down", "down", "down", "down", "down")
	c := m.Cursor()
	if c == nil || c.Y != 4 || c.X != 5 {
		t.Fatalf("cursor after scrolling down: %+v (top %d)", c, m.top)
	}
	m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelDown})
	if m.top != 9 || m.Cursor() != nil {
		t.Fatalf("wheel: top %d, cursor %+v (scrolled out of view: nil)", m.top, m.Cursor())
	}
	m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelUp})
	m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelUp})
	m.Update(tea.MouseClickMsg{X: 6, Y: 1, Button: tea.MouseLeft})
	if m.CursorPos() != (Pos{Line: 4, Col: 1}) {
		t.Fatalf("click put the cursor at %+v", m.CursorPos())
	}
	// Dragging selects.
	m.Update(tea.MouseMotionMsg{X: 5, Y: 3, Button: tea.MouseLeft})
	m.Update(tea.MouseReleaseMsg{X: 5, Y: 3, Button: tea.MouseLeft})
	if sel, ok := m.Selection(); !ok || sel != "\nx\n" {
		t.Fatalf("drag selected %q", sel)
	}
}

func TestDiagnosticDebouncedAndMarked(t *testing.T) {
	var checked []string
	checker := func(src string) *Diagnostic {
		checked = append(checked, src)
		if strings.Contains(src, "(") && !strings.Contains(src, ")") {
			return &Diagnostic{Line: 2, Column: 3, Message: "Unexpected end of input"}
		}
		return nil
	}
	m := editorTestNew(t, "a\nb\n", 40, 4, func(o *Options) { o.Checker = checker })
	editorTestRun(t, m, m.Init())
	if len(checked) != 1 || m.Diagnostic() != nil {
		t.Fatalf("initial check: %d runs, diagnostic %+v", len(checked), m.Diagnostic())
	}
	editorTestPress(t, m, "down", "end")
	editorTestType(t, m, "(")
	d := m.Diagnostic()
	if d == nil || d.Line != 2 {
		t.Fatalf("no diagnostic after typing '(': %+v", d)
	}
	rows := strings.Split(editorTestPlain(m.View()), "\n")
	if !strings.HasPrefix(rows[1], "!  2 b(   Unexpected end of input") {
		t.Fatalf("diagnostic row: %q", rows[1])
	}
	if strings.HasPrefix(rows[0], "!") {
		t.Fatalf("mark on the wrong line: %q", rows[0])
	}

	// A check of an older version is dropped: its result would mark a fixed error.
	stale := m.Update(checkTickMsg{m: m, version: m.Version()})
	editorTestType(t, m, ")")
	if d := m.Diagnostic(); d != nil {
		t.Fatalf("diagnostic after fixing: %+v", d)
	}
	editorTestRun(t, m, stale)
	if d := m.Diagnostic(); d != nil {
		t.Fatalf("a stale check result was applied: %+v", d)
	}
	// A stale tick does not even run the checker.
	n := len(checked)
	if cmd := m.Update(checkTickMsg{m: m, version: m.Version() - 1}); cmd != nil {
		t.Fatal("a stale tick started a check")
	}
	// Another editor's results are not ours.
	other := New(Options{})
	m.Update(checkMsg{m: other, version: m.Version(), diag: &Diagnostic{Line: 1}})
	if m.Diagnostic() != nil || len(checked) != n {
		t.Fatal("took another editor's check result")
	}
	m.SetDiagnostic(&Diagnostic{Line: 1, Column: 1, Message: "TypeError: x"})
	if !strings.HasPrefix(editorTestPlain(m.View()), "!  1 a  TypeError: x") {
		t.Fatalf("SetDiagnostic not shown:\n%s", editorTestPlain(m.View()))
	}
}

func TestHighlightingIsAsyncAndCached(t *testing.T) {
	m := editorTestNew(t, "const a = 'x'; // c\nreturn a;\n", 40, 4)
	keyword := m.styles[stKeyword].open
	if strings.Contains(m.View(), keyword) {
		t.Fatal("highlighted before the lexing result arrived")
	}
	cmd := m.Init()
	if cmd == nil {
		t.Fatal("Init started no highlighting")
	}
	editorTestRun(t, m, cmd)
	v := m.View()
	if !strings.Contains(v, keyword+"const") || !strings.Contains(v, m.styles[stString].open+"'x'") ||
		!strings.Contains(v, m.styles[stComment].open+"// c") {
		t.Fatalf("not highlighted: %q", v)
	}
	hits := m.hl.hits
	m.View()
	if m.hl.hits <= hits {
		t.Fatal("drawing again did not use the cached spans")
	}
	// Insert a line before: until the new result arrives, the moved lines are still
	// highlighted from the cache by their content, the new line is plain.
	m.Update(editorTestKey(t, "enter"))
	m.hl.hits = 0
	v = m.View()
	if !strings.Contains(v, keyword+"return") || m.hl.hits == 0 {
		t.Fatalf("moved line lost its highlighting before re-lexing: %q", v)
	}
}

func TestLexLinesSpansMultiLineTokens(t *testing.T) {
	lines := lexLines(New(Options{}).lexer, []string{"/* a", "b */ x", "`t", "u`"})
	if len(lines[1]) == 0 || lines[1][0] != (span{start: 0, end: 4, style: stComment}) {
		t.Fatalf("block comment's second line: %+v", lines[1])
	}
	if len(lines[3]) == 0 || lines[3][0].style != stString {
		t.Fatalf("template literal's second line: %+v", lines[3])
	}
}

func TestScanStates(t *testing.T) {
	texts := []string{
		"a = 1; // `not a template /* nor a comment",
		"/* comment",
		"still */ b = `tpl",
		"${ x + `inner",
		"inner` } more`; c = /[`]/.test(s);",
		"d = 'quote ` inside'",
		"e",
	}
	want := []lexState{
		{}, {}, {mode: stateComment}, {mode: stateTemplate, depth: 1},
		{mode: stateTemplate, depth: 2}, {}, {},
	}
	got := scanStates(texts)
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("line %d %q starts in %+v, want %+v", i+1, texts[i], got[i], want[i])
		}
	}
}

func TestHighlightingRelexesOnlyWhatChanged(t *testing.T) {
	var b strings.Builder
	for i := range 1000 {
		b.WriteString("var x" + strconv.Itoa(i) + " = 'a'; // c\n")
	}
	b.WriteString("// the end */\n")
	src := b.String()
	m := editorTestNew(t, src, 40, 10)
	first := m.startLex()().(highlightMsg)
	if !first.partial || first.lexed >= 1000 {
		t.Fatalf("a new 1000-line script did not start with the visible part: lexed %d, partial %v", first.lexed, first.partial)
	}
	m.Update(first)
	rest := m.startLex()().(highlightMsg)
	if rest.partial || rest.lexed+first.lexed != m.buf.lineCount() {
		t.Fatalf("second pass lexed %d (partial %v), first %d: want the remaining lines", rest.lexed, rest.partial, first.lexed)
	}
	m.Update(rest)

	// Keys sent straight to Update: the highlighting they schedule is run by hand below.
	for _, k := range []string{"down", "down", "end", "space", "x"} {
		m.Update(editorTestKey(t, k))
	}
	msg := m.startLex()().(highlightMsg)
	if msg.lexed != 1 {
		t.Fatalf("typing on one line re-lexed %d lines", msg.lexed)
	}
	m.Update(msg)

	// Opening a block comment (closed by the last line's "*/") changes how every later line
	// starts: all of them are lexed again.
	for _, k := range []string{"ctrl+home", "/", "*"} {
		m.Update(editorTestKey(t, k))
	}
	for range 3 {
		msg = m.startLex()().(highlightMsg)
		m.Update(msg)
		if !msg.partial {
			break
		}
	}
	if msg.partial {
		t.Fatal("highlighting never completed")
	}
	if sp, _ := m.hl.spans(250, m.buf.lines[250].text); len(sp) != 1 || sp[0].style != stComment {
		t.Fatalf("line 251 is not drawn as a comment after /* at the top: %+v", sp)
	}
}

func TestGoldenViews(t *testing.T) {
	src := "module.exports = function (client, scope, audience, context, cb) {\n" +
		"\tvar access_token = {};\n" +
		"\taccess_token['https://example.com/claim'] = 'bar';\n" +
		"\taccess_token.scope = scope;\n" +
		"\tcb(null, access_token);\n" +
		"};\n"
	t.Run("highlighted 60x8", func(t *testing.T) {
		m := editorTestNew(t, src, 60, 8)
		editorTestRun(t, m, m.Init())
		editorTestGolden(t, "highlighted_60x8", m.View())
	})
	t.Run("selection and diagnostic 40x6", func(t *testing.T) {
		m := editorTestNew(t, src, 40, 6)
		editorTestRun(t, m, m.Init())
		m.SetDiagnostic(&Diagnostic{Line: 3, Column: 14, Message: "SyntaxError: Unexpected token"})
		editorTestPress(t, m, "down", "shift+down", "shift+right", "shift+right")
		editorTestGolden(t, "selection_diag_40x6", m.View())
	})
	t.Run("no colour 80x24", func(t *testing.T) {
		m := editorTestNew(t, src, 80, 24, func(o *Options) { o.Styles = PlainStyles() })
		editorTestRun(t, m, m.Init())
		m.SetDiagnostic(&Diagnostic{Line: 5, Column: 2, Message: "ReferenceError: cb is not defined"})
		editorTestPress(t, m, "down", "end", "shift+left", "shift+left", "shift+left")
		editorTestGolden(t, "plain_80x24", m.View())
	})
	t.Run("scrolled sideways with find prompt 30x5", func(t *testing.T) {
		m := editorTestNew(t, src, 30, 5)
		editorTestRun(t, m, m.Init())
		editorTestPress(t, m, "ctrl+f")
		editorTestType(t, m, "claim")
		editorTestGolden(t, "find_30x5", m.View())
	})
}
