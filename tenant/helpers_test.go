package tenant

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/auth0/go-auth0/management"
	"golang.org/x/oauth2"
)

// tenantTestOpen opens a tenant in a temporary folder and closes it with the test.
func tenantTestOpen(t *testing.T, opts Options) *Tenant {
	t.Helper()
	tn, err := Open(context.Background(), filepath.Join(t.TempDir(), "data"), opts)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := tn.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return tn
}

// tenantTestServe serves tn over TLS on loopback (go-auth0 only speaks https).
func tenantTestServe(t *testing.T, tn *Tenant) *httptest.Server {
	t.Helper()
	ts := httptest.NewTLSServer(tn.Handler())
	t.Cleanup(ts.Close)
	return ts
}

// tenantTestClient is a go-auth0 management client for ts using the tenant's credentials.
func tenantTestClient(t *testing.T, tn *Tenant, ts *httptest.Server, extra ...management.Option) *management.Management {
	t.Helper()
	id, secret := tn.Credentials()
	ctx := context.WithValue(context.Background(), oauth2.HTTPClient, ts.Client())
	opts := append([]management.Option{
		management.WithClient(ts.Client()),
		management.WithClientCredentials(ctx, id, secret),
		management.WithNoRetries(),
	}, extra...)
	m, err := management.New(strings.TrimPrefix(ts.URL, "https://"), opts...)
	if err != nil {
		t.Fatalf("management.New: %v", err)
	}
	return m
}

// tenantTestToken fetches a token with the given form fields over ts.
func tenantTestToken(t *testing.T, tn *Tenant, ts *httptest.Server, scope string) string {
	t.Helper()
	id, secret := tn.Credentials()
	form := "grant_type=client_credentials&client_id=" + id + "&client_secret=" + secret + "&audience=" + ts.URL + "/api/v2/"
	if scope != "" {
		form += "&scope=" + strings.ReplaceAll(scope, " ", "+")
	}
	resp, err := ts.Client().Post(ts.URL+"/oauth/token", "application/x-www-form-urlencoded", strings.NewReader(form))
	if err != nil {
		t.Fatalf("token: %v", err)
	}
	defer resp.Body.Close()
	var body struct {
		AccessToken string `json:"access_token"`
	}
	tenantTestDecode(t, resp, http.StatusOK, &body)
	return body.AccessToken
}
