package common

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// Fit crops or pads s to exactly width×height cells, so that panes can be joined side by
// side without one pane's long line pushing the next one out of place.
func Fit(s string, width, height int) string {
	if width <= 0 || height <= 0 {
		return ""
	}
	lines := strings.Split(s, "\n")
	if len(lines) > height {
		lines = lines[:height]
	}
	var b strings.Builder
	for i := 0; i < height; i++ {
		line := ""
		if i < len(lines) {
			line = strings.TrimRight(lines[i], "\r")
		}
		w := lipgloss.Width(line)
		if w > width {
			line = ansi.Truncate(line, width, "")
			w = lipgloss.Width(line)
		}
		b.WriteString(line)
		if w < width {
			b.WriteString(strings.Repeat(" ", width-w))
		}
		if i < height-1 {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// Truncate shortens s to width cells with an ellipsis.
func Truncate(s string, width int) string {
	if width <= 0 {
		return ""
	}
	return ansi.Truncate(s, width, "…")
}
