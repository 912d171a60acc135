package tenant

import (
	"context"
	"net/http/httptest"
	"testing"

	"github.com/auth0/go-auth0/management"
)

// TestEmbeddedHandlerDoesNotLogOwnTokens: hookterm's own in-process client fetches a token
// per command; those exchanges are not events, while the same exchange over the served
// handler is logged as Auth0 logs it.
func TestEmbeddedHandlerDoesNotLogOwnTokens(t *testing.T) {
	tn := tenantTestOpen(t, Options{})
	served := tenantTestServe(t, tn)
	embedded := httptest.NewTLSServer(tn.EmbeddedHandler())
	t.Cleanup(embedded.Close)

	count := func(typ string) int {
		m := tenantTestClient(t, tn, served)
		logs, err := m.Log.List(context.Background(), management.Parameter("q", "type:"+typ), management.PerPage(100))
		if err != nil {
			t.Fatalf("Log.List: %v", err)
		}
		return len(logs)
	}
	tenantTestToken(t, tn, embedded, "")
	tenantTestToken(t, tn, embedded, "")
	// count's own client fetches one token over the served handler.
	if got := count("seccft"); got != 1 {
		t.Fatalf("seccft entries after two embedded and one served token request = %d, want 1", got)
	}
	tenantTestToken(t, tn, served, "")
	if got := count("seccft"); got != 3 {
		t.Fatalf("seccft entries after two more served token requests = %d, want 3", got)
	}
}
