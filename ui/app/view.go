package app

import (
	"fmt"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/hookterm/hookterm/ui/common"
)

type rect struct{ x, y, w, h int }

func (r rect) contains(x, y int) bool {
	return r.h > 0 && r.w > 0 && x >= r.x && x < r.x+r.w && y >= r.y && y < r.y+r.h
}

// layout is where each pane sits; a pane's rect includes its title line.
type layout struct {
	bodyY, bodyH int
	list         rect
	right        rect
	editor       rect
	run          rect
	logs         rect
}

// resize recomputes the layout for a width×height terminal and resizes every pane.
func (m *Model) resize(w, h int) {
	m.width, m.height = max(w, 1), max(h, 1)
	w, h = m.width, m.height
	var l layout
	l.bodyY = 1
	l.bodyH = max(1, h-3) // header, status line, help line
	listW := min(max(w*35/100, 24), 40)
	if w < 50 {
		listW = w / 2
	}
	l.list = rect{0, l.bodyY, listW, l.bodyH}
	l.right = rect{listW + 1, l.bodyY, max(0, w-listW-1), l.bodyH}
	hasRun := m.opts.RunPane != nil
	hasLogs := m.opts.LogPane != nil && m.showLogs
	edH := l.bodyH
	switch {
	case hasRun && hasLogs && l.bodyH >= 30:
		bot := l.bodyH / 4
		edH = l.bodyH - 2*bot
		l.run = rect{l.right.x, l.bodyY + edH, l.right.w, bot}
		l.logs = rect{l.right.x, l.bodyY + edH + bot, l.right.w, l.bodyH - edH - bot}
	case hasLogs:
		bot := max(4, l.bodyH*2/5)
		edH = l.bodyH - bot
		l.logs = rect{l.right.x, l.bodyY + edH, l.right.w, bot}
	case hasRun:
		bot := max(4, l.bodyH*2/5)
		edH = l.bodyH - bot
		l.run = rect{l.right.x, l.bodyY + edH, l.right.w, bot}
	}
	l.editor = rect{l.right.x, l.bodyY, l.right.w, edH}
	m.lay = l
	m.list.SetSize(l.list.w, l.list.h)
	for _, b := range m.buffers {
		b.ed.SetSize(l.editor.w, max(1, l.editor.h-1))
	}
	// The run and log panes draw their own header lines (which show their focus).
	if m.opts.RunPane != nil && l.run.h > 0 {
		m.opts.RunPane.SetSize(l.run.w, l.run.h)
	}
	if m.opts.LogPane != nil && l.logs.h > 0 {
		m.opts.LogPane.SetSize(l.logs.w, l.logs.h)
	}
	m.help.SetWidth(w)
	m.sizeDialog()
	if m.focus == paneRun && l.run.h == 0 || m.focus == paneLogs && l.logs.h == 0 {
		m.setFocus(paneList)
	}
}

// View draws the screen.
func (m *Model) View() (v tea.View) {
	defer func() {
		if r := recover(); r != nil {
			m.log.Error("panic in View", "value", fmt.Sprint(r), "stack", string(debug.Stack()))
			v = tea.NewView("hookterm: internal error while drawing (details in hookterm.log).\n" +
				"Unsaved buffers are kept as drafts. Press ctrl+c to quit.")
			v.AltScreen = true
		}
	}()
	v = tea.NewView(m.render())
	if (m.loaded || m.fromSnapshot) && !m.firstFrame {
		// The start-up benchmark (BENCHMARKS.md) reads this line: the first frame that
		// shows the hooks.
		m.firstFrame = true
		source := "tenant"
		if m.fromSnapshot {
			source = "snapshot"
		}
		m.log.Info("first frame", "hooks", len(m.list.Hooks()), "source", source, "unix_ns", time.Now().UnixNano())
		if m.opts.AfterFirstFrame != nil {
			m.opts.AfterFirstFrame()
		}
	}
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "hookterm"
	if m.dialog == nil && !m.showHelp && m.focus == paneEditor && m.width >= minWidth && m.height >= minHeight {
		if b := m.buffers[m.current]; b != nil {
			if c := b.ed.Cursor(); c != nil {
				cc := *c
				cc.X += m.lay.editor.x
				cc.Y += m.lay.editor.y + 1
				v.Cursor = &cc
			}
		}
	}
	return v
}

// minWidth and minHeight are the smallest screen the panes can be drawn in.
const (
	minWidth  = 40
	minHeight = 10
)

func (m *Model) render() string {
	w := m.width
	if w < minWidth || m.height < minHeight {
		msg := "hookterm needs a terminal of at least " + strconv.Itoa(minWidth) + "×" + strconv.Itoa(minHeight) +
			"; this one is " + strconv.Itoa(w) + "×" + strconv.Itoa(m.height) + ". ctrl+c quits."
		return common.Fit(ansi.Wrap(msg, w, ""), w, m.height)
	}
	parts := []string{common.Fit(m.headerView(), w, 1), m.bodyView(), common.Fit(m.statusView(), w, 1),
		common.Fit(m.helpLine(), w, 1)}
	return strings.Join(parts, "\n")
}

func (m *Model) headerView() string {
	t := m.theme
	target := m.opts.Backend.Target()
	kind := string(target.Kind)
	if kind == "" {
		kind = "tenant"
	}
	conn := t.Online.Render("● connected")
	if !m.loaded && m.connErr == "" {
		conn = t.HeaderMuted.Render("○ connecting…")
		if m.fromSnapshot {
			conn = t.HeaderMuted.Render("○ refreshing…")
		}
	} else if !m.connected {
		conn = t.Offline.Render("○ offline: " + m.connErr)
	}
	left := t.Header.Render("hookterm") + "  " + kind + ": " + target.Display
	unsaved := len(m.dirtyBuffers())
	if unsaved > 0 {
		left += "  " + t.Dirty.Render(strconv.Itoa(unsaved)+" unsaved")
	}
	if m.opts.LogPane != nil && !m.showLogs {
		if n := m.opts.LogPane.Unread(); n > 0 {
			left += "  " + t.HeaderMuted.Render("l: "+strconv.Itoa(n)+" new log lines")
		}
	}
	gap := m.width - lipgloss.Width(left) - lipgloss.Width(conn)
	if gap < 2 {
		return common.Truncate(left+"  "+conn, m.width)
	}
	return left + strings.Repeat(" ", gap) + conn
}

func (m *Model) bodyView() string {
	l := m.lay
	w := m.width
	if m.showHelp {
		return common.Fit(m.fullHelp(), w, l.bodyH)
	}
	left := common.Fit(m.list.View(), l.list.w, l.list.h)
	sep := common.Fit(strings.TrimSuffix(strings.Repeat("│\n", l.bodyH), "\n"), 1, l.bodyH)
	sep = m.theme.Separator.Render(sep)
	var right []string
	right = append(right, m.editorView())
	if l.run.h > 0 {
		right = append(right, common.Fit(m.opts.RunPane.View(), l.run.w, l.run.h))
	}
	if l.logs.h > 0 {
		right = append(right, common.Fit(m.opts.LogPane.View(), l.logs.w, l.logs.h))
	}
	rightView := common.Fit(strings.Join(right, "\n"), l.right.w, l.bodyH)
	body := lipgloss.JoinHorizontal(lipgloss.Top, left, sep, rightView)
	if m.dialog == nil {
		return body
	}
	dv := m.dialog.View()
	dw, dh := lipgloss.Width(dv), lipgloss.Height(dv)
	if dh > l.bodyH {
		dv = common.Fit(dv, min(dw, w), l.bodyH)
		dh = l.bodyH
	}
	c := lipgloss.NewCompositor(lipgloss.NewLayer(body),
		lipgloss.NewLayer(dv).X(max(0, (w-dw)/2)).Y(max(0, (l.bodyH-dh)/2)).Z(1))
	return common.Fit(c.Render(), w, l.bodyH)
}

func (m *Model) paneTitle(title string, focused bool, w int) string {
	title = common.Truncate(" "+title, w)
	if focused {
		return m.theme.TitleFocused.Render(title + strings.Repeat(" ", max(0, w-lipgloss.Width(title))))
	}
	return m.theme.Title.Render(title)
}

func (m *Model) editorView() string {
	l := m.lay.editor
	b := m.buffers[m.current]
	if b == nil {
		msg := "Select a hook and press enter to open it."
		if !m.loaded {
			msg = "Loading…"
		}
		return common.Fit(m.paneTitle("Editor", false, l.w)+"\n\n  "+m.theme.Muted.Render(msg), l.w, l.h)
	}
	title := b.base.Name + ".js"
	if b.dirty {
		title += "  * unsaved"
	}
	if b.stale {
		title += "  ! changed elsewhere"
	}
	if b.saving {
		title += "  saving…"
	}
	title += "  (" + string(b.base.TriggerID) + ")"
	return m.paneTitle(title, m.focus == paneEditor, l.w) + "\n" + common.Fit(b.ed.View(), l.w, max(1, l.h-1))
}

func (m *Model) statusView() string {
	t := m.theme
	s := m.status
	switch m.statusKind {
	case statusError:
		return t.StatusError.Render(common.Truncate(s, m.width))
	case statusOK:
		return t.StatusOK.Render(common.Truncate(s, m.width))
	}
	return t.StatusInfo.Render(common.Truncate(s, m.width))
}

func (m *Model) helpLine() string {
	if m.dialog != nil {
		return m.help.ShortHelpView(m.dialog.ShortHelp())
	}
	if m.showHelp {
		return m.help.ShortHelpView([]key.Binding{m.keys.Help, m.keys.Back})
	}
	k := m.keys
	if m.focus == paneList {
		return m.help.ShortHelpView(append(m.list.ShortHelp(), k.NextPane))
	}
	// Saving and leaving the pane come first: the footer is cut at the screen's width.
	bs := []key.Binding{k.Save, k.Back}
	bs = append(bs, m.focusedComponent().ShortHelp()...)
	bs = append(bs, k.Run, k.NextPane)
	return m.help.ShortHelpView(bs)
}

func (m *Model) fullHelp() string {
	k := m.keys
	groups := [][]key.Binding{{k.NextPane, k.PrevPane, k.Back, k.Save, k.Run, k.External, k.Suspend, k.ForceQuit}}
	groups = append(groups, m.focusedComponent().FullHelp()...)
	if m.focus != paneList {
		groups = append(groups, m.list.FullHelp()...)
	}
	title := m.theme.Title.Render("Keys") + m.theme.Muted.Render("  (letters work while the hook list has focus; ? or esc closes)")
	return title + "\n\n" + m.help.FullHelpView(groups)
}

// ---- mouse -----------------------------------------------------------------------------

func (m *Model) handleClick(msg tea.MouseClickMsg) tea.Cmd {
	if m.dialog != nil || m.showHelp {
		return nil
	}
	x, y := msg.X, msg.Y
	l := m.lay
	switch {
	case l.list.contains(x, y):
		m.setFocus(paneList)
		m.list.ClickRow(y - l.list.y)
	case l.editor.contains(x, y) && m.current != "":
		m.setFocus(paneEditor)
		return m.forwardMouse(m.buffers[m.current].ed, msg, l.editor, 1)
	case l.run.contains(x, y):
		m.setFocus(paneRun)
		return m.forwardMouse(m.opts.RunPane, msg, l.run, 0)
	case l.logs.contains(x, y):
		m.setFocus(paneLogs)
		return m.forwardMouse(m.opts.LogPane, msg, l.logs, 0)
	}
	return nil
}

func (m *Model) handleWheel(msg tea.MouseWheelMsg) tea.Cmd {
	if m.dialog != nil {
		return m.dialog.Update(msg)
	}
	x, y := msg.X, msg.Y
	l := m.lay
	delta := 0
	switch msg.Button {
	case tea.MouseWheelUp:
		delta = -3
	case tea.MouseWheelDown:
		delta = 3
	}
	switch {
	case l.list.contains(x, y):
		m.list.Scroll(delta)
	case l.editor.contains(x, y) && m.current != "":
		return m.forwardMouse(m.buffers[m.current].ed, msg, l.editor, 1)
	case l.run.contains(x, y):
		return m.forwardMouse(m.opts.RunPane, msg, l.run, 0)
	case l.logs.contains(x, y):
		return m.forwardMouse(m.opts.LogPane, msg, l.logs, 0)
	}
	return nil
}

// handleDrag forwards the motion and release of a drag to the editor, which selects text
// with it. The terminal reports motion only while a button is held (cell-motion mode), and a
// drag began in the editor when the editor has focus; motion outside its area still goes to
// it, in its coordinates, so dragging past an edge extends the selection.
func (m *Model) handleDrag(msg tea.Msg) tea.Cmd {
	if m.dialog != nil || m.showHelp || m.focus != paneEditor || m.current == "" {
		return nil
	}
	return m.forwardMouse(m.buffers[m.current].ed, msg, m.lay.editor, 1)
}

// forwardMouse hands a mouse message to a pane in the pane's own coordinates (below the
// title lines the root draws for it).
func (m *Model) forwardMouse(c common.Component, msg tea.Msg, r rect, titleRows int) tea.Cmd {
	at := func(e tea.Mouse) tea.Mouse {
		e.X -= r.x
		e.Y -= r.y + titleRows
		return e
	}
	switch e := msg.(type) {
	case tea.MouseClickMsg:
		return c.Update(tea.MouseClickMsg(at(tea.Mouse(e))))
	case tea.MouseWheelMsg:
		return c.Update(tea.MouseWheelMsg(at(tea.Mouse(e))))
	case tea.MouseMotionMsg:
		return c.Update(tea.MouseMotionMsg(at(tea.Mouse(e))))
	case tea.MouseReleaseMsg:
		return c.Update(tea.MouseReleaseMsg(at(tea.Mouse(e))))
	}
	return nil
}
