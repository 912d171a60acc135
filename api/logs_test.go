package api

import (
	"fmt"
	"net/http"
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
