package common

import "charm.land/bubbles/v2/key"

// GlobalKeys are the root's bindings. The single-letter ones (Quit, Help, ToggleLogs) are
// only active while the hook list has focus, so that typing in the editor or an input never
// triggers them.
type GlobalKeys struct {
	Quit       key.Binding
	ForceQuit  key.Binding
	Save       key.Binding
	Run        key.Binding
	Suspend    key.Binding
	NextPane   key.Binding
	PrevPane   key.Binding
	Help       key.Binding
	External   key.Binding
	Back       key.Binding
	ToggleLogs key.Binding
}

// DefaultGlobalKeys returns the bindings issue 4 specifies.
func DefaultGlobalKeys() GlobalKeys {
	return GlobalKeys{
		Quit:       key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		ForceQuit:  key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		Save:       key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "save")),
		Run:        key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "run")),
		Suspend:    key.NewBinding(key.WithKeys("ctrl+z"), key.WithHelp("ctrl+z", "suspend")),
		NextPane:   key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next pane")),
		PrevPane:   key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "prev pane")),
		Help:       key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		External:   key.NewBinding(key.WithKeys("ctrl+e"), key.WithHelp("ctrl+e", "external editor")),
		Back:       key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back to list")),
		ToggleLogs: key.NewBinding(key.WithKeys("l"), key.WithHelp("l", "logs")),
	}
}
