package editor

import (
	"time"

	tea "charm.land/bubbletea/v2"
)

// The editor's own messages. Each names its Model so that, with several editors, each one
// keeps only its own results.
type (
	highlightTickMsg struct {
		m       *Model
		version uint64
	}
	highlightMsg struct {
		m       *Model
		version uint64
		lines   []hlLine
		byText  map[string][]span
		cache   map[hlKey][]span
		partial bool // only the lines around the view: the rest follows at once
		lexed   int  // how many lines chroma lexed (tests check the cache spares the rest)
	}
	checkTickMsg struct {
		m       *Model
		version uint64
	}
	checkMsg struct {
		m       *Model
		version uint64
		diag    *Diagnostic
	}
	clipboardReadMsg struct {
		m    *Model
		text string
		err  error
	}
	clipboardWriteMsg struct {
		m   *Model
		err error
	}
)

// isRootKey reports the root's keys: the editor must not act on them (see the package
// comment). esc is the root's too unless the editor's prompt is open.
func (m *Model) isRootKey(msg tea.KeyPressMsg) bool {
	switch msg.String() {
	case "ctrl+s", "ctrl+r", "ctrl+e", "ctrl+c", "ctrl+z", "shift+tab":
		return true
	case "esc":
		return m.prompt == promptNone
	}
	return false
}

// Update handles a message and returns the work it starts.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if !m.focused {
			return nil
		}
		if m.isRootKey(msg) {
			return nil
		}
		cmd = m.handleKey(msg)
	case tea.PasteMsg:
		if !m.focused {
			return nil
		}
		if m.prompt != promptNone {
			m.promptType(msg.Content)
		} else {
			m.paste(msg.Content)
		}
	case tea.MouseClickMsg:
		m.click(msg.Mouse())
	case tea.MouseMotionMsg:
		m.drag(msg.Mouse())
	case tea.MouseReleaseMsg:
		m.dragging = false
	case tea.MouseWheelMsg:
		m.wheel(msg.Mouse())
	case highlightTickMsg:
		if msg.m != m || msg.version != m.version {
			return nil // a newer edit scheduled its own tick
		}
		m.lexNow = true
	case highlightMsg:
		if msg.m != m {
			return nil
		}
		m.hl.lines, m.hl.byText, m.hl.cache = msg.lines, msg.byText, msg.cache
		m.lexInFlight = false
		if msg.partial {
			m.lexDirty, m.lexNow = true, true
		}
	case checkTickMsg:
		if msg.m != m || msg.version != m.version || m.checker == nil {
			return nil
		}
		return m.checkCmd()
	case checkMsg:
		if msg.m == m && msg.version == m.version {
			m.diag = msg.diag
		}
		return nil
	case clipboardReadMsg:
		if msg.m != m {
			return nil
		}
		if msg.err != nil {
			m.setNotice("paste: " + msg.err.Error())
			return nil
		}
		if m.prompt != promptNone {
			m.promptType(msg.text)
		} else {
			m.paste(msg.text)
		}
	case clipboardWriteMsg:
		if msg.m == m && msg.err != nil {
			m.setNotice(msg.err.Error())
		}
		return nil
	}
	return tea.Batch(cmd, m.pendingWork())
}

// pendingWork starts what the last changes made due: a new script is highlighted and
// checked at once, edits are debounced (one tick per version; older ticks are dropped), and
// only one highlighting runs at a time.
func (m *Model) pendingWork() tea.Cmd {
	var cmds []tea.Cmd
	if m.lexDirty && !m.lexInFlight {
		if m.lexNow {
			cmds = append(cmds, m.startLex())
		} else if m.lexTickFor != m.version {
			v := m.version
			m.lexTickFor = v
			cmds = append(cmds, tea.Tick(m.hlWait, func(time.Time) tea.Msg { return highlightTickMsg{m: m, version: v} }))
		}
	}
	if m.checkDirty && m.checker != nil {
		m.checkDirty = false
		if m.checkNow {
			m.checkNow = false
			cmds = append(cmds, m.checkCmd())
		} else {
			v := m.version
			cmds = append(cmds, tea.Tick(m.checkWait, func(time.Time) tea.Msg { return checkTickMsg{m: m, version: v} }))
		}
	}
	return tea.Batch(cmds...)
}

// checkCmd runs the checker on the current content off the UI goroutine.
func (m *Model) checkCmd() tea.Cmd {
	src, v, check := m.Content(), m.version, m.checker
	return func() tea.Msg { return checkMsg{m: m, version: v, diag: safeCheck(check, src)} }
}

// safeCheck runs the checker so that a parser panicking on odd input costs the error mark,
// not the whole TUI.
func safeCheck(check func(string) *Diagnostic, src string) (d *Diagnostic) {
	defer func() {
		if recover() != nil {
			d = nil
		}
	}()
	return check(src)
}
