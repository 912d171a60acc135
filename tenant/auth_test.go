package tenant

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/auth0/go-auth0/management"
	"github.com/golang-jwt/jwt/v5"
)

// tenantTestClock is a settable clock for expiring tokens and refilling buckets.
type tenantTestClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *tenantTestClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *tenantTestClock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func TestTokenEndpointJSONFormAndBasic(t *testing.T) {
	tn := tenantTestOpen(t, Options{})
	ts := tenantTestServe(t, tn)
	id, secret := tn.Credentials()

	check := func(resp *http.Response, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var body struct {
			AccessToken string `json:"access_token"`
			Scope       string `json:"scope"`
			ExpiresIn   int    `json:"expires_in"`
			TokenType   string `json:"token_type"`
		}
		tenantTestDecode(t, resp, http.StatusOK, &body)
		if body.TokenType != "Bearer" || body.ExpiresIn != 86400 || body.Scope != GrantedScopes {
			t.Fatalf("token response %+v", body)
		}
		var c claims
		tok, err := jwt.ParseWithClaims(body.AccessToken, &c, func(*jwt.Token) (any, error) { return &tn.key.PublicKey, nil })
		if err != nil || !tok.Valid || tok.Method.Alg() != "RS256" || c.Subject != id+"@clients" || tok.Header["kid"] == "" {
			t.Fatalf("access token: %v, claims %+v, header %v", err, c, tok.Header)
		}
		code, _, b := tenantTestDo(t, ts, "GET", "/api/v2/hooks", body.AccessToken, "")
		if code != http.StatusOK {
			t.Fatalf("token does not open the API: %d %s", code, b)
		}
	}
	js, _ := json.Marshal(map[string]string{"grant_type": "client_credentials", "client_id": id, "client_secret": secret, "audience": ts.URL + "/api/v2/"})
	check(ts.Client().Post(ts.URL+"/oauth/token", "application/json", strings.NewReader(string(js))))
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {id}, "client_secret": {secret}}
	check(ts.Client().Post(ts.URL+"/oauth/token", "application/x-www-form-urlencoded", strings.NewReader(form.Encode())))
	req, _ := http.NewRequest("POST", ts.URL+"/oauth/token", strings.NewReader("grant_type=client_credentials"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(id, secret)
	check(ts.Client().Do(req))
}

func TestTokenEndpointRefusals(t *testing.T) {
	tn := tenantTestOpen(t, Options{})
	ts := tenantTestServe(t, tn)
	id, secret := tn.Credentials()
	cases := []struct {
		name   string
		form   url.Values
		status int
		code   string
	}{
		{"wrong secret", url.Values{"grant_type": {"client_credentials"}, "client_id": {id}, "client_secret": {secret + "x"}}, 401, "access_denied"},
		{"unknown client", url.Values{"grant_type": {"client_credentials"}, "client_id": {"nobody"}, "client_secret": {secret}}, 401, "access_denied"},
		{"password grant", url.Values{"grant_type": {"password"}, "client_id": {id}, "client_secret": {secret}}, 400, "unsupported_grant_type"},
		{"no grant", url.Values{"client_id": {id}, "client_secret": {secret}}, 400, "invalid_request"},
		{"other audience", url.Values{"grant_type": {"client_credentials"}, "client_id": {id}, "client_secret": {secret}, "audience": {"https://api.example.com/"}}, 403, "access_denied"},
		{"ungranted scope", url.Values{"grant_type": {"client_credentials"}, "client_id": {id}, "client_secret": {secret}, "scope": {"read:users"}}, 403, "access_denied"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			resp, err := ts.Client().Post(ts.URL+"/oauth/token", "application/x-www-form-urlencoded", strings.NewReader(c.form.Encode()))
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var body struct {
				Error       string `json:"error"`
				Description string `json:"error_description"`
			}
			tenantTestDecode(t, resp, c.status, &body)
			if body.Error != c.code || body.Description == "" {
				t.Fatalf("body %+v, want error %q", body, c.code)
			}
		})
	}
}

func TestAuthFailures(t *testing.T) {
	clock := &tenantTestClock{t: time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)}
	tn := tenantTestOpen(t, Options{Now: clock.Now})
	ts := tenantTestServe(t, tn)
	other := tenantTestOpen(t, Options{})
	otherTS := tenantTestServe(t, other)
	foreign := tenantTestToken(t, other, otherTS, "")
	readOnly := tenantTestToken(t, tn, ts, "read:hooks read:logs")
	good := tenantTestToken(t, tn, ts, "")

	// A token signed with this tenant's key but for another API.
	wrongAud := jwt.NewWithClaims(jwt.SigningMethodRS256, claims{Scope: GrantedScopes, RegisteredClaims: jwt.RegisteredClaims{
		Audience: jwt.ClaimStrings{"https://api.example.com/"}, ExpiresAt: jwt.NewNumericDate(clock.Now().Add(time.Hour))}})
	wrongAudTok, err := wrongAud.SignedString(tn.key)
	if err != nil {
		t.Fatal(err)
	}
	// An HS256 token "signed" with the public key must not pass (algorithm confusion).
	hs := jwt.NewWithClaims(jwt.SigningMethodHS256, claims{Scope: GrantedScopes, RegisteredClaims: jwt.RegisteredClaims{
		Audience: jwt.ClaimStrings{ts.URL + "/api/v2/"}, ExpiresAt: jwt.NewNumericDate(clock.Now().Add(time.Hour))}})
	hsTok, err := hs.SignedString([]byte("secret"))
	if err != nil {
		t.Fatal(err)
	}

	cases := []struct {
		name, method, path, auth, body string
		status                         int
		code, msg                      string
	}{
		{"missing", "GET", "/api/v2/hooks", "", "", 401, "invalid_token", "Missing authentication"},
		{"not bearer", "GET", "/api/v2/hooks", "Basic abc", "", 401, "invalid_token", "Bad HTTP authentication header format"},
		{"garbage", "GET", "/api/v2/hooks", "Bearer not-a-jwt", "", 401, "invalid_token", "Invalid token"},
		{"foreign signature", "GET", "/api/v2/hooks", "Bearer " + foreign, "", 401, "invalid_token", "Invalid signature"},
		{"wrong audience", "GET", "/api/v2/hooks", "Bearer " + wrongAudTok, "", 401, "invalid_token", "Invalid token"},
		{"HS256", "GET", "/api/v2/hooks", "Bearer " + hsTok, "", 401, "invalid_token", "Invalid"},
		{"create with read scope", "POST", "/api/v2/hooks", "Bearer " + readOnly, `{"name":"x","script":"s","triggerId":"send-phone-message"}`, 403, "insufficient_scope", "Insufficient scope, expected any of: create:hooks"},
		{"update with read scope", "PATCH", "/api/v2/hooks/01ABC", "Bearer " + readOnly, `{"enabled":true}`, 403, "insufficient_scope", "expected any of: update:hooks"},
		{"delete with read scope", "DELETE", "/api/v2/hooks/01ABC", "Bearer " + readOnly, "", 403, "insufficient_scope", "expected any of: delete:hooks"},
		{"secrets with read scope", "POST", "/api/v2/hooks/01ABC/secrets", "Bearer " + readOnly, `{"A":"b"}`, 403, "insufficient_scope", "expected any of: update:hooks"},
		{"runs with read scope", "POST", "/hookterm/v1/hooks/01ABC/runs", "Bearer " + readOnly, `{"report":{"ok":true}}`, 403, "insufficient_scope", "expected any of: update:hooks"},
		{"logs without token", "GET", "/api/v2/logs", "", "", 401, "invalid_token", "Missing authentication"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req, _ := http.NewRequest(c.method, ts.URL+c.path, strings.NewReader(c.body))
			if c.auth != "" {
				req.Header.Set("Authorization", c.auth)
			}
			resp, err := ts.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b := make([]byte, 4096)
			n, _ := resp.Body.Read(b)
			tenantTestExpectError(t, resp.StatusCode, b[:n], c.status, c.code, c.msg)
			if resp.Header.Get("X-RateLimit-Limit") == "" {
				t.Errorf("no X-RateLimit-Limit on a %d", resp.StatusCode)
			}
		})
	}

	// A read-only token still reads.
	if code, _, b := tenantTestDo(t, ts, "GET", "/api/v2/hooks", readOnly, ""); code != 200 {
		t.Fatalf("read-only token cannot read: %d %s", code, b)
	}
	// Expiry: the token works, then 24 h later (past its exp) it does not, cached or not.
	if code, _, _ := tenantTestDo(t, ts, "GET", "/api/v2/hooks", good, ""); code != 200 {
		t.Fatal("fresh token refused")
	}
	clock.Add(DefaultTokenTTL + time.Second)
	code, _, b := tenantTestDo(t, ts, "GET", "/api/v2/hooks", good, "")
	tenantTestExpectError(t, code, b, 401, "invalid_token", "Expired token")
	fresh := tenantTestToken(t, tn, ts, "")
	tn.tokens = newTokenCache(4096) // the uncached path must refuse it too
	clock.Add(DefaultTokenTTL + time.Second)
	code, _, b = tenantTestDo(t, ts, "GET", "/api/v2/hooks", fresh, "")
	tenantTestExpectError(t, code, b, 401, "invalid_token", "Expired token")

	// go-auth0 sees a 401 as a management.Error with the status.
	m := tenantTestClient(t, tn, ts, management.WithStaticToken("nonsense"))
	if _, err := m.Hook.List(context.Background()); statusOf(err) != 401 {
		t.Fatalf("go-auth0 with a bad token: %v", err)
	}
}

func TestRateLimit(t *testing.T) {
	clock := &tenantTestClock{t: time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)}
	tn := tenantTestOpen(t, Options{Now: clock.Now, RateLimit: 1, RateBurst: 3})
	ts := tenantTestServe(t, tn)
	tok := tenantTestToken(t, tn, ts, "") // the token request spends the client's first token
	var remaining []string
	for i := 0; i < 2; i++ {
		code, h, b := tenantTestDo(t, ts, "GET", "/api/v2/hooks", tok, "")
		if code != 200 {
			t.Fatalf("request %d: %d %s", i, code, b)
		}
		if h.Get("X-RateLimit-Limit") != "3" {
			t.Fatalf("X-RateLimit-Limit = %q", h.Get("X-RateLimit-Limit"))
		}
		remaining = append(remaining, h.Get("X-RateLimit-Remaining"))
	}
	if strings.Join(remaining, ",") != "1,0" {
		t.Fatalf("X-RateLimit-Remaining went %v", remaining)
	}
	code, h, b := tenantTestDo(t, ts, "GET", "/api/v2/hooks", tok, "")
	tenantTestExpectError(t, code, b, 429, "too_many_requests", "Global limit has been reached")
	reset, err := strconv.ParseInt(h.Get("X-RateLimit-Reset"), 10, 64)
	if err != nil || reset <= clock.Now().Unix() || h.Get("Retry-After") == "" {
		t.Fatalf("429 headers: reset %q retry-after %q", h.Get("X-RateLimit-Reset"), h.Get("Retry-After"))
	}
	// A second refusal in the same second is not logged again.
	if code, _, _ := tenantTestDo(t, ts, "GET", "/api/v2/hooks", tok, ""); code != 429 {
		t.Fatalf("second refusal: %d", code)
	}
	var limits int
	var clientID string
	if err := tn.db.QueryRow("SELECT count(*), max(client_id) FROM logs WHERE type = 'api_limit'").Scan(&limits, &clientID); err != nil || limits != 1 {
		t.Fatalf("api_limit entries: %d %v", limits, err)
	}
	if id, _ := tn.Credentials(); clientID != id {
		t.Fatalf("api_limit entry for client %q", clientID)
	}
	clock.Add(1100 * time.Millisecond)
	if code, _, b := tenantTestDo(t, ts, "GET", "/api/v2/hooks", tok, ""); code != 200 {
		t.Fatalf("after refill: %d %s", code, b)
	}
	// go-auth0 sees the 429 (retries off in the test client).
	m := tenantTestClient(t, tn, ts, management.WithStaticToken(tok))
	if _, err := m.Hook.List(context.Background()); statusOf(err) != 429 {
		t.Fatalf("go-auth0 past the limit: %v", err)
	}
}

func TestGeneratedCredentialsShape(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "creds")
	tn, err := Open(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	id, secret := tn.Credentials()
	if len(id) != 32 || strings.Trim(id, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") != "" || len(secret) < 64 {
		t.Fatalf("client id %q (want 32 letters and digits), secret of %d characters", id, len(secret))
	}
	other := tenantTestOpen(t, Options{})
	if oid, osecret := other.Credentials(); oid == id || osecret == secret {
		t.Fatal("two tenants share credentials")
	}
	// Given credentials replace the stored ones, and are kept on the next open.
	if err := tn.Close(); err != nil {
		t.Fatal(err)
	}
	given, err := Open(context.Background(), dir, Options{ClientID: "given-id", ClientSecret: "given-secret"})
	if err != nil {
		t.Fatal(err)
	}
	if gid, gs := given.Credentials(); gid != "given-id" || gs != "given-secret" || given.Created() {
		t.Fatalf("given credentials: %s %s created=%v", gid, gs, given.Created())
	}
	if err := given.Close(); err != nil {
		t.Fatal(err)
	}
	again, err := Open(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if gid, _ := again.Credentials(); gid != "given-id" {
		t.Fatalf("stored credentials after reopen: %s", gid)
	}
}
