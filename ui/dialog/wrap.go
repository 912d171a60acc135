package dialog

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/hookterm/hookterm/ui/common"
)

// wrapText breaks s into lines of at most width cells: at spaces where it can, inside a word
// longer than a line (an id, a path) where it must. Newlines in s are kept. Errors and notes
// are wrapped rather than cut: their cause is usually at the end ("…: A hook with the same
// name already exists").
func wrapText(s string, width int) []string {
	width = max(1, width)
	var out []string
	for _, l := range strings.Split(ansi.Wrap(s, width, ""), "\n") {
		out = append(out, strings.TrimRight(l, " "))
	}
	return out
}

// fitLines keeps at most room lines (at least one); when some are dropped, the last line kept
// ends with an ellipsis so the cut shows.
func fitLines(lines []string, room, width int) []string {
	room = max(1, room)
	if len(lines) <= room {
		return lines
	}
	lines = append([]string(nil), lines[:room]...)
	last := lines[room-1]
	if visibleWidth(last)+1 > width {
		last = ansi.Truncate(last, max(0, width-1), "")
	}
	lines[room-1] = last + "…"
	return lines
}

// renderWrapped wraps s to width, keeps at most room lines (at least one; no limit when room
// is negative: the size is not known yet) and styles each line on its own, so a style never
// spans a line break.
func renderWrapped(st lipgloss.Style, s string, width, room int) string {
	lines := wrapText(s, width)
	if room >= 0 {
		lines = fitLines(lines, room, width)
	}
	for i, l := range lines {
		lines[i] = st.Render(common.Truncate(l, width))
	}
	return strings.Join(lines, "\n")
}

// lineCount is the number of lines s takes.
func lineCount(s string) int { return strings.Count(s, "\n") + 1 }
