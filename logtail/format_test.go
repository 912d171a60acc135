package logtail

import (
	"testing"

	"github.com/hookterm/hookterm/api"
)

func TestDescribe(t *testing.T) {
	cases := []struct {
		e    api.LogEntry
		want Line
	}{
		{api.LogEntry{Type: "sapi", ClientID: "abc", Details: map[string]any{"request": map[string]any{"method": "patch", "path": "/api/v2/hooks/01HX"}}},
			Line{Code: "sapi", Name: "API Operation", Description: "PATCH /api/v2/hooks/01HX", Client: "abc", Severity: api.LogSuccess}},
		{api.LogEntry{Type: "fhr", Details: map[string]any{"hook_name": "deny", "duration_ms": 2.5, "error": map[string]any{"message": "boom\nat line 2"}}},
			Line{Code: "fhr", Name: "Failed Hook Run", Description: "hook deny in 2.5 ms: boom at line 2", Severity: api.LogFailure}},
		{api.LogEntry{Type: "x_new", Description: "multi\nline", UserID: "auth0|1", UserName: "eve", Connection: "db"},
			Line{Code: "x_new", Name: "x_new", Description: "multi line", User: "eve", Connection: "db", Severity: api.LogSuccess}},
	}
	for _, c := range cases {
		if got := Describe(&c.e); got != c.want {
			t.Errorf("Describe(%+v)\n got %+v\nwant %+v", c.e, got, c.want)
		}
	}
}

// Log fields carry text others control (a signup's user name, a hook's error message): an
// escape sequence in them reached the terminal as is and could recolour, retitle or rewrite
// the screen. Control characters are shown in caret notation instead.
func TestDescribeNeutralisesControlCharacters(t *testing.T) {
	e := &api.LogEntry{
		Type:        "fs",
		Description: "bad \x1b[31mred\x1b[0m \x07bell\nnext",
		UserName:    "eve\x1b]0;pwned\x07",
		ClientName:  "app\u009b31m",
		Connection:  "db\x7f",
	}
	l := Describe(e)
	for _, s := range []string{l.Code, l.Name, l.Description, l.Client, l.User, l.Connection} {
		for _, r := range s {
			if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
				t.Fatalf("control character %U left in %q", r, s)
			}
		}
	}
	if l.Description != "bad ^[[31mred^[[0m ^Gbell next" || l.User != "eve^[]0;pwned^G" {
		t.Errorf("description %q, user %q", l.Description, l.User)
	}
}
