package dialog

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/hookterm/hookterm/ui/common"
)

// Field is one line of a Form: a text input, a masked input (secret values: typed, never
// shown) or a choice among Options (left/right to change).
type Field struct {
	Label       string
	Value       string
	Placeholder string
	Masked      bool
	Options     []string // non-empty: a choice, Value is the initial option
	CharLimit   int
}

// Form is a dialog of fields submitted with enter.
type Form struct {
	theme    *common.Theme
	title    string
	note     string
	fields   []Field
	inputs   []textinput.Model
	option   []int
	focus    int
	err      string
	validate func(values []string) error
	onSubmit func(values []string) tea.Cmd
	onCancel func() tea.Cmd
	width    int
	height   int
}

// NewForm builds a form. validate may be nil; a validation error is shown in the dialog and
// the form stays open.
func NewForm(theme *common.Theme, title, note string, fields []Field, validate func([]string) error,
	onSubmit func([]string) tea.Cmd, onCancel func() tea.Cmd) *Form {
	f := &Form{theme: theme, title: title, note: note, fields: fields, validate: validate,
		onSubmit: onSubmit, onCancel: onCancel}
	f.inputs = make([]textinput.Model, len(fields))
	f.option = make([]int, len(fields))
	for i, fd := range fields {
		in := common.NewInput(theme)
		in.Prompt = ""
		in.Placeholder = fd.Placeholder
		in.CharLimit = fd.CharLimit
		if fd.Masked {
			in.EchoMode = textinput.EchoPassword
			in.EchoCharacter = '*'
		}
		in.SetValue(fd.Value)
		f.inputs[i] = in
		for j, o := range fd.Options {
			if o == fd.Value {
				f.option[i] = j
			}
		}
	}
	f.setFocus(0)
	return f
}

func (f *Form) setFocus(i int) {
	if len(f.fields) == 0 {
		return
	}
	f.focus = (i + len(f.fields)) % len(f.fields)
	for j := range f.inputs {
		if j == f.focus && len(f.fields[j].Options) == 0 {
			f.inputs[j].Focus()
		} else {
			f.inputs[j].Blur()
		}
	}
}

// SetError shows err in the form (e.g. the API refused the value).
func (f *Form) SetError(err string) { f.err = err }

// Values returns the current values, in field order.
func (f *Form) Values() []string {
	out := make([]string, len(f.fields))
	for i, fd := range f.fields {
		if len(fd.Options) > 0 {
			out[i] = fd.Options[f.option[i]]
		} else {
			out[i] = f.inputs[i].Value()
		}
	}
	return out
}

// Update edits the focused field, moves between fields, submits or cancels.
func (f *Form) Update(msg tea.Msg) tea.Cmd {
	kp, ok := msg.(tea.KeyPressMsg)
	if !ok {
		if len(f.inputs) > 0 {
			var cmd tea.Cmd
			f.inputs[f.focus], cmd = f.inputs[f.focus].Update(msg)
			return cmd
		}
		return nil
	}
	switch kp.String() {
	case "esc":
		return f.onCancel()
	case "enter":
		vals := f.Values()
		if f.validate != nil {
			if err := f.validate(vals); err != nil {
				f.err = err.Error()
				return nil
			}
		}
		f.err = ""
		return f.onSubmit(vals)
	case "tab", "down":
		f.setFocus(f.focus + 1)
		return nil
	case "shift+tab", "up":
		f.setFocus(f.focus - 1)
		return nil
	}
	if opts := f.fields[f.focus].Options; len(opts) > 0 {
		switch kp.String() {
		case "left", "h":
			f.option[f.focus] = (f.option[f.focus] + len(opts) - 1) % len(opts)
		case "right", "l", "space":
			f.option[f.focus] = (f.option[f.focus] + 1) % len(opts)
		}
		return nil
	}
	f.err = "" // the value changed: the old complaint no longer applies
	var cmd tea.Cmd
	f.inputs[f.focus], cmd = f.inputs[f.focus].Update(msg)
	return cmd
}

// SetSize tells the form how much room the screen has.
func (f *Form) SetSize(w, h int) {
	f.width, f.height = w, h
	for i := range f.inputs {
		f.inputs[i].SetWidth(max(10, min(50, w-8)))
	}
}

// View draws the form.
func (f *Form) View() string { return f.theme.DialogBox.Render(f.inner()) }

func (f *Form) inner() string {
	t := f.theme
	inner := max(20, min(56, f.width-4))
	var b strings.Builder
	b.WriteString(t.DialogTitle.Render(common.Truncate(f.title, inner)))
	if f.note != "" {
		b.WriteString("\n")
		b.WriteString(renderWrapped(t.Muted, f.note, inner, -1))
	}
	for i, fd := range f.fields {
		b.WriteString("\n\n")
		label := fd.Label
		if i == f.focus {
			label = t.Title.Render("> " + label)
		} else {
			label = "  " + label
		}
		b.WriteString(label)
		b.WriteString("\n  ")
		if len(fd.Options) > 0 {
			var parts []string
			for j, o := range fd.Options {
				if j == f.option[i] {
					if i == f.focus {
						parts = append(parts, t.Selected.Render("["+o+"]"))
					} else {
						parts = append(parts, "["+o+"]")
					}
				} else {
					parts = append(parts, t.Muted.Render(" "+o+" "))
				}
			}
			b.WriteString(wrapJoin(parts, inner-2))
		} else {
			b.WriteString(f.inputs[i].View())
		}
	}
	if f.err != "" {
		// As many lines as the error needs, within the screen: the box's border (2), what is
		// above, the blank line before the error and the blank and help lines below it (3).
		room := -1
		if f.height > 0 {
			room = f.height - 2 - lineCount(b.String()) - 3
		}
		b.WriteString("\n\n")
		b.WriteString(renderWrapped(t.StatusError, f.err, inner, room))
	}
	b.WriteString("\n\n")
	b.WriteString(t.Muted.Render(common.Truncate("enter ok · tab next field · esc cancel", inner)))
	return b.String()
}

// wrapJoin joins styled parts with spaces, breaking lines before width.
func wrapJoin(parts []string, width int) string {
	var b strings.Builder
	lineW := 0
	for i, p := range parts {
		w := visibleWidth(p)
		if i > 0 {
			if lineW+1+w > width {
				b.WriteString("\n  ")
				lineW = 0
			} else {
				b.WriteString(" ")
				lineW++
			}
		}
		b.WriteString(p)
		lineW += w
	}
	return b.String()
}

// ShortHelp is the footer's help while the form is open.
func (f *Form) ShortHelp() []key.Binding {
	return []key.Binding{
		key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "ok")),
		key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next field")),
		key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}
}
