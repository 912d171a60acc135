package cmd

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// targetTestStub is an Auth0-like tenant for answers the local tenant never gives: two hooks
// with one name (seen on real tenants) and the end-of-life 403.
func targetTestStub(t *testing.T, deprecated bool) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.URL.Path == "/oauth/token":
			_ = json.NewEncoder(w).Encode(map[string]any{"access_token": "t", "token_type": "Bearer", "expires_in": 3600})
		case deprecated:
			w.WriteHeader(403)
			_, _ = w.Write([]byte(`{"statusCode":403,"error":"Forbidden","message":"Insufficient privileges to use this deprecated feature"}`))
		case r.URL.Path == "/api/v2/hooks":
			_, _ = w.Write([]byte(`{"total":2,"start":0,"limit":100,"hooks":[
				{"id":"01GQN0P14K9YTMNH1XKSMGGFRX","name":"twin","script":"a","triggerId":"pre-user-registration","enabled":true,"dependencies":{}},
				{"id":"01GQN0P33H3AFJHRWS4KDSRHJK","name":"twin","script":"b","triggerId":"send-phone-message","enabled":false,"dependencies":{}}]}`))
		default:
			w.WriteHeader(404)
			_, _ = w.Write([]byte(`{"statusCode":404,"error":"Not Found","message":"Error: Hook does not exist","errorCode":"HookDoesNotExist"}`))
		}
	}))
	t.Cleanup(srv.Close)
	return strings.TrimPrefix(srv.URL, "http://")
}

func TestTargetAmbiguousNameListsCandidates(t *testing.T) {
	addr := targetTestStub(t, false)
	res := hooksTestRun(t, hooksTestEnv(t), "", 2, "--domain", addr, "--token", "t", "--insecure", "hooks", "get", "twin")
	for _, want := range []string{"matches 2 hooks", "01GQN0P14K9YTMNH1XKSMGGFRX", "01GQN0P33H3AFJHRWS4KDSRHJK", "send-phone-message"} {
		if !strings.Contains(res.Stderr, want) {
			t.Errorf("ambiguous name: %q missing from %s", want, res.Stderr)
		}
	}
}

func TestTargetDeprecatedTenantSaysSoPlainly(t *testing.T) {
	addr := targetTestStub(t, true)
	res := hooksTestRun(t, hooksTestEnv(t), "", 1, "--domain", addr, "--client-id", "i", "--client-secret", "s", "--insecure", "hooks", "list")
	if !strings.Contains(res.Stderr, "this tenant has no Hooks") || !strings.Contains(res.Stderr, "2026-11-18") {
		t.Errorf("deprecated tenant: %s", res.Stderr)
	}
}
