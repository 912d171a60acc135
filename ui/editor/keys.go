package editor

import "charm.land/bubbles/v2/key"

// KeyMap is every key the editor handles. The root's keys (ctrl+s, ctrl+r, ctrl+e, ctrl+c,
// ctrl+z, esc, shift+tab) are deliberately absent: the editor leaves them alone.
type KeyMap struct {
	Up, Down, Left, Right              key.Binding
	WordLeft, WordRight                key.Binding
	Home, End                          key.Binding
	PageUp, PageDown                   key.Binding
	Top, Bottom                        key.Binding
	SelectUp, SelectDown               key.Binding
	SelectLeft, SelectRight            key.Binding
	SelectWordLeft, SelectWordRight    key.Binding
	SelectHome, SelectEnd              key.Binding
	SelectPageUp, SelectPageDown       key.Binding
	SelectTop, SelectBottom            key.Binding
	SelectAll                          key.Binding
	Newline, InsertTab                 key.Binding
	Backspace, Delete                  key.Binding
	DeleteWordLeft, DeleteWordRight    key.Binding
	Copy, Cut, Paste                   key.Binding
	Undo, Redo                         key.Binding
	Find, FindNext, FindPrev, GotoLine key.Binding
}

// DefaultKeyMap avoids every key the root owns and the ones terminals swallow: copy is
// alt+c (ctrl+c quits), undo alt+u or ctrl+_ (ctrl+z suspends), redo alt+r or ctrl+y.
func DefaultKeyMap() KeyMap {
	b := func(keys []string, help, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	k := func(keys ...string) []string { return keys }
	return KeyMap{
		Up:              b(k("up"), "↑", "up"),
		Down:            b(k("down"), "↓", "down"),
		Left:            b(k("left"), "←", "left"),
		Right:           b(k("right"), "→", "right"),
		WordLeft:        b(k("alt+left", "ctrl+left"), "alt+←", "word left"),
		WordRight:       b(k("alt+right", "ctrl+right"), "alt+→", "word right"),
		Home:            b(k("home"), "home", "line start"),
		End:             b(k("end"), "end", "line end"),
		PageUp:          b(k("pgup"), "pgup", "page up"),
		PageDown:        b(k("pgdown"), "pgdn", "page down"),
		Top:             b(k("ctrl+home"), "ctrl+home", "first line"),
		Bottom:          b(k("ctrl+end"), "ctrl+end", "last line"),
		SelectUp:        b(k("shift+up"), "shift+↑", "select up"),
		SelectDown:      b(k("shift+down"), "shift+↓", "select down"),
		SelectLeft:      b(k("shift+left"), "shift+←", "select left"),
		SelectRight:     b(k("shift+right"), "shift+→", "select right"),
		SelectWordLeft:  b(k("alt+shift+left", "ctrl+shift+left"), "alt+shift+←", "select word left"),
		SelectWordRight: b(k("alt+shift+right", "ctrl+shift+right"), "alt+shift+→", "select word right"),
		SelectHome:      b(k("shift+home"), "shift+home", "select to line start"),
		SelectEnd:       b(k("shift+end"), "shift+end", "select to line end"),
		SelectPageUp:    b(k("shift+pgup"), "shift+pgup", "select page up"),
		SelectPageDown:  b(k("shift+pgdown"), "shift+pgdn", "select page down"),
		SelectTop:       b(k("ctrl+shift+home"), "ctrl+shift+home", "select to start"),
		SelectBottom:    b(k("ctrl+shift+end"), "ctrl+shift+end", "select to end"),
		SelectAll:       b(k("ctrl+a"), "ctrl+a", "select all"),
		Newline:         b(k("enter", "shift+enter"), "enter", "new line"),
		InsertTab:       b(k("tab", "ctrl+t"), "ctrl+t", "insert tab"),
		Backspace:       b(k("backspace", "shift+backspace"), "bksp", "delete left"),
		Delete:          b(k("delete"), "del", "delete right"),
		DeleteWordLeft:  b(k("alt+backspace", "ctrl+w", "ctrl+backspace"), "ctrl+w", "delete word left"),
		DeleteWordRight: b(k("alt+delete", "ctrl+delete", "alt+d"), "alt+d", "delete word right"),
		Copy:            b(k("alt+c", "ctrl+insert"), "alt+c", "copy"),
		Cut:             b(k("ctrl+x", "shift+delete"), "ctrl+x", "cut"),
		Paste:           b(k("ctrl+v", "shift+insert"), "ctrl+v", "paste"),
		Undo:            b(k("alt+u", "ctrl+_", "ctrl+/"), "alt+u", "undo"),
		Redo:            b(k("ctrl+y", "alt+r"), "ctrl+y", "redo"),
		Find:            b(k("ctrl+f"), "ctrl+f", "find"),
		FindNext:        b(k("f3", "alt+n"), "alt+n", "next match"),
		FindPrev:        b(k("shift+f3", "alt+p"), "alt+p", "previous match"),
		GotoLine:        b(k("ctrl+g"), "ctrl+g", "go to line"),
	}
}

// ShortHelp is what the footer shows while the editor has focus.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Find, k.GotoLine, k.Undo, k.Redo, k.Copy, k.Cut, k.Paste}
}

// FullHelp groups every binding into columns for the "?" help.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.WordLeft, k.WordRight, k.Home, k.End, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.SelectLeft, k.SelectWordLeft, k.SelectHome, k.SelectEnd, k.SelectAll},
		{k.Copy, k.Cut, k.Paste, k.Undo, k.Redo, k.DeleteWordLeft, k.DeleteWordRight, k.InsertTab},
		{k.Find, k.FindNext, k.FindPrev, k.GotoLine},
	}
}
