package common

import "charm.land/bubbles/v2/textinput"

// NewInput returns a text input in the theme's styles with a steady (non-blinking) cursor:
// a blinking cursor redraws the screen twice a second for nothing, and makes golden views
// depend on timing.
func NewInput(theme *Theme) textinput.Model {
	in := textinput.New()
	st := textinput.DefaultStyles(true)
	if !theme.Color {
		st = textinput.Styles{}
	}
	st.Cursor.Blink = false
	in.SetStyles(st)
	return in
}
