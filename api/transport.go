package api

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/hookterm/hookterm/internal/clock"
)

// RetryPolicy says how the client retries. go-auth0's own retries (rehttp) are switched off
// because they repeat any request after a network error, POSTs included; ours never repeat a
// write whose fate is unknown.
type RetryPolicy struct {
	// MaxRetries is how many times one request is retried; 0 means no retries.
	MaxRetries int
	// BaseDelay is the first backoff delay after a network failure or a 5xx on an idempotent
	// request; it doubles each attempt, with jitter.
	BaseDelay time.Duration
	// MaxDelay caps every delay, including one a server asks for with Retry-After.
	MaxDelay time.Duration
}

// DefaultRetryPolicy matches what go-auth0 does by default for 429 (2 retries, delays clamped
// to 10 s) and adds backoff for idempotent requests.
func DefaultRetryPolicy() RetryPolicy {
	return RetryPolicy{MaxRetries: 2, BaseDelay: 500 * time.Millisecond, MaxDelay: 10 * time.Second}
}

// retryTransport sits under go-auth0's oauth2 transport, so every Management API request and
// every token request passes through it.
type retryTransport struct {
	base   http.RoundTripper
	policy RetryPolicy
	now    func() time.Time
}

func newRetryTransport(base http.RoundTripper, p RetryPolicy) *retryTransport {
	if base == nil {
		base = http.DefaultTransport
	}
	return &retryTransport{base: base, policy: p, now: time.Now}
}

// idempotent reports whether repeating req after an unknown outcome is harmless. A token
// request creates nothing, so it counts as idempotent.
func idempotent(req *http.Request) bool {
	switch req.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodDelete, http.MethodPut:
		return true
	}
	return strings.HasSuffix(req.URL.Path, "/oauth/token")
}

func (t *retryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	capt := captureFrom(ctx)
	for attempt := 0; ; attempt++ {
		r := req
		if attempt > 0 {
			// The previous attempt consumed the body; a retry needs a fresh copy.
			r = req.Clone(ctx)
			if req.Body != nil && req.Body != http.NoBody {
				if req.GetBody == nil {
					return nil, fmt.Errorf("retry %s %s: request body cannot be replayed", req.Method, req.URL.Path)
				}
				body, err := req.GetBody()
				if err != nil {
					return nil, fmt.Errorf("retry %s %s: %w", req.Method, req.URL.Path, err)
				}
				r.Body = body
			}
		}
		resp, err := t.base.RoundTrip(r)
		last := attempt >= t.policy.MaxRetries
		if err != nil {
			if ctx.Err() != nil {
				return nil, err
			}
			if !idempotent(req) && !neverSent(err) {
				// The server may or may not have applied the write: never repeat it blindly.
				capt.set(func(c *capture) { c.unsureWrite = true })
				return nil, err
			}
			if last || !retryableNetErr(err) {
				return nil, err
			}
			if err := clock.Sleep(ctx, t.backoff(attempt)); err != nil {
				return nil, err
			}
			continue
		}
		switch {
		case resp.StatusCode == http.StatusTooManyRequests && !last:
			// A 429 means the request was refused before it did anything, so even a write
			// may be sent again.
			delay := t.rateLimitDelay(resp, attempt)
			drain(resp)
			capt.set(func(c *capture) { c.retries++ })
			if err := clock.Sleep(ctx, delay); err != nil {
				return nil, err
			}
			continue
		case resp.StatusCode >= 500 && resp.StatusCode != http.StatusNotImplemented && idempotent(req) && !last:
			drain(resp)
			capt.set(func(c *capture) { c.retries++ })
			if err := clock.Sleep(ctx, t.backoff(attempt)); err != nil {
				return nil, err
			}
			continue
		}
		if resp.StatusCode >= 400 {
			peekErrorCode(resp, capt)
		}
		return resp, nil
	}
}

// neverSent reports whether err happened before the request could reach the server (no
// connection, no address): repeating even a write is then safe.
func neverSent(err error) bool {
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return true
	}
	var opErr *net.OpError
	return errors.As(err, &opErr) && opErr.Op == "dial"
}

// retryableNetErr tells passing network trouble from answers that will not change on a retry:
// a certificate the client does not trust, or a plain-HTTP server asked for HTTPS.
func retryableNetErr(err error) bool {
	var unknownCA x509.UnknownAuthorityError
	var hostname x509.HostnameError
	var invalid x509.CertificateInvalidError
	var notTLS tls.RecordHeaderError // net/http turns it into "server gave HTTP response to HTTPS client" above us
	if errors.As(err, &unknownCA) || errors.As(err, &hostname) || errors.As(err, &invalid) || errors.As(err, &notTLS) {
		return false
	}
	return !strings.Contains(err.Error(), "HTTP response to HTTPS client")
}

// backoff is exponential with full jitter on the upper half, capped at MaxDelay.
func (t *retryTransport) backoff(attempt int) time.Duration {
	if t.policy.BaseDelay <= 0 {
		return 0
	}
	d := t.policy.BaseDelay << attempt
	if d <= 0 || d > t.policy.MaxDelay { // d <= 0: the shift overflowed
		d = t.policy.MaxDelay
	}
	half := d / 2
	if half > 0 {
		d = half + rand.N(half+1)
	}
	return d
}

// rateLimitDelay honours Retry-After (seconds or an HTTP date), then X-RateLimit-Reset (UNIX
// seconds when the bucket refills), then falls back to backoff.
func (t *retryTransport) rateLimitDelay(resp *http.Response, attempt int) time.Duration {
	d, ok := time.Duration(0), false
	if ra := strings.TrimSpace(resp.Header.Get("Retry-After")); ra != "" {
		if secs, err := strconv.Atoi(ra); err == nil {
			d, ok = time.Duration(secs)*time.Second, true
		} else if at, err := http.ParseTime(ra); err == nil {
			d, ok = at.Sub(t.now()), true
		}
	}
	if !ok {
		if reset, err := strconv.ParseInt(resp.Header.Get("X-RateLimit-Reset"), 10, 64); err == nil {
			d, ok = time.Unix(reset, 0).Sub(t.now()), true
		}
	}
	if !ok {
		return t.backoff(attempt)
	}
	if d < 0 {
		d = 0
	}
	if d > t.policy.MaxDelay {
		d = t.policy.MaxDelay
	}
	return d
}

func drain(resp *http.Response) {
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
	_ = resp.Body.Close()
}

// peekErrorCode reads Auth0's errorCode from an error body and puts the body back: go-auth0
// decodes only statusCode, error and message, and hookterm's messages need the code too.
func peekErrorCode(resp *http.Response, capt *capture) {
	if capt == nil || resp.Body == nil {
		return
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	_ = resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(body))
	if err != nil {
		return
	}
	var e struct {
		ErrorCode string `json:"errorCode"`
	}
	if json.Unmarshal(body, &e) == nil {
		capt.set(func(c *capture) { c.errorCode = e.ErrorCode })
	}
}

// capture collects, per client call, what the transport saw below go-auth0: the errorCode of
// a failed response, how many retries ran, and whether a write failed with an unknown outcome.
type capture struct {
	mu          sync.Mutex
	errorCode   string
	retries     int
	unsureWrite bool
}

func (c *capture) set(f func(*capture)) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	f(c)
}

func (c *capture) snapshot() (code string, retries int, unsureWrite bool) {
	if c == nil {
		return "", 0, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.errorCode, c.retries, c.unsureWrite
}

type captureKey struct{}

func withCapture(ctx context.Context) (context.Context, *capture) {
	c := &capture{}
	return context.WithValue(ctx, captureKey{}, c), c
}

func captureFrom(ctx context.Context) *capture {
	c, _ := ctx.Value(captureKey{}).(*capture)
	return c
}
