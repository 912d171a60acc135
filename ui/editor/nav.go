package editor

import (
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// handleKey runs one key press in the buffer (or the open prompt).
func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	m.notice = ""
	if m.prompt != promptNone {
		return m.promptKey(msg)
	}
	k := m.keys
	switch {
	case key.Matches(msg, k.Up):
		m.moveVert(-1, false)
	case key.Matches(msg, k.Down):
		m.moveVert(1, false)
	case key.Matches(msg, k.Left):
		if from, _, ok := m.selection(); ok {
			m.moveTo(from, false)
		} else {
			m.moveTo(m.left1(m.cur), false)
		}
	case key.Matches(msg, k.Right):
		if _, to, ok := m.selection(); ok {
			m.moveTo(to, false)
		} else {
			m.moveTo(m.right1(m.cur), false)
		}
	case key.Matches(msg, k.WordLeft):
		m.moveTo(m.wordLeft(m.cur), false)
	case key.Matches(msg, k.WordRight):
		m.moveTo(m.wordRight(m.cur), false)
	case key.Matches(msg, k.Home):
		m.moveTo(m.home(m.cur), false)
	case key.Matches(msg, k.End):
		m.moveTo(m.end(m.cur), false)
	case key.Matches(msg, k.PageUp):
		m.page(-1, false)
	case key.Matches(msg, k.PageDown):
		m.page(1, false)
	case key.Matches(msg, k.Top):
		m.moveTo(Pos{}, false)
	case key.Matches(msg, k.Bottom):
		m.moveTo(m.buf.clamp(Pos{Line: m.buf.lineCount()}), false)
	case key.Matches(msg, k.SelectUp):
		m.moveVert(-1, true)
	case key.Matches(msg, k.SelectDown):
		m.moveVert(1, true)
	case key.Matches(msg, k.SelectLeft):
		m.moveTo(m.left1(m.cur), true)
	case key.Matches(msg, k.SelectRight):
		m.moveTo(m.right1(m.cur), true)
	case key.Matches(msg, k.SelectWordLeft):
		m.moveTo(m.wordLeft(m.cur), true)
	case key.Matches(msg, k.SelectWordRight):
		m.moveTo(m.wordRight(m.cur), true)
	case key.Matches(msg, k.SelectHome):
		m.moveTo(m.home(m.cur), true)
	case key.Matches(msg, k.SelectEnd):
		m.moveTo(m.end(m.cur), true)
	case key.Matches(msg, k.SelectPageUp):
		m.page(-1, true)
	case key.Matches(msg, k.SelectPageDown):
		m.page(1, true)
	case key.Matches(msg, k.SelectTop):
		m.moveTo(Pos{}, true)
	case key.Matches(msg, k.SelectBottom):
		m.moveTo(m.buf.clamp(Pos{Line: m.buf.lineCount()}), true)
	case key.Matches(msg, k.SelectAll):
		m.anchor, m.selecting = Pos{}, true
		m.cur = m.buf.clamp(Pos{Line: m.buf.lineCount()})
		m.scrollToCursor()
	case key.Matches(msg, k.Newline):
		m.newline()
	case key.Matches(msg, k.InsertTab):
		m.insert("\t", editType)
	case key.Matches(msg, k.Backspace):
		m.deleteBack()
	case key.Matches(msg, k.Delete):
		m.deleteForward()
	case key.Matches(msg, k.DeleteWordLeft):
		m.deleteWord(false)
	case key.Matches(msg, k.DeleteWordRight):
		m.deleteWord(true)
	case key.Matches(msg, k.Copy):
		return m.copyCmd(false)
	case key.Matches(msg, k.Cut):
		return m.copyCmd(true)
	case key.Matches(msg, k.Paste):
		cb := m.clipboard
		return func() tea.Msg {
			s, err := cb.ReadText()
			return clipboardReadMsg{m: m, text: s, err: err}
		}
	case key.Matches(msg, k.Undo):
		m.undoStep()
	case key.Matches(msg, k.Redo):
		m.redoStep()
	case key.Matches(msg, k.Find):
		m.openPrompt(promptFind)
	case key.Matches(msg, k.FindNext):
		m.findNext(true)
	case key.Matches(msg, k.FindPrev):
		m.findNext(false)
	case key.Matches(msg, k.GotoLine):
		m.openPrompt(promptGoto)
	default:
		if t := typedText(msg); t != "" {
			m.insert(t, editType)
		}
	}
	return nil
}

// typedText is the text a key press types, or "" for a command key.
func typedText(msg tea.KeyPressMsg) string {
	if msg.Text == "" || msg.Mod&(tea.ModCtrl|tea.ModAlt|tea.ModSuper|tea.ModMeta|tea.ModHyper) != 0 {
		return ""
	}
	for _, r := range msg.Text {
		if r < 0x20 || r == 0x7f {
			return ""
		}
	}
	return msg.Text
}

// copyCmd copies the selection (or the cursor's line when nothing is selected, like most
// editors) and, for cut, deletes it. The clipboard is written off the UI goroutine: system
// clipboards shell out to xclip, pbcopy and friends.
func (m *Model) copyCmd(cut bool) tea.Cmd {
	from, to, ok := m.selection()
	var text string
	if ok {
		text = m.buf.textRange(from, to)
	} else {
		n, last := m.cur.Line, m.buf.lineCount()-1
		l := m.buf.lines[n]
		text = l.text + l.eol
		from, to = Pos{Line: n}, Pos{Line: n + 1}
		if n == last {
			text += m.eol // a copied line pastes as a line, even the last one
			to = Pos{Line: n, Col: len(l.text)}
			if n > 0 {
				// Cutting the last line takes the line break before it with it.
				from = Pos{Line: n - 1, Col: len(m.buf.lines[n-1].text)}
			}
		}
	}
	if cut {
		m.apply(from, to, "", editOther)
	}
	cb := m.clipboard
	write := func() tea.Msg { return clipboardWriteMsg{m: m, err: cb.WriteText(text)} }
	if tc, ok := cb.(terminalCopier); ok && tc.CopyToTerminal() {
		return tea.Batch(write, tea.SetClipboard(text))
	}
	return write
}

// moveTo puts the cursor at p, extending the selection or dropping it.
func (m *Model) moveTo(p Pos, selecting bool) {
	m.startSelection(selecting)
	m.cur = m.buf.clamp(p)
	m.goalX = -1
	m.scrollToCursor()
}

func (m *Model) startSelection(selecting bool) {
	if !selecting {
		m.selecting = false
		return
	}
	if !m.selecting {
		m.anchor, m.selecting = m.cur, true
	}
}

// moveVert moves n lines, aiming for the column the cursor had before vertical moves began.
func (m *Model) moveVert(n int, selecting bool) {
	m.startSelection(selecting)
	if m.goalX < 0 {
		m.goalX = visualCol(m.buf.lines[m.cur.Line].text, m.cur.Col, m.tabWidth)
	}
	l := m.cur.Line + n
	switch {
	case l < 0:
		m.cur = Pos{}
	case l >= m.buf.lineCount():
		m.cur = m.buf.clamp(Pos{Line: m.buf.lineCount()})
	default:
		m.cur = Pos{Line: l, Col: colAtVisual(m.buf.lines[l].text, m.goalX, m.tabWidth)}
	}
	m.scrollToCursor()
}

// page moves the cursor and the view by a screenful.
func (m *Model) page(dir int, selecting bool) {
	rows := m.textRows()
	m.top = max(0, min(m.top+dir*rows, m.buf.lineCount()-rows))
	goal := m.goalX
	m.moveVert(dir*rows, selecting)
	m.goalX = goal
	if m.goalX < 0 {
		m.goalX = visualCol(m.buf.lines[m.cur.Line].text, m.cur.Col, m.tabWidth)
	}
}

func (m *Model) left1(p Pos) Pos {
	if p.Col > 0 {
		_, size := utf8.DecodeLastRuneInString(m.buf.lines[p.Line].text[:p.Col])
		return Pos{Line: p.Line, Col: p.Col - size}
	}
	if p.Line > 0 {
		return Pos{Line: p.Line - 1, Col: len(m.buf.lines[p.Line-1].text)}
	}
	return p
}

func (m *Model) right1(p Pos) Pos {
	t := m.buf.lines[p.Line].text
	if p.Col < len(t) {
		_, size := utf8.DecodeRuneInString(t[p.Col:])
		return Pos{Line: p.Line, Col: p.Col + size}
	}
	if p.Line < m.buf.lineCount()-1 {
		return Pos{Line: p.Line + 1}
	}
	return p
}

// home goes to the first non-blank character, or to column 0 when already there.
func (m *Model) home(p Pos) Pos {
	ws := leadingWhitespace(m.buf.lines[p.Line].text)
	if p.Col == ws {
		return Pos{Line: p.Line}
	}
	return Pos{Line: p.Line, Col: ws}
}

func (m *Model) end(p Pos) Pos {
	return Pos{Line: p.Line, Col: len(m.buf.lines[p.Line].text)}
}

// scrollToCursor scrolls the least that shows the cursor; sideways it jumps a third of the
// width so typing at the edge does not scroll on every key.
func (m *Model) scrollToCursor() {
	rows := m.textRows()
	if m.cur.Line < m.top {
		m.top = m.cur.Line
	} else if m.cur.Line >= m.top+rows {
		m.top = m.cur.Line - rows + 1
	}
	w := m.textWidth()
	vc := visualCol(m.buf.lines[m.cur.Line].text, m.cur.Col, m.tabWidth)
	if vc < m.left {
		m.left = max(0, vc-w/3)
	} else if vc >= m.left+w {
		m.left = vc - w + 1 + w/3
	}
}

// click moves the cursor to the clicked cell (coordinates relative to the editor).
func (m *Model) click(ms tea.Mouse) {
	if ms.Button != tea.MouseLeft {
		return
	}
	p, ok := m.posAt(ms.X, ms.Y)
	if !ok {
		return
	}
	if ms.Mod&tea.ModShift != 0 {
		m.startSelection(true)
	} else {
		m.selecting = false
		m.anchor = p
	}
	m.cur = p
	m.goalX = -1
	m.dragging = true
}

// drag extends a selection from the click while the left button is held.
func (m *Model) drag(ms tea.Mouse) {
	if !m.dragging || ms.Button != tea.MouseLeft {
		return
	}
	p, ok := m.posAt(max(ms.X, m.gutterWidth()), min(max(ms.Y, 0), m.textRows()-1))
	if !ok {
		return
	}
	m.selecting = true
	m.cur = p
	m.goalX = -1
	m.scrollToCursor()
}

func (m *Model) posAt(x, y int) (Pos, bool) {
	if y < 0 || y >= m.textRows() || x < 0 || x >= m.width {
		return Pos{}, false
	}
	l := min(m.top+y, m.buf.lineCount()-1)
	vx := max(0, x-m.gutterWidth()) + m.left
	if x < m.gutterWidth() {
		vx = 0
	}
	return Pos{Line: l, Col: colAtVisual(m.buf.lines[l].text, vx, m.tabWidth)}, true
}

// wheel scrolls the view without moving the cursor; shift or the horizontal wheel scrolls
// sideways.
func (m *Model) wheel(ms tea.Mouse) {
	const lines, cols = 3, 8
	horizontal := ms.Mod&tea.ModShift != 0
	switch {
	case ms.Button == tea.MouseWheelUp && !horizontal:
		m.scrollBy(-lines)
	case ms.Button == tea.MouseWheelDown && !horizontal:
		m.scrollBy(lines)
	case ms.Button == tea.MouseWheelLeft, ms.Button == tea.MouseWheelUp:
		m.left = max(0, m.left-cols)
	case ms.Button == tea.MouseWheelRight, ms.Button == tea.MouseWheelDown:
		// No further than the end of the longest visible line: past it there is nothing to
		// see. Only the visible lines are measured, never the whole script.
		widest := 0
		for i := m.top; i < min(m.top+m.textRows(), m.buf.lineCount()); i++ {
			t := m.buf.lines[i].text
			widest = max(widest, visualCol(t, len(t), m.tabWidth))
		}
		m.left = max(m.left, min(m.left+cols, widest-m.textWidth()/2))
	}
}

// scrollBy moves the view n rows; the last line can scroll up to the bottom row, no further.
func (m *Model) scrollBy(n int) {
	m.top = max(0, min(m.top+n, m.buf.lineCount()-m.textRows()))
}
