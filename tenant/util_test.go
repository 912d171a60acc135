package tenant

import (
	"encoding/json"
	"io"
	"net/http"
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
