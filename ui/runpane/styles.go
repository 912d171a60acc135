package runpane

import (
	"charm.land/lipgloss/v2"
)

// Styles are the run pane's colours. They use the terminal's ANSI palette only, so that the
// user's theme decides the actual colours and the pane reads on dark and light backgrounds.
type Styles struct {
	Title     lipgloss.Style // the pane's header
	Dim       lipgloss.Style // secondary text: counts, hints, line numbers
	Label     lipgloss.Style // section headings (Result, Console …)
	OK        lipgloss.Style
	Fail      lipgloss.Style
	Warn      lipgloss.Style
	StatusErr lipgloss.Style // the bottom line when it reports a problem

	// JSON highlighting.
	JSONKey     lipgloss.Style
	JSONString  lipgloss.Style
	JSONNumber  lipgloss.Style
	JSONLiteral lipgloss.Style // true, false, null
	JSONPunct   lipgloss.Style

	// Console levels.
	Levels map[string]lipgloss.Style
}

// DefaultStyles are the colours used unless NO_COLOR or --no-color is in effect.
func DefaultStyles() Styles {
	s := lipgloss.NewStyle()
	return Styles{
		Title:       s.Bold(true),
		Dim:         s.Foreground(lipgloss.BrightBlack),
		Label:       s.Bold(true).Foreground(lipgloss.Blue),
		OK:          s.Bold(true).Foreground(lipgloss.Green),
		Fail:        s.Bold(true).Foreground(lipgloss.Red),
		Warn:        s.Foreground(lipgloss.Yellow),
		StatusErr:   s.Foreground(lipgloss.Red),
		JSONKey:     s.Foreground(lipgloss.Blue),
		JSONString:  s.Foreground(lipgloss.Green),
		JSONNumber:  s.Foreground(lipgloss.Magenta),
		JSONLiteral: s.Foreground(lipgloss.Yellow),
		JSONPunct:   s,
		Levels: map[string]lipgloss.Style{
			"log":   s,
			"info":  s.Foreground(lipgloss.Cyan),
			"warn":  s.Foreground(lipgloss.Yellow),
			"error": s.Foreground(lipgloss.Red),
			"debug": s.Foreground(lipgloss.BrightBlack),
		},
	}
}

// PlainStyles keep only bold and faint-free emphasis: what NO_COLOR asks for.
func PlainStyles() Styles {
	s := lipgloss.NewStyle()
	return Styles{
		Title: s.Bold(true), Dim: s, Label: s.Bold(true), OK: s.Bold(true), Fail: s.Bold(true),
		Warn: s, StatusErr: s, JSONKey: s, JSONString: s, JSONNumber: s, JSONLiteral: s, JSONPunct: s,
		Levels: map[string]lipgloss.Style{},
	}
}

func (s Styles) level(l string) lipgloss.Style {
	if st, ok := s.Levels[l]; ok {
		return st
	}
	return lipgloss.NewStyle()
}
