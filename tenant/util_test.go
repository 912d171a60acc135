package tenant

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// tenantTestDecode checks the status and decodes the JSON body into v (when not nil).
func tenantTestDecode(t *testing.T, resp *http.Response, want int, v any) {
	t.Helper()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("read body: %v", err)
	}
	if resp.StatusCode != want {
		t.Fatalf("%s %s: status %d, want %d; body %s", resp.Request.Method, resp.Request.URL, resp.StatusCode, want, b)
	}
	if v != nil {
		if err := json.Unmarshal(b, v); err != nil {
			t.Fatalf("decode %s: %v", b, err)
		}
	}
}

// tenantTestDo sends one request to ts with an optional bearer token and returns the status,
// headers and body.
func tenantTestDo(t *testing.T, ts *httptest.Server, method, path, token, body string) (int, http.Header, []byte) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, ts.URL+path, rd)
	if err != nil {
		t.Fatalf("new request: %v", err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("read body: %v", err)
	}
	return resp.StatusCode, resp.Header, b
}

// tenantTestErrorBody decodes an Auth0 error body and checks all four properties are present.
func tenantTestErrorBody(t *testing.T, b []byte) (status int, errText, message, code string) {
	t.Helper()
	var e struct {
		StatusCode *int    `json:"statusCode"`
		Error      *string `json:"error"`
		Message    *string `json:"message"`
		ErrorCode  *string `json:"errorCode"`
	}
	if err := json.Unmarshal(b, &e); err != nil || e.StatusCode == nil || e.Error == nil || e.Message == nil || e.ErrorCode == nil {
		t.Fatalf("not an Auth0 error body: %s (%v)", b, err)
	}
	return *e.StatusCode, *e.Error, *e.Message, *e.ErrorCode
}

// tenantTestExpectError checks status, errorCode and that the message contains want.
func tenantTestExpectError(t *testing.T, status int, b []byte, wantStatus int, wantCode, wantMsg string) {
	t.Helper()
	if status != wantStatus {
		t.Fatalf("status %d, want %d; body %s", status, wantStatus, b)
	}
	st, errText, msg, code := tenantTestErrorBody(t, b)
	if st != wantStatus || errText != http.StatusText(wantStatus) || code != wantCode || !strings.Contains(msg, wantMsg) {
		t.Fatalf("error body %s: want statusCode %d, errorCode %q, message containing %q", b, wantStatus, wantCode, wantMsg)
	}
}
