package dialog

import (
	"errors"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/hookterm/hookterm/ui/common"
)

// ListKind says what a List edits.
type ListKind int

const (
	// Secrets lists secret names; values are typed masked and never displayed.
	Secrets ListKind = iota
	// Dependencies lists npm package names with their versions.
	Dependencies
)

// Entry is one row of a List: a secret name, or a dependency and its version.
type Entry struct {
	Name  string
	Value string // the dependency's version; always empty for secrets
}

// validSecretName is ^[A-Za-z0-9_-]{1,128}$ (decisions.md), without a regexp compiled at
// every program start.
func validSecretName(n string) bool {
	if n == "" || len(n) > 128 {
		return false
	}
	for i := 0; i < len(n); i++ {
		c := n[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// List is the secrets or dependencies dialog: add, change, remove, close.
type List struct {
	theme    *common.Theme
	kind     ListKind
	title    string
	entries  []Entry
	cursor   int
	form     *Form
	removing string
	status   string
	isErr    bool
	onSet    func(name, value string) tea.Cmd
	onDelete func(name string) tea.Cmd
	onClose  func() tea.Cmd
	width    int
	height   int
}

// NewList builds the dialog. onSet adds or changes an entry, onDelete removes one; both run
// the API call and report back with SetEntries and SetStatus.
func NewList(theme *common.Theme, kind ListKind, title string, entries []Entry,
	onSet func(name, value string) tea.Cmd, onDelete func(name string) tea.Cmd, onClose func() tea.Cmd) *List {
	l := &List{theme: theme, kind: kind, title: title, onSet: onSet, onDelete: onDelete, onClose: onClose}
	l.SetEntries(entries)
	return l
}

// SetEntries replaces the rows (sorted by name).
func (l *List) SetEntries(entries []Entry) {
	l.entries = append(l.entries[:0:0], entries...)
	sort.Slice(l.entries, func(i, j int) bool { return l.entries[i].Name < l.entries[j].Name })
	if l.kind == Secrets {
		for i := range l.entries {
			l.entries[i].Value = ""
		}
	}
	l.cursor = min(l.cursor, max(0, len(l.entries)-1))
}

// Entries returns the rows.
func (l *List) Entries() []Entry { return l.entries }

// SetStatus shows a line under the rows (the outcome of the last change).
func (l *List) SetStatus(s string, isErr bool) { l.status, l.isErr = s, isErr }

// Editing reports whether a form is open inside the dialog.
func (l *List) Editing() bool { return l.form != nil }

func (l *List) openForm(name string, adding bool) tea.Cmd {
	var fields []Field
	noun := "secret"
	if l.kind == Dependencies {
		noun = "dependency"
	}
	title := "Add a " + noun
	if !adding {
		title = "Change " + name
	}
	switch l.kind {
	case Secrets:
		if adding {
			fields = append(fields, Field{Label: "Name", Placeholder: "API_KEY", CharLimit: 128})
		}
		fields = append(fields, Field{Label: "Value (hidden)", Masked: true, CharLimit: 65536})
	case Dependencies:
		cur := ""
		for _, e := range l.entries {
			if e.Name == name {
				cur = e.Value
			}
		}
		if adding {
			fields = append(fields, Field{Label: "Package", Placeholder: "lodash"})
		}
		fields = append(fields, Field{Label: "Version", Value: cur, Placeholder: "4.17.21"})
	}
	values := func(v []string) (string, string) {
		if adding {
			return strings.TrimSpace(v[0]), v[1]
		}
		return name, v[0]
	}
	validate := func(v []string) error {
		n, val := values(v)
		switch l.kind {
		case Secrets:
			if !validSecretName(n) {
				return errors.New("names are 1–128 letters, digits, _ or -")
			}
			if val == "" {
				return errors.New("the value is empty")
			}
		case Dependencies:
			if n == "" || strings.ContainsAny(n, " \t") {
				return errors.New("a package name has no spaces")
			}
			if strings.TrimSpace(val) == "" {
				return errors.New("give a version, e.g. 4.17.21")
			}
		}
		return nil
	}
	l.form = NewForm(l.theme, title, "", fields, validate, func(v []string) tea.Cmd {
		l.form = nil
		n, val := values(v)
		if l.kind == Dependencies {
			val = strings.TrimSpace(val)
		}
		return l.onSet(n, val)
	}, func() tea.Cmd {
		l.form = nil
		return nil
	})
	l.form.SetSize(l.width, l.height)
	return nil
}

// Update handles the list keys, or the open form.
func (l *List) Update(msg tea.Msg) tea.Cmd {
	if l.form != nil {
		return l.form.Update(msg)
	}
	kp, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	if l.removing != "" {
		name := l.removing
		l.removing = ""
		if kp.String() == "y" {
			return l.onDelete(name)
		}
		return nil
	}
	switch kp.String() {
	case "esc", "q":
		return l.onClose()
	case "j", "down":
		l.cursor = min(l.cursor+1, max(0, len(l.entries)-1))
	case "k", "up":
		l.cursor = max(0, l.cursor-1)
	case "a", "n":
		return l.openForm("", true)
	case "c", "enter":
		if len(l.entries) > 0 {
			return l.openForm(l.entries[l.cursor].Name, false)
		}
	case "x", "d", "delete":
		if len(l.entries) > 0 {
			l.removing = l.entries[l.cursor].Name
		}
	}
	return nil
}

// SetSize tells the dialog how much room the screen has.
func (l *List) SetSize(w, h int) {
	l.width, l.height = w, h
	if l.form != nil {
		l.form.SetSize(w, h)
	}
}

// View draws the rows, or the open form.
func (l *List) View() string {
	if l.form != nil {
		return l.form.View()
	}
	t := l.theme
	inner := max(24, min(60, l.width-4))
	var b strings.Builder
	b.WriteString(t.DialogTitle.Render(common.Truncate(l.title, inner)))
	b.WriteString("\n")
	rows := max(1, l.height-9)
	start := 0
	if l.cursor >= rows {
		start = l.cursor - rows + 1
	}
	if len(l.entries) == 0 {
		b.WriteString("\n")
		if l.kind == Secrets {
			b.WriteString(t.Muted.Render("(no secrets)"))
		} else {
			b.WriteString(t.Muted.Render("(no dependencies)"))
		}
	}
	for i := start; i < len(l.entries) && i < start+rows; i++ {
		e := l.entries[i]
		line := e.Name
		if l.kind == Secrets {
			line += "  " + "(value hidden)"
		} else {
			line += "  " + e.Value
		}
		line = common.Truncate(line, inner-2)
		b.WriteString("\n")
		if i == l.cursor {
			b.WriteString(t.Selected.Render("> " + line))
		} else {
			b.WriteString("  " + line)
		}
	}
	// The question or status takes the lines it needs within the screen: the box's border
	// (2), what is above, the blank line before it and the blank and help lines below (3).
	room := -1
	if l.height > 0 {
		room = l.height - 2 - lineCount(b.String()) - 3
	}
	if l.removing != "" {
		b.WriteString("\n\n")
		b.WriteString(renderWrapped(t.StatusError, "Remove "+l.removing+"? y yes · any other key no", inner, room))
	} else if l.status != "" {
		b.WriteString("\n\n")
		st := t.StatusOK
		if l.isErr {
			st = t.StatusError
		}
		b.WriteString(renderWrapped(st, l.status, inner, room))
	}
	b.WriteString("\n\n")
	b.WriteString(t.Muted.Render(common.Truncate("a add · c change · x remove · esc close", inner)))
	return t.DialogBox.Render(b.String())
}

// ShortHelp is the footer's help while the dialog is open.
func (l *List) ShortHelp() []key.Binding {
	if l.form != nil {
		return l.form.ShortHelp()
	}
	b := func(k, d string) key.Binding { return key.NewBinding(key.WithKeys(k), key.WithHelp(k, d)) }
	return []key.Binding{b("a", "add"), b("c", "change"), b("x", "remove"), b("esc", "close")}
}
