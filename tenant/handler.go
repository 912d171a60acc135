package tenant

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// maxBody bounds a request body: a 102,400-byte script escaped as JSON stays well below it.
const maxBody = 1 << 20

type statements struct {
	getHook *sql.Stmt
}

func prepare(ctx context.Context, db *sql.DB) (*statements, error) {
	s := &statements{}
	var err error
	if s.getHook, err = db.PrepareContext(ctx, "SELECT "+hookColumns+" FROM hooks WHERE id = ?"); err != nil {
		return nil, fmt.Errorf("prepare: %w", err)
	}
	return s, nil
}

func (s *statements) close() {
	if s != nil && s.getHook != nil {
		_ = s.getHook.Close()
	}
}

// internal records err for the operator and answers a bare 500.
func (t *Tenant) internal(err error) *apiError {
	t.logf("tenant: %v", err)
	return errInternal()
}

type readFunc func(ctx context.Context, w http.ResponseWriter, r *http.Request) (int, []byte, *apiError)

type writeFunc func(ctx context.Context, tx *sql.Tx, r *http.Request, body []byte) (int, []byte, *apiError, error)

func (t *Tenant) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /oauth/token", t.serveToken)

	mux.Handle("GET /api/v2/hooks", t.read("read:hooks", func(ctx context.Context, _ http.ResponseWriter, r *http.Request) (int, []byte, *apiError) {
		return t.listHooks(ctx, r)
	}))
	mux.Handle("POST /api/v2/hooks", t.write("create:hooks", "Create a Hook", t.createHook))
	mux.Handle("GET /api/v2/hooks/{id}", t.read("read:hooks", func(ctx context.Context, _ http.ResponseWriter, r *http.Request) (int, []byte, *apiError) {
		return t.getHook(ctx, r)
	}))
	mux.Handle("PATCH /api/v2/hooks/{id}", t.write("update:hooks", "Update a Hook", t.updateHook))
	mux.Handle("DELETE /api/v2/hooks/{id}", t.write("delete:hooks", "Delete a Hook", t.deleteHook))

	mux.Handle("GET /api/v2/hooks/{id}/secrets", t.read("read:hooks", t.getSecrets))
	mux.Handle("POST /api/v2/hooks/{id}/secrets", t.write("update:hooks", "Add Hook Secrets", t.addSecrets))
	mux.Handle("PATCH /api/v2/hooks/{id}/secrets", t.write("update:hooks", "Update Hook Secrets", t.updateSecrets))
	mux.Handle("DELETE /api/v2/hooks/{id}/secrets", t.write("delete:hooks", "Delete Hook Secrets", t.deleteSecrets))

	mux.Handle("GET /api/v2/logs", t.read("read:logs", t.listLogs))
	mux.Handle("GET /api/v2/logs/{id}", t.read("read:logs", func(ctx context.Context, _ http.ResponseWriter, r *http.Request) (int, []byte, *apiError) {
		return t.getLog(ctx, r)
	}))

	mux.Handle("POST /hookterm/v1/hooks/{id}/runs", t.ext("update:hooks", t.recordRun))
	mux.Handle("GET /hookterm/v1/hooks/{id}/secrets", t.ext("read:hooks", t.secretValues))

	// Known paths with another method, and unknown paths, still answer in Auth0's error shape.
	for _, p := range []string{"/oauth/token", "/api/v2/hooks", "/api/v2/hooks/{id}", "/api/v2/hooks/{id}/secrets",
		"/api/v2/logs", "/api/v2/logs/{id}", "/hookterm/v1/hooks/{id}/runs", "/hookterm/v1/hooks/{id}/secrets"} {
		mux.HandleFunc(p, func(w http.ResponseWriter, r *http.Request) {
			if aerr := t.chargeOnly(w, r); aerr != nil {
				writeError(w, aerr)
				return
			}
			writeError(w, errf(http.StatusMethodNotAllowed, "method_not_allowed", "Method %s is not allowed on %s", r.Method, r.URL.Path))
		})
	}
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if aerr := t.chargeOnly(w, r); aerr != nil {
			writeError(w, aerr)
			return
		}
		writeError(w, errf(http.StatusNotFound, "not_found", "Not Found"))
	})
	return mux
}

// gate authenticates the request and charges its client's rate-limit bucket; every answer
// carries the X-RateLimit-* headers. It returns the principal, or the error to answer.
func (t *Tenant) gate(w http.ResponseWriter, r *http.Request, scope string) (*principal, *apiError) {
	p, authErr := t.authenticate(r)
	key := "anon:" + remoteHost(r)
	if p != nil {
		key = "client:" + p.ClientID
	}
	if aerr := t.rateLimit(w, r, key); aerr != nil {
		return p, aerr
	}
	if authErr != nil {
		return nil, authErr
	}
	if !p.Scopes[scope] {
		return p, errf(http.StatusForbidden, "insufficient_scope", "Insufficient scope, expected any of: %s", scope)
	}
	return p, nil
}

// chargeOnly charges the caller's bucket for a request no endpoint serves, so that those
// answers carry the X-RateLimit-* headers too.
func (t *Tenant) chargeOnly(w http.ResponseWriter, r *http.Request) *apiError {
	key := "anon:" + remoteHost(r)
	if p, _ := t.authenticate(r); p != nil {
		key = "client:" + p.ClientID
	}
	return t.rateLimit(w, r, key)
}

func (t *Tenant) rateLimit(w http.ResponseWriter, r *http.Request, key string) *apiError {
	st := t.limiter.take(key)
	h := w.Header()
	// Canonical keys assigned directly: Header.Set would re-canonicalise on every request.
	h["X-Ratelimit-Limit"] = []string{strconv.Itoa(st.Limit)}
	h["X-Ratelimit-Remaining"] = []string{strconv.Itoa(st.Remaining)}
	h["X-Ratelimit-Reset"] = []string{strconv.FormatInt(st.Reset, 10)}
	if !st.Allowed {
		secs := int((st.RetryIn + time.Second - 1) / time.Second)
		h.Set("Retry-After", strconv.Itoa(max(secs, 1)))
		aerr := errf(http.StatusTooManyRequests, "too_many_requests", "Global limit has been reached")
		if st.LogIt {
			// Auth0 logs rate limiting as `api_limit`; at most one entry per client per
			// second, so that a flood of refused requests does not become a flood of writes.
			clientID, _ := strings.CutPrefix(key, "client:")
			e := t.apiLogEntry(r, nil, "api_limit", aerr.Message, nil, aerr.Status, aerr.body())
			if clientID != key {
				e.ClientID, e.ClientName = clientID, ClientName
			}
			ctx := context.WithoutCancel(r.Context())
			if err := t.inTx(ctx, func(tx *sql.Tx) error { return t.appendLog(ctx, tx, e) }); err != nil {
				t.logf("tenant: log rate limit: %v", err)
			}
		}
		return aerr
	}
	return nil
}

func remoteHost(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// read wraps a read-only endpoint.
func (t *Tenant) read(scope string, fn readFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, aerr := t.gate(w, r, scope); aerr != nil {
			writeError(w, aerr)
			return
		}
		status, body, aerr := fn(r.Context(), w, r)
		if aerr != nil {
			writeError(w, aerr)
			return
		}
		writeJSON(w, status, body)
	})
}

// readBody reads at most maxBody bytes.
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, *apiError) {
	if r.Body == nil { // a client-side request handed over in process may have none
		return nil, nil
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return nil, errf(http.StatusRequestEntityTooLarge, "payload_too_large", "Payload content length greater than maximum allowed: %d", maxBody)
	}
	if err != nil {
		return nil, errf(http.StatusBadRequest, "invalid_body", "Could not read the request body")
	}
	return body, nil
}

// write wraps a Management API write: the change and its `sapi` log entry commit in one
// transaction; a refused write is answered and logged as `fapi` in a transaction of its own.
func (t *Tenant) write(scope, desc string, fn writeFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		p, aerr := t.gate(w, r, scope)
		if aerr != nil {
			if aerr.Status != http.StatusTooManyRequests {
				t.logFailedWrite(ctx, r, p, nil, aerr)
			}
			writeError(w, aerr)
			return
		}
		body, aerr := readBody(w, r)
		if aerr != nil {
			t.logFailedWrite(ctx, r, p, nil, aerr)
			writeError(w, aerr)
			return
		}
		var status int
		var resp []byte
		var refused *apiError
		err := t.inTx(ctx, func(tx *sql.Tx) error {
			var err error
			status, resp, refused, err = fn(ctx, tx, r, body)
			if err != nil {
				return err
			}
			if refused != nil {
				return errRefused
			}
			e := t.apiLogEntry(r, p, "sapi", desc, body, status, resp)
			return t.appendLog(ctx, tx, e)
		})
		switch {
		case refused != nil:
			t.logFailedWrite(ctx, r, p, body, refused)
			writeError(w, refused)
		case err != nil:
			aerr := t.internal(fmt.Errorf("%s %s: %w", r.Method, r.URL.Path, err))
			t.logFailedWrite(ctx, r, p, body, aerr)
			writeError(w, aerr)
		default:
			t.cache.changed()
			writeJSON(w, status, resp)
		}
	})
}

// errRefused rolls back a write whose handler answered an API error.
var errRefused = errors.New("write refused")

func (t *Tenant) logFailedWrite(ctx context.Context, r *http.Request, p *principal, body []byte, aerr *apiError) {
	e := t.apiLogEntry(r, p, "fapi", aerr.Message, body, aerr.Status, aerr.body())
	// The log is best effort for a refused request: the client's answer must not depend on it.
	ctx = context.WithoutCancel(ctx)
	if err := t.inTx(ctx, func(tx *sql.Tx) error { return t.appendLog(ctx, tx, e) }); err != nil {
		t.logf("tenant: log failed %s %s: %v", r.Method, r.URL.Path, err)
	}
}

// apiLogEntry builds an sapi/fapi entry in Auth0's shape (contract §4.2), with secret values
// masked: the log never holds a secret in clear.
func (t *Tenant) apiLogEntry(r *http.Request, p *principal, typ, desc string, reqBody []byte, status int, respBody []byte) *logEntry {
	clientID, clientName := "", ""
	scopes := []string{}
	if p != nil {
		clientID, clientName = p.ClientID, ClientName
		for s := range p.Scopes {
			scopes = append(scopes, s)
		}
	}
	query := map[string]any{}
	for k, v := range r.URL.Query() {
		if len(v) == 1 {
			query[k] = v[0]
		} else {
			query[k] = v
		}
	}
	var reqJSON, respJSON any
	if len(reqBody) > 0 {
		if err := json.Unmarshal(reqBody, &reqJSON); err != nil {
			reqJSON = "(not JSON)"
		}
	}
	if strings.HasSuffix(r.URL.Path, "/secrets") && r.Method != http.MethodDelete {
		// Only names survive; anything that is not a name → value object (a malformed body
		// may still hold a value) is masked whole.
		if m, ok := reqJSON.(map[string]any); ok {
			for k := range m {
				m[k] = "*****"
			}
		} else if reqJSON != nil {
			reqJSON = "*****"
		}
	}
	if len(respBody) > 0 {
		if err := json.Unmarshal(respBody, &respJSON); err != nil {
			respJSON = nil
		}
	}
	reqJSON, respJSON = clip(reqJSON, maxLoggedString), clip(respJSON, maxLoggedString)
	hookID := r.PathValue("id")
	if hookID == "" {
		if m, ok := respJSON.(map[string]any); ok {
			hookID, _ = m["id"].(string)
		}
	}
	return &logEntry{
		Type: typ, Description: desc, ClientID: clientID, ClientName: clientName,
		IP: remoteHost(r), Hostname: r.Host, UserAgent: r.UserAgent(), hookID: hookID,
		Details: map[string]any{
			"request": map[string]any{
				"method": strings.ToLower(r.Method), "path": r.URL.Path, "query": query,
				"userAgent": r.UserAgent(), "body": reqJSON, "channel": "api", "ip": remoteHost(r),
				"auth": map[string]any{"user": map[string]any{}, "strategy": "jwt",
					"credentials": map[string]any{"scopes": scopes}},
			},
			"response": map[string]any{"statusCode": status, "body": respJSON},
		},
	}
}

// serveToken answers POST /oauth/token and logs seccft/feccft as Auth0 does.
func (t *Tenant) serveToken(w http.ResponseWriter, r *http.Request) {
	vals, err := tokenRequest(r)
	key := "anon:" + remoteHost(r)
	if err == nil && vals.Get("client_id") == t.clientID {
		key = "client:" + t.clientID
	}
	if aerr := t.rateLimit(w, r, key); aerr != nil {
		writeError(w, aerr)
		return
	}
	if err != nil {
		oauthError(w, http.StatusBadRequest, "invalid_request", "The request body could not be read as JSON or as a form")
		return
	}
	status, desc := t.issueToken(w, r, vals)
	if status == http.StatusOK && r.Context().Value(inProcessKey{}) != nil {
		return
	}
	e := &logEntry{Type: "seccft", Description: "Client Credentials for Access Token", ClientID: vals.Get("client_id"),
		IP: remoteHost(r), Hostname: r.Host, UserAgent: r.UserAgent(), Audience: vals.Get("audience"),
		Details: map[string]any{}}
	if status == http.StatusOK {
		e.ClientName = ClientName
	} else {
		e.Type, e.Description = "feccft", desc
	}
	ctx := context.WithoutCancel(r.Context())
	if err := t.inTx(ctx, func(tx *sql.Tx) error { return t.appendLog(ctx, tx, e) }); err != nil {
		t.logf("tenant: log token exchange: %v", err)
	}
}

// maxLoggedString bounds each string a log entry copies from a request or an answer: a
// 100 kB script saved a thousand times must not make the log a hundred megabytes.
const maxLoggedString = 2048

// maxRunLogString bounds each string of a run record (a console line, an error stack): more
// room than API bodies, since reading what a hook printed is the point of the entry.
const maxRunLogString = 16384

// clip shortens strings longer than max inside a decoded JSON value, saying how long they were.
func clip(v any, max int) any {
	switch v := v.(type) {
	case string:
		if len(v) > max {
			cut := max
			for cut > 0 && !utf8.RuneStart(v[cut]) {
				cut--
			}
			return fmt.Sprintf("%s… (%d bytes in all)", v[:cut], len(v))
		}
		return v
	case map[string]any:
		for k, x := range v {
			v[k] = clip(x, max)
		}
		return v
	case []any:
		for i, x := range v {
			v[i] = clip(x, max)
		}
		return v
	}
	return v
}
