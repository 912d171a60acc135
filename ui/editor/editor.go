// Package editor is the TUI's script editor: a line-based buffer that keeps the hook's
// script byte for byte (tabs, CRLF, a missing final newline), JavaScript highlighting lexed
// off the UI goroutine and cached per line, a line-number gutter that marks the syntax error
// found by a debounced check, horizontal scrolling, selection, clipboard, undo/redo, search
// and go-to-line, drawn one visible row at a time so a 10,000-line script stays fast.
//
// It is not bubbles/textarea on purpose: textarea re-renders every line each frame, stops
// taking Enter at 99 lines by default and turns tabs into spaces.
//
// Keys the editor never handles, so the root can: ctrl+s, ctrl+r, ctrl+e, ctrl+c, ctrl+z,
// shift+tab and esc (esc only closes the editor's own search / go-to-line prompt while one is
// open, see Prompting). The editor returns nil for them and leaves the buffer untouched.
// tab inserts a tab when the root forwards it; ctrl+t always does.
//
// Coordinates: Cursor() is relative to the editor's own view origin, and mouse messages are
// expected relative to it too: the root subtracts the editor's screen offset from
// tea.MouseClickMsg / MouseMotionMsg / MouseReleaseMsg / MouseWheelMsg before forwarding them
// (and adds it to Cursor()).
//
// Asynchronous work (highlighting, the syntax check, clipboard reads) comes back as the
// editor's own unexported messages naming the Model they belong to; the root forwards every
// message it does not handle itself and each editor drops what is not its own. Call Init
// after New/SetContent to start highlighting at once; otherwise it starts on the next
// message the editor receives.
package editor

import (
	"strings"
	"time"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/alecthomas/chroma/v2"
	"github.com/hookterm/hookterm/ui/common"
	syntax "github.com/hookterm/hookterm/ui/highlight"
)

// Diagnostic is a problem at a place in the script, 1-based line and column (the column
// counts characters). Column 0 means the whole line.
type Diagnostic struct {
	Line, Column int
	Message      string
}

// Options configure New. Every field is optional.
type Options struct {
	// Checker returns the first syntax error of src, or nil. It runs in a tea.Cmd, off the UI
	// goroutine, CheckDelay after the last edit; results for older versions are dropped.
	Checker func(src string) *Diagnostic
	// Clipboard for copy, cut and paste; nil means the system clipboard with an in-memory
	// fallback.
	Clipboard Clipboard
	// Styles; the zero value means DefaultStyles().
	Styles Styles
	// Keys; the zero value means DefaultKeyMap().
	Keys KeyMap
	// TabWidth is how many columns a tab stop spans; 0 means 4.
	TabWidth int
	// CheckDelay debounces Checker; 0 means 300 ms.
	CheckDelay time.Duration
	// HighlightDelay debounces re-highlighting after edits; 0 means 60 ms.
	HighlightDelay time.Duration
}

// Model is the editor. Use it through a pointer: it is updated in place.
type Model struct {
	keys      KeyMap
	styles    compiled
	checker   func(string) *Diagnostic
	clipboard Clipboard
	tabWidth  int
	checkWait time.Duration
	hlWait    time.Duration
	lexer     chroma.Lexer

	buf     *buffer
	version uint64
	content struct {
		version uint64
		valid   bool
		text    string
	}
	eol    string // ending for new lines: the script's first one
	indent string // one level of auto-indent, detected from the script

	cur       Pos
	anchor    Pos
	selecting bool
	goalX     int // the visual column up/down aim for; -1 when unset
	dragging  bool

	top, left     int
	width, height int
	focused       bool

	diag    *Diagnostic
	hl      highlight
	bracket bracketPair

	// Highlighting and checking state, see pendingWork.
	lexDirty, lexNow, lexInFlight bool
	lexTickFor                    uint64
	checkDirty, checkNow          bool

	undo, redo []edit

	prompt        promptKind
	input         string
	inputSelected bool // the prompt holds the last query, selected: typing replaces it
	query         string
	findOrigin    Pos
	matchInfo     string
	notice        string
}

// New builds an editor holding an empty script.
func New(opts Options) *Model {
	m := &Model{
		keys:      opts.Keys,
		checker:   opts.Checker,
		clipboard: opts.Clipboard,
		tabWidth:  opts.TabWidth,
		checkWait: opts.CheckDelay,
		hlWait:    opts.HighlightDelay,
		lexer:     syntax.JavaScript(),
		goalX:     -1,
		width:     80,
		height:    24,
	}
	if len(m.keys.Up.Keys()) == 0 {
		m.keys = DefaultKeyMap()
	}
	m.styles = compileStyles(opts.Styles)
	if m.styles == (compiled{}) {
		m.styles = compileStyles(DefaultStyles())
	}
	if m.clipboard == nil {
		m.clipboard = NewSystemClipboard()
	}
	if m.tabWidth <= 0 {
		m.tabWidth = 4
	}
	if m.checkWait <= 0 {
		m.checkWait = 300 * time.Millisecond
	}
	if m.hlWait <= 0 {
		m.hlWait = 60 * time.Millisecond
	}
	if m.lexer != nil {
		m.lexer = chroma.Coalesce(m.lexer)
	}
	m.SetContent("")
	return m
}

// Init starts highlighting and checking the current content.
func (m *Model) Init() tea.Cmd { return m.pendingWork() }

// SetContent replaces the script and forgets undo history and the diagnostic. It bumps
// Version. The cursor and the scroll position stay where they were (clamped to the new
// script): a reload after an external edit or a conflict keeps the user's place, and a new
// editor starts at the top anyway.
func (m *Model) SetContent(s string) {
	m.buf = newBuffer(s)
	m.version++
	m.eol = "\n"
	if len(m.buf.lines) > 1 {
		m.eol = m.buf.lines[0].eol
	}
	m.indent = detectIndent(m.buf.lines)
	m.cur, m.anchor, m.selecting, m.goalX = m.buf.clamp(m.cur), Pos{}, false, -1
	m.top = min(m.top, m.buf.lineCount()-1)
	m.undo, m.redo = nil, nil
	m.diag = nil
	m.lexDirty, m.lexNow, m.lexTickFor = true, true, 0
	m.checkDirty, m.checkNow = true, true
	m.closePrompt()
	m.scrollToCursor()
}

// Content is the script, byte for byte.
func (m *Model) Content() string {
	if !m.content.valid || m.content.version != m.version {
		m.content.text = m.buf.String()
		m.content.version, m.content.valid = m.version, true
	}
	return m.content.text
}

// Version changes on every edit (and SetContent), so async results and the root's caches can
// tell whether they are stale.
func (m *Model) Version() uint64 { return m.version }

// SetDiagnostic marks a problem (a syntax error, or a run's error location); nil clears it.
// The next syntax check after an edit replaces it.
func (m *Model) SetDiagnostic(d *Diagnostic) {
	if d == nil {
		m.diag = nil
		return
	}
	c := *d
	m.diag = &c
}

// Diagnostic is the problem currently marked, or nil.
func (m *Model) Diagnostic() *Diagnostic { return m.diag }

// Focus gives the editor the keyboard.
func (m *Model) Focus() { m.focused = true }

// Blur takes the keyboard away and closes any prompt.
func (m *Model) Blur() {
	m.focused = false
	m.dragging = false
	m.closePrompt()
}

// Focused reports whether the editor has the keyboard.
func (m *Model) Focused() bool { return m.focused }

// Prompting reports whether the search or go-to-line prompt is open: then esc closes it, so
// the root may forward esc instead of acting on it.
func (m *Model) Prompting() bool { return m.prompt != promptNone }

// Keys is the editor's key map, for the footer and the full help.
func (m *Model) Keys() KeyMap { return m.keys }

// ShortHelp implements help.KeyMap: the prompt's keys while one is open, else the editor's.
func (m *Model) ShortHelp() []key.Binding {
	switch m.prompt {
	case promptFind:
		return []key.Binding{
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "done")),
			m.keys.FindNext, m.keys.FindPrev,
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		}
	case promptGoto:
		return []key.Binding{
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "go to line[:column]")),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		}
	}
	return m.keys.ShortHelp()
}

// FullHelp implements help.KeyMap.
func (m *Model) FullHelp() [][]key.Binding { return m.keys.FullHelp() }

// SetSize sets the editor's width and height in cells.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = max(w, 1), max(h, 1)
	m.scrollToCursor()
}

// GotoLine moves the cursor to a 1-based line and column (in characters; 0 or less means
// the line's first non-blank character) and scrolls it into view, centred when it was off
// screen.
func (m *Model) GotoLine(line, col int) {
	m.selecting = false
	l := min(max(line-1, 0), m.buf.lineCount()-1)
	text := m.buf.lines[l].text
	c := leadingWhitespace(text)
	if col > 0 {
		c = runeOffset(text, col-1)
	}
	m.cur = Pos{Line: l, Col: c}
	m.goalX = -1
	rows := m.textRows()
	if l < m.top || l >= m.top+rows {
		m.top = max(0, min(l-rows/2, m.buf.lineCount()-rows))
	}
	m.scrollToCursor()
}

// CursorPos is the cursor's buffer position: 0-based line and byte offset into it.
func (m *Model) CursorPos() Pos { return m.cur }

// Selection returns the selected text, if any.
func (m *Model) Selection() (string, bool) {
	from, to, ok := m.selection()
	if !ok {
		return "", false
	}
	return m.buf.textRange(from, to), true
}

// Cursor is where the terminal's cursor goes, relative to the editor's view origin, or nil
// when the editor is not focused or the cursor is scrolled out of view.
func (m *Model) Cursor() *tea.Cursor {
	if !m.focused {
		return nil
	}
	if m.prompt != promptNone {
		x := displayWidth(m.promptLabel()+m.input, m.tabWidth)
		if x >= m.width {
			x = m.width - 1
		}
		c := tea.NewCursor(x, m.height-1)
		c.Shape = tea.CursorBar
		return c
	}
	y := m.cur.Line - m.top
	x := m.gutterWidth() + visualCol(m.buf.lines[m.cur.Line].text, m.cur.Col, m.tabWidth) - m.left
	if y < 0 || y >= m.textRows() || x < m.gutterWidth() || x >= m.width {
		return nil
	}
	c := tea.NewCursor(x, y)
	c.Shape = tea.CursorBar
	return c
}

// detectIndent picks the script's indent unit: a tab when indented lines mostly start with
// one, else the smallest space indent seen, else two spaces (what Auth0's examples use).
func detectIndent(lines []line) string {
	tabs, spaces, smallest := 0, 0, 0
	for i, l := range lines {
		if i > 2000 {
			break
		}
		switch {
		case strings.HasPrefix(l.text, "\t"):
			tabs++
		case strings.HasPrefix(l.text, " "):
			n := len(l.text) - len(strings.TrimLeft(l.text, " "))
			if n == len(l.text) || strings.HasPrefix(strings.TrimLeft(l.text, " "), "*") {
				continue // blank lines and the " * " of block comments say nothing
			}
			spaces++
			if smallest == 0 || n < smallest {
				smallest = n
			}
		}
	}
	if tabs > spaces {
		return "\t"
	}
	if smallest >= 2 && smallest <= 8 {
		return strings.Repeat(" ", smallest)
	}
	return "  "
}

func leadingWhitespace(s string) int {
	return len(s) - len(strings.TrimLeft(s, " \t"))
}

// runeOffset is the byte offset of the n-th rune of s (clamped to len(s)).
func runeOffset(s string, n int) int {
	for i := range s {
		if n == 0 {
			return i
		}
		n--
	}
	return len(s)
}

func runeCount(s string) int { return utf8.RuneCountInString(s) }

// The root drives the editor through the common pane contract.
var _ common.Component = (*Model)(nil)
