package common

import (
	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"
)

// Theme is the one set of styles every pane draws with. It uses the terminal's own ANSI
// palette (colours 0–15) so that it follows the user's dark or light scheme instead of
// imposing one; without colour (NO_COLOR, --no-color) it falls back to bold, faint and
// reverse video so that focus and selection stay visible.
type Theme struct {
	Color bool

	Header       lipgloss.Style // the top line
	HeaderMuted  lipgloss.Style
	Online       lipgloss.Style
	Offline      lipgloss.Style
	Title        lipgloss.Style // a pane's title line
	TitleFocused lipgloss.Style
	Group        lipgloss.Style // an extensibility point in the hook list
	Selected     lipgloss.Style // the list's cursor row when the list has focus
	SelectedBlur lipgloss.Style // the cursor row when another pane has focus
	Enabled      lipgloss.Style // ●
	Disabled     lipgloss.Style // ○
	Dirty        lipgloss.Style // the unsaved mark
	Muted        lipgloss.Style
	Separator    lipgloss.Style
	StatusInfo   lipgloss.Style
	StatusOK     lipgloss.Style
	StatusError  lipgloss.Style
	DialogBox    lipgloss.Style
	DialogTitle  lipgloss.Style
	DiffAdd      lipgloss.Style
	DiffDel      lipgloss.Style
	DiffHunk     lipgloss.Style
	Help         help.Styles
}

// ANSI palette indexes: the terminal decides the actual shades.
const (
	ansiRed     = "1"
	ansiGreen   = "2"
	ansiYellow  = "3"
	ansiBlue    = "4"
	ansiMagenta = "5"
	ansiCyan    = "6"
	ansiGray    = "8"
)

// NewTheme builds the theme; color false gives the NO_COLOR variant.
func NewTheme(color bool) Theme {
	s := lipgloss.NewStyle
	t := Theme{
		Color:        color,
		Header:       s().Bold(true),
		HeaderMuted:  s().Faint(true),
		Online:       s(),
		Offline:      s().Bold(true),
		Title:        s().Bold(true),
		TitleFocused: s().Bold(true).Reverse(true),
		Group:        s().Bold(true).Underline(true),
		Selected:     s().Reverse(true),
		SelectedBlur: s().Bold(true),
		Enabled:      s(),
		Disabled:     s(),
		Dirty:        s().Bold(true),
		Muted:        s().Faint(true),
		Separator:    s().Faint(true),
		StatusInfo:   s(),
		StatusOK:     s(),
		StatusError:  s().Bold(true),
		DialogBox:    s().Border(lipgloss.NormalBorder()).Padding(0, 1),
		DialogTitle:  s().Bold(true),
		DiffAdd:      s().Bold(true),
		DiffDel:      s().Faint(true),
		DiffHunk:     s().Underline(true),
	}
	t.Help = help.Styles{
		ShortKey:       s().Bold(true),
		ShortDesc:      s(),
		ShortSeparator: s().Faint(true),
		Ellipsis:       s().Faint(true),
		FullKey:        s().Bold(true),
		FullDesc:       s(),
		FullSeparator:  s().Faint(true),
	}
	if !color {
		return t
	}
	c := lipgloss.Color
	t.Header = t.Header.Foreground(c(ansiCyan))
	t.Online = t.Online.Foreground(c(ansiGreen))
	t.Offline = t.Offline.Foreground(c(ansiRed))
	t.TitleFocused = s().Bold(true).Foreground(c(ansiBlue)).Reverse(true)
	t.Group = s().Bold(true).Foreground(c(ansiMagenta))
	t.Selected = s().Reverse(true).Foreground(c(ansiBlue))
	t.SelectedBlur = s().Bold(true).Foreground(c(ansiBlue))
	t.Enabled = t.Enabled.Foreground(c(ansiGreen))
	t.Disabled = t.Disabled.Foreground(c(ansiGray))
	t.Dirty = t.Dirty.Foreground(c(ansiYellow))
	t.Muted = s().Foreground(c(ansiGray))
	t.Separator = s().Foreground(c(ansiGray))
	t.StatusOK = t.StatusOK.Foreground(c(ansiGreen))
	t.StatusError = t.StatusError.Foreground(c(ansiRed))
	t.DialogBox = t.DialogBox.BorderForeground(c(ansiBlue))
	t.DialogTitle = t.DialogTitle.Foreground(c(ansiBlue))
	t.DiffAdd = s().Foreground(c(ansiGreen))
	t.DiffDel = s().Foreground(c(ansiRed))
	t.DiffHunk = s().Foreground(c(ansiCyan))
	t.Help.ShortKey = t.Help.ShortKey.Foreground(c(ansiBlue))
	t.Help.FullKey = t.Help.FullKey.Foreground(c(ansiBlue))
	t.Help.ShortSeparator = s().Foreground(c(ansiGray))
	t.Help.FullSeparator = s().Foreground(c(ansiGray))
	t.Help.ShortDesc = s()
	return t
}
