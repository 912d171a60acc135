// Package dialog holds the TUI's modal dialogs: a question with lettered answers (confirmations,
// the save-conflict diff, draft recovery), a form of text inputs (new hook, rename, secret
// values typed masked) and the secrets and dependencies lists. Dialogs report through the
// callbacks the root gives them, which run inside the root's Update.
package dialog

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/aymanbagabas/go-udiff"
	"github.com/charmbracelet/x/ansi"

	"github.com/hookterm/hookterm/ui/common"
)

// Dialog is a modal pane drawn over the body.
type Dialog interface {
	Update(msg tea.Msg) tea.Cmd
	View() string
	SetSize(width, height int)
	ShortHelp() []key.Binding
}

// Choice is one answer of a Question.
type Choice struct {
	Key   string // the key that picks it, e.g. "y", "o", "esc"
	Label string
}

// Question is a title, a scrollable body and lettered answers.
type Question struct {
	theme    *common.Theme
	title    string
	raw      []string // the body as given
	body     []string // the body wrapped to the dialog's width
	choices  []Choice
	onChoose func(key string) tea.Cmd
	offset   int
	width    int
	height   int
}

// NewQuestion builds a question; onChoose gets the Key of the answer picked.
func NewQuestion(theme *common.Theme, title, body string, choices []Choice, onChoose func(key string) tea.Cmd) *Question {
	q := &Question{theme: theme, title: title, raw: strings.Split(strings.TrimRight(body, "\n"), "\n"),
		choices: choices, onChoose: onChoose}
	q.SetSize(80, 24)
	return q
}

// Update picks an answer or scrolls the body.
func (q *Question) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		k := msg.String()
		for _, c := range q.choices {
			if c.Key == k {
				return q.onChoose(c.Key)
			}
		}
		switch k {
		case "down", "j":
			q.scroll(1)
		case "up", "k":
			q.scroll(-1)
		case "pgdown", "space":
			q.scroll(q.bodyHeight())
		case "pgup":
			q.scroll(-q.bodyHeight())
		}
	case tea.MouseWheelMsg:
		if msg.Button == tea.MouseWheelDown {
			q.scroll(3)
		} else if msg.Button == tea.MouseWheelUp {
			q.scroll(-3)
		}
	}
	return nil
}

func (q *Question) scroll(d int) {
	q.offset = min(max(0, q.offset+d), max(0, len(q.body)-q.bodyHeight()))
}

func (q *Question) bodyHeight() int {
	// Box border 2, title 1, blank 1, answers 1, blank before answers 1.
	return max(1, q.height-6)
}

// SetSize tells the dialog how much room the screen has.
func (q *Question) SetSize(w, h int) {
	q.width, q.height = w, h
	inner := max(10, q.width-4)
	q.body = q.body[:0]
	for _, l := range q.raw {
		// Prose wraps; long code lines (diffs) are cut by View instead, since a wrapped
		// code line reads as two lines.
		if strings.HasPrefix(l, "+") || strings.HasPrefix(l, "-") || strings.HasPrefix(l, " ") {
			q.body = append(q.body, l)
			continue
		}
		q.body = append(q.body, strings.Split(ansi.Wrap(l, inner, ""), "\n")...)
	}
	q.scroll(0)
}

// View draws the dialog box.
func (q *Question) View() string {
	inner := max(10, q.width-4)
	t := q.theme
	var b strings.Builder
	b.WriteString(t.DialogTitle.Render(common.Truncate(q.title, inner)))
	b.WriteString("\n")
	bh := q.bodyHeight()
	end := min(len(q.body), q.offset+bh)
	for _, l := range q.body[q.offset:end] {
		b.WriteString("\n")
		b.WriteString(common.Truncate(l, inner))
	}
	if q.offset > 0 || end < len(q.body) {
		b.WriteString("\n")
		b.WriteString(t.Muted.Render(common.Truncate("  (lines "+itoa(q.offset+1)+"–"+itoa(end)+" of "+itoa(len(q.body))+"; ↑/↓ scroll)", inner)))
	}
	b.WriteString("\n\n")
	var parts []string
	for _, c := range q.choices {
		parts = append(parts, t.Help.ShortKey.Render(c.Key)+" "+c.Label)
	}
	b.WriteString(common.Truncate(strings.Join(parts, "   "), inner))
	return t.DialogBox.Render(b.String())
}

// ShortHelp lists the answers.
func (q *Question) ShortHelp() []key.Binding {
	var out []key.Binding
	for _, c := range q.choices {
		out = append(out, key.NewBinding(key.WithKeys(c.Key), key.WithHelp(c.Key, c.Label)))
	}
	return out
}

// Diff renders a unified diff of two scripts, one styled line per element, for the conflict
// dialog. Only the lines shown are styled: the texts themselves never change.
func Diff(theme *common.Theme, oldLabel, newLabel, oldText, newText string) string {
	u := udiff.Unified(oldLabel, newLabel, oldText, newText)
	if u == "" {
		return theme.Muted.Render("(the scripts are identical; other fields changed)")
	}
	lines := strings.Split(strings.TrimRight(u, "\n"), "\n")
	for i, l := range lines {
		l = strings.ReplaceAll(l, "\t", "    ")
		l = strings.TrimRight(l, "\r")
		switch {
		case strings.HasPrefix(l, "+++"), strings.HasPrefix(l, "---"):
			lines[i] = theme.Title.Render(l)
		case strings.HasPrefix(l, "@@"):
			lines[i] = theme.DiffHunk.Render(l)
		case strings.HasPrefix(l, "+"):
			lines[i] = theme.DiffAdd.Render(l)
		case strings.HasPrefix(l, "-"):
			lines[i] = theme.DiffDel.Render(l)
		default:
			lines[i] = l
		}
	}
	return strings.Join(lines, "\n")
}

// Center places a dialog's view in the middle of a width×height area.
func Center(view string, width, height int) string {
	return lipgloss.Place(width, height, lipgloss.Center, lipgloss.Center, view)
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	if neg {
		return "-" + string(b)
	}
	return string(b)
}
