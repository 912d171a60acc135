package api

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hookterm/hookterm/trigger"
)

// retryTestClient serves fake over loopback HTTP and connects to it with tiny retry delays.
func retryTestClient(t *testing.T, fake *apiFake) *Client {
	t.Helper()
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	c, err := NewRemote(context.Background(), RemoteOptions{
		Domain: srv.URL, ClientID: "fake-id", ClientSecret: "fake-secret", Insecure: true,
		Retry: &RetryPolicy{MaxRetries: 2, BaseDelay: time.Millisecond, MaxDelay: 2 * time.Millisecond},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

// failFirst makes the first n requests matching method and path prefix fail with do.
func failFirst(n int32, method, prefix string, do func(w http.ResponseWriter, r *http.Request)) func(http.ResponseWriter, *http.Request) bool {
	var seen atomic.Int32
	return func(w http.ResponseWriter, r *http.Request) bool {
		if r.Method != method || !strings.HasPrefix(r.URL.Path, prefix) || seen.Add(1) > n {
			return false
		}
		do(w, r)
		return true
	}
}

func tooMany(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Retry-After", "0")
	apiFakeError(w, 429, "too_many_requests", "Global limit has been reached")
}

func dropConnection(w http.ResponseWriter, _ *http.Request) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err == nil {
		_ = conn.Close()
	}
}

func TestRetry429ThenSuccess(t *testing.T) {
	fake := newAPIFake()
	c := retryTestClient(t, fake)
	// A 429 is a refusal before anything happened, so even a POST is sent again.
	fake.fail = failFirst(2, http.MethodPost, "/api/v2/hooks", tooMany)
	h, err := c.CreateHook(context.Background(), Hook{Name: "x", Script: "s", TriggerID: trigger.SendPhoneMessage})
	if err != nil {
		t.Fatalf("create after two 429s: %v", err)
	}
	if n := fake.count("POST /api/v2/hooks"); n != 3 {
		t.Errorf("POST sent %d times, want 3", n)
	}
	if len(fake.hooks) != 1 || h.ID == "" {
		t.Errorf("hooks stored: %d", len(fake.hooks))
	}
}

func TestRetry429GivesUp(t *testing.T) {
	fake := newAPIFake()
	c := retryTestClient(t, fake)
	fake.fail = failFirst(10, http.MethodGet, "/api/v2/hooks", tooMany)
	_, err := c.ListHooks(context.Background(), ListHooksOptions{})
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, ErrRateLimited) || e.Code != "too_many_requests" || !strings.Contains(e.Hint, "after 2 retries") {
		t.Fatalf("err = %#v", err)
	}
	if n := fake.count("GET /api/v2/hooks"); n != 3 {
		t.Errorf("GET sent %d times, want 3", n)
	}
}

func TestRetryServerErrorOnlyForIdempotent(t *testing.T) {
	fake := newAPIFake()
	c := retryTestClient(t, fake)
	ctx := context.Background()
	h, err := c.CreateHook(ctx, Hook{Name: "x", Script: "s", TriggerID: trigger.SendPhoneMessage})
	if err != nil {
		t.Fatal(err)
	}
	unavailable := func(w http.ResponseWriter, _ *http.Request) { apiFakeError(w, 503, "", "Service Unavailable") }

	fake.fail = failFirst(1, http.MethodGet, "/api/v2/hooks/", unavailable)
	if _, err := c.GetHook(ctx, h.ID); err != nil {
		t.Fatalf("GET after one 503: %v", err)
	}
	if n := fake.count("GET /api/v2/hooks/" + h.ID); n != 2 {
		t.Errorf("GET sent %d times, want 2", n)
	}

	fake.fail = failFirst(1, http.MethodPatch, "/api/v2/hooks/", unavailable)
	name := "y"
	_, err = c.UpdateHook(ctx, h.ID, HookUpdate{Name: &name})
	if err == nil || fake.count("PATCH /api/v2/hooks/"+h.ID) != 1 {
		t.Fatalf("PATCH after a 503: err %v, sent %d times (want an error and 1)", err, fake.count("PATCH /api/v2/hooks/"+h.ID))
	}
}

func TestRetryDroppedConnection(t *testing.T) {
	fake := newAPIFake()
	c := retryTestClient(t, fake)
	ctx := context.Background()
	h, err := c.CreateHook(ctx, Hook{Name: "x", Script: "s", TriggerID: trigger.SendPhoneMessage})
	if err != nil {
		t.Fatal(err)
	}

	fake.fail = failFirst(2, http.MethodDelete, "/api/v2/hooks/", dropConnection)
	if err := c.DeleteHook(ctx, h.ID); err != nil {
		t.Fatalf("DELETE after two dropped connections: %v", err)
	}
	if n := fake.count("DELETE /api/v2/hooks/" + h.ID); n != 3 {
		t.Errorf("DELETE sent %d times, want 3", n)
	}

	// A POST whose connection drops may have been applied: it is not sent again.
	fake.fail = failFirst(5, http.MethodPost, "/api/v2/hooks", dropConnection)
	_, err = c.CreateHook(ctx, Hook{Name: "z", Script: "s", TriggerID: trigger.SendPhoneMessage})
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, ErrNetwork) || !strings.Contains(e.Hint, "did not repeat") {
		t.Fatalf("POST on a dropped connection: %#v", err)
	}
	if n := fake.count("POST /api/v2/hooks"); n != 2 { // the first create plus exactly one attempt
		t.Errorf("POST sent %d times, want 2", n)
	}
}

func TestNetworkFailureIsExplained(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	addr := srv.URL
	srv.Close() // nothing listens there any more
	c, err := NewRemote(context.Background(), RemoteOptions{Domain: addr, Token: "t", Insecure: true,
		Retry: &RetryPolicy{MaxRetries: 1, BaseDelay: time.Millisecond, MaxDelay: time.Millisecond}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.ListHooks(context.Background(), ListHooksOptions{})
	var e *Error
	if !errors.As(err, &e) || e.StatusCode != 0 || !strings.Contains(e.Message, "cannot reach") || !strings.Contains(e.Hint, "hookterm serve") {
		t.Fatalf("err = %#v", err)
	}
	// A write that never left (connection refused) is not reported as possibly applied.
	_, err = c.CreateHook(context.Background(), Hook{Name: "x", Script: "s", TriggerID: trigger.SendPhoneMessage})
	if !errors.As(err, &e) || !errors.Is(err, ErrNetwork) || strings.Contains(e.Hint, "may or may not") {
		t.Fatalf("refused POST: %#v", err)
	}
}

func TestRateLimitDelayHonoursHeaders(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	tr := &retryTransport{policy: RetryPolicy{MaxRetries: 2, BaseDelay: time.Second, MaxDelay: 10 * time.Second}, now: func() time.Time { return now }}
	resp := func(h map[string]string) *http.Response {
		r := &http.Response{Header: http.Header{}}
		for k, v := range h {
			r.Header.Set(k, v)
		}
		return r
	}
	cases := []struct {
		h    map[string]string
		want time.Duration
	}{
		{map[string]string{"Retry-After": "3"}, 3 * time.Second},
		{map[string]string{"Retry-After": now.Add(4 * time.Second).UTC().Format(http.TimeFormat)}, 4 * time.Second},
		{map[string]string{"X-RateLimit-Reset": strconv.FormatInt(now.Unix()+5, 10)}, 5 * time.Second},
		{map[string]string{"Retry-After": "2", "X-RateLimit-Reset": strconv.FormatInt(now.Unix()+5, 10)}, 2 * time.Second},
		{map[string]string{"Retry-After": "600"}, 10 * time.Second},                      // capped
		{map[string]string{"X-RateLimit-Reset": strconv.FormatInt(now.Unix()-5, 10)}, 0}, // already refilled
	}
	for _, tc := range cases {
		if got := tr.rateLimitDelay(resp(tc.h), 0); got != tc.want {
			t.Errorf("%v: delay %v, want %v", tc.h, got, tc.want)
		}
	}
	// Without headers, backoff: between half and all of BaseDelay<<attempt.
	if got := tr.rateLimitDelay(resp(nil), 1); got < time.Second || got > 2*time.Second {
		t.Errorf("backoff for attempt 1 = %v", got)
	}
}

func TestInsecureRefusedForRemoteHosts(t *testing.T) {
	for _, d := range []string{"my-tenant.eu.auth0.com", "http://10.0.0.5:4545", "192.168.1.2"} {
		_, err := NewRemote(context.Background(), RemoteOptions{Domain: d, Token: "t", Insecure: true})
		if err == nil || !strings.Contains(err.Error(), "loopback") {
			t.Errorf("%s with --insecure: %v", d, err)
		}
	}
	for _, d := range []string{"127.0.0.1:4545", "localhost:4545", "[::1]:4545", "http://127.0.0.1:4545"} {
		c, err := NewRemote(context.Background(), RemoteOptions{Domain: d, Token: "t", Insecure: true})
		if err != nil || c.Target().Kind != TargetLocal {
			t.Errorf("%s with --insecure: %v", d, err)
		}
	}
	if _, err := NewRemote(context.Background(), RemoteOptions{Domain: "http://127.0.0.1:4545", Token: "t"}); err == nil {
		t.Error("http:// without --insecure accepted")
	}
	c, err := NewRemote(context.Background(), RemoteOptions{Domain: "https://my-tenant.eu.auth0.com/", ClientID: "i", ClientSecret: "s"})
	if err != nil || c.Target() != (Target{Kind: TargetRemote, Display: "my-tenant.eu.auth0.com"}) {
		t.Errorf("remote target = %+v, %v", c.Target(), err)
	}
	if _, err := NewRemote(context.Background(), RemoteOptions{Domain: "my-tenant.eu.auth0.com", ClientID: "i"}); err == nil {
		t.Error("client id without secret accepted")
	}
}

func TestNonJSONErrorBody(t *testing.T) {
	fake := newAPIFake()
	c := retryTestClient(t, fake)
	fake.fail = failFirst(1, http.MethodPost, "/api/v2/hooks", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(502)
		_, _ = w.Write([]byte("<html>Bad Gateway</html>"))
	})
	_, err := c.CreateHook(context.Background(), Hook{Name: "x", Script: "s", TriggerID: trigger.SendPhoneMessage})
	var e *Error
	if !errors.As(err, &e) || e.StatusCode != 502 || e.Message != "Bad Gateway" || !strings.Contains(e.Hint, "try again later") {
		t.Fatalf("502 with HTML: %#v", err)
	}
}

// dialFailOnce fails the first request with a dial error, as a refused connection does.
type dialFailOnce struct {
	base   http.RoundTripper
	failed atomic.Bool
}

func (d *dialFailOnce) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.URL.Path == "/api/v2/hooks" && r.Method == http.MethodPost && !d.failed.Swap(true) {
		return nil, &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}
	}
	return d.base.RoundTrip(r)
}

func TestRetryWriteThatNeverLeft(t *testing.T) {
	fake := newAPIFake()
	srv := httptest.NewServer(fake)
	defer srv.Close()
	c, err := NewRemote(context.Background(), RemoteOptions{
		Domain: srv.URL, ClientID: "fake-id", ClientSecret: "fake-secret", Insecure: true,
		Transport: &dialFailOnce{base: http.DefaultTransport},
		Retry:     &RetryPolicy{MaxRetries: 2, BaseDelay: time.Millisecond, MaxDelay: 2 * time.Millisecond},
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.CreateHook(context.Background(), Hook{Name: "x", Script: "s", TriggerID: trigger.SendPhoneMessage}); err != nil {
		t.Fatalf("POST after a refused dial: %v", err)
	}
	if n := fake.count("POST /api/v2/hooks"); n != 1 {
		t.Errorf("server saw %d POSTs, want 1", n)
	}
}
