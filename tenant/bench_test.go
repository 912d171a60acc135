package tenant

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/auth0/go-auth0/management"
)

func benchTenant(b *testing.B, hooks int) (*Tenant, *tenantTestLocal, string) {
	b.Helper()
	tn, err := Open(context.Background(), filepath.Join(b.TempDir(), "data"), Options{RateLimit: -1})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = tn.Close() })
	l, err := newTenantTestLocal(tn)
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < hooks; i++ {
		if err := l.create(fmt.Sprintf("bench-%04d", i)); err != nil {
			b.Fatal(err)
		}
	}
	var id string
	if err := tn.db.QueryRow("SELECT id FROM hooks ORDER BY id LIMIT 1").Scan(&id); err != nil {
		b.Fatal(err)
	}
	return tn, l, id
}

// BenchmarkGetHookLoopback is the load generator for GET /api/v2/hooks/{id} over loopback
// HTTP/1.1 with keep-alive: RunParallel clients against a real listener; reports req/s.
func BenchmarkGetHookLoopback(b *testing.B) {
	tn, l, id := benchTenant(b, 0)
	ts := httptest.NewServer(tn.Handler())
	defer ts.Close()
	tr := &http.Transport{MaxIdleConnsPerHost: 256}
	defer tr.CloseIdleConnections()
	c := &http.Client{Transport: tr}
	url := ts.URL + "/api/v2/hooks/" + id
	b.SetParallelism(8)
	b.ResetTimer()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		req, _ := http.NewRequest("GET", url, nil)
		req.Header.Set("Authorization", "Bearer "+l.tok)
		for pb.Next() {
			resp, err := c.Do(req)
			if err != nil {
				b.Error(err)
				return
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 {
				b.Errorf("status %d", resp.StatusCode)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "req/s")
}

// BenchmarkGetHookHandler is the server time of GET /api/v2/hooks/{id} without the network.
func BenchmarkGetHookHandler(b *testing.B) {
	tn, l, id := benchTenant(b, 0)
	h := tn.Handler()
	req := httptest.NewRequest("GET", "http://local.test/api/v2/hooks/"+id, nil)
	req.Header.Set("Authorization", "Bearer "+l.tok)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatalf("status %d", rec.Code)
		}
	}
}

// BenchmarkListHooks1000 is the server time of listing 1,000 hooks (plus the 5 starters)
// in one bare-array answer, scripts included.
func BenchmarkListHooks1000(b *testing.B) {
	tn, l, _ := benchTenant(b, 1000)
	h := tn.Handler()
	req := httptest.NewRequest("GET", "http://local.test/api/v2/hooks", nil)
	req.Header.Set("Authorization", "Bearer "+l.tok)
	b.ReportAllocs()
	b.ResetTimer()
	var size int
	for i := 0; i < b.N; i++ {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 200 {
			b.Fatalf("status %d", rec.Code)
		}
		size = rec.Body.Len()
	}
	b.ReportMetric(float64(size), "bytes/answer")
}

// handlerTransport sends go-auth0's requests straight to a handler, as the embedded tenant does.
type handlerTransport struct{ h http.Handler }

func (t handlerTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	rec := httptest.NewRecorder()
	if r.Body == nil {
		r.Body = http.NoBody
	}
	t.h.ServeHTTP(rec, r)
	resp := rec.Result()
	resp.Request = r
	return resp, nil
}

// BenchmarkGoAuth0InProcess is one go-auth0 Hook.Read through an in-memory RoundTripper;
// it reports the median besides the mean.
func BenchmarkGoAuth0InProcess(b *testing.B) {
	tn, l, id := benchTenant(b, 0)
	c := &http.Client{Transport: handlerTransport{tn.Handler()}}
	m, err := management.New("local.test", management.WithClient(c), management.WithStaticToken(l.tok), management.WithNoRetries())
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	durs := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		h, err := m.Hook.Read(ctx, id)
		durs = append(durs, time.Since(start))
		if err != nil || h.GetID() != id {
			b.Fatalf("Read: %v", err)
		}
	}
	b.StopTimer()
	sort.Slice(durs, func(i, j int) bool { return durs[i] < durs[j] })
	b.ReportMetric(float64(durs[len(durs)/2].Microseconds()), "median-µs")
}

// BenchmarkCreateHook is one POST /api/v2/hooks with its sapi entry, in one transaction.
func BenchmarkCreateHook(b *testing.B) {
	_, l, _ := benchTenant(b, 0)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := l.create(fmt.Sprintf("c-%d-%s", i, strings.Repeat("x", 3))); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOpenExisting is what every hookterm command pays to open the embedded tenant:
// settings, signing key, statements, the WAL-index mapping.
func BenchmarkOpenExisting(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "d")
	tn, err := Open(context.Background(), dir, Options{})
	if err != nil {
		b.Fatal(err)
	}
	if err := tn.Close(); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		tn, err := Open(context.Background(), dir, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if err := tn.Close(); err != nil {
			b.Fatal(err)
		}
	}
}
