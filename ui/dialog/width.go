package dialog

import "charm.land/lipgloss/v2"

func visibleWidth(s string) int { return lipgloss.Width(s) }
