package tenant

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestRecordRun(t *testing.T) {
	tn := tenantTestOpen(t, Options{})
	ts := tenantTestServe(t, tn)
	tok := tenantTestToken(t, tn, ts, "")
	code, _, b := tenantTestDo(t, ts, "POST", "/api/v2/hooks", tok, `{"name":"runs","script":"s","triggerId":"credentials-exchange"}`)
	if code != 201 {
		t.Fatal(string(b))
	}
	var h struct{ ID string }
	_ = json.Unmarshal(b, &h)

	ok := `{"report":{"trigger":"credentials-exchange","ok":true,"result":{"scope":["a"]},"error":null,
		"logs":[{"time":"2026-12-07T10:00:00Z","level":"log","message":"hello"}],"applied":null,"durationMs":12.5}}`
	code, _, b = tenantTestDo(t, ts, "POST", "/hookterm/v1/hooks/"+h.ID+"/runs", tok, ok)
	if code != 201 {
		t.Fatalf("record ok run: %d %s", code, b)
	}
	var e struct {
		LogID       string `json:"log_id"`
		Type        string
		Description string
		Details     map[string]any
	}
	if err := json.Unmarshal(b, &e); err != nil || e.Type != "shr" || !logIDRe.MatchString(e.LogID) {
		t.Fatalf("entry %s", b)
	}
	d := e.Details
	logs, _ := d["logs"].([]any)
	if d["hook_id"] != h.ID || d["hook_name"] != "runs" || d["trigger"] != "credentials-exchange" || d["duration_ms"] != 12.5 || len(logs) != 1 || d["error"] != nil {
		t.Fatalf("shr details %v", d)
	}
	failed := `{"report":{"trigger":"credentials-exchange","ok":false,"error":{"name":"TypeError","message":"x is not a function","kind":"runtime","line":3},"logs":[],"durationMs":3}}`
	code, _, b = tenantTestDo(t, ts, "POST", "/hookterm/v1/hooks/"+h.ID+"/runs", tok, failed)
	if code != 201 || !strings.Contains(string(b), `"type":"fhr"`) || !strings.Contains(string(b), "Failed Hook Run: runs: TypeError: x is not a function") ||
		!strings.Contains(string(b), `"name":"TypeError"`) || !strings.Contains(string(b), `"line":3`) {
		t.Fatalf("record failed run: %d %s", code, b)
	}
	// A huge console line is clipped in the entry, saying how long it was.
	huge := strings.Repeat("z", 100000)
	code, _, b = tenantTestDo(t, ts, "POST", "/hookterm/v1/hooks/"+h.ID+"/runs", tok,
		`{"report":{"ok":true,"logs":[{"level":"log","message":"`+huge+`"}],"durationMs":1}}`)
	if code != 201 || len(b) > 20000 || !strings.Contains(string(b), "… (100000 bytes in all)") {
		t.Fatalf("huge log line: %d, %d bytes", code, len(b))
	}
	// The entries are ordinary log entries: searchable by type and hook.
	code, _, b = tenantTestDo(t, ts, "GET", "/api/v2/logs?q=hook_id:"+h.ID+"%20AND%20(type:shr%20OR%20type:fhr)&fields=type", tok, "")
	if code != 200 || string(b) != `[{"type":"shr"},{"type":"fhr"},{"type":"shr"}]` {
		t.Fatalf("search runs: %d %s", code, b)
	}
	for _, c := range []struct {
		path, body string
		status     int
		code       string
	}{
		{"/hookterm/v1/hooks/01AAAAAAAAAAAAAAAAAAAAAAAA/runs", ok, 404, "HookDoesNotExist"},
		{"/hookterm/v1/hooks/" + h.ID + "/runs", `{"report":{}}`, 400, "invalid_body"},
		{"/hookterm/v1/hooks/" + h.ID + "/runs", `{}`, 400, "invalid_body"},
		{"/hookterm/v1/hooks/" + h.ID + "/runs", `nope`, 400, "invalid_body"},
	} {
		code, _, b := tenantTestDo(t, ts, "POST", c.path, tok, c.body)
		tenantTestExpectError(t, code, b, c.status, c.code, "")
	}
	// Reading secret values leaves an mgmt_api_read entry naming no value.
	tenantTestDo(t, ts, "POST", "/api/v2/hooks/"+h.ID+"/secrets", tok, `{"TOKEN":"abc-secret-123"}`)
	code, _, b = tenantTestDo(t, ts, "GET", "/hookterm/v1/hooks/"+h.ID+"/secrets", tok, "")
	if code != 200 || string(b) != `{"TOKEN":"abc-secret-123"}` {
		t.Fatalf("values: %d %s", code, b)
	}
	code, _, b = tenantTestDo(t, ts, "GET", "/api/v2/logs?q=type:mgmt_api_read", tok, "")
	if code != 200 || !strings.Contains(string(b), `"secrets":["TOKEN"]`) || strings.Contains(string(b), "abc-secret-123") {
		t.Fatalf("mgmt_api_read: %d %s", code, b)
	}
}
