package dialog

import (
	"errors"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/hookterm/hookterm/ui/common"
)

func press(d Dialog, keys ...string) {
	for _, k := range keys {
		var msg tea.KeyPressMsg
		switch k {
		case "enter":
			msg = tea.KeyPressMsg{Code: tea.KeyEnter}
		case "esc":
			msg = tea.KeyPressMsg{Code: tea.KeyEscape}
		case "tab":
			msg = tea.KeyPressMsg{Code: tea.KeyTab}
		case "right":
			msg = tea.KeyPressMsg{Code: tea.KeyRight}
		case "down":
			msg = tea.KeyPressMsg{Code: tea.KeyDown}
		default:
			for _, r := range k {
				d.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
			}
			continue
		}
		d.Update(msg)
	}
}

func theme() *common.Theme { t := common.NewTheme(false); return &t }

func TestQuestionAnswersAndScrolls(t *testing.T) {
	var got string
	body := strings.Repeat("+line\n", 50)
	q := NewQuestion(theme(), "Title", body, []Choice{{Key: "y", Label: "yes"}, {Key: "esc", Label: "no"}},
		func(k string) tea.Cmd { got = k; return nil })
	q.SetSize(60, 20)
	if v := ansi.Strip(q.View()); !strings.Contains(v, "of 50") {
		t.Fatalf("long body not marked scrollable:\n%s", v)
	}
	press(q, "down", "x")
	if got != "" {
		t.Fatal("an unknown key answered")
	}
	press(q, "y")
	if got != "y" {
		t.Fatalf("answer %q", got)
	}
	press(q, "esc")
	if got != "esc" {
		t.Fatalf("answer %q", got)
	}
}

func TestFormValidatesSubmitsAndMasks(t *testing.T) {
	var submitted []string
	cancelled := false
	f := NewForm(theme(), "New", "", []Field{{Label: "Name"}, {Label: "Secret", Masked: true}, {Label: "Point", Options: []string{"a", "b", "c"}, Value: "b"}},
		func(v []string) error {
			if v[0] == "" {
				return errors.New("name needed")
			}
			return nil
		},
		func(v []string) tea.Cmd { submitted = v; return nil },
		func() tea.Cmd { cancelled = true; return nil })
	f.SetSize(70, 24)
	press(f, "enter")
	if submitted != nil || !strings.Contains(ansi.Strip(f.View()), "name needed") {
		t.Fatal("invalid form submitted or error not shown")
	}
	press(f, "bob", "tab", "s3cr3t", "tab", "right")
	if strings.Contains(f.View(), "s3cr3t") {
		t.Fatal("masked value displayed")
	}
	press(f, "enter")
	if strings.Join(submitted, ",") != "bob,s3cr3t,c" {
		t.Fatalf("submitted %q", submitted)
	}
	press(f, "esc")
	if !cancelled {
		t.Fatal("esc did not cancel")
	}
}

func TestSecretsListNeverShowsValues(t *testing.T) {
	var set [2]string
	var deleted string
	closed := false
	l := NewList(theme(), Secrets, "Secrets", []Entry{{Name: "B", Value: "leak"}, {Name: "A"}},
		func(n, v string) tea.Cmd { set = [2]string{n, v}; return nil },
		func(n string) tea.Cmd { deleted = n; return nil },
		func() tea.Cmd { closed = true; return nil })
	l.SetSize(70, 24)
	if v := ansi.Strip(l.View()); strings.Contains(v, "leak") || strings.Index(v, "A") > strings.Index(v, "B  ") {
		t.Fatalf("view:\n%s", v)
	}
	press(l, "a", "bad name", "tab", "v", "enter")
	if set[0] != "" || !strings.Contains(ansi.Strip(l.View()), "letters, digits") {
		t.Fatal("invalid secret name accepted")
	}
	press(l, "esc", "a", "TOKEN", "tab", "value-1", "enter")
	if set != [2]string{"TOKEN", "value-1"} {
		t.Fatalf("set %v", set)
	}
	press(l, "c", "value-2", "enter")
	if set != [2]string{"A", "value-2"} {
		t.Fatalf("change %v", set)
	}
	press(l, "down", "x", "n")
	if deleted != "" {
		t.Fatal("n removed")
	}
	press(l, "x", "y")
	if deleted != "B" {
		t.Fatalf("removed %q", deleted)
	}
	press(l, "esc")
	if !closed {
		t.Fatal("esc did not close")
	}
}

func TestDiffMarksBothSides(t *testing.T) {
	d := ansi.Strip(Diff(theme(), "stored", "yours", "a\nb\n", "a\nc\n"))
	for _, w := range []string{"--- stored", "+++ yours", "-b", "+c"} {
		if !strings.Contains(d, w) {
			t.Fatalf("diff lacks %q:\n%s", w, d)
		}
	}
}
