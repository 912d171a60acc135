package logtail_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/hookterm/hookterm/api"
	"github.com/hookterm/hookterm/logtail"
	"github.com/hookterm/hookterm/tenant"
	"github.com/hookterm/hookterm/trigger"
)

// logtailTestFaults answers some GET /api/v2/logs requests with a failure instead of the
// tenant: a 429, a 5xx, a connection dropped before the answer or in the middle of its body.
type logtailTestFaults struct {
	h        http.Handler
	mu       sync.Mutex
	n        int
	schedule []string // one per logs request, cycled; "" passes the request through
	injected map[string]int
}

// stop ends the faults, so the test can read the tenant's truth through the same server.
func (f *logtailTestFaults) stop() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.schedule = nil
}

func (f *logtailTestFaults) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet || r.URL.Path != "/api/v2/logs" {
		f.h.ServeHTTP(w, r)
		return
	}
	f.mu.Lock()
	if len(f.schedule) == 0 {
		f.mu.Unlock()
		f.h.ServeHTTP(w, r)
		return
	}
	fault := f.schedule[f.n%len(f.schedule)]
	f.n++
	if fault != "" {
		f.injected[fault]++
	}
	f.mu.Unlock()
	switch fault {
	case "429":
		w.Header().Set("Retry-After", "3")
		w.Header().Set("X-RateLimit-Reset", fmt.Sprint(time.Now().Add(3*time.Second).Unix()))
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusTooManyRequests)
		_, _ = w.Write([]byte(`{"statusCode":429,"error":"Too Many Requests","message":"Global limit has been reached","errorCode":"too_many_requests"}`))
	case "503":
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte(`{"statusCode":503,"error":"Service Unavailable","message":"try later"}`))
	case "drop":
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			_ = conn.Close()
		}
	case "cut":
		// Headers promise more than is sent: the client reads a truncated body.
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err == nil {
			_, _ = buf.WriteString("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n[{\"log_id\":\"900")
			_ = buf.Flush()
			_ = conn.Close()
		}
	default:
		f.h.ServeHTTP(w, r)
	}
}

// logtailTestServe opens a local tenant served on loopback (as `hookterm serve` does) behind
// the fault injector.
func logtailTestServe(t testing.TB, schedule []string) (*tenant.Tenant, *logtailTestFaults, string) {
	t.Helper()
	ctx := context.Background()
	ten, err := tenant.Open(ctx, t.TempDir(), tenant.Options{RateLimit: -1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ten.Close() })
	faults := &logtailTestFaults{h: ten.Handler(), schedule: schedule, injected: map[string]int{}}
	srv := httptest.NewServer(faults)
	t.Cleanup(srv.Close)
	return ten, faults, srv.URL
}

func logtailTestClient(t testing.TB, ten *tenant.Tenant, url string, retries int) *api.Client {
	t.Helper()
	id, secret := ten.Credentials()
	c, err := api.NewRemote(context.Background(), api.RemoteOptions{Domain: url, Insecure: true,
		ClientID: id, ClientSecret: secret, Retry: &api.RetryPolicy{MaxRetries: retries, MaxDelay: time.Millisecond}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

// logtailTestAll reads every entry after from through a client without faults.
func logtailTestAll(t testing.TB, c *api.Client, from string) []api.LogEntry {
	t.Helper()
	var out []api.LogEntry
	for {
		page, err := c.LogsFrom(context.Background(), from, 100)
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			return out
		}
		out = append(out, page...)
		from = page[len(page)-1].LogID
	}
}

func logtailTestHook(t testing.TB, c *api.Client) api.Hook {
	t.Helper()
	h, err := c.CreateHook(context.Background(), api.Hook{Name: "tail-target", TriggerID: trigger.CredentialsExchange,
		Script: "module.exports = function (client, scope, audience, context, cb) { cb(null, {}); };"})
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func logtailTestRecord(c *api.Client, hookID string, i int) error {
	report, _ := json.Marshal(map[string]any{"ok": i%5 != 0, "trigger": "credentials-exchange", "durationMs": float64(i),
		"logs": []map[string]any{{"level": "log", "message": fmt.Sprintf("run %d", i)}}})
	return c.RecordRun(context.Background(), api.RunRecord{HookID: hookID, Report: report})
}

// TestTailAgainstLocalTenantWithFaults follows the local tenant over loopback while runs are
// recorded, with a fault on most logs requests: every entry arrives once, in order.
func TestTailAgainstLocalTenantWithFaults(t *testing.T) {
	ten, faults, url := logtailTestServe(t, nil)
	writer := logtailTestClient(t, ten, url, 2)
	reader := logtailTestClient(t, ten, url, 0) // every fault reaches the tailer
	hook := logtailTestHook(t, writer)
	from := logtailTestLast(t, writer)

	const runs = 150
	for i := 1; i <= runs; i++ {
		if err := logtailTestRecord(writer, hook.ID, i); err != nil {
			t.Fatal(err)
		}
	}
	last := logtailTestLast(t, writer)
	faults.mu.Lock()
	faults.schedule = []string{"", "429", "", "503", "drop", "", "cut", "", "500", "429", "cut", ""}
	faults.mu.Unlock()

	var retryAfters []time.Duration
	tl := logtail.New(reader, logtail.Options{From: from, Take: 7, Interval: time.Millisecond, MinBackoff: time.Millisecond,
		MaxBackoff: 2 * time.Millisecond,
		RetryAfter: func(err error) time.Duration {
			d := api.RetryAfter(err)
			if d > 0 {
				retryAfters = append(retryAfters, d)
				return time.Millisecond // the figure is checked below; the test need not wait it
			}
			return 0
		}})
	var got []api.LogEntry
	transient := 0
	// Tail until caught up: past the last run, and a page came back empty. (Token requests
	// log too, so the checkpoint may pass `last`.)
	for caughtUp := false; !caughtUp; {
		res, err := tl.Poll(context.Background())
		if err != nil {
			t.Fatalf("tail ended: %v", err)
		}
		if res.Err != nil {
			transient++
		}
		got = append(got, res.Entries...)
		caughtUp = res.Err == nil && res.Fetched == 0 && len(tl.Checkpoint()) == len(last) && tl.Checkpoint() >= last
	}
	faults.stop()
	want := logtailTestAll(t, writer, from)
	if len(want) < runs {
		t.Fatalf("tenant has %d entries after the start, want at least %d", len(want), runs)
	}
	if len(got) != len(want) {
		t.Fatalf("tail got %d entries, the tenant has %d", len(got), len(want))
	}
	for i := range want {
		if got[i].LogID != want[i].LogID {
			t.Fatalf("entry %d: tail %s, tenant %s (lost, duplicated or reordered)", i, got[i].LogID, want[i].LogID)
		}
	}
	if transient == 0 || faults.injected["429"] == 0 || faults.injected["cut"] == 0 {
		t.Fatalf("faults did not reach the tailer: transient %d, injected %v", transient, faults.injected)
	}
	for _, d := range retryAfters {
		if d < 2*time.Second || d > 3*time.Second {
			t.Fatalf("429 Retry-After read as %v, want about 3s", d)
		}
	}
	if len(retryAfters) == 0 {
		t.Fatal("no 429 reached the tailer")
	}
	t.Logf("%d entries, %d transient errors, injected %v", len(got), transient, faults.injected)
}

func logtailTestLast(t testing.TB, c *api.Client) string {
	t.Helper()
	es, err := c.SearchLogs(context.Background(), api.LogQuery{PerPage: 1, Sort: "date:-1"})
	if err != nil || len(es) == 0 {
		t.Fatalf("newest entry: %v %v", es, err)
	}
	return es[0].LogID
}

// TestTailWhileWriting tails concurrently with the writes (the live case) and checks the
// same: nothing lost, nothing twice.
func TestTailWhileWriting(t *testing.T) {
	ten, faults, url := logtailTestServe(t, []string{"", "", "503", "", "drop", ""})
	writer := logtailTestClient(t, ten, url, 2)
	reader := logtailTestClient(t, ten, url, 0)
	hook := logtailTestHook(t, writer)
	from := logtailTestLast(t, writer)

	const runs = 60
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var got []api.LogEntry
	done := make(chan error, 1)
	runsOnly, err := logtail.ParseFilters([]string{"runs"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	tl := logtail.New(reader, logtail.Options{From: from, Interval: 2 * time.Millisecond, MinBackoff: time.Millisecond, Filter: runsOnly})
	go func() {
		done <- tl.Run(ctx, func(e api.LogEntry) error {
			got = append(got, e)
			if len(got) == runs {
				cancel()
			}
			return nil
		}, nil)
	}()
	for i := 1; i <= runs; i++ {
		if err := logtailTestRecord(writer, hook.ID, i); err != nil {
			t.Fatal(err)
		}
	}
	if err := <-done; err != nil {
		t.Fatalf("Run: %v", err)
	}
	faults.stop()
	var want []api.LogEntry
	for _, e := range logtailTestAll(t, writer, from) {
		if runsOnly.Match(&e) {
			want = append(want, e)
		}
	}
	if len(got) != runs || len(want) != runs {
		t.Fatalf("got %d, tenant %d, want %d", len(got), len(want), runs)
	}
	for i := range want {
		if got[i].LogID != want[i].LogID || got[i].Type != want[i].Type {
			t.Fatalf("entry %d differs: %s %s vs %s %s", i, got[i].LogID, got[i].Type, want[i].LogID, want[i].Type)
		}
	}
	if got[4].Type != api.LogTypeHookRunFailed || got[0].Type != api.LogTypeHookRunOK {
		t.Fatalf("run entries typed %s, %s", got[0].Type, got[4].Type)
	}
}
