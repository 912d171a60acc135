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
