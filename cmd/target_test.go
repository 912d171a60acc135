package cmd

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
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

// A switch whose enable step fails re-enables the hook it disabled, so the point is left as
// it was.
func TestHooksSwitchRollsBack(t *testing.T) {
	var mu sync.Mutex // the server's goroutines and the test share patches
	var patches []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		a := `{"id":"01GQN0P14K9YTMNH1XKSMGGFRX","name":"a","script":"x","triggerId":"send-phone-message","enabled":true,"dependencies":{}}`
		b := `{"id":"01GQN0P33H3AFJHRWS4KDSRHJK","name":"b","script":"y","triggerId":"send-phone-message","enabled":false,"dependencies":{}}`
		switch {
		case r.URL.Path == "/oauth/token":
			_, _ = w.Write([]byte(`{"access_token":"t","token_type":"Bearer","expires_in":3600}`))
		case r.Method == http.MethodGet && r.URL.Path == "/api/v2/hooks":
			if r.URL.Query().Get("enabled") == "true" {
				_, _ = w.Write([]byte(`{"total":1,"start":0,"limit":100,"hooks":[` + a + `]}`))
				return
			}
			_, _ = w.Write([]byte(`{"total":2,"start":0,"limit":100,"hooks":[` + a + `,` + b + `]}`))
		case r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "RX"):
			_, _ = w.Write([]byte(a))
		case r.Method == http.MethodGet:
			_, _ = w.Write([]byte(b))
		case r.Method == http.MethodPatch:
			var body map[string]any
			_ = json.NewDecoder(r.Body).Decode(&body)
			mu.Lock()
			patches = append(patches, r.URL.Path[len(r.URL.Path)-2:]+"="+fmtAny(body["enabled"]))
			mu.Unlock()
			if strings.HasSuffix(r.URL.Path, "JK") {
				w.WriteHeader(400)
				_, _ = w.Write([]byte(`{"statusCode":400,"error":"Bad Request","message":"Payload validation error: 'boom'.","errorCode":"invalid_body"}`))
				return
			}
			_, _ = w.Write([]byte(a))
		}
	}))
	defer srv.Close()
	addr := strings.TrimPrefix(srv.URL, "http://")
	res := hooksTestRun(t, hooksTestEnv(t), "", 2, "--domain", addr, "--token", "t", "--insecure", "hooks", "enable", "b", "--switch")
	mu.Lock()
	defer mu.Unlock()
	if strings.Join(patches, " ") != "RX=false JK=true RX=true" {
		t.Errorf("PATCHes: %v", patches)
	}
	if !strings.Contains(res.Stderr, "boom") {
		t.Errorf("stderr: %s", res.Stderr)
	}
}

func fmtAny(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func TestTargetConfirm(t *testing.T) {
	for in, want := range map[string]bool{"y\n": true, "YES\n": true, "n\n": false, "\n": false, "": false, "maybe\n": false} {
		app := &App{Stdin: strings.NewReader(in), Stdout: &strings.Builder{}, Stderr: &strings.Builder{}}
		got, err := targetConfirm(context.Background(), app, "sure? ")
		if err != nil || got != want {
			t.Errorf("answer %q: %v %v", in, got, err)
		}
	}
}
