package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/auth0/go-auth0/management"
)

// Log type codes hookterm writes for local runs of stored hooks (its own codes, not Auth0's).
const (
	LogTypeHookRunOK     = "shr" // Success Hook Run
	LogTypeHookRunFailed = "fhr" // Failed Hook Run
)

// logTypeNames names the event codes a hook author meets: go-auth0's table (which the
// Dashboard and auth0-cli show) plus the hook and phone codes of the log event reference that
// go-auth0 leaves out, and hookterm's own run codes.
var logTypeNames = map[string]string{
	"s":                     "Success Login",
	"ssa":                   "Success Silent Auth",
	"fsa":                   "Failed Silent Auth",
	"seacft":                "Success Exchange (Authorization Code for Access Token)",
	"feacft":                "Failed Exchange (Authorization Code for Access Token)",
	"seccft":                "Success Exchange (Client Credentials for Access Token)",
	"feccft":                "Failed Exchange (Client Credentials for Access Token)",
	"sepft":                 "Success Exchange (Password for Access Token)",
	"fepft":                 "Failed Exchange (Password for Access Token)",
	"f":                     "Failed Login",
	"w":                     "Warnings During Login",
	"du":                    "Deleted User",
	"fu":                    "Failed Login (invalid email/username)",
	"fp":                    "Failed Login (wrong password)",
	"fc":                    "Failed by Connector",
	"fco":                   "Failed by CORS",
	"con":                   "Connector Online",
	"coff":                  "Connector Offline",
	"fcpro":                 "Failed Connector Provisioning",
	"ss":                    "Success Signup",
	"fs":                    "Failed Signup",
	"cs":                    "Code Sent",
	"cls":                   "Code/Link Sent",
	"sv":                    "Success Verification Email",
	"fv":                    "Failed Verification Email",
	"scp":                   "Success Change Password",
	"fcp":                   "Failed Change Password",
	"fcph":                  "Failed Post Change Password Hook",
	"fpurh":                 "Failed Post User Registration Hook",
	"sce":                   "Success Change Email",
	"fce":                   "Failed Change Email",
	"scu":                   "Success Change Username",
	"fcu":                   "Failed Change Username",
	"scpn":                  "Success Change Phone Number",
	"fcpn":                  "Failed Change Phone Number",
	"svr":                   "Success Verification Email Request",
	"fvr":                   "Failed Verification Email Request",
	"scpr":                  "Success Change Password Request",
	"fcpr":                  "Failed Change Password Request",
	"fn":                    "Failed Sending Notification",
	"sapi":                  "API Operation",
	"mgmt_api_read":         "API Read Operation",
	"fapi":                  "Failed API Operation",
	"limit_wc":              "Blocked Account",
	"limit_mu":              "Blocked IP Address",
	"limit_ui":              "Too Many Calls to /userinfo",
	"api_limit":             "Rate Limit On API",
	"sdu":                   "Successful User Deletion",
	"fdu":                   "Failed User Deletion",
	"slo":                   "Success Logout",
	"flo":                   "Failed Logout",
	"sd":                    "Success Delegation",
	"fd":                    "Failed Delegation",
	"fcoa":                  "Failed Cross Origin Authentication",
	"scoa":                  "Success Cross Origin Authentication",
	"depnote":               "Deprecation Notice",
	"gd_send_sms":           "SMS Sent",
	"gd_send_sms_failure":   "SMS Send Failed",
	"gd_send_voice":         "Voice Call Made",
	"gd_send_voice_failure": "Voice Call Failed",
	LogTypeHookRunOK:        "Success Hook Run",
	LogTypeHookRunFailed:    "Failed Hook Run",
}

// LogTypeName is the human name of a log event type code, or "" when hookterm does not know it.
func LogTypeName(code string) string { return logTypeNames[code] }

// LogSeverity classes an event for colouring.
type LogSeverity int

const (
	LogSuccess LogSeverity = iota
	LogWarning
	LogFailure
)

// Severity classes a type code the way auth0-cli does (`s…`/`m…` success, `w…` warning,
// `f…` failure), extended with the codes that do not follow that rule.
func Severity(code string) LogSeverity {
	switch {
	case strings.HasSuffix(code, "_failure"), strings.HasPrefix(code, "limit_"), code == "api_limit":
		return LogFailure
	case code == "depnote":
		return LogWarning
	case strings.HasPrefix(code, "f"):
		return LogFailure
	case strings.HasPrefix(code, "w"):
		return LogWarning
	}
	return LogSuccess
}

// LogQuery selects log entries in search mode (GET /api/v2/logs with q, page, per_page, sort).
type LogQuery struct {
	Query   string // Lucene subset, e.g. `type:"fs"`; "" for all
	Page    int    // 0-based
	PerPage int    // 1..100; 0 → 50
	Sort    string // e.g. "date:-1"; "" → the server's default
}

// rateLimitHint rides in an *Error's Err when the server answered 429 and said when to come
// back, because go-auth0's own errors keep no headers and the tailer needs that figure.
type rateLimitHint struct{ after time.Duration }

func (h *rateLimitHint) Error() string {
	return fmt.Sprintf("rate limited: retry after %s", h.after)
}

// defaultRateLimitWait is how long to wait after a 429 that named no time.
const defaultRateLimitWait = 2 * time.Second

// maxRateLimitWait caps what a server can ask for, so a wrong clock never stalls a tail for hours.
const maxRateLimitWait = 2 * time.Minute

// RetryAfter is how long a rate-limited request asks the caller to wait before trying again,
// from Retry-After or X-RateLimit-Reset when the answer carried them; 0 when err is not a 429.
func RetryAfter(err error) time.Duration {
	if err == nil {
		return 0
	}
	var hint *rateLimitHint
	if errors.As(err, &hint) {
		return hint.after
	}
	if errors.Is(err, ErrRateLimited) {
		return defaultRateLimitWait
	}
	return 0
}

// retryAfterFromHeaders reads Retry-After (seconds or an HTTP date), else X-RateLimit-Reset
// (UNIX seconds when the bucket refills), as go-auth0's retry transport does.
func retryAfterFromHeaders(h http.Header, now time.Time) time.Duration {
	var d time.Duration
	found := false
	if v := strings.TrimSpace(h.Get("Retry-After")); v != "" {
		if secs, err := strconv.ParseFloat(v, 64); err == nil {
			d, found = time.Duration(secs*float64(time.Second)), true
		} else if at, err := http.ParseTime(v); err == nil {
			d, found = at.Sub(now), true
		}
	}
	if !found {
		if v := strings.TrimSpace(h.Get("X-RateLimit-Reset")); v != "" {
			if unix, err := strconv.ParseInt(v, 10, 64); err == nil {
				d, found = time.Unix(unix, 0).Sub(now), true
			}
		}
	}
	switch {
	case !found:
		return defaultRateLimitWait
	case d < 100*time.Millisecond:
		// The reset already passed (clock skew or a refill in the same second): try again soon
		// rather than at once, which would only be refused again.
		return 100 * time.Millisecond
	case d > maxRateLimitWait:
		return maxRateLimitWait
	}
	return d
}

// LogsFrom returns up to take entries after the log_id from, oldest first (checkpoint mode:
// GET /api/v2/logs?from=&take=). An empty from asks for the newest entries. Each entry's Raw is
// the JSON object exactly as the tenant sent it.
func (c *Client) LogsFrom(ctx context.Context, from string, take int) ([]LogEntry, error) {
	p, err := c.LogsPage(ctx, from, take)
	return p.Entries, err
}

// LogPage is one checkpoint-mode page and where the next one starts.
type LogPage struct {
	Entries []LogEntry
	// Next is the `from` of the answer's `Link: <…>; rel="next"` header ("" when absent): the
	// checkpoint the tenant says to continue from.
	Next string
}

// LogsPage is LogsFrom with the Link header's next checkpoint.
func (c *Client) LogsPage(ctx context.Context, from string, take int) (LogPage, error) {
	opts := []management.RequestOption{management.Take(clampTake(take))}
	if from != "" {
		opts = append(opts, management.From(from))
	}
	op := "read logs"
	if from != "" {
		op = "read logs after " + from
	}
	body, header, err := c.getLogs(ctx, op, c.m.URI("logs"), opts)
	if err != nil {
		return LogPage{}, err
	}
	es, err := decodeLogEntries(op, body)
	if err != nil {
		return LogPage{}, err
	}
	return LogPage{Entries: es, Next: nextCheckpoint(header)}, nil
}

// nextCheckpoint reads `from` out of a `Link: <url>; rel="next"` header.
func nextCheckpoint(h http.Header) string {
	for _, v := range h.Values("Link") {
		for _, link := range strings.Split(v, ",") {
			target, params, ok := strings.Cut(link, ";")
			if !ok || !strings.Contains(strings.ReplaceAll(params, " ", ""), `rel="next"`) {
				continue
			}
			target = strings.Trim(strings.TrimSpace(target), "<>")
			u, err := url.Parse(target)
			if err != nil {
				continue
			}
			return u.Query().Get("from")
		}
	}
	return ""
}

// SearchLogs returns the entries matching q (search mode: q, page, per_page, sort).
func (c *Client) SearchLogs(ctx context.Context, q LogQuery) ([]LogEntry, error) {
	perPage := q.PerPage
	if perPage <= 0 {
		perPage = 50
	}
	opts := []management.RequestOption{management.Page(q.Page), management.PerPage(min(perPage, 100))}
	if q.Query != "" {
		opts = append(opts, management.Query(q.Query))
	}
	if q.Sort != "" {
		opts = append(opts, management.Parameter("sort", q.Sort))
	}
	return c.listLogs(ctx, "search logs", opts)
}

// GetLog returns one entry by its log_id.
func (c *Client) GetLog(ctx context.Context, id string) (LogEntry, error) {
	if strings.TrimSpace(id) == "" {
		return LogEntry{}, fmt.Errorf("get log: %w", &Error{StatusCode: http.StatusBadRequest, Message: "no log id given"})
	}
	op := "get log " + id
	body, _, err := c.getLogs(ctx, op, c.m.URI("logs", id), nil)
	if err != nil {
		return LogEntry{}, err
	}
	return decodeLogEntry(body)
}

// RecordRun appends a local run of a stored hook to a hookterm tenant's logs (hookterm's
// extension POST /hookterm/v1/hooks/{id}/runs, which writes an shr or fhr entry). An Auth0
// tenant has no such endpoint and keeps no local runs: there it does nothing.
func (c *Client) RecordRun(ctx context.Context, rec RunRecord) error {
	if !c.target.IsLocal() {
		return nil
	}
	if err := checkID(rec.HookID); err != nil {
		return err
	}
	if len(rec.Report) == 0 {
		return fmt.Errorf("record run of hook %s: empty report", rec.HookID)
	}
	body := struct {
		Report json.RawMessage `json:"report"`
	}{rec.Report}
	return c.call(ctx, "record run of hook "+rec.HookID, func(ctx context.Context) error {
		return c.m.Request(ctx, http.MethodPost, c.extensionURI("hooks", rec.HookID, "runs"), body)
	})
}

func clampTake(take int) int {
	switch {
	case take <= 0:
		return 50
	case take > 100:
		return 100
	}
	return take
}

func (c *Client) listLogs(ctx context.Context, op string, opts []management.RequestOption) ([]LogEntry, error) {
	body, _, err := c.getLogs(ctx, op, c.m.URI("logs"), opts)
	if err != nil {
		return nil, err
	}
	return decodeLogEntries(op, body)
}

func decodeLogEntries(op string, body []byte) ([]LogEntry, error) {
	var raws []json.RawMessage
	if err := json.Unmarshal(body, &raws); err != nil {
		return nil, fmt.Errorf("%s: decode the tenant's answer: %w", op, err)
	}
	out := make([]LogEntry, 0, len(raws))
	for _, raw := range raws {
		e, err := decodeLogEntry(raw)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", op, err)
		}
		out = append(out, e)
	}
	return out, nil
}

func decodeLogEntry(raw []byte) (LogEntry, error) {
	var e LogEntry
	if err := json.Unmarshal(raw, &e); err != nil {
		return LogEntry{}, fmt.Errorf("decode log entry: %w", err)
	}
	if e.LogID == "" {
		// Some formats carry only _id (the same value).
		var alt struct {
			ID string `json:"_id"`
		}
		_ = json.Unmarshal(raw, &alt)
		e.LogID = alt.ID
	}
	e.Raw = append(json.RawMessage(nil), bytes.TrimSpace(raw)...)
	return e, nil
}

// getLogs runs one GET through go-auth0's request builder and HTTP client (its auth, base URL
// and our retry transport) but reads the answer itself: LogManager decodes into
// management.Log, which drops fields it does not know (Raw must be the entry as sent), and
// go-auth0's errors keep no headers, while a tail needs Retry-After after a 429.
func (c *Client) getLogs(ctx context.Context, op, uri string, opts []management.RequestOption) ([]byte, http.Header, error) {
	ctx, capt := withCapture(ctx)
	req, err := c.m.NewRequest(ctx, http.MethodGet, uri, nil, opts...)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", op, err)
	}
	resp, err := c.m.Do(req)
	if err != nil {
		return nil, nil, c.explain(ctx, op, err, capt)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return nil, nil, c.explain(ctx, op, fmt.Errorf("read the answer: %w", err), capt)
	}
	if resp.StatusCode >= http.StatusBadRequest {
		se := &statusError{status: resp.StatusCode, text: http.StatusText(resp.StatusCode)}
		var b struct {
			Error   string `json:"error"`
			Message string `json:"message"`
		}
		if json.Unmarshal(body, &b) == nil && b.Message != "" {
			se.message = b.Message
			if b.Error != "" {
				se.text = b.Error
			}
		} else {
			se.message = strings.TrimSpace(string(body))
		}
		if resp.StatusCode == http.StatusTooManyRequests {
			se.hint = &rateLimitHint{after: retryAfterFromHeaders(resp.Header, time.Now())}
		}
		return nil, nil, c.explain(ctx, op, se, capt)
	}
	return body, resp.Header, nil
}

// statusError is an HTTP error answer in go-auth0's management.Error shape, so the client's
// explanations (hints, scopes, end-of-life) apply to it unchanged.
type statusError struct {
	status        int
	text, message string
	hint          *rateLimitHint
}

func (e *statusError) Status() int { return e.status }

func (e *statusError) Error() string { return fmt.Sprintf("%d %s: %s", e.status, e.text, e.message) }

// Unwrap exposes the rate-limit hint to RetryAfter.
func (e *statusError) Unwrap() error {
	if e.hint == nil {
		return nil
	}
	return e.hint
}
