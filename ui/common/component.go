// Package common holds what every pane of the TUI shares: the Component contract, the theme
// and the global keys, passed around instead of package-level state.
package common

import (
	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
)

// Component is one pane: a Bubble Tea model updated in place, drawn to its size, with the
// key bindings the footer and the full help show.
type Component interface {
	help.KeyMap
	Update(msg tea.Msg) tea.Cmd
	View() string
	SetSize(width, height int)
	Focus()
	Blur()
}
