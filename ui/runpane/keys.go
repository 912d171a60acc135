package runpane

import "charm.land/bubbles/v2/key"

// KeyMap holds the run pane's bindings. ctrl+r and ctrl+c are routed here by the root model
// (ctrl+r from any pane); they are listed so the footer and the full help show them.
type KeyMap struct {
	Run        key.Binding
	Cancel     key.Binding
	Prev       key.Binding
	Next       key.Binding
	Edit       key.Binding
	DoneEdit   key.Binding
	SaveAs     key.Binding
	Delete     key.Binding
	Revert     key.Binding
	Up         key.Binding
	Down       key.Binding
	PageUp     key.Binding
	PageDown   key.Binding
	Top        key.Binding
	Bottom     key.Binding
	Confirm    key.Binding
	CancelForm key.Binding
}

// DefaultKeyMap returns the run pane's keys.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Run:        key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "run")),
		Cancel:     key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "cancel run")),
		Prev:       key.NewBinding(key.WithKeys("["), key.WithHelp("[", "previous payload")),
		Next:       key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "next payload")),
		Edit:       key.NewBinding(key.WithKeys("e", "enter"), key.WithHelp("e", "edit payload")),
		DoneEdit:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "stop editing")),
		SaveAs:     key.NewBinding(key.WithKeys("w"), key.WithHelp("w", "save payload as…")),
		Delete:     key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "delete payload")),
		Revert:     key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "undo payload edits")),
		Up:         key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "scroll up")),
		Down:       key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "scroll down")),
		PageUp:     key.NewBinding(key.WithKeys("pgup", "b"), key.WithHelp("pgup", "page up")),
		PageDown:   key.NewBinding(key.WithKeys("pgdown", "f", "space"), key.WithHelp("pgdn", "page down")),
		Top:        key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g", "top")),
		Bottom:     key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G", "bottom")),
		Confirm:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "confirm")),
		CancelForm: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}
}
