package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestRetryAfterFromHeaders(t *testing.T) {
	now := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
	cases := []struct {
		h    http.Header
		want time.Duration
	}{
		{http.Header{"Retry-After": {"3"}}, 3 * time.Second},
		{http.Header{"Retry-After": {now.Add(5 * time.Second).Format(http.TimeFormat)}}, 5 * time.Second},
		{http.Header{"X-Ratelimit-Reset": {fmt.Sprint(now.Add(7 * time.Second).Unix())}}, 7 * time.Second},
		{http.Header{"X-Ratelimit-Reset": {fmt.Sprint(now.Add(-7 * time.Second).Unix())}}, 100 * time.Millisecond},
		{http.Header{"Retry-After": {"86400"}}, maxRateLimitWait},
		{http.Header{}, defaultRateLimitWait},
	}
	for _, c := range cases {
		if got := retryAfterFromHeaders(c.h, now); got != c.want {
			t.Errorf("retryAfterFromHeaders(%v) = %v, want %v", c.h, got, c.want)
		}
	}
}

func TestRetryAfter(t *testing.T) {
	hinted := &Error{StatusCode: 429, Message: "Global limit has been reached", Err: &rateLimitHint{after: 4 * time.Second}}
	if got := RetryAfter(fmt.Errorf("tail: %w", hinted)); got != 4*time.Second {
		t.Fatalf("RetryAfter(hinted) = %v", got)
	}
	if got := RetryAfter(&Error{StatusCode: 429}); got != defaultRateLimitWait {
		t.Fatalf("RetryAfter(bare 429) = %v", got)
	}
	if got := RetryAfter(&Error{StatusCode: 503}); got != 0 {
		t.Fatalf("RetryAfter(503) = %v, want 0", got)
	}
}

func TestSeverityAndNames(t *testing.T) {
	for code, want := range map[string]LogSeverity{"ss": LogSuccess, "sapi": LogSuccess, "fs": LogFailure,
		"fhr": LogFailure, "w": LogWarning, "gd_send_sms_failure": LogFailure, "gd_send_sms": LogSuccess,
		"api_limit": LogFailure, "depnote": LogWarning, "mgmt_api_read": LogSuccess} {
		if got := Severity(code); got != want {
			t.Errorf("Severity(%q) = %v, want %v", code, got, want)
		}
	}
	if LogTypeName("shr") != "Success Hook Run" || LogTypeName("fpurh") == "" || LogTypeName("nope") != "" {
		t.Fatal("type names")
	}
}

// logsTestFake answers the logs endpoints on top of the api fake's token endpoint.
func logsTestFake(t *testing.T, handle func(w http.ResponseWriter, r *http.Request) bool) *apiFake {
	t.Helper()
	f := newAPIFake()
	f.fail = func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path == "/oauth/token" {
			return false
		}
		return handle(w, r)
	}
	return f
}

const logsTestEntry = `{"_id":"90020261207101500000000000000000000000000000000000000001","log_id":"90020261207101500000000000000000000000000000000000000001","date":"2026-12-07T10:15:00.123Z","type":"sapi","description":"Create a Hook","client_id":"abc","client_name":"hookterm","details":{"request":{"method":"post","path":"/api/v2/hooks"}},"isMobile":false,"tenant_name":"local"}`

func TestLogsFromKeepsRawAndSendsCheckpoint(t *testing.T) {
	var gotQuery string
	f := logsTestFake(t, func(w http.ResponseWriter, r *http.Request) bool {
		if r.Method == "GET" && r.URL.Path == "/api/v2/logs" {
			gotQuery = r.URL.RawQuery
			w.Header().Set("Link", `<http://embedded.hookterm.local/api/v2/logs?from=90020261207101500000000000000000000000000000000000000001&take=100>; rel="next"`)
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte("[" + logsTestEntry + "]"))
			return true
		}
		return false
	})
	c := apiTestClient(t, f, TargetEmbedded)
	es, err := c.LogsFrom(context.Background(), "900123", 500)
	if err != nil {
		t.Fatal(err)
	}
	if gotQuery != "from=900123&take=100" {
		t.Fatalf("query %q, want from and take clamped to 100", gotQuery)
	}
	if len(es) != 1 || es[0].Type != "sapi" || es[0].ClientName != "hookterm" || es[0].Date.Nanosecond() != 123e6 {
		t.Fatalf("entries %+v", es)
	}
	if string(es[0].Raw) != logsTestEntry {
		t.Fatalf("Raw is not the entry as sent:\n%s", es[0].Raw)
	}
	p, err := c.LogsPage(context.Background(), "900123", 10)
	if err != nil || p.Next != "90020261207101500000000000000000000000000000000000000001" || len(p.Entries) != 1 {
		t.Fatalf("LogsPage: next %q, %d entries, %v", p.Next, len(p.Entries), err)
	}
}

func TestSearchAndGetLog(t *testing.T) {
	var gotQuery string
	f := logsTestFake(t, func(w http.ResponseWriter, r *http.Request) bool {
		switch {
		case r.URL.Path == "/api/v2/logs":
			gotQuery = r.URL.Query().Encode()
			apiFakeJSON(w, 200, []json.RawMessage{json.RawMessage(logsTestEntry)})
		case r.URL.Path == "/api/v2/logs/90020261207101500000000000000000000000000000000000000001":
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(logsTestEntry))
		case strings.HasPrefix(r.URL.Path, "/api/v2/logs/"):
			apiFakeError(w, 404, "inexistent_log", "Log not found")
		default:
			return false
		}
		return true
	})
	c := apiTestClient(t, f, TargetEmbedded)
	ctx := context.Background()
	es, err := c.SearchLogs(ctx, LogQuery{Query: `type:"sapi"`, PerPage: 10, Page: 2, Sort: "date:-1"})
	if err != nil || len(es) != 1 {
		t.Fatalf("search: %v %v", es, err)
	}
	for _, want := range []string{"q=type%3A%22sapi%22", "per_page=10", "page=2", "sort=date%3A-1"} {
		if !strings.Contains(gotQuery, want) {
			t.Errorf("search query %q lacks %s", gotQuery, want)
		}
	}
	e, err := c.GetLog(ctx, "90020261207101500000000000000000000000000000000000000001")
	if err != nil || e.Description != "Create a Hook" || len(e.Raw) == 0 {
		t.Fatalf("get: %+v %v", e, err)
	}
	_, err = c.GetLog(ctx, "900999")
	if !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "Log not found") {
		t.Fatalf("get missing: %v", err)
	}
}

func TestLogsRateLimitCarriesRetryAfter(t *testing.T) {
	calls := 0
	f := logsTestFake(t, func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path != "/api/v2/logs" {
			return false
		}
		calls++
		// The client's transport retries twice at once (Retry-After: 0); the third answer's
		// figure is what the tailer must wait.
		w.Header().Set("Retry-After", "0")
		if calls == 3 {
			w.Header().Set("Retry-After", "7")
		}
		apiFakeError(w, 429, "too_many_requests", "Global limit has been reached")
		return true
	})
	c := apiTestClient(t, f, TargetEmbedded)
	_, err := c.LogsFrom(context.Background(), "", 10)
	if !errors.Is(err, ErrRateLimited) {
		t.Fatalf("err %v, want a 429", err)
	}
	if got := RetryAfter(err); got != 7*time.Second {
		t.Fatalf("RetryAfter = %v, want 7s (calls %d)", got, calls)
	}
}

func TestRecordRun(t *testing.T) {
	var body string
	f := logsTestFake(t, func(w http.ResponseWriter, r *http.Request) bool {
		if r.Method == "POST" && r.URL.Path == "/hookterm/v1/hooks/01HZX5V8T3K2M9Q4R7W6Y1B0CD/runs" {
			b, _ := io.ReadAll(r.Body)
			body = string(b)
			apiFakeJSON(w, 201, map[string]any{})
			return true
		}
		return false
	})
	ctx := context.Background()
	rec := RunRecord{HookID: "01HZX5V8T3K2M9Q4R7W6Y1B0CD", Report: json.RawMessage(`{"ok":true,"trigger":"credentials-exchange"}`)}
	if err := apiTestClient(t, f, TargetEmbedded).RecordRun(ctx, rec); err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(body) != `{"report":{"ok":true,"trigger":"credentials-exchange"}}` {
		t.Fatalf("body %q", body)
	}
	body = ""
	if err := apiTestClient(t, f, TargetRemote).RecordRun(ctx, rec); err != nil || body != "" {
		t.Fatalf("remote RecordRun: err %v, body %q (want a no-op)", err, body)
	}
}
