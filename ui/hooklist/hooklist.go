// Package hooklist is the TUI's left pane: the tenant's hooks grouped under the five
// extensibility points in the spec's order, with their enabled state, an unsaved mark and a
// name filter.
package hooklist

import (
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/hookterm/hookterm/api"
	"github.com/hookterm/hookterm/trigger"
	"github.com/hookterm/hookterm/ui/common"
)

// KeyMap holds the list's bindings. The action keys (open, new, rename…) are handled by the
// root model, which owns the dialogs, but they live here so the footer shows them.
type KeyMap struct {
	Up, Down, Top, Bottom, PageUp, PageDown key.Binding
	Open, Filter, ClearFilter               key.Binding
	New, Rename, Toggle, Delete             key.Binding
	Secrets, Deps, Edit                     key.Binding
	Run, Logs, Help, Quit                   key.Binding
}

// DefaultKeyMap returns the list's bindings.
func DefaultKeyMap() KeyMap {
	b := func(keys []string, k, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(k, desc))
	}
	return KeyMap{
		Up:          b([]string{"k", "up"}, "k/↑", "up"),
		Down:        b([]string{"j", "down"}, "j/↓", "down"),
		Top:         b([]string{"g", "home"}, "g", "first"),
		Bottom:      b([]string{"G", "end"}, "G", "last"),
		PageUp:      b([]string{"pgup"}, "pgup", "page up"),
		PageDown:    b([]string{"pgdown"}, "pgdn", "page down"),
		Open:        b([]string{"enter"}, "enter", "open"),
		Filter:      b([]string{"/"}, "/", "filter"),
		ClearFilter: b([]string{"esc"}, "esc", "clear filter"),
		New:         b([]string{"n"}, "n", "new"),
		Rename:      b([]string{"R"}, "R", "rename"),
		Toggle:      b([]string{"space"}, "space", "enable/disable"),
		Delete:      b([]string{"d"}, "d", "delete"),
		Secrets:     b([]string{"s"}, "s", "secrets"),
		Deps:        b([]string{"D"}, "D", "dependencies"),
		Edit:        b([]string{"e"}, "e", "external editor"),
		Run:         b([]string{"ctrl+r"}, "ctrl+r", "run"),
		Logs:        b([]string{"l"}, "l", "logs"),
		Help:        b([]string{"?"}, "?", "help"),
		Quit:        b([]string{"q"}, "q", "quit"),
	}
}

type rowKind int

const (
	rowGroup rowKind = iota
	rowHook
	rowEmpty
)

type row struct {
	kind  rowKind
	point trigger.Point
	hook  int // index into Model.hooks for rowHook
	count int // hooks shown in the group, for rowGroup
}

// Model is the hook list pane.
type Model struct {
	theme *common.Theme
	Keys  KeyMap

	hooks []api.Hook
	lower []string // hooks' names lower-cased, for sorting and filtering
	dirty map[string]bool
	stale map[string]bool

	filter    textinput.Model
	filtering bool

	rows     []row
	selected []int // indexes into rows that hold hooks, in display order
	cursor   int   // index into selected
	offset   int   // first row drawn

	width, height int
	focused       bool
}

// New returns an empty list.
func New(theme *common.Theme) *Model {
	fi := common.NewInput(theme)
	fi.Prompt = "/"
	fi.Placeholder = "filter by name"
	m := &Model{theme: theme, Keys: DefaultKeyMap(), filter: fi, dirty: map[string]bool{}, stale: map[string]bool{}}
	m.rebuild("")
	return m
}

// SetHooks replaces the hooks shown, keeping the cursor on the same hook when it still exists.
func (m *Model) SetHooks(hooks []api.Hook) {
	keep := ""
	if h, ok := m.Selected(); ok {
		keep = h.ID
	}
	// Sort by lower-cased name, computed once per hook rather than per comparison: the
	// list is re-set on every poll.
	type keyed struct {
		key string
		h   api.Hook
	}
	ks := make([]keyed, len(hooks))
	for i, h := range hooks {
		ks[i] = keyed{strings.ToLower(h.Name), h}
	}
	sort.SliceStable(ks, func(i, j int) bool { return ks[i].key < ks[j].key })
	m.hooks = make([]api.Hook, len(ks))
	m.lower = make([]string, len(ks))
	for i, k := range ks {
		m.hooks[i], m.lower[i] = k.h, k.key
	}
	m.rebuild(keep)
}

// Hooks returns every hook the list holds (unfiltered).
func (m *Model) Hooks() []api.Hook { return m.hooks }

// Hook finds a hook by id.
func (m *Model) Hook(id string) (api.Hook, bool) {
	for _, h := range m.hooks {
		if h.ID == id {
			return h, true
		}
	}
	return api.Hook{}, false
}

// SetDirty marks a hook as having unsaved changes.
func (m *Model) SetDirty(id string, dirty bool) {
	if dirty {
		m.dirty[id] = true
	} else {
		delete(m.dirty, id)
	}
}

// SetStale marks a hook whose stored version changed while its buffer had unsaved changes.
func (m *Model) SetStale(id string, stale bool) {
	if stale {
		m.stale[id] = true
	} else {
		delete(m.stale, id)
	}
}

// Selected returns the hook under the cursor.
func (m *Model) Selected() (api.Hook, bool) {
	if len(m.selected) == 0 {
		return api.Hook{}, false
	}
	return m.hooks[m.rows[m.selected[m.cursor]].hook], true
}

// Select moves the cursor to the hook with id, if it is shown.
func (m *Model) Select(id string) bool {
	for i, ri := range m.selected {
		if m.hooks[m.rows[ri].hook].ID == id {
			m.cursor = i
			m.scrollToCursor()
			return true
		}
	}
	return false
}

// Filtering reports whether the filter input has the keyboard.
func (m *Model) Filtering() bool { return m.filtering }

// FilterValue is the current filter text.
func (m *Model) FilterValue() string { return m.filter.Value() }

func (m *Model) rebuild(keepID string) {
	q := strings.ToLower(strings.TrimSpace(m.filter.Value()))
	m.rows = m.rows[:0]
	m.selected = m.selected[:0]
	byPoint := map[trigger.ID][]int{}
	for i, h := range m.hooks {
		if q != "" && !strings.Contains(m.lower[i], q) {
			continue
		}
		byPoint[h.TriggerID] = append(byPoint[h.TriggerID], i)
	}
	for _, p := range trigger.All() {
		idx := byPoint[p.ID]
		m.rows = append(m.rows, row{kind: rowGroup, point: p, count: len(idx)})
		if len(idx) == 0 {
			m.rows = append(m.rows, row{kind: rowEmpty, point: p})
			continue
		}
		for _, i := range idx {
			m.selected = append(m.selected, len(m.rows))
			m.rows = append(m.rows, row{kind: rowHook, point: p, hook: i})
		}
	}
	if m.cursor >= len(m.selected) {
		m.cursor = max(0, len(m.selected)-1)
	}
	if keepID != "" {
		m.Select(keepID)
	}
	m.scrollToCursor()
}

func (m *Model) listHeight() int { return max(1, m.height-1) }

func (m *Model) scrollToCursor() {
	h := m.listHeight()
	if len(m.selected) == 0 {
		m.offset = 0
		return
	}
	r := m.selected[m.cursor]
	// Keep the group heading in view when the first hook of a group is selected.
	top := r
	if r > 0 && m.rows[r-1].kind == rowGroup {
		top = r - 1
	}
	if top < m.offset {
		m.offset = top
	}
	if r >= m.offset+h {
		m.offset = r - h + 1
	}
	m.clampOffset()
}

func (m *Model) clampOffset() {
	maxOff := max(0, len(m.rows)-m.listHeight())
	m.offset = min(max(0, m.offset), maxOff)
}

// Move moves the cursor by delta hooks.
func (m *Model) Move(delta int) {
	if len(m.selected) == 0 {
		return
	}
	m.cursor = min(max(0, m.cursor+delta), len(m.selected)-1)
	m.scrollToCursor()
}

// Scroll moves the view by delta rows without moving the cursor off screen more than needed
// (the mouse wheel).
func (m *Model) Scroll(delta int) {
	m.offset += delta
	m.clampOffset()
	if len(m.selected) == 0 {
		return
	}
	h := m.listHeight()
	r := m.selected[m.cursor]
	if r < m.offset || r >= m.offset+h {
		// Put the cursor on the first hook in view in the direction of travel.
		for i, ri := range m.selected {
			if ri >= m.offset && ri < m.offset+h {
				m.cursor = i
				if delta < 0 {
					continue
				}
				break
			}
		}
	}
}

// ClickRow selects the hook drawn on view row y (0 is the title line); it reports whether a
// hook was there.
func (m *Model) ClickRow(y int) bool {
	ri := m.offset + y - 1
	if y < 1 || ri < 0 || ri >= len(m.rows) || m.rows[ri].kind != rowHook {
		return false
	}
	for i, s := range m.selected {
		if s == ri {
			m.cursor = i
			return true
		}
	}
	return false
}

// Update handles navigation and the filter input.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	kp, ok := msg.(tea.KeyPressMsg)
	if !ok {
		if m.filtering {
			var cmd tea.Cmd
			m.filter, cmd = m.filter.Update(msg)
			return cmd
		}
		return nil
	}
	if m.filtering {
		switch kp.String() {
		case "enter":
			m.filtering = false
			m.filter.Blur()
			return nil
		case "esc":
			m.filtering = false
			m.filter.Blur()
			m.filter.SetValue("")
			m.rebuild(m.selectedID())
			return nil
		case "up", "down":
			// Let arrows move through the filtered list while typing.
		default:
			var cmd tea.Cmd
			m.filter, cmd = m.filter.Update(msg)
			m.rebuild(m.selectedID())
			return cmd
		}
	}
	switch {
	case key.Matches(kp, m.Keys.Up):
		m.Move(-1)
	case key.Matches(kp, m.Keys.Down):
		m.Move(1)
	case key.Matches(kp, m.Keys.Top):
		m.Move(-len(m.selected))
	case key.Matches(kp, m.Keys.Bottom):
		m.Move(len(m.selected))
	case key.Matches(kp, m.Keys.PageUp):
		m.Move(-m.listHeight())
	case key.Matches(kp, m.Keys.PageDown):
		m.Move(m.listHeight())
	case key.Matches(kp, m.Keys.Filter):
		m.filtering = true
		return m.filter.Focus()
	case key.Matches(kp, m.Keys.ClearFilter):
		if m.filter.Value() != "" {
			m.filter.SetValue("")
			m.rebuild(m.selectedID())
		}
	}
	return nil
}

func (m *Model) selectedID() string {
	if h, ok := m.Selected(); ok {
		return h.ID
	}
	return ""
}

// View draws the list at its size.
func (m *Model) View() string {
	t := m.theme
	var b strings.Builder
	title := "Hooks"
	if m.filtering || m.filter.Value() != "" {
		m.filter.SetWidth(max(1, m.width-2))
		title = m.filter.View()
	} else {
		title = common.Truncate(title+" ("+itoa(len(m.hooks))+")", m.width)
		if m.focused {
			title = t.TitleFocused.Render(padRight(title, m.width))
		} else {
			title = t.Title.Render(title)
		}
	}
	b.WriteString(title)
	h := m.listHeight()
	cur := -1
	if len(m.selected) > 0 {
		cur = m.selected[m.cursor]
	}
	for i := m.offset; i < len(m.rows) && i < m.offset+h; i++ {
		b.WriteByte('\n')
		r := m.rows[i]
		switch r.kind {
		case rowGroup:
			b.WriteString(t.Group.Render(common.Truncate(r.point.Title, m.width)))
		case rowEmpty:
			text := "  (no hooks)"
			if m.filter.Value() != "" {
				text = "  (no match)"
			}
			b.WriteString(t.Muted.Render(common.Truncate(text, m.width)))
		case rowHook:
			b.WriteString(m.hookLine(m.hooks[r.hook], i == cur))
		}
	}
	return common.Fit(b.String(), m.width, m.height)
}

func (m *Model) hookLine(h api.Hook, isCursor bool) string {
	t := m.theme
	mark := "○"
	markStyle := t.Disabled
	if h.Enabled {
		mark = "●"
		markStyle = t.Enabled
	}
	suffix := ""
	if m.dirty[h.ID] {
		suffix += " *"
	}
	if m.stale[h.ID] {
		suffix += " !"
	}
	nameW := max(1, m.width-4-len(suffix))
	name := common.Truncate(h.Name, nameW)
	if isCursor {
		line := padRight("> "+mark+" "+name+suffix, m.width)
		if m.focused {
			return t.Selected.Render(line)
		}
		return t.SelectedBlur.Render(line)
	}
	line := "  " + markStyle.Render(mark) + " " + name
	if suffix != "" {
		line += t.Dirty.Render(suffix)
	}
	return line
}

func padRight(s string, w int) string {
	if n := w - len([]rune(s)); n > 0 {
		return s + strings.Repeat(" ", n)
	}
	return s
}

func itoa(n int) string {
	const digits = "0123456789"
	if n == 0 {
		return "0"
	}
	var b []byte
	for n > 0 {
		b = append([]byte{digits[n%10]}, b...)
		n /= 10
	}
	return string(b)
}

// SetSize sets the pane's size.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.scrollToCursor()
}

// Focus gives the list the keyboard.
func (m *Model) Focus() { m.focused = true }

// Blur takes the keyboard away.
func (m *Model) Blur() {
	m.focused = false
	if m.filtering {
		m.filtering = false
		m.filter.Blur()
	}
}

// Focused reports whether the list has the keyboard.
func (m *Model) Focused() bool { return m.focused }

// ShortHelp is the footer's help.
func (m *Model) ShortHelp() []key.Binding {
	if m.filtering {
		return []key.Binding{
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep filter")),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter")),
		}
	}
	k := m.Keys
	return []key.Binding{k.Open, k.New, k.Toggle, k.Filter, k.Run, k.Help, k.Quit}
}

// FullHelp is the `?` help.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.Keys
	return [][]key.Binding{
		{k.Up, k.Down, k.Top, k.Bottom, k.PageUp, k.PageDown, k.Open, k.Filter, k.ClearFilter},
		{k.New, k.Rename, k.Toggle, k.Delete, k.Secrets, k.Deps, k.Edit, k.Logs, k.Help, k.Quit},
	}
}
