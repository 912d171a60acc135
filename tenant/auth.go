package tenant

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// claims are the access token's claims, as Auth0 issues them for client credentials.
type claims struct {
	Scope string `json:"scope"`
	Gty   string `json:"gty,omitempty"`
	Azp   string `json:"azp,omitempty"`
	jwt.RegisteredClaims
}

// principal is who a verified token speaks for.
type principal struct {
	ClientID string
	Scopes   map[string]bool
	Exp      time.Time
}

// tokenCache keeps verified tokens so that a request costs a map lookup, not an RSA
// verification. Entries are evicted when they expire or when the cache is full.
type tokenCache struct {
	max int
	mu  sync.RWMutex
	m   map[string]*principal
}

func newTokenCache(max int) *tokenCache { return &tokenCache{max: max, m: map[string]*principal{}} }

func (c *tokenCache) get(tok string) *principal {
	c.mu.RLock()
	p := c.m[tok]
	c.mu.RUnlock()
	return p
}

func (c *tokenCache) put(tok string, p *principal, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= c.max {
		for k, v := range c.m {
			if !v.Exp.After(now) {
				delete(c.m, k)
			}
		}
		if len(c.m) >= c.max {
			clear(c.m)
		}
	}
	c.m[tok] = p
}

// authenticate checks the bearer token: signature (RS256 with this tenant's key), expiry and
// an audience that is some host's /api/v2/ (the tenant answers on any loopback name). The
// error's message is what the 401 body says.
func (t *Tenant) authenticate(r *http.Request) (*principal, *apiError) {
	h := r.Header.Get("Authorization")
	if h == "" {
		return nil, errf(http.StatusUnauthorized, "invalid_token", "Missing authentication")
	}
	scheme, tok, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || tok == "" {
		return nil, errf(http.StatusUnauthorized, "invalid_token", "Bad HTTP authentication header format")
	}
	now := t.now()
	if p := t.tokens.get(tok); p != nil {
		if !p.Exp.After(now) {
			return nil, errf(http.StatusUnauthorized, "invalid_token", "Expired token received for JSON Web Token validation")
		}
		return p, nil
	}
	var c claims
	parsed, err := jwt.ParseWithClaims(tok, &c, func(tk *jwt.Token) (any, error) {
		return &t.key.PublicKey, nil
	}, jwt.WithValidMethods([]string{"RS256"}), jwt.WithTimeFunc(t.now), jwt.WithExpirationRequired())
	switch {
	case errors.Is(err, jwt.ErrTokenExpired):
		return nil, errf(http.StatusUnauthorized, "invalid_token", "Expired token received for JSON Web Token validation")
	case errors.Is(err, jwt.ErrTokenSignatureInvalid):
		return nil, errf(http.StatusUnauthorized, "invalid_token", "Invalid signature received for JSON Web Token validation")
	case err != nil || !parsed.Valid:
		return nil, errf(http.StatusUnauthorized, "invalid_token", "Invalid token")
	}
	audOK := false
	for _, a := range c.Audience {
		if strings.HasSuffix(a, "/api/v2/") {
			audOK = true
		}
	}
	if !audOK {
		return nil, errf(http.StatusUnauthorized, "invalid_token", "Invalid token")
	}
	clientID := c.Azp
	if clientID == "" {
		clientID = strings.TrimSuffix(c.Subject, "@clients")
	}
	p := &principal{ClientID: clientID, Scopes: map[string]bool{}, Exp: c.ExpiresAt.Time}
	for _, s := range strings.Fields(c.Scope) {
		p.Scopes[s] = true
	}
	t.tokens.put(tok, p, now)
	return p, nil
}

// oauthError is the OAuth 2 error body of /oauth/token.
func oauthError(w http.ResponseWriter, status int, code, desc string) {
	b, _ := json.Marshal(map[string]string{"error": code, "error_description": desc})
	writeJSON(w, status, b)
}

// tokenRequest reads a client-credentials request from a JSON or a form body, with the
// client's credentials in the body or in HTTP Basic authentication (RFC 6749 §2.3.1).
func tokenRequest(r *http.Request) (url.Values, error) {
	vals := url.Values{}
	var body []byte
	var err error
	if r.Body != nil {
		body, err = io.ReadAll(io.LimitReader(r.Body, 1<<16))
	}
	if err != nil {
		return nil, fmt.Errorf("read token request: %w", err)
	}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "application/json":
		var m map[string]any
		if err := json.Unmarshal(body, &m); err != nil {
			return nil, fmt.Errorf("token request JSON: %w", err)
		}
		for k, v := range m {
			if s, ok := v.(string); ok {
				vals.Set(k, s)
			}
		}
	default:
		vals, err = url.ParseQuery(string(body))
		if err != nil {
			return nil, fmt.Errorf("token request form: %w", err)
		}
	}
	if id, secret, ok := r.BasicAuth(); ok && vals.Get("client_id") == "" {
		uid, err1 := url.QueryUnescape(id)
		usecret, err2 := url.QueryUnescape(secret)
		if err1 == nil && err2 == nil {
			vals.Set("client_id", uid)
			vals.Set("client_secret", usecret)
		}
	}
	return vals, nil
}

// issueToken answers POST /oauth/token for the client-credentials grant.
func (t *Tenant) issueToken(w http.ResponseWriter, r *http.Request, vals url.Values) (status int, logDesc string) {
	if gt := vals.Get("grant_type"); gt != "client_credentials" {
		if gt == "" {
			oauthError(w, http.StatusBadRequest, "invalid_request", "Missing required parameter: grant_type")
			return http.StatusBadRequest, "Missing required parameter: grant_type"
		}
		msg := fmt.Sprintf("Unsupported grant type: %s", gt)
		oauthError(w, http.StatusBadRequest, "unsupported_grant_type", msg)
		return http.StatusBadRequest, msg
	}
	id, secret := vals.Get("client_id"), vals.Get("client_secret")
	if subtle.ConstantTimeCompare([]byte(id), []byte(t.clientID)) != 1 ||
		subtle.ConstantTimeCompare([]byte(secret), []byte(t.clientSecret)) != 1 {
		oauthError(w, http.StatusUnauthorized, "access_denied", "Unauthorized")
		return http.StatusUnauthorized, "Unauthorized"
	}
	base := baseURL(r)
	aud := vals.Get("audience")
	if aud == "" {
		aud = base + "/api/v2/"
	}
	if !strings.HasSuffix(aud, "/api/v2/") {
		msg := fmt.Sprintf("Service not enabled within domain: %s", aud)
		oauthError(w, http.StatusForbidden, "access_denied", msg)
		return http.StatusForbidden, msg
	}
	scope := GrantedScopes
	if req := vals.Get("scope"); req != "" {
		// A narrower token on request, e.g. a read-only one for a viewer.
		granted := map[string]bool{}
		for _, s := range strings.Fields(GrantedScopes) {
			granted[s] = true
		}
		var keep []string
		for _, s := range strings.Fields(req) {
			if granted[s] {
				keep = append(keep, s)
			}
		}
		if len(keep) == 0 {
			msg := fmt.Sprintf("Client has not been granted scopes: %s", req)
			oauthError(w, http.StatusForbidden, "access_denied", msg)
			return http.StatusForbidden, msg
		}
		scope = strings.Join(keep, " ")
	}
	now := t.now()
	c := claims{
		Scope: scope, Gty: "client-credentials", Azp: t.clientID,
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer: base + "/", Subject: t.clientID + "@clients", Audience: jwt.ClaimStrings{aud},
			IssuedAt: jwt.NewNumericDate(now), ExpiresAt: jwt.NewNumericDate(now.Add(t.opts.TokenTTL)),
			ID: t.newID(),
		},
	}
	tk := jwt.NewWithClaims(jwt.SigningMethodRS256, c)
	tk.Header["kid"] = t.kid
	signed, err := tk.SignedString(t.key)
	if err != nil {
		t.logf("tenant: sign token: %v", err)
		oauthError(w, http.StatusInternalServerError, "server_error", "Could not sign the token")
		return http.StatusInternalServerError, "Could not sign the token"
	}
	b, err := json.Marshal(map[string]any{
		"access_token": signed, "scope": scope, "expires_in": int(t.opts.TokenTTL.Seconds()), "token_type": "Bearer",
	})
	if err != nil {
		oauthError(w, http.StatusInternalServerError, "server_error", "Could not encode the token")
		return http.StatusInternalServerError, "Could not encode the token"
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, b)
	return http.StatusOK, ""
}

// baseURL is the scheme and host the request was addressed to. A request that came through
// an in-memory RoundTripper keeps its client-side URL (with a scheme); a served one has r.TLS.
func baseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil || r.URL.Scheme == "https" {
		scheme = "https"
	}
	host := r.Host
	if host == "" {
		host = r.URL.Host
	}
	return scheme + "://" + host
}
